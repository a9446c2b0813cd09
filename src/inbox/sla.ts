/** PURE — the inbox's service level: the target, and which items are overdue (the time arithmetic: src/measure/business-hours.ts). */
import type { BusinessHours } from '../measure/business-hours.ts';

export interface SlaSettings {
  firstResponseMinutes: number;
  businessHours: BusinessHours | null;
}

export const DEFAULT_SLA: SlaSettings = { firstResponseMinutes: 60, businessHours: null };

/** Overdue: still open, never answered, and past its due time. */
export function isOverdue(item: { status: string; firstResponseAt: Date | null; dueAt: Date }, now: Date): boolean {
  return item.status === 'open' && item.firstResponseAt === null && item.dueAt.getTime() < now.getTime();
}
