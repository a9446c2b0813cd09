/** Reports: on-demand files (links), report schedules and their stored reports. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '../../../src/http/contract.ts';
import type { reportsContract } from '../../../src/measure/reports/contract.ts';
import { reportsEndpoints } from '../../../src/measure/reports/endpoints.ts';
import { bind, call, urlOf } from './client.ts';

const api = bind<typeof reportsContract>(reportsEndpoints);

export type ReportSchedule = ResponseOf<typeof reportsContract.listSchedules>['schedules'][number];
export type StoredReport = ReportSchedule['reports'][number];
export type NewSchedule = BodyOf<typeof reportsContract.createSchedule>;
export type ReportSubject = NewSchedule['subject'];
export type ReportFormat = NewSchedule['format'];

/** A report of the subject over [from, to] as a file (a link: the browser downloads it with the session cookie). */
export function reportUrl(
  ws: string,
  subject: ReportSubject,
  id: string,
  format: ReportFormat,
  period: { from: string; to: string },
): string {
  const query = { from: period.from, to: period.to };
  if (subject === 'strategy') {
    const params = { workspaceId: ws, strategyId: id };
    return format === 'pdf' ? urlOf(api.strategyReportPdf, { params, query }) : urlOf(api.strategyReportCsv, { params, query });
  }
  const params = { workspaceId: ws, campaignId: id };
  return format === 'pdf' ? urlOf(api.campaignReportPdf, { params, query }) : urlOf(api.campaignReportCsv, { params, query });
}

export const storedReportUrl = (ws: string, reportId: string) => urlOf(api.downloadReport, { params: { workspaceId: ws, reportId } });

const scheduleKeys = {
  all: (ws: string) => ['ws', ws, 'report-schedules'] as const,
  of: (ws: string, subject: ReportSubject, id: string) => ['ws', ws, 'report-schedules', subject, id] as const,
};

/** The schedules of one strategy or campaign, with their stored reports. */
export const useReportSchedules = (ws: string, subject: ReportSubject, id: string, enabled = true) =>
  useQuery({
    queryKey: scheduleKeys.of(ws, subject, id),
    queryFn: async () => (await call(api.listSchedules, { params: { workspaceId: ws }, query: { [subject]: id } })).schedules,
    enabled,
  });

/** Create and delete schedules (plan.write); each refreshes the lists. */
export function useReportScheduleWrites(ws: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: scheduleKeys.all(ws) });
  return {
    create: useMutation({ mutationFn: (body: NewSchedule) => call(api.createSchedule, { params: { workspaceId: ws }, body }), onSettled }),
    remove: useMutation({
      mutationFn: (id: string) => call(api.deleteSchedule, { params: { workspaceId: ws, scheduleId: id } }),
      onSettled,
    }),
  };
}
