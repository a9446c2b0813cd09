/**
 * How times, dates and ratios read in the web app — the one formatting module.
 *
 * Wall-clock times in a named zone, in the browser (luxon, as the server). The API speaks
 * `localTime` (`YYYY-MM-DDTHH:mm[:ss]`, no offset) + `timezone`; instants are ISO strings in UTC.
 * Everything shown is in the browser's locale (there is no workspace locale setting): the zone says
 * *when*, the locale only how it is written.
 */
import { DateTime } from 'luxon';

/** The browser's locale (`de-DE`, `en-GB`…): every date and number on screen is written its way. */
export const LOCALE: string = typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-GB';

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date `YYYY-MM-DD` in the locale ("5 Jul 2027", "05.07.2027"); no zone shift. Anything else is returned as is. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(date.getTime()) ? dateFormat.format(date) : iso;
}

export const formatPeriod = (p: { start: string; end: string }): string => `${formatDate(p.start)} – ${formatDate(p.end)}`;

/** ISO dates inside a sentence the server wrote (readiness details, warnings) rewritten in the locale. */
export const localiseDates = (text: string): string => text.replace(/\b\d{4}-\d{2}-\d{2}\b(?!T)/g, formatDate);

const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });

/** A 0–1 ratio as a percentage in the locale: 0.035 → "3.5%" ("3,5 %" in German). */
export const formatPercent = (ratio: number): string => percentFormat.format(ratio);

/** A number in the locale: 12000 → "12,000" ("12.000"). */
export const formatNumber = (n: number): string => n.toLocaleString(LOCALE);

/** An instant (ISO) as wall-clock time in `zone`: `YYYY-MM-DDTHH:mm` (`:ss` when not 0). */
export function wallTime(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return dt.toFormat(dt.second === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
}

/** Wall-clock time in `zone` → the instant (ISO, UTC). A time in a DST gap moves forward (luxon); the server refuses it instead. */
export function instantOf(local: string, zone: string): string {
  return DateTime.fromISO(local, { zone }).toUTC().toISO()!;
}

/** `2026-11-24T10:00` → `Tue, 24 Nov 2026, 10:00` in en-GB, `Di., 24. Nov. 2026, 10:00` in de-DE. */
export function formatLocal(local: string): string {
  const dt = DateTime.fromISO(local, { zone: 'utc', locale: LOCALE });
  if (!dt.isValid) return local;
  return dt.toLocaleString(
    dt.second === 0 ? DateTime.DATETIME_MED_WITH_WEEKDAY : { ...DateTime.DATETIME_MED_WITH_WEEKDAY, second: '2-digit' },
  );
}

/** An instant shown in a zone, with the zone named: `Tue 24 Nov 2026, 10:00 (Europe/Berlin)`. */
export const formatInstant = (iso: string, zone: string): string => `${formatLocal(wallTime(iso, zone))} (${zone})`;

/** Whether a zone name is one the browser (and so luxon) knows. */
export const isKnownZone = (zone: string): boolean => DateTime.now().setZone(zone).isValid;

let zones: string[] | undefined;
/** IANA zones for pickers (UTC first). */
export function timezoneNames(): string[] {
  if (!zones) {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = ['UTC', ...all.filter((z) => z !== 'UTC')];
  }
  return zones;
}
