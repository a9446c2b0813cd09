/**
 * Every test process encrypts credentials under a key of its own, as a started server would; processes
 * a test spawns (the crash test's worker, the CLI) inherit it through SECRETS_KEY.
 */
import { randomBytes } from 'node:crypto';
import { parseKeyring } from '../src/secrets/envelope.ts';
import { installKeyring } from '../src/secrets/keyring.ts';

process.env.SECRETS_KEY ??= randomBytes(32).toString('base64');
// The CLI a test spawns runs the sources (tsx), as the tests do, even when the compiled build is fresh.
process.env.GROUNDWORK_FROM_SOURCE = '1';
installKeyring(parseKeyring(process.env.SECRETS_KEY));
