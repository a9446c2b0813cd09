/** Environment → validated configuration, read once at start. Everything else receives a Config. */
import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const SERVICE_ROLES = ['web', 'worker'] as const;

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Postgres ≥ 14. Absent → an embedded Postgres is started with its data in DATA_DIR/pg. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    /**
     * Encrypts connected accounts' credentials: base64 of 32 random bytes. Several keys separated by
     * commas: the first encrypts, all decrypt (while a rotation is rolled out). Absent → DATA_DIR/secrets.key,
     * generated on first start; required with DATABASE_URL (see secrets/key-file.ts).
     */
    SECRETS_KEY: z.string().min(1).optional(),
    SERVICES: z
      .string()
      .default('web,worker')
      .transform((s) =>
        s
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(SERVICE_ROLES)).min(1)),
    /**
     * Create the demo workspace (examples + a demo user) when the database has no workspace yet.
     * Defaults to on for the embedded database only: a real server never gets a demo user by surprise.
     */
    DEMO: bool.optional(),
    /**
     * When the demo's year of history ends (ISO date or date-time; default: the moment of the first
     * start). The demo's plans are placed around it; a fixed value gives every start the same demo.
     */
    DEMO_HISTORY_END: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .transform((s) => new Date(s.length === 10 ? `${s}T12:00:00Z` : s))
      .optional(),
    SESSION_TTL_DAYS: z.coerce.number().int().positive().max(365).default(30),
    COOKIE_SECURE: bool.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * The address users reach this server at (links in calendar feeds). Never taken from a request's
     * Host header, which the client chooses. Absent → http://HOST:PORT (localhost for a wildcard HOST).
     */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Behind a reverse proxy: whose X-Forwarded-For to believe for the client's address (rate limits).
     * "true" (any) or the proxies' comma-separated addresses/CIDRs. Off by default: a client could
     * otherwise pick its own address and escape the per-IP limits.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^[\w.:/,\s]+$/, 'expected true, false or addresses/CIDRs')
      .transform((v): boolean | string => (v === 'true' ? true : v === 'false' ? false : v))
      .default(false),
    /**
     * The mail server for sign-up messages, e.g. smtp://user:pass@host:587 (STARTTLS when offered) or
     * smtps://…:465. Absent → no mail: sign-up is one step (see SECURITY.md for what that reveals).
     */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** The sender of those messages: "Name <address>" or an address. Absent → Groundwork <no-reply@PUBLIC_URL host>. */
    MAIL_FROM: z
      .string()
      .regex(/^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, 'expected "Name <address>" or an address')
      .optional(),
    // Brute-force protection: sign-in, sign-up, API-token creation and password change, counted in Postgres (shared by every web process).
    /** Length of one counting window. */
    AUTH_RATE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .default(900),
    /** Attempts per window from one client address (an IPv6 /64 counts as one address). */
    AUTH_RATE_MAX_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(50),
    /** Attempts per window on one account (the email for sign-in and sign-up, the user for tokens), from any address. */
    AUTH_RATE_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(10),
    // The public lint endpoint (POST /api/v1/lint, no account): requests per client address, counted in Postgres.
    LINT_RATE_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .default(60),
    LINT_RATE_MAX_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(60),
    // Publishing (the worker role).
    /** A due post reached later than this (worker down, backlog) is marked missed instead of sent late. */
    PUBLISH_GRACE_MINUTES: z.coerce
      .number()
      .min(0)
      .max(7 * 24 * 60)
      .default(15),
    /** Publishes in flight at once per worker process (each connector also caps its own). */
    PUBLISH_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
    /** A claim older than this with no outcome (the worker died mid-publish) is reconciled. */
    PUBLISH_CLAIM_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(120),
    /** How often the sweeper looks for due posts without a job and for dead claims. */
    PUBLISH_SWEEP_INTERVAL_SECONDS: z.coerce.number().min(0.2).max(300).default(5),
    /** Idle poll of the queue, in ms (due times are also woken by timers, so this is a backstop). */
    PUBLISH_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    /** Transient failures of one schedule before the post fails. */
    PUBLISH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
    /** Exponential backoff after a transient failure: base · 2^(n−1), jittered, capped; Retry-After wins when longer. */
    PUBLISH_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(3600).default(5),
    PUBLISH_RETRY_MAX_SECONDS: z.coerce
      .number()
      .min(0)
      .max(24 * 3600)
      .default(600),
    /** When the daily token check verifies every connected account (cron, UTC). */
    PUBLISH_VERIFY_CRON: z.string().min(9).default('0 5 * * *'),
    /** Simulated round trip of the sandbox network: "<ms>" or "<min>-<max>". */
    SANDBOX_LATENCY_MS: z
      .string()
      .regex(/^\s*\d+\s*(-\s*\d+\s*)?$/, 'expected "<ms>" or "<min>-<max>"')
      .default('50'),
    /** Probability (0..1) that a sandbox publish fails transiently (demos, tests). */
    SANDBOX_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
    // Media uploads: stored under DATA_DIR/media unless an S3-compatible bucket is configured.
    /** Largest image a member may upload, in MB (networks that take less get a resized copy or a clear refusal). */
    MEDIA_MAX_IMAGE_MB: z.coerce.number().positive().max(1000).default(20),
    /** Largest video a member may upload, in MB. */
    MEDIA_MAX_VIDEO_MB: z.coerce.number().positive().max(10_000).default(100),
    /** Setting the bucket switches media storage to S3 (AWS, MinIO, R2, …). */
    MEDIA_S3_BUCKET: z.string().min(1).optional(),
    /** The S3 endpoint for non-AWS services, e.g. http://minio:9000 (path-style addressing is used then). */
    MEDIA_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    MEDIA_S3_REGION: z.string().min(1).default('us-east-1'),
    /** Credentials; absent → the AWS SDK's default chain (environment, instance role…). */
    MEDIA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    MEDIA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** A key prefix inside the bucket, e.g. "groundwork/". */
    MEDIA_S3_PREFIX: z.string().max(200).default(''),
    /**
     * Hosts Groundwork may call even though they resolve to a private or local address (a self-hosted
     * Mastodon or webhook receiver on the office network): comma-separated names or addresses as
     * written in the URL. Everything else private is refused (src/outbound/).
     */
    /** Where Bluesky DIDs (did:plc) are resolved to handles for listening; a self-hosted PLC in tests. */
    BLUESKY_PLC_URL: z.url({ protocol: /^https?$/ }).default('https://plc.directory'),
    OUTBOUND_ALLOW: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean),
      ),
  })
  .refine((e) => e.MAIL_FROM === undefined || e.SMTP_URL !== undefined, {
    message: 'MAIL_FROM needs SMTP_URL',
    path: ['MAIL_FROM'],
  })
  .refine((e) => (e.MEDIA_S3_ACCESS_KEY_ID === undefined) === (e.MEDIA_S3_SECRET_ACCESS_KEY === undefined), {
    message: 'set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or neither',
    path: ['MEDIA_S3_ACCESS_KEY_ID'],
  })
  .refine((e) => e.MEDIA_S3_BUCKET !== undefined || (e.MEDIA_S3_ENDPOINT === undefined && e.MEDIA_S3_ACCESS_KEY_ID === undefined), {
    message: 'MEDIA_S3_* settings need MEDIA_S3_BUCKET',
    path: ['MEDIA_S3_BUCKET'],
  });

