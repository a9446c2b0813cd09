/**
 * YAML import (`/w/:ws/import`): choose or paste plan-as-code, see every finding — schema problems
 * with their lines and the rules' findings against what the workspace stores — and only then import.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { useParams } from 'react-router';
import { findingSchema } from '../../../../src/plan/schema.ts';
import { ApiError } from '../../api/client.ts';
import { useImportPlan, useLintPreview } from '../../api/plan-io.ts';
import { useCan } from '../../api/session.ts';
import type { Finding, LintResult } from '../../api/types.ts';
import { Badge, Button, Card, ErrorBanner, Field, usePageTitle } from '../../components/ui.tsx';
import { FormatHelp, NORTHWIND_EXAMPLE } from './FormatHelp.tsx';
import { ImportResults } from './ImportResults.tsx';
import { selectLine, YamlFindings } from './YamlFindings.tsx';

const isSchemaError = (f: Finding) => f.rule === 'schema' && f.severity === 'error';

/** The findings a `plan.invalid` refusal carries in its details, if any. */
function refusalFindings(error: unknown): Finding[] {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null || !('findings' in error.details))
    return [];
  const parsed = findingSchema.array().safeParse(error.details.findings);
  return parsed.success ? parsed.data : [];
}

export function ImportPlan() {
  const { ws = '' } = useParams();
  usePageTitle('Import a plan');
  const canWrite = useCan(ws, 'plan.write');
  const [text, setText] = useState('');
  const [source, setSource] = useState<string | null>(null);
  /** The text the shown findings are about. */
  const [checked, setChecked] = useState<string | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const preview = useLintPreview(ws);
  const importing = useImportPlan(ws);

  const check = (yaml: string) => {
    setChecked(yaml);
    importing.reset();
    preview.mutate(yaml);
  };
  const load = (yaml: string, from: string) => {
    setText(yaml);
    setSource(from);
    check(yaml);
  };
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) load(await file.text(), file.name);
  };
  const showLine = (line: number) => editor.current && selectLine(editor.current, line);

  return (
    <div className="page import-plan">
      <div className="page-header">
        <div>
          <h1>Import a plan</h1>
          <p className="muted">Strategies and campaigns as YAML plan-as-code. Every finding shows before anything is saved.</p>
        </div>
      </div>
      <Card title="1. Choose the YAML">
        <div className="row">
          <Field label="YAML file" hint={source ? `Loaded: ${source}` : 'A .yaml file with one or more documents.'}>
            {(a) => <input {...a} type="file" accept=".yaml,.yml,.json,application/yaml,text/yaml" onChange={(e) => void onFile(e)} />}
          </Field>
        </div>
        <Field label="Or paste YAML">
          {(a) => (
            <textarea
              {...a}
              ref={editor}
              className="yaml-editor"
              rows={14}
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
          <Button onClick={() => check(text)} disabled={!text.trim() || preview.isPending}>
            Check plan
          </Button>
        </div>
      </Card>
      {!text.trim() && checked === null && <FormatHelp onExample={() => load(NORTHWIND_EXAMPLE, 'the Northwind example')} />}
      <ErrorBanner error={preview.error} />
      {preview.data && checked !== null && (
        <PreviewCard
          lint={preview.data}
          text={checked}
          stale={checked !== text}
          pending={preview.isPending || importing.isPending}
          canWrite={canWrite}
          onSelectLine={showLine}
          onImport={() => importing.mutate(checked)}
        />
      )}
      {importing.error && <ImportRefusal error={importing.error} text={importing.variables ?? ''} onSelectLine={showLine} />}
      {importing.data && importing.variables !== undefined && <ImportResults ws={ws} result={importing.data} yaml={importing.variables} />}
    </div>
  );
}

function PreviewCard({
  lint,
  text,
  stale,
  pending,
  canWrite,
  onSelectLine,
  onImport,
}: {
  lint: LintResult;
  /** The YAML the findings are about. */
  text: string;
  stale: boolean;
  pending: boolean;
  canWrite: boolean;
  onSelectLine: (line: number) => void;
  onImport: () => void;
}) {
  const unreadable = lint.findings.filter(isSchemaError).length;
  const { errors, warnings } = lint.summary;
  const verdict =
    unreadable > 0
      ? `${unreadable} schema problem${unreadable === 1 ? '' : 's'}: the file cannot be read as a plan and would be refused. Fix ${unreadable === 1 ? 'it' : 'them'} first.`
      : errors > 0
        ? 'The plan can be imported; its errors stay visible in the strategy and campaign screens until fixed, and block activating campaigns.'
        : 'Ready to import.';
  return (
    <Card
      title="2. Findings before saving"
      actions={
        lint.findings.length === 0 ? (
          <Badge tone="ok">all clear</Badge>
        ) : (
          <span className="yaml-summary">
            {errors > 0 && (
              <Badge tone="error">
                {errors} error{errors === 1 ? '' : 's'}
              </Badge>
            )}
            {warnings > 0 && (
              <Badge tone="warning">
                {warnings} warning{warnings === 1 ? '' : 's'}
              </Badge>
            )}
          </span>
        )
      }
    >
      {stale && <p className="banner banner-warning">The YAML changed since this check: check it again before importing.</p>}
      {lint.findings.length > 0 && <YamlFindings findings={lint.findings} text={text} onSelectLine={onSelectLine} />}
      <p className={unreadable > 0 ? 'field-message error' : 'muted'}>{verdict}</p>
      {canWrite ? (
        <div className="card-actions">
          <Button variant="primary" disabled={stale || pending || unreadable > 0} onClick={onImport}>
            Import
          </Button>
        </div>
      ) : (
        <p className="banner banner-warning">Your role can check plans but not import them.</p>
      )}
    </Card>
  );
}

function ImportRefusal({ error, text, onSelectLine }: { error: Error; text: string; onSelectLine: (line: number) => void }) {
  const findings = refusalFindings(error);
  return (
    <Card title="Not imported" className="import-refusal">
      <ErrorBanner error={error} />
      {error instanceof ApiError && <p className="muted">Refused by the server: {error.code}</p>}
      {findings.length > 0 && <YamlFindings findings={findings} text={text} onSelectLine={onSelectLine} />}
    </Card>
  );
}
