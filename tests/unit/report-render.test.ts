// Report rendering without a browser: a golden SVG of the e-mail chart for one fixed small input
// (the shipped font, fixed rows), the PNG drawn from it, the alt text and values table stated from
// the same rows, the e-mail HTML, report validation naming the field, and schedules across
// daylight-saving changes.
// Regenerate on purpose: UPDATE_GOLDEN=1 node_modules/.bin/vitest run tests/unit/report-render.test.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MeasureRow } from '../../core/api/api-types.ts';
import { isDomainError } from '../../core/errors.ts';
import { parseReportDefinition } from '../../core/reports/report-definition.ts';
import { reportEmail } from '../../core/reports/report-email.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import { nextRunAfter } from '../../core/reports/report-schedule.ts';
import { checkViewYears, liveViewLink, measureApiParameters, readViewText, storedView } from '../../core/reports/report-view.ts';
import { altText, valuesTable } from '../../core/reports/view-summary.ts';
import { PNG_SCALE, renderSvg, svgToPng } from '../../server/reports/render-chart.ts';
import { CHART_HEIGHT, CHART_WIDTH, emailChartSpec } from '../../server/reports/render-view.ts';

const GOLDEN = 'tests/golden/reports/trend-by-sex.svg';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const row = (period: string, sex: string, rate: number | null, ciLow: number | null, ciHigh: number | null, numerator: number | null, denominator: number | null): MeasureRow =>
  rate === null
    ? { period, sex, numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, unreliable: null, suppressed: true, suppressionReason: 'small-cell' }
    : { period, sex, numerator, denominator, rate, ciLow, ciHigh, unreliable: false, suppressed: false };

/** Three years by sex, the last year's men suppressed. */
const ROWS: MeasureRow[] = [
  row('2022', 'F', 9.5, 8.2, 10.9, 190, 2000),
  row('2022', 'M', 8.1, 6.9, 9.4, 162, 2000),
  row('2023', 'F', 9.8, 8.5, 11.2, 196, 2000),
  row('2023', 'M', 8.4, 7.2, 9.7, 168, 2000),
  row('2024', 'F', 10.2, 8.9, 11.6, 204, 2000),
  row('2024', 'M', null, null, null, null, null),
];
const SUMMARY = { title: 'Diabetes prevalence', rows: ROWS, period: 'year', by: ['sex'], unit: 'percent', unitLabel: '%' } as const;

describe('report rendering', () => {
  it('draws the dashboard trend spec to the golden SVG, and the SVG to a PNG at twice its size', async () => {
    const svg = await renderSvg(emailChartSpec(SUMMARY));
    if (UPDATE) {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, svg);
    }
    if (!existsSync(GOLDEN)) throw new Error(`no golden SVG at ${GOLDEN}; write it on purpose with UPDATE_GOLDEN=1`);
    expect(svg, `${GOLDEN} differs (the chart changed; if on purpose, UPDATE_GOLDEN=1)`).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(svg).toContain(`width="${CHART_WIDTH}" height="${CHART_HEIGHT}"`);
    expect(svg).toContain('Diabetes prevalence');
    expect(svg).toContain('1 cell suppressed (fewer than 11 people)');

    const { png, width, height } = svgToPng(svg); // its speed is the bench's (section 9), never a timed unit test
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH * PNG_SCALE, CHART_HEIGHT * PNG_SCALE]);
    expect([width, height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
  });

  it('states the latest period per stratum in the alt text, "suppressed" where it is', () => {
    expect(altText(SUMMARY)).toBe(
      'Diabetes prevalence, by year and sex, 2022 to 2024. Latest period 2024: Female 10.2% (95% CI 8.9–11.6); Male suppressed. 1 cell suppressed (fewer than 11 people).',
    );
    expect(altText({ ...SUMMARY, rows: [] })).toBe(`Diabetes prevalence, by year and sex. ${reportMessages.noRows()}`);
  });

  it('tables the values newest first, a suppressed cell with no number', () => {
    const table = valuesTable(SUMMARY);
    expect(table.headers).toEqual(['Period', 'Sex', 'Estimate', '95% CI', 'Numerator', 'Denominator']);
    expect(table.rows.slice(0, 3)).toEqual([
      ['2024', 'Female', '10.2%', '8.9–11.6', '204', '2,000'],
      ['2024', 'Male', 'suppressed', '', '', ''],
      ['2023', 'Female', '9.8%', '8.5–11.2', '196', '2,000'],
    ]);
    expect(table.note).toBeNull();
  });

  it('writes an e-mail whose image, alt text, table and link are escaped HTML', () => {
    const { subject, html, text } = reportEmail({
      reportName: 'Board <pack> & co',
      dataAsOf: '2025-06-01 12:00 UTC',
      perturbed: true,
      views: [{
        title: 'Diabetes prevalence', definition: 'People with diabetes.', source: 'CCW.', altText: altText(SUMMARY), imageCid: 'view-1@popsight',
        width: 640, height: 320, table: valuesTable(SUMMARY), link: 'http://dash.example/?measure=diabetes-prevalence&by=sex', csvFilename: 'd.csv',
      }],
    });
    expect(subject).toBe('Board <pack> & co (data as of 2025-06-01 12:00 UTC)');
    expect(html).toContain('<h1 style="font-size:20px">Board &lt;pack&gt; &amp; co</h1>');
    expect(html).toContain('<img src="cid:view-1@popsight" width="640" height="320" alt="Diabetes prevalence, by year and sex, 2022 to 2024.');
    expect(html).toContain('href="http://dash.example/?measure=diabetes-prevalence&amp;by=sex"');
    expect(html).toContain('Data as of 2025-06-01 12:00 UTC');
    expect(html).toContain('Source: CCW.</span>');
    expect(text).toContain('Male suppressed');
  });
});

