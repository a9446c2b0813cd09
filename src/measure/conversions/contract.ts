/** The conversions API's contract: recording a conversion, and the CSV imports of conversions and KPI values. Routes in ./routes.ts. */
import { defineRoute } from '../../http/contract.ts';
import { errorResponses } from '../../http/responses.ts';
import { conversionsEndpoints as at } from './endpoints.ts';
import {
  csvBody,
  csvHeaders,
  CSV_CONTENT_TYPE,
  importConversionsQuery,
  importConversionsResponse,
  importKpiValuesQuery,
  importKpiValuesResponse,
  recordConversionBody,
  recordConversionResponse,
  workspaceParams,
} from './schema.ts';

const tags = ['measurement'] as const;

const IMPORT_DOC =
  'Send the file as `text/csv` (at most 1 MB and 10,000 rows: 413 `import.too_large` / `import.too_many_rows`). ' +
  'Every row is checked and answered: `rows` (what is imported, or would be with `dryRun=true`) and `errors` (line, column, message). ' +
  'Without `dryRun` the good rows are imported in one transaction, all or none; rows with errors never are. ' +
  'A file that is not the table at all (not CSV, empty, a wrong header) → 422 `import.unreadable` with `details.errors`.';

export const conversionsContract = {
  recordConversion: defineRoute({
    ...at.recordConversion,
    access: 'analytics.write',
    tags,
    summary: 'Record a conversion (a sale, a sign-up) attributed to a tracked link or a campaign, idempotently by its external id',
    description:
      'The first time an `externalId` is sent: 201, stored and counted (`conversions` +1, `revenue` +value). The same again: 200 with the ' +
      'stored conversion and `duplicate: true`, counted once however often (and however concurrently) it is sent. The same id with ' +
      'different content: 409 `conversion.conflict`. Unknown link or campaign: 404 `conversion.link_not_found` / `campaign.not_found`; ' +
      "a currency other than the campaign's (or strategy's) budget currency: 422 `conversion.currency_mismatch`; more than a day " +
      'ahead: 422 `conversion.in_future`.',
    params: workspaceParams,
    body: recordConversionBody,
    responses: { 200: recordConversionResponse, 201: recordConversionResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
  }),

  importConversions: defineRoute({
    ...at.importConversions,
    access: 'analytics.write',
    tags,
    summary: 'Import conversions from CSV (external_id, campaign or link, value, currency, occurred_at), with a dry-run preview',
    description: `${IMPORT_DOC} An external id already recorded with the same content is a duplicate (counted once); with other content, an error.`,
    params: workspaceParams,
    query: importConversionsQuery,
    headers: csvHeaders,
    body: csvBody,
    consumes: [CSV_CONTENT_TYPE],
    responses: { 200: importConversionsResponse, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  }),

  importKpiValues: defineRoute({
    ...at.importKpiValues,
    access: 'analytics.write',
    tags,
    summary: "Import values of a strategy's KPIs from CSV (kpi, date, value), with a dry-run preview",
    description: `${IMPORT_DOC} One value per KPI and day: an imported value replaces the stored one (the old one is kept in the audit log).`,
    params: workspaceParams,
    query: importKpiValuesQuery,
    headers: csvHeaders,
    body: csvBody,
    consumes: [CSV_CONTENT_TYPE],
    responses: { 200: importKpiValuesResponse, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  }),
};
