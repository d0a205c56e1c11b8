import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Shipment } from '../../src/main/core/carriers/carrier-adapter';
import { createLocalCarrier } from '../../src/main/core/carriers/local';
import {
  isValidLocalTrackingNumber,
  localTrackingNumber,
  s10CheckDigit,
} from '../../src/main/core/carriers/local-tracking';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

// S10 check digits worked by hand: weights 8 6 4 2 3 5 9 7, check = 11 - (sum mod 11), 10 -> 0, 11 -> 5.
//   47312482 (RR473124829GB, a real Royal Mail number): 32+42+12+2+6+20+72+14 = 200; 200 mod 11 = 2; 11-2 = 9
//   12345678: 8+12+12+8+15+30+63+56 = 204; 204 mod 11 = 6; 11-6 = 5
//   00000000: sum 0; 0 mod 11 = 0; 11-0 = 11 -> 5
//   00000001: 1*7 = 7; 11-7 = 4
//   00060000: 6*2 = 12; 12 mod 11 = 1; 11-1 = 10 -> 0
describe('S10 tracking numbers for local delivery', () => {
  it('computes the S10 check digit', () => {
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(s10CheckDigit('00000000')).toBe(5);
    expect(s10CheckDigit('00000001')).toBe(4);
    expect(s10CheckDigit('00060000')).toBe(0);
    expect(() => s10CheckDigit('1234567')).toThrow(/8 digits/);
  });

  it('makes LP + serial + check digit + the sender country', () => {
    expect(localTrackingNumber(12345678, 'DE')).toBe('LP123456785DE');
    expect(localTrackingNumber(0, 'de')).toBe('LP000000005DE');
    expect(localTrackingNumber(1, ' CN ')).toBe('LP000000014CN');
    expect(localTrackingNumber(60000, 'DE')).toBe('LP000600000DE');
    expect(localTrackingNumber(99_999_999, 'DE')).toMatch(/^LP99999999\dDE$/);
  });

  it('refuses serials outside 8 digits and countries that are not 2-letter codes', () => {
    for (const serial of [-1, 100_000_000, 1.5, Number.NaN]) {
      expect(() => localTrackingNumber(serial, 'DE')).toThrow(/serials run from 0 to 99999999/);
    }
    for (const country of ['', 'DEU', 'Germany', 'D1']) {
      expect(() => localTrackingNumber(1, country)).toThrow(/2-letter code/);
    }
  });

  it('accepts its own numbers and rejects anything else', () => {
    for (const good of ['LP123456785DE', 'LP000000005DE', 'LP000000014CN', 'LP000600000DE']) {
      expect(isValidLocalTrackingNumber(good), good).toBe(true);
    }
    for (const bad of [
      'LP123456784DE', // wrong check digit
      'LP123456775DE', // one serial digit changed
      'RR473124829GB', // a valid S10, but not a local one
      'lp123456785de',
      'LP12345678DE',
      'LP1234567855DE',
      ' LP123456785DE',
      '',
    ]) {
      expect(isValidLocalTrackingNumber(bad), bad).toBe(false);
    }
  });
});

const SHIPMENT: Shipment = {
  idempotencyKey: 'label:1:test',
  orderNumber: 'TG-1001',
  sender: {
    name: 'PackDesk Warehouse',
    company: '',
    line1: 'Lagerstraße 1',
    line2: '',
    city: 'Berlin',
    state: '',
    postcode: '10115',
    country: 'DE',
    phone: '',
    email: '',
  },
  recipient: {
    name: '陈尧',
    company: '',
    line1: 'Müllerstraße 12',
    line2: '',
    city: 'München',
    state: '',
    postcode: '80469',
    country: 'DE',
    phone: '',
    email: '',
  },
  items: [{ sku: 'TEE-BLK-M', name: 'Tee', quantity: 2, price: '19.90', attributes: [] }],
  weightGrams: 500,
  service: 'standard',
};

describe('the local carrier', () => {
  it('makes a PDF label with a fresh S10 number from the serial counter for every shipment', async () => {
    let serial = 41;
    const carrier = createLocalCarrier({ nextSerial: () => ++serial });
    expect(carrier.code).toBe('local');

    const first = await carrier.create(SHIPMENT);
    const second = await carrier.create(SHIPMENT);
    expect(first.trackingNumber).toBe(localTrackingNumber(42, 'DE'));
    expect(second.trackingNumber).toBe(localTrackingNumber(43, 'DE'));
    expect(isValidLocalTrackingNumber(first.trackingNumber)).toBe(true);
    expect(first.format).toBe('pdf');
    expect(new TextDecoder().decode(first.document.subarray(0, 5))).toBe('%PDF-');

    const file = join(tempDir(), 'label.pdf');
    writeFileSync(file, first.document);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(first.trackingNumber);
    expect(text).toContain('TG-1001');
    expect(text).toContain('陈尧');
  });

  it('fails with words a packer can act on when the sender address has no country code', async () => {
    const carrier = createLocalCarrier({ nextSerial: () => 1 });
    await expect(
      carrier.create({ ...SHIPMENT, sender: { ...SHIPMENT.sender, country: 'Deutschland' } }),
    ).rejects.toThrow(/sender's country must be a 2-letter code/);
  });
});
