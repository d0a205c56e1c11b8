/**
 * WordPress keeps every date twice: in the site's time zone and in UTC (the `_gmt` fields), both
 * written "2026-11-20T08:15:00" without a zone. The simulated shop runs at a fixed UTC+1 (a German
 * shop with a fixed offset in its settings), so a client that reads the zone-less local fields as
 * UTC is off by an hour and the tests notice.
 */
export const SITE_UTC_OFFSET_MINUTES = 60;

const MINUTE_MS = 60_000;

/** "2026-11-20T08:15:00": the wall clock of `at` in UTC, to the second. */
export function gmtWallClock(at: Date): string {
  return at.toISOString().slice(0, 19);
}

export function siteWallClock(at: Date): string {
  return gmtWallClock(new Date(at.getTime() + SITE_UTC_OFFSET_MINUTES * MINUTE_MS));
}

export function wooDates(at: Date): { local: string; gmt: string } {
  return { local: siteWallClock(at), gmt: gmtWallClock(at) };
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A date query parameter as WP_Date_Query sees it: a zone-less value is taken as site wall time
 * as written; a value with a zone is converted to site wall time. That conversion happens even
 * with `dates_are_gmt=true`, which then compares site time against the UTC column, so a careful
 * client sends zone-less UTC. Null when the value is not an RFC 3339 date-time.
 */
export function dateParamAsSiteWallClock(value: string): string | null {
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [, day, time, , zone] = m;
  if (zone === undefined) return `${day}T${time}`;
  const instant = new Date(`${day}T${time}${zone.toUpperCase() === 'Z' ? 'Z' : withColon(zone)}`);
  return Number.isNaN(instant.getTime()) ? null : siteWallClock(instant);
}

function withColon(zone: string): string {
  if (zone.length === 3) return `${zone}:00`;
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}
