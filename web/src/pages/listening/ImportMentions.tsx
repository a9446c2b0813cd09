/**
 * "Import a file" on the Sources tab: mentions from anywhere else as CSV or JSONL. Choosing a file
 * checks it at once (a dry run: rows, new, already stored, matching a query — or the rows in error by
 * line), and only the button imports it; a file with any bad row imports nothing.
 */
import { useState, type ChangeEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useMentionsImport, type ImportFormat } from '../../api/listening.ts';
import { Button, Card, ErrorBanner, Field } from '../../components/ui.tsx';
import { ProblemTable } from '../measure/ImportPreview.tsx';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The rows a refused file names (`listening.import_invalid`), if any. */
function problemsOf(error: unknown): { line: number; column?: string; message: string }[] {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null || !('errors' in error.details))
    return [];
  return Array.isArray(error.details.errors) ? (error.details.errors as { line: number; column?: string; message: string }[]) : [];
}

/** CSV by its name or type; JSONL (.jsonl, .ndjson) otherwise, or when the first line is an object. */
function formatOf(file: File, text: string): ImportFormat {
  if (/\.(jsonl|ndjson)$/i.test(file.name) || /ndjson|jsonl/i.test(file.type)) return 'jsonl';
  if (/\.csv$/i.test(file.name) || /csv/i.test(file.type)) return 'csv';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

export function ImportMentions({ ws }: { ws: string }) {
  const [chosen, setChosen] = useState<{ name: string; text: string; format: ImportFormat } | null>(null);
  const preview = useMentionsImport(ws);
  const importing = useMentionsImport(ws);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const text = await file.text();
    const next = { name: file.name, text, format: formatOf(file, text) };
    setChosen(next);
    importing.reset();
    preview.mutate({ file: next.text, format: next.format, dryRun: true });
  };
  const problems = problemsOf(preview.error);
  const summary = preview.data?.summary;
  const done = importing.data?.summary;

  return (
    <Card title="Import a file" className="import-mentions">
      <p className="muted">
        Mentions from any other tool, as CSV (a header row naming the columns) or JSONL (one object per line), at most 10,000 rows. Needed:{' '}
        <code>id</code>, <code>text</code>, <code>posted_at</code> (ISO 8601 with a zone); optional: <code>author</code>, <code>lang</code>,{' '}
        <code>url</code>, <code>links</code>, <code>media</code>. The same id is stored once, however often it is imported.
      </p>
      <Field
        label="CSV or JSONL file"
        hint={
          chosen
            ? `Checked: ${chosen.name} (${chosen.format.toUpperCase()})`
            : 'Choosing a file checks it; nothing is stored until you import.'
        }
      >
        {(a) => <input {...a} type="file" accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" onChange={(e) => void onFile(e)} />}
      </Field>
      {preview.isPending && <p className="muted">Checking the file…</p>}
      {preview.error && (
        <div className="import-refusal">
          <ErrorBanner error={preview.error} />
          {problems.length > 0 && <ProblemTable problems={problems} />}
        </div>
      )}
      {summary && chosen && !done && (
        <div className="import-summary" data-testid="import-summary">
          <p>
            {plural(summary.rows, 'row')}: {plural(summary.imported, 'new mention')},{' '}
            {plural(summary.duplicates, 'already stored', 'already stored')}, {summary.matched.toLocaleString()} matching a query.
          </p>
          <div className="card-actions">
            <Button
              variant="primary"
              disabled={summary.imported === 0 || importing.isPending}
              onClick={() => importing.mutate({ file: chosen.text, format: chosen.format, dryRun: false })}
            >
              {summary.imported === 0 ? 'Nothing new to import' : `Import ${plural(summary.imported, 'mention')}`}
            </Button>
          </div>
        </div>
      )}
      <ErrorBanner error={importing.error} />
      {done && (
        <p className="banner banner-ok" role="status">
          Imported {plural(done.imported, 'mention')} ({done.matched.toLocaleString()} matching a query
          {done.duplicates > 0 ? `, ${done.duplicates.toLocaleString()} already stored` : ''}).
        </p>
      )}
    </Card>
  );
}
