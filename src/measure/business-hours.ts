/**
 * PURE — business-hours arithmetic: when something received at a time is due, counting only the
 * hours a team works (in their time zone, so a message on Friday evening is due on Monday morning),
 * and how many of those minutes an answer took. Without business hours, every minute counts. The
 * inbox's SLA (src/inbox/) and the response-time KPIs (./kpi-values.ts) both count this way.
 */
import { DateTime } from 'luxon';

export interface BusinessHours {
  /** IANA zone the hours are in. */
  timezone: string;
  /** "HH:MM", 24-hour clock; `end` after `start` (no windows across midnight). */
  start: string;
  end: string;
  /** ISO weekdays the hours apply on: 1 = Monday … 7 = Sunday. */
  days: number[];
}

/** Days looked at before giving up: more than a year of business days covers any target allowed (30 days). */
const MAX_DAYS = 800;

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** The business window of the local day starting at `day` (start of day in the zone), or null on a day off. */
function windowOf(day: DateTime, hours: BusinessHours): { from: number; to: number } | null {
  if (!hours.days.includes(day.weekday)) return null;
  // Wall-clock times of that day (set, not plus: a day with a DST change is 23 or 25 hours long).
  const at = (m: number) => day.set({ hour: Math.floor(m / 60), minute: m % 60 }).toMillis();
  const from = at(minutesOf(hours.start));
  const to = at(minutesOf(hours.end));
  return to > from ? { from, to } : null;
}

const usable = (hours: BusinessHours | null): hours is BusinessHours =>
  hours !== null &&
  hours.days.length > 0 &&
  minutesOf(hours.end) > minutesOf(hours.start) &&
  DateTime.now().setZone(hours.timezone).isValid;

/** When a response to a message received at `from` is due: `minutes` later, counting business hours only where set. */
export function dueAt(from: Date, minutes: number, hours: BusinessHours | null): Date {
  if (!usable(hours)) return new Date(from.getTime() + minutes * 60_000);
  let left = minutes * 60_000;
  const start = from.getTime();
  let day = DateTime.fromMillis(start, { zone: hours.timezone }).startOf('day');
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 }).startOf('day')) {
    const w = windowOf(day, hours);
    if (!w) continue;
    const begin = Math.max(w.from, start);
    if (begin >= w.to) continue;
    if (begin + left <= w.to) return new Date(begin + left);
    left -= w.to - begin;
  }
  return new Date(start + minutes * 60_000);
}

/** Minutes from `from` to `to` that count: all of them, or only those inside business hours. 0 when `to` is not after `from`. */
export function responseMinutes(from: Date, to: Date, hours: BusinessHours | null): number {
  const [a, b] = [from.getTime(), to.getTime()];
  if (b <= a) return 0;
  if (!usable(hours)) return (b - a) / 60_000;
  let ms = 0;
  let day = DateTime.fromMillis(a, { zone: hours.timezone }).startOf('day');
  for (let i = 0; i < MAX_DAYS && day.toMillis() < b; i++, day = day.plus({ days: 1 }).startOf('day')) {
    const w = windowOf(day, hours);
    if (!w) continue;
    const overlap = Math.min(w.to, b) - Math.max(w.from, a);
    if (overlap > 0) ms += overlap;
  }
  return ms / 60_000;
}
