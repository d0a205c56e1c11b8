/**
 * Connecting, editing, switching off and testing a shop from the Channels screen. Input arrives
 * parsed by the contract; saving goes through saveCredential, the same function the REST API
 * uses, so the checks and the stored account are the same either way. Nothing returned here
 * ever holds a secret: answers are CredentialViews.
 */
import type { ApiParsed } from '../../../shared/contract';
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
import { connectionOf, getCredential, updateCredential } from './credential-repo';
import { saveCredential } from './credential-save';

export interface CredentialDeps {
  db: Db;
  box: SecretBox;
  clock: Clock;
  adapters: Readonly<Record<string, ChannelAdapter>>;
  purchasing?: PurchasingClient;
}

/** "Connect a shop": a store id already connected is refused, never overwritten. */
export function addChannelCredential(deps: CredentialDeps, input: ApiParsed<'credentials.add'>): CredentialView {
  const { providerCode, externalId, ...fields } = input;
  const target = { type: 'order_channel', providerCode, externalId, ifSaved: 'refuse' } as const;
  return saveCredential(deps.db, deps.box, target, fields, iso(deps.clock())).credential;
}

export function updateChannelCredential(deps: CredentialDeps, input: ApiParsed<'credentials.update'>): CredentialView {
  const { id, ...fields } = input;
  return saveCredential(deps.db, deps.box, { id }, fields, iso(deps.clock())).credential;
}

export function deactivateCredential(deps: CredentialDeps, id: number): CredentialView {
  updateCredential(deps.db, deps.box, id, { isActive: false }, iso(deps.clock()));
  return getCredential(deps.db, id, deps.box);
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
