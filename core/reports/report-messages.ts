// User-facing messages of reports (definitions, schedules, rendering, delivery), in one catalog so
// the CLI and the tests read the same words.
export const reportMessages = {
  invalidField: (field: string, problem: string) => `Report ${field}: ${problem}`,
  notBoolean: () => 'must be true or false',
  notEmail: (value: string) => `'${value}' is not an e-mail address`,
  unknownMeasure: (id: string) => `no measure '${id}' (popsight serves GET /api/measures for the list)`,
  oneOf: (allowed: readonly string[]) => `must be one of: ${allowed.join(', ')}`,
  unknownKey: (key: string, allowed: readonly string[]) => `unknown field '${key}' (known: ${allowed.join(', ')})`,
  badCron: (cron: string, reason: string) => `'${cron}' is not a cron expression (${reason})`,
  badTimeZone: (zone: string) => `'${zone}' is not an IANA time zone (e.g. Europe/Paris, America/New_York, UTC)`,
  neverRuns: (cron: string) => `'${cron}' never runs`,
  notYear: () => 'must be a four-digit year (e.g. 2019) or null',
  windowReversed: (from: number, to: number) => `the window starts in ${from}, after it ends in ${to}`,
  tooManyStratifiers: (max: number) => `at most ${max} stratifiers (as the dashboard's by=a,b)`,
  repeatedStratifier: () => 'names one stratifier twice',
  emptyCohort: () => 'must be the id of a saved cohort (GET /api/cohorts lists them) or null',
  unknownCohort: (id: string) => `no saved cohort '${id}' (GET /api/cohorts lists them)`,
  yearOutsideData: (year: number, first: number, last: number) => `${year} is outside the years the data covers (${first}–${last})`,
  viewWindowOutsideData: (first: number, last: number) => `This view's years are outside the years the data now covers (${first}–${last}): it is left out.`,
  viewCohortGone: () => 'The cohort of this view no longer exists: it is left out.',
  viewCohortRefused: () => 'This view is left out: its cohort differs by 1 to 10 people from a cohort a recipient of this copy has used, and the two could be subtracted.',
  cohortsUnavailable: () => 'Cohorts are not available where this report was run: the view is left out.',
  stratifierAndFilter: (dimension: string) => `'${dimension}' is both the stratifier and a filter: the dashboard keeps only one`,
  viewNotJson: (reason: string) => `not a JSON view nor a dashboard URL query (${reason})`,
  unknownReport: (id: string) => `No report '${id}'. popsight reports list shows the reports and their ids.`,
  dataAsOf: (loadedAt: string) => `Data as of ${loadedAt}`,
  openLive: () => 'Open the live view',
  suppressedValue: () => 'suppressed',
  noEstimate: () => 'no estimate',
  latest: (period: string) => `Latest period ${period}`,
  noRows: () => 'No data for this view.',
  everyCellSuppressed: () => 'Every cell of this view is suppressed.',
  tableTruncated: (shown: number, total: number) => `The last ${shown} of ${total} periods; the attached CSV has every value.`,
  disclosureNote: (perturbed: boolean) =>
    perturbed
      ? 'Counts carry small random noise (cell key method) and cells of fewer than 11 people are suppressed, as on the dashboard.'
      : 'Exact counts: small cells and the cells that would reveal them are suppressed.',
  pdfRows: (limits: string | null) =>
    limits === null ? 'This copy holds every row of the data.' : `This copy holds only the rows its recipients may read: ${limits}. Each recipient gets the report under the rows of their own account.`,
  pdfFooter: (reportName: string, loadedAt: string, page: number, pages: number) => `${reportName} · data as of ${loadedAt} · page ${page} of ${pages}`,
  subject: (reportName: string, loadedAt: string) => `${reportName} (data as of ${loadedAt})`,
  sentTo: (recipient: string) => `Sent to ${recipient} as a recipient of this report.`,
  unsubscribe: () => 'Unsubscribe',
  retried: (attempts: number, reply: string) => `after ${attempts} attempts: ${reply}`,
  noticeSubject: (reportName: string, status: string) => `Report '${reportName}' ${status === 'failed' ? 'was not delivered' : 'was delivered to some recipients only'}`,
  noticeBody: (r: { reportName: string; reportId: string; runId: string; failures: readonly { recipient: string; detail: string | null }[]; error: string | null; pausedAfter: number | null }) =>
    [
      `The run ${r.runId} of report '${r.reportName}' (${r.reportId}) did not reach every recipient.`,
      ...(r.error ? [`It failed before sending: ${r.error}`] : []),
      ...r.failures.map((f) => `  ${f.recipient}: ${f.detail ?? 'failed'}`),
      ...(r.pausedAfter === null
        ? []
        : [``, `The report is paused after ${r.pausedAfter} failed runs in a row: the scheduler skips it until popsight reports resume ${r.reportId}.`]),
    ].join('\n'),
  pausedAfterFailures: (runs: number) => `${runs} failed runs in a row`,
  unsubscribePage: (reportName: string, recipient: string) => `Stop sending '${reportName}' to ${recipient}?`,
  unsubscribed: (reportName: string, recipient: string) => `${recipient} will no longer receive '${reportName}'.`,
  unknownReportApi: (id: string) => `No report '${id}' among yours (GET /api/reports lists them).`,
  ownerIsCaller: () => 'is the caller who creates the report: leave it out',
  unknownOutboxMessage: (name: string) => `No message '${name}' in the outbox (GET /api/reports/outbox lists them).`,
  viewOutsideRows: (dimension: string) => `This view is filtered to a ${dimension} outside the rows you may read: it is left out of your copy.`,
  recipientReadsNothing: (reason: 'no-account' | 'disabled' | 'ambiguous' | 'no-rule' | undefined) =>
    `not sent: ${
      reason === 'disabled' ? 'the account of this address is disabled'
      : reason === 'ambiguous' ? 'two accounts differ from this address only in case'
      : reason === 'no-rule' ? 'the account of this address may read no rows (an admin gives it a rule with popsight users restrict)'
      : 'no account has this address as its user name (popsight users add <address> … gives it one; each recipient gets the rows of their account)'
    }`,
  bodyNotObject: () => 'The request body must be a JSON object.',
  notEditable: (editable: readonly string[]) => `cannot be changed (fields that can: ${editable.join(', ')})`,
  pausedOnPage: () => 'paused by hand',
  notOwner: (id: string) => `Only the owner of report '${id}' or an admin can send or change it.`,
  badUnsubscribeLink: () => 'This unsubscribe link is not valid: use the link of a message you received.',
  unsubscribeLinkLacks: (parameter: string) => `This unsubscribe link has no '${parameter}': use the whole link of a message you received.`,
} as const;

