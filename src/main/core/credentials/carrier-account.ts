/**
 * Adding and editing the DHL and Sendcloud accounts from the Carriers section. Like a shop's
 * credential: checked in words before anything is stored, secrets sealed (SecretBox) and never
 * returned, a blank secret on edit keeps the saved one. One account per carrier. Switching off and
 * testing go through credentials.deactivate/test.
 */
import { SERVICE_CODE_PATTERN } from '../../../shared/carriers';
import type { ApiParsed } from '../../../shared/contract';
import type { CarrierSecretName } from '../../../shared/credential-fields';
import type { CredentialView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { addCredential, getCredential, listCredentials, updateCredential } from './credential-repo';

export interface CarrierAccountDeps {
  db: Db;
  box: SecretBox;
  clock: Clock;
}

const SECRET_WORDS: Record<CarrierSecretName, string> = {
  apiKey: 'API key',
  username: 'user name',
  password: 'password',
};

export function addDhlAccount(deps: CarrierAccountDeps, input: ApiParsed<'carriers.addDhl'>): CredentialView {
  const { db, box, clock } = deps;
  const missing = (['apiKey', 'username', 'password'] as const).filter((name) => input[name] === '');
  if (missing.length > 0) {
    throw new AppError(
      'bad_request',
      `Enter the ${missing.map((n) => SECRET_WORDS[n]).join(' and the ')} of the DHL account.`,
    );
  }
  const billingNumber = checkedBillingNumber(input.billingNumber);
  const baseUrl = carrierAddress(input.baseUrl, 'DHL');
  refuseSecond(db, 'dhl', 'DHL');
  const id = addCredential(
    db,
    box,
    {
      type: 'logistics',
      providerCode: 'dhl',
      // The EKP (customer number): the first 10 digits of every billing number of the account.
      externalId: billingNumber.slice(0, 10),
      displayName: input.displayName,
      baseUrl,
      settings: {
        profile: input.profile,
        billingNumber,
        docFormat: input.docFormat,
        validateFirst: input.validateFirst,
      },
      secrets: { apiKey: input.apiKey, apiSecret: '', username: input.username, password: input.password },
    },
    iso(clock()),
  );
  return getCredential(db, id, box);
}

export function updateDhlAccount(deps: CarrierAccountDeps, input: ApiParsed<'carriers.updateDhl'>): CredentialView {
  const { db, box, clock } = deps;
  const account = getCredential(db, input.id);
  if (account.type !== 'logistics' || account.providerCode !== 'dhl') {
    throw new AppError('not_found', `There is no DHL account with id ${input.id}.`);
  }
  const settings: Record<string, unknown> = {};
  if (input.billingNumber !== undefined) settings.billingNumber = checkedBillingNumber(input.billingNumber);
  if (input.profile !== undefined) settings.profile = input.profile;
  if (input.docFormat !== undefined) settings.docFormat = input.docFormat;
  if (input.validateFirst !== undefined) settings.validateFirst = input.validateFirst;
  // A blank secret field means "keep the saved one": the form never holds the old value to send back.
  const secrets: Partial<Record<CarrierSecretName, string>> = {};
  for (const name of ['apiKey', 'username', 'password'] as const) {
    const typed = input[name];
    if (typed) secrets[name] = typed;
  }
  updateCredential(
    db,
    box,
    input.id,
    {
      ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
      ...(input.baseUrl === undefined ? {} : { baseUrl: carrierAddress(input.baseUrl, 'DHL') }),
      settings,
      secrets,
      ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
    },
    iso(clock()),
  );
  return getCredential(db, input.id, box);
}

export function addSendcloudAccount(
  deps: CarrierAccountDeps,
  input: ApiParsed<'carriers.addSendcloud'>,
): CredentialView {
  const { db, box, clock } = deps;
  const missing = [input.publicKey === '' && 'public key', input.secretKey === '' && 'secret key'].filter(Boolean);
  if (missing.length > 0) {
    throw new AppError(
      'bad_request',
      `Enter the ${missing.join(' and the ')} of the Sendcloud account (Settings → Integrations → Sendcloud API).`,
    );
  }
  const shippingOptions = checkedShippingOptions(input.shippingOptions);
  const baseUrl = carrierAddress(input.baseUrl, 'Sendcloud');
  refuseSecond(db, 'sendcloud', 'Sendcloud');
  const id = addCredential(
    db,
    box,
    {
      type: 'logistics',
      providerCode: 'sendcloud',
      externalId: input.publicKey.slice(0, 8),
      displayName: input.displayName,
      baseUrl,
      settings: { shippingOptions, labelFormat: input.labelFormat },
      secrets: { apiKey: input.publicKey, apiSecret: input.secretKey },
    },
    iso(clock()),
  );
  return getCredential(db, id, box);
}

export function updateSendcloudAccount(
  deps: CarrierAccountDeps,
  input: ApiParsed<'carriers.updateSendcloud'>,
): CredentialView {
  const { db, box, clock } = deps;
  const account = getCredential(db, input.id);
  if (account.type !== 'logistics' || account.providerCode !== 'sendcloud') {
    throw new AppError('not_found', `There is no Sendcloud account with id ${input.id}.`);
  }
  const settings: Record<string, unknown> = {};
  if (input.shippingOptions !== undefined) settings.shippingOptions = checkedShippingOptions(input.shippingOptions);
  if (input.labelFormat !== undefined) settings.labelFormat = input.labelFormat;
  // A blank secret field means "keep the saved one".
  const secrets: Record<string, string> = {};
  if (input.publicKey) secrets.apiKey = input.publicKey;
  if (input.secretKey) secrets.apiSecret = input.secretKey;
  updateCredential(
    db,
    box,
    input.id,
    {
      ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
      ...(input.baseUrl === undefined ? {} : { baseUrl: carrierAddress(input.baseUrl, 'Sendcloud') }),
      settings,
      secrets,
      ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
    },
    iso(clock()),
  );
  return getCredential(db, input.id, box);
}

function refuseSecond(db: Db, provider: string, carrier: string): void {
  const existing = listCredentials(db).find((c) => c.type === 'logistics' && c.providerCode === provider);
  if (existing) {
    throw new AppError(
      'conflict',
      `A ${carrier} account is already saved (${existing.displayName}); edit that one instead of adding a second.`,
    );
  }
}

/** Sendcloud's shipping option codes as typed, one per line or comma: postnl:standard, dhl_express:worldwide/incoterm=dap. */
function checkedShippingOptions(typed: string): string[] {
  const codes = [...new Set(typed.split(/[\s,]+/).filter((c) => c !== ''))];
  if (codes.length === 0) {
    throw new AppError(
      'bad_request',
      'Enter at least one Sendcloud shipping option, like postnl:standard (Sendcloud lists them under Shipping options); the first is the default.',
    );
  }
  const bad = codes.find((c) => !SERVICE_CODE_PATTERN.test(c) || !c.includes(':'));
  if (bad) {
    throw new AppError(
      'bad_request',
      `"${bad}" is not a Sendcloud shipping option code; they are written carrier:product, like postnl:standard.`,
    );
  }
  return codes;
}

/** DHL's billing number: EKP (10 digits), product (2) and participation (2); spaces as printed are fine. */
function checkedBillingNumber(typed: string): string {
  const digits = typed.replace(/\s+/g, '');
  if (digits === '') {
    throw new AppError('bad_request', 'Enter the DHL billing number (14 digits, from the DHL business portal).');
  }
  if (!/^\d+$/.test(digits)) {
    throw new AppError('bad_request', `The billing number "${typed}" may hold digits only; DHL's has 14 digits.`);
  }
  if (digits.length !== 14) {
    throw new AppError(
      'bad_request',
      `The billing number ${digits} has ${digits.length} digits; DHL's has 14: your 10-digit customer number (EKP), then the product and participation, 2 digits each.`,
    );
  }
  return digits;
}

/** Blank: the carrier's production address (dhl-account.ts, sendcloud-account.ts). Otherwise a web address, e.g. a sandbox's. */
function carrierAddress(typed: string, carrier: string): string {
  if (typed === '') return '';
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw new AppError(
      'bad_request',
      `"${typed}" is not a web address; leave it blank for ${carrier}'s own, or write it as https://…`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('bad_request', `The ${carrier} address "${typed}" must start with https:// (or http://).`);
  }
  if (url.username || url.password) {
    throw new AppError('bad_request', 'Put the user name and password in their own fields, not in the address.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
