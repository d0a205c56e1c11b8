/**
 * The one way an account is saved, whoever saves it: the Channels screen (credentials.add and
 * .update) and the REST API (seed 000 §4.2, credentials.save). Same checks, same address
 * normalising, same merging, so an account behaves the same however it was saved. Secrets are
 * sealed on the way in and never read back out; a secret left out (or blank on the form) keeps
 * the saved one, and settings are merged so a form never drops a setting it does not show.
 */
import { PROVIDER_FIELDS, type ConnectableProvider, type SecretName } from '../../../shared/credential-fields';
import type { CredentialView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { CARRIER_CODES, CHANNEL_PROVIDERS, type CredentialType } from '../../../shared/statuses';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { addCredential, getCredential, updateCredential } from './credential-repo';

/** Which account: by id (a form editing it), or by provider and external id. */
export type CredentialTarget =
  | { id: number }
  | {
      type: CredentialType;
      providerCode: string;
      externalId: string;
      /**
       * When that account is saved already: update it (seed 000: sending the same account again
       * updates it), or refuse, so a store id typed on the Channels screen never overwrites a shop.
       */
      ifSaved: 'update' | 'refuse';
    };

export interface CredentialFields {
  displayName?: string | undefined;
  baseUrl?: string | undefined;
  settings?: Record<string, unknown> | undefined;
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  /** iRCloud's login, sealed beside its client id and secret. */
  username?: string | undefined;
  password?: string | undefined;
  /** Saved secrets to forget: only those a provider can do without (a storefront's Shopify token). */
  removeSecrets?: readonly SecretName[] | undefined;
  isActive?: boolean | undefined;
}

/** Providers that need no keys: labels made on this machine. */
const KEYLESS: readonly string[] = ['local'];

const PROVIDER_NAMES: Record<ConnectableProvider, string> = {
  woocommerce: 'WooCommerce',
  shopify: 'Shopify',
  storefront: 'storefront',
  tgshop: 'Telegram',
  purchasing: 'purchasing',
  ircloud: 'iRCloud',
};

/** The words for each secret a provider asks for (PROVIDER_FIELDS says which). */
const SECRET_NAMES: Record<ConnectableProvider, Partial<Record<SecretName, string>>> = {
  woocommerce: { apiKey: 'consumer key', apiSecret: 'consumer secret' },
  shopify: { apiKey: 'Admin API access token' },
  storefront: { apiKey: 'Shopify access token' },
  tgshop: { apiKey: 'admin token' },
  purchasing: { apiKey: 'API token' },
  ircloud: { apiKey: 'client id', apiSecret: 'client secret', username: 'user name', password: 'password' },
};

const SECRET_FIELDS: readonly SecretName[] = ['apiKey', 'apiSecret', 'username', 'password'];

function connectable(type: CredentialType, provider: string): ConnectableProvider | null {
  return type === 'order_channel' && Object.hasOwn(PROVIDER_FIELDS, provider)
    ? (provider as ConnectableProvider)
    : null;
}

const nameOf = (provider: string): string => PROVIDER_NAMES[provider as ConnectableProvider] ?? provider;

function checkProvider(type: CredentialType, provider: string): void {
  const known: readonly string[] = type === 'order_channel' ? CHANNEL_PROVIDERS : CARRIER_CODES;
  if (!known.includes(provider)) {
    const kind = type === 'order_channel' ? 'shop' : 'carrier';
    throw new AppError('bad_request', `PackDesk knows no ${kind} called ${provider}; use one of ${known.join(', ')}.`);
  }
}

/** A new account must bring every secret its provider needs (the Channels form asks for those). */
function checkSecrets(type: CredentialType, provider: string, fields: CredentialFields): void {
  const shop = connectable(type, provider);
  if (shop) {
    const wanted = PROVIDER_FIELDS[shop];
    const missing = wanted.secretsOptional ? [] : wanted.secrets.filter((name) => !fields[name]);
    if (missing.length > 0) {
      const words = missing.map((name) => `the ${SECRET_NAMES[shop][name] ?? name}`).join(' and ');
      throw new AppError('bad_request', `Enter ${words} of the ${PROVIDER_NAMES[shop]} shop.`);
    }
  } else if (!KEYLESS.includes(provider) && (!fields.apiKey || !fields.apiSecret)) {
    throw new AppError('bad_request', `A new ${provider} account needs both api_key and api_secret.`);
  }
}

/** The address as typed, with https:// added when left out ("my-store.myshopify.com"). */
function accountAddress(typed: string, type: CredentialType): string {
  const kind = type === 'order_channel' ? 'shop' : 'carrier';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('bad_request', `"${typed}" is not a web address; it should look like https://shop.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('bad_request', `The ${kind} address "${typed}" must start with https:// (or http://).`);
  }
  if (url.username || url.password) {
    throw new AppError('bad_request', `Put the keys in their own fields, not in the ${kind} address.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Only the secrets given (not blank) replace the saved ones. */
function givenSecrets(fields: CredentialFields): Partial<Record<SecretName, string>> {
  const secrets: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_FIELDS) {
    const typed = fields[name];
    if (typed) secrets[name] = typed;
  }
  return secrets;
}

/** The secrets to forget, as blanks; a secret the provider needs cannot be removed, only replaced. */
function removedSecrets(saved: Saved, fields: CredentialFields): Partial<Record<SecretName, string>> {
  const removed: Partial<Record<SecretName, string>> = {};
  const shop = connectable(saved.type, saved.provider_code);
  for (const name of fields.removeSecrets ?? []) {
    const words = shop ? (SECRET_NAMES[shop][name] ?? name) : name;
    if (fields[name]) {
      throw new AppError('bad_request', `Either type a new ${words} or remove the saved one, not both.`);
    }
    if (!shop || !PROVIDER_FIELDS[shop].secretsOptional || !PROVIDER_FIELDS[shop].secrets.includes(name)) {
      throw new AppError(
        'bad_request',
        `The ${words} of ${saved.display_name} is needed to reach it; type a new one instead of removing it.`,
      );
    }
    removed[name] = '';
  }
  return removed;
}

/** A new account's secrets: the two of seed 000, and a login only where the provider uses one. */
function newSecrets(
  type: CredentialType,
  provider: string,
  fields: CredentialFields,
): { apiKey: string; apiSecret: string } & Record<string, string> {
  const shop = connectable(type, provider);
  const login = shop ? PROVIDER_FIELDS[shop].secrets.filter((name) => name === 'username' || name === 'password') : [];
  return {
    apiKey: fields.apiKey ?? '',
    apiSecret: fields.apiSecret ?? '',
    ...Object.fromEntries(login.map((name) => [name, fields[name] ?? ''])),
  };
}

interface Saved {
  id: number;
  type: CredentialType;
  provider_code: string;
  display_name: string;
}

function findSaved(db: Db, target: CredentialTarget): Saved | undefined {
  const sqlite = db.$client;
  if ('id' in target) {
    const saved = sqlite
      .prepare('SELECT id, type, provider_code, display_name FROM credentials WHERE id = ?')
      .get(target.id) as Saved | undefined;
    if (!saved) throw new AppError('not_found', `There is no shop or carrier account with id ${target.id}.`);
    return saved;
  }
  return sqlite
    .prepare(
      'SELECT id, type, provider_code, display_name FROM credentials WHERE provider_code = ? AND external_id = ?',
    )
    .get(target.providerCode, target.externalId) as Saved | undefined;
}

export function saveCredential(
  db: Db,
  box: SecretBox,
  target: CredentialTarget,
  fields: CredentialFields,
  at: string,
): { credential: CredentialView; created: boolean } {
  if (!('id' in target)) checkProvider(target.type, target.providerCode);
  return db.$client.transaction(() => {
    const saved = findSaved(db, target);
    if (!saved) {
      // findSaved answers or throws for an id, so only a target by provider gets here.
      const t = target as Exclude<CredentialTarget, { id: number }>;
      checkSecrets(t.type, t.providerCode, fields);
      const id = addCredential(
        db,
        box,
        {
          type: t.type,
          providerCode: t.providerCode,
          externalId: t.externalId,
          displayName: fields.displayName ?? `${t.providerCode} ${t.externalId}`,
          baseUrl: fields.baseUrl === undefined ? '' : accountAddress(fields.baseUrl, t.type),
          settings: fields.settings ?? {},
          secrets: newSecrets(t.type, t.providerCode, fields),
        },
        at,
      );
      if (fields.isActive === false) updateCredential(db, box, id, { isActive: false }, at);
      return { credential: getCredential(db, id, box), created: true };
    }
    if (!('id' in target)) {
      if (target.ifSaved === 'refuse') {
        throw new AppError(
          'conflict',
          `A ${nameOf(target.providerCode)} store with the id "${target.externalId}" is already connected (${saved.display_name}); ` +
            'edit that one or choose another id.',
        );
      }
      if (saved.type !== target.type) {
        throw new AppError(
          'conflict',
          `${target.providerCode} ${target.externalId} is already saved as a ${saved.type} account; its type cannot change.`,
        );
      }
    }
    updateCredential(
      db,
      box,
      saved.id,
      {
        ...(fields.displayName === undefined ? {} : { displayName: fields.displayName }),
        ...(fields.baseUrl === undefined ? {} : { baseUrl: accountAddress(fields.baseUrl, saved.type) }),
        ...(fields.settings === undefined ? {} : { settings: fields.settings }),
        secrets: { ...givenSecrets(fields), ...removedSecrets(saved, fields) },
        ...(fields.isActive === undefined ? {} : { isActive: fields.isActive }),
      },
      at,
    );
    return { credential: getCredential(db, saved.id, box), created: false };
  })();
}
