/**
 * Passwords: argon2id through @node-rs/argon2 with the library's defaults (19 MiB, 2 passes,
 * 1 lane — the OWASP baseline for argon2id), stored as a self-describing PHC string.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { AppError } from '../errors.ts';
import { createGate } from './gate.ts';

// `Algorithm` is an ambient const enum, which isolatedModules cannot inline: spell its value.
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** Throws `auth.weak_password` unless the password is 10–200 characters (counted as code points). */
export function checkPasswordPolicy(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
    throw new AppError(
      'auth.weak_password',
      `The password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters long; a few unrelated words make a good one.`,
      400,
      { min: PASSWORD_MIN, max: PASSWORD_MAX },
    );
  }
}

/**
 * Every hash and verification of the process passes this gate. Each takes ~20 ms of one core and
 * 19 MiB, on libuv's thread pool (4 threads by default, shared with file and DNS work): two at a
 * time leave the rest of the pool and the CPU to the other requests, and a queue of 64 (about a
 * second of work) absorbs bursts of honest sign-ins. A flood beyond that gets 503 at once.
 */
const ARGON2_GATE = createGate(2, 64);

export function hashPassword(password: string): Promise<string> {
  return ARGON2_GATE.run(() => hash(password, { algorithm: ARGON2ID }));
}

/** False for a wrong password and for a hash that cannot be read; throws only `server.busy` (the gate is full). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await ARGON2_GATE.run(() => verify(passwordHash, password));
  } catch (e) {
    if (e instanceof AppError) throw e;
    return false;
  }
}

/** A hash made with the same (default) parameters, so verifying against it costs what a real one does. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$sb0ZeDbFQiQqg3FD2v6JMQ$djrreohCRRLbAfzRiO2VuojYMFCuwUPz69a72jeKwNg';

/** Spends the time of one real verification, so an unknown email answers as slowly as a wrong password. */
export async function dummyVerify(password: string): Promise<void> {
  await verifyPassword(DUMMY_HASH, password);
}
