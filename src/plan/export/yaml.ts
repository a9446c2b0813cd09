/**
 * Plan → YAML (plan-as-code). Deterministic: the same plan always gives the same bytes, and
 * exporting what was loaded from an export gives the same bytes again.
 *
 * - one stream: a short header comment, the strategy, then its campaigns sorted by start, then id;
 * - keys in schema order (documents are re-parsed through their schema, which also restores key
 *   order lost in storage, e.g. Postgres JSONB);
 * - dates stay plain ISO scalars (`2027-01-01`), which YAML 1.2 reads back as strings.
 */
import { Document, Scalar, visit, type ToStringOptions } from 'yaml';
import { campaignSchema, strategySchema, type Campaign, type Strategy } from '../schema.ts';

const TO_STRING: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 100,
  minContentWidth: 40,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  singleQuote: false,
};

/**
 * Plain strings that YAML 1.1 readers (PyYAML, many CI tools) would take for booleans, null or
 * sexagesimal numbers. YAML 1.2 reads them as strings either way; quoting them keeps every reader
 * in agreement. ISO dates deliberately stay plain.
 */
const YAML11_AMBIGUOUS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|~|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?)$/;

function toYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.2', schema: 'core', aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && YAML11_AMBIGUOUS.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString(TO_STRING);
}

export function exportPlanYaml(strategy: Strategy, campaigns: readonly Campaign[]): string {
  const s = normalise(strategySchema, strategy);
  const cs = campaigns.map((c) => normalise(campaignSchema, c)).sort(byStartThenId);
  const header =
    `# Groundwork plan: ${oneLine(s.name)} (${s.id}): a strategy and ${cs.length} campaign${cs.length === 1 ? '' : 's'}.\n` +
    `# Plan-as-code: edit, then check with \`groundwork lint <file>\`.\n`;
  return header + [s, ...cs].map((doc) => `---\n${toYaml(doc)}`).join('');
}

/** Schema order and defaults; a document that (unexpectedly) fails its schema is exported as given. */
function normalise<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, doc: T): T {
  const parsed = schema.safeParse(doc);
  return parsed.success ? parsed.data : doc;
}

function byStartThenId(a: Campaign, b: Campaign): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
