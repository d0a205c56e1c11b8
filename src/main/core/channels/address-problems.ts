/** What a shipping address lacks for a label, in words; the same checks for every channel. */
import type { Address } from '../../../shared/dto';

/** Places whose addresses have no postcode (Ireland's Eircode is optional), so none is missing. */
const NO_POSTCODE = new Set(['AE', 'HK', 'IE', 'MO', 'QA']);

export function addressProblems(address: Address): string[] {
  const problems: string[] = [];
  if (!address.name && !address.company) problems.push('Shipping address has no recipient name');
  if (!address.line1 && !address.line2) problems.push('Shipping address has no street');
  if (!address.city) problems.push('Shipping address has no city');
  if (!address.country) problems.push('Shipping address has no country');
  else if (!/^[A-Z]{2}$/.test(address.country)) {
    problems.push(`Shipping address has an unreadable country "${address.country}"`);
  }
  if (!address.postcode && !NO_POSTCODE.has(address.country)) problems.push('Shipping address has no postcode');
  return problems;
}