export interface PublishConfig {
  graceMinutes: number;
  concurrency: number;
  claimTimeoutSeconds: number;
  sweepIntervalSeconds: number;
  pollIntervalMs: number;
  maxAttempts: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  verifyCron: string;
  sandboxLatencyMs: string;
  sandboxFailureRate: number;
}

export interface S3Config {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  prefix: string;
}

export interface MediaConfig {
  maxImageBytes: number;
  maxVideoBytes: number;
  /** Local storage (the default): DATA_DIR/media. */
  dir: string;
  /** S3-compatible storage instead, when MEDIA_S3_BUCKET is set. */
  s3: S3Config | undefined;
}

/** Where sign-up messages go out (SMTP_URL, MAIL_FROM). */
export interface MailConfig {
  smtpUrl: string;
  from: string;
}

export interface AuthRateLimits {
  windowSeconds: number;
  maxPerIp: number;
  maxPerAccount: number;
}

/** The public lint endpoint (no account): requests per client address in one window. */
export interface LintRateLimit {
  windowSeconds: number;
  maxPerIp: number;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  pgDataDir: string;
  secretsKey: string | undefined;
  services: ReadonlyArray<(typeof SERVICE_ROLES)[number]>;
  demo: boolean;
  /** When the demo's history ends; absent: the first start's moment. */
  demoHistoryEnd: Date | undefined;
  sessionTtlDays: number;
  cookieSecure: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Origin users reach the server at, without a trailing slash, e.g. http://localhost:3000. */
  publicUrl: string;
  trustProxy: boolean | string;
  /** Absent: no mail is sent, and sign-up is one step. */
  mail: MailConfig | undefined;
  authRateLimits: AuthRateLimits;
  lintRateLimit: LintRateLimit;
  publish: PublishConfig;
  media: MediaConfig;
  /** Hosts exempt from the private-address refusal of outbound requests (OUTBOUND_ALLOW). */
  outboundAllow: string[];
  /** The PLC directory listening resolves Bluesky DIDs with (BLUESKY_PLC_URL). */
  blueskyPlcUrl: string;
}

