/**
 * Connecting, editing, switching off and testing a shop from the Channels screen. Input arrives
 * parsed by the contract; here it is checked against what the provider needs (PROVIDER_FIELDS),
 * refused in words when it cannot work, and stored with its secrets sealed. Nothing returned
 * here ever holds a secret: answers are CredentialViews.
 */
import type { ApiParsed } from '../../../shared/contract';
import { PROVIDER_FIELDS, type ConnectableProvider, type SecretName } from '../../../shared/credential-fields';
import type { CredentialTestResult, CredentialView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { testDhlAccount } from '../carriers/dhl-check';
import { testSendcloudAccount } from '../carriers/sendcloud-check';
import type { ChannelAdapter } from '../channels/channel-adapter';
import { iso, type Clock } from '../clock';
import { PURCHASING } from '../inbound/inbound-pull';
import { purchasingClient, type PurchasingClient } from '../inbound/purchasing-http';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { addCredential, connectionOf, getCredential, listCredentials, updateCredential } from './credential-repo';

export interface CredentialDeps {
  db: Db;
  box: SecretBox;
  clock: Clock;
  adapters: Readonly<Record<string, ChannelAdapter>>;
  purchasing?: PurchasingClient;
}

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

export function addChannelCredential(deps: CredentialDeps, input: ApiParsed<'credentials.add'>): CredentialView {
  const { db, box, clock } = deps;
  const provider = input.providerCode;
  const fields = PROVIDER_FIELDS[provider];
  const missing = fields.secretsOptional ? [] : fields.secrets.filter((name) => !input[name]);
  if (missing.length > 0) {
    const words = missing.map((name) => `the ${SECRET_NAMES[provider][name] ?? name}`).join(' and ');
    throw new AppError('bad_request', `Enter ${words} of the ${PROVIDER_NAMES[provider]} shop.`);
  }
  const same = listCredentials(db).find((c) => c.providerCode === provider && c.externalId === input.externalId);
  if (same) {
    throw new AppError(
      'conflict',
      `A ${PROVIDER_NAMES[provider]} store with the id "${input.externalId}" is already connected (${same.displayName}); ` +
        'edit that one or choose another id.',
    );
  }
  const id = addCredential(
    db,
    box,
    {
      type: 'order_channel',
      providerCode: provider,
      externalId: input.externalId,
      displayName: input.displayName,
      baseUrl: shopAddress(input.baseUrl),
      settings: input.settings,
      // Only the secrets this provider uses; iRCloud's login is sealed beside its client id and secret.
      secrets: {
        apiKey: input.apiKey,
        apiSecret: input.apiSecret,
        ...(PROVIDER_FIELDS[provider].secrets.includes('username') ? { username: input.username ?? '' } : {}),
        ...(PROVIDER_FIELDS[provider].secrets.includes('password') ? { password: input.password ?? '' } : {}),
      },
    },
    iso(clock()),
  );
  return getCredential(db, id);
}

export function updateChannelCredential(deps: CredentialDeps, input: ApiParsed<'credentials.update'>): CredentialView {
  const { db, box, clock } = deps;
  getCredential(db, input.id);
  // A blank secret field means "keep the saved one": the form never holds the old value to send back.
  const secrets: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_FIELDS) {
    const typed = input[name];
    if (typed) secrets[name] = typed;
  }
  updateCredential(
    db,
    box,
    input.id,
    {
      ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
      ...(input.baseUrl === undefined ? {} : { baseUrl: shopAddress(input.baseUrl) }),
      ...(input.settings === undefined ? {} : { settings: input.settings }),
      secrets,
      ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
    },
    iso(clock()),
  );
  return getCredential(db, input.id);
}

export function deactivateCredential(deps: CredentialDeps, id: number): CredentialView {
  updateCredential(deps.db, deps.box, id, { isActive: false }, iso(deps.clock()));
  return getCredential(deps.db, id);
}

/** Calls the shop once with the stored credentials; a refusal is the answer, in the shop's words. */
export async function testCredential(deps: CredentialDeps, id: number): Promise<CredentialTestResult> {
  const cred = getCredential(deps.db, id);
  if (cred.type === 'logistics' && cred.providerCode === 'dhl') return testDhlAccount(deps.db, deps.box, id);
  if (cred.type === 'logistics' && cred.providerCode === 'sendcloud')
    return testSendcloudAccount(deps.db, deps.box, id);
  const adapter =
    cred.providerCode === PURCHASING ? (deps.purchasing ?? purchasingClient) : deps.adapters[cred.providerCode];
  if (!adapter) {
    return { ok: false, message: `PackDesk cannot talk to ${cred.providerCode} shops yet.` };
  }
  try {
    await adapter.testConnection(connectionOf(deps.db, deps.box, id));
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
  return { ok: true, message: `Connected: ${cred.displayName} answered and accepted the keys.` };
}

/** The address as typed, with https:// added when left out ("my-store.myshopify.com"). */
function shopAddress(typed: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('bad_request', `"${typed}" is not a web address; it should look like https://shop.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('bad_request', `The shop address "${typed}" must start with https:// (or http://).`);
  }
  if (url.username || url.password) {
    throw new AppError('bad_request', 'Put the keys in their own fields, not in the shop address.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
