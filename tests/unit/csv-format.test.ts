// CSV exports: a text cell that a spreadsheet would run as a formula (OWASP "CSV injection") is
// written with a leading apostrophe; numbers, including negative ones, stay numbers.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../server/http/csv-format.ts';
import { disclosedTable } from '../../server/http/disclosed-table.ts';

describe('CSV export', () => {
  it('neutralizes text cells that start a formula, and leaves numbers and plain text alone', () => {
    const rows = [
      { period: '2020', organization: '=HYPERLINK("http://evil.example","click")', rate: -1.5, suppressed: false },
      { period: '2020', organization: '+1 Clinic', rate: 2, suppressed: false },
      { period: '2020', organization: '-Dash Care', rate: 3, suppressed: false },
      { period: '2020', organization: '@SUM(A1:A2)', rate: 4, suppressed: false },
      { period: '2020', organization: '\tTabbed', rate: 5, suppressed: false },
      { period: '2020', organization: 'General Hospital', rate: 6, suppressed: false },
    ];
    const csv = toCsv(disclosedTable(rows, { keys: ['period', 'organization'] }), { filename: 'x.csv' }).body.toString('utf8');
    expect(csv.split('\r\n')).toEqual([
      'period,organization,rate,suppressed',
      `2020,"'=HYPERLINK(""http://evil.example"",""click"")",-1.5,false`,
      "2020,'+1 Clinic,2,false",
      "2020,'-Dash Care,3,false",
      "2020,'@SUM(A1:A2),4,false",
      "2020,'\tTabbed,5,false",
      '2020,General Hospital,6,false',
      '',
    ]);
  });
});
