/**
 * The Sendcloud account PackDesk buys with: a `logistics` credential with provider_code
 * `sendcloud`. Its sealed secrets hold the public key (apiKey) and secret key (apiSecret); its
 * settings the shipping option codes offered (the first is the default) and the label format.
 * No active row: Sendcloud is not offered.
 */
import { SENDCLOUD_LABEL_FORMATS } from '../../../shared/credential-fields';
import type { Db } from '../db/open';
import type { SecretBox } from '../secrets/secret-box';
import { SENDCLOUD_PRODUCTION_URL, type SendcloudAccount } from './sendcloud-http';

interface Row {
  base_url: string;
  settings: string;
  secrets: string;
}

const COLUMNS = 'SELECT base_url, settings, secrets FROM credentials';

export function sendcloudAccountOf(db: Db, box: SecretBox): SendcloudAccount | null {
  const row = db.$client
    .prepare(
      `${COLUMNS} WHERE type = 'logistics' AND provider_code = 'sendcloud' AND is_active = 1 ORDER BY id LIMIT 1`,
    )
    .get() as Row | undefined;
  return row ? accountOf(row, box) : null;
}

/** The Sendcloud account stored under this credential id, on or off: what the Carriers section tests. */
export function sendcloudAccountById(db: Db, box: SecretBox, id: number): SendcloudAccount | null {
  const row = db.$client
    .prepare(`${COLUMNS} WHERE id = ? AND type = 'logistics' AND provider_code = 'sendcloud'`)
    .get(id) as Row | undefined;
  return row ? accountOf(row, box) : null;
}

function accountOf(row: Row, box: SecretBox): SendcloudAccount {
  const secrets = JSON.parse(box.open(row.secrets)) as Record<string, unknown>;
  const settings = JSON.parse(row.settings) as Record<string, unknown>;
  const options = Array.isArray(settings.shippingOptions) ? settings.shippingOptions : [];
  return {
    baseUrl: row.base_url.trim() || SENDCLOUD_PRODUCTION_URL,
    publicKey: typeof secrets.apiKey === 'string' ? secrets.apiKey : '',
    secretKey: typeof secrets.apiSecret === 'string' ? secrets.apiSecret : '',
    shippingOptions: options.filter((o): o is string => typeof o === 'string'),
    labelFormat: SENDCLOUD_LABEL_FORMATS.find((f) => f === settings.labelFormat) ?? 'pdf',
  };
}
