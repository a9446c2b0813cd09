/** The shape of an audit log entry as the API presents it (the web app infers its type from this). */
import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof auditEntrySchema>;

export const auditParams = z.object({ workspaceId: z.string().min(1).max(200) });
export const listAuditQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const auditListResponse = z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() });
