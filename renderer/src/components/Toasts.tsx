import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../shared/testids';
import { useToasts, type ToastKind } from './toast-store';
import { IconButton } from './IconButton';

const ICONS: Record<ToastKind, typeof Info> = { error: CircleAlert, info: Info, success: CircleCheck };

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <section className="toasts" aria-label={t('toastRegion')} aria-live="polite">
      {toasts.map((item) => {
        const Icon = ICONS[item.kind];
        return (
          <div key={item.id} className={`toast toast-${item.kind}`} data-testid={TEST_IDS.toast} data-kind={item.kind} role={item.kind === 'error' ? 'alert' : 'status'}>
            <Icon size={18} aria-hidden />
            <span className="toast-message">{item.message}</span>
            {item.action && (
              <button type="button" className="button toast-action" data-testid={TEST_IDS.toastAction} onClick={() => {
                dismiss(item.id);
                item.action!.run();
              }}>
                {item.action.label}
              </button>
            )}
            <IconButton label={t('actions.dismiss')} onClick={() => dismiss(item.id)}>
              <X size={16} aria-hidden />
            </IconButton>
          </div>
        );
      })}
    </section>
  );
}
