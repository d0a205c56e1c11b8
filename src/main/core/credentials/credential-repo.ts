/**
 * Channel and carrier accounts. Secrets (seed 000: api_key, api_secret, and any extra a provider
 * needs) are sealed as one JSON object; nothing here returns them except `connectionOf`, which
 * only main's adapters call.
 */
import {
  CARRIER_ACCOUNT_FIELDS,
  DETAIL_SOURCES,
  DHL_DOC_FORMATS,
  PROVIDER_FIELDS,
  SENDCLOUD_LABEL_FORMATS,
} from '../../../shared/credential-fields';
import type { CredentialSettings, CredentialView, LastPull } from '../../../shared/dto';
import { AppError } from '../../../shared/errors';
import type { CredentialType } from '../../../shared/statuses';
import type { ChannelConnection } from '../channels/channel-adapter';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { storedChoice } from '../labels/label-choice';
import { getSetting, setSetting } from '../settings';

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
  default_carrier: string | null;
  default_service: string | null;
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

export interface CredentialPatch {
  displayName?: string;
  baseUrl?: string;
  /** Merged into the stored settings, so saving a form never drops a setting it does not show. */
  settings?: Record<string, unknown>;
  /** Only the secrets given are replaced; the others stay as they are. */
  secrets?: Partial<Record<string, string>>;
  isActive?: boolean;
}

export function updateCredential(db: Db, box: SecretBox, id: number, patch: CredentialPatch, at: string): void {
  const sqlite = db.$client;
  sqlite.transaction(() => {
    const r = recordOf(db, id);
    const secrets =
      patch.secrets && Object.keys(patch.secrets).length > 0
        ? box.seal(JSON.stringify({ ...(JSON.parse(box.open(r.secrets)) as object), ...patch.secrets }))
        : r.secrets;
    sqlite
      .prepare(
        'UPDATE credentials SET display_name = ?, base_url = ?, settings = ?, secrets = ?, is_active = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        patch.displayName ?? r.display_name,
        patch.baseUrl ?? r.base_url,
        patch.settings === undefined
          ? r.settings
          : JSON.stringify({ ...(JSON.parse(r.settings) as object), ...patch.settings }),
        secrets,
        patch.isActive === undefined ? r.is_active : patch.isActive ? 1 : 0,
        at,
        id,
      );
  })();
}

/** A complete pull: the next one asks only for what changed since `since`, and starts from page one. */
export function markPulled(db: Db, id: number, since: string, at: string = since): void {
  db.$client
    .prepare('UPDATE credentials SET last_pulled_at = ?, pull_cursor = NULL, updated_at = ? WHERE id = ?')
    .run(since, at, id);
}

/**
 * Where an unfinished pull stands: the changes it asked for (`since`), when it started, and the
 * next page's cursor. Saved after every page, so a pull cut by the network or a killed app goes
 * on from there instead of from the start.
 */
export interface PullProgress {
  since: string | null;
  startedAt: string;
  cursor: string;
}

export function savePullProgress(db: Db, id: number, progress: PullProgress | null): void {
  db.$client
    .prepare('UPDATE credentials SET pull_cursor = ? WHERE id = ?')
    .run(progress === null ? null : JSON.stringify(progress), id);
}

export function pullProgressOf(db: Db, id: number): PullProgress | null {
  const row = db.$client.prepare('SELECT pull_cursor FROM credentials WHERE id = ?').get(id) as
    { pull_cursor: string | null } | undefined;
  if (!row?.pull_cursor) return null;
  try {
    const p = JSON.parse(row.pull_cursor) as Partial<PullProgress>;
    if (typeof p.cursor === 'string' && typeof p.startedAt === 'string') {
      return { since: typeof p.since === 'string' ? p.since : null, startedAt: p.startedAt, cursor: p.cursor };
    }
  } catch {
    // An unreadable cursor only costs a pull from the start.
  }
  return null;
}

const lastPullKey = (id: number): string => `last_pull:${id}`;

export function recordLastPull(db: Db, id: number, lastPull: LastPull): void {
  setSetting(db, lastPullKey(id), JSON.stringify(lastPull));
}

function lastPullOf(db: Db, id: number): LastPull | null {
  const text = getSetting(db, lastPullKey(id));
  // Records written before leftOut was kept have none.
  return text === null
    ? null
    : ({ leftOut: { count: 0, reasons: [] }, ...(JSON.parse(text) as Partial<LastPull>) } as LastPull);
}

