/**
 * Imports conversions from CSV (./conversions-csv.ts) with a preview: every row is checked — its
 * fields, its campaign or link in this workspace, the budget's currency, and its external id against
 * what is stored and the rows above it — and the answer lists the rows to import and each error with
 * its line and column. A dry run stops there. Otherwise the good rows are recorded in one
 * transaction, all or none; the bad ones are reported and never imported. An external id already
 * recorded with the same content is a duplicate (counted once, as with the API); with different
 * content it is an error.
 */
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool, type Queryable } from '../../db/pool.ts';
import {
  findCampaignTargets,
  findConversions,
  findLinkTargets,
  insertConversions,
  sameClaim,
  sameConversion,
  type NewConversion,
  type StoredConversion,
} from './conversion-store.ts';
import { readConversionRows, type ConversionRow } from './conversions-csv.ts';
import { byLine, countRows, readRowsInSlices, readUpload, rejectedRows, unreadable } from './import-rows.ts';
import { currencyMismatch, type ConversionContext } from './record-conversion.ts';
import type { ConversionsImport, ImportProblem } from './schema.ts';

type PreviewRow = ConversionsImport['rows'][number];

const describe = (c: StoredConversion): string =>
  `${c.link !== null ? `link ${c.link}` : `campaign ${c.campaign ?? '(none)'}`}, ${c.value.toFixed(2)} ${c.currency}, ${c.occurredAt}`;

const differs = (row: ConversionRow, stored: StoredConversion): ImportProblem => ({
  line: row.line,
  column: 'external_id',
  message: `external id "${row.externalId}" is recorded already with different content (${describe(stored)}): an external id names one conversion`,
});

export async function importConversions(
  pool: Pool,
  ctx: ConversionContext,
  csv: string,
  options: { dryRun: boolean; now?: Date },
): Promise<ConversionsImport> {
  const now = options.now ?? new Date();
  const read = await readRowsInSlices(await readUpload(csv), (part) => readConversionRows(part, now));
  if (!read.ok) throw unreadable(read.problems);
  const rows = countRows(read.rows, read.problems);

  // A dry run reads only; the import decides and writes in one transaction, so nothing is half-imported.
  return withTransaction(
    pool,
    async (tx) => {
      const errors: ImportProblem[] = [...read.problems];
      const preview: PreviewRow[] = [];
      const toInsert: (NewConversion & { row: ConversionRow })[] = [];
      const decided = await decide(tx, ctx.workspaceId, read.rows, errors);
      for (const { row, target, status } of decided) {
        if (status === 'new')
          toInsert.push({ row, externalId: row.externalId, target, value: row.value, currency: row.currency, occurredAt: row.occurredAt });
        else preview.push(present(row, 'duplicate'));
      }

      if (options.dryRun) {
        preview.push(...toInsert.map((c) => present(c.row, 'new')));
      } else {
        const inserted = await insertConversions(tx, ctx.workspaceId, 'import', toInsert);
        const raced = toInsert.filter((c) => !inserted.has(c.externalId));
        // Recorded by someone else since they were checked: a duplicate if the same, else an error.
        const stored = await findConversions(
          tx,
          ctx.workspaceId,
          raced.map((c) => c.externalId),
        );
        for (const c of toInsert) {
          if (inserted.has(c.externalId)) preview.push(present(c.row, 'new'));
          else if (sameConversion(stored.get(c.externalId)!, c.row)) preview.push(present(c.row, 'duplicate'));
          else errors.push(differs(c.row, stored.get(c.externalId)!));
        }
        if (inserted.size > 0) {
          const imported = toInsert.filter((c) => inserted.has(c.externalId));
          await recordAudit(tx, {
            workspaceId: ctx.workspaceId,
            actor: ctx.actor,
            action: 'conversion.import',
            entityType: 'workspace',
            entityId: ctx.workspaceId,
            after: {
              imported: imported.length,
              revenue: sumByCurrency(imported),
              from: new Date(Math.min(...imported.map((c) => c.occurredAt.getTime()))).toISOString(),
              to: new Date(Math.max(...imported.map((c) => c.occurredAt.getTime()))).toISOString(),
            },
          });
        }
      }

      preview.sort((a, b) => a.line - b.line);
      return {
        dryRun: options.dryRun,
        summary: {
          rows,
          imported: preview.filter((r) => r.status === 'new').length,
          unchanged: preview.filter((r) => r.status === 'duplicate').length,
          rejected: rejectedRows(errors),
        },
        rows: preview,
        errors: byLine(errors),
      };
    },
    options.dryRun ? 'BEGIN READ ONLY' : 'BEGIN',
  );
}

/**
 * Each good row's fate: `new` (to record), `duplicate` (the same conversion is stored, or above in
 * the file), or an error pushed to `errors` (unknown campaign or link, wrong currency, an external id
 * used for something else).
 */
async function decide(
  q: Queryable,
  workspaceId: string,
  rows: readonly ConversionRow[],
  errors: ImportProblem[],
): Promise<{ row: ConversionRow; target: NewConversion['target']; status: 'new' | 'duplicate' }[]> {
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  const campaigns = await findCampaignTargets(q, workspaceId, distinct(rows.map((r) => r.campaign)));
  const links = await findLinkTargets(q, workspaceId, distinct(rows.map((r) => r.link)));
  const stored = await findConversions(q, workspaceId, distinct(rows.map((r) => r.externalId)));
  const firstInFile = new Map<string, ConversionRow>();
  const decided: { row: ConversionRow; target: NewConversion['target']; status: 'new' | 'duplicate' }[] = [];
  for (const row of rows) {
    const target = row.link !== null ? links.get(row.link) : campaigns.get(row.campaign!);
    if (!target) {
      errors.push(
        row.link !== null
          ? { line: row.line, column: 'link', message: `no tracked link with code "${row.link}" in this workspace` }
          : { line: row.line, column: 'campaign', message: `no campaign "${row.campaign}" in this workspace` },
      );
      continue;
    }
    const mismatch = currencyMismatch(target, row.currency);
    if (mismatch !== null) {
      errors.push({ line: row.line, column: 'currency', message: mismatch });
      continue;
    }
    const before = stored.get(row.externalId);
    if (before) {
      if (sameConversion(before, row)) decided.push({ row, target, status: 'duplicate' });
      else errors.push(differs(row, before));
      continue;
    }
    const earlier = firstInFile.get(row.externalId);
    if (earlier) {
      if (sameClaim(earlier, row)) decided.push({ row, target, status: 'duplicate' });
      else
        errors.push({
          line: row.line,
          column: 'external_id',
          message: `external id "${row.externalId}" is on line ${earlier.line} already, with different content`,
        });
      continue;
    }
    firstInFile.set(row.externalId, row);
    decided.push({ row, target, status: 'new' });
  }
  return decided;
}

function present(row: ConversionRow, status: PreviewRow['status']): PreviewRow {
  return {
    line: row.line,
    status,
    externalId: row.externalId,
    campaign: row.campaign,
    link: row.link,
    value: row.value,
    currency: row.currency,
    occurredAt: row.occurredAt.toISOString(),
  };
}

function sumByCurrency(items: readonly NewConversion[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const c of items) sums[c.currency] = Math.round(((sums[c.currency] ?? 0) + c.value) * 100) / 100;
  return sums;
}
