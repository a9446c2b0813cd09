/**
 * Worker threads (piscina) for parsing and linting plan bodies, with budgets: a body that takes more
 * than `timeLimitMs` of its worker (the thread is terminated), or has more than MAX_DOCUMENTS
 * documents, is refused with 413 `plan.too_complex`. The event loop only copies the body in and the
 * result out, so other requests keep answering while an attacker's body is parsed.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../errors.ts';
import type { LoadResult } from '../plan/load.ts';
import { fromPortable, type ParseOutcome, type ParseTask, type PlanBody } from '../plan/parse-worker.ts';
import type { LintResult } from '../plan/schema.ts';

/** A real plan (1,000 objectives, 1.3 MB) parses and lints in well under a second; a worst case within the body limit took 20 s. */
export const PARSE_TIME_LIMIT_MS = 5000;

const tooComplex = (message: string): AppError =>
  new AppError('plan.too_complex', `The plan is too complex to read: ${message}.`, 413);

export interface ParsePool {
  /** The public lint: parse and every rule, in a worker. */
  lint(body: PlanBody): Promise<LintResult>;
  /** Parse only (the workspace lint and the import need the database next). */
  load(body: PlanBody): Promise<LoadResult>;
  close(): Promise<void>;
}

export function createParsePool({ timeLimitMs = PARSE_TIME_LIMIT_MS }: { timeLimitMs?: number } = {}): ParsePool {
  const pool = new Piscina<ParseTask, ParseOutcome>({
    filename: new URL('../plan/parse-worker.mjs', import.meta.url).href,
    // Leave a core for the event loop: on a 2-core machine one attacker's body occupies one thread.
    maxThreads: Math.max(1, availableParallelism() - 1),
    minThreads: 0,
    idleTimeout: 30_000,
  });
  const run = async (task: ParseTask): Promise<Exclude<ParseOutcome, { tooComplex: string }>> => {
    let outcome: ParseOutcome;
    try {
      // Aborting terminates the worker thread, so a runaway parse stops using the CPU; the time counts from submission, queue included.
      outcome = await pool.run(task, { signal: AbortSignal.timeout(timeLimitMs) });
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') throw tooComplex(`reading it took more than ${timeLimitMs / 1000} s`);
      throw e;
    }
    if ('tooComplex' in outcome) throw tooComplex(outcome.tooComplex);
    return outcome;
  };
  return {
    async lint(body) {
      const outcome = await run({ body, lint: true });
      if (!('lint' in outcome)) throw new Error('parse worker: expected a lint result');
      return outcome.lint;
    },
    async load(body) {
      const outcome = await run({ body, lint: false });
      if (!('documents' in outcome)) throw new Error('parse worker: expected documents');
      return { documents: outcome.documents.map(fromPortable), findings: outcome.findings };
    },
    close: () => pool.destroy(),
  };
}
