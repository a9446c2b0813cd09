import { z } from 'zod';
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';
import { listAudit } from './list-audit.ts';
import { auditEntrySchema } from './schema.ts';


export async function auditRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  app.get('/workspaces/:workspaceId/audit', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'The audit log, newest first: who changed what, when, before and after',
      params: z.object({ workspaceId: z.string().min(1).max(200) }),
      querystring: z.object({
        entityType: z.string().max(50).optional(),
        entityId: z.string().max(200).optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: {
        200: z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() }),
        401: errorBodySchema,
        403: errorBodySchema,
        404: errorBodySchema,
      },
    },
  }, async (req) => {
    const { workspace } = req.authorized;
    return listAudit(pool, workspace.id, req.query);
  });
}
