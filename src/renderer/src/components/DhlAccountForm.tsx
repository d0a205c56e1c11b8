/**
 * Add or edit the DHL account. Built from CARRIER_ACCOUNT_FIELDS like the shop form is from
 * PROVIDER_FIELDS. The secret fields never hold a saved secret (main never sends one): editing shows
 * "•••• saved" and a secret is only replaced when something new is typed. The billing number is
 * checked by main, so the words of a refusal are the same wherever the account is saved from.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CARRIER_ACCOUNT_FIELDS,
  DHL_DEFAULT_PROFILE,
  DHL_DOC_FORMATS,
  type CarrierSecretName,
  type DhlDocFormat,
} from '../../../shared/credential-fields';
import type { CredentialView } from '../../../shared/dto';
import { call } from '../api/client';
import { FormFooter } from './FormFooter';

interface Props {
  /** Absent: add the DHL account. */
  editing?: CredentialView;
  onDone(saved: CredentialView): void;
  onCancel(): void;
}

const fields = CARRIER_ACCOUNT_FIELDS.dhl;

export function DhlAccountForm({ editing, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(editing?.displayName ?? 'DHL Paket');
  const [baseUrl, setBaseUrl] = useState(editing?.baseUrl ?? '');
  const [secrets, setSecrets] = useState<Record<CarrierSecretName, string>>({ apiKey: '', username: '', password: '' });
  const [profile, setProfile] = useState(editing?.settings.profile ?? DHL_DEFAULT_PROFILE);
  const [billingNumber, setBillingNumber] = useState(editing?.settings.billingNumber ?? '');
  const [docFormat, setDocFormat] = useState<DhlDocFormat>(editing?.settings.docFormat ?? 'PDF');
  const [validateFirst, setValidateFirst] = useState(editing?.settings.validateFirst ?? false);

  const save = useMutation({
    mutationFn: () => {
      const common = { displayName, baseUrl, profile, billingNumber, docFormat, validateFirst };
      if (editing) {
        // Only what was typed goes: a blank field keeps the saved secret.
        const typed = Object.fromEntries(fields.secrets.filter((n) => secrets[n] !== '').map((n) => [n, secrets[n]]));
        return call('carriers.updateDhl', { id: editing.id, ...common, ...typed });
      }
      return call('carriers.addDhl', { ...common, ...secrets });
    },
    onSuccess: onDone,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const saved = (name: CarrierSecretName) => editing?.savedSecrets.includes(name) ?? false;

  return (
    <form className="credential-form" data-testid="dhl-form" onSubmit={submit} noValidate>
      <h2 className="section-title">
        {editing ? t('channels.editTitle', { name: editing.displayName }) : t('carriers.addDhlTitle')}
      </h2>
      <label className="field">
        <span>{t('channels.field.displayName')}</span>
        <input
          className="input"
          data-testid="dhl-displayName"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </label>
      <label className="field field--span2">
        <span>{t('carriers.field.baseUrl')}</span>
        <input
          className="input"
          data-testid="dhl-baseUrl"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder={fields.baseUrlHint}
          inputMode="url"
        />
      </label>
      {fields.secrets.map((name) => (
        <label className="field" key={name}>
          <span>{t(`carriers.secret.${name}`)}</span>
          <input
            className="input mono"
            data-testid={`dhl-${name}`}
            type={name === 'username' ? 'text' : 'password'}
            autoComplete="off"
            value={secrets[name]}
            onChange={(e) => setSecrets((s) => ({ ...s, [name]: e.target.value }))}
            placeholder={saved(name) ? t('channels.secretSaved') : ''}
          />
          {saved(name) && <small className="muted">{t('channels.secretKeep')}</small>}
        </label>
      ))}
      <label className="field">
        <span>{t('carriers.field.profile')}</span>
        <input
          className="input"
          data-testid="dhl-profile"
          value={profile}
          onChange={(e) => setProfile(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('carriers.field.billingNumber')}</span>
        <input
          className="input mono"
          data-testid="dhl-billingNumber"
          value={billingNumber}
          onChange={(e) => setBillingNumber(e.target.value)}
          placeholder="33333333330102"
          inputMode="numeric"
        />
      </label>
      <label className="field">
        <span>{t('carriers.field.docFormat')}</span>
        <select
          className="input"
          data-testid="dhl-docFormat"
          value={docFormat}
          onChange={(e) => setDocFormat(e.target.value as DhlDocFormat)}
        >
          {DHL_DOC_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`carriers.docFormat.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--check field--wide">
        <input
          type="checkbox"
          data-testid="dhl-validateFirst"
          checked={validateFirst}
          onChange={(e) => setValidateFirst(e.target.checked)}
        />
        <span>{t('carriers.field.validateFirst')}</span>
      </label>
      <FormFooter
        error={save.error}
        errorTestId="dhl-error"
        pending={save.isPending}
        onCancel={onCancel}
        saveTestId="dhl-save"
        saveLabel={editing ? t('channels.save') : t('carriers.add')}
      />
    </form>
  );
}
