/** CSV imports of measured data: conversions and a strategy's KPI values, each previewed (dry run) before it is imported. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../../src/http/contract.ts';
import type { conversionsContract } from '../../../src/measure/conversions/contract.ts';
import { conversionsEndpoints } from '../../../src/measure/conversions/endpoints.ts';
import { bind, call } from './client.ts';
import { keys } from './keys.ts';

const api = bind<typeof conversionsContract>(conversionsEndpoints);

export type ConversionsImport = ResponseOf<typeof conversionsContract.importConversions>;
export type KpiValuesImport = ResponseOf<typeof conversionsContract.importKpiValues>;

/** What to import: conversions, or the KPI values of one strategy. */
export type ImportTarget = { kind: 'conversions' } | { kind: 'kpi-values'; strategy: string };

export interface ImportRequest {
  target: ImportTarget;
  csv: string;
  dryRun: boolean;
}

export type ImportAnswer = { kind: 'conversions'; result: ConversionsImport } | { kind: 'kpi-values'; result: KpiValuesImport };

/** The imports take the file as it is (the contract's csvHeaders). */
const headers = { 'content-type': 'text/csv; charset=utf-8' };

/** Sends a CSV file for a preview (`dryRun`) or the import itself; an import refreshes what the workspace shows. */
export function useCsvImport(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ target, csv, dryRun }: ImportRequest): Promise<ImportAnswer> => {
      const query = { dryRun: dryRun ? ('true' as const) : ('false' as const) };
      const params = { workspaceId: ws };
      return target.kind === 'conversions'
        ? { kind: target.kind, result: await call(api.importConversions, { params, query, headers, body: csv }) }
        : {
            kind: target.kind,
            result: await call(api.importKpiValues, { params, query: { ...query, strategy: target.strategy }, headers, body: csv }),
          };
    },
    onSuccess: (_answer, { dryRun }) => {
      if (!dryRun) void qc.invalidateQueries({ queryKey: keys.workspace(ws) });
    },
  });
}
