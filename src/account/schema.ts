/** Request and response shapes of /auth/me, /auth/session and /tokens: the single source of their types. */
import { z } from 'zod';
import { userSchema } from '../auth/schema.ts';
import { workspaceWithRoleSchema } from '../workspace/schema.ts';

export const meResponseSchema = z.object({ user: userSchema, workspaces: z.array(workspaceWithRoleSchema) });
export const sessionResponseSchema = z.object({ user: userSchema.nullable(), workspaces: z.array(workspaceWithRoleSchema) });

export const TOKEN_ACCESS = ['read', 'write'] as const;

export const createTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  workspace: z.string().min(1).max(200).meta({ description: 'The one workspace (id or slug) the token may act in.' }),
  access: z.enum(TOKEN_ACCESS).default('read').meta({ description: '`read`: look only; `write`: whatever your role there allows.' }),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().meta({ description: 'The first characters of the token, to tell tokens apart.' }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** The workspace it is scoped to; null for a token made before scopes (it acts in all your workspaces). */
  workspace: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
  access: z.enum(TOKEN_ACCESS),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createdTokenResponseSchema = z.object({
  token: z.string().meta({ description: 'The secret: shown this once, never again. Send it as `Authorization: Bearer <token>`.' }),
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  workspace: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  access: z.enum(TOKEN_ACCESS),
});
export type CreatedToken = z.infer<typeof createdTokenResponseSchema>;

export const tokenListResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });

export const tokenParamsSchema = z.object({ id: z.string().max(100) });
