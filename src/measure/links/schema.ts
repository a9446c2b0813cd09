/** Shapes of tracked links (the redirector and the links list): the single source of their types. */
import { z } from 'zod';
import { idSchema } from '../../plan/schema.ts';

/** Any text up to the router's limit: a malformed code answers the same 404 page as an unknown one. */
export const linkCodeParams = z.object({ code: z.string().max(300).meta({ description: 'The short code after `/l/`.' }) });

export const redirectBody = z.null().describe('No body: `Location` names the target.');
export const htmlPage = z.custom<string>((v) => typeof v === 'string').describe('A small HTML page');

export const linksParams = z.object({ workspaceId: z.string().min(1).max(200) });

const isoDay = z.iso.date().refine((s) => !s.startsWith('0000-'), { message: 'must be a day in year 0001 or later' });

export const listLinksQuery = z
  .object({
    from: isoDay.optional().meta({ description: 'First day counted (UTC, inclusive), `YYYY-MM-DD`. Default: since the link was made.' }),
    to: isoDay.optional().meta({ description: 'Last day counted (UTC, inclusive), `YYYY-MM-DD`. Default: today.' }),
    campaign: idSchema.optional().meta({ description: "Only this campaign's links." }),
    post: z.uuid().optional().meta({ description: "Only this post's links." }),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });
export type ListLinksQuery = z.output<typeof listLinksQuery>;

export const trackedLinkSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  /** `<PUBLIC_URL>/l/<code>`: what went out in the post. */
  shortUrl: z.string(),
  /** Where it leads: the original URL with its UTM parameters. */
  targetUrl: z.string(),
  strategy: z.string().nullable(),
  campaign: z.string().nullable(),
  channel: z.string().nullable(),
  post: z.string().nullable(),
  variant: z.string().nullable(),
  createdAt: z.string(),
  clicks: z.number().int().meta({ description: 'Clicks by people in the range (known bots are not counted).' }),
  uniqueVisitors: z.number().int().meta({ description: 'Distinct visitors per day, summed over the days of the range.' }),
  topReferrers: z
    .array(z.object({ domain: z.string(), clicks: z.number().int() }))
    .meta({ description: 'Up to five referring domains (only the domain is kept), most clicks first.' }),
});
export type TrackedLinkView = z.infer<typeof trackedLinkSchema>;

export const linkListResponse = z.object({ links: z.array(trackedLinkSchema) });
