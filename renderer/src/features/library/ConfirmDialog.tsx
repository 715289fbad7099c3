import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../shared/testids';

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
}

/** A modal question before something that cannot be undone; Escape or Cancel backs out. */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose(): void }) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="lib-modal-backdrop" onClick={onClose}>
      <div className="lib-modal card" role="alertdialog" aria-modal="true" aria-labelledby="lib-confirm-title" aria-describedby="lib-confirm-body" onClick={(event) => event.stopPropagation()}>
        <h2 id="lib-confirm-title">{request.title}</h2>
        <p id="lib-confirm-body" className="muted">{request.body}</p>
        <div className="lib-modal-actions">
          <button ref={cancelRef} type="button" className="button" onClick={onClose}>{t('actions.cancel')}</button>
          <button
            type="button"
            className="button danger"
            data-testid={TEST_IDS.confirmAccept}
            onClick={() => {
              onClose();
              request.onConfirm();
            }}
          >
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
