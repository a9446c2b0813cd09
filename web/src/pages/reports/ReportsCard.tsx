/**
 * "Reports" on a strategy's or a campaign's page: export a PDF or CSV report for a chosen period
 * (the period is in the page's URL, `?from=…&to=…`, like the dashboards' range, so a link keeps it),
 * and the scheduled reports — weekly or monthly, stored here for download, optionally sent to a
 * webhook — with their stored files. Shown to members who may read analytics; schedules are set up
 * by those who may change the plan.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { addDays } from '../../../../src/plan/dates.ts';
import {
  reportUrl,
  storedReportUrl,
  useReportSchedules,
  useReportScheduleWrites,
  type NewSchedule,
  type ReportSchedule,
  type ReportSubject,
  type StoredReport,
} from '../../api/reports.ts';
import { useCan } from '../../api/session.ts';
import { Badge, Button, EmptyState, ErrorBanner, Loading, Select, TextInput } from '../../components/ui.tsx';
import { formatDate, formatPeriod } from '../publishing/time.ts';

/** As the dashboards: without a range, the 90 days up to today. */
const DEFAULT_DAYS = 90;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const todayUtc = () => new Date().toISOString().slice(0, 10);

/** `defaultPeriod`: the period shown without one in the URL (a campaign's own dates); else the 90 days up to today. */
export function ReportsCard({
  ws,
  subject,
  id,
  name,
  defaultPeriod,
}: {
  ws: string;
  subject: ReportSubject;
  id: string;
  name: string;
  defaultPeriod?: { from: string; to: string };
}) {
  const canRead = useCan(ws, 'analytics.read');
  if (!canRead) return null;
  // A card named by its heading: a landmark screen-reader users (and tests) can jump to.
  return (
    <section className="card reports-card" aria-labelledby="reports-title">
      <header className="card-header">
        <h2 id="reports-title">Reports</h2>
      </header>
      <ExportReport ws={ws} subject={subject} id={id} name={name} defaultPeriod={defaultPeriod} />
      <ScheduledReports ws={ws} subject={subject} id={id} />
    </section>
  );
}

