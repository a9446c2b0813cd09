/**
 * Fuzzing the plan loader (issue 9): YAML text and JSON values of any shape go through the same
 * function the lint and import workers run (parse-worker.ts: load, then every rule), in-process.
 * Each call returns a well-formed result or throws the project's error for bad input (DomainError,
 * or AppError with a 4xx status), within the hang limit. The loader and the linter turn an
 * unexpected exception into a finding instead of throwing ("could not read plan: …", "Rule … failed
 * on this document: …"); such a finding is an exception too, so it fails the property.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AppError, DomainError } from '../../src/errors.ts';
import { loadPlanText } from '../../src/plan/load.ts';
import parse, { type ParseOutcome, type PlanBody } from '../../src/plan/parse-worker.ts';
import { findingSchema, lintResultSchema, planDocumentSchema, type Finding } from '../../src/plan/schema.ts';
import { anyJson, anyString } from './hostile.ts';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParameters, HANG_LIMIT_MS } from './settings.ts';
import { mutatedValue } from './mutate.ts';
import { jsonAsYaml, mutatedText, yamlText } from './yaml-arbitrary.ts';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const exampleFiles = readdirSync(examplesDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => readFileSync(path.join(examplesDir, f), 'utf8'));
const exampleDocuments: unknown[] = exampleFiles.flatMap((text) => parseAllDocuments(text).map((d) => d.toJS()));

/** Findings that are a caught exception, not a problem of the input. */
const INTERNAL_ERROR = /^(could not read plan: |Rule "[^"]+" failed on this document: )/;

function checkFindings(findings: readonly Finding[]): void {
  for (const f of findings) {
    expect(findingSchema.safeParse(f).success, JSON.stringify(f)).toBe(true);
    expect(f.message, 'an exception reported as a finding').not.toMatch(INTERNAL_ERROR);
  }
}

/**
 * Runs `call` under the hang limit: it returns, or throws the project's error for bad input — a
 * DomainError (the API answers 400) or an AppError with a 4xx status; anything else fails.
 */
function withinContract<T>(call: () => T): T | DomainError {
  const started = performance.now();
  let outcome: T | DomainError;
  try {
    outcome = call();
  } catch (e) {
    const badInput = e instanceof AppError ? e.status >= 400 && e.status <= 499 : e instanceof DomainError;
    if (!badInput) throw e;
    outcome = e as DomainError;
  }
  const ms = performance.now() - started;
  expect(ms, 'a call took longer than the hang limit').toBeLessThan(HANG_LIMIT_MS);
  return outcome;
}

function checkOutcome(outcome: ParseOutcome | DomainError): void {
  if (outcome instanceof DomainError) return;
  if ('tooComplex' in outcome) {
    expect(typeof outcome.tooComplex).toBe('string');
  } else if ('lint' in outcome) {
    expect(lintResultSchema.safeParse(outcome.lint).success).toBe(true);
    checkFindings(outcome.lint.findings);
  } else {
    checkFindings(outcome.findings);
    for (const d of outcome.documents) expect(planDocumentSchema.safeParse(d.doc).success).toBe(true);
  }
}

/** The worker's parse, once loading only (the import) and once with every rule (the public lint). */
function parseBoth(body: PlanBody): void {
  checkOutcome(withinContract(() => parse({ body, lint: false })));
  checkOutcome(withinContract(() => parse({ body, lint: true })));
}

describe('plan loader fuzz', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('reads any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.string({ unit: 'binary', maxLength: 500 })), (text) => {
        const loaded = withinContract(() => loadPlanText(text));
        if (!(loaded instanceof DomainError)) checkFindings(loaded.findings);
        parseBoth(text);
      }),
      fuzzParameters(300),
    );
  });

  it('reads generated YAML documents: anchors, aliases, tags, duplicate keys, odd scalars, deep nesting', () => {
    fc.assert(fc.property(yamlText, parseBoth), fuzzParameters(400));
  });

  it('reads any JSON value written as YAML', () => {
    fc.assert(fc.property(jsonAsYaml, parseBoth), fuzzParameters(150));
  });

  it('reads mutations of the example plans as text', () => {
    const example = fc.constantFrom(...exampleFiles.map((_, i) => i));
    fc.assert(
      fc.property(
        example.chain((i) => mutatedText(exampleFiles[i]!)),
        parseBoth,
      ),
      fuzzParameters(150),
    );
  });

  it('reads structural mutations of the example plans, as JSON values and as YAML', () => {
    const example = fc.constantFrom(...exampleDocuments.map((_, i) => i));
    const mutated = fc.array(
      example.chain((i) => mutatedValue(exampleDocuments[i])),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(mutated, (docs) => {
        parseBoth(docs);
        parseBoth({ documents: docs });
        parseBoth(docs.map((d) => JSON.stringify(d)).join('\n---\n'));
      }),
      fuzzParameters(300),
    );
  });

  it('reads any JSON body the lint and import routes accept', () => {
    const body = fc.oneof(
      fc.array(anyJson, { maxLength: 5 }),
      fc.record({ documents: fc.array(anyJson, { maxLength: 5 }) }),
      fc.dictionary(anyString, anyJson, { maxKeys: 6 }),
    );
    fc.assert(
      fc.property(body, (b) => parseBoth(b as PlanBody)),
      fuzzParameters(200),
    );
  });
});
