/**
 * Above the inbox: how the team answers, over the last 7 or 30 days (the stats endpoint) — first
 * response time (median beside the SLA target, and mean; business minutes when business hours are
 * set, and the strip says so), response rate, and what is open and overdue now. Five figures read
 * better as figures than as a chart.
 */
import { useState } from 'react';
import { type InboxStats as Stats, useInboxStats, useSlaSettings, type SlaSettings } from '../../api/inbox.ts';
import { Badge } from '../../components/ui.tsx';
import { formatCount, formatShare } from '../dashboard/format.ts';

const PERIODS = [7, 30] as const;
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Minutes as people say them: "42 min", "3 h 5 min", "2 d 4 h". */
function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return m % 60 === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
  const h = Math.round(m / 60);
  return h % 24 === 0 ? `${h / 24} d` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

function hoursNote(sla: SlaSettings | undefined): string {
  const hours = sla?.businessHours;
  if (!hours) return 'All hours count (no business hours set).';
  const days = [...hours.days].sort((a, b) => a - b).map((d) => DAYS[d - 1]);
  return `Within business hours only: ${days.join(', ')} ${hours.start}–${hours.end} (${hours.timezone}).`;
}

export function InboxStats({ ws, open }: { ws: string; open: number | null }) {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(7);
  const stats = useInboxStats(ws, days);
  const sla = useSlaSettings(ws).data?.settings;
  return (
    <section className="inbox-stats" aria-labelledby="inbox-stats-title">
      <div className="inbox-stats-head">
        <h2 id="inbox-stats-title">Response</h2>
        <fieldset className="inbox-tabs">
          <legend className="visually-hidden">Period</legend>
          {PERIODS.map((d) => (
            <button
              key={d}
              type="button"
              className={`chip${days === d ? ' chip-on' : ''}`}
              aria-pressed={days === d}
              onClick={() => setDays(d)}
            >
              Last {d} days
            </button>
          ))}
        </fieldset>
      </div>
      {stats.error ? (
        <p className="muted">The figures could not be read: {stats.error.message}</p>
      ) : (
        <Figures stats={stats.data} sla={sla} open={open} days={days} />
      )}
    </section>
  );
}

function Figures({
  stats,
  sla,
  open,
  days,
}: {
  stats: Stats | undefined;
  sla: SlaSettings | undefined;
  open: number | null;
  days: number;
}) {
  const median = stats?.firstResponseMinutes.median ?? null;
  const mean = stats?.firstResponseMinutes.mean ?? null;
  const target = sla?.firstResponseMinutes ?? null;
  const none = stats !== undefined && stats.received === 0;
  return (
    <>
      <dl className="inbox-figures" aria-busy={stats === undefined}>
        <div data-testid="stat-median">
          <dt>First response, median</dt>
          <dd>
            <strong>{median === null ? '–' : formatMinutes(median)}</strong>
            {target !== null && (
              <span className="muted">
                target {formatMinutes(target)}
                {median !== null && (
                  <>
                    {' '}
                    <Badge tone={median <= target ? 'ok' : 'error'}>{median <= target ? 'on target' : 'over target'}</Badge>
                  </>
                )}
              </span>
            )}
          </dd>
        </div>
        <div data-testid="stat-mean">
          <dt>First response, mean</dt>
          <dd>
            <strong>{mean === null ? '–' : formatMinutes(mean)}</strong>
          </dd>
        </div>
        <div data-testid="stat-rate">
          <dt>Response rate</dt>
          <dd>
            <strong>{stats?.responseRate == null ? '–' : formatShare(stats.responseRate)}</strong>
            {stats && stats.received > 0 && (
              <span className="muted">
                {formatCount(stats.answered)} of {formatCount(stats.received)} answered
              </span>
            )}
          </dd>
        </div>
        <div data-testid="stat-open">
          <dt>Open now</dt>
          <dd>
            <strong>{open === null ? '–' : formatCount(open)}</strong>
          </dd>
        </div>
        <div data-testid="stat-overdue" className={stats && stats.overdue > 0 ? 'bad' : ''}>
          <dt>Overdue now</dt>
          <dd>
            <strong>{stats === undefined ? '–' : formatCount(stats.overdue)}</strong>
          </dd>
        </div>
      </dl>
      <p className="muted inbox-stats-note">
        {none
          ? `Nothing came in during the last ${days} days: the figures appear once messages arrive and are answered. `
          : `Of the items received in the last ${days} days. `}
        {hoursNote(sla)}
      </p>
    </>
  );
}
