/**
 * The one way every adapter (shops and, later, carriers) talks HTTP: a request built afresh for
 * each try, a bounded number of tries for what may pass on a second try (429 with Retry-After,
 * 5xx, dropped connections, timeouts), backoff with jitter between them, and failures below HTTP
 * put into words. What an answer means (a refusal, a provider's error body) is the adapter's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelError } from './channel-error';

export interface HttpRetryOptions {
  /** Tries per request, the first one included. */
  maxAttempts: number;
  /** Wait before the second try; it doubles for each further one (plus up to 20% jitter). */
  backoffMs: number;
  /** The longest wait a Retry-After header can ask for; a longer ask is cut to this. */
  maxRetryAfterMs: number;
  /** Per try, until the whole body has arrived. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  /**
   * A 429 ends the request at once instead of being waited out: for a quota counted by the day
   * (DHL's tracking), where every further try only spends another call of it.
   */
  stopAt429?: boolean;
}

export const DEFAULT_HTTP_RETRY: HttpRetryOptions = {
  maxAttempts: 3,
  backoffMs: 1_000,
  maxRetryAfterMs: 30_000,
  timeoutMs: 30_000,
  sleep: (ms) => sleep(ms),
};

export interface HttpRequest {
  url: string;
  init?: RequestInit;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as it came: a label PDF is not text. */
  bytes: Uint8Array;
}

/**
 * Sends until an answer that is neither 429 nor 5xx arrives, and returns it whatever its status.
 * `who` starts the message when it gives up: "The shop at https://x" → "The shop at https://x
 * answered 500 three times; try again later." Redirects are never followed: a signed request
 * is refused at another address, and a moved shop should be re-entered by the user.
 */
export async function sendWithRetry(
  who: string,
  build: () => HttpRequest,
  http: HttpRetryOptions,
  url = '',
): Promise<HttpAnswer> {
  const failures: string[] = [];
  let answerLost = false;
  for (let attempt = 1; ; attempt++) {
    const request = build();
    const outcome = await tryOnce(request, http);
    if (outcome.kind === 'answer') return outcome.answer;
    failures.push(outcome.failure);
    answerLost ||= outcome.answerLost;
    if (attempt >= http.maxAttempts || outcome.final) {
      // `unreachable` tells the outbox to hold this provider's other jobs instead of failing them one by one.
      throw new ChannelError(giveUpMessage(who, failures), {
        // Never the query: some providers take a token or password there (iRCloud, a storefront's proxy).
        url: url || withoutQuery(request.url),
        unreachable: true,
        ...(answerLost ? { answerLost } : {}),
        ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
        ...(outcome.retryAfterMs === null ? {} : { retryAfterMs: outcome.retryAfterMs }),
      });
    }
    const backoff = http.backoffMs * 2 ** (attempt - 1);
    await http.sleep(
      outcome.retryAfterMs === null
        ? backoff + Math.floor(Math.random() * backoff * 0.2)
        : Math.min(outcome.retryAfterMs, http.maxRetryAfterMs),
    );
  }
}

type Attempt =
  | { kind: 'answer'; answer: HttpAnswer }
  | {
      kind: 'retry';
      failure: string;
      /** The answer's status, when one came (429 or 5xx). */
      httpStatus?: number;
      /** What the answer's Retry-After asked for, uncut (the wait itself is cut to maxRetryAfterMs). */
      retryAfterMs: number | null;
      answerLost: boolean;
      /** What a second try cannot change (a certificate we do not trust, a spent quota): say it at once. */
      final?: boolean;
    };

