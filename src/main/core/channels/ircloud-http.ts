/**
 * Talking to iRCloud's open API (seed 003, PROTOCOLS.md): an access token fetched with the
 * client id and secret plus the user's login, kept in memory only (never stored, never logged,
 * never in a message), fetched again shortly before `expires_in` runs out and once more when the
 * server answers 401 anyway (a restart on its side, a revoked login). Answers come in the
 * `{code, data, message}` envelope; any code other than 200 is a refusal, put into words here.
 */
import type { ChannelConnection } from './channel-adapter';
import { ChannelError, type ChannelErrorDetails } from './channel-error';
import { baseUrlOf, parseJson, sendWithRetry, snippet, type HttpAnswer, type HttpRetryOptions } from './provider-http';

export interface IrCloudClientOptions {
  http: HttpRetryOptions;
  /** The clock that decides when a token is about to expire. */
  now: () => number;
}

export interface IrEnvelope {
  code: number;
  data: unknown;
  message: string;
}

interface Token {
  value: string;
  /** When PackDesk stops using it: before the server's expiry, so a call never races it. */
  renewAt: number;
}

/** Renew this long before expiry (a tenth of the lifetime for short-lived tokens). */
const RENEW_MARGIN_MS = 5 * 60_000;

export interface IrCloudClient {
  /** Sends one call with a valid token; a 401 gets one new token and one more try. */
  call(conn: ChannelConnection, method: 'POST' | 'PUT', path: string, body: unknown): Promise<IrEnvelope>;
  /** Fetches a token now (Test connection), whatever is cached. */
  freshToken(conn: ChannelConnection): Promise<void>;
}

export function createIrCloudClient(opts: IrCloudClientOptions): IrCloudClient {
  // Per login: several pulls and audits of one account share one token fetch.
  const tokens = new Map<string, Promise<Token>>();

  function tokenFor(conn: ChannelConnection, fresh: boolean): Promise<Token> {
    const key = loginKey(conn);
    const cached = tokens.get(key);
    if (cached && !fresh) {
      return cached.then((t) => (t.renewAt > opts.now() ? t : renew(conn, key, cached)));
    }
    return renew(conn, key, cached);
  }

  /** One fetch for everyone who found the same stale token. */
  function renew(conn: ChannelConnection, key: string, stale: Promise<Token> | undefined): Promise<Token> {
    const current = tokens.get(key);
    if (current && current !== stale) return current;
    const fetching = fetchToken(conn, opts);
    tokens.set(key, fetching);
    // A failed fetch is not kept: the next call asks again.
    fetching.catch(() => {
      if (tokens.get(key) === fetching) tokens.delete(key);
    });
    return fetching;
  }

  /** After a 401: a new token, unless another call has already replaced the refused one. */
  async function replace(conn: ChannelConnection, refused: Token): Promise<Token> {
    const key = loginKey(conn);
    const current = tokens.get(key);
    const latest = current ? await current.catch(() => null) : null;
    if (latest && latest.value !== refused.value) return latest;
    return renew(conn, key, current);
  }

  return {
    async call(conn, method, path, body) {
      const root = rootOf(conn);
      let token = await tokenFor(conn, false);
      let answer = await send(root, method, path, body, token.value, opts.http);
      if (answer.status === 401 || envelopeCode(answer) === 401) {
        token = await replace(conn, token);
        answer = await send(root, method, path, body, token.value, opts.http);
        if (answer.status === 401 || envelopeCode(answer) === 401) {
          throw new ChannelError(
            `iRCloud at ${root} refused a token it had just given (${snippet(answer.text)}); check that the user may use the open API.`,
            { url: root, httpStatus: answer.status, providerCode: '401', refused: true },
          );
        }
      }
      return envelopeOf(answer, root);
    },
    async freshToken(conn) {
      await tokenFor(conn, true);
    },
  };
}

