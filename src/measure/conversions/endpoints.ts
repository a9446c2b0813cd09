/** Where the routes of conversions and the CSV imports are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../../http/contract.ts';

export const conversionsEndpoints = {
  recordConversion: { method: 'POST', path: '/workspaces/:workspaceId/conversions' },
  importConversions: { method: 'POST', path: '/workspaces/:workspaceId/imports/conversions' },
  importKpiValues: { method: 'POST', path: '/workspaces/:workspaceId/imports/kpi-values' },
} as const satisfies Record<string, Endpoint>;
