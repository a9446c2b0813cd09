/**
 * Lint benchmark: `npm run bench:lint`.
 *
 * A strategy with 1,000 objectives (2 strategies × 2 tactics and 3 KPIs each), 10 channels,
 * personas, people, and 200 campaigns (3 phases × 2 tasks each). Times, in one process:
 *  - lintDocuments over the parsed documents (the target: median < 200 ms);
 *  - the baseline: planDocumentSchema.parse of the same documents;
 *  - lintDocuments over the same plan loaded from YAML (findings get lines), clean and flawed;
 *  - loadPlanText of the plan's YAML export (the target: median ≤ 300 ms, with lines for findings), and its
 *    ratio to the lint of the loaded documents that follows it;
 *  - the API's path: the same YAML loaded in the parse pool's worker thread, against its 5 s budget.
 * Exit code 1 when a target is missed.
 */
import { exportPlanYaml } from '../src/plan/export/yaml.ts';
import { lintDocuments } from '../src/plan/lint.ts';
import { loadPlanText } from '../src/plan/load.ts';
import { planDocumentSchema } from '../src/plan/schema.ts';
import { createParsePool, PARSE_TIME_LIMIT_MS } from '../src/plan-store/parse-pool.ts';
import { generatePlan } from './generate-plan.ts';

const TARGET_MS = 200;
const LOAD_TARGET_MS = 300;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(fn: () => unknown, runs = RUNS, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (n: number) => `${n.toFixed(1).padStart(8)} ms`;

const plan = generatePlan({ objectives: 1000, campaigns: 200, channels: 10, personas: 6, people: 8 });
const docs = [plan.strategy, ...plan.campaigns];
const kpis = plan.strategy.objectives.reduce((n, o) => n + o.kpis.length, 0);
console.log(
  `plan: 1 strategy (${plan.strategy.objectives.length} objectives, ${kpis} KPIs, ${plan.strategy.channels.length} channels, ` +
    `${plan.strategy.audience.personas.length} personas) + ${plan.campaigns.length} campaigns; median of ${RUNS} runs after warm-up\n`,
);

const findings = lintDocuments(docs).findings.length;
const lintMs = median(() => lintDocuments(docs));
const parseMs = median(() => plan.inputs.map((d) => planDocumentSchema.parse(d)));

const yaml = exportPlanYaml(plan.strategy, plan.campaigns);
const loadMs = median(() => loadPlanText(yaml, 'bench.yaml'));
const loaded = loadPlanText(yaml, 'bench.yaml').documents;
const lintLoadedMs = median(() => lintDocuments(loaded));

// Flawed: every KPI without a baseline, every campaign without support → thousands of findings with lines.
const flawedYaml = yaml.replace(/^ {8}baseline: .*\n/gm, '').replace(/^support:\n(?: {2}- .*\n)+/gm, 'support: []\n');
const flawed = loadPlanText(flawedYaml, 'flawed.yaml').documents;
const flawedFindings = lintDocuments(flawed).findings.length;
const lintFlawedMs = median(() => lintDocuments(flawed));

const ratio = lintMs / parseMs;
console.log(`lintDocuments (parsed documents)     ${ms(lintMs)}   ${findings} findings`);
console.log(`baseline: planDocumentSchema.parse   ${ms(parseMs)}   lint/parse ratio ${ratio.toFixed(2)}×`);
console.log(`lintDocuments (loaded, with lines)   ${ms(lintLoadedMs)}`);
console.log(`lintDocuments (loaded, flawed)       ${ms(lintFlawedMs)}   ${flawedFindings} findings`);
console.log(
  `loadPlanText (${(yaml.length / 1e6).toFixed(2)} MB YAML)        ${ms(loadMs)}   ${loaded.length} documents; ` +
    `${(loadMs / LOAD_TARGET_MS).toFixed(2)}× the ${LOAD_TARGET_MS} ms target, ${(loadMs / lintLoadedMs).toFixed(1)}× the lint after it`,
);

// The pool's first load includes starting its worker thread, as a request after a quiet spell would.
const pool = createParsePool({ timeLimitMs: 10 * PARSE_TIME_LIMIT_MS });
const poolTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  await pool.load(yaml);
  poolTimes.push(performance.now() - t0);
}
await pool.close();
const poolWorst = Math.max(...poolTimes);
console.log(
  `parse pool load (worker thread)      ${ms(poolWorst)}   worst of 5, ${(poolWorst / PARSE_TIME_LIMIT_MS).toFixed(2)}× the ${PARSE_TIME_LIMIT_MS / 1000} s budget`,
);

const pass = lintMs < TARGET_MS && lintFlawedMs < TARGET_MS && loadMs <= LOAD_TARGET_MS && poolWorst < PARSE_TIME_LIMIT_MS;
console.log(
  `\n${pass ? 'PASS' : 'FAIL'}: lint ${lintMs.toFixed(1)} ms (flawed ${lintFlawedMs.toFixed(1)} ms), target < ${TARGET_MS} ms; ` +
    `load ${loadMs.toFixed(0)} ms, target ≤ ${LOAD_TARGET_MS} ms; ` +
    `the large plan in the parse pool ${poolWorst.toFixed(0)} ms, budget ${PARSE_TIME_LIMIT_MS} ms`,
);
if (!pass) process.exitCode = 1;
