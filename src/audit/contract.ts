/** The audit log's API contract (src/http/contract.ts): routes in ./routes.ts, the web client in web/src/api/. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses } from '../http/responses.ts';
import { auditEndpoints as at } from './endpoints.ts';
import { auditListResponse, auditParams, listAuditQuery } from './schema.ts';

export const auditContract = {
  listAudit: defineRoute({
    ...at.listAudit,
    access: 'audit.read',
    tags: ['audit'],
    summary: 'The audit log, newest first: who changed what, when, before and after',
    params: auditParams,
    query: listAuditQuery,
    responses: { 200: auditListResponse, ...errorResponses(401, 403, 404) },
  }),
};
