/**
 * Every test process encrypts credentials under a key of its own, as a started server would; processes
 * a test spawns (the crash test's worker, the CLI) inherit it through SECRETS_KEY.
 */
import { randomBytes } from 'node:crypto';
import { parseKeyring } from '../src/secrets/envelope.ts';
import { installKeyring } from '../src/secrets/keyring.ts';

process.env.SECRETS_KEY ??= randomBytes(32).toString('base64');
installKeyring(parseKeyring(process.env.SECRETS_KEY));
