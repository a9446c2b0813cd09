/** The builder's live check: the schema first, then (for a well-formed draft) every lint rule. */
import { useMemo } from 'react';
import { useDebounced } from '../../components/useDebounced.ts';
import { lintDocuments } from '../../../../src/plan/lint.ts';
import { describeIssue, makeFinding, parsePointer, SCHEMA_RULE } from '../../../../src/plan/load.ts';
import { strategySchema } from '../../../../src/plan/schema.ts';
import type { Campaign, Finding, Strategy } from '../../api/types.ts';
import type { Draft } from './draft.ts';

interface DraftCheck {
  /** The parsed strategy, when the draft passes the schema (only then can it be saved and linted). */
  strategy: Strategy | undefined;
  findings: Finding[];
  /** Schema messages by the JSON pointer of their field. */
  fieldErrors: ReadonlyMap<string, string>;
}

const NO_ERRORS: ReadonlyMap<string, string> = new Map();

const ITEM_NAMES: Readonly<Record<string, string>> = {
  personas: 'Persona',
  painPoints: 'Pain point',
  channels: 'Channel',
  pillars: 'Pillar',
  objectives: 'Objective',
  strategies: 'Strategy',
  tactics: 'Tactic',
  kpis: 'KPI',
  people: 'Person',
  tools: 'Tool',
};

/** "/channels/0/cadence/postsPerWeek" → "Channel 1 · cadence · posts per week": where a schema problem is. */
function describePointer(pointer: string): string {
  const parts: string[] = [];
  const keys = parsePointer(pointer);
  keys.forEach((key, i) => {
    const list = keys[i - 1];
    if (/^\d+$/.test(key) && list !== undefined && ITEM_NAMES[list]) parts[parts.length - 1] = `${ITEM_NAMES[list]} ${Number(key) + 1}`;
    else parts.push(key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`));
  });
  return parts.join(' · ');
}

/** Schema problems: as findings (rule "schema") for the panel, and as messages for their fields. */
function schemaProblems(draft: Draft, issues: Parameters<typeof describeIssue>[0][]): Pick<DraftCheck, 'findings' | 'fieldErrors'> {
  const findings: Finding[] = [];
  const fieldErrors = new Map<string, string>();
  for (const issue of issues) {
    for (const { path, message: described } of describeIssue(issue, draft)) {
      // A number field left empty or holding text is stored as NaN.
      const message = Number.isNaN(valueAt(draft, path)) ? 'enter a number' : described;
      findings.push(
        makeFinding({
          rule: SCHEMA_RULE,
          severity: 'error',
          message: `${describePointer(path)}: ${message}`,
          path,
          document: draft.id || undefined,
        }),
      );
      if (!fieldErrors.has(path)) fieldErrors.set(path, message);
    }
  }
  return { findings, fieldErrors };
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
  if (!parsed.success) return { strategy: undefined, ...schemaProblems(draft, parsed.error.issues) };
  return { strategy: parsed.data, findings: lintDocuments([parsed.data, ...campaigns]).findings, fieldErrors: NO_ERRORS };
}

/** The check of the draft as it was ~200 ms after the last change (typing stays smooth). */
export function useLiveCheck(draft: Draft, campaigns: readonly Campaign[]): DraftCheck {
  const settled = useDebounced(draft, 200);
  return useMemo(() => checkDraft(settled, campaigns), [settled, campaigns]);
}
