import { AppError } from '../errors.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { mergeLintResults } from '../plan/lint.ts';
import type { LintResult, PlanDocument } from '../plan/schema.ts';
import { lintStoredStrategy } from './lint-stored-strategy.ts';
import { writeCampaign, writeStrategy, type WriteContext, type WriteOutcome } from './store.ts';

export interface ImportResult {
  documents: Array<{ kind: 'strategy' | 'campaign'; id: string; outcome: WriteOutcome; version: number }>;
  lint: LintResult;
}

/**
 * Stores a set of plan documents in one transaction: strategies first, then the campaigns inside
 * them. Any refusal (a campaign whose strategy is neither stored nor imported, duplicate ids)
 * stores nothing. Documents equal to what is stored are left untouched (no new version).
 */
export async function importPlan(
  pool: Pool,
  ctx: Omit<WriteContext, 'expectedVersion'>,
  docs: readonly PlanDocument[],
): Promise<ImportResult> {
  const seen = new Set<string>();
  for (const doc of docs) {
    const key = `${doc.kind}:${doc.id}`;
    if (seen.has(key))
      throw new AppError('plan.duplicate_document', `The import holds two ${doc.kind} documents with id "${doc.id}".`, 400, {
        kind: doc.kind,
        id: doc.id,
      });
    seen.add(key);
  }
  if (!docs.length) throw new AppError('plan.empty_import', 'The import holds no strategy or campaign documents.', 400);
  const ordered = [...docs.filter((d) => d.kind === 'strategy'), ...docs.filter((d) => d.kind === 'campaign')];
  const documents = await withTransaction(pool, async (tx) => {
    const out: ImportResult['documents'] = [];
    for (const doc of ordered) {
      const { outcome, version } =
        doc.kind === 'strategy'
          ? await writeStrategy(tx, { ...ctx, reason: 'import' }, doc, 'upsert')
          : await writeCampaign(tx, ctx, doc, 'upsert');
      out.push({ kind: doc.kind, id: doc.id, outcome, version });
    }
    return out;
  });
  const strategyIds = new Set(ordered.map((d) => (d.kind === 'strategy' ? d.id : d.strategy!)));
  const results = await Promise.all([...strategyIds].sort().map((id) => lintStoredStrategy(pool, ctx.workspaceId, id)));
  return { documents, lint: mergeLintResults(results) };
}
