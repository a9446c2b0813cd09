/** The audit log: implements ./contract.ts. */
import { register, type App } from '../http/kit.ts';
import { auditContract } from './contract.ts';
import { listAudit } from './list-audit.ts';

export async function auditRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  register(app, auditContract.listAudit, async (req) => {
    const { workspace } = req.authorized;
    return listAudit(pool, workspace.id, req.query);
  });
}
