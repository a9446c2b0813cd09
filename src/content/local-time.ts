/**
 * PURE — wall-clock times in an IANA time zone ↔ UTC instants (luxon for the zone rules).
 *
 * People schedule "Tuesday 09:00 in Berlin"; we store the UTC instant plus the zone. Twice a year
 * that is not a one-to-one mapping:
 * - **Gap** (spring forward): 02:30 on 2027-03-28 does not exist in Europe/Berlin, the clocks jump
 *   from 02:00 to 03:00. We REFUSE it (422 `post.nonexistent_local_time`) and name the nearest valid
 *   times (01:59 and 03:00) rather than silently moving the post by an hour.
 * - **Overlap** (fall back): 02:30 on 2027-10-31 happens twice in Europe/Berlin (CEST, then CET). We
 *   take the EARLIER instant (the first 02:30, still summer time — the time the clock showed first) and
 *   report `ambiguous: true` with both instants, so the caller can show which one was meant.
 */
import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../errors.ts';

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface ResolvedTime {
  /** The UTC instant. */
  at: Date;
  timezone: string;
  /** The wall-clock time as given, normalised: `YYYY-MM-DDTHH:mm` (`:ss` when the seconds are not 0). */
  localTime: string;
  /** The local time happens twice (DST overlap); `at` is the earlier of `alternatives`. */
  ambiguous: boolean;
  /** Both instants (ISO, UTC) when ambiguous. */
  alternatives?: [string, string];
}

/** The zone object for a valid IANA name, or 422 `post.invalid_timezone`. */
export function zoneOf(timezone: string): IANAZone {
  const zone = IANAZone.create(timezone);
  if (!zone.isValid) {
    throw new AppError(
      'post.invalid_timezone',
      `"${timezone}" is not an IANA time zone (such as Europe/Berlin, America/New_York or UTC).`,
      422,
      {
        timezone,
      },
    );
  }
  return zone;
}

/** `YYYY-MM-DDTHH:mm[:ss]` with a real calendar date, or 422 `post.invalid_local_time`. */
export function parseLocalTime(localTime: string): LocalParts {
  const m = LOCAL_RE.exec(localTime);
  const bad = () =>
    new AppError(
      'post.invalid_local_time',
      `"${localTime}" is not a local date and time written YYYY-MM-DDTHH:mm (e.g. 2027-05-04T09:30).`,
      422,
      {
        localTime,
      },
    );
  if (!m) throw bad();
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    throw bad();
  return { year, month, day, hour, minute, second };
}

const wallMillis = (p: LocalParts) => Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);

/**
 * Every UTC instant (epoch ms, ascending) at which the clocks in `zone` show `parts`: none in a DST
 * gap, two in an overlap, one otherwise.
 */
export function instantsOf(parts: LocalParts, zone: IANAZone): number[] {
  const wall = wallMillis(parts);
  const offsets = new Set([zone.offset(wall - DAY), zone.offset(wall), zone.offset(wall + DAY)]);
  const instants = [...offsets].map((o) => wall - o * MINUTE).filter((ts) => wall - zone.offset(ts) * MINUTE === ts);
  return [...new Set(instants)].sort((a, b) => a - b);
}

/** `YYYY-MM-DDTHH:mm` of an instant in a zone. */
export function formatLocal(at: Date | number, timezone: string): string {
  const dt = DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone: timezone });
  return dt.toFormat(dt.second === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
}

/** The instant at which the offset changes between `lo` (old offset) and `hi` (new offset). */
function transitionBetween(lo: number, hi: number, zone: IANAZone): number {
  const before = zone.offset(lo);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return Math.ceil(hi / MINUTE) * MINUTE;
}

/**
 * Resolves a wall-clock time in an IANA zone to a UTC instant. Refuses a time inside a DST gap with
 * 422 `post.nonexistent_local_time` (details: the gap and the nearest valid local times); takes the
 * earlier instant of a DST overlap and says so (`ambiguous`).
 */
export function resolveLocalTime(localTime: string, timezone: string): ResolvedTime {
  const zone = zoneOf(timezone);
  const parts = parseLocalTime(localTime);
  const normalized = formatLocal(wallMillis(parts), 'UTC');
  const instants = instantsOf(parts, zone);
  if (instants.length === 0) {
    const wall = wallMillis(parts);
    const early = zone.offset(wall - DAY);
    const late = zone.offset(wall + DAY);
    const t = transitionBetween(wall - late * MINUTE, wall - early * MINUTE, zone);
    const gapStart = formatLocal(t - MINUTE, timezone).slice(0, 16); // last valid minute before
    const before = gapStart;
    const after = formatLocal(t, timezone);
    const jumpFrom = formatLocal(t + early * MINUTE, 'UTC').slice(11, 16);
    throw new AppError(
      'post.nonexistent_local_time',
      `${normalized.replace('T', ' ')} does not exist in ${timezone}: the clocks jump from ${jumpFrom} to ${after.slice(11, 16)} that day. ` +
        `The nearest valid times are ${before.replace('T', ' ')} and ${after.replace('T', ' ')}.`,
      422,
      { localTime: normalized, timezone, nearestBefore: before, nearestAfter: after, transitionAt: new Date(t).toISOString() },
    );
  }
  const at = new Date(instants[0]!);
  if (instants.length > 1) {
    return {
      at,
      timezone,
      localTime: normalized,
      ambiguous: true,
      alternatives: [new Date(instants[0]!).toISOString(), new Date(instants[instants.length - 1]!).toISOString()],
    };
  }
  return { at, timezone, localTime: normalized, ambiguous: false };
}

/** The ISO week (Monday 00:00 to the next Monday 00:00, local time in `timezone`) containing `at`. */
export function isoWeekOf(at: Date, timezone: string): { start: Date; end: Date; label: string } {
  const dt = DateTime.fromJSDate(at, { zone: timezone });
  const start = dt.startOf('week');
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate(), label: dt.toFormat("kkkk-'W'WW") };
}
