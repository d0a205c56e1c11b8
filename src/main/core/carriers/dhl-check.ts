/**
 * "Test" on the DHL account: one POST /orders?validate=true with a sample parcel inside Germany.
 * DHL checks the keys, the profile and the billing number and buys nothing; the answer comes back
 * in words, a refusal included.
 */
import type { CredentialTestResult } from '../../../shared/dto';
import type { Address } from '../../../shared/dto';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { CarrierError } from './carrier-error';
import { dhlAccountById } from './dhl-account';
import type { HttpRetryOptions } from '../channels/provider-http';
import { dhlCall, problemDetail, DEFAULT_DHL_HTTP } from './dhl-http';
import { validationWords, type DhlValidationMessage } from './dhl-messages';
import { dhlShipmentOf } from './dhl-shipment';

/** One try, a short wait: a test that hangs tells the packer less than one that says "no answer". */
const CHECK_HTTP: HttpRetryOptions = { ...DEFAULT_DHL_HTTP, maxAttempts: 1, timeoutMs: 20_000 };

const SAMPLE_FROM: Address = {
  name: 'PackDesk test',
  company: 'PackDesk test',
  line1: 'Sträßchensweg 10',
  line2: '',
  city: 'Bonn',
  state: '',
  postcode: '53113',
  country: 'DE',
  phone: '',
  email: '',
};
const SAMPLE_TO: Address = {
  ...SAMPLE_FROM,
  name: 'Erika Mustermann',
  company: '',
  line1: 'Charles-de-Gaulle-Straße 20',
  postcode: '53113',
};

export async function testDhlAccount(
  db: Db,
  box: SecretBox,
  id: number,
  http: HttpRetryOptions = CHECK_HTTP,
): Promise<CredentialTestResult> {
  const account = dhlAccountById(db, box, id);
  if (!account) return { ok: false, message: `There is no DHL account with id ${id}.` };
  const sample = dhlShipmentOf(
    {
      idempotencyKey: `packdesk-test-${Date.now()}`,
      orderNumber: 'TEST',
      sender: SAMPLE_FROM,
      recipient: SAMPLE_TO,
      items: [],
      weightGrams: 1000,
      service: 'V01PAK',
    },
    account.billingNumber,
    new Date().toISOString().slice(0, 10),
  );
  let reply;
  try {
    reply = await dhlCall(
      account,
      'POST',
      '/orders?validate=true',
      { profile: account.profile, shipments: [sample] },
      http,
    );
  } catch (error) {
    if (error instanceof CarrierError) return { ok: false, message: error.message };
    throw error;
  }
  const item = (
    reply.body as { items?: { sstatus?: { statusCode?: number }; validationMessages?: DhlValidationMessage[] }[] }
  ).items?.[0];
  if (reply.status === 200 && item?.sstatus?.statusCode === 200) {
    return {
      ok: true,
      message: 'DHL accepted the account: a sample parcel to Bonn passed its check. Nothing was bought.',
    };
  }
  const why = validationWords(item?.validationMessages) ?? problemDetail(reply.body) ?? `answer ${reply.status}`;
  return {
    ok: false,
    message: `DHL refused the sample parcel: ${why.replace(/\.$/, '')}. Check the profile and billing number.`,
  };
}
