/**
 * Connected accounts: request and response shapes (the web app imports them), and each connector's
 * settings. A connection's `config` is non-secret (shown in the API and the audit log); its
 * `credentials` are secrets — written, replaced, never read back through the API.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, PLATFORMS } from '../plan/schema.ts';

/** The connectors (src/connectors/connector.ts's ConnectorKind; ./settings.ts checks the two name the same kinds). */
export const CONNECTOR_KINDS = ['sandbox', 'bluesky', 'mastodon', 'webhook'] as const;
export type ConnectorKindName = (typeof CONNECTOR_KINDS)[number];
export const CONNECTION_STATUSES = ['connected', 'reconnect_needed'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);
const secret = (min = 1) => z.string().min(min).max(4000);

/** Per connector: what `config` and `credentials` must hold. Strict: a mistyped key is an error. */
export const CONNECTOR_SETTINGS = {
  sandbox: {
    config: z.strictObject({
      /** Simulated round trip of this account (the demo's sandbox network). */
      latencyMs: z.number().int().min(0).max(10_000).optional(),
      /** Makes verification fail, to try the "reconnect needed" alert. */
      revoked: z.boolean().optional(),
      /**
       * The account's followers: `count` on day `on`, `perDay` more each day after (without it, a count
       * drawn from the connection's id). The demo sets it so its accounts continue their year of history.
       */
      followers: z.strictObject({ count: z.number().int().min(0), on: isoDateSchema, perDay: z.number().min(0).max(100_000) }).optional(),
    }),
    credentials: z.strictObject({}),
  },
  bluesky: {
    config: z.strictObject({
      /** The PDS or entryway; default https://bsky.social. */
      service: httpUrl.optional(),
    }),
    credentials: z.strictObject({
      /** Handle, DID or e-mail. */
      identifier: z.string().trim().min(1).max(320),
      /** An app password (Settings → App passwords), not the account password. */
      appPassword: secret(),
    }),
  },
  mastodon: {
    config: z.strictObject({ url: httpUrl.meta({ description: 'The instance, e.g. https://mastodon.social' }) }),
    credentials: z.strictObject({ accessToken: secret() }),
  },
  webhook: {
    config: z.strictObject({ url: httpUrl.meta({ description: 'Where each post is POSTed as signed JSON.' }) }),
    credentials: z.strictObject({ secret: secret(16).meta({ description: 'Signing secret, at least 16 characters.' }) }),
  },
} satisfies Record<ConnectorKindName, { config: z.ZodType; credentials: z.ZodType }>;

const settingsBag = z.record(z.string(), z.unknown());

const SETTINGS_DOC =
  'Per connector — sandbox: config `{ latencyMs?, revoked?, followers?: { count, on, perDay } }`, credentials `{}`; bluesky: config `{ service? }`, ' +
  'credentials `{ identifier, appPassword }`; mastodon: config `{ url }`, credentials `{ accessToken }`; webhook: config ' +
  '`{ url }`, credentials `{ secret }` (≥ 16 characters). Wrong settings → 400 `connection.invalid_config` / ' +
  '`connection.invalid_credentials` with `details.issues`.';

const timezoneField = z.string().trim().min(1).max(100);

export const createConnectionBody = z
  .strictObject({
    strategy: idSchema,
    channel: idSchema,
    connector: z.enum(CONNECTOR_KINDS),
    config: settingsBag.default({}),
    credentials: settingsBag.default({}),
    timezone: timezoneField.optional().meta({ description: "This channel's time zone, overriding the workspace's (IANA)." }),
  })
  .meta({ description: SETTINGS_DOC });
export type CreateConnectionBody = z.output<typeof createConnectionBody>;

export const updateConnectionBody = z
  .strictObject({
    config: settingsBag.optional().meta({ description: 'Replaces the whole config.' }),
    credentials: settingsBag.optional().meta({ description: 'Replaces the credentials (reconnect): the connection keeps its id.' }),
    timezone: timezoneField.nullable().optional().meta({ description: 'null: use the workspace time zone.' }),
  })
  .refine(
    (b) => b.config !== undefined || b.credentials !== undefined || b.timezone !== undefined,
    'nothing to change: send config, credentials or timezone',
  )
  .meta({ description: `${SETTINGS_DOC} Changing config or credentials verifies the account again.` });
