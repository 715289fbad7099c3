import { Library } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app-store';
import { ScreenHeader } from '../../components/ScreenHeader';
import { ComposeCard } from './components/ComposeCard';
import { DraftsCard, OfflineNotice } from './components/DraftsCard';
import { HistoryCard } from './components/HistoryCard';
import { ResultCard } from './components/ResultCard';
import { useTry } from './try-store';
import './try.css';

export function TryScreen() {
  const { t } = useTranslation('try');
  const load = useTry((state) => state.load);
  const loaded = useTry((state) => state.voicesLoaded);
  const hasVoices = useTry((state) => state.voices.length > 0);
  const go = useApp((state) => state.go);

  useEffect(() => {
    void load();
  }, [load]);

  // Escape stops a run, as Stop does (a dialog that handles Escape first keeps it).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || !useTry.getState().run) return;
      event.preventDefault();
      void useTry.getState().cancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <ScreenHeader title={t('common:screens.try.title')} subtitle={t('common:screens.try.subtitle')} />
      <OfflineNotice />
      {loaded && !hasVoices ? (
        <div className="empty-state try-empty">
          <div>
            <h2>{t('empty.title')}</h2>
            <p className="muted">{t('empty.body')}</p>
            <button type="button" className="button primary" onClick={() => go('library')}>
              <Library size={16} aria-hidden /> {t('empty.action')}
            </button>
          </div>
        </div>
      ) : (
        <div className="try-layout">
          <div className="try-column">
            <ComposeCard />
            <DraftsCard />
          </div>
          <div className="try-column">
            <ResultCard />
            <HistoryCard />
          </div>
        </div>
      )}
    </>
  );
}
