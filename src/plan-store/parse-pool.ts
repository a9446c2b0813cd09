/**
 * Worker threads (piscina) for parsing and linting plan bodies, with budgets: a body that takes more
 * than `timeLimitMs` of its worker (the thread is terminated), more than `memoryLimitMb` of heap, or
 * has more than MAX_DOCUMENTS documents, is refused with 413 `plan.too_complex`. The event loop only
 * copies the body in and the result out, so other requests keep answering while an attacker's body
 * is parsed.
 *
 * Bodies wait for a free thread in a gate, not in piscina's queue, so a body's time budget starts
 * when its parse does (a cheap body queued behind hostile ones is not refused as too complex); when
 * MAX_WAITING_PER_THREAD bodies per thread already wait, the next gets 503 `server.busy` (the gate
 * password hashing uses too).
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { createGate } from '../auth/gate.ts';
import { AppError } from '../errors.ts';
import { isNestedDeeperThan, loadPlainPlanText, MAX_NESTING_DEPTH, type LoadResult } from '../plan/load.ts';
import parse, { fromPortable, lintLoaded, type ParseOutcome, type ParseTask, type PlanBody } from '../plan/parse-worker.ts';
import { workerEntry } from '../root.ts';
import type { LintResult } from '../plan/schema.ts';

/** The benchmark's large plan (1,000 objectives, 1.3 MB) takes about a second in a worker; a worst case within the body limit took 20 s. */
export const PARSE_TIME_LIMIT_MS = 5000;
/** Heap per worker: YAML parsing is memory-hungry (four hostile bodies at once reached 2 GB in the event loop). */
export const PARSE_MEMORY_LIMIT_MB = 768;

/**
 * A YAML body up to this size that the plain block reader takes (linear in its length) is read and
 * linted in the event loop: the example plan (8 KB) takes ~1 ms that way, less than the hop to a thread
 * and back. Anything else — bigger, JSON, or YAML that needs yaml's full path — goes to a thread.
 */
const INLINE_MAX_CHARS = 64 * 1024;

/** With 5 s budgets, a body at the end of the queue waits at most ~40 s. */
export const MAX_WAITING_PER_THREAD = 8;

const tooComplex = (message: string): AppError => new AppError('plan.too_complex', `The plan is too complex to read: ${message}.`, 413);

export interface ParsePool {
  /** The public lint: parse and every rule, in a worker. */
  lint(body: PlanBody): Promise<LintResult>;
  /** Parse only (the workspace lint and the import need the database next). */
  load(body: PlanBody): Promise<LoadResult>;
  close(): Promise<void>;
}

export function createParsePool({
  timeLimitMs = PARSE_TIME_LIMIT_MS,
  memoryLimitMb = PARSE_MEMORY_LIMIT_MB,
  // Leave a core for the event loop: on a 2-core machine one attacker's body occupies one thread.
  threads = Math.max(1, availableParallelism() - 1),
  inlineMaxChars = INLINE_MAX_CHARS,
} = {}): ParsePool {
  const pool = new Piscina<ParseTask, ParseOutcome>({
    filename: workerEntry('../plan/parse-worker', import.meta.url),
    maxThreads: threads,
    minThreads: 0,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb },
  });
  const gate = createGate(threads, threads * MAX_WAITING_PER_THREAD);

  const inThread = async (task: ParseTask): Promise<ParseOutcome> => {
    try {
      // Aborting terminates the worker thread, so a runaway parse stops using the CPU.
      return await gate.run(() => pool.run(task, { signal: AbortSignal.timeout(timeLimitMs) }));
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') throw tooComplex(`reading it took more than ${timeLimitMs / 1000} s`);
      if ((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY')
        throw tooComplex(`reading it needed more than ${memoryLimitMb} MB`);
      throw e;
    }
  };
  const run = async (task: ParseTask): Promise<Exclude<ParseOutcome, { tooComplex: string }>> => {
    // Copying a JSON body nested thousands deep to a thread overflows the stack. The loader refuses
    // such a body at once, here (a document may nest MAX_NESTING_DEPTH levels, its wrappers 2 more).
    const tooDeep = typeof task.body !== 'string' && isNestedDeeperThan(task.body, MAX_NESTING_DEPTH + 2);
    const outcome = tooDeep ? parse(task) : await inThread(task);
    if ('tooComplex' in outcome) throw tooComplex(outcome.tooComplex);
    return outcome;
  };
  const inline = (body: PlanBody): LoadResult | undefined =>
    typeof body === 'string' && body.length <= inlineMaxChars ? loadPlainPlanText(body) : undefined;
  return {
    async lint(body) {
      const small = inline(body);
      if (small) return lintLoaded(small);
      const outcome = await run({ body, lint: true });
      if (!('lint' in outcome)) throw new Error('parse worker: expected a lint result');
      return outcome.lint;
    },
    async load(body) {
      const small = inline(body);
      if (small) return small;
      const outcome = await run({ body, lint: false });
      if (!('documents' in outcome)) throw new Error('parse worker: expected documents');
      return { documents: outcome.documents.map(fromPortable), findings: outcome.findings };
    },
    close: () => pool.destroy(),
  };
}
