import { Bookmark, WifiOff, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../../shared/testids';
import { useApp } from '../../../app-store';
import { formatDate } from '../../../format';
import { useTry } from '../try-store';
import { IconButton } from '../../../components/IconButton';

/** Offline: synthesis needs DashScope, so say so and offer to keep the text. */
export function OfflineNotice() {
  const { t } = useTranslation('try');
  const online = useApp((state) => state.online);
  const hasText = useTry((state) => state.text.trim() !== '');
  const keepDraft = useTry((state) => state.keepDraft);
  if (online) return null;
  return (
    <div className="callout warning try-offline" role="status" data-testid={TEST_IDS.tryOffline}>
      <WifiOff size={18} aria-hidden />
      <div className="callout-body">
        <p className="callout-title">{t('offline.title')}</p>
        <p>{t('offline.body')}</p>
      </div>
      <button type="button" className="button" disabled={!hasText} onClick={keepDraft}>
        <Bookmark size={16} aria-hidden /> {t('form.keep')}
      </button>
    </div>
  );
}

/** Texts kept for later, with the voice they were meant for. */
export function DraftsCard() {
  const { t, i18n } = useTranslation('try');
  const drafts = useTry((state) => state.drafts);
  const voices = useTry((state) => state.voices);
  const running = useTry((state) => state.run !== null);
  const restoreDraft = useTry((state) => state.restoreDraft);
  const removeDraft = useTry((state) => state.removeDraft);
  if (drafts.length === 0) return null;
  return (
    <section className="card try-drafts" aria-labelledby="try-drafts-title">
      <div className="try-card-head">
        <h2 id="try-drafts-title">{t('drafts.title')}</h2>
      </div>
      <ul className="try-entries">
        {drafts.map((draft) => {
          const voice = voices.find((item) => item.voice.id === draft.voiceId)?.voice.displayName;
          return (
            <li key={draft.id} className="try-entry" data-testid={TEST_IDS.tryDraft} data-draft-id={draft.id}>
              <div className="try-entry-main">
                <p className="try-entry-text" title={draft.text}>{draft.text}</p>
                <p className="try-entry-meta muted">
                  <span>{formatDate(i18n.language, draft.savedAt)}</span>
                  {voice && <span>{t('drafts.forVoice', { voice })}</span>}
                </p>
              </div>
              <div className="try-entry-actions">
                <button type="button" className="button" data-testid={TEST_IDS.tryDraftUse} disabled={running} onClick={() => restoreDraft(draft.id)}>
                  {t('drafts.use')}
                </button>
                <IconButton label={t('drafts.remove')} data-testid={TEST_IDS.tryDraftRemove} onClick={() => removeDraft(draft.id)}>
                  <X size={16} aria-hidden />
                </IconButton>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
