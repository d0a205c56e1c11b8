/**
 * Sendcloud's JSON:API errors (`{errors: [{status, code, detail, source: {pointer}}]}`) in a
 * packer's words: "recipient postcode: Postal code 99999 does not exist in DE". The pointer names
 * the field of our request that was refused.
 */

export interface SendcloudErrorItem {
  status?: string;
  code?: string;
  title?: string;
  detail?: string;
  source?: { pointer?: string };
}

const FIELDS: readonly [RegExp, string][] = [
  [/^\/to_address\/postal_code$/, 'recipient postcode'],
  [/^\/to_address\/address_line_1$/, 'recipient street'],
  [/^\/to_address\/house_number$/, 'recipient house number'],
  [/^\/to_address\/name$/, 'recipient name'],
  [/^\/to_address\/city$/, 'recipient city'],
  [/^\/to_address\/country_code$/, 'recipient country'],
  [/^\/to_address\/state_province_code$/, 'recipient state'],
  [/^\/to_address/, 'recipient'],
  [/^\/from_address/, 'sender address (Settings)'],
  [/^\/ship_with/, 'shipping option (Sendcloud account settings)'],
  [/^\/parcels\/\d+\/weight/, 'weight'],
  [/^\/customs_information|^\/parcels\/\d+\/parcel_items/, 'customs declaration'],
  [/^\/external_reference_id$/, 'reference'],
];

export function sendcloudErrorWords(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return null;
  const errors = (body as { errors: unknown }).errors;
  if (!Array.isArray(errors)) return null;
  const words = (errors as SendcloudErrorItem[])
    .filter((e) => e.detail || e.title)
    .map((e) => {
      const field = FIELDS.find(([pattern]) => pattern.test(e.source?.pointer ?? ''))?.[1];
      const what = (e.detail ?? e.title ?? '').replace(/\.$/, '');
      return field ? `${field}: ${what}` : what;
    });
  return words.length > 0 ? words.join('; ') : null;
}
