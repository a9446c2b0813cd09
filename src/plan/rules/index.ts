/** The registry of every rule, in the order findings are reported. */
import type { Rule } from './types.ts';

export const allRules: readonly Rule[] = [];
