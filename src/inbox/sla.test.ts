import { describe, expect, it } from 'vitest';
import { isOverdue } from './sla.ts';

const at = (iso: string) => new Date(iso);

describe('isOverdue', () => {
  const now = at('2026-12-02T12:00:00Z');
  it('is open, unanswered and past due', () => {
    expect(isOverdue({ status: 'open', firstResponseAt: null, dueAt: at('2026-12-02T11:59:00Z') }, now)).toBe(true);
    expect(isOverdue({ status: 'open', firstResponseAt: null, dueAt: at('2026-12-02T12:01:00Z') }, now)).toBe(false);
    expect(isOverdue({ status: 'open', firstResponseAt: at('2026-12-02T11:00:00Z'), dueAt: at('2026-12-02T11:59:00Z') }, now)).toBe(false);
    expect(isOverdue({ status: 'pending', firstResponseAt: null, dueAt: at('2026-12-02T11:59:00Z') }, now)).toBe(false);
    expect(isOverdue({ status: 'closed', firstResponseAt: null, dueAt: at('2026-12-02T11:59:00Z') }, now)).toBe(false);
  });
});
