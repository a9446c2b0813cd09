/**
 * How much the fuzz suites run. `npm test` runs a fixed number of cases from a fixed seed, so a
 * failure reproduces and the suite's time stays bounded. For a longer local hunt:
 *   FUZZ_RUNS=2000 FUZZ_SEED=random npx vitest run test/fuzz
 * FUZZ_RUNS replaces every property's default number of runs; FUZZ_SEED is a number or `random`.
 * fast-check prints the seed and the shrunk counterexample's path on failure (pass them back as
 * FUZZ_SEED and, for the exact case, `path` in fc.assert's parameters).
 */
import type { Parameters } from 'fast-check';

/** The suites' seed when FUZZ_SEED is not set. */
const DEFAULT_SEED = 20261201;

/** A hang guard, not a speed target: no single call or request may take this long. */
export const HANG_LIMIT_MS = 2000;

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return n;
}

function seed(): number {
  if (process.env.FUZZ_SEED === 'random') return Date.now() ^ (Math.random() * 0x7fffffff);
  return envInt('FUZZ_SEED') ?? DEFAULT_SEED;
}

const SEED = seed();

/** Vitest's timeout for a fuzz test: the default, or none for a longer hunt (FUZZ_RUNS set). */
export const FUZZ_TEST_TIMEOUT_MS = envInt('FUZZ_RUNS') === undefined ? 60_000 : 0;

/** fc.assert parameters: `defaultRuns` cases unless FUZZ_RUNS says otherwise, from the suite's seed. */
export function fuzzParameters<T>(defaultRuns: number): Parameters<T> {
  return { numRuns: envInt('FUZZ_RUNS') ?? defaultRuns, seed: SEED };
}
