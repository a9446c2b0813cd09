import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvInSlices } from './csv.ts';

/** About 60 KB: the slices of parseCsvInSlices (32 KB) cut through rows and through a quoted field spanning lines. */
const LONG = [
  'a,b,c',
  ...Array.from({ length: 1500 }, (_, i) => (i === 700 ? `"multi\nline ${i}",2,3` : `row-${i},"quoted, ${i}",${i}`)),
  '',
  '   ',
  'last,1,2',
].join('\r\n');

describe('parseCsvInSlices', () => {
  it('reads the same records, with the same lines, as parseCsv', async () => {
    for (const text of [LONG, 'a,b\n1,2', '\uFEFFa,b\r\n\r\n"x\ny",2\n', '']) {
      expect(await parseCsvInSlices(text, 10_000)).toEqual(parseCsv(text));
    }
    const parsed = parseCsv(LONG);
    expect(parsed.ok && parsed.records.length).toBe(1502);
    expect(parsed.ok && parsed.records.at(-1)).toEqual({ fields: ['last', '1', '2'], line: 1505 });
  });

  it('reports broken CSV like parseCsv', async () => {
    const broken = `${LONG}\n"unclosed,1,2\n`;
    const sliced = await parseCsvInSlices(broken, 10_000);
    expect(sliced).toEqual(parseCsv(broken));
    expect(sliced.ok).toBe(false);
  });

  it('stops at once beyond the most records it may read', async () => {
    expect(await parseCsvInSlices(LONG, 1000)).toEqual({ ok: true, tooMany: true });
    expect(await parseCsvInSlices(LONG, 1502)).toMatchObject({ ok: true, records: expect.any(Array) });
  });

  it('gives the event loop turns while it reads', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    await parseCsvInSlices(LONG.repeat(4), 100_000);
    clearInterval(timer);
    expect(turns).toBeGreaterThan(3);
  });
});

describe('parseCsv', () => {
  it('counts the line each record starts on, whatever the line endings, blank lines and quoted line breaks', () => {
    const lines = (text: string) => {
      const parsed = parseCsv(text);
      return parsed.ok ? parsed.records.map((r) => [r.fields[0], r.line]) : parsed.problems;
    };
    expect(lines('a\nb\n   \nlast')).toEqual([
      ['a', 1],
      ['b', 2],
      ['last', 4],
    ]);
    expect(lines('a\r\n"x\r\ny"\r\nlast\r\n')).toEqual([
      ['a', 1],
      ['x\r\ny', 2],
      ['last', 4],
    ]);
    expect(lines('\n\nh\n\n x \n\ny')).toEqual([
      ['h', 3],
      ['x', 5],
      ['y', 7],
    ]);
    expect(lines('\uFEFFé,ü\nb,"c\nd"\n\ne')).toEqual([
      ['é', 1],
      ['b', 2],
      ['e', 5],
    ]);
    expect(lines('a\rb\r\rc\r\nd\ne')).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 4],
      ['d', 5],
      ['e', 6],
    ]);
    expect(lines('a\n"\nx",1\nb')).toEqual([
      ['a', 1],
      ['\nx', 2],
      ['b', 4],
    ]);
  });
});
