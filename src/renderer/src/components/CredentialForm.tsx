/**
 * Connect a shop, or edit one. The secret fields never hold a saved secret (main never sends one):
 * editing shows "•••• saved" for the secrets main says are saved, and a secret is only replaced
 * when something new is typed. An optional one (a storefront's Shopify token) can also be removed.
 */
import { useMutation } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUTO_PULL_MINUTES,
  CONNECTABLE_PROVIDERS,
  DETAIL_SOURCES,
  PROVIDER_FIELDS,
  type ConnectableProvider,
  type DetailSource,
  type SecretName,
} from '../../../shared/credential-fields';
import type { CredentialView } from '../../../shared/dto';
import { call } from '../api/client';
import { FormFooter } from './FormFooter';

interface Props {
  /** Absent: connect a new shop. */
  editing?: CredentialView;
  onDone(saved: CredentialView): void;
  onCancel(): void;
}

function isConnectable(code: string): code is ConnectableProvider {
  return CONNECTABLE_PROVIDERS.some((p) => p === code);
}

export function CredentialForm({ editing, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [provider, setProvider] = useState<ConnectableProvider>(
    editing && isConnectable(editing.providerCode) ? editing.providerCode : 'woocommerce',
  );
  const [displayName, setDisplayName] = useState(editing?.displayName ?? '');
  const [externalId, setExternalId] = useState(editing?.externalId ?? '');
  const [baseUrl, setBaseUrl] = useState(editing?.baseUrl ?? '');
  const [secrets, setSecrets] = useState<Record<SecretName, string>>({
    apiKey: '',
    apiSecret: '',
    username: '',
    password: '',
  });
  const [removing, setRemoving] = useState<readonly SecretName[]>([]);
  const [statuses, setStatuses] = useState((editing?.settings.statuses ?? []).join(', '));
  const [autoPull, setAutoPull] = useState(editing?.settings.autoPullMinutes ?? 0);
  const [detailSource, setDetailSource] = useState<DetailSource>(editing?.settings.detailSource ?? 'shop');
  const [shopifyDomain, setShopifyDomain] = useState(editing?.settings.shopifyDomain ?? '');
  const [shopifyShopId, setShopifyShopId] = useState(String(editing?.settings.shopifyShopId ?? ''));
  const fields = PROVIDER_FIELDS[provider];

  const save = useMutation({
    mutationFn: () => {
      const statusList = statuses
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const settings = {
        // Settings this form does not show (a shop's time offset, set through the API) stay as they were.
        ...(editing?.settings.utcOffset ? { utcOffset: editing.settings.utcOffset } : {}),
        ...(editing?.settings.country ? { country: editing.settings.country } : {}),
        autoPullMinutes: autoPull,
        ...(fields.statusesSetting && statusList.length > 0 ? { statuses: statusList } : {}),
        ...(fields.shopifyProxySettings
          ? {
              detailSource,
              ...(shopifyDomain.trim() ? { shopifyDomain: shopifyDomain.trim() } : {}),
              ...(shopifyShopId.trim() ? { shopifyShopId: Number(shopifyShopId) } : {}),
            }
          : {}),
      };
      if (editing) {
        return call('credentials.update', {
          id: editing.id,
          displayName,
          baseUrl,
          settings,
          // Only what was typed goes: a blank field keeps the saved secret.
          ...Object.fromEntries(fields.secrets.filter((name) => secrets[name]).map((name) => [name, secrets[name]])),
          ...(removing.length > 0 ? { removeSecrets: [...removing] } : {}),
        });
      }
      return call('credentials.add', {
        providerCode: provider,
        externalId,
        displayName,
        baseUrl,
        settings,
        apiKey: secrets.apiKey,
        apiSecret: secrets.apiSecret,
        ...(fields.secrets.includes('username') ? { username: secrets.username, password: secrets.password } : {}),
      });
    },
    onSuccess: onDone,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const saved = (name: SecretName) => editing?.savedSecrets.includes(name) ?? false;

  return (
    <form className="credential-form" data-testid="credential-form" onSubmit={submit} noValidate>
      <h2 className="section-title">
        {editing ? t('channels.editTitle', { name: editing.displayName }) : t('channels.addTitle')}
      </h2>
      <label className="field">
        <span>{t('channels.field.provider')}</span>
        <select
          className="input"
          data-testid="field-provider"
          value={provider}
          disabled={editing !== undefined}
          onChange={(e) => setProvider(e.target.value as ConnectableProvider)}
        >
          {CONNECTABLE_PROVIDERS.map((p) => (
            <option key={p} value={p}>
              {t(`channel.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('channels.field.displayName')}</span>
        <input
          className="input"
          data-testid="field-displayName"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('channels.field.externalId')}</span>
        <input
          className="input"
          data-testid="field-externalId"
          value={externalId}
          disabled={editing !== undefined}
          onChange={(e) => setExternalId(e.target.value)}
          placeholder="store_abc"
        />
      </label>
      <label className="field field--wide">
        <span>{t(`channels.baseUrl.${provider}`)}</span>
        <input
          className="input"
          data-testid="field-baseUrl"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder={fields.baseUrlHint}
          inputMode="url"
        />
      </label>
      {fields.secrets.map((name) => {
        const removed = removing.includes(name);
        return (
          <Fragment key={name}>
            <label className="field field--wide">
              <span>{t(`channels.secret.${provider}.${name}`)}</span>
              <input
                className="input mono"
                data-testid={`field-${name}`}
                type={name === 'username' ? 'text' : 'password'}
                autoComplete="off"
                value={secrets[name]}
                disabled={removed}
                onChange={(e) => setSecrets((s) => ({ ...s, [name]: e.target.value }))}
                placeholder={
                  saved(name) && !removed
                    ? t('channels.secretSaved')
                    : fields.secretsOptional
                      ? t('channels.secretOptional')
                      : ''
                }
              />
              {saved(name) && !removed && <small className="muted">{t('channels.secretKeep')}</small>}
            </label>
            {saved(name) && fields.secretsOptional && (
              <label className="field field--check field--wide">
                <input
                  type="checkbox"
                  data-testid={`remove-${name}`}
                  checked={removed}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setRemoving((r) => (on ? [...r, name] : r.filter((n) => n !== name)));
                    if (on) setSecrets((s) => ({ ...s, [name]: '' }));
                  }}
                />
                <span>{t('channels.secretRemove')}</span>
              </label>
            )}
          </Fragment>
        );
      })}
      {fields.statusesSetting && (
        <label className="field field--wide">
          <span>{t([`channels.statusesFor.${provider}`, 'channels.field.statuses'])}</span>
          <input
            className="input"
            data-testid="field-statuses"
            value={statuses}
            onChange={(e) => setStatuses(e.target.value)}
            placeholder={fields.statusesHint ?? 'processing, on-hold'}
          />
        </label>
      )}
      {fields.shopifyProxySettings && (
        <>
          <label className="field field--wide">
            <span>{t('channels.field.detailSource')}</span>
            <select
              className="input"
              data-testid="field-detailSource"
              value={detailSource}
              onChange={(e) => setDetailSource(e.target.value as DetailSource)}
            >
              {DETAIL_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`channels.detailSource.${s}`)}
                </option>
              ))}
            </select>
            <small className="muted">{t('channels.detailSourceHint')}</small>
          </label>
          <label className="field">
            <span>{t('channels.field.shopifyDomain')}</span>
            <input
              className="input"
              data-testid="field-shopifyDomain"
              value={shopifyDomain}
              onChange={(e) => setShopifyDomain(e.target.value)}
              placeholder="your-store.myshopify.com"
            />
          </label>
          <label className="field">
            <span>{t('channels.field.shopifyShopId')}</span>
            <input
              className="input"
              data-testid="field-shopifyShopId"
              type="number"
              min={1}
              step={1}
              value={shopifyShopId}
              onChange={(e) => setShopifyShopId(e.target.value)}
            />
          </label>
        </>
      )}
      <label className="field">
        <span>{t('channels.field.autoPull')}</span>
        <select
          className="input"
          data-testid="field-autoPull"
          value={autoPull}
          onChange={(e) => setAutoPull(Number(e.target.value))}
        >
          {AUTO_PULL_MINUTES.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t('channels.autoPullOff') : t('channels.autoPullEvery', { minutes: m })}
            </option>
          ))}
        </select>
      </label>
      <FormFooter
        error={save.error}
        errorTestId="credential-error"
        pending={save.isPending}
        onCancel={onCancel}
        saveTestId="credential-save"
        saveLabel={editing ? t('channels.save') : t('channels.connect')}
      />
    </form>
  );
}
