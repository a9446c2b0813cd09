import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandPaths, isPlanFile } from './plan-files.ts';

const root = mkdtempSync(path.join(tmpdir(), 'gw-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const touch = (rel: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), '');
};

describe('expandPaths', () => {
  for (const f of ['b.yaml', 'a.yml', 'sub/c.json', 'sub/deeper/d.YAML', 'notes.txt', '.hidden/e.yaml', 'node_modules/f.yaml', 'plain'])
    touch(f);
  symlinkSync(root, path.join(root, 'sub', 'loop'));

  it('finds *.yaml, *.yml and *.json recursively, sorted, skipping hidden dirs, node_modules and loops', async () => {
    const { files, missing } = await expandPaths([root]);
    expect(missing).toEqual([]);
    expect(files.map((f) => path.relative(root, f))).toEqual(['a.yml', 'b.yaml', 'sub/c.json', 'sub/deeper/d.YAML']);
  });

  it('takes named files whatever their extension, once, and reports missing paths', async () => {
    const plain = path.join(root, 'plain');
    const { files, missing } = await expandPaths([plain, path.join(root, 'b.yaml'), root, path.join(root, 'nope.yaml')]);
    expect(files).toContain(plain);
    expect(files.filter((f) => f.endsWith('b.yaml'))).toHaveLength(1);
    expect(missing).toEqual([{ path: path.join(root, 'nope.yaml'), reason: 'no such file or directory' }]);
  });

  it('knows plan file names', () => {
    expect(['x.yaml', 'x.YML', 'x.json'].map(isPlanFile)).toEqual([true, true, true]);
    expect(['x.txt', 'yaml', 'x.yaml.bak'].map(isPlanFile)).toEqual([false, false, false]);
  });
});

describe('.groundworkignore', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-ignore-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of ['keep.yaml', 'skip.yaml', 'bad/x.yaml']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), '');
  }
  writeFileSync(path.join(dir, '.groundworkignore'), '# comment\nskip.yaml\nbad/\n');

  it('skips the listed entries during a walk', async () => {
    expect((await expandPaths([dir])).files).toEqual([path.join(dir, 'keep.yaml')]);
  });

  it('never ignores a path named on the command line', async () => {
    expect((await expandPaths([path.join(dir, 'bad')])).files).toEqual([path.join(dir, 'bad', 'x.yaml')]);
  });
});
