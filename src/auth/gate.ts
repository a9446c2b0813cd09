/**
 * Bounded concurrency for CPU-heavy work (argon2): at most `concurrency` tasks run, up to
 * `maxWaiting` more wait their turn in order, and beyond that a task is refused at once with 503
 * `server.busy` (Retry-After 1) — a flood costs the attacker requests, not our CPU or memory.
 */
import { AppError } from '../errors.ts';

export const serverBusy = (): AppError =>
  new AppError('server.busy', 'The server is busy; try again in a moment.', 503, { retryAfterSeconds: 1 });

export interface Gate {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createGate(concurrency: number, maxWaiting: number): Gate {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so `running` stays as it is.
    if (next) next();
    else running--;
  };
  return {
    async run(task) {
      if (running < concurrency) running++;
      else if (waiting.length < maxWaiting) await new Promise<void>((resolve) => waiting.push(resolve));
      else throw serverBusy();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