function ExportReport({
  ws,
  subject,
  id,
  name,
  defaultPeriod,
}: {
  ws: string;
  subject: ReportSubject;
  id: string;
  name: string;
  defaultPeriod: { from: string; to: string } | undefined;
}) {
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? defaultPeriod?.to ?? todayUtc();
  const from = params.get('from') ?? defaultPeriod?.from ?? (ISO_DATE.test(to) ? addDays(to, 1 - DEFAULT_DAYS) : to);
  const set = (key: 'from' | 'to', value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const invalid =
    !ISO_DATE.test(from) || !ISO_DATE.test(to) ? 'Choose both dates.' : from > to ? 'The period ends before it starts.' : null;
  const period = { from, to };
  return (
    <section className="report-export" aria-labelledby="report-export-title">
      <h3 id="report-export-title">Export report</h3>
      <p className="muted">
        Every KPI with its progress and charts, the period’s totals
        {subject === 'strategy' ? ' and followers per channel' : ', the response against the goal, cost and ROI'} — for the period you
        choose (UTC days).
      </p>
      <div className="row report-range">
        <TextInput label="From" type="date" value={from} max={to} onChange={(e) => set('from', e.target.value)} />
        <TextInput label="To" type="date" value={to} min={from} onChange={(e) => set('to', e.target.value)} />
      </div>
      {invalid ? (
        <p className="field-message error" role="alert">
          {invalid}
        </p>
      ) : (
        <div className="export-actions">
          <a
            className="btn btn-primary"
            href={reportUrl(ws, subject, id, 'pdf', period)}
            download
            aria-label={`PDF report of ${name}`}
            data-testid="report-pdf"
          >
            PDF report
          </a>
          <a
            className="btn btn-secondary"
            href={reportUrl(ws, subject, id, 'csv', period)}
            download
            aria-label={`CSV report of ${name}`}
            data-testid="report-csv"
          >
            CSV report
          </a>
        </div>
      )}
    </section>
  );
}

const CADENCE = { weekly: 'Weekly (Monday–Sunday)', monthly: 'Monthly' } as const;
const DELIVERY: Record<StoredReport['delivery']['status'], { label: string; tone: 'ok' | 'warning' | 'error' | 'neutral' } | null> = {
  none: null,
  pending: { label: 'Sending to the webhook', tone: 'warning' },
  delivered: { label: 'Sent to the webhook', tone: 'ok' },
  failed: { label: 'Webhook delivery failed', tone: 'error' },
};
const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function ScheduledReports({ ws, subject, id }: { ws: string; subject: ReportSubject; id: string }) {
  const list = useReportSchedules(ws, subject, id);
  const canWrite = useCan(ws, 'plan.write');
  const writes = useReportScheduleWrites(ws);
  return (
    <section className="report-schedules" aria-labelledby="report-schedules-title">
      <h3 id="report-schedules-title">Scheduled reports</h3>
      {list.isPending ? (
        <Loading what="Loading the scheduled reports" />
      ) : list.error ? (
        <ErrorBanner error={list.error} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No scheduled reports">
          {canWrite
            ? 'Schedule a weekly or monthly report below: it is made when the week or month is over, kept here for download, and can also be sent to a webhook (Zapier, n8n, your own endpoint).'
            : 'An owner or strategist can schedule weekly or monthly reports; they are then kept here for download.'}
        </EmptyState>
      ) : (
        <ul className="list schedule-list">
          {list.data.map((s) => (
            <Schedule
              key={s.id}
              ws={ws}
              schedule={s}
              canWrite={canWrite}
              onDelete={() => writes.remove.mutate(s.id)}
              deleting={writes.remove.isPending}
            />
          ))}
        </ul>
      )}
      <ErrorBanner error={writes.remove.error} />
      {canWrite && <NewScheduleForm subject={subject} id={id} create={writes.create} />}
    </section>
  );
}

function Schedule({
  ws,
  schedule: s,
  canWrite,
  onDelete,
  deleting,
}: {
  ws: string;
  schedule: ReportSchedule;
  canWrite: boolean;
  onDelete: () => void;
  deleting: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const title = `${CADENCE[s.cadence]} ${s.format.toUpperCase()} report`;
  return (
    <li className="schedule" data-testid="report-schedule">
      <div className="schedule-head">
        <div>
          <strong>{title}</strong>
          <p className="muted">
            Next: {formatPeriod({ start: s.nextPeriod.from, end: s.nextPeriod.to })}
            {s.webhookHost && <> · also sent to {s.webhookHost}</>}
            {s.createdBy && <> · set up by {s.createdBy}</>}
          </p>
        </div>
        {canWrite &&
          (confirming ? (
            <span className="schedule-confirm">
              <Button variant="danger" onClick={onDelete} disabled={deleting}>
                Delete with its {s.reports.length} report(s)
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </span>
          ) : (
            <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete the ${title.toLowerCase()}`}>
              Delete
            </Button>
          ))}
      </div>
      {s.reports.length === 0 ? (
        <p className="muted">
          No report yet: the first one is made within 15 minutes, for the last whole {s.cadence === 'weekly' ? 'week' : 'month'}.
        </p>
      ) : (
        <ul className="stored-reports">
          {s.reports.map((r) => {
            const delivery = DELIVERY[r.delivery.status];
            return (
              <li key={r.id}>
                <a href={storedReportUrl(ws, r.id)} download>
                  {formatPeriod({ start: r.from, end: r.to })}
                </a>{' '}
                <span className="muted">
                  {r.format.toUpperCase()}, {size(r.sizeBytes)}, made {formatDate(r.createdAt.slice(0, 10))}
                </span>{' '}
                {delivery && (
                  <span title={r.delivery.error ?? undefined}>
                    <Badge tone={delivery.tone}>{delivery.label}</Badge>
                  </span>
                )}
                {r.delivery.status === 'failed' && r.delivery.error && <p className="field-message error">{r.delivery.error}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}

function NewScheduleForm({
  subject,
  id,
  create,
}: {
  subject: ReportSubject;
  id: string;
  create: ReturnType<typeof useReportScheduleWrites>['create'];
}) {
  const [format, setFormat] = useState<NewSchedule['format']>('pdf');
  const [cadence, setCadence] = useState<NewSchedule['cadence']>('monthly');
  const [webhookUrl, setWebhookUrl] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { subject, id, format, cadence, ...(webhookUrl.trim() ? { webhookUrl: webhookUrl.trim() } : {}) },
      { onSuccess: () => setWebhookUrl('') },
    );
  };
  const secret = create.data?.webhookSecret;
  return (
    <form className="schedule-form" onSubmit={submit} aria-labelledby="schedule-form-title">
      <h4 id="schedule-form-title">Schedule a report</h4>
      <div className="row">
        <Select label="Every" value={cadence} onChange={(e) => setCadence(e.target.value as NewSchedule['cadence'])}>
          <option value="weekly">{CADENCE.weekly}</option>
          <option value="monthly">{CADENCE.monthly}</option>
        </Select>
        <Select label="Format" value={format} onChange={(e) => setFormat(e.target.value as NewSchedule['format'])}>
          <option value="pdf">PDF</option>
          <option value="csv">CSV</option>
        </Select>
      </div>
      <TextInput
        label="Webhook URL (optional)"
        type="url"
        inputMode="url"
        placeholder="https://hooks.example.com/…"
        value={webhookUrl}
        onChange={(e) => setWebhookUrl(e.target.value)}
        hint="Each report is also POSTed there as signed JSON with the file inside."
      />
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Schedule report
        </Button>
      </div>
      <ErrorBanner error={create.error} />
      {secret && (
        <div className="banner banner-ok" role="status">
          Scheduled. The webhook’s deliveries are signed with this secret (header X-Groundwork-Signature); copy it now, it is not shown
          again: <code className="secret">{secret}</code>
        </div>
      )}
    </form>
  );
}
