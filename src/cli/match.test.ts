/** End-to-end: the real launcher (`node bin/groundwork.js match …`) against temporary files. */
import { describe, expect, it } from 'vitest';
import { cliFolder } from '../../test/cli.ts';

const { write, groundwork } = cliFolder('gw-match-');

const QUERIES = [
  'brand\tacme OR #acme',
  'coffee\t"flat white" OR (coffee -decaf)',
  'de\tlang:de has:media',
  '',
  'site\tsite:acme.com',
  'b10\tacme NEAR/2 launch',
].join('\n');

const POSTS = [
  { id: 'p1', text: 'Acme will launch a new coffee', lang: 'en' },
  { id: 'p2', text: 'nothing to see here' },
  { id: 3, text: 'Kaffee? Nein, ein FLAT WHITE', lang: 'de-AT', media: 1 },
  { id: 'p4', text: 'read this', links: ['https://blog.acme.com/post'], author: 'x', channel: null },
  { id: 'p5', text: 'decaf coffee #acme' },
]
  .map((p) => JSON.stringify(p))
  .join('\n');

describe('groundwork match', () => {
  it('prints one line per post that matched, in input order, query ids sorted as strings', async () => {
    const r = await groundwork(['match', '--queries', write('q.tsv', QUERIES), '--posts', write('posts.jsonl', `${POSTS}\n\n`)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { post: 'p1', queries: ['b10', 'brand', 'coffee'] },
      { post: 3, queries: ['coffee', 'de'] },
      { post: 'p4', queries: ['site'] },
      { post: 'p5', queries: ['brand'] },
    ]);
  });

  it('prints nothing when no post matches', async () => {
    const r = await groundwork(['match', '-q', write('one.tsv', 'x\tzebra'), '-p', write('few.jsonl', POSTS), '--format', 'jsonl']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 2 naming the query and the position of a syntax error', async () => {
    const bad = write('bad.tsv', 'ok\tcoffee\nq7\ttea "unclosed');
    const r = await groundwork(['match', '--queries', bad, '--posts', write('p.jsonl', POSTS)]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `groundwork match: ${bad}:2: query "q7": unclosed quote at 4 (position 4)\n` });
  });

  it('exits 2 with the line number of a malformed post, after the lines before it', async () => {
    const posts = write('broken.jsonl', `${JSON.stringify({ id: 'a', text: 'acme' })}\n{"id": "b", "text": \n`);
    const r = await groundwork(['match', '--queries', write('q2.tsv', QUERIES), '--posts', posts]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('{"post":"a","queries":["brand"]}\n');
    expect(r.stderr).toBe(`groundwork match: ${posts}:2: not valid JSON\n`);

    const wrong = write('wrong.jsonl', `${JSON.stringify({ id: 'a', text: 7 })}\n`);
    const r2 = await groundwork(['match', '--queries', write('q3.tsv', QUERIES), '--posts', wrong]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`^groundwork match: ${wrong}:1: text: .*string`));
  });

  it('exits 2 on a queries line without a tab, a repeated id or a missing file', async () => {
    const q = write('notab.tsv', 'coffee\n');
    expect(await groundwork(['match', '--queries', q, '--posts', write('p2.jsonl', POSTS)])).toEqual({
      code: 2,
      stdout: '',
      stderr: `groundwork match: ${q}:1: expected id<TAB>query\n`,
    });
    const twice = write('twice.tsv', 'a\tx\na\ty\n');
    expect((await groundwork(['match', '--queries', twice, '--posts', write('p3.jsonl', POSTS)])).stderr).toBe(
      `groundwork match: ${twice}:2: query id "a" appears twice\n`,
    );
    const missing = await groundwork(['match', '--queries', write('q4.tsv', QUERIES), '--posts', 'nope.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^groundwork match: cannot read nope\.jsonl: .*no such file/);
  });
});
