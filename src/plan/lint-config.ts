/**
 * Lint configuration: turn rules off or change their severity.
 *
 * ```yaml
 * rules:
 *   campaign-no-support: off
 *   channel-no-baseline: error
 * ```
 *
 * Pure: the CLI reads the file and passes its text to {@link parseLintConfigText}.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DomainError } from '../errors.ts';

export const RULE_SETTINGS = ['off', 'warning', 'error'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

/** `false` (YAML 1.1 habit: `off` unquoted) is read as "off". */
const ruleSettingSchema = z.preprocess(
  (v) => (v === false ? 'off' : v),
  z.enum(RULE_SETTINGS, { message: 'must be off, warning or error' }),
);

export const lintConfigSchema = z.strictObject({
  rules: z.record(z.string(), ruleSettingSchema).default({}),
});
export type LintConfig = z.input<typeof lintConfigSchema>;

/**
 * Parses lint configuration text (YAML or JSON). Throws DomainError `lint.config_invalid` with a clear
 * message on bad YAML or a bad shape; unknown rule ids are checked by `lintDocuments`.
 */
export function parseLintConfigText(text: string, source = 'lint config'): LintConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { schema: 'core', maxAliasCount: 100, logLevel: 'error', prettyErrors: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new DomainError('lint.config_invalid', `${source}: invalid YAML: ${msg}`);
  }
  if (raw === null || raw === undefined) return { rules: {} };
  const parsed = lintConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const where = i.path.length ? i.path.map(String).join('.') : '(top level)';
      const msg = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message;
      return `${where}: ${msg}`;
    });
    throw new DomainError('lint.config_invalid', `${source}: ${problems.join('; ')}`, { problems });
  }
  return parsed.data;
}