async function tryOnce(request: HttpRequest, http: HttpRetryOptions): Promise<Attempt> {
  let res: Response;
  let bytes: Uint8Array;
  try {
    res = await fetch(request.url, {
      ...request.init,
      redirect: 'manual',
      signal: AbortSignal.timeout(http.timeoutMs),
    });
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (error) {
    const code = systemCode(error);
    // Refused or not found: the request never arrived, so nothing can have happened there.
    const arrived = code !== 'ECONNREFUSED' && code !== 'ENOTFOUND' && code !== 'EAI_AGAIN';
    const certificate = certificateProblem(code);
    if (certificate !== null)
      return { kind: 'retry', failure: certificate, retryAfterMs: null, answerLost: false, final: true };
    return { kind: 'retry', failure: networkFailure(error, http.timeoutMs), retryAfterMs: null, answerLost: arrived };
  }
  if (res.status === 429 || res.status >= 500) {
    return {
      kind: 'retry',
      failure: res.status === 429 ? 'asked PackDesk to slow down (429 Too Many Requests)' : `answered ${res.status}`,
      httpStatus: res.status,
      retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
      answerLost: res.status >= 500,
      ...(res.status === 429 && http.stopAt429 ? { final: true } : {}),
    };
  }
  const text = new TextDecoder().decode(bytes);
  return { kind: 'answer', answer: { status: res.status, headers: res.headers, text, bytes } };
}

function withoutQuery(address: string): string {
  const at = address.search(/[?#]/);
  return at === -1 ? address : address.slice(0, at);
}

function giveUpMessage(who: string, failures: readonly string[]): string {
  const last = failures.at(-1) ?? '';
  // One try is the caller's choice (a write, or the outbox that tries again itself): just what happened.
  if (failures.length === 1) return `${who} ${last}.`;
  const times = timesInWords(failures.length);
  if (failures.every((f) => f === last)) return `${who} ${last} ${times}; try again later.`;
  return `${who} failed ${times} in a row (last it ${last}); try again later.`;
}

function timesInWords(n: number): string {
  return ['', 'once', 'twice', 'three times', 'four times', 'five times'][n] ?? `${n} times`;
}

/** What went wrong below HTTP, in words; undici hides the system error code in `cause`. */
function networkFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} seconds` : `${timeoutMs} ms`}`;
  }
  const code = systemCode(error);
  if (code === 'ECONNREFUSED') return 'refused the connection';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'could not be found (check the address)';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
    return 'dropped the connection mid-answer';
  }
  return `could not be reached${code ? ` (${code})` : ''}`;
}

/**
 * The TLS handshake refused the server's certificate (OpenSSL's codes, as Node passes them on);
 * nothing was sent, so nothing can have happened there.
 */
function certificateProblem(code: string | undefined): string | null {
  if (code === undefined || !code.includes('CERT')) return null;
  const why: Record<string, string> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'it is signed by an authority of its own',
    CERT_HAS_EXPIRED: 'it has expired',
    CERT_NOT_YET_VALID: "it is not valid yet (check this computer's clock)",
    ERR_TLS_CERT_ALTNAME_INVALID: 'it was made for another address',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown',
  };
  return `has an HTTPS certificate PackDesk cannot trust (${why[code] ?? code})`;
}

function systemCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    if ('code' in e && typeof e.code === 'string') return e.code;
    e = 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

/**
 * Retry-After is seconds or an HTTP date; Shopify writes the seconds with a decimal point ("2.0"),
 * which the standard does not allow but a client must still read. The caller bounds the wait so a
 * pull never hangs for long.
 */
function retryAfterMs(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = header.trim();
  const ms = /^\d+(\.\d+)?$/.test(seconds) ? Math.round(Number(seconds) * 1000) : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? null : Math.max(ms, 0);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A provider's HTML error page or message as one line of plain text. */
export function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([:;,.!?])/g, '$1')
    .trim();
}

export function snippet(text: string): string {
  const plain = stripTags(text);
  return plain.length > 80 ? `${plain.slice(0, 80)}…` : plain;
}

/**
 * A base address as entered by the user, checked and normalised (lower-case host, no default
 * port, no trailing slash). `what` names it in the message: "The shop address".
 */
export function baseUrlOf(baseUrl: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new ChannelError(`${what} "${baseUrl}" is not a web address; it should look like https://shop.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ChannelError(`${what} "${baseUrl}" must start with https:// (or http://).`);
  }
  return url;
}
