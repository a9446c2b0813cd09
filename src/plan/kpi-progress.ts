/**
 * KPI progress: where a KPI stands on a day, from its measured values. Pure; the one definition of
 * these figures, for the CLI (`groundwork progress`) and for the API and the UI — nobody re-derives them.
 *
 * Dates are ISO `YYYY-MM-DD` strings, whole UTC days; x in days is the day number (src/plan/dates.ts).
 * A date that is not one, or a value that is not a finite number, throws DomainError
 * `kpi.invalid_date` / `kpi.invalid_value` (the caller's bad input: the API answers 400).
 *
 * - `current`  — the latest value dated on or before the as-of date (of several on that date, the
 *                last one given: a later import corrects an earlier one); null without one.
 * - `progress` — (current − baseline) / (target − baseline). 0 at the baseline, 1 at the target; works
 *                the same for a target below the baseline (reply time 8 h → 2 h: 5 h is 0.5). Can be
 *                negative (worse than the baseline) or above 1. Null without a current value, a
 *                baseline or a target, and when target = baseline (there is no distance to cover;
 *                the rule kpi-target-not-improvement warns about such a KPI).
 * - `expected` — the elapsed share of the KPI's window, from the strategy's start to the KPI's due
 *                date: clamp((asOf − start) / (due − start), 0, 1) in days. A window of no days (due on
 *                or before the start) is 0 before the due date and 1 from it. Null without a due date.
 * - `forecast` — the least-squares straight line through the values dated up to the as-of date (every
 *                value is a point, duplicates of a date included; x in days), evaluated at the due
 *                date. Null with fewer than two distinct dates, or without a due date.
 * - `status`   — the first that applies:
 *                `achieved` progress ≥ 1;
 *                `no_data`  no current value;
 *                `overdue`  the as-of date is after the due date;
 *                `no_data`  also when there is no progress or expected figure to compare (no
 *                           baseline, target or due date, or target = baseline);
 *                `ahead`    progress ≥ expected + 0.10;
 *                `on_track` progress ≥ expected − 0.10;
 *                `at_risk`  progress ≥ expected − 0.25;
 *                `behind`   otherwise.
 *                Thresholds are compared with a tolerance of 1e-9, so 0.2 + 0.10 counts as 0.3
 *                whatever floating point makes of it.
 */
import { DomainError } from '../errors.ts';
import { isIsoDate, toEpochDay } from './dates.ts';
import type { Strategy } from './schema.ts';

export const KPI_STATUSES = ['achieved', 'no_data', 'overdue', 'ahead', 'on_track', 'at_risk', 'behind'] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** Progress at least this far above the expected share is `ahead`; within it either side, `on_track`. */
export const ON_TRACK_MARGIN = 0.1;
/** Progress less than this far below the expected share (but more than ON_TRACK_MARGIN) is `at_risk`. */
export const AT_RISK_MARGIN = 0.25;
/** Tolerance for the threshold comparisons (floating-point noise, not a business margin). */
const EPSILON = 1e-9;

/** One measured value of a KPI. */
export interface KpiValue {
  /** ISO `YYYY-MM-DD`. */
  date: string;
  value: number;
}

/** What progress needs to know about a KPI: its numbers and its window. */
export interface KpiTargets {
  baseline?: number | undefined;
  target?: number | undefined;
  /** ISO date the target is due. */
  due?: string | undefined;
  /** ISO date the KPI's window starts: the strategy's start. */
  start: string;
}

export interface KpiProgress {
  current: number | null;
  /** Date of the current value. */
  currentDate: string | null;
  progress: number | null;
  expected: number | null;
  forecast: number | null;
  status: KpiStatus;
}

