/**
 * Response shapes, inferred from the server's zod schemas (type-only imports: nothing of the
 * server is bundled). Plan documents come from the pure plan model, which the web app also runs.
 */
import type { z } from 'zod';
import type * as plan from '../../../src/plan-store/schema.ts';
import type * as ws from '../../../src/workspace/schema.ts';
import type * as auth from '../../../src/auth/schema.ts';

export type { Campaign, CampaignInput, Finding, LintResult, Strategy, StrategyInput } from '../../../src/plan/schema.ts';
export type Session = z.infer<typeof auth.sessionResponseSchema>;
export type Workspace = z.infer<typeof ws.workspaceWithRoleSchema>;
export type Member = z.infer<typeof ws.memberSchema>;
export type StrategySummary = z.infer<typeof plan.strategySummarySchema>;
export type CampaignSummary = z.infer<typeof plan.campaignSummarySchema>;
export type StrategyDetail = z.infer<typeof plan.strategyDetailResponse>;
export type CampaignDetail = z.infer<typeof plan.campaignDetailResponse>;
export type SavedStrategy = z.infer<typeof plan.savedStrategyResponse>;
export type SavedCampaign = z.infer<typeof plan.savedCampaignResponse>;
export type ImportResult = z.infer<typeof plan.importResponse>;
