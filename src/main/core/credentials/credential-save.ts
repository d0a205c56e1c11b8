/**
 * Adding or updating an account (seed 000 §4.2): keyed by provider and external id, so sending
 * the same account again updates it. Secrets are sealed on the way in and never read back out;
 * an update without new keys keeps the sealed ones.
 */
import type { CredentialView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import { CARRIER_CODES, CHANNEL_PROVIDERS, type CredentialType } from '../../../shared/statuses';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { addCredential, getCredential } from './credential-repo';

export interface CredentialInput {
  type: CredentialType;
  providerCode: string;
  externalId: string;
  displayName?: string | undefined;
  baseUrl?: string | undefined;
  settings?: Record<string, unknown> | undefined;
  apiKey?: string | undefined;
  apiSecret?: string | undefined;
  isActive?: boolean | undefined;
}

/** Providers that need no keys: labels made on this machine. */
const KEYLESS: readonly string[] = ['local'];

function checkProvider(c: CredentialInput): void {
  const known: readonly string[] = c.type === 'order_channel' ? CHANNEL_PROVIDERS : CARRIER_CODES;
  if (!known.includes(c.providerCode)) {
    const kind = c.type === 'order_channel' ? 'shop' : 'carrier';
    throw new AppError(
      'bad_request',
      `PackDesk knows no ${kind} called ${c.providerCode}; use one of ${known.join(', ')}.`,
    );
  }
}

export function saveCredential(
  db: Db,
  box: SecretBox,
  c: CredentialInput,
  at: string,
): { credential: CredentialView; created: boolean } {
  checkProvider(c);
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    const existing = sqlite
      .prepare('SELECT id, type, secrets FROM credentials WHERE provider_code = ? AND external_id = ?')
      .get(c.providerCode, c.externalId) as { id: number; type: CredentialType; secrets: string } | undefined;
    if (!existing) {
      if (!KEYLESS.includes(c.providerCode) && (!c.apiKey || !c.apiSecret)) {
        throw new AppError('bad_request', `A new ${c.providerCode} account needs both api_key and api_secret.`);
      }
      const id = addCredential(
        db,
        box,
        {
          type: c.type,
          providerCode: c.providerCode,
          externalId: c.externalId,
          displayName: c.displayName ?? `${c.providerCode} ${c.externalId}`,
          baseUrl: c.baseUrl ?? '',
          settings: c.settings ?? {},
          secrets: { apiKey: c.apiKey ?? '', apiSecret: c.apiSecret ?? '' },
        },
        at,
      );
      if (c.isActive === false) sqlite.prepare('UPDATE credentials SET is_active = 0 WHERE id = ?').run(id);
      return { credential: getCredential(db, id), created: true };
    }
    if (existing.type !== c.type) {
      throw new AppError(
        'conflict',
        `${c.providerCode} ${c.externalId} is already saved as a ${existing.type} account; its type cannot change.`,
      );
    }
    const sets: string[] = ['updated_at = @at'];
    const values: Record<string, unknown> = { id: existing.id, at };
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = @${column}`);
      values[column] = value;
    };
    if (c.displayName !== undefined) set('display_name', c.displayName);
    if (c.baseUrl !== undefined) set('base_url', c.baseUrl);
    if (c.settings !== undefined) set('settings', JSON.stringify(c.settings));
    if (c.isActive !== undefined) set('is_active', c.isActive ? 1 : 0);
    if (c.apiKey !== undefined || c.apiSecret !== undefined) {
      const old = JSON.parse(box.open(existing.secrets)) as Record<string, string>;
      const secrets = {
        ...old,
        ...(c.apiKey !== undefined && { apiKey: c.apiKey }),
        ...(c.apiSecret !== undefined && { apiSecret: c.apiSecret }),
      };
      set('secrets', box.seal(JSON.stringify(secrets)));
    }
    sqlite.prepare(`UPDATE credentials SET ${sets.join(', ')} WHERE id = @id`).run(values);
    return { credential: getCredential(db, existing.id), created: false };
  })();
}
