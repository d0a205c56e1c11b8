/**
 * Adding and editing the DHL account from the Carriers section. Like a shop's credential: checked
 * in words before anything is stored, secrets sealed (SecretBox) and never returned, a blank secret
 * on edit keeps the saved one. Switching off and testing go through credentials.deactivate/test.
 */
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
  const baseUrl = carrierAddress(input.baseUrl);
  const existing = dhlAccounts(db)[0];
  if (existing) {
    throw new AppError(
      'conflict',
      `A DHL account is already saved (${existing.displayName}); edit that one instead of adding a second.`,
    );
  }
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
  return getCredential(db, id);
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
      ...(input.baseUrl === undefined ? {} : { baseUrl: carrierAddress(input.baseUrl) }),
      settings,
      secrets,
      ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
    },
    iso(clock()),
  );
  return getCredential(db, input.id);
}

function dhlAccounts(db: Db): CredentialView[] {
  return listCredentials(db).filter((c) => c.type === 'logistics' && c.providerCode === 'dhl');
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

/** Blank: DHL's production address (dhl-account.ts). Otherwise a web address, e.g. the sandbox's. */
function carrierAddress(typed: string): string {
  if (typed === '') return '';
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    throw new AppError(
      'bad_request',
      `"${typed}" is not a web address; leave it blank for DHL's own, or write it as https://…`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('bad_request', `The DHL address "${typed}" must start with https:// (or http://).`);
  }
  if (url.username || url.password) {
    throw new AppError('bad_request', 'Put the user name and password in their own fields, not in the address.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
