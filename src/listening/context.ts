/** Who calls a listening service, and for which workspace. */
import type { AuditActor } from '../audit/record-audit.ts';

export interface ListeningContext {
  workspaceId: string;
  actor: AuditActor;
}
