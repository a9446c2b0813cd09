/** How plan values read on screen: platform names, channels, areas, dates, shares. */
import type { OBJECTIVE_AREAS, Platform } from '../../../../src/plan/schema.ts';
import type { Strategy } from '../../api/types.ts';

export const PLATFORM_NAMES: Record<Platform, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  x: 'X',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  facebook: 'Facebook',
  threads: 'Threads',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  pinterest: 'Pinterest',
  blog: 'Blog',
  newsletter: 'Newsletter',
  other: 'Other',
};

export const AREA_NAMES: Record<(typeof OBJECTIVE_AREAS)[number], string> = {
  marketing: 'Marketing',
  pr: 'PR',
  sales: 'Sales',
  'product-development': 'Product development',
  awareness: 'Awareness',
  'customer-service': 'Customer service',
  traffic: 'Traffic',
  brand: 'Brand',
};

/** "Instagram @northwind" — what users recognise a channel by. */
export const channelLabel = (c: Strategy['channels'][number]): string => [PLATFORM_NAMES[c.platform], c.handle].filter(Boolean).join(' ');

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** 2027-07-05 → "5 Jul 2027" (a calendar date: no time zone shifts). */
export const formatDate = (iso: string): string => dateFormat.format(new Date(`${iso}T00:00:00Z`));

export const formatPeriod = (p: { start: string; end: string }): string => `${formatDate(p.start)} – ${formatDate(p.end)}`;

/** 0.35 → "35%". */
export const percent = (share: number): string => `${Number((share * 100).toFixed(1))}%`;

/** 2.5 → "2.5", 3 → "3". */
export const hours = (n: number): string => String(Number(n.toFixed(1)));
