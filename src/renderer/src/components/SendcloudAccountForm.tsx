/**
 * Add or edit the Sendcloud account: its public and secret key (Sendcloud → Settings →
 * Integrations → Sendcloud API), the shipping options to offer (one per line, the first is the
 * default) and the label format. Like the DHL form, the key fields never hold a saved key: editing
 * shows "•••• saved" and a key is only replaced when something new is typed. The options are
 * checked by main, so a refusal reads the same wherever the account is saved from.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CARRIER_ACCOUNT_FIELDS,
  SENDCLOUD_LABEL_FORMATS,
  type SendcloudLabelFormat,
} from '../../../shared/credential-fields';
import type { CredentialView } from '../../../shared/dto';
import { call } from '../api/client';
import { FormFooter } from './FormFooter';

interface Props {
  /** Absent: add the Sendcloud account. */
  editing?: CredentialView | undefined;
  onDone(saved: CredentialView): void;
  onCancel(): void;
}

const KEYS = [
  { name: 'publicKey', stored: 'apiKey' },
  { name: 'secretKey', stored: 'apiSecret' },
] as const;

export function SendcloudAccountForm({ editing, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(editing?.displayName ?? 'Sendcloud');
  const [baseUrl, setBaseUrl] = useState(editing?.baseUrl ?? '');
  const [keys, setKeys] = useState({ publicKey: '', secretKey: '' });
  const [shippingOptions, setShippingOptions] = useState((editing?.settings.shippingOptions ?? []).join('\n'));
  const [labelFormat, setLabelFormat] = useState<SendcloudLabelFormat>(editing?.settings.labelFormat ?? 'pdf');

  const save = useMutation({
    mutationFn: () => {
      const common = { displayName, baseUrl, shippingOptions, labelFormat };
      if (editing) {
        // Only what was typed goes: a blank field keeps the saved key.
        const typed = Object.fromEntries(KEYS.filter((k) => keys[k.name] !== '').map((k) => [k.name, keys[k.name]]));
        return call('carriers.updateSendcloud', { id: editing.id, ...common, ...typed });
      }
      return call('carriers.addSendcloud', { ...common, ...keys });
    },
    onSuccess: onDone,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form className="credential-form" data-testid="sendcloud-form" onSubmit={submit} noValidate>
      <h2 className="section-title">
        {editing ? t('channels.editTitle', { name: editing.displayName }) : t('carriers.sendcloud.addTitle')}
      </h2>
      <label className="field">
        <span>{t('channels.field.displayName')}</span>
        <input
          className="input"
          data-testid="sendcloud-displayName"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </label>
      <label className="field field--span2">
        <span>{t('carriers.sendcloud.baseUrl')}</span>
        <input
          className="input"
          data-testid="sendcloud-baseUrl"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder={CARRIER_ACCOUNT_FIELDS.sendcloud.baseUrlHint}
          inputMode="url"
        />
      </label>
      {KEYS.map(({ name, stored }) => {
        const saved = editing?.savedSecrets.includes(stored) ?? false;
        return (
          <label className="field" key={name}>
            <span>{t(`carriers.sendcloud.${name}`)}</span>
            <input
              className="input mono"
              data-testid={`sendcloud-${name}`}
              type="password"
              autoComplete="off"
              value={keys[name]}
              onChange={(e) => setKeys((k) => ({ ...k, [name]: e.target.value }))}
              placeholder={saved ? t('channels.secretSaved') : ''}
            />
            {saved && <small className="muted">{t('channels.secretKeep')}</small>}
          </label>
        );
      })}
      <label className="field field--span2">
        <span>{t('carriers.sendcloud.shippingOptions')}</span>
        <textarea
          className="input mono"
          data-testid="sendcloud-shippingOptions"
          rows={3}
          value={shippingOptions}
          onChange={(e) => setShippingOptions(e.target.value)}
          placeholder={'postnl:standard\ndhl:paket'}
        />
      </label>
      <label className="field">
        <span>{t('carriers.field.docFormat')}</span>
        <select
          className="input"
          data-testid="sendcloud-labelFormat"
          value={labelFormat}
          onChange={(e) => setLabelFormat(e.target.value as SendcloudLabelFormat)}
        >
          {SENDCLOUD_LABEL_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`carriers.sendcloud.format.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <FormFooter
        error={save.error}
        errorTestId="sendcloud-error"
        pending={save.isPending}
        onCancel={onCancel}
        saveTestId="sendcloud-save"
        saveLabel={editing ? t('channels.save') : t('carriers.add')}
      />
    </form>
  );
}
