// User-facing messages of the dashboard, in one catalog so the tests can assert against them.
// Pure strings only, so that server-side chart renders (issue 19) can import this module too.

/** The smallest cell the disclosure policy publishes (CMS cell-size suppression policy). */
export const MIN_CELL_SIZE = 11;

export const messages = {
  loading: () => 'Loading…',
  empty: () => 'No data for this selection. Try removing a filter.',
  intervalLegend: () => 'Shaded bands are 95% confidence intervals.',
  noInterval: () => 'This measure has no confidence interval.',
  smallCellPolicy: () => `Cells with fewer than ${MIN_CELL_SIZE} people are not shown.`,
  notAvailable: () => 'Not available',
  noMeasures: () => 'The server lists no measures.',
  noValue: () => 'No data for the latest year.',
  allSuppressed: () => 'Every cell of this selection is suppressed. Try a coarser period or fewer filters.',
  suppressed: (cells: number) =>
    `${cells} ${cells === 1 ? 'cell' : 'cells'} suppressed (fewer than ${MIN_CELL_SIZE} people)`,
  /** Complementary suppression: cells hidden so that small ones cannot be recovered from totals. */
  complementary: (cells: number) =>
    `${cells} ${cells === 1 ? 'cell' : 'cells'} suppressed to protect small cells`,
  /** The dominance rule: a total (a cost) mostly one person's is not shown. */
  dominance: (cells: number) =>
    `${cells} ${cells === 1 ? 'cell' : 'cells'} suppressed (one person holds most of the total)`,
  /** The label every trend carries in its title or subtitle (issue 17: never leave the reader guessing). */
  crude: () => 'Crude rates (not age-adjusted)',
  ageAdjusted: () => 'Age-adjusted rates (direct method, US 2000 standard population)',
  strataNotShown: (names: readonly string[]) => `Not shown (suppressed): ${names.join(', ')}`,
  highlighted: (name: string, strata: number) => `${name} in colour; the other ${strata - 1} in grey (more strata than distinct colours)`,
  unreliableShort: () => 'Unreliable (RSE > 30% or fewer than 20 events)',
  unreliable: (cells: number) =>
    `Hollow points: ${cells} ${cells === 1 ? 'estimate is' : 'estimates are'} statistically unreliable ` +
    '(relative standard error above 30% or fewer than 20 events; NCHS presentation standard)',
  unreachable: () => 'Could not reach the Popsight server. Check that it is running and try again.',
  httpStatus: (status: number, statusText: string) =>
    `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`,
  notJson: (status: number) => `The server sent an unexpected response (HTTP ${status}).`,
  partialPeriod: (label: string, end: string) => `${label} is incomplete: the data end on ${end}.`,
  /** Map legend entries: lower case, they read as a key rather than a sentence. */
  /** What the keys do on a focused chart (screen readers read it after the chart's label). */
  trendKeys: () =>
    'Arrow keys move between the points: left and right through the periods, up and down between the series; Home and End go to the first and last period; the point is read out below the chart.',
  mapKeys: () =>
    'Arrow keys move between the counties in alphabetical order, Home and End to the first and last; Enter filters every page by the county; the county is read out below the map.',
  /** A chart's one-sentence summary (chart-points.ts chartSummary). */
  latestPeriod: () => 'Latest period',
  chartEmpty: () => 'No data to show.',
  mapSummary: (counties: number) => `${counties} ${counties === 1 ? 'county' : 'counties'}, each read out by the arrow keys.`,
  mapSuppressed: () => `suppressed (under ${MIN_CELL_SIZE} people or one dominant cost)`,
  mapComplementary: () => 'suppressed to protect small cells',
  mapNoEstimate: () => 'no estimate (nobody in the denominator)',
  mapUnplaced: (names: readonly string[]) =>
    `Not on the map: ${names.join(', ')} (${names.length === 1 ? 'not a county' : 'not counties'} of the state shown).`,
  mapNoCounties: () => 'None of the counties in the data could be placed on the map.',
  mapNotByCounty: () => 'This measure is not available by county.',
  mapUnreliable: (counties: number) =>
    `${counties} county ${counties === 1 ? 'estimate is' : 'estimates are'} statistically unreliable ` +
    '(relative standard error above 30% or fewer than 20 events); hover a county for details.',
  mapCountyFilter: (county: string) => `The county filter is not applied to the map; ${county} is outlined.`,
  downloadFailed: (reason: string) => `The download failed: ${reason}`,
} as const;
