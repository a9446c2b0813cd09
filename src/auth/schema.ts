/** Request and response shapes of /auth: the single source of their types. */
import { z } from 'zod';
import { emailSchema } from './email.ts';

/** How long a mailed sign-up link works (its description in the contract). */
export { SIGNUP_LINK_TTL_HOURS } from './sign-up-link.ts';

export const signUpBodySchema = z.object({
  email: emailSchema,
  // The 10–200 policy is checked by the service, so a short password answers `auth.weak_password`.
  password: z.string().max(10_000).meta({ description: '10–200 characters.' }),
  name: z.string().trim().min(1).max(200),
});
export type SignUpBody = z.infer<typeof signUpBodySchema>;

export const checkEmailResponseSchema = z.object({
  status: z.literal('check_email'),
  email: z.string().meta({ description: 'The address the message went to.' }),
});
export type CheckEmail = z.infer<typeof checkEmailResponseSchema>;

export const confirmSignUpBodySchema = z.object({
  token: z.string().max(100).meta({ description: 'The secret of the mailed link `/signup/confirm/<token>`.' }),
});

export const signInBodySchema = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(10_000),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const userSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string() });
export type User = z.infer<typeof userSchema>;

export const userResponseSchema = z.object({ user: userSchema });

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().max(10_000),
  newPassword: z.string().max(10_000).meta({ description: '10–200 characters.' }),
  revokeTokens: z.boolean().default(false).meta({ description: 'Also revoke every API token of yours.' }),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const passwordChangedSchema = z.object({
  /** Your other sessions, now signed out (this one stays). */
  sessionsEnded: z.number().int(),
  tokensRevoked: z.number().int(),
  /** API tokens still working: revoke them too if the old password may have leaked. */
  activeTokens: z.number().int(),
});
export type PasswordChanged = z.infer<typeof passwordChangedSchema>;
