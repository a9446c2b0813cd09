/**
 * The linter: runs every rule over a set of plan documents and returns findings with rule id,
 * severity, document id, file, JSON pointer and (for YAML input) line. Pure and synchronous.
 */
import { DomainError } from '../errors.ts';
import { lintConfigSchema, type LintConfig, type RuleSetting } from './lint-config.ts';
import { loadPlanText, makeFinding, SCHEMA_RULE, type LoadedDocument } from './load.ts';
import { allRules } from './rules/index.ts';
import type { LintContext, Rule, RuleIssue } from './rules/types.ts';
import { closest } from './rules/util.ts';
import type { Campaign, Finding, LintResult, PlanDocument, Severity, Strategy } from './schema.ts';

export type { LintConfig } from './lint-config.ts';
export { parseLintConfigText } from './lint-config.ts';

/** Reported by the linter itself (not a Rule): two strategies, or two campaigns, share an id. */
export const DUPLICATE_DOCUMENT_ID_RULE = 'duplicate-document-id';

export type LintInput = LoadedDocument | PlanDocument;

export interface LintOptions {
  /** Rules to run; default `allRules`. */
  rules?: readonly Rule[];
  /** Per-rule overrides: `off`, `warning` or `error`. Unknown rule ids throw `lint.unknown_rule`. */
  config?: LintConfig;
}

interface Entry {
  doc: PlanDocument;
  file: string | undefined;
  lineOf: ((pointer: string) => number | undefined) | undefined;
  ordinal: number;
}

interface Ranked {
  finding: Finding;
  ordinal: number;
}

const isLoaded = (d: LintInput): d is LoadedDocument =>
  typeof (d as LoadedDocument).lineOf === 'function' && typeof (d as LoadedDocument).doc === 'object';

/** Lints documents (loaded from text, or plain parsed documents, or a mix of both). */
export function lintDocuments(docs: readonly LintInput[], options: LintOptions = {}): LintResult {
  const rules = options.rules ?? allRules;
  const severities = resolveSeverities(rules, options.config);
  const entries: Entry[] = docs.map((d, ordinal) =>
    isLoaded(d) ? { doc: d.doc, file: d.file, lineOf: d.lineOf, ordinal } : { doc: d, file: undefined, lineOf: undefined, ordinal },
  );

  // — context, built once —
  const strategies = new Map<string, Strategy>();
  const campaignsByStrategy = new Map<string, Campaign[]>();
  const firstStrategy = new Map<string, Entry>();
  const firstCampaign = new Map<string, Entry>();
  const ranked: Ranked[] = [];
  const dupSeverity = severities.get(DUPLICATE_DOCUMENT_ID_RULE) ?? 'error';

  for (const e of entries) {
    const seen = e.doc.kind === 'strategy' ? firstStrategy : firstCampaign;
    const first = seen.get(e.doc.id);
    if (first === undefined) seen.set(e.doc.id, e);
    else if (dupSeverity !== 'off') {
      const where = first.file !== undefined ? ` (${first.file}${lineSuffix(first.lineOf?.('/id'))})` : '';
      ranked.push(
        toRanked(e, DUPLICATE_DOCUMENT_ID_RULE, dupSeverity, {
          path: '/id',
          message: `${e.doc.kind === 'strategy' ? 'Strategy' : 'Campaign'} id "${e.doc.id}" is already used by another ${e.doc.kind}${where}: document ids must be unique, or one silently replaces the other on import.`,
        }),
      );
    }
    if (e.doc.kind === 'strategy') {
      if (!strategies.has(e.doc.id)) strategies.set(e.doc.id, e.doc);
    } else if (e.doc.strategy !== undefined) {
      const list = campaignsByStrategy.get(e.doc.strategy);
      if (list) list.push(e.doc);
      else campaignsByStrategy.set(e.doc.strategy, [e.doc]);
    }
  }
  const ctx: LintContext = { strategies, campaignsByStrategy };

  // — rules —
  const strategyRules = rules.filter((r) => r.target === 'strategy' && severities.get(r.id) !== 'off');
  const campaignRules = rules.filter((r) => r.target === 'campaign' && severities.get(r.id) !== 'off');
  for (const e of entries) {
    const doc = e.doc;
    if (doc.kind === 'strategy') {
      for (const rule of strategyRules) {
        if (rule.target !== 'strategy') continue;
        const sev = severities.get(rule.id) as Severity;
        for (const issue of runRule(rule, () => rule.check(doc, ctx))) ranked.push(toRanked(e, rule.id, sev, issue));
      }
    } else {
      const strategy = doc.strategy === undefined ? undefined : strategies.get(doc.strategy);
      for (const rule of campaignRules) {
        if (rule.target !== 'campaign') continue;
        const sev = severities.get(rule.id) as Severity;
        for (const issue of runRule(rule, () => rule.check(doc, strategy, ctx))) ranked.push(toRanked(e, rule.id, sev, issue));
      }
    }
  }

  const findings = sortRanked(ranked);
  return { findings, summary: summarize(findings) };
}