/** Progress of one KPI on `asOf` from its values (in any order; values after `asOf` are ignored). */
export function kpiProgress(kpi: KpiTargets, values: readonly KpiValue[], asOf: string): KpiProgress {
  const asOfDay = day(asOf, 'as-of date');
  const startDay = day(kpi.start, 'start date');
  const dueDay = kpi.due === undefined ? undefined : day(kpi.due, 'due date');

  // — values up to the as-of date, as (day, value) points —
  const points: { x: number; y: number }[] = [];
  let current: number | null = null;
  let currentDay = -Infinity;
  let currentDate: string | null = null;
  for (const v of values) {
    const x = day(v.date, 'value date');
    if (typeof v.value !== 'number' || !Number.isFinite(v.value)) {
      throw new DomainError('kpi.invalid_value', `A KPI value must be a finite number, not ${String(v.value)} (on ${v.date}).`);
    }
    if (x > asOfDay) continue;
    points.push({ x, y: v.value });
    if (x >= currentDay) {
      currentDay = x;
      current = v.value;
      currentDate = v.date;
    }
  }

  const { baseline, target } = kpi;
  const progress =
    current === null || baseline === undefined || target === undefined || target === baseline
      ? null
      : (current - baseline) / (target - baseline);
  const expected = dueDay === undefined ? null : expectedShare(asOfDay, startDay, dueDay);
  const forecast = dueDay === undefined ? null : linearForecast(points, dueDay);
  const status = statusOf({ current, progress, expected, overdue: dueDay !== undefined && asOfDay > dueDay });
  return { current, currentDate, progress, expected, forecast, status };
}

/** The elapsed share of the window [start, due] on `asOf`, clamped to [0, 1] (all in day numbers). */
function expectedShare(asOf: number, start: number, due: number): number {
  if (due <= start) return asOf >= due ? 1 : 0;
  return Math.min(1, Math.max(0, (asOf - start) / (due - start)));
}

/** Least-squares line through the points, evaluated at `x`; null with fewer than two distinct x. */
export function linearForecast(points: readonly { x: number; y: number }[], x: number): number | null {
  if (new Set(points.map((p) => p.x)).size < 2) return null;
  const n = points.length;
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p.x;
    my += p.y;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  return my + (sxy / sxx) * (x - mx);
}

function statusOf(f: { current: number | null; progress: number | null; expected: number | null; overdue: boolean }): KpiStatus {
  const { progress, expected } = f;
  if (progress !== null && progress >= 1 - EPSILON) return 'achieved';
  if (f.current === null) return 'no_data';
  if (f.overdue) return 'overdue';
  if (progress === null || expected === null) return 'no_data'; // nothing to compare: see the module comment
  if (progress >= expected + ON_TRACK_MARGIN - EPSILON) return 'ahead';
  if (progress >= expected - ON_TRACK_MARGIN - EPSILON) return 'on_track';
  if (progress >= expected - AT_RISK_MARGIN - EPSILON) return 'at_risk';
  return 'behind';
}

function day(iso: string, what: string): number {
  if (typeof iso !== 'string' || !isIsoDate(iso))
    throw new DomainError('kpi.invalid_date', `The ${what} must be a date written YYYY-MM-DD, not ${JSON.stringify(iso)}.`);
  return toEpochDay(iso);
}

// ——— a strategy's KPIs ———

/** One KPI's progress with what identifies it: the row of the progress report. */
export interface KpiProgressRow {
  id: string;
  /** Id of the objective the KPI measures. */
  objective: string;
  /** The KPI's metric as written in the plan ("Instagram followers"). */
  metric: string;
  baseline: number | null;
  target: number | null;
  due: string | null;
  current: number | null;
  progress: number | null;
  expected: number | null;
  forecast: number | null;
  status: KpiStatus;
}

/** The progress report: what `groundwork progress --format json` prints and the API returns. */
export interface KpiProgressReport {
  strategy: string;
  asOf: string;
  /** Every KPI of the strategy, in plan order (objectives, then their KPIs). */
  kpis: KpiProgressRow[];
}

/**
 * Progress of every KPI of `strategy` on `asOf`. `values` maps KPI ids to their values; a KPI with
 * none is `no_data`. (KPI ids are unique in a valid strategy — rule duplicate-id.)
 */
export function kpiProgressReport(
  strategy: Pick<Strategy, 'id' | 'period' | 'objectives'>,
  values: ReadonlyMap<string, readonly KpiValue[]>,
  asOf: string,
): KpiProgressReport {
  const kpis: KpiProgressRow[] = [];
  for (const objective of strategy.objectives) {
    for (const kpi of objective.kpis) {
      const p = kpiProgress(
        { baseline: kpi.baseline, target: kpi.target, due: kpi.due, start: strategy.period.start },
        values.get(kpi.id) ?? [],
        asOf,
      );
      kpis.push({
        id: kpi.id,
        objective: objective.id,
        metric: kpi.metric,
        baseline: kpi.baseline ?? null,
        target: kpi.target ?? null,
        due: kpi.due ?? null,
        current: p.current,
        progress: p.progress,
        expected: p.expected,
        forecast: p.forecast,
        status: p.status,
      });
    }
  }
  return { strategy: strategy.id, asOf, kpis };
}