/** What `popsight reports …` prints. */
export const reportCliMessages = {
  added: (id: string, name: string, nextRunAt: string | null) => `Added report ${id} '${name}'; next scheduled run ${nextRunAt ?? 'never'} (a running popsight serve sends it; popsight reports run ${id} sends it now).`,
  pausedByHand: () => 'paused by hand (popsight reports pause)',
  paused: (id: string) => `Report ${id} paused: the scheduler skips it until popsight reports resume ${id}.`,
  resumed: (id: string, nextRunAt: string | null) => `Report ${id} resumed; next scheduled run ${nextRunAt ?? 'never'}.`,
  none: () => 'No reports yet: add one with popsight reports add --name … --to … --view ….',
  listed: (r: { id: string; name: string; owner: string; views: number; recipients: number; cron: string; timeZone: string; nextRunAt: string | null; lastRun: string; paused: string | null; pdf: boolean }) =>
    `${r.id}  ${r.name}  (owner ${r.owner}; ${r.views} ${r.views === 1 ? 'view' : 'views'} to ${r.recipients} ${r.recipients === 1 ? 'recipient' : 'recipients'}; '${r.cron}' ${r.timeZone}, next ${r.nextRunAt ?? 'never'}${r.pdf ? '; with a PDF' : ''}${r.paused ? `; PAUSED (${r.paused})` : ''}; last run: ${r.lastRun})`,
  neverRun: () => 'never',
  viewRendered: (title: string, ms: number) => `  ${title}: rendered in ${ms.toFixed(0)} ms`,
  pdfMade: (ms: number) => `  PDF of the whole report: made in ${ms.toFixed(0)} ms`,
  previewWritten: (file: string) => `Preview written to ${file} (nothing was sent).`,
  runTo: (destination: string) => `Delivering to ${destination}:`,
  delivery: (recipient: string, status: string, detail: string | null) => `  ${recipient}: ${status}${detail ? ` (${detail})` : ''}`,
  runStatus: (runId: string, status: string) => `Run ${runId}: ${status}.`,
  runFailed: (runId: string, error: string) => `Run ${runId} failed before sending: ${error}`,
  viaServer: (url: string) => `A server holds the state store: sending through it (${url}).`,
  serverRefused: (url: string, status: number, message: string) => `The server at ${url} refused to send the report (${status}): ${message}`,
  stateHeld: (reason: string) => `${reason} Stop the server first: reports are read from and logged to its state store.`,
} as const;