export class ConfigError extends Error {}

/** A wildcard listen address is not one a browser can open: localhost is. IPv6 literals need brackets in a URL. */
function publicHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set", as in most .env conventions.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://${publicHost(e.HOST)}:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    pgDataDir: path.join(dataDir, 'pg'),
    secretsKey: e.SECRETS_KEY,
    services: e.SERVICES,
    demo: e.DEMO ?? !e.DATABASE_URL,
    demoHistoryEnd: e.DEMO_HISTORY_END,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    cookieSecure: e.COOKIE_SECURE,
    logLevel: e.LOG_LEVEL,
    publicUrl,
    trustProxy: e.TRUST_PROXY,
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? `Groundwork <no-reply@${new URL(publicUrl).hostname}>` } : undefined,
    authRateLimits: {
      windowSeconds: e.AUTH_RATE_WINDOW_SECONDS,
      maxPerIp: e.AUTH_RATE_MAX_PER_IP,
      maxPerAccount: e.AUTH_RATE_MAX_PER_ACCOUNT,
    },
    lintRateLimit: { windowSeconds: e.LINT_RATE_WINDOW_SECONDS, maxPerIp: e.LINT_RATE_MAX_PER_IP },
    publish: {
      graceMinutes: e.PUBLISH_GRACE_MINUTES,
      concurrency: e.PUBLISH_CONCURRENCY,
      claimTimeoutSeconds: e.PUBLISH_CLAIM_TIMEOUT_SECONDS,
      sweepIntervalSeconds: e.PUBLISH_SWEEP_INTERVAL_SECONDS,
      pollIntervalMs: e.PUBLISH_POLL_INTERVAL_MS,
      maxAttempts: e.PUBLISH_MAX_ATTEMPTS,
      retryBaseSeconds: e.PUBLISH_RETRY_BASE_SECONDS,
      retryMaxSeconds: e.PUBLISH_RETRY_MAX_SECONDS,
      verifyCron: e.PUBLISH_VERIFY_CRON,
      sandboxLatencyMs: e.SANDBOX_LATENCY_MS,
      sandboxFailureRate: e.SANDBOX_FAILURE_RATE,
    },
    media: {
      maxImageBytes: Math.round(e.MEDIA_MAX_IMAGE_MB * 1_000_000),
      maxVideoBytes: Math.round(e.MEDIA_MAX_VIDEO_MB * 1_000_000),
      dir: path.join(dataDir, 'media'),
      s3: e.MEDIA_S3_BUCKET
        ? {
            bucket: e.MEDIA_S3_BUCKET,
            endpoint: e.MEDIA_S3_ENDPOINT,
            region: e.MEDIA_S3_REGION,
            credentials:
              e.MEDIA_S3_ACCESS_KEY_ID && e.MEDIA_S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID, secretAccessKey: e.MEDIA_S3_SECRET_ACCESS_KEY }
                : undefined,
            prefix: e.MEDIA_S3_PREFIX,
          }
        : undefined,
    },
    outboundAllow: e.OUTBOUND_ALLOW,
    blueskyPlcUrl: e.BLUESKY_PLC_URL,
  };
}
