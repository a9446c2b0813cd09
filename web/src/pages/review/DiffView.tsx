/** A semantic diff (src/plan/diff.ts) for people: added in green, removed in red, changed fields old → new. */
import type { PlanChangeView } from '../../api/strategies.ts';
import { EmptyState } from '../../components/ui.tsx';

const ENTITY: Record<PlanChangeView['entity'], string> = {
  strategy: 'Strategy',
  campaign: 'Campaign',
  persona: 'Persona',
  channel: 'Channel',
  pillar: 'Pillar',
  objective: 'Objective',
  kpi: 'KPI',
  person: 'Person',
  phase: 'Phase',
};

/** A plan value in words: text as it is, lists joined, nothing as "(none)". */
export function formatPlanValue(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.length ? v.map(String).join(', ') : '(empty)';
  return JSON.stringify(v);
}

/** What names an added or removed entity: its name or statement beside its id, when it has one. */
function titleOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const t = v.name ?? v.statement ?? v.metric;
  return typeof t === 'string' ? t : undefined;
}

function ChangeRow({ c }: { c: PlanChangeView }) {
  const what = (
    <>
      <span className="diff-entity">{ENTITY[c.entity]}</span> <code>{c.id}</code>
    </>
  );
  if (c.op === 'added' || c.op === 'removed') {
    const title = titleOf(c.op === 'added' ? c.new : c.old);
    return (
      <li className={`diff-row diff-${c.op}`}>
        <span className="diff-sign" aria-hidden="true">
          {c.op === 'added' ? '+' : '−'}
        </span>
        <span>
          {what} {c.op === 'added' ? 'added' : 'removed'}
          {title && <span className="muted"> — {title}</span>}
        </span>
      </li>
    );
  }
  return (
    <li className="diff-row diff-changed">
      <span className="diff-sign" aria-hidden="true">
        ~
      </span>
      <span>
        {what} <code className="diff-field">{c.field}</code>:{' '}
        <del className="diff-old">
          <span className="visually-hidden">was </span>
          {formatPlanValue(c.old)}
        </del>{' '}
        <span aria-hidden="true">→</span>{' '}
        <ins className="diff-new">
          <span className="visually-hidden">now </span>
          {formatPlanValue(c.new)}
        </ins>
      </span>
    </li>
  );
}

export function DiffView({ changes }: { changes: readonly PlanChangeView[] }) {
  if (changes.length === 0) return <EmptyState title="No differences">The two versions hold the same plan.</EmptyState>;
  const count = (op: PlanChangeView['op']) => changes.filter((c) => c.op === op).length;
  return (
    <>
      <p className="muted diff-summary">
        {count('added')} added, {count('removed')} removed, {count('changed')} changed
      </p>
      <ul className="diff-list" data-testid="diff">
        {changes.map((c, i) => (
          <ChangeRow key={`${c.op}:${c.entity}:${c.id}:${c.field}:${i}`} c={c} />
        ))}
      </ul>
    </>
  );
}
