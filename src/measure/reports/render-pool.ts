/**
 * A worker thread for laying reports out (./render-worker.ts): one thread — reports are occasional,
 * and on a 2-core machine the other core stays with the event loop — with a time and memory budget,
 * and a gate: when REPORTS_WAITING reports already wait, the next request gets 503 `server.busy`.
 */
import { Piscina } from 'piscina';
import { createGate } from '../../auth/gate.ts';
import { AppError } from '../../errors.ts';
import { workerEntry } from '../../root.ts';
import type { ReportContent } from './content.ts';
import type { RenderTask } from './render-worker.ts';
import type { ReportFormat } from './schema.ts';

/** A report of two years with a hundred KPIs takes well under this; the budget stops a runaway. */
const TIME_LIMIT_MS = 120_000;
const MEMORY_LIMIT_MB = 512;
const REPORTS_WAITING = 8;

export interface ReportRenderer {
  render(content: ReportContent, format: ReportFormat): Promise<Buffer>;
  close(): Promise<void>;
}

export function createRenderPool(): ReportRenderer {
  const pool = new Piscina<RenderTask, Uint8Array>({
    filename: workerEntry('./render-worker', import.meta.url),
    maxThreads: 1,
    minThreads: 0,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB },
  });
  const gate = createGate(1, REPORTS_WAITING);
  return {
    async render(content, format) {
      try {
        const bytes = await gate.run(() => pool.run({ content, format }, { signal: AbortSignal.timeout(TIME_LIMIT_MS) }));
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (e) {
        if (e instanceof Error && e.name === 'AbortError')
          throw new AppError(
            'report.too_large',
            `The report took more than ${TIME_LIMIT_MS / 1000} s to lay out: choose a shorter period.`,
            413,
          );
        throw e;
      }
    },
    close: () => pool.destroy(),
  };
}
