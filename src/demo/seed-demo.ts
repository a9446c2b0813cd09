/**
 * First start on an empty database: a demo user, a "demo" workspace and the example plans in it, so
 * `npm start` shows a real strategy with its campaigns (and one flawed campaign with its findings).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../auth/actor.ts';
import { signUp } from '../auth/sign-up.ts';
import type { Pool } from '../db/pool.ts';
import { loadPlanFiles } from '../cli/files.ts';
import type { PlanDocument } from '../plan/schema.ts';
import { importPlan } from '../plan-store/import-plan.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';

export const DEMO_EMAIL = 'demo@groundwork.local';
const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

async function exampleDocuments(): Promise<PlanDocument[]> {
  // Named explicitly: examples/.groundworkignore keeps the flawed plan out of a plain directory walk.
  const { documents, findings } = await loadPlanFiles([EXAMPLES_DIR, path.join(EXAMPLES_DIR, 'flawed')]);
  const error = findings.find((f) => f.severity === 'error');
  if (error) throw new Error(`Example ${error.file} is not a valid plan: ${error.message}`);
  return documents.map((d) => d.doc);
}

/** Returns true when it created the demo; does nothing when any workspace exists. */
export async function seedDemo(pool: Pool, log: (line: string) => void): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM workspaces LIMIT 1');
  if (rowCount) return false;
  const password = randomBytes(12).toString('base64url');
  const { user } = await signUp(pool, { email: DEMO_EMAIL, password, name: 'Demo Strategist' }, 1);
  const actor: Actor = { userId: user.id, email: user.email, name: user.name, via: 'session' };
  const workspace = await createWorkspace(pool, actor, { name: 'Demo', slug: 'demo' });
  const result = await importPlan(pool, { workspaceId: workspace.id, actor }, await exampleDocuments());
  log(
    [
      '',
      '  Demo workspace created with the example plans:',
      `    ${result.documents.map((d) => `${d.kind} ${d.id}`).join('\n    ')}`,
      `  Sign in as  ${DEMO_EMAIL}`,
      `  password    ${password}`,
      '  (shown once; reset it with `npx groundwork user password demo@groundwork.local`)',
      '',
    ].join('\n'),
  );
  return true;
}
