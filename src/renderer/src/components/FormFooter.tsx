/**
 * The foot of every settings form: the refusal from main in words, then Cancel and Save (busy
 * while the save runs), so each form reads and behaves the same.
 */
import { useTranslation } from 'react-i18next';
import { messageOf } from '../api/api-error';
import { Spinner } from './Spinner';

export function FormFooter(props: {
  error: unknown;
  errorTestId: string;
  pending: boolean;
  onCancel(): void;
  saveTestId: string;
  saveLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {props.error != null && (
        <p className="inline-error field--wide" role="alert" data-testid={props.errorTestId}>
          {messageOf(props.error)}
        </p>
      )}
      <div className="credential-form__actions field--wide">
        <button type="button" className="button" onClick={props.onCancel} disabled={props.pending}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button--primary"
          data-testid={props.saveTestId}
          disabled={props.pending}
          aria-busy={props.pending}
        >
          {props.pending && <Spinner size={14} />}
          <span>{props.saveLabel}</span>
        </button>
      </div>
    </>
  );
}
