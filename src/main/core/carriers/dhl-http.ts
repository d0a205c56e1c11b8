/**
 * One call to DHL's Parcel DE Shipping API, signed with the gateway's `dhl-api-key` and the
 * account's HTTP Basic login. Only what surely bought nothing is tried again: a 429 (after its
 * Retry-After) and a refused connection. A POST whose answer is lost (timeout, dropped connection,
 * a 5xx) is never repeated here: it may have bought labels, so it fails with `mayHaveBought` and
 * the caller looks the labels up by reference first.
 */
import { DEFAULT_HTTP_RETRY, type HttpRetryOptions } from '../channels/provider-http';
import { CarrierError } from './carrier-error';

export interface DhlAccount {
  /** e.g. https://api-eu.dhl.com/parcel/de/shipping/v2 */
  baseUrl: string;
  apiKey: string;
  username: string;
  password: string;
  profile: string;
  billingNumber: string;
  docFormat: 'PDF' | 'ZPL2';
  /** Ask DHL to validate a request (validate=true, buys nothing) before buying it. */
  validateFirst: boolean;
}

/** DHL's gateway answers slowly under load; a refused purchase may be asked once more than a shop's read. */
export const DEFAULT_DHL_HTTP: HttpRetryOptions = { ...DEFAULT_HTTP_RETRY, maxAttempts: 4, timeoutMs: 60_000 };

export interface DhlReply {
  status: number;
  body: unknown;
}

type Method = 'GET' | 'POST' | 'DELETE';

export async function dhlCall(
  account: DhlAccount,
  method: Method,
  pathAndQuery: string,
  body: unknown,
  http: HttpRetryOptions,
): Promise<DhlReply> {
  const url = `${account.baseUrl.replace(/\/+$/, '')}${pathAndQuery}`;
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'dhl-api-key': account.apiKey,
    Authorization: `Basic ${Buffer.from(`${account.username}:${account.password}`, 'utf8').toString('base64')}`,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= http.maxAttempts;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(http.timeoutMs),
      });
      text = await res.text();
    } catch (error) {
      const code = systemCode(error);
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        if (last) {
          throw new CarrierError(
            `DHL could not be reached at ${new URL(url).host} (${code === 'ECONNREFUSED' ? 'connection refused' : 'address not found'}); check the internet connection and try again.`,
          );
        }
        await http.sleep(http.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const lost =
        error instanceof Error && error.name === 'TimeoutError'
          ? `DHL did not answer within ${http.timeoutMs >= 1000 ? `${Math.round(http.timeoutMs / 1000)} seconds` : `${http.timeoutMs} ms`}`
          : 'The connection to DHL broke before its answer arrived';
      // A GET or DELETE changes nothing when repeated; a POST may have bought labels.
      if (method !== 'POST' && !last) continue;
      throw new CarrierError(`${lost}.`, { mayHaveBought: method === 'POST' });
    }
    if (res.status === 429) {
      if (last) {
        throw new CarrierError(
          `DHL asked PackDesk to slow down (429 Too Many Requests) ${attempt} times in a row; try again in a minute.`,
          { httpStatus: 429 },
        );
      }
      await http.sleep(
        retryAfterMs(res.headers.get('retry-after'), http.maxRetryAfterMs) ?? http.backoffMs * 2 ** (attempt - 1),
      );
      continue;
    }
    if (res.status === 401 || res.status === 403) {
      throw new CarrierError(
        `DHL refused the account (${res.status}: ${problemDetail(parseJson(text)) ?? 'unauthorized'}); check the API key, user name and password of the DHL account.`,
        { httpStatus: res.status },
      );
    }
    if (res.status >= 500) {
      if (method !== 'POST' && !last) {
        await http.sleep(http.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      throw new CarrierError(`DHL failed with ${res.status} (${problemDetail(parseJson(text)) ?? 'server error'}).`, {
        mayHaveBought: method === 'POST',
        httpStatus: res.status,
      });
    }
    const parsed = parseJson(text);
    if (parsed === undefined) {
      throw new CarrierError(`DHL answered ${res.status} with something that is not JSON.`, {
        mayHaveBought: method === 'POST' && res.ok,
        httpStatus: res.status,
      });
    }
    return { status: res.status, body: parsed };
  }
}

/** The words of a problem+json answer: `detail`, or DHL's `status.detail` / `status.title`. */
export function problemDetail(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { detail?: unknown; title?: unknown; status?: unknown };
  if (typeof b.detail === 'string') return b.detail;
  if (typeof b.status === 'object' && b.status !== null) {
    const s = b.status as { detail?: unknown; title?: unknown };
    if (typeof s.detail === 'string') return s.detail;
    if (typeof s.title === 'string') return s.title;
  }
  return typeof b.title === 'string' ? b.title : undefined;
}

function systemCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    if ('code' in e && typeof e.code === 'string') return e.code;
    e = 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

function retryAfterMs(header: string | null, capMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const ms = /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? null : Math.min(Math.max(ms, 0), capMs);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
