/** `groundwork user create|password`: account administration from the server's shell. */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { AppError } from '../errors.ts';

/** A password from standard input when it is piped, else a generated one that is printed once. */
async function passwordFromStdin(): Promise<{ password: string; generated: boolean }> {
  if (process.stdin.isTTY) return { password: randomBytes(12).toString('base64url'), generated: true };
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const password = text.replace(/\r?\n$/, '');
  return password ? { password, generated: false } : { password: randomBytes(12).toString('base64url'), generated: true };
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage user accounts');

  user
    .command('create')
    .description('create an account; the password is read from standard input or generated and printed')
    .argument('<email>')
    .requiredOption('-n, --name <name>', 'display name')
    .action(async (email: string, opts: { name: string }) => {
      const [{ withCliDatabase }, { checkPasswordPolicy, hashPassword }, { createUser }, { withTransaction }] = await Promise.all([
        import('./database.ts'),
        import('../auth/password.ts'),
        import('../auth/create-user.ts'),
        import('../db/pool.ts'),
      ]);
      const { password, generated } = await passwordFromStdin();
      checkPasswordPolicy(password);
      const passwordHash = await hashPassword(password);
      const created = await withCliDatabase((db) =>
        withTransaction(db.pool, (tx) => createUser(tx, { email, name: opts.name, passwordHash })),
      );
      // The server's operator may know which addresses have accounts; the public sign-up never says.
      if (!created)
        throw new AppError('user.email_in_use', `An account uses ${email}; \`groundwork user password ${email}\` sets its password.`, 409);
      process.stdout.write(`created ${created.email}${generated ? `\npassword: ${password}` : ''}\n`);
    });

  user
    .command('password')
    .description("set a user's password (read from standard input, or generated and printed) and end their sessions")
    .argument('<email>')
    .action(async (email: string) => {
      const [{ withCliDatabase }, { checkPasswordPolicy, hashPassword }, { recordAudit }] = await Promise.all([
        import('./database.ts'),
        import('../auth/password.ts'),
        import('../audit/record-audit.ts'),
      ]);
      const { password, generated } = await passwordFromStdin();
      checkPasswordPolicy(password);
      const hash = await hashPassword(password);
      await withCliDatabase(async (db) => {
        const { withTransaction } = await import('../db/pool.ts');
        await withTransaction(db.pool, async (tx) => {
          const { rows } = await tx.query<{ id: string }>(
            'UPDATE users SET password_hash = $2 WHERE lower(email) = lower($1) RETURNING id',
            [email, hash],
          );
          const id = rows[0]?.id;
          if (!id) throw new AppError('user.not_found', `No user with email ${email}.`, 404);
          await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
          await recordAudit(tx, {
            workspaceId: null,
            actor: null,
            action: 'user.password_reset',
            entityType: 'user',
            entityId: id,
            reason: 'groundwork user password',
          });
        });
      });
      process.stdout.write(`password of ${email} set${generated ? `: ${password}` : ''}; their sessions were ended\n`);
    });
}