/** Load + lint: schema findings of the text merged with rule findings of its valid documents. */
export function lintText(text: string, file?: string, options: LintOptions = {}): LintResult {
  const loaded = loadPlanText(text, file);
  const linted = lintDocuments(loaded.documents, options);
  return mergeLintResults([{ findings: loaded.findings, summary: summarize(loaded.findings) }, linted]);
}

/** Several results as one: findings concatenated (exact duplicates dropped), sorted, summary recomputed. */
export function mergeLintResults(results: readonly LintResult[]): LintResult {
  const seen = new Set<string>();
  const ranked: Ranked[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const key = JSON.stringify([f.rule, f.severity, f.message, f.file, f.path, f.document, f.line]);
      if (seen.has(key)) continue;
      seen.add(key);
      ranked.push({ finding: f, ordinal: 0 });
    }
  }
  const findings = sortRanked(ranked);
  return { findings, summary: summarize(findings) };
}

export function summarize(findings: readonly Finding[]): LintResult['summary'] {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Findings in report order: file, line (findings without a line last), document order, rule, path. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return sortRanked(findings.map((finding) => ({ finding, ordinal: 0 })));
}

/**
 * Checks a lint config against the rules (default `allRules`) without linting anything. Throws
 * DomainError `lint.config_invalid` or `lint.unknown_rule` with a clear message.
 */
export function validateLintConfig(config: LintConfig, rules: readonly Rule[] = allRules): void {
  resolveSeverities(rules, config);
}

/** True when a finding means the input could not be read (bad YAML, schema violation, missing file). */
export const isUnreadableFinding = (f: Finding): boolean => f.rule === SCHEMA_RULE && f.severity === 'error';

// ——— internals ———

function runRule(rule: Rule, check: () => RuleIssue[]): RuleIssue[] {
  try {
    const issues = check();
    return Array.isArray(issues) ? issues : [];
  } catch (e) {
    // A rule bug must not hide every other finding.
    return [{ path: '', message: `Rule "${rule.id}" failed on this document: ${e instanceof Error ? e.message : String(e)}` }];
  }
}

function toRanked(e: Entry, rule: string, severity: Severity, issue: RuleIssue): Ranked {
  const path = typeof issue.path === 'string' ? issue.path : '';
  const finding = makeFinding({
    rule,
    severity,
    message: String(issue.message),
    file: e.file,
    path,
    document: e.doc.id,
    line: e.lineOf?.(path),
  });
  return { finding, ordinal: e.ordinal };
}

function lineSuffix(line: number | undefined): string {
  return line === undefined ? '' : `:${line}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortRanked(ranked: Ranked[]): Finding[] {
  ranked.sort((x, y) => {
    const a = x.finding;
    const b = y.finding;
    return (
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      x.ordinal - y.ordinal ||
      cmp(a.rule, b.rule) ||
      cmp(a.path, b.path) ||
      cmp(a.message, b.message)
    );
  });
  return ranked.map((r) => r.finding);
}

/** Effective setting of every rule id; validates the config against the known rule ids. */
function resolveSeverities(rules: readonly Rule[], config: LintConfig | undefined): Map<string, RuleSetting> {
  const out = new Map<string, RuleSetting>();
  for (const r of rules) out.set(r.id, r.severity);
  out.set(DUPLICATE_DOCUMENT_ID_RULE, 'error');
  if (config === undefined) return out;

  const parsed = lintConfigSchema.safeParse(config);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new DomainError('lint.config_invalid', `Invalid lint config: ${msg}`);
  }
  const known = [...out.keys()];
  for (const [id, setting] of Object.entries(parsed.data.rules)) {
    if (!out.has(id)) {
      const hint = id === SCHEMA_RULE ? ' (schema findings mean the input cannot be read and cannot be turned off)' : suggest(id, known);
      throw new DomainError('lint.unknown_rule', `Unknown rule "${id}" in the lint config${hint}.`, { rule: id, known: known.sort() });
    }
    out.set(id, setting);
  }
  return out;
}

function suggest(id: string, known: readonly string[]): string {
  const best = closest(id, known);
  return best !== undefined ? `; did you mean "${best}"?` : '; see the rules table in the README';
}
