/**
 * Wall-clock times in a named zone, in the browser (luxon, as the server). The API speaks
 * `localTime` (`YYYY-MM-DDTHH:mm[:ss]`, no offset) + `timezone`; instants are ISO strings in UTC.
 */
import { DateTime } from 'luxon';

/** An instant (ISO) as wall-clock time in `zone`: `YYYY-MM-DDTHH:mm` (`:ss` when not 0). */
export function wallTime(iso: string, zone: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return dt.toFormat(dt.second === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
}

/** Wall-clock time in `zone` → the instant (ISO, UTC). A time in a DST gap moves forward (luxon); the server refuses it instead. */
export function instantOf(local: string, zone: string): string {
  return DateTime.fromISO(local, { zone }).toUTC().toISO()!;
}

/** `2026-11-24T10:00` → `Tue 24 Nov 2026, 10:00`. */
export function formatLocal(local: string): string {
  const dt = DateTime.fromISO(local, { zone: 'utc' });
  if (!dt.isValid) return local;
  return dt.toFormat(dt.second === 0 ? 'ccc d LLL yyyy, HH:mm' : 'ccc d LLL yyyy, HH:mm:ss');
}

/** An instant shown in a zone, with the zone named: `Tue 24 Nov 2026, 10:00 (Europe/Berlin)`. */
export const formatInstant = (iso: string, zone: string): string => `${formatLocal(wallTime(iso, zone))} (${zone})`;

/** "Now" as wall-clock time in `zone`, to the second. */
export const nowIn = (zone: string): string => DateTime.now().setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss");

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
