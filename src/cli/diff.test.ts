/** End-to-end: the real launcher (`node bin/groundwork.js diff …`) against temporary files. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPlanYaml } from '../plan/export/yaml.ts';
import { cleanCampaign, cleanStrategy } from '../../test/plan-fixtures.ts';

const BIN = fileURLToPath(new URL('../../bin/groundwork.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'gw-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function groundwork(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const before = write('before.yaml', exportPlanYaml(cleanStrategy(), [cleanCampaign()]));
const revised = cleanStrategy();
revised.objectives[0]!.kpis[0]!.target = 3000;
revised.channels.splice(1, 1);
revised.objectives.push({ id: 'o-pr', area: 'pr', statement: 'Be quoted in the trade press', strategies: [], kpis: [] });
const after = write('after.yaml', exportPlanYaml(revised, [cleanCampaign({ end: '2027-09-15' })]));

describe('groundwork diff', () => {
  it('exits 0 and says so when the plans are the same', async () => {
    const copy = write('copy.yaml', exportPlanYaml(cleanStrategy(), [cleanCampaign()]));
    expect(await groundwork(['diff', before, copy])).toEqual({ code: 0, stdout: 'no differences\n', stderr: '' });
  });

  it('prints one line per change and exits 1', async () => {
    const r = await groundwork(['diff', before, after]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '- channel linkedin',
        '~ kpi ig-followers.target: 2500 → 3000',
        '+ objective o-pr',
        '~ campaign summer-launch.end: "2027-08-31" → "2027-09-15"',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --format json', async () => {
    const r = await groundwork(['diff', before, after, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.from).toBe(before);
    expect(out.to).toBe(after);
    expect(out.changes[1]).toEqual({ op: 'changed', entity: 'kpi', id: 'ig-followers', field: 'target', old: 2500, new: 3000 });
    expect(out.changes.map((c: { op: string }) => c.op)).toEqual(['removed', 'changed', 'added', 'changed']);
  });

  it('exits 2 on a file that cannot be read or has schema problems, with the line', async () => {
    expect(await groundwork(['diff', before, 'nope.yaml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'groundwork diff: cannot read nope.yaml: no such file or directory\n',
    });
    const broken = write(
      'broken.yaml',
      'kind: strategy\nid: s\nname: S\norganisation: O\nperiod: { start: 2027-01-01, end: 2027-13-01 }\n',
    );
    const r = await groundwork(['diff', broken, before]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `groundwork diff: ${broken}:5: /period/end: must be a date written YYYY-MM-DD\n` });
  });

  it('exits 2 on a usage error', async () => {
    const r = await groundwork(['diff', before]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'b'");
    expect((await groundwork(['diff', before, after, '--format', 'xml'])).code).toBe(2);
  });
});
