/** Request and response shapes of /workspaces and their members: the single source of their types. */
import { z } from 'zod';
import { emailSchema } from '../auth/email.ts';
import { PERMISSIONS, ROLES, type Permission } from './policy.ts';

export const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const roleSchema = z.enum(ROLES);
export const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

export const workspaceWithRoleSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  role: roleSchema.meta({ description: "The caller's role in this workspace." }),
  permissions: z.array(permissionSchema).meta({ description: 'What that role may do here.' }),
});
export type WorkspaceWithRole = z.infer<typeof workspaceWithRoleSchema>;

export const workspaceResponseSchema = z.object({ workspace: workspaceWithRoleSchema });
export const workspaceListResponseSchema = z.object({ workspaces: z.array(workspaceWithRoleSchema) });

const nameSchema = z.string().trim().min(1).max(200);

export const createWorkspaceBodySchema = z.object({
  name: nameSchema,
  slug: z
    .string()
    .regex(SLUG_RE, 'must be 1–63 lowercase letters, digits or "-", starting with a letter or digit')
    .optional()
    .meta({ description: 'Derived from the name when absent (made unique with -2, -3…).' }),
});
export type CreateWorkspaceBody = z.infer<typeof createWorkspaceBodySchema>;

export const renameWorkspaceBodySchema = z.object({ name: nameSchema });

export const workspaceParamsSchema = z.object({
  workspaceId: z.string().max(200).meta({ description: 'The workspace id (uuid) or its slug.' }),
});
export const memberParamsSchema = workspaceParamsSchema.extend({ userId: z.string().max(100) });

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberResponseSchema = z.object({ member: memberSchema });
export const memberListResponseSchema = z.object({ members: z.array(memberSchema) });

export const addMemberBodySchema = z.object({
  email: emailSchema,
  role: roleSchema,
});
export type AddMemberBody = z.infer<typeof addMemberBodySchema>;

export const changeRoleBodySchema = z.object({ role: roleSchema });
