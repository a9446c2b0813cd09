import { permissionsOf, type Role } from './policy.ts';
import type { WorkspaceWithRole } from './schema.ts';

/** The workspaces columns every presentation reads (prefix them with an alias: `workspaceColumns('w')`). */
export const workspaceColumns = (alias: string): string =>
  [
    'id',
    'slug',
    'name',
    'timezone',
    'require_approval',
    'allow_self_approval',
    'posting_times',
    'track_links',
    'ics_token_created_at',
    'ics_token_last_read_at',
  ]
    .map((c) => `${alias}.${c}`)
    .join(', ');

export interface WorkspaceRow {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  require_approval: boolean;
  allow_self_approval: boolean;
  posting_times: string[];
  track_links: boolean;
  ics_token_created_at: Date | null;
  ics_token_last_read_at: Date | null;
}

/** A workspace as its member sees it: its settings, their role and what that role may do. */
export const presentWorkspace = (ws: WorkspaceRow, role: Role): WorkspaceWithRole => ({
  id: ws.id,
  slug: ws.slug,
  name: ws.name,
  role,
  permissions: permissionsOf(role),
  timezone: ws.timezone,
  requireApproval: ws.require_approval,
  allowSelfApproval: ws.allow_self_approval,
  postingTimes: [...ws.posting_times].sort(),
  trackLinks: ws.track_links,
  calendarFeed: {
    active: ws.ics_token_created_at !== null,
    createdAt: ws.ics_token_created_at?.toISOString() ?? null,
    lastReadAt: ws.ics_token_last_read_at?.toISOString() ?? null,
  },
});
