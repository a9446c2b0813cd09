/** A workspace's connected accounts: every strategy channel with the account serving it, and the sandbox network's receipts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { connectionsContract } from '../../../src/connections/contract.ts';
import { connectionsEndpoints } from '../../../src/connections/endpoints.ts';
import type { BodyOf, ResponseOf } from '../../../src/http/contract.ts';
import { bind, call } from './client.ts';

const api = bind<typeof connectionsContract>(connectionsEndpoints);

export type ConnectionList = ResponseOf<typeof connectionsContract.listConnections>;
export type ConnectionView = ConnectionList['connections'][number];
export type ConnectorKind = ConnectionView['connector'];
export type ConnectionStatus = ConnectionView['status'];
export type ConnectionSaved = ResponseOf<typeof connectionsContract.createConnection>;
/** A connector's settings as the forms edit them (each connector's own shape is checked by the server). */
export type ConnectionSettings = Required<Pick<BodyOf<typeof connectionsContract.createConnection>, 'config' | 'credentials'>>;

export const connectionKeys = {
  all: (ws: string) => ['ws', ws, 'connections'] as const,
  receipt: (ws: string, id: string) => ['ws', ws, 'sandbox-receipt', id] as const,
};

/** Every strategy channel with the connection serving it (credentials are never returned), and the connectors this server has. */
export const useConnections = (ws: string) =>
  useQuery({ queryKey: connectionKeys.all(ws), queryFn: () => call(api.listConnections, { params: { workspaceId: ws } }) });

/** The state of the account on each channel of one strategy (a channel missing here has none). */
export function useChannelStates(
  ws: string,
  strategyId: string | undefined,
): { states: Map<string, ConnectionStatus>; isPending: boolean } {
  const list = useConnections(ws);
  const states = new Map<string, ConnectionStatus>();
  for (const c of list.data?.connections ?? []) if (c.strategy === strategyId) states.set(c.channel, c.status);
  return { states, isPending: list.isPending };
}

/** Connect, reconnect (new credentials), verify, disconnect (plan.write); each refreshes the list, also after a refusal. */
export function useConnectionWrites(ws: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: connectionKeys.all(ws) });
  const params = (id: string) => ({ workspaceId: ws, connectionId: id });
  return {
    connect: useMutation({
      mutationFn: (body: BodyOf<typeof connectionsContract.createConnection>) =>
        call(api.createConnection, { params: { workspaceId: ws }, body }),
      onSettled,
    }),
    reconnect: useMutation({
      mutationFn: ({ id, ...body }: { id: string } & ConnectionSettings) => call(api.updateConnection, { params: params(id), body }),
      onSettled,
    }),
    verify: useMutation({ mutationFn: (id: string) => call(api.verifyConnection, { params: params(id) }), onSettled }),
    disconnect: useMutation({ mutationFn: (id: string) => call(api.deleteConnection, { params: params(id) }), onSettled }),
  };
}

/** What the sandbox network received for a published variant (`sandbox://receipts/<id>`). */
export const useSandboxReceipt = (ws: string, receiptId: string) =>
  useQuery({
    queryKey: connectionKeys.receipt(ws, receiptId),
    queryFn: async () => (await call(api.getSandboxReceipt, { params: { workspaceId: ws, receiptId } })).receipt,
    // A receipt never changes.
    staleTime: Infinity,
  });
