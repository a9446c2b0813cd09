/**
 * Pure calendar arithmetic over ISO `YYYY-MM-DD` strings.
 *
 * No `Date` objects are involved: dates are converted to a day number (days since 1970-01-01 in the
 * proleptic Gregorian calendar) with integer arithmetic, so there is no local-time zone, DST or
 * two-digit-year pitfall. Every function throws a RangeError on a string that is not a real date.
 *
 * ISO dates of the form `YYYY-MM-DD` (4-digit year) order lexicographically, so `compareDates`
 * is a plain string comparison once validated — the rules use it in hot loops.
 */

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `value` is a `YYYY-MM-DD` string naming a day that exists. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseIsoDate(value: string): CivilDate {
  if (!isIsoDate(value)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) };
}

export function formatIsoDate({ year, month, day }: CivilDate): string {
  if (!Number.isInteger(year) || year < 0 || year > 9999) {
    throw new RangeError(`year ${year} cannot be written as YYYY`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). Algorithm: H. Hinnant, "days_from_civil". */
export function toEpochDay(value: string): number {
  const { year, month, day } = parseIsoDate(value);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `toEpochDay`. */
export function fromEpochDay(epochDay: number): string {
  if (!Number.isInteger(epochDay)) throw new RangeError(`day number must be an integer: ${epochDay}`);
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate({ year, month, day });
}

/** -1, 0 or 1 as `a` is before, equal to or after `b`. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  if (!isIsoDate(a)) parseIsoDate(a);
  if (!isIsoDate(b)) parseIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `date` lies in the closed interval [start, end]. */
export function isWithin(date: string, start: string, end: string): boolean {
  return compareDates(date, start) >= 0 && compareDates(date, end) <= 0;
}

export function addDays(value: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromEpochDay(toEpochDay(value) + days);
}

/**
 * Calendar-month addition. The day is clamped to the end of the target month, so
 * 2027-01-31 + 1 month = 2027-02-28, and 2028-02-29 + 12 months = 2029-02-28.
 */
export function addMonths(value: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { year, month, day } = parseIsoDate(value);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Signed number of days from `a` to `b` (b − a): 2027-01-01 → 2027-01-15 is 14. */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/**
 * Signed number of whole calendar months from `a` to `b`: the largest k with addMonths(a, k) ≤ b
 * (for b ≥ a; symmetric for b < a). 2027-01-15 → 2027-04-14 is 2, → 2027-04-15 is 3.
 */
export function monthsBetween(a: string, b: string): number {
  if (compareDates(b, a) < 0) return -monthsBetween(b, a);
  const from = parseIsoDate(a);
  const to = parseIsoDate(b);
  let k = (to.year - from.year) * 12 + (to.month - from.month);
  // k is exact or one too many (when b's day is before a's day in the month).
  while (k > 0 && compareDates(addMonths(a, k), b) > 0) k--;
  return k;
}
