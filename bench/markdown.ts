// Markdown of bench results: the pass/fail table, the scaling table and each size's figures.
// Shared by the run summary (bench/results/<timestamp>.md) and docs/performance.md.
import { carriedFrom, carriedNote } from './carry-over.ts';
import { formatLimit, formatValue, TARGETS, type TargetResult } from './targets.ts';
import type { LoadStage } from './load.ts';
import { hasFigures, type ScalingRow, type SizeRun } from './types.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const num = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n < 10 ? num(n, 2) : num(n, n < 100 ? 1 : 0));
const bytes = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatValue(n, 'bytes'));
const s = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${num(n, n < 10 ? 2 : 1)} s`);

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function targetsTable(runs: SizeRun[]): string {
  const cell = (t: TargetResult | undefined) => (!t ? '—' : t.status === 'SKIP' ? 'not measured' : `**${t.status}** ${formatValue(t.value, t.unit)}${carriedFrom(t) ? ` (measured ${carriedFrom(t)!.measuredAt.slice(0, 10)})` : ''}`);
  return table(
    ['target', 'limit', 'issue', ...runs.map((r) => `${int(r.people)} people`)],
    TARGETS.map((t) => [t.title, formatLimit(t), `#${t.issue}`, ...runs.map((r) => cell(r.targets.find((x) => x.id === t.id)))]),
  );
}

export function scalingTable(rows: ScalingRow[]): string {
  return table(
    ['people', 'generate', 'load', 'read_csv', 'load peak RSS', 'API p95 uncached', 'API p95 cached', 'direct SQL p50', 'server RSS', 'DuckDB vs PG', 'dashboard (cold)', 'measured'],
    rows.map((r) => [
      int(r.people), s(r.generateSeconds), s(r.loadSeconds), s(r.readCsvSeconds), bytes(r.peakLoadRssBytes),
      `${ms(r.uncachedP95Ms)} ms`, `${ms(r.cachedP95Ms)} ms`, `${ms(r.directSqlP50Ms)} ms`, bytes(r.serverRssBytes),
      r.postgresSpeedup === null ? '—' : `${num(r.postgresSpeedup)}×`, `${ms(r.dashboardColdMs)} ms`, `${r.measuredAt.slice(0, 10)}${r.commit ? ` @ ${r.commit.slice(0, 7)}` : ''}`,
    ]),
  );
}

/** The numbered stages of a load and what is left of its wall time (process start-up, publish). */
export function stageTable(load: { seconds: number; stages: LoadStage[] }, sortBySeconds = false): string {
  const staged = load.stages.reduce((sum, st) => sum + st.seconds, 0);
  const rows = [...load.stages, { stage: 'outside the numbered stages (start-up, publish)', seconds: Math.max(0, load.seconds - staged) }];
  if (sortBySeconds) rows.sort((a, b) => b.seconds - a.seconds);
  return table(['stage', 'time', 'share of the load'], rows.map((st) => [st.stage, s(st.seconds), `${num((100 * st.seconds) / load.seconds, 0)}%`]));
}

const missing = (section: object | undefined) =>
  !section ? '_not run_' : 'skipped' in section ? `_skipped: ${section.skipped}_` : 'error' in section ? `_failed: ${section.error}_` : '';

