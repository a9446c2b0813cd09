/**
 * The one role → permission table. Every route asks `can(role, permission)` through `authorize`;
 * nothing else decides who may do what. The table is rendered in the README and tested as a table.
 */
import type {} from '../http/contract.ts';

export const ROLES = ['owner', 'strategist', 'editor', 'analyst', 'approver', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  'workspace.read': 'See the workspace, its members and its plan',
  'workspace.manage': 'Rename the workspace, change its settings',
  'members.manage': 'Invite members, change roles, remove members',
  'plan.write': 'Create, edit, import and delete strategies and campaigns',
  'plan.export': 'Export strategies and campaigns (YAML, Markdown)',
  'audit.read': 'Read the audit log',
  'content.write': 'Write posts and submit them for review',
  'content.approve': 'Approve or reject posts',
  'analytics.read': 'See metrics, KPI progress, ROI and reports',
  'analytics.write': 'Record conversions, import conversions and KPI values',
  'listening.read': 'See listening queries, mentions, their dashboards and alerts',
  'listening.write': 'Create and change listening queries, sources, imports and alert settings',
  'inbox.read': 'See the unified inbox and its conversations',
  'inbox.respond': 'Reply from the inbox, assign, tag, annotate and close its items',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const TABLE: Record<Role, readonly Permission[]> = {
  owner: Object.keys(PERMISSIONS) as Permission[],
  strategist: [
    'workspace.read',
    'plan.write',
    'plan.export',
    'audit.read',
    'content.write',
    'content.approve',
    'analytics.read',
    'analytics.write',
    'listening.read',
    'listening.write',
    'inbox.read',
    'inbox.respond',
  ],
  // Editors run the community day to day: they answer from the inbox.
  editor: ['workspace.read', 'plan.export', 'content.write', 'listening.read', 'inbox.read', 'inbox.respond'],
  // Analysts keep the measured numbers: they record and import conversions and KPI values, and build
  // the listening queries those numbers come from.
  analyst: [
    'workspace.read',
    'plan.export',
    'audit.read',
    'analytics.read',
    'analytics.write',
    'listening.read',
    'listening.write',
    'inbox.read',
  ],
  approver: ['workspace.read', 'plan.export', 'content.approve', 'listening.read', 'inbox.read'],
  viewer: ['workspace.read'],
};

const GRANTS = new Map(ROLES.map((role) => [role, new Set<Permission>(TABLE[role])]));

/** What a read-only API token may still do: look, never change. */
const READ_PERMISSIONS: ReadonlySet<Permission> = new Set([
  'workspace.read',
  'plan.export',
  'audit.read',
  'analytics.read',
  'listening.read',
  'inbox.read',
]);
export const isReadPermission = (permission: Permission): boolean => READ_PERMISSIONS.has(permission);

export function can(role: Role, permission: Permission): boolean {
  return GRANTS.get(role)?.has(permission) ?? false;
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

// The permission names are the vocabulary of a route's `access` (src/http/contract.ts): declared
// into the contract kit from here, so the kit imports no feature and an unknown name fails to compile.
declare module '../http/contract.ts' {
  interface AccessVocabulary {
    permission: keyof typeof PERMISSIONS;
  }
}
