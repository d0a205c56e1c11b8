/**
 * What must be on a parcel before any carrier is asked for a label. A failure here costs
 * nothing and says exactly what to fix ("Postcode 1011 is not a German postcode: 5 digits
 * expected"): the fields each destination needs, its postcode format, and, for carriers that want
 * street and house number apart (DHL), that the street line can be split.
 */
import type { Address } from '../../../shared/dto';
import { splitStreet } from './street-split';

const REQUIRED: readonly [keyof Address, string][] = [
  ['name', 'recipient name'],
  ['line1', 'street address'],
  ['city', 'city'],
  ['postcode', 'postcode'],
  ['country', 'country'],
];

interface PostcodeRule {
  adjective: string;
  pattern: RegExp;
  expected: string;
}

const POSTCODES: Readonly<Record<string, PostcodeRule>> = {
  DE: { adjective: 'German', pattern: /^\d{5}$/, expected: '5 digits' },
  AT: { adjective: 'Austrian', pattern: /^\d{4}$/, expected: '4 digits' },
  CH: { adjective: 'Swiss', pattern: /^\d{4}$/, expected: '4 digits' },
  FR: { adjective: 'French', pattern: /^\d{5}$/, expected: '5 digits' },
  IT: { adjective: 'Italian', pattern: /^\d{5}$/, expected: '5 digits' },
  ES: { adjective: 'Spanish', pattern: /^\d{5}$/, expected: '5 digits' },
  NL: { adjective: 'Dutch', pattern: /^\d{4} ?[A-Z]{2}$/i, expected: '4 digits and 2 letters, like 1011 AB' },
  PL: { adjective: 'Polish', pattern: /^\d{2}-\d{3}$/, expected: '2 digits, a dash and 3 digits, like 00-950' },
  GB: {
    adjective: 'British',
    pattern: /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i,
    expected: 'a form like SW1A 1AA',
  },
  US: { adjective: 'US', pattern: /^\d{5}(-\d{4})?$/, expected: '5 digits, or 5 and 4 like 10001-0001' },
  CN: { adjective: 'Chinese', pattern: /^\d{6}$/, expected: '6 digits' },
  JP: { adjective: 'Japanese', pattern: /^\d{3}-?\d{4}$/, expected: '7 digits, like 100-0001' },
};

/** Where a parcel does not arrive without the state, province or prefecture. */
const REGION_REQUIRED: Readonly<Record<string, string>> = {
  US: 'state',
  CA: 'province',
  AU: 'state',
  CN: 'province',
  JP: 'prefecture',
};

/** Carriers whose API takes the house number in a field of its own. */
const HOUSE_NUMBER_APART = new Set(['dhl']);
/** Where a street address without a house number is not deliverable. */
const HOUSE_NUMBER_REQUIRED = new Set(['DE', 'AT', 'NL', 'CH']);

/** The problems of an address in words; empty when it can be shipped to by this carrier. */
export function addressProblems(address: Address, carrier = 'local'): string[] {
  const missing = REQUIRED.filter(([field]) => address[field].trim() === '').map(([, words]) => words);
  const country = address.country.trim().toUpperCase();
  const region = REGION_REQUIRED[country];
  if (region && address.state.trim() === '') missing.push(region);
  const problems = missing.length > 0 ? [`Shipping address has no ${missing.join(', ')}`] : [];
  if (country !== '' && !/^[A-Z]{2}$/.test(country)) {
    problems.push(`Country "${address.country}" is not a 2-letter country code such as DE`);
    return problems;
  }

  const postcode = address.postcode.trim();
  const rule = POSTCODES[country];
  if (rule && postcode !== '' && !rule.pattern.test(postcode)) {
    problems.push(
      `Postcode ${postcode} is not a${/^[AEIO]/.test(rule.adjective) ? 'n' : ''} ${rule.adjective} postcode: ${rule.expected} expected`,
    );
  }

  if (HOUSE_NUMBER_APART.has(carrier) && address.line1.trim() !== '' && HOUSE_NUMBER_REQUIRED.has(country)) {
    if (splitStreet(address.line1).house === '') {
      problems.push(`Street address "${address.line1.trim()}" has no house number`);
    }
  }
  return problems;
}
