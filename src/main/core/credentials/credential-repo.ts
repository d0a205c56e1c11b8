/**
 * Channel and carrier accounts. Secrets (seed 000: api_key, api_secret, and any extra a provider
 * needs) are sealed as one JSON object; nothing here returns them except `connectionOf`, which
 * only main's adapters call.
 */
import type { CredentialView } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { CredentialType } from '../../../shared/statuses';
import type { ChannelConnection } from '../channels/channel-adapter';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';

export interface NewCredential {
  type: CredentialType;
  providerCode: string;
  externalId: string;
  displayName: string;
  baseUrl: string;
  settings: Record<string, unknown>;
  secrets: { apiKey: string; apiSecret: string } & Record<string, string>;
  isSandbox?: boolean;
}

interface CredentialRecord {
  id: number;
  type: CredentialType;
  provider_code: string;
  external_id: string;
  display_name: string;
  base_url: string;
  settings: string;
  secrets: string;
  is_active: number;
  is_sandbox: number;
  pull_cursor: string | null;
  last_pulled_at: string | null;
  created_at: string;
}

export function addCredential(db: Db, box: SecretBox, c: NewCredential, at: string): number {
  const result = db.$client
    .prepare(
      `INSERT INTO credentials (type, provider_code, external_id, display_name, base_url, settings, secrets, is_sandbox, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.type,
      c.providerCode,
      c.externalId,
      c.displayName,
      c.baseUrl,
      JSON.stringify(c.settings),
      box.seal(JSON.stringify(c.secrets)),
      c.isSandbox ? 1 : 0,
      at,
      at,
    );
  return Number(result.lastInsertRowid);
}

export function setCredentialBaseUrl(db: Db, id: number, baseUrl: string, at: string): void {
  db.$client.prepare('UPDATE credentials SET base_url = ?, updated_at = ? WHERE id = ?').run(baseUrl, at, id);
}

export function markPulled(db: Db, id: number, at: string): void {
  db.$client.prepare('UPDATE credentials SET last_pulled_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
}

function toView(r: CredentialRecord): CredentialView {
  return {
    id: r.id,
    type: r.type,
    providerCode: r.provider_code,
    externalId: r.external_id,
    displayName: r.display_name,
    baseUrl: r.base_url,
    isActive: r.is_active === 1,
    isSandbox: r.is_sandbox === 1,
    lastPulledAt: r.last_pulled_at,
    createdAt: r.created_at,
  };
}

export function listCredentials(db: Db): CredentialView[] {
  return (db.$client.prepare('SELECT * FROM credentials ORDER BY id').all() as CredentialRecord[]).map(toView);
}

export function getCredential(db: Db, id: number): CredentialView {
  const r = db.$client.prepare('SELECT * FROM credentials WHERE id = ?').get(id) as CredentialRecord | undefined;
  if (!r) throw new AppError('not_found', `There is no shop or carrier account with id ${id}.`);
  return toView(r);
}

export function connectionOf(db: Db, box: SecretBox, id: number): ChannelConnection {
  const r = db.$client.prepare('SELECT * FROM credentials WHERE id = ?').get(id) as CredentialRecord | undefined;
  if (!r) throw new AppError('not_found', `There is no shop or carrier account with id ${id}.`);
  const secrets = JSON.parse(box.open(r.secrets)) as { apiKey: string; apiSecret: string };
  return {
    baseUrl: r.base_url,
    apiKey: secrets.apiKey,
    apiSecret: secrets.apiSecret,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
  };
}