describe('report definitions', () => {
  const valid = { name: 'Monday', owner: 'ann', recipients: ['Ann@Example.org', 'ann@example.org'], views: [{ measure: 'diabetes-prevalence' }] };

  it('fills in the defaults and keeps each recipient once', () => {
    expect(parseReportDefinition(valid)).toEqual({
      name: 'Monday', owner: 'ann', recipients: ['ann@example.org'],
      views: [{ measure: 'diabetes-prevalence', by: [], period: 'year', from: null, to: null, filters: {}, adjust: null, cohort: null }],
      schedule: { cron: '0 7 * * 1', timeZone: 'UTC', afterLoad: false },
      pdf: false,
    });
  });

  it.each([
    [{ recipients: ['ann@example.org', 'bob'] }, 'recipients[1]', reportMessages.notEmail('bob')],
    [{ pdf: 'yes' }, 'pdf', reportMessages.notBoolean()],
    [{ views: [{ measure: 'no-such' }] }, 'views[0].measure', reportMessages.unknownMeasure('no-such')],
    [{ views: [{ measure: 'diabetes-prevalence', by: 'sex', filters: { sex: 'F' } }] }, 'views[0].filters.sex', reportMessages.stratifierAndFilter('sex')],
    [{ views: [{ measure: 'diabetes-prevalence', by: ['county', 'sex'], filters: { sex: 'F' } }] }, 'views[0].filters.sex', reportMessages.stratifierAndFilter('sex')],
    [{ views: [{ measure: 'diabetes-prevalence', by: 'county,sex,race' }] }, 'views[0].by', reportMessages.tooManyStratifiers(2)],
    [{ views: [{ measure: 'diabetes-prevalence', by: ['sex', 'sex'] }] }, 'views[0].by', reportMessages.repeatedStratifier()],
    [{ views: [{ measure: 'diabetes-prevalence', by: ['sex', 'shoe-size'] }] }, 'views[0].by[1]', 'must be one of: '],
    [{ views: [{ measure: 'diabetes-prevalence', from: '19' }] }, 'views[0].from', reportMessages.notYear()],
    [{ views: [{ measure: 'diabetes-prevalence', to: 2019.5 }] }, 'views[0].to', reportMessages.notYear()],
    [{ views: [{ measure: 'diabetes-prevalence', from: 2023, to: 2020 }] }, 'views[0].from', reportMessages.windowReversed(2023, 2020)],
    [{ views: [{ measure: 'diabetes-prevalence', cohort: '  ' }] }, 'views[0].cohort', reportMessages.emptyCohort()],
    [{ views: [{ measure: 'diabetes-prevalence', colour: 'red' }] }, 'views[0]', "unknown field 'colour'"],
    [{ schedule: { cron: '0 7 * *', timeZone: 'UTC' } }, 'schedule.cron', "'0 7 * *' is not a cron expression"],
    [{ schedule: { cron: '0 7 * * 1', timeZone: 'Mars/Base' } }, 'schedule.timeZone', reportMessages.badTimeZone('Mars/Base')],
    [{ views: [] }, 'views', 'Report views:'],
  ])('refuses %j, naming %s', (change, field, message) => {
    let error: unknown;
    try {
      parseReportDefinition({ ...valid, ...change });
    } catch (e) {
      error = e;
    }
    expect(isDomainError(error) && error.code).toBe('invalid_definition');
    expect((error as Error).message).toContain(`Report ${field}:`);
    expect((error as Error).message).toContain(message);
  });

  it('reads a view from JSON or from the dashboard URL, and links back to the same URL state', () => {
    const fromUrl = readViewText('http://127.0.0.1:3000/?measure=diabetes-prevalence&by=sex&period=quarter&race=white&tiles=all');
    expect(fromUrl).toEqual({ measure: 'diabetes-prevalence', by: 'sex', period: 'quarter', filters: { race: 'white' } });
    expect(readViewText('{"measure":"diabetes-prevalence"}')).toEqual({ measure: 'diabetes-prevalence' });
    const [view] = parseReportDefinition({ ...valid, views: [fromUrl] }).views;
    expect(liveViewLink('https://popsight.example/', view!)).toBe('https://popsight.example/explore?measure=diabetes-prevalence&by=sex&period=quarter&race=white');
  });

  it('keeps two stratifiers, a year window and a cohort from the dashboard URL, and gives them back in the link and the API parameters', () => {
    const text = 'http://127.0.0.1:3000/explore?measure=hba1c-control&by=county,race&period=year&from=2019&to=2022&adjust=age&cohort=c-42&sex=F';
    const [view] = parseReportDefinition({ ...valid, views: [readViewText(text)] }).views;
    expect(view).toEqual({ measure: 'hba1c-control', by: ['county', 'race'], period: 'year', from: 2019, to: 2022, filters: { sex: 'F' }, adjust: 'age', cohort: 'c-42' });
    expect(liveViewLink('https://popsight.example/', view!)).toBe('https://popsight.example/explore?measure=hba1c-control&by=county,race&period=year&from=2019&to=2022&adjust=age&cohort=c-42&sex=F');
    expect(measureApiParameters(view!)).toEqual({ period: 'year', by: 'county,race', from: '2019', to: '2022', adjust: 'age', cohort: 'c-42', sex: 'F' });
  });

  it('reads a view stored before it had a list of stratifiers, a window and a cohort', () => {
    expect(storedView({ measure: 'diabetes-prevalence', by: 'sex', period: 'year', filters: {}, adjust: null } as never)).toEqual({
      measure: 'diabetes-prevalence', by: ['sex'], period: 'year', from: null, to: null, filters: {}, adjust: null, cohort: null,
    });
    expect(storedView({ measure: 'diabetes-prevalence', by: null } as never).by).toEqual([]);
  });

  it('refuses a window outside the years the data covers, naming the bound', () => {
    expect(() => checkViewYears([{ from: null, to: null }, { from: 2016, to: 2024 }], { from: 2018, to: 2025 })).toThrow(`Report views[1].from: ${reportMessages.yearOutsideData(2016, 2018, 2025)}`);
    expect(() => checkViewYears([{ from: 2018, to: 2026 }], { from: 2018, to: 2025 })).toThrow('Report views[0].to:');
    expect(() => checkViewYears([{ from: 2018, to: 2025 }], { from: 2018, to: 2025 })).not.toThrow();
  });
});

