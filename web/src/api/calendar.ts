/** The workspace's ICS calendar feed. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { calendarContract } from '../../../src/calendar/contract.ts';
import { calendarEndpoints } from '../../../src/calendar/endpoints.ts';
import type { BodyOf } from '../../../src/http/contract.ts';
import { bind, call } from './client.ts';
import { keys } from './keys.ts';

const api = bind<typeof calendarContract>(calendarEndpoints);

/** The workspace's secret ICS feed URL (workspace.manage): made, or rotated with `{ rotate: true }`. */
export function useCalendarFeed(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<typeof calendarContract.createFeed>) => call(api.createFeed, { params: { workspaceId: ws }, body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.me });
      void qc.invalidateQueries({ queryKey: keys.workspace(ws) });
    },
  });
}
