/** The spike alerts' contract: the alerts raised and the workspace's thresholds and webhook. Routes in ./routes.ts. */
import { defineRoute } from '../../http/contract.ts';
import { errorResponses } from '../../http/responses.ts';
import { listeningAlertsEndpoints as at } from './endpoints.ts';
import {
  alertSettingsSchema,
  alertsParams,
  listAlertsQuery,
  listAlertsResponse,
  updateAlertSettingsBody,
  updateAlertSettingsResponse,
} from './schema.ts';

const tags = ['listening'] as const;

export const listeningAlertsContract = {
  listAlerts: defineRoute({
    ...at.listAlerts,
    access: 'listening.read',
    tags,
    summary: 'Spike alerts raised, newest hour first',
    description:
      "An hour alerts when a query's mentions are above mean + k·σ of the same hour over the previous 7 days and at least the " +
      'minimum count; the hourly job evaluates the hour just ended, once per query and hour.',
    params: alertsParams,
    query: listAlertsQuery,
    responses: { 200: listAlertsResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  getAlertSettings: defineRoute({
    ...at.getAlertSettings,
    access: 'listening.read',
    tags,
    summary: "The workspace's spike alert thresholds (k, minimum count) and webhook host",
    params: alertsParams,
    responses: { 200: alertSettingsSchema, ...errorResponses(401, 403, 404) },
  }),

  updateAlertSettings: defineRoute({
    ...at.updateAlertSettings,
    access: 'listening.write',
    tags,
    summary: 'Change the spike alert thresholds or webhook; a new webhook URL answers its signing secret, once',
    params: alertsParams,
    body: updateAlertSettingsBody,
    responses: { 200: updateAlertSettingsResponse, ...errorResponses(400, 401, 403, 404) },
  }),
};
