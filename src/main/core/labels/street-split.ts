/**
 * Street and house number apart, as DHL's API wants them (addressStreet, addressHouse). Shops take
 * one line, written the local way: "Müllerstraße 12a" in Germany, "12 Rue de Rivoli" in France,
 * "Hauptstr. 5-7", "Kerkstraat 12 bis". A line with no number is returned whole as the street.
 */
export interface StreetParts {
  street: string;
  house: string;
}

/** A house number: digits, then letters, ranges or suffixes ("12a", "5-7", "3 b", "14/2", "12 bis"). */
const HOUSE = String.raw`\d+(?:\s?[a-zA-Z](?![a-zA-Z]{2}))?(?:\s?[-/]\s?\d+[a-zA-Z]?)*(?:\s(?:bis|ter))?`;
const TRAILING = new RegExp(String.raw`^(.*?\D)[\s,]+(${HOUSE})$`);
const LEADING = new RegExp(String.raw`^(${HOUSE})[\s,]+(\D.*)$`);

export function splitStreet(line: string): StreetParts {
  const text = line.trim().replace(/\s+/g, ' ');
  const trailing = TRAILING.exec(text);
  if (trailing) return { street: trailing[1]!.replace(/,$/, '').trim(), house: trailing[2]! };
  const leading = LEADING.exec(text);
  if (leading) return { street: leading[2]!.trim(), house: leading[1]! };
  return { street: text, house: '' };
}
