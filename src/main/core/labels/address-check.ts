/**
 * What must be on a parcel before any carrier is asked for a label. A failure here costs
 * nothing and says exactly what to fix. (Per-country postcode rules come with the carriers issue.)
 */
import type { Address } from '../../../shared/dto';

const REQUIRED: readonly [keyof Address, string][] = [
  ['name', 'recipient name'],
  ['line1', 'street address'],
  ['city', 'city'],
  ['postcode', 'postcode'],
  ['country', 'country'],
];

/** The problems of an address in words; empty when it can be shipped to. */
export function addressProblems(address: Address): string[] {
  const missing = REQUIRED.filter(([field]) => address[field].trim() === '').map(([, words]) => words);
  return missing.length > 0 ? [`Shipping address has no ${missing.join(', ')}`] : [];
}
