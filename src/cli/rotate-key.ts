/** `groundwork rotate-key`: re-encrypt every stored credential under a new secrets key. */
import type { Command } from 'commander';

export function registerRotateKey(program: Command): void {
  program
    .command('rotate-key')
    .description("re-encrypt all connected accounts' credentials under a new key (stop the server first, start it after)")
    .action(async () => {
      const [{ loadConfig }, { withCliDatabase }, { rotateKey }, { keyToBase64 }] = await Promise.all([
        import('../config.ts'),
        import('./database.ts'),
        import('../connections/rotate-key.ts'),
        import('../secrets/envelope.ts'),
      ]);
      const config = loadConfig();
      const rotation = await withCliDatabase((db) =>
        rotateKey(db.pool, config, (key) => {
          // Printed before the commit: once the rows move to this key, it must already be on record.
          process.stdout.write(
            `new key (id ${key.id}) — set SECRETS_KEY to it wherever Groundwork runs, then restart:\nSECRETS_KEY=${keyToBase64(key)}\n` +
              `(SECRETS_KEY=<new>,<old> opens credentials under either key while processes are restarted one by one)\n`,
          );
        }),
      );
      process.stdout.write(
        `re-encrypted ${rotation.reencrypted} connection(s): key ${rotation.oldKeyId} → ${rotation.newKey.id}` +
          `${rotation.keyFile ? `; the new key is in ${rotation.keyFile}, restart Groundwork to use it` : ''}\n`,
      );
    });
}
