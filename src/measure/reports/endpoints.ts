/** Where the routes of reports are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../../http/contract.ts';

export const reportsEndpoints = {
  strategyReportPdf: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/report.pdf' },
  strategyReportCsv: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/report.csv' },
  campaignReportPdf: { method: 'GET', path: '/workspaces/:workspaceId/campaigns/:campaignId/report.pdf' },
  campaignReportCsv: { method: 'GET', path: '/workspaces/:workspaceId/campaigns/:campaignId/report.csv' },
  listSchedules: { method: 'GET', path: '/workspaces/:workspaceId/report-schedules' },
  createSchedule: { method: 'POST', path: '/workspaces/:workspaceId/report-schedules' },
  deleteSchedule: { method: 'DELETE', path: '/workspaces/:workspaceId/report-schedules/:scheduleId' },
  downloadReport: { method: 'GET', path: '/workspaces/:workspaceId/reports/:reportId/file' },
} as const satisfies Record<string, Endpoint>;
