/** How plan values read on screen: platform names, channels, areas, dates, shares. */
import type { OBJECTIVE_AREAS } from '../../../../src/plan/schema.ts';

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

// Channel names are shared with the findings' wording; dates and ratios with every screen.
export { channelLabel, PLATFORM_NAMES } from '../../../../src/plan/ui-messages.ts';
export { formatDate, formatNumber, formatPeriod, formatPercent as percent } from '../publishing/time.ts';

/** 2.5 → "2.5", 3 → "3". */
export const hours = (n: number): string => String(Number(n.toFixed(1)));
