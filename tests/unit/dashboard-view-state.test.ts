// The dashboard's URL: each page's state round-trips through the address, and what a URL asks for
// that the dashboard cannot read is named in a notice, never dropped silently (issue 17).
import { describe, expect, it } from 'vitest';
import { formatViewState, parseViewState, urlNotices } from '../../client/src/lib/view-state.ts';

describe('dashboard view state in the URL', () => {
  it('reads the researcher\'s view: page, measure, two stratifiers, window, adjustment and a filter', () => {
    const { state, notices } = parseViewState('/explore', '?measure=hba1c-control&by=county,race&from=2019&adjust=age&sex=F');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ page: 'explore', measure: 'hba1c-control', by: ['county', 'race'], period: 'year', from: 2019, to: null, adjust: true, filters: { sex: 'F' } });
    expect(formatViewState(state)).toBe('/explore?measure=hba1c-control&by=county,race&period=year&from=2019&adjust=age&sex=F');
  });

  it('round-trips every field, including organization, ZIP3, NCHS age group, cohort and the map year', () => {
    const href = '/places?measure=ed-visits-per-1000&by=organization&period=quarter&from=2018&to=2022&cohort=c-12&stdAgeGroup=25-34&zip3=021&year=2021&tiles=all';
    const { state, notices } = parseViewState('/places', href.slice('/places'.length));
    expect(notices).toEqual([]);
    expect(formatViewState(state)).toBe(href);
  });

  it('names unknown parameters, bad values, a third stratifier and an unknown page', () => {
    const { state, notices } = parseViewState('/nowhere', '?by=planet&planet=mars&period=week&from=19&adjust=yes');
    expect(state.page).toBe('overview');
    expect(state.by).toEqual([]);
    expect(state.period).toBe('year');
    expect(state.from).toBeNull();
    expect(notices).toEqual([
      urlNotices.unknownPage('/nowhere'),
      urlNotices.unknownParameter('planet', 'mars'),
      expect.stringMatching(/^by=planet was ignored: expected one of sex, /),
      expect.stringMatching(/^period=week was ignored/),
      urlNotices.badValue('from', '19', 'a four-digit year'),
      urlNotices.badValue('adjust', 'yes', 'age'),
    ]);
    const three = parseViewState('/explore', '?by=sex,race,county');
    expect(three.state.by).toEqual(['sex', 'race']);
    expect(three.notices).toEqual([urlNotices.tooManyStratifiers(['county'])]);
  });

  it('keeps filter values as given (the API names a wrong one) but drops a filter on a stratifier, saying so', () => {
    const { state, notices } = parseViewState('/explore', '?by=county&county=Nowhere&zip3=999');
    expect(state.filters).toEqual({ zip3: '999' });
    expect(notices).toEqual([urlNotices.filterIsStratifier('county')]);
  });
});
