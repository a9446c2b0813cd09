/**
 * Imports mentions from a CSV or JSONL file (./mentions-file.ts has the format): every row checked
 * first; with any row in error nothing is stored and the problems come back with their lines
 * (422 `listening.import_invalid`). A good file goes through the ingest pipeline in one transaction,
 * so the same file imported twice stores each mention once.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { readRowsInSlices, readUpload, unreadable } from '../measure/conversions/import-rows.ts';
import type { ListeningContext } from './context.ts';
import { ingestMentions } from './ingest.ts';
import { readMentionsCsv, readMentionsJsonl, type MentionFileRead } from './mentions-file.ts';
import { MENTION_IMPORT_LIMITS, type ImportProblem } from './schema.ts';
import { workspaceMatcher } from './workspace-matcher.ts';

export type MentionFileFormat = 'csv' | 'jsonl';

async function readFile(text: string, format: MentionFileFormat, now: Date): Promise<MentionFileRead> {
  if (format === 'csv') return readRowsInSlices(await readUpload(text), (part) => readMentionsCsv(part, now));
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && lines <= MENTION_IMPORT_LIMITS.rows; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > MENTION_IMPORT_LIMITS.rows)
    throw new AppError(
      'import.too_many_rows',
      `The file has more than ${MENTION_IMPORT_LIMITS.rows.toLocaleString('en')} lines, the most one import takes. Split it into several files.`,
      413,
      { limit: MENTION_IMPORT_LIMITS.rows },
    );
  return readMentionsJsonl(text, now);
}

export async function importMentions(
  pool: Pool,
  ctx: ListeningContext,
  text: string,
  options: { format: MentionFileFormat; dryRun: boolean; now?: Date },
): Promise<{ dryRun: boolean; summary: { rows: number; imported: number; duplicates: number; matched: number } }> {
  const read = await readFile(text, options.format, options.now ?? new Date());
  if (!read.ok) throw unreadable(read.problems);
  if (read.problems.length > 0) {
    const errors: ImportProblem[] = read.problems.sort((a, b) => a.line - b.line);
    const lines = new Set(errors.map((e) => e.line)).size;
    throw new AppError(
      'listening.import_invalid',
      `Nothing imported: ${lines} row${lines === 1 ? ' has' : 's have'} errors (first: line ${errors[0]!.line}: ${errors[0]!.message}).`,
      422,
      { errors: errors.slice(0, 1000) },
    );
  }
  const rows = read.rows.length;

  if (options.dryRun) {
    const ids = [...new Set(read.rows.map((r) => r.externalId))];
    const { rows: stored } = await pool.query<{ external_id: string }>(
      `SELECT external_id FROM mentions WHERE workspace_id = $1 AND network = 'import' AND external_id = ANY($2::text[])`,
      [ctx.workspaceId, ids],
    );
    const known = new Set(stored.map((s) => s.external_id));
    const fresh = read.rows.filter((r) => {
      if (known.has(r.externalId)) return false;
      known.add(r.externalId);
      return true;
    });
    const matcher = await workspaceMatcher(pool, ctx.workspaceId);
    const matched = fresh.filter((r) => matcher.match({ ...r, channel: r.network }).length > 0).length;
    return { dryRun: true, summary: { rows, imported: fresh.length, duplicates: rows - fresh.length, matched } };
  }

  return withTransaction(pool, async (tx) => {
    const result = await ingestMentions(tx, ctx.workspaceId, null, read.rows);
    const matched = result.stored.filter((s) => s.queryIds.length > 0).length;
    if (result.stored.length > 0) {
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: 'mention.import',
        entityType: 'workspace',
        entityId: ctx.workspaceId,
        after: { imported: result.stored.length, duplicates: result.duplicates, matched },
      });
    }
    return { dryRun: false, summary: { rows, imported: result.stored.length, duplicates: result.duplicates, matched } };
  });
}
