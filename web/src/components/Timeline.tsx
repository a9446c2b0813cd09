/**
 * A strategy's period month by month, with every campaign as a bar inside it: the first months are
 * shaded as "building the base" (no campaigns yet), and today is marked when it falls inside.
 */
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { Badge } from './ui.tsx';
import { addDays, addMonths, compareDates, daysBetween, daysInMonth, parseIsoDate } from '../../../src/plan/dates.ts';
import { formatDate, formatPeriod, LOCALE } from '../pages/publishing/time.ts';

export interface TimelineItem {
  id: string;
  name: string;
  start: string;
  end: string;
  href: string;
  status?: string | undefined;
}

interface Month {
  key: string;
  label: string;
  year: number;
  /** Days of this month inside the period: its column width. */
  days: number;
}

const monthName = new Intl.DateTimeFormat(LOCALE, { month: 'short', timeZone: 'UTC' });
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const later = (a: string, b: string) => (compareDates(a, b) >= 0 ? a : b);
const earlier = (a: string, b: string) => (compareDates(a, b) <= 0 ? a : b);

function monthsOf(start: string, end: string): Month[] {
  const months: Month[] = [];
  for (let first = `${start.slice(0, 7)}-01`; compareDates(first, end) <= 0; first = addMonths(first, 1)) {
    const { year, month } = parseIsoDate(first);
    const last = `${first.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, '0')}`;
    months.push({
      key: first,
      label: monthName.format(asDate(first)),
      year,
      days: daysBetween(later(first, start), earlier(last, end)) + 1,
    });
  }
  return months;
}

/** Consecutive months of the same year: one label spanning them. */
function yearsOf(months: readonly Month[]): { year: number; span: number }[] {
  const years: { year: number; span: number }[] = [];
  for (const m of months) {
    const last = years[years.length - 1];
    if (last?.year === m.year) last.span++;
    else years.push({ year: m.year, span: 1 });
  }
  return years;
}

export function Timeline({
  start,
  end,
  leadMonths,
  items,
  today,
}: {
  start: string;
  end: string;
  /** settings.campaignLeadMonths: how long the base is built before the first campaign. */
  leadMonths: number;
  items: readonly TimelineItem[];
  /** YYYY-MM-DD; marked when inside the period. */
  today: string;
}) {
  if (compareDates(end, start) < 0) return <p className="muted">The timeline needs a period that ends after it starts.</p>;
  const months = monthsOf(start, end);
  const totalDays = daysBetween(start, end) + 1;
  /** Left edge of a day, as % of the period (clamped to it). */
  const at = (date: string) => `${(Math.min(Math.max(daysBetween(start, date), 0), totalDays) / totalDays) * 100}%`;
  const leadEnd = earlier(addMonths(start, leadMonths), addDays(end, 1));
  const columns: CSSProperties = { gridTemplateColumns: months.map((m) => `${m.days}fr`).join(' ') };
  const sparse = months.length > 18;
  const todayInside = compareDates(today, start) >= 0 && compareDates(today, end) <= 0;

  return (
    <figure className="plan-timeline" data-testid="timeline">
      <figcaption className="visually-hidden">
        Timeline from {formatDate(start)} to {formatDate(end)}: the first {leadMonths} months build the base, campaigns follow.
      </figcaption>
      <div className="plan-timeline-months" style={columns} aria-hidden="true">
        {months.map((m, i) => (
          <span key={m.key} className="plan-timeline-month">
            {sparse && i % 3 !== 0 ? '' : m.label}
          </span>
        ))}
        {yearsOf(months).map((y) => (
          <span key={y.year} className="plan-timeline-year" style={{ gridColumn: `span ${y.span}` }}>
            {y.year}
          </span>
        ))}
      </div>
      <div className="plan-timeline-body">
        <div className="plan-timeline-grid" style={columns} aria-hidden="true">
          {months.map((m) => (
            <span key={m.key} />
          ))}
        </div>
        {leadMonths > 0 && (
          <div className="plan-timeline-lead" style={{ width: at(leadEnd) }} data-testid="timeline-lead">
            <span>Building the base</span>
          </div>
        )}
        {todayInside && (
          <div className="plan-timeline-today" style={{ left: at(today) }} data-testid="timeline-today">
            <span>Today</span>
          </div>
        )}
        <ol className="plan-timeline-rows">
          {items.map((item) => {
            const outside = compareDates(item.start, start) < 0 || compareDates(item.end, end) > 0;
            const dates = formatPeriod(item);
            return (
              <li key={item.id}>
                <Link to={item.href} className="plan-timeline-row" data-campaign={item.id}>
                  <span className="plan-timeline-label">
                    <strong>{item.name}</strong> <span className="muted">{dates}</span>
                    {item.status && <Badge tone="campaign">{item.status}</Badge>}
                    {outside && <Badge tone="error">outside the strategy period</Badge>}
                  </span>
                  <span className="plan-timeline-track" aria-hidden="true">
                    <span
                      className="plan-timeline-bar"
                      style={{ left: at(item.start), width: `calc(${at(addDays(item.end, 1))} - ${at(item.start)})` }}
                    />
                  </span>
                </Link>
              </li>
            );
          })}
        </ol>
      </div>
    </figure>
  );
}