function rootOf(conn: ChannelConnection): string {
  const url = baseUrlOf(conn.baseUrl, 'The iRCloud address');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Which login a token belongs to; kept in memory only. */
function loginKey(conn: ChannelConnection): string {
  return JSON.stringify([rootOf(conn), conn.apiKey, conn.extraSecrets?.username ?? '']);
}

async function fetchToken(conn: ChannelConnection, opts: IrCloudClientOptions): Promise<Token> {
  const root = rootOf(conn);
  const userName = conn.extraSecrets?.username ?? '';
  const password = conn.extraSecrets?.password ?? '';
  if (!conn.apiKey || !conn.apiSecret || !userName || !password) {
    throw new ChannelError(
      'This iRCloud account lacks its client id, client secret, user name or password; edit it and enter all four.',
      { url: root, refused: true },
    );
  }
  const query = new URLSearchParams({
    userName,
    password,
    client_id: conn.apiKey,
    client_secret: conn.apiSecret,
    grant_type: 'client_credentials',
    scope: 'basic',
  });
  // The address without its query is what a message may name: the query holds the password.
  const tokenUrl = `${root}/v2/oauth2/token`;
  const answer = await sendWithRetry(
    `iRCloud at ${root}`,
    () => ({ url: `${tokenUrl}?${query.toString()}`, init: { method: 'GET' } }),
    opts.http,
    tokenUrl,
  );
  const envelope = envelopeFrom(parseJson(answer.text));
  const details: ChannelErrorDetails = {
    url: tokenUrl,
    httpStatus: answer.status,
    providerCode: String(envelope?.code ?? answer.status),
    refused: true,
  };
  if (!envelope) {
    throw new ChannelError(
      `iRCloud at ${root} answered the token request with something that is not iRCloud data ("${snippet(answer.text)}"); check the address.`,
      details,
    );
  }
  if (envelope.code !== 200) throw new ChannelError(loginRefusal(envelope), details);
  const data = isRecord(envelope.data) ? envelope.data : {};
  const value = data.access_token;
  const expiresIn = data.expires_in;
  if (typeof value !== 'string' || value === '' || typeof expiresIn !== 'number' || expiresIn <= 0) {
    throw new ChannelError('iRCloud answered the token request without a usable access token.', details);
  }
  const lifetimeMs = expiresIn * 1000;
  return { value, renewAt: opts.now() + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 10) };
}

/** The token endpoint's refusal, naming the field to fix. */
function loginRefusal(e: IrEnvelope): string {
  const why = `${e.code} ${e.message}`;
  if (/client_id/i.test(e.message)) return `iRCloud refused the client id (${why}); check the client id.`;
  if (/client_secret/i.test(e.message)) return `iRCloud refused the client secret (${why}); check the client secret.`;
  if (/grant_type|scope/i.test(e.message)) return `iRCloud refused the token request (${why}).`;
  return `iRCloud refused the login (${why}); check the user name and password.`;
}

async function send(
  root: string,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  token: string,
  http: HttpRetryOptions,
): Promise<HttpAnswer> {
  return sendWithRetry(
    `iRCloud at ${root}`,
    () => ({
      url: `${root}${path}`,
      init: {
        method,
        headers: { 'Content-Type': 'application/json', access_token: token },
        body: JSON.stringify(body),
      },
    }),
    http,
    `${root}${path}`,
  );
}

function envelopeCode(answer: HttpAnswer): number | null {
  return envelopeFrom(parseJson(answer.text))?.code ?? null;
}

function envelopeOf(answer: HttpAnswer, root: string): IrEnvelope {
  const body = envelopeFrom(parseJson(answer.text));
  if (!body) {
    throw new ChannelError(
      `iRCloud at ${root} answered ${answer.status} with something that is not iRCloud data ("${snippet(answer.text)}").`,
      { url: root, httpStatus: answer.status },
    );
  }
  return body;
}

function envelopeFrom(body: unknown): IrEnvelope | null {
  if (!isRecord(body) || typeof body.code !== 'number') return null;
  return { code: body.code, data: body.data, message: typeof body.message === 'string' ? body.message : '' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
