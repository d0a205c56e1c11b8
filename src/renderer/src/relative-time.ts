/** "in 40 seconds", "in 3 minutes": when the outbox tries next, as people say it. */
import { currentLanguage } from './i18n';

const formats = new Map<string, Intl.RelativeTimeFormat>();

export function formatFromNow(iso: string | null | undefined, now = Date.now(), lang = currentLanguage()): string {
  if (!iso) return '';
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return iso;
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    formats.set(lang, format);
  }
  const seconds = Math.round(ms / 1000);
  if (Math.abs(seconds) < 60) return format.format(Math.max(seconds, 0), 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  return format.format(Math.round(minutes / 60), 'hour');
}