describe('report schedules', () => {
  it('keeps 07:00 local on Mondays in Europe/Paris across the spring and autumn changes', () => {
    const schedule = { cron: '0 7 * * 1', timeZone: 'Europe/Paris' };
    // The clock is passed in: the last Monday of winter time, then the first of summer time (30 March 2025).
    expect(nextRunAfter(schedule, new Date('2025-03-23T12:00:00Z'))?.toISOString()).toBe('2025-03-24T06:00:00.000Z');
    expect(nextRunAfter(schedule, new Date('2025-03-24T06:00:00Z'))?.toISOString()).toBe('2025-03-31T05:00:00.000Z');
    // Back to winter time on 26 October 2025.
    expect(nextRunAfter(schedule, new Date('2025-10-21T00:00:00Z'))?.toISOString()).toBe('2025-10-27T06:00:00.000Z');
  });

  it('runs a daily report once on the day the clocks go back in New York, and on the day they go forward', () => {
    const schedule = { cron: '30 1 * * *', timeZone: 'America/New_York' };
    // 2 November 2025: 01:30 happens twice (EDT, then EST); the report runs once.
    const first = nextRunAfter(schedule, new Date('2025-11-01T12:00:00Z'))!;
    const second = nextRunAfter(schedule, first)!;
    const third = nextRunAfter(schedule, second)!;
    expect([first, second, third].map((d) => d.toISOString())).toEqual(['2025-11-02T05:30:00.000Z', '2025-11-03T06:30:00.000Z', '2025-11-04T06:30:00.000Z']);
    // 9 March 2025: 02:00–03:00 does not exist; 01:30 does, at EST.
    expect(nextRunAfter(schedule, new Date('2025-03-08T12:00:00Z'))?.toISOString()).toBe('2025-03-09T06:30:00.000Z');
    expect(nextRunAfter(schedule, new Date('2025-03-09T07:00:00Z'))?.toISOString()).toBe('2025-03-10T05:30:00.000Z');
  });
});
