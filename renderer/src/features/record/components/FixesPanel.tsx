import { Headphones, Loader2, Pause, Undo2, Wand2 } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_THRESHOLDS } from '../../../../../shared/audio/checks';
import { FIX_NAMES, cutSeconds, fixesFor, type FixName } from '../../../../../shared/audio/fixes';
import type { SampleCheck } from '../../../../../shared/catalog';
import { TEST_IDS } from '../../../../../shared/testids';
import { rangeOf, type Trim } from '../audio-pipeline';
import { usePlayback } from '../usePlayback';
import { useRecord, type Take } from '../record-store';

/**
 * The fixes Timbre can make to the uploaded copy that would mend a current warning, and those applied:
 * each says what it did and which checks it turned into a pass, and each can be undone.
 */
export function FixesPanel({ take }: { take: Take }) {
  const { t } = useTranslation('record');
  const setFix = useRecord((state) => state.setFix);
  const { analysis, decoded, fixes, checks, checksWithoutFixes } = take;
  if (!analysis || !decoded) return null;
  const range = rangeOf(decoded.buffer, take.trim);
  const suggested = new Set(checksWithoutFixes.flatMap(fixesFor));
  const byName = (list: SampleCheck[]) => new Map(list.map((check) => [check.name, check]));
  const now = byName(checks);

  const effect = (fix: FixName): { text: string; possible: boolean } => {
    if (fix === 'denoise') {
      if (take.denoising) return { text: t('fixes.denoise.working'), possible: false };
      const from = byName(checksWithoutFixes).get('noise')?.values.snrDb;
      const to = now.get('noise')?.values.snrDb;
      return { text: fixes.denoise ? t('fixes.denoise.applied', { from, to }) : t('fixes.denoise.description'), possible: true };
    }
    if (fix === 'normalize') {
      const from = byName(checksWithoutFixes).get('loudness')?.values.lufs;
      const to = now.get('loudness')?.values.lufs;
      const measurable = typeof from === 'number' && from > -120;
      if (!fixes.normalize || !measurable) return { text: t('fixes.normalize.description'), possible: measurable };
      return { text: t('fixes.normalize.applied', { from, to }), possible: true };
    }
    const seconds = cutSeconds(analysis.speech, range, { ...fixes, [fix]: true })[fix];
    if (seconds < 0.05) return { text: t(`fixes.${fix}.nothing`), possible: fixes[fix] };
    return { text: fixes[fix] ? t(`fixes.${fix}.applied`, { seconds: Math.round(seconds * 10) / 10 }) : t(`fixes.${fix}.description`), possible: true };
  };
  /** Checks that pass now and did not without the fixes, which this fix can mend. */
  const mends = (fix: FixName) =>
    checksWithoutFixes.filter((before) => fixesFor(before).includes(fix) && now.get(before.name)?.status === 'pass').map((check) => t(`checks.${check.name}.label`));

  // Only what can help now, and what was applied (so it can be undone).
  const shown = FIX_NAMES.filter((fix) => fixes[fix] || suggested.has(fix));
  if (shown.length === 0) return null;

  return (
    <section className="fixes" aria-labelledby="fixes-title" data-testid={TEST_IDS.sampleFixes}>
      <h3 id="fixes-title">{t('fixes.title')}</h3>
      <p className="muted fixes-hint">{t('fixes.hint')}</p>
      <ul className="fix-list">
        {shown.map((fix) => {
          const applied = fixes[fix];
          const { text, possible } = effect(fix);
          const mended = applied ? mends(fix) : [];
          return (
            <li key={fix} className={`fix ${applied ? 'applied' : ''}`} data-testid={TEST_IDS.sampleFix} data-fix={fix} data-applied={applied ? 'true' : 'false'}>
              <div className="fix-body">
                <strong>{t(`fixes.${fix}.label`)}</strong>
                <span className="fix-effect">{text}</span>
                {mended.length > 0 && <span className="fix-mends">{t('fixes.mends', { checks: mended.join(', ') })}</span>}
                {fix === 'denoise' && analysis.denoised && <DenoisePreview original={decoded.buffer} denoised={analysis.denoised} range={range} />}
              </div>
              <button
                type="button"
                className={`button ${applied ? '' : 'primary'}`}
                disabled={!possible}
                aria-busy={fix === 'denoise' && take.denoising}
                aria-label={`${applied ? t('fixes.undo') : t('fixes.apply')}: ${t(`fixes.${fix}.label`)}`}
                onClick={() => void setFix(fix, !applied)}
              >
                {fix === 'denoise' && take.denoising ? <Loader2 size={16} className="spin" aria-hidden /> : applied ? <Undo2 size={16} aria-hidden /> : <Wand2 size={16} aria-hidden />}
                {applied ? t('fixes.undo') : t('fixes.apply')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * A/B listening for noise reduction: the same part of the take, as recorded and noise-reduced, so
 * the user can hear whether the voice itself changed before keeping it.
 */
function DenoisePreview({ original, denoised, range }: { original: AudioBuffer; denoised: Float32Array; range: Trim }) {
  const { t } = useTranslation('record');
  const reduced = useMemo(() => {
    const buffer = new AudioBuffer({ length: denoised.length, numberOfChannels: 1, sampleRate: CHECK_THRESHOLDS.uploadSampleRate });
    buffer.copyToChannel(denoised as Float32Array<ArrayBuffer>, 0);
    return buffer;
  }, [denoised]);
  const a = usePlayback(original, range);
  const b = usePlayback(reduced, range);
  const listen = (side: typeof a, other: typeof a) => () => {
    other.stop();
    if (side.playing) side.stop();
    else side.play();
  };
  return (
    <div className="ab-preview" role="group" aria-label={t('fixes.denoise.compare')}>
      <button type="button" className="button" aria-pressed={a.playing} data-testid={TEST_IDS.sampleDenoiseA} onClick={listen(a, b)}>
        {a.playing ? <Pause size={14} aria-hidden /> : <Headphones size={14} aria-hidden />} {t('fixes.denoise.listenOriginal')}
      </button>
      <button type="button" className="button" aria-pressed={b.playing} data-testid={TEST_IDS.sampleDenoiseB} onClick={listen(b, a)}>
        {b.playing ? <Pause size={14} aria-hidden /> : <Headphones size={14} aria-hidden />} {t('fixes.denoise.listenReduced')}
      </button>
    </div>
  );
}
