/**
 * The reports API's contract: a strategy's or a campaign's report over a period as PDF or CSV, on
 * demand; report schedules (weekly or monthly, stored, optionally POSTed to a webhook) and the
 * stored reports. Routes in ./routes.ts.
 *
 * Reading and downloading need `analytics.read`. Setting up or removing a schedule needs
 * `plan.write`: a schedule is a standing order that keeps sending the plan's numbers — possibly to an
 * outside URL — so it is decided by those who decide the plan (owners, strategists), not by every
 * reader (analysts, read-only tokens).
 */
import { defineRoute } from '../../http/contract.ts';
import { errorResponses, noContent } from '../../http/responses.ts';
import { reportsEndpoints as at } from './endpoints.ts';
import {
  campaignParams,
  createScheduleBody,
  listSchedulesQuery,
  REPORT_CONTENT_TYPES,
  reportFileBody,
  reportParams,
  reportQuery,
  scheduleCreatedResponse,
  scheduleListResponse,
  scheduleParams,
  strategyParams,
} from './schema.ts';

const tags = ['reports'] as const;
const errors = errorResponses(400, 401, 403, 404);
const period =
  'The period is whole UTC days `from`–`to` (default: the 90 days up to today; at most 732 days); a bad or reversed one answers 400 `report.invalid_range`. ' +
  'Answers the file as an attachment named `<id>-report-<from>-to-<to>.<format>`.';
const pdf = { produces: [REPORT_CONTENT_TYPES.pdf], responses: { 200: reportFileBody, ...errors } };
const csv = { produces: [REPORT_CONTENT_TYPES.csv], responses: { 200: reportFileBody, ...errors } };

export const reportsContract = {
  strategyReportPdf: defineRoute({
    ...at.strategyReportPdf,
    access: 'analytics.read',
    tags,
    summary: "A strategy's report over a period as PDF: KPI progress with charts, totals, followers per channel",
    description: period,
    params: strategyParams,
    query: reportQuery,
    ...pdf,
  }),
  strategyReportCsv: defineRoute({
    ...at.strategyReportCsv,
    access: 'analytics.read',
    tags,
    summary: "A strategy's report over a period as CSV (one record per row; the README describes the columns)",
    description: period,
    params: strategyParams,
    query: reportQuery,
    ...csv,
  }),
  campaignReportPdf: defineRoute({
    ...at.campaignReportPdf,
    access: 'analytics.read',
    tags,
    summary: "A campaign's report over a period as PDF: response against the goal, cost, revenue, real and projected ROI, charts",
    description: period,
    params: campaignParams,
    query: reportQuery,
    ...pdf,
  }),
  campaignReportCsv: defineRoute({
    ...at.campaignReportCsv,
    access: 'analytics.read',
    tags,
    summary: "A campaign's report over a period as CSV",
    description: period,
    params: campaignParams,
    query: reportQuery,
    ...csv,
  }),

  listSchedules: defineRoute({
    ...at.listSchedules,
    access: 'analytics.read',
    tags,
    summary: 'Report schedules with their stored reports, optionally of one strategy or campaign',
    params: strategyParams.pick({ workspaceId: true }),
    query: listSchedulesQuery,
    responses: { 200: scheduleListResponse, ...errors },
  }),
  createSchedule: defineRoute({
    ...at.createSchedule,
    access: 'plan.write',
    tags,
    summary: 'Schedule a weekly or monthly report of a strategy or a campaign',
    description:
      'A worker makes each report once its period (Monday–Sunday, or a calendar month, UTC) is over, stores it (the last 12 are kept) and, ' +
      'with `webhookUrl`, POSTs it there as signed JSON (`X-Groundwork-Signature`, with the secret this answer shows once), retrying on failure.',
    params: strategyParams.pick({ workspaceId: true }),
    body: createScheduleBody,
    responses: { 201: scheduleCreatedResponse, ...errors },
  }),
  deleteSchedule: defineRoute({
    ...at.deleteSchedule,
    access: 'plan.write',
    tags,
    summary: 'Delete a report schedule and the reports it stored',
    params: scheduleParams,
    responses: { 204: noContent, ...errors },
  }),
  downloadReport: defineRoute({
    ...at.downloadReport,
    access: 'analytics.read',
    tags,
    summary: 'Download a stored report',
    params: reportParams,
    produces: Object.values(REPORT_CONTENT_TYPES),
    responses: { 200: reportFileBody, ...errors },
  }),
};
