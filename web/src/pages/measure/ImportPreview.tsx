/** What a CSV import does (or did) row by row: the rows it imports, the errors by line and column, and the confirm button. */
import type { ImportAnswer } from '../../api/conversions.ts';
import { Badge, Button, Card, ErrorBanner } from '../../components/ui.tsx';
import { formatDate } from '../publishing/time.ts';

/** Rows shown in the preview table; the summary counts them all. */
const SHOWN_ROWS = 200;

const STATUS_LABELS: Record<string, { label: string; tone: 'ok' | 'neutral' | 'warning' }> = {
  new: { label: 'new', tone: 'ok' },
  replace: { label: 'replaces', tone: 'warning' },
  unchanged: { label: 'unchanged', tone: 'neutral' },
  duplicate: { label: 'already recorded', tone: 'neutral' },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function ProblemTable({ problems }: { problems: readonly { line: number; column?: string; message: string }[] }) {
  return (
    <div className="table-scroll">
      <table className="table measure-table import-errors">
        <caption className="visually-hidden">Rows with errors</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td data-label="Line">{p.line}</td>
              <td data-label="Column">{p.column ? <code>{p.column}</code> : <span className="muted">—</span>}</td>
              <td data-label="Problem" className="break">
                {p.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RowsTable({ answer }: { answer: ImportAnswer }) {
  const hidden = Math.max(0, answer.result.rows.length - SHOWN_ROWS);
  return (
    <div className="table-scroll">
      <table className="table measure-table import-rows">
        <caption className="visually-hidden">Rows to import</caption>
        <thead>
          {answer.kind === 'conversions' ? (
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Status</th>
              <th scope="col">External id</th>
              <th scope="col">Campaign or link</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">Occurred</th>
            </tr>
          ) : (
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Status</th>
              <th scope="col">KPI</th>
              <th scope="col">Date</th>
              <th scope="col" className="num">
                Value
              </th>
            </tr>
          )}
        </thead>
        <tbody>
          {answer.kind === 'conversions'
            ? answer.result.rows.slice(0, SHOWN_ROWS).map((r) => (
                <tr key={r.line}>
                  <td data-label="Line">{r.line}</td>
                  <td data-label="Status">
                    <Badge tone={STATUS_LABELS[r.status]!.tone}>{STATUS_LABELS[r.status]!.label}</Badge>
                  </td>
                  <td data-label="External id" className="break">
                    {r.externalId}
                  </td>
                  <td data-label="Campaign or link" className="break">
                    {r.campaign ?? `link ${r.link}`}
                  </td>
                  <td data-label="Value" className="num">
                    {r.value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} {r.currency}
                  </td>
                  <td data-label="Occurred">
                    {new Date(r.occurredAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
                  </td>
                </tr>
              ))
            : answer.result.rows.slice(0, SHOWN_ROWS).map((r) => (
                <tr key={r.line}>
                  <td data-label="Line">{r.line}</td>
                  <td data-label="Status">
                    <Badge tone={STATUS_LABELS[r.status]!.tone}>
                      {STATUS_LABELS[r.status]!.label}
                      {r.status === 'replace' && ` ${r.previous?.toLocaleString()}`}
                    </Badge>
                  </td>
                  <td data-label="KPI" className="break">
                    {r.kpi}
                  </td>
                  <td data-label="Date">{formatDate(r.date)}</td>
                  <td data-label="Value" className="num">
                    {r.value.toLocaleString()}
                  </td>
                </tr>
              ))}
        </tbody>
      </table>
      {hidden > 0 && <p className="muted">and {plural(hidden, 'more row')}.</p>}
    </div>
  );
}

export function ImportPreview({
  answer,
  stale,
  busy,
  imported,
  importError,
  onImport,
}: {
  /** The dry run's answer. */
  answer: ImportAnswer;
  /** The file or the choice changed since the check. */
  stale: boolean;
  busy: boolean;
  /** The import's answer, once made. */
  imported: ImportAnswer | undefined;
  importError: unknown;
  onImport: () => void;
}) {
  const shown = imported ?? answer;
  const { summary } = shown.result;
  const done = imported !== undefined;
  return (
    <Card
      title={done ? '3. Imported' : '3. Check before importing'}
      className="import-preview"
      actions={
        <span className="yaml-summary">
          <Badge tone="ok">{done ? `${plural(summary.imported, 'row')} imported` : `${plural(summary.imported, 'row')} to import`}</Badge>
          {summary.unchanged > 0 && <Badge>{plural(summary.unchanged, 'row')} unchanged</Badge>}
          {summary.rejected > 0 && <Badge tone="error">{plural(summary.rejected, 'row')} with errors</Badge>}
        </span>
      }
    >
      {stale && !done && (
        <p className="banner banner-warning">The file or the choice changed since this check: check it again before importing.</p>
      )}
      {done && (
        <p className="banner banner-ok" role="status">
          Imported {plural(summary.imported, 'row')} of {plural(summary.rows, 'row')}.
          {summary.rejected > 0 &&
            ' The rows with errors below were not imported: fix them and import the file again (rows already imported are recognised).'}
        </p>
      )}
      {shown.result.errors.length > 0 && (
        <section aria-label="Errors">
          <h3>Errors: these rows are not imported</h3>
          <ProblemTable problems={shown.result.errors} />
        </section>
      )}
      {shown.result.rows.length > 0 ? (
        <section aria-label="Rows">
          <h3>{done ? 'Rows' : 'Rows to import'}</h3>
          <RowsTable answer={shown} />
        </section>
      ) : (
        <p className="muted">No row of this file can be imported: fix the errors above and check it again.</p>
      )}
      <ErrorBanner error={importError} />
      {!done && (
        <div className="card-actions">
          <Button variant="primary" disabled={stale || busy || summary.imported === 0} onClick={onImport}>
            {summary.imported === 0 ? 'Nothing to import' : `Import ${plural(summary.imported, 'row')}`}
          </Button>
        </div>
      )}
    </Card>
  );
}
