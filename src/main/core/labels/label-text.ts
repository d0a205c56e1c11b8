/**
 * The words a shipping label prints, the same on the PDF and the ZPL label: cleaned-up address
 * parts, the destination country, the items line, the weight and the day it was made.
 */
import type { OrderItem } from '../../../shared/dto';

export function normalize(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function joinNonEmpty(parts: string[], separator: string): string {
  return parts
    .map(normalize)
    .filter((p) => p !== '')
    .join(separator);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Cross-border mail is sorted by the destination's English name (UPU), so print that, not the code alone. */
export function countryName(country: string): string {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return country;
  return regionNames.of(code) ?? code;
}

export function itemsSummary(items: readonly OrderItem[]): string {
  return items.map((i) => `${i.quantity}x ${i.sku || i.name}`).join(', ');
}

export function formatWeight(grams: number): string {
  return `${(grams / 1000).toFixed(2)} kg`;
}

/** The packing station's calendar day, as the packer would write it. */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
