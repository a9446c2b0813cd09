/** Reports API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import type { FastifyReply } from 'fastify';
import { requireActor } from '../../auth/actor.ts';
import { register, type App } from '../../http/kit.ts';
import { buildReport, type ReportFile } from './build-report.ts';
import { reportsContract as contract } from './contract.ts';
import { createSchedule } from './create-schedule.ts';
import { deleteSchedule } from './delete-schedule.ts';
import { getReportFile } from './get-report-file.ts';
import { listSchedules } from './list-schedules.ts';
import { createRenderPool } from './render-pool.ts';
import { isoDay, requestedPeriod } from './period.ts';
import type { ReportFormat, ReportSubject } from './schema.ts';

const send = (reply: FastifyReply, file: ReportFile) =>
  reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);

export async function reportRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const renderer = createRenderPool();
  app.addHook('onClose', () => renderer.close());
  const today = () => isoDay(new Date());

  const onDemand =
    (type: ReportSubject, format: ReportFormat) =>
    async (workspaceId: string, id: string, query: { from?: string | undefined; to?: string | undefined }, reply: FastifyReply) =>
      send(reply, await buildReport(pool, renderer, workspaceId, { type, id }, requestedPeriod(query, today()), format));

  register(app, contract.strategyReportPdf, async (req, reply) =>
    onDemand('strategy', 'pdf')(req.authorized.workspace.id, req.params.strategyId, req.query, reply),
  );
  register(app, contract.strategyReportCsv, async (req, reply) =>
    onDemand('strategy', 'csv')(req.authorized.workspace.id, req.params.strategyId, req.query, reply),
  );
  register(app, contract.campaignReportPdf, async (req, reply) =>
    onDemand('campaign', 'pdf')(req.authorized.workspace.id, req.params.campaignId, req.query, reply),
  );
  register(app, contract.campaignReportCsv, async (req, reply) =>
    onDemand('campaign', 'csv')(req.authorized.workspace.id, req.params.campaignId, req.query, reply),
  );

  register(app, contract.listSchedules, async (req) => ({
    schedules: await listSchedules(pool, req.authorized.workspace.id, req.query, today()),
  }));

  register(app, contract.createSchedule, async (req, reply) => {
    const created = await createSchedule(
      pool,
      { workspaceId: req.authorized.workspace.id, actor: requireActor(req.actor) },
      req.body,
      today(),
    );
    return reply.status(201).send(created);
  });

  register(app, contract.deleteSchedule, async (req, reply) => {
    await deleteSchedule(pool, { workspaceId: req.authorized.workspace.id, actor: requireActor(req.actor) }, req.params.scheduleId);
    return reply.status(204).send(null);
  });

  register(app, contract.downloadReport, async (req, reply) =>
    send(reply, await getReportFile(pool, req.authorized.workspace.id, req.params.reportId)),
  );
}
