/**
 * The dashboards' date range, kept in the URL (`?range=30d|90d|12m`, or `?from=…&to=…` for a custom
 * range, and `&compare=1`), so a range can be bookmarked, shared and reached with Back.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate } from '../../../../src/plan/dates.ts';
import type { DashboardQuery } from '../../api/dashboards.ts';
import { Button } from '../../components/ui.tsx';
import { formatPeriod } from '../publishing/time.ts';
import { presetRange, RANGE_PRESETS, type RangePreset, todayUtc } from './format.ts';

const DEFAULT_PRESET: RangePreset = '90d';

export interface DashboardRangeState {
  preset: RangePreset | 'custom';
  from: string;
  to: string;
  compare: boolean;
  /** What the API is asked for. */
  query: DashboardQuery;
}

export function useDashboardRange(): [
  DashboardRangeState,
  (change: Partial<Pick<DashboardRangeState, 'preset' | 'from' | 'to' | 'compare'>>) => void,
] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const compare = params.get('compare') === '1';
  const custom = from !== null && to !== null && isIsoDate(from) && isIsoDate(to);
  const named = RANGE_PRESETS.find((p) => p.id === params.get('range'))?.id ?? DEFAULT_PRESET;
  const range = custom ? { from, to } : presetRange(named, todayUtc());
  const state: DashboardRangeState = {
    preset: custom ? 'custom' : named,
    ...range,
    compare,
    query: { ...range, ...(compare ? { compare: 'true' as const } : {}) },
  };
  const update = (change: Partial<Pick<DashboardRangeState, 'preset' | 'from' | 'to' | 'compare'>>) => {
    const next = { ...state, ...change };
    const search = new URLSearchParams();
    if (next.preset === 'custom') {
      search.set('from', next.from);
      search.set('to', next.to);
    } else search.set('range', next.preset);
    if (next.compare) search.set('compare', '1');
    setParams(search);
  };
  return [state, update];
}

/** Presets, a custom range, and "compare with the previous period". */
export function RangeControl({ state, onChange }: { state: DashboardRangeState; onChange: ReturnType<typeof useDashboardRange>[1] }) {
  const [draft, setDraft] = useState({ from: state.from, to: state.to });
  const [error, setError] = useState<string | null>(null);
  const applyCustom = (e: FormEvent) => {
    e.preventDefault();
    if (!isIsoDate(draft.from) || !isIsoDate(draft.to)) return setError('Enter both dates.');
    if (draft.from > draft.to) return setError('The range must start before it ends.');
    setError(null);
    onChange({ preset: 'custom', ...draft });
  };
  return (
    <section className="range-control card" aria-label="Date range">
      <fieldset className="range-presets">
        <legend className="visually-hidden">Range</legend>
        {RANGE_PRESETS.map((p) => (
          <Button key={p.id} aria-pressed={state.preset === p.id} onClick={() => onChange({ preset: p.id })}>
            {p.label}
          </Button>
        ))}
        <Button
          aria-pressed={state.preset === 'custom'}
          onClick={() => {
            setDraft({ from: state.from, to: state.to });
            onChange({ preset: 'custom' });
          }}
        >
          Custom
        </Button>
      </fieldset>
      {state.preset === 'custom' && (
        <form className="range-custom" onSubmit={applyCustom} noValidate>
          <label>
            From
            <input type="date" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </label>
          <label>
            To
            <input type="date" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <Button type="submit" variant="primary">
            Apply
          </Button>
          {error && (
            <p className="field-message error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      <label className="checkbox range-compare">
        <input type="checkbox" checked={state.compare} onChange={(e) => onChange({ compare: e.target.checked })} />
        Compare with previous period
      </label>
      <p className="range-shown muted" data-testid="range-shown">
        {formatPeriod({ start: state.from, end: state.to })}
      </p>
    </section>
  );
}
