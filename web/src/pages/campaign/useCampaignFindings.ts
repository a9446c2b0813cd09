/** Live lint of the campaign being edited: the same rules as the server, run in the browser. */
import { useMemo } from 'react';
import { useDebounced } from '../../components/useDebounced.ts';
import { lintDocuments, mergeLintResults, summarize } from '../../../../src/plan/lint.ts';
import { loadPlanValues } from '../../../../src/plan/load.ts';
import type { Campaign, Finding, Strategy } from '../../api/types.ts';
import { datesReadable } from './campaign-draft.ts';

const DEBOUNCE_MS = 250;

/**
 * Findings about `draft` only: schema problems (an empty name, a bad date…) plus every rule's
 * findings, linted with its strategy and the strategy's other campaigns as the server would.
 * Rules compare dates, so they wait until every date in the draft is a real one.
 */
export function campaignFindings(strategy: Strategy, draft: Campaign, others: readonly Campaign[]): Finding[] {
  const schema = loadPlanValues([draft]).findings;
  const results = [{ findings: schema, summary: summarize(schema) }];
  if (datesReadable(draft)) results.push(lintDocuments([strategy, ...others, draft]));
  return mergeLintResults(results).findings.filter((f) => f.document === draft.id);
}

export function useCampaignFindings(strategy: Strategy, draft: Campaign, others: readonly Campaign[]): Finding[] {
  const settled = useDebounced(draft, DEBOUNCE_MS);
  return useMemo(() => campaignFindings(strategy, settled, others), [strategy, settled, others]);
}
