import { describe, expect, it } from 'vitest';
import { readConversionRows } from './conversions-csv.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('readConversionRows', () => {
  it('reads rows by campaign or by link, in any column order and case, with dates or date-times', () => {
    const text = [
      'Occurred_At,external_id,VALUE,currency,campaign,link',
      '2026-11-20T10:15:00+01:00,order-1,42.50,EUR,spring,',
      '2026-11-21,order-2,0,eur,,abc123',
    ].join('\r\n');
    expect(readConversionRows(text, NOW)).toEqual({
      ok: true,
      problems: [],
      rows: [
        {
          line: 2,
          externalId: 'order-1',
          campaign: 'spring',
          link: null,
          value: 42.5,
          currency: 'EUR',
          occurredAt: new Date('2026-11-20T09:15:00Z'),
        },
        {
          line: 3,
          externalId: 'order-2',
          campaign: null,
          link: 'abc123',
          value: 0,
          currency: 'EUR',
          occurredAt: new Date('2026-11-21T00:00:00Z'),
        },
      ],
    });
  });

  it('reports each bad field with its line and column, and keeps the good rows', () => {
    const text = [
      'external_id,campaign,link,value,currency,occurred_at', // 1
      'ok-1,spring,,10,EUR,2026-11-01', //                       2 fine
      ',spring,,10,EUR,2026-11-01', //                           3 no id
      'b-2,,,10,EUR,2026-11-01', //                              4 neither campaign nor link
      'b-3,spring,abc123,10,EUR,2026-11-01', //                  5 both
      'b-4,spring,,-1,EUR,2026-11-01', //                        6 negative
      'b-5,spring,,1.005,EUR,2026-11-01', //                     7 three decimals
      'b-6,spring,,"1,5",EUR,2026-11-01', //                     8 comma
      'b-7,spring,,10,EURO,2026-11-01', //                       9 currency
      'b-8,spring,,10,EUR,2026-11-01T10:00:00', //              10 no zone
      'b-9,spring,,10,EUR,2026-12-03', //                       11 future
      'b-10,spring,,10,EUR,1999-12-31', //                      12 too early
      'b-11,spring,,10,EUR', //                                 13 five fields
      'ok-2,spring,,10.1,USD,2026-12-02T11:00:00Z', //          14 fine (within a day)
    ].join('\n');
    const r = readConversionRows(text, NOW);
    expect(r.ok && r.rows.map((row) => row.line)).toEqual([2, 14]);
    expect(r.problems).toEqual([
      { line: 3, column: 'external_id', message: 'no external_id: every conversion needs the id it has in your shop or CRM' },
      { line: 4, column: 'campaign', message: 'needs a campaign id or a link code' },
      { line: 5, column: 'link', message: 'give a campaign or a link, not both' },
      { line: 6, column: 'value', message: 'value "-1" must be 0 or more' },
      { line: 7, column: 'value', message: 'value "1.005" must have at most two decimals' },
      { line: 8, column: 'value', message: 'value "1,5" is not a number' },
      { line: 9, column: 'currency', message: 'currency "EURO" is not an ISO 4217 code such as EUR or USD' },
      {
        line: 10,
        column: 'occurred_at',
        message: 'occurred_at "2026-11-01T10:00:00" is not a date-time with a time zone (2027-03-01T10:15:00Z) or a date (2027-03-01)',
      },
      { line: 11, column: 'occurred_at', message: 'occurred_at "2026-12-03" is more than a day in the future' },
      { line: 12, column: 'occurred_at', message: 'occurred_at "1999-12-31" is before the year 2000' },
      { line: 13, message: 'expected 6 fields (external_id,campaign,link,value,currency,occurred_at), found 5' },
    ]);
  });

  it('refuses a file whose header has neither campaign nor link, an unknown column, or nothing at all', () => {
    expect(readConversionRows('\nexternal_id,value,currency,occurred_at\nx,1,EUR,2026-11-01\n', NOW)).toEqual({
      ok: false,
      problems: [
        {
          line: 2,
          message:
            'the header must name the columns external_id,campaign,value,currency,occurred_at (link instead of campaign, or both): it has neither campaign nor link',
        },
      ],
    });
    const unknown = readConversionRows('external_id,campaign,value,currency,occurred_at,channel\n', NOW);
    expect(!unknown.ok && unknown.problems[0]!.message).toMatch(
      /^the header must name the columns .* not external_id,campaign,value,currency,occurred_at,channel$/,
    );
    expect(readConversionRows('', NOW).ok).toBe(false);
  });
});
