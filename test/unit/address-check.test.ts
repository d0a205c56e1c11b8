/** The address check runs before any carrier is paid: its words are what the packer reads. */
import { describe, expect, it } from 'vitest';
import { addressProblems } from '../../src/main/core/labels/address-check';
import { splitStreet } from '../../src/main/core/labels/street-split';
import type { Address } from '../../src/shared/dto';

const address = (over: Partial<Address>): Address => ({
  name: 'Kundin',
  company: '',
  line1: 'Hauptstraße 5',
  line2: '',
  city: 'Stadt',
  state: '',
  postcode: '',
  country: 'DE',
  phone: '',
  email: '',
  ...over,
});

describe('the address check', () => {
  it('knows the postcode formats of DE, AT, FR, GB, US, CN and JP', () => {
    const good: [string, string, string?][] = [
      ['DE', '80331'],
      ['AT', '1010'],
      ['FR', '75001'],
      ['GB', 'SW1A 1AA'],
      ['GB', 'm1 1ae'],
      ['US', '10001', 'NY'],
      ['US', '10001-0001', 'NY'],
      ['CN', '100020', '北京市'],
      ['JP', '100-0001', '東京都'],
      ['JP', '1000001', '東京都'],
    ];
    for (const [country, postcode, state = ''] of good) {
      expect(addressProblems(address({ country, postcode, state })), `${country} ${postcode}`).toEqual([]);
    }
    const bad: [string, string, string][] = [
      ['DE', '1011', 'Postcode 1011 is not a German postcode: 5 digits expected'],
      ['AT', '10100', 'Postcode 10100 is not an Austrian postcode: 4 digits expected'],
      ['FR', '7500', 'Postcode 7500 is not a French postcode: 5 digits expected'],
      ['GB', '12345', 'Postcode 12345 is not a British postcode: a form like SW1A 1AA expected'],
      ['US', '1000', 'Postcode 1000 is not a US postcode: 5 digits, or 5 and 4 like 10001-0001 expected'],
      ['CN', '10002', 'Postcode 10002 is not a Chinese postcode: 6 digits expected'],
      ['JP', '100-001', 'Postcode 100-001 is not a Japanese postcode: 7 digits, like 100-0001 expected'],
    ];
    for (const [country, postcode, words] of bad) {
      expect(addressProblems(address({ country, postcode, state: 'X' }))).toEqual([words]);
    }
  });

  it('asks for the fields each destination needs', () => {
    expect(addressProblems(address({ name: ' ', city: '', postcode: '80331' }))).toEqual([
      'Shipping address has no recipient name, city',
    ]);
    expect(addressProblems(address({ country: 'US', postcode: '10001' }))).toEqual(['Shipping address has no state']);
    expect(addressProblems(address({ country: 'CN', postcode: '100020' }))).toEqual([
      'Shipping address has no province',
    ]);
    expect(addressProblems(address({ country: 'Germany', postcode: '80331' }))).toEqual([
      'Country "Germany" is not a 2-letter country code such as DE',
    ]);
  });

  it('wants a house number apart for DHL in Germany, not for the local carrier', () => {
    const noNumber = address({ line1: 'Müllerstraße', postcode: '80331' });
    expect(addressProblems(noNumber, 'local')).toEqual([]);
    expect(addressProblems(noNumber, 'dhl')).toEqual(['Street address "Müllerstraße" has no house number']);
    expect(addressProblems(address({ line1: 'Baker Street', country: 'GB', postcode: 'NW1 6XE' }), 'dhl')).toEqual([]);
  });

  it('splits street and house number written the local way', () => {
    const cases: [string, string, string][] = [
      ['Müllerstraße 12a', 'Müllerstraße', '12a'],
      ['Hauptstr. 5-7', 'Hauptstr.', '5-7'],
      ['12 Rue de Rivoli', 'Rue de Rivoli', '12'],
      ['Straße des 17. Juni 135', 'Straße des 17. Juni', '135'],
      ['Am Markt 3 b', 'Am Markt', '3 b'],
      ['Lindenallee 14/2', 'Lindenallee', '14/2'],
      ['Calle Mayor, 5', 'Calle Mayor', '5'],
      ['221B Baker Street', 'Baker Street', '221B'],
      ['Müllerstraße', 'Müllerstraße', ''],
    ];
    for (const [line, street, house] of cases) expect(splitStreet(line), line).toEqual({ street, house });
  });
});
