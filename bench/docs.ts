// Updates docs/performance.md and docs/performance-scaling.svg from a run. The page keeps the latest
// run of every population size (its data travels in a comment at the end of the page), so a 1M
// run adds to the 100k figures instead of replacing them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNCACHED_METHOD } from './api.ts';
import { SIGN_IN_METHOD } from './sign-in-overhead.ts';
import { carryOver } from './carry-over.ts';
import { RENDER_DEFINITION } from './dashboard-pages.ts';
import { renderScalingSvg } from './chart.ts';
import { scalingTable, sizeDetails, stageTable, targetsTable } from './markdown.ts';
import { machineLine, scalingRow, sourceLine } from './report.ts';
import { hasFigures, type BenchResults, type Machine, type SizeRun, type SourceState } from './types.ts';

interface Entry {
  measuredAt: string;
  source?: SourceState;
  machine: Machine;
  settings: Record<string, unknown>;
  run: SizeRun;
}

const DATA_START = '<!-- popsight-bench-data';
const DATA_END = '-->';

export async function updatePerformanceDocs(results: BenchResults, docsDir: string): Promise<string> {
  const page = join(docsDir, 'performance.md');
  const previous = readEntries(page);
  const earlier = (people: number) => {
    const entry = previous.find((e) => e.run.people === people);
    return entry && { measuredAt: entry.measuredAt, commit: entry.source?.commit ?? null, run: entry.run };
  };
  const fresh = results.runs.map((run) => ({ measuredAt: results.startedAt, source: results.source, machine: results.machine, settings: results.settings, run: carryOver(run, earlier(run.people)) }));
  const kept = previous.filter((e) => !fresh.some((f) => f.run.people === e.run.people));
  const entries = [...kept, ...fresh].sort((a, b) => a.run.people - b.run.people);
  const rows = entries.map((e) => scalingRow(e.run, e.measuredAt, e.source));
  writeFileSync(join(docsDir, 'performance-scaling.svg'), await renderScalingSvg(rows));
  writeFileSync(page, renderPage(entries));
  return page;
}

function readEntries(page: string): Entry[] {
  if (!existsSync(page)) return [];
  const text = readFileSync(page, 'utf8');
  const start = text.indexOf(DATA_START);
  if (start < 0) return [];
  const json = text.slice(start + DATA_START.length, text.indexOf(DATA_END, start));
  return (JSON.parse(json) as { entries: Entry[] }).entries;
}

function renderPage(entries: Entry[]): string {
  const runs = entries.map((e) => e.run);
  const rows = entries.map((e) => scalingRow(e.run, e.measuredAt, e.source));
  const machines = [...new Set(entries.map((e) => machineLine(e.machine)))];
  const sources = entries.map((e) => {
    const env = Object.entries((e.settings.env ?? {}) as Record<string, string>).map(([name, value]) => `${name}=${value}`);
    return `${e.run.people.toLocaleString('en-US')} people: ${sourceLine(e.source)}, ${e.measuredAt.slice(0, 16).replace('T', ' ')} UTC${env.length ? ` with ${env.join(' ')}` : ''}`;
  });
  // JSON inside an HTML comment: '>' escaped so no statement text can end the comment early.
  const data = JSON.stringify({ entries }).replace(/>/g, '\\u003e');
  return [
    '# Performance',
    '_Written by `npm run bench` (bench/docs.ts) from its latest run at each population size; change the bench, not this page._',
    [
      '```sh',
      'npm run bench                                   # 100,000 people, every section',
      'npm run bench -- --people 1000000               # the scale the targets are set at (~21 GB of CSV; see --work)',
      'npm run bench -- --people 10000,100000          # a scaling series',
      'npm run bench -- --skip pg,browser,autocannon   # leave sections out (the page keeps their last figures)',
      '```',
    ].join('\n'),
    'Each run writes `bench/results/<timestamp>.json` and `.md` (not committed) and updates this page.',
    '## Targets',
    'Set at 1,000,000 people by issues #3 (load), #4 (API), #5 (the bench: PostgreSQL, server memory) and the others named in each row; at smaller sizes a FAIL is an early warning. A failed target is a finding: the bench exits 0.',
    targetsTable(runs),
    '## Scaling',
    '![Pipeline seconds and query milliseconds by population size](performance-scaling.svg)',
    scalingTable(rows),
    '## Where the time goes',
    whereTimeGoes(runs),
    '## Figures by size',
    ...runs.map((run) => sizeDetails(run)),
    '## Method',
    METHOD.map((line) => `- ${line}`).join('\n'),
    `Machine${machines.length > 1 ? 's' : ''}: ${machines.join('; ')}. The machine is shared: compare figures of one run side by side (ratios), not absolute times across runs.`,
    `Measured: ${sources.join('; ')}.`,
    `${DATA_START}\n${data}\n${DATA_END}`,
  ].join('\n\n') + '\n';
}

function whereTimeGoes(runs: SizeRun[]): string {
  const largest = [...runs].reverse().find((r) => hasFigures(r.load));
  if (!largest || !hasFigures(largest.load)) return '_No load figures yet._';
  const load = largest.load;
  const lines = [
    `At ${largest.people.toLocaleString('en-US')} people the load takes ${load.seconds.toFixed(0)} s against ${load.baseline.seconds.toFixed(0)} s for DuckDB's read_csv of the same files (${load.ratio.toFixed(1)}×). By stage, slowest first:`,
    stageTable(load, true),
  ];
  if (load.slowSql.length) lines.push(`The slowest statements are listed under the size's figures below (POPSIGHT_SLOW_SQL_MS).`);
  const api = largest.api;
  if (hasFigures(api)) {
    const slowest = [...api.endpoints].filter((e) => e.uncached).sort((a, b) => b.uncached!.p95 - a.uncached!.p95)[0];
    if (slowest) lines.push(`The slowest uncached API query is \`${slowest.path}\`: p95 ${slowest.uncached!.p95.toFixed(1)} ms, of which the SQL alone takes p50 ${slowest.direct!.p50.toFixed(1)} ms.`);
  }
  return lines.join('\n\n');
}

