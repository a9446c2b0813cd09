/**
 * Conversions and CSV imports: request and response shapes (the web app imports them). Pure (zod).
 */
import { z } from 'zod';
import { amountSchema, currencySchema } from '../costs/schema.ts';

// Ids are checked by lookup, not by shape: an unknown or foreign one answers the same 404.
const ref = z.string().min(1).max(200);
export const workspaceParams = z.object({ workspaceId: ref });

/** The earliest moment a conversion may be dated: anything before is a typo (and year 0000 does not exist in Postgres). */
export const EARLIEST_CONVERSION = Date.UTC(2000, 0, 1);

/** An ISO 8601 date-time with its offset (`Z` or `+02:00`): a moment, not a local time. */
const moment = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2027-03-01T10:15:00Z' })
  .refine((v) => Date.parse(v) >= EARLIEST_CONVERSION, { message: 'must be in the year 2000 or later' });

export const recordConversionBody = z
  .strictObject({
    link: ref.optional().meta({
      description: 'Code of a tracked link of the workspace (`/l/<code>`): the conversion is attributed to its campaign or strategy.',
    }),
    campaign: ref.optional().meta({ description: 'Id of a campaign of the workspace.' }),
    value: amountSchema.meta({ description: 'Revenue of the conversion, 0 for a sign-up without revenue; at most two decimals.' }),
    currency: currencySchema.meta({ description: "ISO 4217; must be the campaign's (or its strategy's) budget currency when it has one." }),
    occurredAt: moment.meta({ description: 'When it happened; at most a day in the future.' }),
    externalId: z
      .string()
      .min(1)
      .max(200)
      .meta({ description: "The sender's id of the conversion (an order number): a retry with the same id is counted once." }),
  })
  .refine((b) => (b.link === undefined) !== (b.campaign === undefined), {
    message: 'give exactly one of `link` (a tracked link code) or `campaign` (a campaign id)',
    path: ['campaign'],
  });
export type RecordConversionBody = z.output<typeof recordConversionBody>;

export const CONVERSION_SOURCES = ['api', 'import', 'demo'] as const;

export const conversionSchema = z.object({
  id: z.uuid(),
  externalId: z.string(),
  strategy: z.string().nullable(),
  campaign: z.string().nullable(),
  /** The tracked link's code, when it came through one. */
  link: z.string().nullable(),
  value: z.number(),
  currency: z.string(),
  occurredAt: z.string(),
  source: z.enum(CONVERSION_SOURCES),
  createdAt: z.string(),
});
export type ConversionView = z.infer<typeof conversionSchema>;

export const recordConversionResponse = z.object({
  conversion: conversionSchema,
  /** True when this external id was recorded before with the same content: nothing was counted again. */
  duplicate: z.boolean(),
});

// ——— CSV imports ———

export const CSV_CONTENT_TYPE = 'text/csv';

/** The file itself, sent as `text/csv`. */
export const csvBody = z.string().describe('The CSV file (UTF-8), sent as text/csv');
export const csvHeaders = z.object({
  'content-type': z
    .string()
    .regex(/^text\/csv(;|\s|$)/i, 'send the file with Content-Type: text/csv')
    .describe('text/csv (charset utf-8)'),
});

const dryRun = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true')
  .meta({ description: '`true`: check every row and show what would be imported, without importing anything.' });

export const importConversionsQuery = z.object({ dryRun });
export const importKpiValuesQuery = z.object({
  strategy: ref.meta({ description: 'The strategy whose KPIs the values are of.' }),
  dryRun,
});

export const importProblemSchema = z.object({
  /** 1-based line of the file. */
  line: z.number().int(),
  /** The column the problem is in, when it is about one field. */
  column: z.string().optional(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

const importSummary = z.object({
  /** Data rows in the file (the header and blank lines not counted). */
  rows: z.number().int(),
  /** Rows that are imported (or would be, in a dry run). */
  imported: z.number().int(),
  /** Good rows that change nothing: already stored with the same content. */
  unchanged: z.number().int(),
  /** Rows with at least one error: never imported. */
  rejected: z.number().int(),
});

export const CONVERSION_ROW_STATUSES = ['new', 'duplicate'] as const;
export const importConversionsResponse = z.object({
  dryRun: z.boolean(),
  summary: importSummary,
  rows: z.array(
    z.object({
      line: z.number().int(),
      /** `new`: recorded by this import; `duplicate`: this external id is recorded already with the same content (or earlier in the file). */
      status: z.enum(CONVERSION_ROW_STATUSES),
      externalId: z.string(),
      campaign: z.string().nullable(),
      link: z.string().nullable(),
      value: z.number(),
      currency: z.string(),
      occurredAt: z.string(),
    }),
  ),
  errors: z.array(importProblemSchema),
});
export type ConversionsImport = z.infer<typeof importConversionsResponse>;

export const KPI_VALUE_ROW_STATUSES = ['new', 'replace', 'unchanged'] as const;
export const importKpiValuesResponse = z.object({
  dryRun: z.boolean(),
  strategy: z.string(),
  summary: importSummary,
  rows: z.array(
    z.object({
      line: z.number().int(),
      /** `new`: no value for that KPI and day yet; `replace`: replaces the stored one (`previous`); `unchanged`: the same value is stored. */
      status: z.enum(KPI_VALUE_ROW_STATUSES),
      kpi: z.string(),
      date: z.string(),
      value: z.number(),
      previous: z.number().nullable(),
    }),
  ),
  errors: z.array(importProblemSchema),
});
export type KpiValuesImport = z.infer<typeof importKpiValuesResponse>;

/** What one import may hold: beyond it, 413 (`import.too_large`, `import.too_many_rows`). Split bigger files. */
export const IMPORT_LIMITS = { bytes: 1024 * 1024, rows: 10_000 } as const;
