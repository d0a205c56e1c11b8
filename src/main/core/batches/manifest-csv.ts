/**
 * The batch manifest as CSV for the shift lead's spreadsheet: UTF-8 with a BOM (without it Excel
 * reads UTF-8 as the local code page and Chinese names turn to mojibake), CRLF rows and RFC 4180
 * quoting.
 */

export interface ManifestRow {
  orderNumber: string;
  channel: string;
  sellerId: string;
  recipientName: string;
  country: string;
  postcode: string;
  city: string;
  trackingNumber: string;
  carrier: string;
  itemCount: number;
  /** e.g. "TEE-BLK-M x2; MUG-WHT x1" */
  skus: string;
  /** Which of labels.pdf and labels.zpl hold the order's label, and why one does not. */
  labelFiles: string;
}

const COLUMNS: readonly [header: string, key: keyof ManifestRow][] = [
  ['order_number', 'orderNumber'],
  ['channel', 'channel'],
  ['seller_id', 'sellerId'],
  ['recipient_name', 'recipientName'],
  ['country', 'country'],
  ['postcode', 'postcode'],
  ['city', 'city'],
  ['tracking_number', 'trackingNumber'],
  ['carrier', 'carrier'],
  ['item_count', 'itemCount'],
  ['skus', 'skus'],
  ['label_files', 'labelFiles'],
];

const BOM = '\uFEFF';
const CRLF = '\r\n';

export function manifestCsv(rows: readonly ManifestRow[]): string {
  const lines = [
    COLUMNS.map(([header]) => header),
    ...rows.map((row) => COLUMNS.map(([, key]) => String(row[key]))),
  ].map((cells) => cells.map(csvCell).join(','));
  return BOM + lines.join(CRLF) + CRLF;
}

function csvCell(value: string): string {
  const safe = defuseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Names and addresses come from shop customers: a cell starting with = + - @ (or a tab or CR,
 * which some spreadsheets skip before reading one of those) would run as a formula when the
 * file is opened. A leading apostrophe makes the spreadsheet show it as text (OWASP's advice).
 */
function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
