import { FileAudio, Loader2, Mic } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../shared/testids';
import { ScreenHeader } from '../../components/ScreenHeader';
import { onTabListKeyDown } from '../../components/tablist';
import { ImportPanel } from './components/ImportPanel';
import { ProblemNotice } from './components/ProblemNotice';
import { RecorderCard } from './components/RecorderCard';
import { ScriptCard } from './components/ScriptCard';
import { TakePreview } from './components/TakePreview';
import { useRecord } from './record-store';
import { prepareSpeakers } from './workers/detect-speakers';
import { prepareSpeechDetector } from './workers/detect-speech';
import './record.css';

export function RecordScreen() {
  const { t } = useTranslation('record');
  const tab = useRecord((state) => state.tab);
  const setTab = useRecord((state) => state.setTab);
  const take = useRecord((state) => state.take);
  const problem = useRecord((state) => state.problem);
  const busy = useRecord((state) => state.busy);
  useEffect(() => {
    prepareSpeechDetector();
    prepareSpeakers();
  }, []);

  return (
    <div className="record-screen">
      <ScreenHeader
        title={t('common:screens.record.title')}
        subtitle={t('common:screens.record.subtitle')}
        actions={!take && (
          <div className="segmented" role="tablist" aria-label={t('tabs.label')} onKeyDown={onTabListKeyDown}>
            <button type="button" role="tab" aria-selected={tab === 'record'} tabIndex={tab === 'record' ? 0 : -1} data-testid={TEST_IDS.recordTabRecord} onClick={() => setTab('record')}>
              <Mic size={16} aria-hidden /> {t('tabs.record')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'import'} tabIndex={tab === 'import' ? 0 : -1} data-testid={TEST_IDS.recordTabImport} onClick={() => setTab('import')}>
              <FileAudio size={16} aria-hidden /> {t('tabs.import')}
            </button>
          </div>
        )}
      />
      {problem && <ProblemNotice problem={problem} />}
      {take ? (
        <TakePreview take={take} />
      ) : busy === 'loading' || busy === 'saving' ? (
        <div className="card take-loading" role="status">
          <Loader2 size={20} className="spin" aria-hidden /> {busy === 'saving' ? t('take.saving') : t('take.loading')}
        </div>
      ) : tab === 'record' ? (
        <div className="record-grid">
          <ScriptCard disabled={busy !== null} />
          <RecorderCard />
        </div>
      ) : (
        <ImportPanel />
      )}
    </div>
  );
}
