/** The builder's live check: the schema first, then (for a well-formed draft) every lint rule. */
import { useEffect, useMemo, useState } from 'react';
import { lintDocuments } from '../../../../src/plan/lint.ts';
import { describeIssue, makeFinding, parsePointer, SCHEMA_RULE } from '../../../../src/plan/load.ts';
import { strategySchema } from '../../../../src/plan/schema.ts';
import type { Campaign, Finding, Strategy } from '../../api/types.ts';
import type { Draft } from './draft.ts';

interface DraftCheck {
  /** The parsed strategy, when the draft passes the schema (only then can it be saved and linted). */
  strategy: Strategy | undefined;
  findings: Finding[];
}

/** Schema problems as findings (rule "schema") at the pointer of the field they are about. */
function schemaFindings(draft: Draft, issues: Parameters<typeof describeIssue>[0][]): Finding[] {
  return issues.flatMap((issue) =>
    describeIssue(issue, draft).map(({ path, message }) =>
      makeFinding({
        rule: SCHEMA_RULE,
        severity: 'error',
        // A number field left empty or holding text is stored as NaN.
        message: Number.isNaN(valueAt(draft, path)) ? 'enter a number' : message,
        path,
        document: draft.id || undefined,
      }),
    ),
  );
}

function valueAt(doc: unknown, pointer: string): unknown {
  let value = doc;
  for (const key of parsePointer(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function checkDraft(draft: Draft, campaigns: readonly Campaign[]): DraftCheck {
  const parsed = strategySchema.safeParse(draft);
  if (!parsed.success) return { strategy: undefined, findings: schemaFindings(draft, parsed.error.issues) };
  return { strategy: parsed.data, findings: lintDocuments([parsed.data, ...campaigns]).findings };
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The check of the draft as it was ~200 ms after the last change (typing stays smooth). */
export function useLiveCheck(draft: Draft, campaigns: readonly Campaign[]): DraftCheck {
  const settled = useDebounced(draft, 200);
  return useMemo(() => checkDraft(settled, campaigns), [settled, campaigns]);
}
