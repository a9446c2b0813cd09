/**
 * The process's keyring, installed once at start (like the configuration it comes from). Credentials
 * are sealed and opened in four places — the connections service, the publish worker, the daily token
 * check and the CLI — that all receive a pool but no shared context; one install at start keeps the key
 * out of a dozen signatures, and using it before the install fails loudly instead of writing plaintext.
 */
import { SecretError, type Keyring } from './envelope.ts';

let installed: Keyring | undefined;

export function installKeyring(keyring: Keyring): void {
  installed = keyring;
}

export function currentKeyring(): Keyring {
  if (!installed) throw new SecretError('no secrets key is loaded (the process must call installKeyring at start)');
  return installed;
}
