/**
 * The shift lead's Channels screen: every connected shop with its last pull, and what can be done
 * with it (pull now, test the keys, edit, switch off or on), plus connecting a new one; below, the
 * carriers labels are bought from (CarriersSection).
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APP_LABEL_CHOICE, type LabelChoice } from '../../../shared/carriers';
import type { CredentialView } from '../../../shared/dto';
import { messageOf } from '../api/api-error';
import { call } from '../api/client';
import { useCredentials } from '../api/queries';
import { AccountCard } from '../components/AccountCard';
import { CarriersSection } from '../components/CarriersSection';
import { CredentialForm } from '../components/CredentialForm';
import { choiceName, LabelChoiceSelect } from '../components/LabelChoiceSelect';
import { PullIcon, StoreIcon } from '../components/icons';
import { Spinner } from '../components/Spinner';
import { formatDateTime } from '../formatting';
import { toast } from '../state/toast-store';

/**
 * How the last pull went. A failed one leads with "failed" and the shop's words (its counts only
 * when it brought something before it stopped), and says when the last complete pull began: the
 * orders in the queue are whole up to then. Below, why orders were left out, if any were.
 */
function LastPullLine({ shop }: { shop: CredentialView }) {
  const { t } = useTranslation();
  const last = shop.lastPull;
  if (!last) return <p className="muted">{t('shops.neverPulled')}</p>;
  const time = formatDateTime(last.at);
  const counts = t('pull.result', {
    pulled: last.result.pulled,
    newOrders: last.result.new_orders,
    failed: last.result.failed,
  });
  return (
    <>
      {last.error ? (
        <p className="channel-card__last is-error" data-testid="last-pull">
          {t('channels.lastPullFailed', { time })}
          {last.result.pulled > 0 && `: ${counts}`}
          <span className="channel-card__error" data-testid="last-pull-error">
            {last.error}
          </span>
          {shop.lastPulledAt && (
            <span className="channel-card__complete muted" data-testid="last-complete-pull">
              {t('channels.lastCompletePull', { time: formatDateTime(shop.lastPulledAt) })}
            </span>
          )}
        </p>
      ) : (
        <p className="channel-card__last" data-testid="last-pull">
          {t('channels.lastPull', { time })}: {counts}
        </p>
      )}
      <LeftOut leftOut={last.leftOut} />
    </>
  );
}

/** Orders without a readable id have no row to carry their reason: the card does. */
function LeftOut({ leftOut }: { leftOut: NonNullable<CredentialView['lastPull']>['leftOut'] }) {
  const { t } = useTranslation();
  if (leftOut.count === 0) return null;
  const more = leftOut.count - leftOut.reasons.length;
  return (
    <div className="channel-card__left-out" data-testid="left-out">
      <p>{t('channels.leftOut', { count: leftOut.count })}</p>
      <ul>
        {leftOut.reasons.map((reason, i) => (
          <li key={i}>{reason}</li>
        ))}
      </ul>
      {more > 0 && <p className="muted">{t('channels.leftOutMore', { count: more })}</p>}
    </div>
  );
}

function ChannelCard({ shop, onEdit }: { shop: CredentialView; onEdit(): void }) {
  const { t } = useTranslation();
  const pull = useMutation({
    mutationFn: () => call('orders.pull', { credentialId: shop.id }),
    onSuccess: (r) => toast.success(t('pull.result', { pulled: r.pulled, newOrders: r.new_orders, failed: r.failed })),
    onError: (error) => toast.error(messageOf(error)),
  });
  const labelDefault = useMutation({
    mutationFn: (choice: LabelChoice | null) => call('credentials.setLabelDefault', { id: shop.id, choice }),
    onSuccess: (saved) =>
      toast.success(
        t('channels.labelDefaultSaved', {
          name: saved.displayName,
          choice: saved.labelDefault ? choiceName(t, saved.labelDefault) : choiceName(t, APP_LABEL_CHOICE),
        }),
      ),
    onError: (error) => toast.error(messageOf(error)),
  });
  const minutes = shop.settings.autoPullMinutes ?? 0;

  return (
    <AccountCard
      account={shop}
      kind="channel"
      resultTestId="test-result"
      icon={<StoreIcon />}
      badges={shop.isSandbox && <span className="badge badge--training">{t('shops.training')}</span>}
      subtitle={`${t(`channel.${shop.providerCode}`, shop.providerCode)} · ${shop.externalId} · ${shop.baseUrl}`}
      data={{ 'data-credential-id': shop.id }}
      switchOn={() => call('credentials.update', { id: shop.id, isActive: true })}
      onEdit={onEdit}
      firstAction={
        <button
          type="button"
          className="button button--primary"
          data-testid="channel-pull"
          disabled={!shop.isActive || pull.isPending}
          aria-busy={pull.isPending}
          onClick={() => pull.mutate()}
        >
          {pull.isPending ? <Spinner size={14} /> : <PullIcon width={16} height={16} />}
          <span>{t('pull.button')}</span>
        </button>
      }
    >
      <LastPullLine shop={shop} />
      <p className="muted" data-testid="auto-pull">
        {minutes > 0 ? t('channels.autoPullEvery', { minutes }) : t('channels.autoPullOff')}
      </p>
      <label className="channel-card__labels">
        <span className="muted">{t('channels.labelDefault')}</span>
        <LabelChoiceSelect
          testId="channel-label-default"
          ariaLabel={t('channels.labelDefault')}
          value={shop.labelDefault}
          unsetLabel={t('channels.labelDefaultApp', { choice: choiceName(t, APP_LABEL_CHOICE) })}
          disabled={labelDefault.isPending}
          onChange={(choice) => labelDefault.mutate(choice)}
        />
      </label>
    </AccountCard>
  );
}

type FormState = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; shop: CredentialView };

export function ChannelsScreen() {
  const { t } = useTranslation();
  const credentials = useCredentials();
  const [form, setForm] = useState<FormState>({ mode: 'closed' });
  const shops = (credentials.data ?? []).filter((c) => c.type === 'order_channel');

  return (
    <div className="channels">
      <div className="channels__top">
        <div>
          <h1 className="screen-title">{t('channels.title')}</h1>
          <p className="screen-lead muted">{t('channels.lead')}</p>
        </div>
        {form.mode === 'closed' && (
          <button
            type="button"
            className="button button--primary button--large"
            data-testid="channel-add"
            onClick={() => setForm({ mode: 'add' })}
          >
            {t('firstStart.connect')}
          </button>
        )}
      </div>
      {form.mode !== 'closed' && (
        <CredentialForm
          key={form.mode === 'edit' ? form.shop.id : 'add'}
          editing={form.mode === 'edit' ? form.shop : undefined}
          onCancel={() => setForm({ mode: 'closed' })}
          onDone={(saved) => {
            setForm({ mode: 'closed' });
            toast.success(t('channels.saved', { name: saved.displayName }));
          }}
        />
      )}
      {credentials.isPending && <Spinner size={20} label={t('common.loading')} />}
      {credentials.isError && <p className="inline-error">{messageOf(credentials.error)}</p>}
      {credentials.isSuccess && shops.length === 0 && <p className="muted">{t('shops.none')}</p>}
      <section className="channels__list" aria-label={t('shops.label')}>
        {shops.map((shop) => (
          <ChannelCard key={shop.id} shop={shop} onEdit={() => setForm({ mode: 'edit', shop })} />
        ))}
      </section>
      <CarriersSection />
    </div>
  );
}
