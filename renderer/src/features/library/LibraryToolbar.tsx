/**
 * Search, sort and filters. Each part reads only its own slice of the store, so a keystroke
 * re-renders the search field and the count, not the selects: React re-applies every <option> of
 * a <select> it renders again, which was a third of what a keystroke cost.
 */
import { Search } from 'lucide-react';
import { memo, useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { VOICE_STATUSES, type VoiceStatus } from '../../../../shared/catalog';
import { SORT_KEYS, type SortKey } from '../../../../shared/library';
import { TARGET_MODELS, type SampleLanguage, type TargetModel } from '../../../../shared/models';
import { TEST_IDS } from '../../../../shared/testids';
import { modelLabel } from './format';
import { useLibrary } from './library-store';
import { languageOptions } from '../../language-options';

/**
 * Uncontrolled: a keystroke goes to the store (and main) without rendering anything here; what
 * else changes the query (Clear filters) is written back into the field.
 */
function SearchField({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation('library');
  const setFilters = useLibrary((state) => state.setFilters);
  useEffect(() => useLibrary.subscribe(({ filters }) => {
    const input = inputRef.current;
    if (input && input.value !== filters.query) input.value = filters.query;
  }), [inputRef]);
  return (
    <label className="lib-search">
      <Search size={16} aria-hidden />
      <input
        ref={inputRef}
        className="input"
        type="search"
        data-testid={TEST_IDS.librarySearch}
        placeholder={t('filters.search')}
        title={t('filters.searchShortcut')}
        aria-label={t('filters.search')}
        aria-keyshortcuts="Control+F"
        spellCheck={false}
        autoComplete="off"
        defaultValue={useLibrary.getState().filters.query}
        onChange={(event) => setFilters({ query: event.target.value })}
      />
    </label>
  );
}

const SortSelect = memo(function SortSelect() {
  const { t } = useTranslation('library');
  const sort = useLibrary((state) => state.sort);
  const setSort = useLibrary((state) => state.setSort);
  return (
    <select className="select" data-testid={TEST_IDS.librarySort} aria-label={t('filters.sort')} value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
      {SORT_KEYS.map((key) => <option key={key} value={key}>{t(`sort.${key}`)}</option>)}
    </select>
  );
});

function MatchCount() {
  const { t } = useTranslation('library');
  const total = useLibrary((state) => state.total);
  const catalogTotal = useLibrary((state) => state.catalogTotal);
  return <span className="muted lib-count" aria-live="polite">{t('filters.count', { count: total, total: catalogTotal })}</span>;
}

const FilterSelects = memo(function FilterSelects() {
  const { t, i18n } = useTranslation('library');
  const model = useLibrary((state) => state.filters.model);
  const language = useLibrary((state) => state.filters.language);
  const status = useLibrary((state) => state.filters.status);
  const tag = useLibrary((state) => state.filters.tag);
  const tags = useLibrary((state) => state.tags);
  const setFilters = useLibrary((state) => state.setFilters);
  return (
    <>
      <select className="select" data-testid={TEST_IDS.libraryFilterModel} aria-label={t('filters.model')} value={model} onChange={(event) => setFilters({ model: event.target.value as TargetModel | 'all' })}>
        <option value="all">{t('filters.allModels')}</option>
        {TARGET_MODELS.map((id) => <option key={id} value={id}>{modelLabel(t, id)}</option>)}
      </select>
      <select className="select" data-testid={TEST_IDS.libraryFilterLanguage} aria-label={t('filters.language')} value={language} onChange={(event) => setFilters({ language: event.target.value as SampleLanguage | 'all' })}>
        <option value="all">{t('filters.allLanguages')}</option>
        {languageOptions(i18n.language).map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
      <select className="select" data-testid={TEST_IDS.libraryFilterStatus} aria-label={t('filters.status')} value={status} onChange={(event) => setFilters({ status: event.target.value as VoiceStatus | 'all' })}>
        <option value="all">{t('filters.allStatuses')}</option>
        {VOICE_STATUSES.map((id) => <option key={id} value={id}>{t(`status.${id}`)}</option>)}
      </select>
      {tags.length > 0 && (
        <select className="select" data-testid={TEST_IDS.libraryFilterTag} aria-label={t('filters.tag')} value={tag} onChange={(event) => setFilters({ tag: event.target.value })}>
          <option value="all">{t('filters.allTags')}</option>
          {tags.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      )}
    </>
  );
});

/** `removed`: the "Recently removed" control, placed at the end of the filter row. */
export const LibraryToolbar = memo(function LibraryToolbar({ searchRef, removed }: { searchRef: RefObject<HTMLInputElement | null>; removed: React.ReactNode }) {
  return (
    <div className="lib-toolbar" role="search">
      <div className="lib-toolbar-row">
        <SearchField inputRef={searchRef} />
        <SortSelect />
        <MatchCount />
      </div>
      <div className="lib-toolbar-row">
        <FilterSelects />
        {removed}
      </div>
    </div>
  );
});
