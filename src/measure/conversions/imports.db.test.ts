/**
 * CSV imports against a real Postgres: a dry run previews every row and imports nothing; an import
 * takes the good rows in one transaction (all or none) and reports the bad ones by line and column;
 * imported conversions dedupe by external id like the API; KPI values keep one value a day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeasureFixture, insertLink, measured, type MeasureFixture } from '../../../test/measure-app.ts';
import { expectError, expectStatus, type Headers } from '../../../test/posts-app.ts';
import { IMPORT_LIMITS } from './schema.ts';

let f: MeasureFixture;
beforeAll(async () => {
  f = await createMeasureFixture();
  await insertLink(f.t.db.pool, f.ws, 'summer1', { strategy: f.strategy, campaign: f.campaign, channel: 'instagram' });
});
afterAll(() => f.t.close());

const csvImport = (kind: 'conversions' | 'kpi-values', csv: string, query: string, headers: Headers = f.owner.headers, type = 'text/csv') =>
  f.t.app.inject({
    method: 'POST',
    url: `/api/v1/workspaces/${f.ws}/imports/${kind}?${query}`,
    headers: { ...headers, 'content-type': type },
    payload: csv,
  });

async function storedConversions(): Promise<string[]> {
  const { rows } = await f.t.db.pool.query<{ external_id: string }>(
    'SELECT external_id FROM conversions WHERE workspace_id = $1 ORDER BY external_id',
    [f.ws],
  );
  return rows.map((r) => r.external_id);
}

const CONVERSIONS = [
  'external_id,campaign,link,value,currency,occurred_at', //  1
  'imp-1,summer-launch,,42.50,EUR,2026-11-02T10:00:00Z', //   2 good
  'imp-2,,summer1,10,EUR,2026-11-03', //                      3 good, through the link
  'imp-3,nope,,5,EUR,2026-11-03', //                          4 unknown campaign
  'imp-4,summer-launch,,5,USD,2026-11-03', //                 5 wrong currency
  'imp-5,summer-launch,,abc,EUR,someday', //                  6 two bad fields
  'imp-1,summer-launch,,42.50,EUR,2026-11-02T11:00:00+01:00', // 7 the same as line 2: a duplicate
  'imp-2,summer-launch,,10,EUR,2026-11-03', //                8 same id as line 3, other content
].join('\n');

describe('POST /imports/conversions', () => {
  it('previews every row in a dry run and imports nothing', async () => {
    const before = await measured(f.t.db.pool, f.ws);
    const res = await csvImport('conversions', CONVERSIONS, 'dryRun=true');
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      dryRun: true,
      summary: { rows: 7, imported: 2, unchanged: 1, rejected: 4 },
      rows: [
        {
          line: 2,
          status: 'new',
          externalId: 'imp-1',
          campaign: 'summer-launch',
          link: null,
          value: 42.5,
          currency: 'EUR',
          occurredAt: '2026-11-02T10:00:00.000Z',
        },
        {
          line: 3,
          status: 'new',
          externalId: 'imp-2',
          campaign: null,
          link: 'summer1',
          value: 10,
          currency: 'EUR',
          occurredAt: '2026-11-03T00:00:00.000Z',
        },
        {
          line: 7,
          status: 'duplicate',
          externalId: 'imp-1',
          campaign: 'summer-launch',
          link: null,
          value: 42.5,
          currency: 'EUR',
          occurredAt: '2026-11-02T10:00:00.000Z',
        },
      ],
      errors: [
        { line: 4, column: 'campaign', message: 'no campaign "nope" in this workspace' },
        {
          line: 5,
          column: 'currency',
          message: 'Campaign "summer-launch" is budgeted in EUR: record its conversions in EUR, not USD.',
        },
        { line: 6, column: 'value', message: 'value "abc" is not a number' },
        {
          line: 6,
          column: 'occurred_at',
          message: 'occurred_at "someday" is not a date-time with a time zone (2027-03-01T10:15:00Z) or a date (2027-03-01)',
        },
        { line: 8, column: 'external_id', message: 'external id "imp-2" is on line 3 already, with different content' },
      ],
    });
    expect(await storedConversions()).toEqual([]);
    expect(await measured(f.t.db.pool, f.ws)).toEqual(before);
  });

  it('imports the good rows and reports the bad ones; importing again counts nothing twice', async () => {
    const res = await csvImport('conversions', CONVERSIONS, 'dryRun=false');
    expectStatus(res, 200);
    const body = res.json();
    expect(body.dryRun).toBe(false);
    expect(body.summary).toEqual({ rows: 7, imported: 2, unchanged: 1, rejected: 4 });
    expect(body.errors.map((e: { line: number }) => e.line)).toEqual([4, 5, 6, 6, 8]);
    expect(await storedConversions()).toEqual(['imp-1', 'imp-2']);
    const { rows } = await f.t.db.pool.query(
      'SELECT source, campaign_id, link_id IS NOT NULL AS via_link FROM conversions WHERE workspace_id = $1 ORDER BY external_id',
      [f.ws],
    );
    expect(rows).toEqual([
      { source: 'import', campaign_id: 'summer-launch', via_link: false },
      { source: 'import', campaign_id: 'summer-launch', via_link: true },
    ]);
    const counted = await measured(f.t.db.pool, f.ws);
    expect(counted.events).toEqual({ conversions: 2, revenue: 52.5 });
    expect(counted.rollups).toEqual(counted.events);

    const again = await csvImport('conversions', CONVERSIONS, '');
    expectStatus(again, 200);
    expect(again.json().summary).toEqual({ rows: 7, imported: 0, unchanged: 3, rejected: 4 });
    // The API sees the imported ones as recorded: a retry there is a duplicate too.
    const api = await f.t.inject('POST', `/api/v1/workspaces/${f.ws}/conversions`, f.token, {
      campaign: 'summer-launch',
      value: 42.5,
      currency: 'EUR',
      occurredAt: '2026-11-02T10:00:00Z',
      externalId: 'imp-1',
    });
    expectStatus(api, 200);
    expect(await measured(f.t.db.pool, f.ws)).toEqual(counted);

    const { rows: audit } = await f.t.db.pool.query(
      `SELECT after FROM audit_log WHERE workspace_id = $1 AND action = 'conversion.import'`,
      [f.ws],
    );
    expect(audit).toEqual([
      { after: { imported: 2, revenue: { EUR: 52.5 }, from: '2026-11-02T10:00:00.000Z', to: '2026-11-03T00:00:00.000Z' } },
    ]);
  });

  it('reports a row whose external id is recorded with other content', async () => {
    const res = await csvImport(
      'conversions',
      'external_id,campaign,value,currency,occurred_at\nimp-1,summer-launch,99,EUR,2026-11-02T10:00:00Z\n',
      '',
    );
    expectStatus(res, 200);
    expect(res.json().errors).toEqual([
      {
        line: 2,
        column: 'external_id',
        message:
          'external id "imp-1" is recorded already with different content (campaign summer-launch, 42.50 EUR, 2026-11-02T10:00:00.000Z): an external id names one conversion',
      },
    ]);
  });

  it('imports all of the good rows or none: a failure while writing leaves nothing behind', async () => {
    const before = { stored: await storedConversions(), counted: await measured(f.t.db.pool, f.ws) };
    // A database fault on the last write of the import (its audit entry), after the conversions and their events are in.
    await f.t.db.pool.query(`CREATE FUNCTION fail_import_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'conversion.import' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$`);
    await f.t.db.pool.query(
      'CREATE TRIGGER fail_import_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_import_audit()',
    );
    try {
      const csv =
        'external_id,campaign,value,currency,occurred_at\nfine-1,summer-launch,1,EUR,2026-11-05\nfine-2,summer-launch,2,EUR,2026-11-05\n';
      const res = await csvImport('conversions', csv, '');
      expect(res.statusCode).toBe(500);
    } finally {
      await f.t.db.pool.query('DROP TRIGGER fail_import_audit ON audit_log; DROP FUNCTION fail_import_audit()');
    }
    expect({ stored: await storedConversions(), counted: await measured(f.t.db.pool, f.ws) }).toEqual(before);
  });

  it('checks a long file row by row, in slices, with the lines of its bad rows', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) =>
      i === 599 || i === 1099 ? `long-${i},summer-launch,oops,EUR,2026-11-01` : `long-${i},summer-launch,${i},EUR,2026-11-01`,
    );
    const res = await csvImport(
      'conversions',
      `external_id,campaign,value,currency,occurred_at\r\n${rows.join('\r\n')}\r\n`,
      'dryRun=true',
    );
    expectStatus(res, 200);
    expect(res.json().summary).toEqual({ rows: 1200, imported: 1198, unchanged: 0, rejected: 2 });
    expect(res.json().errors.map((e: { line: number }) => e.line)).toEqual([601, 1101]);
    expect(res.json().rows.at(-1)).toMatchObject({ line: 1201, externalId: 'long-1199' });
  });

  it('refuses a file that is not the table, too large or too long, or not sent as text/csv', async () => {
    const wrongHeader = await csvImport('conversions', 'id;value\n1;2\n', 'dryRun=true');
    expectError(wrongHeader, 422, 'import.unreadable');
    expect(wrongHeader.json().error.details.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining('not semicolons') });
    expectError(await csvImport('conversions', '', 'dryRun=true'), 422, 'import.unreadable');
    expectError(await csvImport('conversions', 'a,b\n"unclosed\n', 'dryRun=true'), 422, 'import.unreadable');

    const big = `external_id,campaign,value,currency,occurred_at\n${'x'.repeat(IMPORT_LIMITS.bytes)}\n`;
    expectError(await csvImport('conversions', big, 'dryRun=true'), 413, 'import.too_large');
    const long = `external_id,campaign,value,currency,occurred_at\n${'a,b,1,EUR,2026-11-01\n'.repeat(IMPORT_LIMITS.rows + 1)}`;
    expectError(await csvImport('conversions', long, 'dryRun=true'), 413, 'import.too_many_rows');

    expectError(
      await csvImport('conversions', 'external_id', 'dryRun=true', f.owner.headers, 'text/plain'),
      415,
      'request.unsupported_media_type',
    );
    const json = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${f.ws}/imports/conversions`,
      headers: f.owner.headers,
      payload: { csv: 'external_id' },
    });
    expectError(json, 400, 'request.invalid');
    expectError(await csvImport('conversions', 'external_id\u0000', 'dryRun=true'), 400, 'request.invalid_text');
  });

  it('needs analytics.write, also for a dry run', async () => {
    const editor = await f.t.member(f.ws, f.owner.headers, 'editor');
    expectError(await csvImport('conversions', CONVERSIONS, 'dryRun=true', editor.headers), 403, 'auth.forbidden');
    const analyst = await f.t.member(f.ws, f.owner.headers, 'analyst');
    expectStatus(await csvImport('conversions', CONVERSIONS, 'dryRun=true', analyst.headers), 200);
  });
});

describe('POST /imports/kpi-values', () => {
  const KPI_CSV = [
    'kpi,date,value', //                       1
    'ig-followers,2026-10-31,950', //          2 new
    'ig-followers,2026-11-30,1010', //         3 new
    'wholesale-leads,2026-11-30,4', //         4 new
    'ig-folowers,2026-11-30,1', //             5 typo
    'ig-followers,2026-11-30,1020', //         6 a second value for the day
    'wholesale-leads,0000-01-01,3', //         7 no such year in Postgres
  ].join('\n');

  it('previews, then imports the good rows; a second file replaces, keeps or adds values, the old ones in the audit log', async () => {
    const preview = await csvImport('kpi-values', KPI_CSV, `strategy=${f.strategy}&dryRun=true`);
    expectStatus(preview, 200);
    expect(preview.json()).toEqual({
      dryRun: true,
      strategy: 'acme-2027',
      summary: { rows: 6, imported: 3, unchanged: 0, rejected: 3 },
      rows: [
        { line: 2, status: 'new', kpi: 'ig-followers', date: '2026-10-31', value: 950, previous: null },
        { line: 3, status: 'new', kpi: 'ig-followers', date: '2026-11-30', value: 1010, previous: null },
        { line: 4, status: 'new', kpi: 'wholesale-leads', date: '2026-11-30', value: 4, previous: null },
      ],
      errors: [
        { line: 5, column: 'kpi', message: 'unknown KPI "ig-folowers" (did you mean "ig-followers"?)' },
        { line: 6, column: 'date', message: 'KPI "ig-followers" has a value for 2026-11-30 on line 3 already' },
        { line: 7, column: 'date', message: 'date "0000-01-01" is not in the years 0001 to 9899' },
      ],
    });
    const values = async () =>
      (await f.t.db.pool.query('SELECT kpi_id, day, value, source FROM kpi_values WHERE workspace_id = $1 ORDER BY kpi_id, day', [f.ws]))
        .rows;
    expect(await values()).toEqual([]);

    expectStatus(await csvImport('kpi-values', KPI_CSV, `strategy=${f.strategy}`), 200);
    expect(await values()).toEqual([
      { kpi_id: 'ig-followers', day: '2026-10-31', value: 950, source: 'import' },
      { kpi_id: 'ig-followers', day: '2026-11-30', value: 1010, source: 'import' },
      { kpi_id: 'wholesale-leads', day: '2026-11-30', value: 4, source: 'import' },
    ]);

    const second = await csvImport(
      'kpi-values',
      'kpi,date,value\nig-followers,2026-10-31,950\nig-followers,2026-11-30,1015\nwholesale-leads,2026-12-01,5\n',
      `strategy=${f.strategy}`,
    );
    expectStatus(second, 200);
    expect(second.json().rows.map((r: { status: string; previous: number | null }) => [r.status, r.previous])).toEqual([
      ['unchanged', 950],
      ['replace', 1010],
      ['new', null],
    ]);
    expect(second.json().summary).toEqual({ rows: 3, imported: 2, unchanged: 1, rejected: 0 });
    expect((await values()).map((v) => v.value)).toEqual([950, 1015, 4, 5]);
    const { rows: audit } = await f.t.db.pool.query(
      `SELECT before, after FROM audit_log WHERE workspace_id = $1 AND action = 'kpi_values.import' ORDER BY id DESC LIMIT 1`,
      [f.ws],
    );
    expect(audit[0]).toEqual({
      before: [{ kpi: 'ig-followers', date: '2026-11-30', value: 1010 }],
      after: [
        { kpi: 'ig-followers', date: '2026-11-30', value: 1015 },
        { kpi: 'wholesale-leads', date: '2026-12-01', value: 5 },
      ],
    });
  });

  it('answers 404 for a strategy not in the workspace, 400 without one', async () => {
    expectError(await csvImport('kpi-values', 'kpi,date,value\n', 'strategy=nope'), 404, 'strategy.not_found');
    expectError(await csvImport('kpi-values', 'kpi,date,value\n', ''), 400, 'request.invalid');
  });
});
