/** Plan documents as YAML: the import preview (lint against what the workspace stores) and the import. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../../src/http/contract.ts';
import type { planContract } from '../../../src/plan-store/contract.ts';
import { planEndpoints } from '../../../src/plan-store/endpoints.ts';
import { bind, call } from './client.ts';
import { keys } from './keys.ts';

const api = bind<typeof planContract>(planEndpoints);

export type ImportResult = ResponseOf<typeof planContract.importPlan>;

/** Lints YAML against what the workspace stores, without saving anything. */
export const useLintPreview = (ws: string) =>
  useMutation({ mutationFn: (yaml: string) => call(api.lintInWorkspace, { params: { workspaceId: ws }, body: yaml }) });

export function useImportPlan(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (yaml: string) => call(api.importPlan, { params: { workspaceId: ws }, body: yaml }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.workspace(ws) }),
  });
}
