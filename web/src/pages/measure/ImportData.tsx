/**
 * Import data (`/w/:ws/import-data`): a CSV of conversions, or of a strategy's KPI values. The file is
 * checked first (a dry run: every row, its errors by line and column) and imported only when
 * confirmed; the good rows go in together, the bad ones are listed to fix.
 */
import { useState, type ChangeEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCsvImport, type ImportTarget } from '../../api/conversions.ts';
import { useCan } from '../../api/session.ts';
import { useStrategies, useStrategy, type StrategyDetail } from '../../api/strategies.ts';
import { Button, Card, EmptyState, ErrorBanner, Field, Loading, Select, usePageTitle } from '../../components/ui.tsx';
import { ImportPreview, ProblemTable } from './ImportPreview.tsx';

type Kind = ImportTarget['kind'];

const FORMATS: Record<Kind, { header: string; help: string }> = {
  conversions: {
    header: 'external_id,campaign,value,currency,occurred_at',
    help:
      'One conversion per row: its id in your shop or CRM (the same id is counted once, however often it is imported), the campaign id — or a ' +
      'column link with a tracked link code instead —, the value (a plain number, two decimals at most), the currency of the campaign’s budget and ' +
      'when it happened (2027-03-01T10:15:00Z, or a date).',
  },
  'kpi-values': {
    header: 'kpi,date,value',
    help: 'One measured value per row: the id of a KPI of the strategy, the day (YYYY-MM-DD) and a plain number. One value per KPI and day: importing a day again replaces its value.',
  },
};

const isoDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A small file of the format, with ids of this workspace, to start from. */
function example(kind: Kind, strategy: StrategyDetail | undefined): string | null {
  if (!strategy) return null;
  if (kind === 'kpi-values') {
    const kpis = strategy.strategy.objectives.flatMap((o) => o.kpis).slice(0, 2);
    if (kpis.length === 0) return null;
    return [FORMATS[kind].header, ...kpis.map((k) => `${k.id},${isoDay(-1)},${k.baseline ?? 0}`)].join('\n');
  }
  const campaign = strategy.campaigns[0];
  if (!campaign) return null;
  const currency = strategy.strategy.resources.budget?.currency ?? 'EUR';
  return [
    FORMATS[kind].header,
    `order-1001,${campaign.id},42.50,${currency},${isoDay(-2)}T10:15:00Z`,
    `order-1002,${campaign.id},19.90,${currency},${isoDay(-1)}`,
  ].join('\n');
}

/** The rows a refusal of the whole file (`import.unreadable`) names, if any. */
function refusalProblems(error: unknown): { line: number; column?: string; message: string }[] {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null || !('errors' in error.details))
    return [];
  return Array.isArray(error.details.errors) ? (error.details.errors as { line: number; column?: string; message: string }[]) : [];
}

export function ImportData() {
  const { ws = '' } = useParams();
  usePageTitle('Import data');
  const canImport = useCan(ws, 'analytics.write');
  const strategies = useStrategies(ws);
  const [kind, setKind] = useState<Kind>('conversions');
  const [chosenStrategy, setStrategy] = useState('');
  const strategyId = chosenStrategy || strategies.data?.[0]?.id || '';
  const strategy = useStrategy(ws, strategyId || undefined);
  const [text, setText] = useState('');
  const [source, setSource] = useState<string | null>(null);
  const preview = useCsvImport(ws);
  const importing = useCsvImport(ws);

  const target: ImportTarget = kind === 'conversions' ? { kind } : { kind, strategy: strategyId };
  const checked = preview.variables;
  const stale = checked !== undefined && (checked.csv !== text || JSON.stringify(checked.target) !== JSON.stringify(target));

  const check = (csv: string) => {
    importing.reset();
    preview.mutate({ target, csv, dryRun: true });
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const csv = await file.text();
    setText(csv);
    setSource(file.name);
    check(csv);
  };
  const sample = example(kind, strategy.data);

  if (!canImport) {
    return (
      <div className="page narrow">
        <h1>Import data</h1>
        <EmptyState title="Your role cannot import data" action={<Link to={`/w/${ws}`}>Back to the strategies</Link>}>
          Importing conversions and KPI values needs the permission to record measurements (owners, strategists and analysts have it). Ask
          an owner of the workspace.
        </EmptyState>
      </div>
    );
  }
  if (strategies.isPending) return <Loading what="Loading the strategies" />;
  if (strategies.data?.length === 0) {
    return (
      <div className="page narrow">
        <h1>Import data</h1>
        <EmptyState title="Nothing to import into yet" action={<Link to={`/w/${ws}/strategies/new`}>Build a strategy</Link>}>
          Conversions belong to campaigns and KPI values to a strategy’s KPIs. Build a strategy (and a campaign in it) first, then import
          their numbers here.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page import-data">
      <div className="page-header">
        <div>
          <h1>Import data</h1>
          <p className="muted">
            Conversions and KPI values from a spreadsheet (CSV). Every row is checked before anything is saved; rows with errors are never
            imported.
          </p>
        </div>
      </div>
      <ErrorBanner error={strategies.error} />
      <Card title="1. What the file holds">
        <fieldset className="choice-list">
          <legend>Kind of data</legend>
          {(['conversions', 'kpi-values'] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {k === 'conversions' ? 'Conversions (sales, sign-ups) of campaigns' : 'KPI values of a strategy'}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <Select
            label={kind === 'conversions' ? 'Strategy (for the example)' : 'Strategy'}
            value={strategyId}
            onChange={(e) => setStrategy(e.target.value)}
          >
            {strategies.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="csv-format">
          <p>
            Columns: <code>{FORMATS[kind].header}</code>
          </p>
          <p className="muted">{FORMATS[kind].help}</p>
        </div>
      </Card>
      <Card title="2. Choose the CSV">
        <Field
          label="CSV file"
          hint={source ? `Loaded: ${source}` : 'A .csv file, comma-separated, with the header row first (1 MB at most).'}
        >
          {(a) => <input {...a} type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} />}
        </Field>
        <Field label="Or paste CSV">
          {(a) => (
            <textarea
              {...a}
              className="yaml-editor"
              rows={8}
              spellCheck={false}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setSource(null);
              }}
            />
          )}
        </Field>
        <div className="card-actions">
          {sample !== null && !text.trim() && (
            <Button
              onClick={() => {
                setText(sample);
                setSource('the example');
              }}
            >
              Fill in an example
            </Button>
          )}
          <Button
            variant="primary"
            onClick={() => check(text)}
            disabled={!text.trim() || preview.isPending || (kind === 'kpi-values' && !strategyId)}
          >
            Check file
          </Button>
        </div>
      </Card>
      {preview.error && (
        <Card title="The file cannot be imported" className="import-refusal">
          <ErrorBanner error={preview.error} />
          {refusalProblems(preview.error).length > 0 && <ProblemTable problems={refusalProblems(preview.error)} />}
        </Card>
      )}
      {preview.data && checked && (
        <ImportPreview
          answer={preview.data}
          stale={stale}
          busy={importing.isPending}
          imported={importing.data}
          importError={importing.error}
          onImport={() => importing.mutate({ target: checked.target, csv: checked.csv, dryRun: false })}
        />
      )}
    </div>
  );
}
