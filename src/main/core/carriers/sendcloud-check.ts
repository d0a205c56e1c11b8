/**
 * "Test" on the Sendcloud account: one GET /shipments?page_size=1. It proves the address and both
 * keys and buys nothing; a refusal comes back in Sendcloud's words.
 */
import type { CredentialTestResult } from '../../../shared/dto';
import type { HttpRetryOptions } from '../channels/provider-http';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { CarrierError } from './carrier-error';
import { sendcloudAccountById } from './sendcloud-account';
import { DEFAULT_SENDCLOUD_HTTP, sendcloudCall } from './sendcloud-http';

/** One try, a short wait: a test that hangs tells the packer less than one that says "no answer". */
const CHECK_HTTP: HttpRetryOptions = { ...DEFAULT_SENDCLOUD_HTTP, maxAttempts: 1, timeoutMs: 20_000 };

export async function testSendcloudAccount(
  db: Db,
  box: SecretBox,
  id: number,
  http: HttpRetryOptions = CHECK_HTTP,
): Promise<CredentialTestResult> {
  const account = sendcloudAccountById(db, box, id);
  if (!account) return { ok: false, message: `There is no Sendcloud account with id ${id}.` };
  try {
    const answer = await sendcloudCall(account, { method: 'GET', path: '/shipments?page_size=1' }, http);
    if (answer.status === 200) {
      return {
        ok: true,
        message: `Sendcloud accepted the keys. Labels will be bought with ${account.shippingOptions[0] ?? 'no shipping option yet'}.`,
      };
    }
    return { ok: false, message: `Sendcloud answered ${answer.status}; check the address of the account.` };
  } catch (error) {
    if (error instanceof CarrierError) return { ok: false, message: error.message };
    throw error;
  }
}
