/** Dates, money and countries as the packer reads them, in the UI language. */
import { currentLanguage } from './i18n';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(lang: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withYear}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      ...(withYear ? { year: 'numeric' } : {}),
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function formatDateTime(iso: string | null | undefined, lang = currentLanguage()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Dates of this year drop the year: shorter, and what people say.
  const withYear = date.getFullYear() !== new Date().getFullYear();
  return dateTimeFormat(lang, withYear).format(date);
}

/** Amounts stay as the shop sent them (strings, no float rounding); only the code is added. */
export function formatMoney(total: string, currency: string): string {
  return currency ? `${total} ${currency}` : total;
}

const regionNames = new Map<string, Intl.DisplayNames>();

export function countryName(code: string, lang = currentLanguage()): string {
  if (!code) return '';
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' });
    regionNames.set(lang, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const integerFormats = new Map<string, Intl.NumberFormat>();

export function formatCount(n: number, lang = currentLanguage()): string {
  let format = integerFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang);
    integerFormats.set(lang, format);
  }
  return format.format(n);
}
