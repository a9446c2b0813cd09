/** The contract of a campaign's money: its cost entries and its real ROI. Routes in ./routes.ts. */
import { defineRoute } from '../../http/contract.ts';
import { errorResponses, noContent } from '../../http/responses.ts';
import { costsEndpoints as at } from './endpoints.ts';
import {
  campaignParams,
  campaignRoiResponse,
  costListResponse,
  costParams,
  costResponse,
  createCostBody,
  updateCostBody,
} from './schema.ts';

const tags = ['measurement'] as const;
const errors = errorResponses(400, 401, 403, 404, 422);

/**
 * Costs are the plan's money (what a campaign really cost against its budget): changed by those who
 * own the plan, seen by everyone who reads its numbers.
 */
const CHANGE = 'plan.write';
const CURRENCY_DOC =
  "A cost is in the campaign's budget currency (else its strategy's, else that of the campaign's other costs): otherwise 422 `cost.currency_mismatch`.";

export const costsContract = {
  listCosts: defineRoute({
    ...at.listCosts,
    access: 'analytics.read',
    tags,
    summary: "A campaign's cost entries, newest first, with totals by category",
    params: campaignParams,
    responses: { 200: costListResponse, ...errors },
  }),

  createCost: defineRoute({
    ...at.createCost,
    access: CHANGE,
    tags,
    summary: 'Add a cost entry to a campaign (ads, production, influencers, tools, other)',
    description: CURRENCY_DOC,
    params: campaignParams,
    body: createCostBody,
    responses: { 201: costResponse, ...errors },
  }),

  updateCost: defineRoute({
    ...at.updateCost,
    access: CHANGE,
    tags,
    summary: "Change a cost entry's amount, currency, category, day or note",
    description: CURRENCY_DOC,
    params: costParams,
    body: updateCostBody,
    responses: { 200: costResponse, ...errors },
  }),

  deleteCost: defineRoute({
    ...at.deleteCost,
    access: CHANGE,
    tags,
    summary: 'Delete a cost entry (the audit log keeps it)',
    params: costParams,
    responses: { 204: noContent, ...errors },
  }),

  getCampaignRoi: defineRoute({
    ...at.getCampaignRoi,
    access: 'analytics.read',
    tags,
    summary: "A campaign's real ROI from its attributed revenue and costs, beside the projected one",
    description:
      'ROI = (revenue − cost) / cost. `cost` is the sum of the cost entries (`costBasis: actual`); with none, the budget ' +
      '(`planned`: a planned cost); with neither, `none` and `roi: null`.',
    params: campaignParams,
    responses: { 200: campaignRoiResponse, ...errors },
  }),
};
