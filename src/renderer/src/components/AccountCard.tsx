/**
 * One card for a shop or carrier account on the Channels screen: its name, what it is, lines of its
 * own (last pull, billing number, …), and Test, Edit and Switch off/on. Shops and carriers differ
 * only in those lines, an extra first action (Pull now) and how they are switched back on.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialTestResult, CredentialView } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { toast } from '../state/toast-store';
import { Spinner } from './Spinner';

interface Props {
  account: CredentialView;
  /** Test ids: `${kind}-test`, `${kind}-edit`, `${kind}-toggle`, and the card `${kind}-card`. */
  kind: 'channel' | 'carrier';
  /** The test result's id: shops and carriers were tested by e2e specs under different ones. */
  resultTestId: string;
  icon: ReactNode;
  badges?: ReactNode;
  subtitle: ReactNode;
  /** data-* attributes of the card (carrier code, credential id). */
  data: Record<`data-${string}`, string | number>;
  switchOn(): Promise<unknown>;
  onEdit(): void;
  firstAction?: ReactNode;
  children?: ReactNode;
}

export function AccountCard(props: Props) {
  const { account, kind } = props;
  const { t } = useTranslation();
  const [test, setTest] = useState<CredentialTestResult | null>(null);
  const check = useMutation({
    mutationFn: () => call('credentials.test', { id: account.id }),
    onMutate: () => setTest(null),
    onSuccess: setTest,
    onError: (error) => setTest({ ok: false, message: messageOf(error) }),
  });
  const toggle = useMutation({
    mutationFn: () => (account.isActive ? call('credentials.deactivate', { id: account.id }) : props.switchOn()),
    onError: (error) => toast.error(messageOf(error)),
  });

  return (
    <article
      className={account.isActive ? 'channel-card' : 'channel-card is-off'}
      data-testid={`${kind}-card`}
      data-active={account.isActive}
      {...props.data}
    >
      <header className="channel-card__head">
        {props.icon}
        <div className="channel-card__title">
          <div className="channel-card__name">
            {account.displayName}
            {props.badges}
            {!account.isActive && <span className="badge">{t('channels.off')}</span>}
          </div>
          <div className="muted">{props.subtitle}</div>
        </div>
      </header>
      {props.children}
      {test && (
        <p
          className={test.ok ? 'channel-card__test is-ok' : 'channel-card__test is-error'}
          role="status"
          data-testid={props.resultTestId}
          data-outcome={test.ok ? 'ok' : 'error'}
        >
          {test.message}
        </p>
      )}
      <div className="channel-card__actions">
        {props.firstAction}
        <button
          type="button"
          className="button"
          data-testid={`${kind}-test`}
          disabled={check.isPending}
          aria-busy={check.isPending}
          onClick={() => check.mutate()}
        >
          {check.isPending && <Spinner size={14} />}
          <span>{t('channels.test')}</span>
        </button>
        <button type="button" className="button" data-testid={`${kind}-edit`} onClick={props.onEdit}>
          {t('channels.edit')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          data-testid={`${kind}-toggle`}
          disabled={toggle.isPending}
          onClick={() => toggle.mutate()}
        >
          {account.isActive ? t('channels.switchOff') : t('channels.switchOn')}
        </button>
      </div>
    </article>
  );
}
