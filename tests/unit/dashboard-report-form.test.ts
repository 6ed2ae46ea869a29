// The report forms' pure side (client/src/reports/report-form.ts): an Explore view as a report view,
// with what a report cannot keep of it said in words; recipients typed as text; the server's field
// errors sorted to the form's fields; the default schedule; schedules in words.
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW } from '../../client/src/lib/view-state.ts';
import { defaultSchedule, describeSchedule, formFieldOf, parseRecipients, reportViewOf } from '../../client/src/reports/report-form.ts';
import { reportViewSchema } from '../../core/reports/report-view.ts';

const explore = { ...DEFAULT_VIEW, page: 'explore' as const, measure: 'diabetes-prevalence' };

describe('the Explore view as a report view', () => {
  it('keeps the measure, the stratifiers, the period, the window, the filters, the adjustment and the cohort, as the server reads a view', () => {
    const { view, problems } = reportViewOf({ ...explore, by: ['county', 'sex'], period: 'quarter', from: 2019, to: 2022, filters: { race: 'white', county: undefined }, adjust: true, cohort: 'c1' });
    expect(problems).toEqual([]);
    expect(view).toEqual({ measure: 'diabetes-prevalence', by: ['county', 'sex'], period: 'quarter', from: 2019, to: 2022, filters: { race: 'white' }, adjust: 'age', cohort: 'c1' });
    // The server's own schema reads it unchanged.
    expect(reportViewSchema.parse(view)).toEqual(view);
    const plain = reportViewOf({ ...explore, by: ['sex'] }).view;
    expect(plain).toEqual({ measure: 'diabetes-prevalence', by: ['sex'], period: 'year', from: null, to: null, filters: {}, adjust: null, cohort: null });
    expect(reportViewSchema.parse(plain)).toEqual(plain);
  });

  it('names what a report view cannot keep (a pooled period, no measure), and makes no view then', () => {
    const { view, problems } = reportViewOf({ ...explore, by: ['sex', 'race'], period: 'all', from: 2019, to: null, cohort: 'c1' });
    expect(view).toBeNull();
    expect(problems).toEqual(['A report view shows a trend: choose the period Year, Quarter or Month.']);
    expect(reportViewOf({ ...explore, measure: null }).problems).toEqual(['Choose a measure first.']);
  });
});

describe('the report form', () => {
  it('reads recipients separated by commas, spaces, semicolons or lines, each once', () => {
    expect(parseRecipients(' a@x.org, b@y.org;\nc@z.org a@x.org ')).toEqual(['a@x.org', 'b@y.org', 'c@z.org']);
    expect(parseRecipients(' , ')).toEqual([]);
  });

  it('puts each server field error under its field', () => {
    expect(['name', 'recipients[2]', 'schedule.cron', 'schedule.timeZone', 'views[0].by', undefined].map(formFieldOf)).toEqual(['name', 'recipients', 'cron', 'timeZone', 'form', 'form']);
  });

  it('defaults to Mondays at 07:00 in the browser\'s time zone, and says schedules in words', () => {
    expect(defaultSchedule('Europe/Paris')).toEqual({ cron: '0 7 * * 1', timeZone: 'Europe/Paris' });
    expect(describeSchedule({ cron: '0 7 * * 1', timeZone: 'Europe/Paris' })).toBe('Mondays 07:00 (Europe/Paris)');
    expect(describeSchedule({ cron: '30 8 * * *', timeZone: 'UTC', afterLoad: true })).toBe('Every day 08:30 (UTC), and after each load');
    expect(describeSchedule({ cron: '0 7 1 * *', timeZone: 'UTC' })).toBe('0 7 1 * * (UTC)');
  });
});