export function sizeDetails(run: SizeRun, level = '###'): string {
  const out: string[] = [`${level} ${int(run.people)} people`];
  const g = run.generator;
  out.push(`**1. Generator.** ${hasFigures(g)
    ? `${int(g.peoplePerSecond)} people/s, ${int(g.rowsPerSecond)} rows/s, ${num(g.megabytesPerSecond)} MB/s (${int(g.rows)} rows, ${bytes(g.bytes)} of CSV in ${s(g.seconds)}); peak RSS ${bytes(g.peakRssBytes)}.`
    : missing(g)}`);

  const l = run.load;
  if (hasFigures(l)) {
    const disk = l.peakScratchBytes === undefined ? '' : `, scratch disk at peak ${bytes(l.peakScratchBytes)}`;
    out.push(`**2. Load.** \`popsight load\` ${s(l.seconds)} (peak RSS ${bytes(l.peakRssBytes)}${disk}, warehouse ${bytes(l.warehouseBytes)}); ` +
      `DuckDB \`read_csv\` of the same files into plain tables ${s(l.baseline.seconds)} (peak RSS ${bytes(l.baseline.peakRssBytes)}): **${num(l.ratio, 2)}×** the floor.`);
    out.push(stageTable(l));
    if (l.slowSql.length > 0) {
      out.push(`Slowest statements (POPSIGHT_SLOW_SQL_MS):\n\n${table(['ms', 'statement (start)'], l.slowSql.slice(0, 8).map((q) => [int(q.ms), `\`${q.sql.replace(/\|/g, '\\|').slice(0, 110)}\``]))}`);
    }
  } else out.push(`**2. Load.** ${missing(l)}`);

  const a = run.api;
  if (hasFigures(a)) {
    const p = (x: { p50: number; p95: number; p99: number } | null) => (x ? `${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)}` : '—');
    out.push(`**3. API** (ms, p50 / p95 / p99; ${a.endpoints[0]?.cached.n ?? 0} cached and ${a.endpoints.find((e) => e.uncached)?.uncached?.n ?? 0} uncached samples per endpoint):`);
    const percent = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${num(share * 100, 0)}%`);
    out.push(table(['endpoint', 'uncached', 'cached', 'direct SQL', 'API overhead', 'SQL, plan reused', 'reuse saves'], a.endpoints.map((e) => [
      `\`${e.path}\``, p(e.uncached), p(e.cached), p(e.direct), percent(e.overhead), p(e.directReused ?? null), percent(e.planReuseSaving),
    ])));
    out.push(`Overhead over direct SQL (geometric mean of p50 ratios): **${num(a.overhead * 100, 0)}%**${a.planReuseSaving === undefined ? '' : `; the server reuses prepared plans, which saves ${num(a.planReuseSaving * 100, 0)}% of the SQL time (in a loop of its own)`}. Server RSS after the API benchmark: **${bytes(a.serverRss.rssBytes)}** (peak ${bytes(a.serverRss.peakRssBytes)}).`);
    const si = a.signIn;
    if (si) {
      const pair = (x: { p50: number; p95: number }) => `${ms(x.p50)} / ${ms(x.p95)}`;
      out.push(`With sign-in and audit on (ms, p50 / p95; ${si.queries[0]?.on.n ?? 0} uncached and ${si.cached[0]?.on.n ?? 0} cached samples each, every request alternating between a server without sign-in and one with it, authenticated by an API token, role ${si.role}):`);
      out.push(table(['endpoint', 'uncached, no sign-in', 'uncached, sign-in', 'direct SQL', 'sign-in ÷ none', 'cached, no sign-in', 'cached, sign-in', 'sign-in ÷ none (cached)'], [
        ...si.queries.map((q) => {
          const c = si.cached.find((e) => e.path === q.path);
          return [`\`${q.path}\``, pair(q.off), pair(q.on), pair(q.direct), `${num(q.on.p50 / q.off.p50, 2)}×`, c ? pair(c.off) : '—', c ? pair(c.on) : '—', c ? `${num(c.on.p50 / c.off.p50, 2)}×` : '—'];
        }),
        ...si.cached.filter((c) => !si.queries.some((q) => q.path === c.path)).map((c) => [`\`${c.path}\``, '—', '—', '—', '—', pair(c.off), pair(c.on), `${num(c.on.p50 / c.off.p50, 2)}×`]),
      ]));
      out.push(`Sign-in multiplies an uncached request's p50 by **${num(si.ratio, 2)}** and a cached one's by **${num(si.cachedRatio, 2)}** (geometric means). API overhead over direct SQL with sign-in and audit on: **${num(si.overhead * 100, 0)}%** (without sign-in, in the same loop: ${num(si.overheadWithout * 100, 0)}%); worst p95 with sign-in: uncached ${ms(si.worstUncachedP95)} ms, cached ${ms(si.worstCachedP95)} ms.`);
    }
    const t = a.throughput;
    out.push(hasFigures(t)
      ? `Throughput, cached \`${t.path}\` (autocannon on loopback)${carriedNote(t)}:\n\n${table(['connections', 'req/s', 'p50', 'p99', 'errors / non-2xx'], t.runs.map((r) => [String(r.connections), int(r.requestsPerSecond), `${r.latencyP50Ms} ms`, `${r.latencyP99Ms} ms`, `${r.errors} / ${r.non2xx}`]))}`
      : `Throughput: ${missing(t)}`);
  } else out.push(`**3. API.** ${missing(a)}`);

  const pg = run.postgres;
  if (hasFigures(pg)) {
    out.push(`**4. PostgreSQL**${carriedNote(pg)} (${pg.version}; ${int(pg.rows)} yearly rows of ${pg.tables.join(', ')} copied in ${s(pg.loadSeconds)}; median of ${pg.runs} runs each): DuckDB is **${num(pg.speedup)}×** faster (geometric mean).`);
    out.push(table(['query', 'DuckDB', 'PostgreSQL', 'ratio', 'same results'], pg.queries.map((q) => [q.id, `${ms(q.duckdbMs)} ms`, `${ms(q.postgresMs)} ms`, `${num(q.ratio)}×`, q.resultsMatch ? 'yes' : '**no**'])));
  } else out.push(`**4. PostgreSQL.** ${missing(pg)}`);

  const d = run.dashboard;
  out.push(`**5. Dashboard.**${hasFigures(d) ? carriedNote(d) : ''} ${hasFigures(d)
    ? d.renders
      ? `First complete render of every page (${d.chromium}; cold: a freshly started server, navigated as soon as it listens, which it does once it has computed the warehouse facts and the pages' default views and drawn their charts; without warm-up: a freshly started server that computes nothing at start; warm: median of ${d.warmRuns} later visits; the browser's cache always empty):`
      : `Overview complete (trend marks drawn, ${d.cold.tilesWithNumbers} of ${d.cold.tiles} KPI tiles with numbers) ${int(d.cold.ms)} ms after navigation start on a fresh server; ${int(d.warmMs)} ms warm (median of ${d.warmRuns}).${d.pages ? ` Other pages, first complete render: ${Object.entries(d.pages).map(([name, ms]) => `${name} ${int(ms)} ms`).join(', ')}.` : ''} ${d.chromium}.`
    : missing(d)}`);
  if (hasFigures(d) && d.renders) out.push(table(['page', 'path', 'cold', 'cold, without warm-up', 'warm'], Object.entries(d.renders).map(([name, r]) => [name, `\`${r.path}\``, `${int(r.coldMs)} ms`, r.noWarmUpMs === undefined ? '—' : `${int(r.noWarmUpMs)} ms`, `${int(r.warmMs)} ms`])));

  const f = run.fhir;
  if (hasFigures(f)) {
    const capped = f.people < run.people ? ` (the section is capped at ${int(f.people)} people: FHIR takes ~180 KB a person)` : '';
    out.push(`**6. FHIR load.**${carriedNote(f)} ${int(f.people)} people written as FHIR R4 Bulk Data NDJSON${capped}: ${int(f.resources)} resources, ${bytes(f.bytes)}. ` +
      `\`popsight load\` ${s(f.seconds)} (peak RSS ${bytes(f.peakRssBytes)}): **${int(f.resourcesPerSecond)} resources/s** over the whole load.`);
    out.push(stageTable(f));
  } else out.push(`**6. FHIR load.** ${missing(f)}`);

  const x = run.disclosure;
  if (hasFigures(x)) {
    const row = (label: string, c: { cells: number; meanRatio: number; p50: number; p90: number; p99: number; max: number }) =>
      [label, int(c.cells), num(c.meanRatio, 3), num(c.p50, 3), num(c.p90, 3), num(c.p99, 3), num(c.max, 3)];
    out.push(`**7. Disclosure.**${carriedNote(x)} What the cell key method's perturbation changes in a published rate, as a share of the rate's 95% CI half-width, over every yearly cell of ${int(x.minPeople)} or more people (every measure with a CI, whole population and by each stratifier): mean **${num(x.all.meanRatio, 3)}** (target under 0.25).`);
    out.push(table(['measures', 'cells', 'mean', 'p50', 'p90', 'p99', 'max'], [row('all', x.all), ...x.byKind.map((k) => row(k.kind, k.summary))]));
    out.push(table(['change / half-width', 'share of cells'], x.histogram.map((h, i) => [
      `${i === 0 ? '≤' : `${num(x.histogram[i - 1]!.upTo, 2)} –`} ${Number.isFinite(h.upTo) ? num(h.upTo, 2) : 'more'}`, `${num(h.share * 100, 1)}%`,
    ])));
  } else out.push(`**7. Disclosure.** ${missing(x)}`);

  const sh = run.shards;
  if (sh === undefined) {
    // Results written before the section existed.
  } else if (hasFigures(sh)) {
    const lat = (l: { p50: number; p95: number } | null) => (l ? `${ms(l.p50)} / ${ms(l.p95)}` : '—');
    out.push(`**8. Sharded PostgreSQL**${carriedNote(sh)} (${sh.version}; ms, p50 / p95 of ${sh.runs} runs; the yearly person rows, as the server reads them when the cells cannot answer). Publish: ${sh.publish.map((p) => `${p.shards} shard${p.shards === 1 ? '' : 's'} ${s(p.seconds)}`).join(', ')} (${int(sh.publish[0]?.rows ?? 0)} person-level rows). ${sh.settings}.`);
    const counts = sh.publish.map((p) => p.shards);
    out.push(table(['query', 'DuckDB', 'one PostgreSQL', ...counts.map((c) => `${c} shard${c === 1 ? '' : 's'}`), 'same results'], sh.queries.map((q) => [
      q.id, lat(q.duckdb), lat(q.single), ...counts.map((c) => lat(q.sharded.find((x) => x.shards === c)?.latency ?? null)), q.sharded.every((x) => x.resultsMatch) ? 'yes' : '**no**',
    ])));
    out.push(`Pushdown (EXPLAIN ANALYZE of the first query): ${sh.pushdown.map((p) => `${p.shards} shard${p.shards === 1 ? '' : 's'}: ${p.aggregatesPushed} of ${p.shards} aggregates pushed, ${p.asyncScans} async scans, shard scans ${p.shardScanMs.map((x) => `${ms(x)} ms`).join(', ')}`).join('; ')}.`);
    out.push(`The honest peer: the same question asked of the core tables of a plain PostgreSQL, as a BI tool would (bench/bi-questions.ts), against Popsight's API answer (uncached):`);
    out.push(table(['question', 'core tables, PostgreSQL', 'Popsight API (DuckDB)', 'Popsight API (2 shards)', 'core tables ÷ API'], sh.peer.map((p) => [p.id, lat(p.coreTables), lat(p.apiDuckdb), p.apiShardedRefusal ? 'stopped at the query budget' : lat(p.apiSharded), `${num(p.ratio)}×`])));
    const refused = sh.peer.filter((p) => p.apiShardedRefusal);
    if (refused.length) out.push(`On the two-shard coordinator the server stopped ${refused.map((p) => p.id).join(', ')} at its per-request query budget: ${refused[0]!.apiShardedRefusal}`);
    const firsts = sh.peer.filter((p) => p.apiDuckdb.firstMs !== undefined);
    if (firsts.length) out.push(`First request of each question on a fresh server (uncached; the first also loads the warehouse facts: population, dimension values), in ms: ${firsts.map((p) => `${p.id} ${ms(p.apiDuckdb.firstMs!)} (DuckDB) / ${p.apiSharded?.firstMs === undefined ? '—' : ms(p.apiSharded.firstMs)} (2 shards)`).join('; ')}.`);
  } else out.push(`**8. Sharded PostgreSQL.** ${missing(sh)}`);

  const e = run.reports;
  if (hasFigures(e)) {
    out.push(`**9. Report e-mails.**${carriedNote(e)} Each view of a six-view report rendered in-process, timed on ${int(e.rounds)} rounds after a warm-up: worst p95 **${num(e.worstRenderP95, 0)} ms** (target ≤ 250 ms). ${e.method ?? 'Query, disclosure control, Vega-Lite → SVG → PNG with the shipped font, alt text, table, CSV.'} ` +
      `The report delivered to ${int(e.delivery.recipients)} recipients, one message each (${bytes(e.delivery.bytesPerMessage)} each), through an SMTP server in the bench process, each under their own account's row restriction (${e.delivery.restrictions === undefined ? 'one for all' : `${int(e.delivery.restrictions)} distinct: every row, or one county, organization or payer; rendered once per restriction`}): **${s(e.delivery.seconds)}** (target ≤ 30 s).`);
    const phase = (v: (typeof e.views)[number], key: 'queryMs' | 'svgMs' | 'pngMs' | 'tableMs') => (v.phases ? num(v.phases[key], 0) : '—');
    out.push(table(['view', 'p50 ms', 'p95 ms', 'max ms', 'median query ms (source)', 'SVG ms', 'PNG ms', 'table, alt text, CSV ms'],
      e.views.map((v) => [v.id, num(v.render.p50, 0), num(v.render.p95, 0), num(v.render.max, 0), v.phases ? `${num(v.phases.queryMs, 0)} (${v.phases.source})` : '—', phase(v, 'svgMs'), phase(v, 'pngMs'), phase(v, 'tableMs')])));
  } else out.push(`**9. Report e-mails.** ${missing(e)}`);

  const c = run.cohorts;
  if (c === undefined) {
    // Results written before the section existed.
  } else if (hasFigures(c)) {
    const statuses = Object.entries(c.statuses).map(([status, n]) => `${int(n)} × ${status}`).join(', ');
    out.push(`**10. Cohort preview.**${carriedNote(c)} \`POST /api/cohorts/preview\` over HTTP (the exact size, judged by the cohort ledger): ${int(c.definitions)} definitions of a builder session (condition groups, age floors, alive, enrolled, a lab threshold, an encounter within 30 days of a diagnosis, an OR, a NOT), each asked once new (the cohort ledger sizes, compares and records it) and then repeated. ` +
      `New: p50 / p95 / max **${ms(c.fresh.p50)} / ${ms(c.fresh.p95)} / ${ms(c.fresh.max)} ms**; repeated: ${ms(c.repeat.p50)} / ${ms(c.repeat.p95)} / ${ms(c.repeat.max)} ms (answers: ${statuses}; 409 is the ledger refusing a cohort 1–10 people from an earlier one).` +
      (c.estimate ? ` The same session as the builder asks while editing, \`POST /api/cohorts/estimate\` (rounded size and attrition steps) on a fresh server: new ${ms(c.estimate.fresh.p50)} / ${ms(c.estimate.fresh.p95)} / ${ms(c.estimate.fresh.max)} ms, repeated ${ms(c.estimate.repeat.p50)} / ${ms(c.estimate.repeat.p95)} / ${ms(c.estimate.repeat.max)} ms.` : ''));
  } else out.push(`**10. Cohort preview.** ${missing(c)}`);
  return out.join('\n\n');
}
