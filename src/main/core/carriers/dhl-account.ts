/**
 * The DHL business account PackDesk buys with: a `logistics` credential with provider_code `dhl`.
 * Its sealed secrets hold the gateway API key and the business-portal user and password
 * ({apiKey, username, password}); its settings the profile, the 14-digit billing number and the
 * label format the label printer wants (docFormat PDF or ZPL2) and whether each request is validated
 * before it is bought (validateFirst). No active row: DHL is not offered.
 */
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import type { DhlAccount } from './dhl-http';

export const DHL_PRODUCTION_URL = 'https://api-eu.dhl.com/parcel/de/shipping/v2';
const DEFAULT_PROFILE = 'STANDARD_GRUPPENPROFIL';

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
  if (!row) return null;
  const secrets = JSON.parse(box.open(row.secrets)) as Record<string, unknown>;
  const settings = JSON.parse(row.settings) as Record<string, unknown>;
  return {
    baseUrl: row.base_url.trim() || DHL_PRODUCTION_URL,
    apiKey: text(secrets.apiKey),
    username: text(secrets.username),
    password: text(secrets.password),
    profile: text(settings.profile) || DEFAULT_PROFILE,
    billingNumber: text(settings.billingNumber),
    docFormat: settings.docFormat === 'ZPL2' ? 'ZPL2' : 'PDF',
    validateFirst: settings.validateFirst === true,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
