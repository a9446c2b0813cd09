import type { Queryable } from '../db/pool.ts';
import { lintDocuments } from '../plan/lint.ts';
import type { LintResult, PlanDocument } from '../plan/schema.ts';
import type { LoadedDocument } from '../plan/load.ts';
import { findStrategy, listCampaignsOf } from './store.ts';

/**
 * Lints documents as if they were imported: campaigns may refer to strategies already stored, and a
 * changed strategy is checked against its stored campaigns. Given documents replace stored ones with
 * the same id. Stores nothing (the preview before an import).
 */
export async function lintInWorkspace(q: Queryable, workspaceId: string, loaded: readonly LoadedDocument[]): Promise<LintResult> {
  const given = new Set(loaded.map((l) => `${l.doc.kind}:${l.doc.id}`));
  const strategyIds = new Set<string>();
  for (const { doc } of loaded) strategyIds.add(doc.kind === 'strategy' ? doc.id : (doc.strategy ?? ''));
  strategyIds.delete('');
  const context: PlanDocument[] = [];
  for (const id of [...strategyIds].sort()) {
    if (!given.has(`strategy:${id}`)) {
      const stored = await findStrategy(q, workspaceId, id);
      if (stored) context.push(stored.doc);
    }
    for (const c of await listCampaignsOf(q, workspaceId, id)) if (!given.has(`campaign:${c.doc.id}`)) context.push(c.doc);
  }
  return lintDocuments([...loaded, ...context]);
}