export type UpdateConnectionBody = z.output<typeof updateConnectionBody>;

const ref = z.string().min(1).max(200);
export const workspaceParams = z.object({ workspaceId: ref });
export const connectionParams = workspaceParams.extend({ connectionId: ref });
export const listConnectionsQuery = z.object({ strategy: idSchema.optional() });
export const deleteConnectionQuery = z.object({ reason: z.string().trim().min(1).max(1000).optional() });

// ——— responses ———

export const connectionSchema = z.object({
  id: z.uuid(),
  strategy: z.string(),
  /** The strategy's name, which people know it by (`strategy` is its id). */
  strategyName: z.string(),
  channel: z.string(),
  /** The channel's platform in the strategy; null when the strategy no longer has the channel. */
  platform: z.enum(PLATFORMS).nullable(),
  connector: z.enum(CONNECTOR_KINDS),
  /** Non-secret settings. Credentials are never returned. */
  config: z.record(z.string(), z.unknown()),
  /** Overrides the workspace time zone for this channel; null: the workspace's. */
  timezone: z.string().nullable(),
  status: z.enum(CONNECTION_STATUSES),
  /** Why the account needs attention, or why it could not be verified (null when the last check passed). */
  statusMessage: z.string().nullable(),
  /** When the account was last verified successfully (null: never). */
  verifiedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConnectionView = z.infer<typeof connectionSchema>;

export const verificationSchema = z.object({
  /** verified: the network accepted the account; refused: it did not (reconnect needed); unreachable: the network did not answer (status unchanged). */
  outcome: z.enum(['verified', 'refused', 'unreachable']),
  message: z.string().nullable(),
});
export type Verification = z.infer<typeof verificationSchema>;

export const channelSlotSchema = z.object({
  strategy: z.string(),
  strategyName: z.string(),
  channel: z.string(),
  platform: z.enum(PLATFORMS),
  handle: z.string().nullable(),
  /** The connection serving this channel, or null: not connected (posts there fail at publish time). */
  connectionId: z.uuid().nullable(),
});

export const connectionListResponse = z.object({
  connections: z.array(connectionSchema),
  /** Every channel of the workspace's strategies (or of `?strategy=`), connected or not. */
  channels: z.array(channelSlotSchema),
  /** Connectors this server can verify and publish with; others are refused (422 `connection.connector_unavailable`). */
  availableConnectors: z.array(z.enum(CONNECTOR_KINDS)),
});
export const connectionResponse = z.object({ connection: connectionSchema, verification: verificationSchema.nullable() });

export const deleteWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export const deleteConnectionResponse = z.object({ deleted: z.uuid(), warnings: z.array(deleteWarningSchema) });

// ——— the sandbox network's receipts ———

export const sandboxReceiptParams = z.object({ workspaceId: z.string().min(1).max(200), receiptId: z.string().min(1).max(40) });

export const sandboxReceiptSchema = z.object({
  id: z.number().int(),
  receivedAt: z.string(),
  channel: z.string(),
  text: z.string(),
  media: z.array(
    z.union([
      z.object({ url: z.string(), alt: z.string() }),
      z.object({
        mediaId: z.string(),
        alt: z.string(),
        mimeType: z.string(),
        bytes: z.number().int(),
        sha256: z.string(),
        width: z.number().int().nullable(),
        height: z.number().int().nullable(),
      }),
    ]),
  ),
  /** Sends repeated with the same idempotency key (answered with this receipt, not posted again). */
  repeats: z.number().int(),
  deletedAt: z.string().nullable(),
});
export type SandboxReceipt = z.infer<typeof sandboxReceiptSchema>;
export const sandboxReceiptResponse = z.object({ receipt: sandboxReceiptSchema });