/**
 * The secrets the account has, by name only. With the box, the sealed blob is opened here in main
 * to leave out the blank ones (a storefront's optional Shopify token); without it, every secret
 * the provider needs, as required ones cannot be saved blank. Views meant for the screen pass the box.
 */
function savedSecretsOf(r: CredentialRecord, box: SecretBox | undefined): CredentialView['savedSecrets'] {
  const table: Readonly<Record<string, { secrets: readonly CredentialView['savedSecrets'][number][] }>> =
    r.type === 'logistics' ? CARRIER_ACCOUNT_FIELDS : PROVIDER_FIELDS;
  const names = table[r.provider_code]?.secrets ?? ['apiKey', 'apiSecret'];
  if (!box) return [...names];
  const sealed = JSON.parse(box.open(r.secrets)) as Record<string, unknown>;
  return names.filter((name) => typeof sealed[name] === 'string' && sealed[name] !== '');
}

function toView(db: Db, r: CredentialRecord, box: SecretBox | undefined): CredentialView {
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
    settings: settingsView(JSON.parse(r.settings) as Record<string, unknown>),
    savedSecrets: savedSecretsOf(r, box),
    lastPull: lastPullOf(db, r.id),
    labelDefault: storedChoice(r.default_carrier, r.default_service),
  };
}

/** Only the settings the screen knows, so nothing else stored there ever reaches it. */
function settingsView(settings: Record<string, unknown>): CredentialSettings {
  const view: CredentialSettings = {};
  if (Array.isArray(settings.statuses)) view.statuses = settings.statuses.filter((s) => typeof s === 'string');
  if (typeof settings.autoPullMinutes === 'number') view.autoPullMinutes = settings.autoPullMinutes;
  if (typeof settings.utcOffset === 'string') view.utcOffset = settings.utcOffset;
  if (typeof settings.country === 'string') view.country = settings.country;
  const detailSource = DETAIL_SOURCES.find((d) => d === settings.detailSource);
  if (detailSource) view.detailSource = detailSource;
  if (typeof settings.shopifyDomain === 'string') view.shopifyDomain = settings.shopifyDomain;
  if (typeof settings.shopifyShopId === 'number') view.shopifyShopId = settings.shopifyShopId;
  if (typeof settings.profile === 'string') view.profile = settings.profile;
  if (typeof settings.billingNumber === 'string') view.billingNumber = settings.billingNumber;
  const docFormat = DHL_DOC_FORMATS.find((f) => f === settings.docFormat);
  if (docFormat) view.docFormat = docFormat;
  if (typeof settings.validateFirst === 'boolean') view.validateFirst = settings.validateFirst;
  if (Array.isArray(settings.shippingOptions)) {
    view.shippingOptions = settings.shippingOptions.filter((s) => typeof s === 'string');
  }
  const labelFormat = SENDCLOUD_LABEL_FORMATS.find((f) => f === settings.labelFormat);
  if (labelFormat) view.labelFormat = labelFormat;
  return view;
}

function recordOf(db: Db, id: number): CredentialRecord {
  const r = db.$client.prepare('SELECT * FROM credentials WHERE id = ?').get(id) as CredentialRecord | undefined;
  if (!r) throw new AppError('not_found', `There is no shop or carrier account with id ${id}.`);
  return r;
}

/** With the box, savedSecrets says which secrets are really saved (what the Channels screen shows). */
export function listCredentials(db: Db, box?: SecretBox): CredentialView[] {
  return (db.$client.prepare('SELECT * FROM credentials ORDER BY id').all() as CredentialRecord[]).map((r) =>
    toView(db, r, box),
  );
}

export function getCredential(db: Db, id: number, box?: SecretBox): CredentialView {
  return toView(db, recordOf(db, id), box);
}

export function connectionOf(db: Db, box: SecretBox, id: number): ChannelConnection {
  const r = recordOf(db, id);
  const { apiKey, apiSecret, ...extraSecrets } = JSON.parse(box.open(r.secrets)) as Record<string, string>;
  return {
    baseUrl: r.base_url,
    apiKey: apiKey ?? '',
    apiSecret: apiSecret ?? '',
    extraSecrets,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
  };
}
