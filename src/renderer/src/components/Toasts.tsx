import { useTranslation } from 'react-i18next';
import { useToasts } from '../state/toast-store';
import { CloseIcon } from './icons';

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {toasts.map((item) => (
        <div
          key={item.id}
          className={`toast toast--${item.kind}`}
          role={item.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          data-kind={item.kind}
        >
          <span className="toast__text">{item.text}</span>
          <button
            type="button"
            className="icon-button"
            onClick={() => dismiss(item.id)}
            aria-label={t('common.dismiss')}
          >
            <CloseIcon width={16} height={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
