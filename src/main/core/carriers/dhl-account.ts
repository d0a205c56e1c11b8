/**
 * The DHL business account PackDesk buys with: a `logistics` credential with provider_code `dhl`.
 * Its sealed secrets hold the gateway API key and the business-portal user and password
 * ({apiKey, username, password}); its settings the profile, the 14-digit billing number and the
 * label format the label printer wants (docFormat PDF or ZPL2) and whether each request is validated
 * before it is bought (validateFirst). No active row: DHL is not offered.
 */
import { DHL_DEFAULT_PROFILE } from '../../../shared/credential-fields';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import type { DhlAccount } from './dhl-http';

export const DHL_PRODUCTION_URL = 'https://api-eu.dhl.com/parcel/de/shipping/v2';

interface Row {
  base_url: string;
  settings: string;
  secrets: string;
}

export function dhlAccountOf(db: Db, box: SecretBox): DhlAccount | null {
  const row = db.$client
    .prepare(
      "SELECT base_url, settings, secrets FROM credentials WHERE type = 'logistics' AND provider_code = 'dhl' AND is_active = 1 ORDER BY id LIMIT 1",
    )
    .get() as Row | undefined;
  return row ? accountOf(row, box) : null;
}

/** The DHL account stored under this credential id, on or off: what the Carriers section tests. */
export function dhlAccountById(db: Db, box: SecretBox, id: number): DhlAccount | null {
  const row = db.$client
    .prepare(
      "SELECT base_url, settings, secrets FROM credentials WHERE id = ? AND type = 'logistics' AND provider_code = 'dhl'",
    )
    .get(id) as Row | undefined;
  return row ? accountOf(row, box) : null;
}

function accountOf(row: Row, box: SecretBox): DhlAccount {
  const secrets = JSON.parse(box.open(row.secrets)) as Record<string, unknown>;
  const settings = JSON.parse(row.settings) as Record<string, unknown>;
  return {
    baseUrl: row.base_url.trim() || DHL_PRODUCTION_URL,
    apiKey: text(secrets.apiKey),
    username: text(secrets.username),
    password: text(secrets.password),
    profile: text(settings.profile) || DHL_DEFAULT_PROFILE,
    billingNumber: text(settings.billingNumber),
    docFormat: settings.docFormat === 'ZPL2' ? 'ZPL2' : 'PDF',
    validateFirst: settings.validateFirst === true,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
