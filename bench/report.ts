// Section 6 and the output: the scaling row of each size, bench/results/<timestamp>.json and a
// markdown summary beside it, and the PASS/FAIL lines printed at the end of a run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNCACHED_METHOD } from './api.ts';
import { SIGN_IN_METHOD } from './sign-in-overhead.ts';
import { scalingTable, sizeDetails, targetsTable } from './markdown.ts';
import { formatLimit, formatValue } from './targets.ts';
import { geometricMean } from './stats.ts';
import { hasFigures, type BenchResults, type Machine, type ScalingRow, type SizeRun, type SourceState } from './types.ts';

export function scalingRow(run: SizeRun, measuredAt: string, source: SourceState | undefined): ScalingRow {
  const { generator: g, load: l, api: a, postgres: pg, dashboard: d } = run;
  const measures = hasFigures(a) ? a.endpoints.filter((e) => e.direct) : [];
  return {
    people: run.people,
    measuredAt,
    commit: source?.commit ?? null,
    generateSeconds: hasFigures(g) ? g.seconds : null,
    peakGeneratorRssBytes: hasFigures(g) ? g.peakRssBytes : null,
    loadSeconds: hasFigures(l) ? l.seconds : null,
    readCsvSeconds: hasFigures(l) ? l.baseline.seconds : null,
    peakLoadRssBytes: hasFigures(l) ? l.peakRssBytes : null,
    uncachedP95Ms: hasFigures(a) ? a.worstUncachedP95 : null,
    cachedP95Ms: hasFigures(a) ? a.worstCachedP95 : null,
    directSqlP50Ms: measures.length ? geometricMean(measures.map((e) => e.direct!.p50)) : null,
    serverRssBytes: hasFigures(a) ? a.serverRss.rssBytes : null,
    postgresSpeedup: hasFigures(pg) ? pg.speedup : null,
    dashboardColdMs: hasFigures(d) ? d.cold.ms : null,
  };
}

export function machineLine(m: Machine): string {
  return `${m.cpus} × ${m.cpuModel}, ${formatValue(m.memoryBytes, 'bytes')} RAM, ${m.platform}, Node ${m.node}, DuckDB ${m.duckdb}`;
}

export function sourceLine(source: SourceState | undefined): string {
  if (!source?.commit) return 'code: not a git checkout';
  return `commit ${source.commit.slice(0, 10)}${source.modifiedFiles ? ` with ${source.modifiedFiles} modified files` : ''}`;
}

export function renderRunMarkdown(results: BenchResults): string {
  return [
    `# Popsight bench, ${results.startedAt}`,
    `Measured ${sourceLine(results.source)} on ${machineLine(results.machine)}. Settings: \`${JSON.stringify(results.settings)}\`.`,
    '## Targets',
    targetsTable(results.runs),
    '## Scaling',
    scalingTable(results.scaling),
    '## Figures',
    ...results.runs.map((run) => sizeDetails(run)),
    '## Method',
    UNCACHED_METHOD,
    SIGN_IN_METHOD,
  ].join('\n\n') + '\n';
}

export function writeResults(results: BenchResults, outDir: string): { json: string; markdown: string } {
  mkdirSync(outDir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const json = join(outDir, `${stamp}.json`);
  const markdown = join(outDir, `${stamp}.md`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdown, renderRunMarkdown(results));
  return { json, markdown };
}

export function printVerdicts(runs: SizeRun[], log: (message: string) => void): void {
  for (const run of runs) {
    log(`Targets at ${run.people.toLocaleString('en-US')} people:`);
    for (const t of run.targets) log(`  ${t.status.padEnd(4)} ${t.title}: ${formatValue(t.value, t.unit)} (target ${formatLimit(t)}, issue #${t.issue})`);
  }
}
