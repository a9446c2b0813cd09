import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { workerSettings } from './worker.ts';

describe('publishing settings', () => {
  it('default to a 15-minute grace period and the settings the benchmark measures', () => {
    const c = loadConfig({}).publish;
    expect(c).toMatchObject({
      graceMinutes: 15,
      concurrency: 64,
      claimTimeoutSeconds: 120,
      sweepIntervalSeconds: 5,
      maxAttempts: 6,
      sandboxLatencyMs: '50',
    });
    expect(workerSettings(c)).toMatchObject({ graceMs: 900_000, claimTimeoutMs: 120_000, sweepIntervalMs: 5000, retryBaseMs: 5000 });
  });

  it('are read from the environment and validated', () => {
    const c = loadConfig({
      PUBLISH_GRACE_MINUTES: '30',
      PUBLISH_CONCURRENCY: '8',
      SANDBOX_LATENCY_MS: '5-20',
      PUBLISH_CLAIM_TIMEOUT_SECONDS: '1.5',
    }).publish;
    expect(c).toMatchObject({ graceMinutes: 30, concurrency: 8, sandboxLatencyMs: '5-20', claimTimeoutSeconds: 1.5 });
    const bad = () =>
      loadConfig({ PUBLISH_GRACE_MINUTES: '-1', PUBLISH_CONCURRENCY: '0', SANDBOX_LATENCY_MS: 'fast', SANDBOX_FAILURE_RATE: '2' });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (e) {
      for (const name of ['PUBLISH_GRACE_MINUTES', 'PUBLISH_CONCURRENCY', 'SANDBOX_LATENCY_MS', 'SANDBOX_FAILURE_RATE'])
        expect((e as Error).message).toContain(name);
    }
  });
});
