/**
 * Tracking numbers for own delivery, in the UPU S10 shape that postal and courier scanners
 * already know: service letters, an 8-digit serial, a check digit, the sender's country.
 * LP12345678?DE, always 13 characters.
 */

/** The service indicator of every local label. */
const SERVICE = 'LP';
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
const MAX_SERIAL = 99_999_999;
const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

/** The S10 check digit of an 8-digit serial: weighted sum, 11 minus the rest mod 11, with 10 -> 0 and 11 -> 5. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new Error(`An S10 serial has 8 digits, not "${serial}".`);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(serial[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

export function localTrackingNumber(serial: number, country: string): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > MAX_SERIAL) {
    throw new Error(`Local tracking serials run from 0 to ${MAX_SERIAL}; ${serial} is outside.`);
  }
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) {
    throw new Error(
      `The sender's country must be a 2-letter code (such as DE) for a tracking number, not "${country}".`,
    );
  }
  const digits = String(serial).padStart(8, '0');
  return `${SERVICE}${digits}${s10CheckDigit(digits)}${code}`;
}

export function isValidLocalTrackingNumber(s: string): boolean {
  const match = S10.exec(s);
  if (!match) return false;
  const [, service, serial = '', check] = match;
  return service === SERVICE && s10CheckDigit(serial) === Number(check);
}
