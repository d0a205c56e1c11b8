/**
 * Every call to Sendcloud's API v3: HTTP Basic with the account's public key as user and secret key
 * as password, tries and waits by provider-http (429 with Retry-After, 5xx, timeouts), failures
 * turned into CarrierErrors in words. A purchase (POST /shipments/announce) may be sent again after
 * a lost answer because it carries our idempotency key as `external_reference_id`, which Sendcloud
 * keeps unique per account: a repeat is answered 409 with the shipment already made, never a second
 * one. When every try is lost, the error says `mayHaveBought` and the caller looks the key up.
 */
import { ChannelError, type ChannelErrorDetails } from '../channels/channel-error';
import {
  DEFAULT_HTTP_RETRY,
  parseJson,
  sendWithRetry,
  type HttpAnswer,
  type HttpRetryOptions,
} from '../channels/provider-http';
import { CarrierError } from './carrier-error';
import { sendcloudErrorWords } from './sendcloud-messages';

export const SENDCLOUD_PRODUCTION_URL = 'https://panel.sendcloud.sc/api/v3';

export interface SendcloudAccount {
  /** e.g. https://panel.sendcloud.sc/api/v3 */
  baseUrl: string;
  publicKey: string;
  secretKey: string;
  /** Shipping option codes (postnl:standard, dhl:paket, …) offered for this account; the first is the default. */
  shippingOptions: string[];
  labelFormat: 'pdf' | 'zpl';
}

/** Announcing waits for the carrier behind Sendcloud, which can take a while under load. */
export const DEFAULT_SENDCLOUD_HTTP: HttpRetryOptions = { ...DEFAULT_HTTP_RETRY, maxAttempts: 4, timeoutMs: 60_000 };

export interface SendcloudCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** The document format asked for (Accept), for /parcels/{id}/documents/label. */
  accept?: string;
}

export async function sendcloudCall(
  account: SendcloudAccount,
  call: SendcloudCall,
  http: HttpRetryOptions,
): Promise<HttpAnswer> {
  const url = `${account.baseUrl.replace(/\/+$/, '')}${call.path}`;
  const headers: Record<string, string> = {
    Accept: call.accept ?? 'application/json',
    Authorization: `Basic ${Buffer.from(`${account.publicKey}:${account.secretKey}`, 'utf8').toString('base64')}`,
  };
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  let answer: HttpAnswer;
  try {
    answer = await sendWithRetry(
      `Sendcloud (${new URL(url).host})`,
      () => ({
        url,
        init: {
          method: call.method,
          headers,
          body: call.body === undefined ? null : JSON.stringify(call.body),
        },
      }),
      http,
    );
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    const lost = (error.details as ChannelErrorDetails | undefined)?.answerLost === true;
    throw new CarrierError(error.message, { mayHaveBought: call.method === 'POST' && lost });
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new CarrierError(
      `Sendcloud refused the account (${answer.status}: ${sendcloudErrorWords(parseJson(answer.text)) ?? 'unauthorized'}); check the public and secret key of the Sendcloud account.`,
      { httpStatus: answer.status },
    );
  }
  return answer;
}

/** A JSON answer's body, or a CarrierError when Sendcloud sent something else. */
export function jsonOf(answer: HttpAnswer): unknown {
  const body = parseJson(answer.text);
  if (body === undefined) {
    throw new CarrierError(`Sendcloud answered ${answer.status} with something that is not JSON.`, {
      httpStatus: answer.status,
    });
  }
  return body;
}
