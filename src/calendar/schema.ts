/** Shapes of the calendar feed API (the workspace's ICS feed and its secret URL): the single source of their types. */
import { z } from 'zod';

export const calendarFeedParams = z.object({ workspaceId: z.string().min(1).max(200) });

export const calendarFeedBody = z.strictObject({ rotate: z.literal(true).optional() }).nullish();

export const calendarFeedResponse = z.object({
  url: z.string().meta({ description: 'Absolute URL on the configured PUBLIC_URL.' }),
  path: z.string().meta({ description: '`/api/calendar/<token>.ics`' }),
  createdAt: z.string(),
  rotated: z.boolean(),
});

export const calendarFileParams = z.object({ file: z.string().max(300).meta({ description: '`<token>.ics`' }) });

export const icsBody = z.custom<string>((v) => typeof v === 'string').describe('A VCALENDAR (RFC 5545)');
