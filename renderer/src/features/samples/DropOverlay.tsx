import { FileAudio } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../shared/testids';
import { useSamples } from './samples-store';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Audio files dropped anywhere on the window become samples, one each (the Import tab's own drop
 * zone handles drops on it first). While files are dragged over the window, it says what will happen.
 */
export function DropOverlay() {
  const { t } = useTranslation('samples');
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth.current++;
      setDragging(true);
    };
    const leave = () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      // Without this the browser would open the file (and Electron's navigation guard refuse it).
      if (hasFiles(event)) event.preventDefault();
    };
    const drop = (event: DragEvent) => {
      depth.current = 0;
      setDragging(false);
      if (!hasFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) void useSamples.getState().importFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" data-testid={TEST_IDS.dropOverlay} aria-hidden>
      <div className="drop-overlay-card">
        <FileAudio size={32} aria-hidden />
        <p>{t('dropHere')}</p>
      </div>
    </div>
  );
}
