/** Sendcloud test fixtures: sim keys and the account as PackDesk stores it. */
import type { HttpRetryOptions } from '../../src/main/core/channels/provider-http';
import { addCredential } from '../../src/main/core/credentials/credential-repo';
import type { Db } from '../../src/main/core/db/open';
import { AT, testBox } from './orders';

export const SENDCLOUD_PUBLIC = 'sim-public-key';
export const SENDCLOUD_SECRET = 'sim-secret-key';
export const SENDCLOUD_OPTIONS = ['postnl:standard', 'dhl:paket'];

/** A Sendcloud account as stored by PackDesk, pointing at a simulator. */
export function addSendcloudAccount(
  db: Db,
  baseUrl: string,
  opts: { secretKey?: string; labelFormat?: 'pdf' | 'zpl' } = {},
): number {
  return addCredential(
    db,
    testBox,
    {
      type: 'logistics',
      providerCode: 'sendcloud',
      externalId: SENDCLOUD_PUBLIC.slice(0, 8),
      displayName: 'Sendcloud',
      baseUrl,
      settings: { shippingOptions: SENDCLOUD_OPTIONS, labelFormat: opts.labelFormat ?? 'pdf' },
      secrets: { apiKey: SENDCLOUD_PUBLIC, apiSecret: opts.secretKey ?? SENDCLOUD_SECRET },
    },
    AT,
  );
}

/** Quick tries and waits, so misbehaviour tests take little time; a hang costs one timeout a try. */
export const FAST_SENDCLOUD_HTTP: HttpRetryOptions = {
  maxAttempts: 3,
  backoffMs: 5,
  maxRetryAfterMs: 20,
  timeoutMs: 1500,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
