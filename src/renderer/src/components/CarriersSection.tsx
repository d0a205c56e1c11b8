/**
 * The Carriers part of the Channels screen: local delivery (always there, needs no account), the
 * DHL account and the Sendcloud account, each of which can be added, tested, edited and switched
 * off. A carrier is offered in the bulk bar only while its account is on.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialView } from '../../../shared/dto';
import { call } from '../api/client';
import { useCredentials } from '../api/queries';
import { toast } from '../state/toast-store';
import { AccountCard } from './AccountCard';
import { DhlAccountForm } from './DhlAccountForm';
import { LabelIcon } from './icons';
import { SendcloudAccountForm } from './SendcloudAccountForm';

type Provider = 'dhl' | 'sendcloud';

function CarrierCard({ account, onEdit }: { account: CredentialView; onEdit(): void }) {
  const { t } = useTranslation();
  const s = account.settings;
  const dhl = account.providerCode === 'dhl';
  return (
    <AccountCard
      account={account}
      kind="carrier"
      resultTestId="carrier-test-result"
      icon={<LabelIcon />}
      subtitle={`${t(`carrier.${account.providerCode}`)} · ${account.baseUrl || t(dhl ? 'carriers.productionApi' : 'carriers.sendcloud.productionApi')}`}
      data={{ 'data-carrier': account.providerCode }}
      switchOn={() =>
        dhl
          ? call('carriers.updateDhl', { id: account.id, isActive: true })
          : call('carriers.updateSendcloud', { id: account.id, isActive: true })
      }
      onEdit={onEdit}
    >
      <p className="muted" data-testid={`${account.providerCode}-summary`}>
        {dhl
          ? t('carriers.summary', {
              billingNumber: s.billingNumber ?? '',
              profile: s.profile ?? '',
              format: s.docFormat ?? 'PDF',
            }) + (s.validateFirst ? ` · ${t('carriers.validatesFirst')}` : '')
          : t('carriers.sendcloud.summary', {
              options: (s.shippingOptions ?? []).join(', '),
              format: (s.labelFormat ?? 'pdf').toUpperCase(),
            })}
      </p>
    </AccountCard>
  );
}

type FormState = { mode: 'closed' } | { mode: 'add'; provider: Provider } | { mode: 'edit'; account: CredentialView };

export function CarriersSection() {
  const { t } = useTranslation();
  const credentials = useCredentials();
  const [form, setForm] = useState<FormState>({ mode: 'closed' });
  const accounts = (credentials.data ?? []).filter(
    (c) => c.type === 'logistics' && (c.providerCode === 'dhl' || c.providerCode === 'sendcloud'),
  );
  // One account per carrier: the Add button of a carrier goes once its account is saved.
  const addable = (['dhl', 'sendcloud'] as const).filter((p) => !accounts.some((a) => a.providerCode === p));
  const provider: Provider | null =
    form.mode === 'add' ? form.provider : form.mode === 'edit' ? (form.account.providerCode as Provider) : null;
  const formProps = {
    key: form.mode === 'edit' ? form.account.id : 'add',
    editing: form.mode === 'edit' ? form.account : undefined,
    onCancel: () => setForm({ mode: 'closed' }),
    onDone: (saved: CredentialView) => {
      setForm({ mode: 'closed' });
      toast.success(t('channels.saved', { name: saved.displayName }));
    },
  };

  return (
    <section className="channels__carriers" aria-label={t('carriers.title')} data-testid="carriers-section">
      <div className="channels__top">
        <div>
          <h2 className="screen-title">{t('carriers.title')}</h2>
          <p className="screen-lead muted">{t('carriers.lead')}</p>
        </div>
        {form.mode === 'closed' && credentials.isSuccess && addable.length > 0 && (
          <div className="channel-card__actions">
            {addable.map((p) => (
              <button
                key={p}
                type="button"
                className="button button--primary button--large"
                data-testid={`${p}-add`}
                onClick={() => setForm({ mode: 'add', provider: p })}
              >
                {t(p === 'dhl' ? 'carriers.addDhl' : 'carriers.sendcloud.add')}
              </button>
            ))}
          </div>
        )}
      </div>
      {provider === 'dhl' && <DhlAccountForm {...formProps} />}
      {provider === 'sendcloud' && <SendcloudAccountForm {...formProps} />}
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
        {accounts.map((account) => (
          <CarrierCard key={account.id} account={account} onEdit={() => setForm({ mode: 'edit', account })} />
        ))}
      </div>
    </section>
  );
}
