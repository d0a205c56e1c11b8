/**
 * The Carriers part of the Channels screen: local delivery (always there, needs no account) and the
 * DHL account, which can be added, tested, edited and switched off. DHL is offered in the bulk bar
 * only while its account is on.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialTestResult, CredentialView } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { useCredentials } from '../api/queries';
import { toast } from '../state/toast-store';
import { DhlAccountForm } from './DhlAccountForm';
import { LabelIcon } from './icons';
import { Spinner } from './Spinner';

function DhlCard({ account, onEdit }: { account: CredentialView; onEdit(): void }) {
  const { t } = useTranslation();
  const [test, setTest] = useState<CredentialTestResult | null>(null);
  const check = useMutation({
    mutationFn: () => call('credentials.test', { id: account.id }),
    onMutate: () => setTest(null),
    onSuccess: setTest,
    onError: (error) => setTest({ ok: false, message: messageOf(error) }),
  });
  const toggle = useMutation({
    mutationFn: () =>
      account.isActive
        ? call('credentials.deactivate', { id: account.id })
        : call('carriers.updateDhl', { id: account.id, isActive: true }),
    onError: (error) => toast.error(messageOf(error)),
  });
  const s = account.settings;

  return (
    <article
      className={account.isActive ? 'channel-card' : 'channel-card is-off'}
      data-testid="carrier-card"
      data-carrier="dhl"
      data-active={account.isActive}
    >
      <header className="channel-card__head">
        <LabelIcon />
        <div className="channel-card__title">
          <div className="channel-card__name">
            {account.displayName}
            {!account.isActive && <span className="badge">{t('channels.off')}</span>}
          </div>
          <div className="muted">
            {t('carrier.dhl')} · {account.baseUrl || t('carriers.productionApi')}
          </div>
        </div>
      </header>
      <p className="muted" data-testid="dhl-summary">
        {t('carriers.summary', {
          billingNumber: s.billingNumber ?? '',
          profile: s.profile ?? '',
          format: s.docFormat ?? 'PDF',
        })}
        {s.validateFirst ? ` · ${t('carriers.validatesFirst')}` : ''}
      </p>
      {test && (
        <p
          className={test.ok ? 'channel-card__test is-ok' : 'channel-card__test is-error'}
          role="status"
          data-testid="carrier-test-result"
          data-outcome={test.ok ? 'ok' : 'error'}
        >
          {test.message}
        </p>
      )}
      <div className="channel-card__actions">
        <button
          type="button"
          className="button"
          data-testid="carrier-test"
          disabled={check.isPending}
          aria-busy={check.isPending}
          onClick={() => check.mutate()}
        >
          {check.isPending && <Spinner size={14} />}
          <span>{t('channels.test')}</span>
        </button>
        <button type="button" className="button" data-testid="carrier-edit" onClick={onEdit}>
          {t('channels.edit')}
        </button>
        <button
          type="button"
          className="button button--ghost"
          data-testid="carrier-toggle"
          disabled={toggle.isPending}
          onClick={() => toggle.mutate()}
        >
          {account.isActive ? t('channels.switchOff') : t('channels.switchOn')}
        </button>
      </div>
    </article>
  );
}

type FormState = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; account: CredentialView };

export function CarriersSection() {
  const { t } = useTranslation();
  const credentials = useCredentials();
  const [form, setForm] = useState<FormState>({ mode: 'closed' });
  const dhl = (credentials.data ?? []).filter((c) => c.type === 'logistics' && c.providerCode === 'dhl');

  return (
    <section className="channels__carriers" aria-label={t('carriers.title')} data-testid="carriers-section">
      <div className="channels__top">
        <div>
          <h2 className="screen-title">{t('carriers.title')}</h2>
          <p className="screen-lead muted">{t('carriers.lead')}</p>
        </div>
        {form.mode === 'closed' && credentials.isSuccess && dhl.length === 0 && (
          <button
            type="button"
            className="button button--primary button--large"
            data-testid="dhl-add"
            onClick={() => setForm({ mode: 'add' })}
          >
            {t('carriers.addDhl')}
          </button>
        )}
      </div>
      {form.mode !== 'closed' && (
        <DhlAccountForm
          key={form.mode === 'edit' ? form.account.id : 'add'}
          editing={form.mode === 'edit' ? form.account : undefined}
          onCancel={() => setForm({ mode: 'closed' })}
          onDone={(saved) => {
            setForm({ mode: 'closed' });
            toast.success(t('channels.saved', { name: saved.displayName }));
          }}
        />
      )}
      <div className="channels__list">
        <article className="channel-card" data-testid="carrier-card" data-carrier="local" data-active="true">
          <header className="channel-card__head">
            <LabelIcon />
            <div className="channel-card__title">
              <div className="channel-card__name">{t('carrier.local')}</div>
              <div className="muted">{t('carriers.localLead')}</div>
            </div>
          </header>
        </article>
        {dhl.map((account) => (
          <DhlCard key={account.id} account={account} onEdit={() => setForm({ mode: 'edit', account })} />
        ))}
      </div>
    </section>
  );
}
