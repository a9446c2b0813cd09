/**
 * Imports KPI values of one strategy from CSV (`kpi,date,value`, src/measure/kpi-values-csv.ts) into
 * `kpi_values`, with a preview: each row is new, replaces the stored value of that KPI and day, or
 * is unchanged; each bad field is an error with its line and column, and so is a second value for the
 * same KPI and day in the file (the table keeps one a day). A dry run stops there; otherwise the good
 * rows are written in one transaction, all or none, with the replaced values kept in the audit log.
 */
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { notFound } from '../../errors.ts';
import { findStrategy } from '../../plan-store/store.ts';
import { readKpiValueRows, type KpiValueRow } from '../kpi-values-csv.ts';
import { byLine, countRows, readRowsInSlices, readUpload, rejectedRows, unreadable } from './import-rows.ts';
import type { ConversionContext } from './record-conversion.ts';
import type { ImportProblem, KpiValuesImport } from './schema.ts';

type PreviewRow = KpiValuesImport['rows'][number];

export async function importKpiValues(
  pool: Pool,
  ctx: ConversionContext,
  strategyId: string,
  csv: string,
  options: { dryRun: boolean },
): Promise<KpiValuesImport> {
  const strategy = await findStrategy(pool, ctx.workspaceId, strategyId);
  if (!strategy) throw notFound('strategy', strategyId);
  const kpiIds = strategy.doc.objectives.flatMap((o) => o.kpis.map((k) => k.id));
  const read = await readRowsInSlices(await readUpload(csv), (part) => readKpiValueRows(part, kpiIds));
  if (!read.ok) throw unreadable(read.problems);
  const rows = countRows(read.rows, read.problems);

  return withTransaction(
    pool,
    async (tx) => {
      // Deleted meanwhile: its values would have nothing to belong to.
      if (!(await findStrategy(tx, ctx.workspaceId, strategyId, !options.dryRun))) throw notFound('strategy', strategyId);
      const errors: ImportProblem[] = [...read.problems];
      const good: KpiValueRow[] = [];
      const seen = new Map<string, number>();
      for (const row of read.rows) {
        const key = `${row.kpi}\u0000${row.date}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          errors.push({
            line: row.line,
            column: 'date',
            message: `KPI "${row.kpi}" has a value for ${row.date} on line ${earlier} already`,
          });
          continue;
        }
        seen.set(key, row.line);
        good.push(row);
      }

      const { rows: stored } = await tx.query<{ kpi_id: string; day: string; value: number }>(
        `SELECT k.kpi_id, k.day, k.value FROM kpi_values k
           JOIN unnest($3::text[], $4::date[]) AS f (kpi_id, day) ON f.kpi_id = k.kpi_id AND f.day = k.day
          WHERE k.workspace_id = $1 AND k.strategy_id = $2`,
        [ctx.workspaceId, strategyId, good.map((r) => r.kpi), good.map((r) => r.date)],
      );
      const previous = new Map(stored.map((s) => [`${s.kpi_id}\u0000${s.day}`, s.value]));
      const preview: PreviewRow[] = good.map((r) => {
        const before = previous.get(`${r.kpi}\u0000${r.date}`) ?? null;
        const status = before === null ? 'new' : before === r.value ? 'unchanged' : 'replace';
        return { line: r.line, status, kpi: r.kpi, date: r.date, value: r.value, previous: before };
      });
      const changes = preview.filter((r) => r.status !== 'unchanged');

      if (!options.dryRun && changes.length > 0) {
        await tx.query(
          `INSERT INTO kpi_values (workspace_id, strategy_id, kpi_id, day, value, source, entered_by)
           SELECT $1::uuid, $2::text, * , 'import', $3::uuid FROM unnest($4::text[], $5::date[], $6::float8[])
           ON CONFLICT (workspace_id, strategy_id, kpi_id, day)
           DO UPDATE SET value = excluded.value, source = excluded.source, entered_by = excluded.entered_by, entered_at = now()`,
          [
            ctx.workspaceId,
            strategyId,
            ctx.actor.userId,
            changes.map((r) => r.kpi),
            changes.map((r) => r.date),
            changes.map((r) => r.value),
          ],
        );
        const replaced = changes.filter((r) => r.status === 'replace');
        await recordAudit(tx, {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          action: 'kpi_values.import',
          entityType: 'strategy',
          entityId: strategyId,
          before: replaced.map((r) => ({ kpi: r.kpi, date: r.date, value: r.previous })),
          after: changes.map((r) => ({ kpi: r.kpi, date: r.date, value: r.value })),
        });
      }

      return {
        dryRun: options.dryRun,
        strategy: strategyId,
        summary: { rows, imported: changes.length, unchanged: preview.length - changes.length, rejected: rejectedRows(errors) },
        rows: preview,
        errors: byLine(errors),
      };
    },
    options.dryRun ? 'BEGIN READ ONLY' : 'BEGIN',
  );
}