const METHOD = [
  'Every step that has a memory target runs in its own process, measured from outside: wall time, and peak RSS from GNU time (`/usr/bin/time -f %M`) or, without it, VmHWM polled from /proc.',
  'Generator: `generatePopulation` (seed 1) in a child process; people/s and rows/s over its own duration.',
  "Load: `popsight load <extract> --warehouse <file> --replace` in a child process, against a child that runs `CREATE TABLE t AS SELECT * FROM read_csv(file)` for each of the extract's files in a fresh DuckDB file. The ratio compares the two processes' wall times.",
  `API: the server (\`startServer\`, the real app with the built dashboard) in its own process on 127.0.0.1; requests from a minimal HTTP/1.1 client (bench/http-client.ts) over one kept-alive connection. ${UNCACHED_METHOD}`,
  SIGN_IN_METHOD,
  'Throughput: autocannon on a cached measure endpoint for a bounded time per connection count; client and server share the two cores.',
  'PostgreSQL: a throwaway cluster (initdb into a temporary folder, pg_ctl start on a loopback port, stopped and removed afterwards, also on failure), holding a copy of the mart tables the measure SQL reads (their yearly rows: every benchmarked query is yearly). The engines run the measure SQL over person rows (the work of any query the pre-aggregated cells cannot answer: months, cohorts, finer cross-tables), not the cell lookups the server makes for these dashboard queries, which would compare round trips more than engines. The measure SQL is written for each engine by buildMeasureSql through its SQL dialect (core/warehouse/dialect: DuckDB, PostgreSQL) and its results are checked cell by cell against DuckDB. Medians of alternating runs; the speed-up is the geometric mean of the per-query ratios.',
  'Sharded PostgreSQL (section 8): a coordinator and four shard clusters (throwaway, as above) on this one machine; `popsight publish` (its code, yearly person rows and core.person only: the grain the queries read) with 1, 2 and 4 shards, timed; the same person-row queries in the two-phase SQL of the sharded dialect, checked cell by cell against DuckDB; EXPLAIN ANALYZE of the first query for what is pushed down. The shards share the two cores, so more shards here show the cost of the two phases and the pushdown, not a speed-up: on separate machines each shard aggregates only its people on its own cores and memory, and a query takes about the slowest shard plus one round trip (docs/deployment.md). The honest peer: three questions written by hand over core.person, core.coverage, core.encounter and core.condition of a plain PostgreSQL database (bench/bi-questions.ts), as a BI tool over a plain warehouse would ask them, against the uncached API answer of a Popsight server on DuckDB and on the two-shard coordinator; the ratio is core-table SQL p50 over the DuckDB API p50.',
  'Cohort preview (section 10): `POST /api/cohorts/preview` over HTTP (fetch) from a server in its own process with its state folder (the exact size, which the cohort ledger judges): a builder session of definitions (condition groups with age floors, alive, enrolled, a lab threshold, an encounter within 30 days of a diagnosis, an OR, a NOT), each asked once new, when the cohort ledger sizes it, compares it with the near cohorts already in it and records it, then three more times. The target is the p95 of the new ones; a 409 (the ledger refusing a cohort 1–10 people from an earlier one) is an answer the builder shows and is timed like the others. The same session is then asked as the builder asks while criteria change, `POST /api/cohorts/estimate` (rounded size and attrition steps, drafts of the ledger), from a second fresh server process so that neither session finds the other\'s answers cached.',
  `Dashboard: headless Debian chromium through playwright-core, every page at 1280×900. ${RENDER_DEFINITION} Each page is opened once on a freshly started server process started without its start-up warm-up (truly cold: nothing computed yet; the operating system's file cache is not emptied), then on a freshly started server as shipped, navigated as soon as it listens (cold; when it opens the warehouse, at start and after each load, the server computes the warehouse facts and the measure cell catalog and renders into its response cache the measure requests Overview, Explore, Places and Costs and use make when opened with no parameters, and at start it listens only once that is done, within 15 s (server/warehouse/start-up-warm-up.ts, server/measures/default-views.ts: the six featured tiles, the first measure by county, the first measure and its trend, the Costs and use sections with their trends; every other view, e.g. this section's Explore view by sex and race, age-adjusted, is computed when first asked for), and draws the trend charts those pages draw of them (server/charts/default-charts.ts: the Overview's trend, Explore's chart, every Costs section), which leaves a Vega view kept for each chart's form that draws a page's charts of it at any width (server/charts/kept-views.ts); on a warehouse of 100,000 people or more it then reads the cohort person index and prepares saved cohorts not yet prepared, which the first visit may overlap), then three more times on that server (warm: the median); every visit in a new browser context (empty browser cache). The targets judge the cold figure. Two saved cohorts (for the cohort profile and its comparison) and a report are made over the API beforehand, on a server that is stopped once it lists both cohorts as prepared: a saved cohort is prepared when it is saved (and, on a warehouse of 100,000 people or more, every saved cohort not yet prepared when a server opens a new load), its members and the true counts its profile reads computed in the background and kept in the state folder with the warehouse's data version (docs/architecture.md, Cohorts), so the profile's cold and no-warm-up figures read a prepared cohort; disclosure control and the cohort ledger still run on each request.`,
];
