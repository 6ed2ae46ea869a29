// Sharded PostgreSQL against DuckDB: a coordinator and two shard clusters of PostgreSQL 15 on loopback
// ports, a small warehouse published by the real `popsight publish`, and every measure × stratifier ×
// period of the catalog, written in two phases over the sharded person rows, giving DuckDB's cells;
// the plan showing each shard's aggregate pushed down and the shards scanned at once; a second publish
// swapping in without a reader seeing half of it; the API, cohort previews and the cohort ledger
// answering as the DuckDB server does, characterizations and comparisons of saved cohorts included, their
// aggregates pushed to the shards.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMeasureSql, type MeasureQuery, type Period } from '../../core/measures/build-measure-sql.ts';
import { findMeasure, MEASURES } from '../../core/measures/catalog.ts';
import { DIMENSION_NAMES } from '../../core/measures/dimensions.ts';
import { measureCellCatalog, type CellCatalog } from '../../core/measures/measure-cells.ts';
import { openDatabase, type Database, type SqlValue } from '../../core/warehouse/database.ts';
import { duckdbDialect } from '../../core/warehouse/dialect/duckdb.ts';
import { postgresDialect, postgresShardedDialect } from '../../core/warehouse/dialect/postgres.ts';
import { mostRowsPerPersonSql, populationSql } from '../../core/warehouse/warehouse-facts-sql.ts';
import { findPgBin, startPgCluster, type PgCluster } from '../../bench/pg-cluster.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { crossTableQuery, runMeasure } from '../../core/measures/run-measure.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { perturbCount } from '../../core/disclosure/cell-key.ts';
import { DEFAULT_TABLE } from '../../core/measures/perturb-cell.ts';
import { openPostgresPool, postgresDatabase } from '../../server/warehouse/postgres-database.ts';
import { runPopsight } from '../helpers/run-popsight.ts';
import { costSql, demographicsSql, diagnosesSql, sharedDescriptionsSql } from '../../core/cohorts/build-profile-sql.ts';
import { CONDITION_VALUE_SETS } from '../../core/cohorts/value-sets.ts';
import { characterizeCohort } from '../../core/cohorts/characterize-cohort.ts';
import { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import type { CohortCriteria } from '../../core/cohorts/cohort-query.ts';
import { MemberSet } from '../../core/cohorts/member-set.ts';
import { memberBitmap } from '../../core/cohorts/postgres-members.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';
import { independentDimensionValuePeople, independentPopulation } from '../helpers/independent-facts.ts';

type Row = Record<string, unknown>;

const bin = await findPgBin();
if (!bin) console.warn('postgres-shards: skipped, no PostgreSQL binaries (install postgresql-15 or set POPSIGHT_PG_BIN to the folder holding initdb and pg_ctl)');

const SETTINGS = ['shared_buffers=32MB', 'work_mem=16MB', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_worker_processes=4'];
const PERIODS: Period[] = ['year', 'quarter', 'month', 'all'];
const SHARDS = 2;

const urlOf = (cluster: PgCluster) => `postgres://${cluster.user}@127.0.0.1:${cluster.port}/postgres`;

describe.skipIf(!bin)('measures on a sharded PostgreSQL (a coordinator, two shards, postgres_fdw)', () => {
  let built: TestWarehouse;
  let db: Database;
  let coordinator: PgCluster;
  let shards: PgCluster[];
  let client: pg.Client;
  let cells: CellCatalog;

  const publish = () => runPopsight(['publish', '--warehouse', built.warehouse, '--engine', urlOf(coordinator), ...shards.flatMap((s) => ['--shard', urlOf(s)])]);

  beforeAll(async () => {
    const clusters = Promise.all(Array.from({ length: SHARDS + 1 }, () => startPgCluster(bin!, () => undefined, SETTINGS)));
    built = await buildTestWarehouse({ people: 300, seed: 12 });
    [coordinator, ...shards] = await clusters;
    const published = await publish();
    expect(published.code, published.stderr).toBe(0);
    db = await openDatabase(built.warehouse, { readOnly: true });
    cells = await measureCellCatalog(db);
    client = new pg.Client({ connectionString: urlOf(coordinator) });
    await client.connect();
  }, 240_000);
  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await Promise.all([coordinator, ...(shards ?? [])].filter(Boolean).map((c) => c.stop()));
    db?.close();
    built?.remove();
  });

  it('puts each person\'s rows on one shard, the one their record key names modulo the shard count', async () => {
    const expected = await db.query<{ shard: number; rows: number; people: number }>(
      `SELECT record_key % ${SHARDS} AS shard, count(*)::INTEGER AS rows, count(DISTINCT person_id)::INTEGER AS people FROM mart.person_year GROUP BY 1 ORDER BY 1`);
    expect(expected.map((r) => r.shard)).toEqual([0, 1]);
    for (const [n, cluster] of shards.entries()) {
      const shard = new pg.Client({ connectionString: urlOf(cluster) });
      await shard.connect();
      try {
        const [schema] = (await shard.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'popsight\\_p%'`)).rows;
        const { rows } = await shard.query(`SELECT count(*)::int AS rows, count(DISTINCT person_id)::int AS people, min(shard) AS low, max(shard) AS high FROM "${schema!.nspname}".mart__person_year`);
        expect(rows[0]).toEqual({ rows: expected[n]!.rows, people: expected[n]!.people, low: n, high: n });
      } finally {
        await shard.end();
      }
    }
    // The coordinator sees the union, partition by partition.
    const { rows } = await client.query('SELECT count(*)::int AS rows FROM mart.person_year');
    expect(rows[0].rows).toBe(expected.reduce((sum, r) => sum + r.rows, 0));
  });

  // Every measure by each of its stratifiers yearly, and in every period whole and by one stratifier (a
  // different one per measure, so the catalog crosses every stratifier with every period): ~700 queries a
  // side, where the full cross (~1,700) took minutes on two busy cores without covering another SQL shape.
  it('gives DuckDB\'s cells for every measure × stratifier and every measure × period of the catalog, over the sharded person rows', async () => {
    let compared = 0;
    for (const [m, measure] of MEASURES.entries()) {
      const stratifiers = measure.stratifiers ?? DIMENSION_NAMES;
      const rotating = stratifiers[m % stratifiers.length]!;
      const queries: MeasureQuery[] = [
        ...stratifiers.map((d): MeasureQuery => ({ measure, period: 'year', by: [d], filters: {} })),
        ...PERIODS.flatMap((period) => [[], [rotating]].map((by): MeasureQuery => ({ measure, period, by, filters: {} }))),
      ];
      // One round trip per measure: the person-row queries bind no value, so they go as one script.
      const built = queries.map((query) => ({ query, duck: buildMeasureSql(query, undefined, duckdbDialect), post: buildMeasureSql(query, undefined, postgresShardedDialect) }));
      for (const b of built) expect(b.post.values).toEqual([]);
      const results = (await client.query(built.map((b) => b.post.sql).join(';\n'))) as unknown as pg.QueryResult[];
      for (const [i, b] of built.entries()) {
        const expected = await db.query<Row>(b.duck.sql, b.duck.values as SqlValue[]);
        expectSameRows(results[i]!.rows as Row[], expected, `${measure.id} ${b.query.period} by ${b.query.by.join('') || 'nothing'}`);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(5_000);
  }, 180_000);

  it('gives DuckDB\'s cells for the pre-aggregated cells on the coordinator and for filtered and age-group queries', async () => {
    const rate = findMeasure('diabetes-incidence')!;
    const ratio = findMeasure('cost-pmpm')!;
    const [{ payer }] = await db.query<{ payer: string }>('SELECT payer FROM mart.person_year GROUP BY payer ORDER BY count(*) DESC, payer LIMIT 1');
    const shapes: [MeasureQuery, boolean][] = [
      [crossTableQuery({ measure: rate, period: 'year', by: ['sex'], filters: { payer } }).crossTable, true],
      [{ measure: ratio, period: 'quarter', by: ['county'], filters: { payer } }, false],
      [{ measure: rate, period: 'year', by: ['sex'], filters: {}, byStdAgeGroup: true }, false],
      [{ measure: ratio, period: 'all', by: ['payer'], filters: {} }, true],
    ];
    for (const [query, withCells] of shapes) {
      const duck = buildMeasureSql(query, withCells ? cells : undefined, duckdbDialect);
      const post = buildMeasureSql(query, withCells ? cells : undefined, postgresShardedDialect);
      const expected = await db.query<Row>(duck.sql, duck.values as SqlValue[]);
      expect(expected.length).toBeGreaterThan(0);
      expectSameRows((await client.query(post.sql, post.values)).rows as Row[], expected, `${query.measure.id} ${query.period}`);
    }
  });

  it('pushes each shard\'s partial aggregate down to it and scans the shards asynchronously', async () => {
    const query: MeasureQuery = { measure: findMeasure('cost-pmpm')!, period: 'quarter', by: ['race'], filters: {} };
    const { sql } = buildMeasureSql(query, undefined, postgresShardedDialect);
    const plan = (await client.query(`EXPLAIN (VERBOSE, COSTS OFF) ${sql}`)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
    expect(plan.match(/Async Foreign Scan/g), plan).toHaveLength(SHARDS);
    expect(plan.match(/Relations: Aggregate on \(mart\.person_quarter_shard_\d [^)]*\)/g), plan).toHaveLength(SHARDS);
    expect(plan.match(/Remote SQL: SELECT shard, .* GROUP BY 1, 2, 3/g), plan).toHaveLength(SHARDS);
    // No person row crosses to the coordinator: nothing but the shards' aggregates is scanned there.
    expect(plan).not.toMatch(/Foreign Scan on mart\.person_quarter/);
  });

  // Issue 20: the population and the most rows per person were read one row per person on the coordinator
  // (the record key's convert_to() is not shipped; a count per key then its max is an aggregate over an
  // aggregate), 39 s of the first request at a million people. Publish stores the key in core.person and
  // each key's yearly rows; each shard must then return one row of each, its aggregate in its Remote SQL.
  it('counts the population and the most rows per person on the shards, one row from each, with the warehouse\'s values', async () => {
    const cases = [
      { sql: populationSql(postgresShardedDialect), remote: /Remote SQL: SELECT shard, count\(\*\), sum\(record_key\) FROM popsight_p\w+\.core__person GROUP BY 1$/m, relation: 'core.person' },
      { sql: mostRowsPerPersonSql(postgresShardedDialect), remote: /Remote SQL: SELECT shard, max\(person_year_rows\) FROM popsight_p\w+\.mart__person_year_key_rows GROUP BY 1$/m, relation: 'mart.person_year_key_rows' },
    ];
    for (const { sql, remote, relation } of cases) {
      const plan = (await client.query(`EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF) ${sql}`)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      const scans = plan.match(/Foreign Scan.*/g) ?? [];
      expect(scans, plan).toHaveLength(SHARDS);
      for (const scan of scans) expect(scan, plan).toMatch(/\(actual rows=1 loops=1\)/);
      expect(plan.match(new RegExp(`Relations: Aggregate on \\(${relation.replace('.', '\\.')}_shard_\\d`, 'g')), plan).toHaveLength(SHARDS);
      expect(plan.match(new RegExp(remote.source, 'gm')), plan).toHaveLength(SHARDS);
    }
    // The values, computed here from the warehouse's own tables: every person, their keys summed modulo 2³²
    // (recomputed from the pseudonym by PostgreSQL's SHA-256 too), and the most yearly rows of one record key.
    const [expected] = await db.query<{ people: number; key_sum: number; most: number }>(
      `SELECT (SELECT count(*)::INTEGER FROM core.person) AS people,
              (SELECT (sum(('0x' || left(sha256('record-key:' || person_id), 8))::BIGINT) % 4294967296)::BIGINT FROM core.person) AS key_sum,
              (SELECT max(n)::INTEGER FROM (SELECT count(*) AS n FROM mart.person_year GROUP BY record_key)) AS most`);
    const [population] = (await client.query(cases[0]!.sql)).rows;
    const [most] = (await client.query(cases[1]!.sql)).rows;
    expect({ people: Number(population.people), key_sum: Number(population.key_sum), most: Number(most.most) })
      .toEqual({ people: expected!.people, key_sum: Number(expected!.key_sum), most: expected!.most });
    const recomputed = await client.query(`SELECT count(*)::int AS n FROM core.person WHERE record_key <> ${postgresDialect.recordKey('person_id')}`);
    expect(recomputed.rows[0].n).toBe(0);
    expect(expected!.most).toBeGreaterThan(1);
  });

  // Issue 20: the server's first request reads the warehouse facts (population, dimension values). The
  // load stores them and the publication copies them to the coordinator, so the server reads a few local
  // rows; a publication of a warehouse loaded before (no such tables: renamed aside here) computes them,
  // and written without the shard among their keys, postgres_fdw shipped every person row to the
  // coordinator, eleven times, over the query budget at a million people. Every statement the facts and
  // three measure requests run must scan no person row on the coordinator.
  it('reads the warehouse facts and measures with each person-row aggregate pushed to the shards', async () => {
    const pool = openPostgresPool(urlOf(coordinator));
    const factTables = ['population_fact', 'dimension_value_people'];
    try {
      for (const stored of [true, false]) {
        if (!stored) for (const table of factTables) await client.query(`ALTER TABLE etl.${table} RENAME TO ${table}_aside`);
        const statements: { sql: string; values: SqlValue[] }[] = [];
        const inner = postgresDatabase(pool, 'coordinator');
        const recording: Database = { ...inner, query: (sql, values = [], options) => (statements.push({ sql, values }), inner.query(sql, values, options)) };
        await Promise.all([warehouseMeta(recording), dimensionValues(recording)]);
        const listed = await dimensionValues(recording);
        const factStatements = statements.length;
        for (const [id, by] of [['ed-visits-per-1000', 'payer'], ['cost-pmpm', 'county'], ['diabetes-prevalence', 'sex']] as const) {
          await runMeasure(recording, { measure: findMeasure(id)!, period: 'year', by: [by], filters: {} }, { listed });
        }
        if (stored) {
          // warehouse_info, whether the facts are stored, the population, the dimension values: no person row read.
          expect(factStatements, statements.map((s) => s.sql).join('\n')).toBe(4);
          expect(statements.slice(0, factStatements).filter((s) => /\b(mart|core)\./.test(s.sql))).toEqual([]);
        } else {
          // The facts (warehouse_info, stored?, population, most rows: 4), each of 9 dimensions' rows and its few values' people (9 to 18).
          expect(factStatements).toBeGreaterThanOrEqual(4 + 9);
          expect(factStatements).toBeLessThanOrEqual(4 + 18);
        }
        const client2 = await pool.connect();
        try {
          for (const { sql, values } of statements) {
            const plan = (await client2.query(`EXPLAIN (VERBOSE, COSTS OFF) ${sql}`, values)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
            const rowScans = plan.match(/Foreign Scan on (mart|core)\.\w+/g) ?? [];
            expect(rowScans, `${sql}\n${plan}`).toEqual([]);
            if (/\bmart\.person_year\b/.test(sql)) expect(plan.match(/Relations: Aggregate on \(mart\.person_year_shard_\d/g), `${sql}\n${plan}`).toHaveLength(SHARDS);
          }
        } finally {
          client2.release();
        }
      }
    } finally {
      for (const table of factTables) await client.query(`ALTER TABLE IF EXISTS etl.${table}_aside RENAME TO ${table}`);
      await pool.end();
    }
  });

  it('copies the facts the load stored to the coordinator as local tables, equal to the people counted from the warehouse', async () => {
    const { rows: kinds } = await client.query<{ name: string; relkind: string }>(
      `SELECT relname AS name, relkind FROM pg_class WHERE relnamespace = 'etl'::regnamespace AND relname IN ('population_fact', 'dimension_value_people') ORDER BY 1`);
    expect(kinds).toEqual([{ name: 'dimension_value_people', relkind: 'r' }, { name: 'population_fact', relkind: 'r' }]);
    const { rows: [population] } = await client.query('SELECT people::int AS people, key_sum::bigint AS key_sum FROM etl.population_fact');
    expect({ people: population.people, key_sum: Number(population.key_sum) }).toEqual(await independentPopulation(db));
    const { rows } = await client.query('SELECT dimension, value, people::int AS people FROM etl.dimension_value_people');
    const byKey = (a: Row, b: Row) => String(a.dimension).localeCompare(String(b.dimension)) || String(a.value).localeCompare(String(b.value));
    expect(rows.sort(byKey)).toEqual(await independentDimensionValuePeople(db));
  });

  // Runs before the next test, which publishes the test warehouse again.
  it('publishes a warehouse loaded before the stored facts: the coordinator has no fact tables and gives the same facts, computed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'popsight-shards-old-style-'));
    const pool = openPostgresPool(urlOf(coordinator));
    try {
      const oldStyle = join(folder, 'old-style.duckdb');
      copyFileSync(built.warehouse, oldStyle);
      const old = await openDatabase(oldStyle);
      await old.run('DROP TABLE etl.population_fact');
      await old.run('DROP TABLE etl.dimension_value_people');
      old.close();
      const published = await runPopsight(['publish', '--warehouse', oldStyle, '--engine', urlOf(coordinator), ...shards.flatMap((s) => ['--shard', urlOf(s)])]);
      expect(published.code, published.stderr).toBe(0);
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'etl'::regnamespace AND relname IN ('population_fact', 'dimension_value_people')`);
      expect(rows[0].n).toBe(0);
      const sharded = postgresDatabase(pool, 'coordinator');
      for (const exactCounts of [true, false]) {
        expect(await dimensionValues(sharded, { exactCounts })).toEqual(await dimensionValues(db, { exactCounts }));
        expect(await warehouseMeta(sharded, { exactCounts })).toEqual(await warehouseMeta(db, { exactCounts }));
      }
    } finally {
      await pool.end();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);

  // Issue 20: the admin pages' load records (the load history, the quarantine, the data-quality checks) are
  // copied to the coordinator, so those routes answer from PostgreSQL as from DuckDB. A warehouse with a
  // second load, quarantined rows and a second quality run (appended here: the same timestamps to the
  // microsecond, so the order of runs is the rows' order), exact and protected; then a publication made
  // before the copies (the tables renamed aside) is refused by name, asking for a new publish.
  it('answers the load history, quarantine and data quality from the coordinator as the DuckDB server does; an older publication is refused by name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'popsight-shards-loads-'));
    const servers: RunningServer[] = [];
    const aside = ['runs', 'file_counts', 'quarantine'];
    try {
      const loaded = join(folder, 'loaded-twice.duckdb');
      copyFileSync(built.warehouse, loaded);
      const copy = await openDatabase(loaded);
      await copy.run(`INSERT INTO etl.runs SELECT 'run-again', started_at + INTERVAL 1 DAY, finished_at + INTERVAL 1 DAY + INTERVAL 1234567 MICROSECOND,
                      source, format, layout, status, message, content_hash FROM etl.runs`);
      await copy.run(`INSERT INTO etl.file_counts SELECT 'run-again', file, read + 20, loaded, quarantined + 20 FROM etl.file_counts`);
      await copy.run(`INSERT INTO etl.quarantine SELECT 'run-again', 'encounters.csv', 600 + i, CASE WHEN i % 2 = 0 THEN 'start' ELSE 'patient' END,
                      'value ' || i, CASE WHEN i < 14 THEN 'not a date' ELSE 'unknown patient' END FROM range(0, 20) AS t(i)`);
      // Three rows, as many as a group of encounters.csv: byte order puts 'Zeta.csv' first among them.
      await copy.run(`INSERT INTO etl.quarantine SELECT 'run-again', 'Zeta.csv', 9 + i, 'code', 'x', 'not a code' FROM range(0, 3) AS t(i)`);
      await copy.run(`INSERT INTO quality.results SELECT 'quality-again', check_id, category, subcategory, description, rows_checked, rows_failed + 1,
                      percent_failed + 0.123456789, threshold, CASE WHEN status = 'pass' THEN 'fail' ELSE 'pass' END, comparison, severity, checked_at FROM quality.results`);
      const [counts] = await copy.query<{ runs: number; quarantined: number; checks: number }>(
        `SELECT (SELECT count(*) FROM etl.runs)::INTEGER AS runs, (SELECT count(*) FROM etl.quarantine)::INTEGER AS quarantined, (SELECT count(DISTINCT run_id) FROM quality.results)::INTEGER AS checks`);
      copy.close();
      expect([counts!.runs, counts!.checks]).toEqual([2, 2]);
      expect(counts!.quarantined).toBeGreaterThanOrEqual(23);
      const published = await runPopsight(['publish', '--warehouse', loaded, '--engine', urlOf(coordinator), ...shards.flatMap((s) => ['--shard', urlOf(s)])]);
      expect(published.code, published.stderr).toBe(0);
      const { rows: kinds } = await client.query(`SELECT n.nspname || '.' || c.relname AS name, c.relkind FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE (n.nspname, c.relname) IN (('etl', 'runs'), ('etl', 'file_counts'), ('etl', 'quarantine'), ('quality', 'results')) ORDER BY 1`);
      expect(kinds).toEqual(['etl.file_counts', 'etl.quarantine', 'etl.runs', 'quality.results'].map((name) => ({ name, relkind: 'r' })));

      const paths = ['/api/loads', '/api/quarantine', '/api/quality', '/api/quality/history'];
      for (const exactCounts of [true, false]) {
        const pair = [
          await startServer({ warehouse: loaded, port: 0, stateDir: join(folder, `duckdb-${exactCounts}`), exactCounts }),
          await startServer({ engine: urlOf(coordinator), port: 0, stateDir: join(folder, `postgres-${exactCounts}`), exactCounts }),
        ];
        servers.push(...pair);
        for (const path of paths) {
          const [a, b] = await Promise.all(pair.map((server) => fetch(server.url + path)));
          expect([path, b!.status, a!.status]).toEqual([path, 200, 200]);
          const [expected, actual] = [await a!.json(), await b!.json()];
          expectSameJson(actual, expected, `${path} (exact counts: ${exactCounts})`);
          if (path === '/api/loads') expect(expected.runs.map((r: { runId: string }) => r.runId), path).toEqual(['run-again', expect.any(String)]);
          if (path === '/api/quarantine' && exactCounts) {
            // By hand: the last load's rows by file, field and reason, largest first, then in byte order.
            expect(expected.groups.map((g: { file: string; field: string; reason: string; rows: number }) => [g.file, g.field, g.reason, g.rows])).toEqual([
              ['encounters.csv', 'patient', 'not a date', 7], ['encounters.csv', 'start', 'not a date', 7],
              ['Zeta.csv', 'code', 'not a code', 3], ['encounters.csv', 'patient', 'unknown patient', 3], ['encounters.csv', 'start', 'unknown patient', 3],
            ]);
          }
          if (path === '/api/quality/history') expect(expected.runs.length, path).toBe(2);
        }
      }
      // By hand: the second load's seconds, its first's and 1.234567 s more, counted in whole milliseconds.
      const loads = (await (await fetch(`${servers[1]!.url}/api/loads`)).json()) as { runs: { runId: string; seconds: number }[] };
      const [first] = await db.query<{ start: number; finish: number }>('SELECT epoch_us(started_at)::DOUBLE AS start, epoch_us(finished_at)::DOUBLE AS finish FROM etl.runs');
      const [start, finish] = [first!.start + 86_400e6, first!.finish + 86_400e6 + 1_234_567];
      expect(loads.runs[0]!.seconds).toBeCloseTo((Math.floor(finish / 1000) - Math.floor(start / 1000)) / 1000, 9);

      for (const table of aside) await client.query(`ALTER TABLE etl.${table} RENAME TO ${table}_aside`);
      const older = await startServer({ engine: urlOf(coordinator), port: 0, stateDir: join(folder, 'older') });
      servers.push(older);
      for (const path of paths) {
        const response = await fetch(older.url + path);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect([path, response.status, body.error.code]).toEqual([path, 501, 'engine_unsupported']);
        expect(body.error.message).toMatch(/publication was made before it carried the load records.*publish it again with popsight publish/);
      }
    } finally {
      for (const table of aside) await client.query(`ALTER TABLE IF EXISTS etl.${table}_aside RENAME TO ${table}`);
      for (const server of servers) await server.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);

  it('publishes again as one swap: a reader throughout sees the whole population every time, and one publication remains', async () => {
    const [{ rows: people }] = await db.query<{ rows: number }>('SELECT count(*)::INTEGER AS rows FROM mart.person_year');
    const reader = new pg.Client({ connectionString: urlOf(coordinator) });
    await reader.connect();
    let reading = true;
    const counts: number[] = [];
    const errors: string[] = [];
    const reads = (async () => {
      while (reading) {
        try {
          counts.push((await reader.query('SELECT count(*)::int AS rows FROM mart.person_year')).rows[0].rows);
        } catch (error) {
          errors.push(String(error));
        }
      }
    })();
    const again = await publish();
    reading = false;
    await reads;
    await reader.end();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/1 earlier publication removed/);
    expect(errors).toEqual([]);
    expect(counts.length).toBeGreaterThan(5);
    expect(new Set(counts)).toEqual(new Set([people]));
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_namespace WHERE obj_description(oid, 'pg_namespace') LIKE 'popsight publication %'`);
    expect(rows[0].n).toBe(4); // mart, core, etl and quality of the new publication
    const servers = await client.query('SELECT count(*)::int AS n FROM pg_foreign_server');
    expect(servers.rows[0].n).toBe(SHARDS);
  }, 120_000);

  it('serves the API from the sharded PostgreSQL with the answers the DuckDB server gives: facts, dimensions, measures, trends', async () => {
    const state = mkdtempSync(join(tmpdir(), 'popsight-shards-state-'));
    const servers: RunningServer[] = [];
    try {
      servers.push(await startServer({ warehouse: built.warehouse, port: 0, stateDir: join(state, 'duckdb') }));
      servers.push(await startServer({ engine: urlOf(coordinator), port: 0, stateDir: join(state, 'postgres') }));
      const [duck, post] = servers.map((s) => s.url) as [string, string];
      const [{ payer }] = await db.query<{ payer: string }>('SELECT payer FROM mart.person_year GROUP BY payer ORDER BY count(*) DESC, payer LIMIT 1');
      const paths = [
        '/api/meta',
        '/api/dimensions',
        '/api/measures/diabetes-prevalence?by=sex', // the cells on the coordinator
        `/api/measures/cost-pmpm?by=race&payer=${encodeURIComponent(payer)}`,
        '/api/measures/cost-pmpm?period=quarter&by=race', // two phases over the shards
        '/api/measures/diabetes-incidence?period=all&by=ageBand&adjust=age',
        '/api/measures/ed-visits-per-1000?period=month&by=sex',
        '/api/measures/top-5-percent-cost-share?period=all', // a top share: the shards' rows ranked on the coordinator
        '/api/measures/hypertension-prevalence/trend?by=sex',
        '/api/measures/diabetes-prevalence/trend?by=payer&adjust=age',
        '/api/measures/cost-pmpm/trend?by=payer',
      ];
      let cells = 0;
      for (const path of paths) {
        const [a, b] = await Promise.all([fetch(duck + path), fetch(post + path)]);
        expect([path, b.status]).toEqual([path, a.status]);
        expect(a.status, path).toBe(200);
        const [expected, actual] = [await a.json(), await b.json()];
        expectSameJson(actual, expected, path);
        cells += Array.isArray(expected.rows) ? expected.rows.length : 0;
      }
      expect(cells).toBeGreaterThan(100);
    } finally {
      for (const server of servers) await server.close();
      rmSync(state, { recursive: true, force: true });
    }
  }, 120_000);

  // Cohorts on the PostgreSQL engine (issue 20, deliver 2): a definition's members are found by the same
  // SQL written for PostgreSQL over the core tables the publication carries on the shards, so every
  // preview, attrition step and ledger verdict must be the DuckDB server's, and a measure filtered by a
  // saved cohort must give its cells (characterizations and comparisons: the next tests).
  it('previews, saves and admits cohorts from the sharded PostgreSQL as the DuckDB server does: the same sizes, steps and ledger verdicts', async () => {
    const state = mkdtempSync(join(tmpdir(), 'popsight-shards-cohorts-'));
    const servers: RunningServer[] = [];
    try {
      servers.push(await startServer({ warehouse: built.warehouse, port: 0, stateDir: join(state, 'duckdb') }));
      servers.push(await startServer({ engine: urlOf(coordinator), port: 0, stateDir: join(state, 'postgres') }));
      const [duck, post] = servers.map((s) => s.url) as [string, string];
      const send = (base: string, method: string, path: string, body?: unknown) =>
        fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const both = async (method: string, path: string, body?: unknown) => {
        const [a, b] = await Promise.all([send(duck, method, path, body), send(post, method, path, body)]);
        const [expected, actual] = [await a.json(), await b.json()];
        expect([path, JSON.stringify(body), b.status, actual]).toEqual([path, JSON.stringify(body), a.status, expected]);
        return { status: a.status, body: expected as Record<string, any> };
      };

      // Women, found independently in the warehouse: their count and key sum give the published size.
      const [women] = await db.query<{ n: number; key_sum: bigint }>(
        `SELECT count(*)::INTEGER AS n, (sum(('0x' || left(sha256('record-key:' || person_id), 8))::BIGINT) % 4294967296)::BIGINT AS key_sum FROM core.person WHERE sex = 'F'`);
      const preview = await both('POST', '/api/cohorts/preview', { criteria: { sex: 'F' } });
      expect(preview.status).toBe(200);
      expect(preview.body.size).toEqual({ value: perturbCount(DEFAULT_TABLE, women!.n, women!.key_sum), suppressed: false });

      const definitions = [
        { criteria: { encounter: { class: 'wellness', minCount: 10 } } },
        { criteria: { all: [{ condition: { group: 'obesity' } }, { not: { sex: 'M' } }] } },
        { criteria: { lab: { code: '39156-5', op: '>=', value: 30, between: ['2015-01-01', '2024-12-31'] } } },
        { criteria: { encounter: { class: 'emergency', within: { days: 365, after: { condition: { codes: ['59621000'] } } } } } },
        { criteria: { any: [{ age: { min: 65 } }, { payer: { category: 'Medicaid', between: ['2020-01-01', '2020-12-31'] } }] } },
        { criteria: { medication: { codes: ['1870230', '314076'] } } },
        { criteria: { all: [{ alive: true }, { enrolled: { before: 365 } }, { age: { min: 18, max: 64, at: '2020-06-30' } }] } },
        { criteria: { condition: { group: 'hypertension' } }, indexDate: '2019-12-31' },
        { criteria: { all: [{ payer: { category: ['Medicare', 'Commercial'] } }, { age: { min: 50 } }] } },
      ];
      let shown = 0;
      for (const definition of definitions) {
        const answer = await both('POST', '/api/cohorts/preview', definition);
        if (answer.status === 200 && !answer.body.size.suppressed && answer.body.size.value >= 11) shown += 1;
      }
      expect(shown).toBeGreaterThanOrEqual(4);
      const attrition = await both('POST', '/api/cohorts/attrition', { criteria: { all: [{ sex: 'F' }, { age: { min: 40 } }, { condition: { group: 'hypertension' } }] } });
      expect(attrition.body.steps).toHaveLength(3);

      // The ledger: women but the oldest 1–10 of them, against women, is refused on both.
      const [{ k }] = await db.query<{ k: number }>(
        `SELECT min(k)::INTEGER AS k FROM range(1, 120) AS t(k)
         WHERE (SELECT count(*) FROM core.person, (SELECT max(start_ts)::DATE AS d FROM core.encounter) AS i
                WHERE sex = 'F' AND (age_90_plus OR date_sub('year', birth_date, i.d) >= k)) BETWEEN 1 AND 10`);
      const near = await both('POST', '/api/cohorts/preview', { criteria: { all: [{ sex: 'F' }, { not: { age: { min: k } } }] } });
      expect([near.status, near.body.error.code]).toEqual([409, 'cohort_too_close']);

      // Saved, then a measure of its members: the same cells from both.
      const saved = await Promise.all([duck, post].map(async (base) => {
        const response = await send(base, 'POST', '/api/cohorts', { name: 'Women', criteria: { sex: 'F' } });
        expect(response.status).toBe(201);
        return ((await response.json()) as { id: string }).id;
      }));
      const [a, b] = await Promise.all([duck, post].map((base, i) => fetch(`${base}/api/measures/diabetes-prevalence?by=race&period=all&cohort=${saved[i]}`)));
      const [expected, actual] = [await a!.json(), await b!.json()];
      expect([b!.status, a!.status]).toEqual([200, 200]);
      expectSameJson(actual.rows, expected.rows, 'diabetes-prevalence of the saved cohort');
      expect(expected.rows.length).toBeGreaterThan(0);

    } finally {
      for (const server of servers) await server.close();
      rmSync(state, { recursive: true, force: true });
    }
  }, 240_000);

  // Issue 20: a characterization and a comparison on the PostgreSQL engine read the members' breakdowns,
  // diagnoses and cost in two phases over the shards; the published JSON must be the DuckDB server's, with
  // perturbed counts (the default) and with exact counts and complementary suppression, and a count must
  // be the one computed here by hand from the warehouse.
  for (const exactCounts of [false, true]) {
    it(`characterizes and compares saved cohorts from the sharded PostgreSQL as the DuckDB server does (${exactCounts ? 'exact counts' : 'perturbed counts'})`, async () => {
      const state = mkdtempSync(join(tmpdir(), 'popsight-shards-profile-'));
      const servers: RunningServer[] = [];
      try {
        servers.push(await startServer({ warehouse: built.warehouse, port: 0, stateDir: join(state, 'duckdb'), exactCounts }));
        servers.push(await startServer({ engine: urlOf(coordinator), port: 0, stateDir: join(state, 'postgres'), exactCounts }));
        const [duck, post] = servers.map((s) => s.url) as [string, string];
        const definitions = [
          { name: 'Women', criteria: { sex: 'F' } },
          { name: 'Hypertension', criteria: { condition: { group: 'hypertension' } } },
          { name: 'Adults at mid-2020', criteria: { age: { min: 18 } }, indexDate: '2020-06-30' },
        ];
        // The same cohorts saved on both servers (each gives its own ids).
        const ids = await Promise.all([duck, post].map(async (base) => {
          const saved: string[] = [];
          for (const definition of definitions) {
            const response = await fetch(`${base}/api/cohorts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(definition) });
            expect(response.status, await response.clone().text()).toBe(201);
            saved.push(((await response.json()) as { id: string }).id);
          }
          return saved;
        }));
        const both = async (path: (ids: string[]) => string) => {
          const [a, b] = await Promise.all([duck, post].map((base, i) => fetch(base + path(ids[i]!))));
          const [expected, actual] = [await a!.json(), await b!.json()];
          expect([path(ids[1]!), b!.status, a!.status]).toEqual([path(ids[1]!), 200, 200]);
          return { expected: withoutIds(expected), actual: withoutIds(actual) };
        };

        for (const i of definitions.keys()) {
          const { expected, actual } = await both((saved) => `/api/cohorts/${saved[i]}/characterization`);
          expectSameJson(actual, expected, `characterization of ${definitions[i]!.name}`);
          expect(expected.breakdowns, definitions[i]!.name).not.toBeNull();
          expect(expected.topConditions.length, definitions[i]!.name).toBeGreaterThan(0);
          expect(expected.costPmpm.pmpm, definitions[i]!.name).not.toBeNull();
        }
        for (const [a, b] of [[0, 1], [1, 2]] as const) {
          const { expected, actual } = await both((saved) => `/api/cohorts/compare?a=${saved[a]}&b=${saved[b]}`);
          expectSameJson(actual, expected, `comparison of ${definitions[a]!.name} and ${definitions[b]!.name}`);
          expect(expected.rows.filter((r: { suppressed: boolean }) => !r.suppressed).length).toBeGreaterThan(5);
        }

        // By hand: women by race, and women with a hypertension diagnosis by the last day of data, with their key sums.
        const keySum = `(sum(('0x' || left(sha256('record-key:' || p.person_id), 8))::BIGINT) % 4294967296)::BIGINT`;
        const byRace = await db.query<{ race: string; n: number; key_sum: number }>(
          `SELECT coalesce(race, 'unknown') AS race, count(*)::INTEGER AS n, ${keySum} AS key_sum FROM core.person AS p WHERE sex = 'F' GROUP BY 1`);
        const [{ n: women, key_sum: womenKey }] = await db.query<{ n: number; key_sum: number }>(`SELECT count(*)::INTEGER AS n, ${keySum} AS key_sum FROM core.person AS p WHERE sex = 'F'`);
        const [hypertensive] = await db.query<{ n: number; key_sum: number }>(
          `SELECT count(*)::INTEGER AS n, ${keySum} AS key_sum FROM core.person AS p WHERE sex = 'F' AND person_id IN (
             SELECT person_id FROM core.condition WHERE code IN (${CONDITION_VALUE_SETS.get('hypertension')!.map((c) => `'${c}'`).join(', ')})
               AND start_date <= (SELECT max(start_ts)::DATE FROM core.encounter))`);
        const publish = (n: number, key: number, size: number) => {
          const shown = exactCounts ? n : Math.min(perturbCount(DEFAULT_TABLE, n, key), size);
          return shown >= 1 && shown <= 10 ? null : shown;
        };
        const women1 = (await (await fetch(`${post}/api/cohorts/${ids[1]![0]}/characterization`)).json()) as any;
        const size = exactCounts ? women : perturbCount(DEFAULT_TABLE, women, womenKey);
        expect(women1.size).toEqual({ value: size, suppressed: false });
        const shownRaces = byRace.filter((r) => publish(r.n, Number(r.key_sum), size) !== null);
        expect(shownRaces.length).toBeGreaterThan(0);
        for (const r of shownRaces) {
          const cell = women1.breakdowns.race.find((c: { value: string }) => c.value === r.race);
          // Exact counts may also hide a complement of a small cell: a shown cell must carry the hand count.
          if (!exactCounts || !cell.suppressed) expect([r.race, cell.count]).toEqual([r.race, publish(r.n, Number(r.key_sum), size)]);
        }
        const group = women1.conditionGroups.find((c: { value: string }) => c.value === 'hypertension');
        expect(group.count).toBe(publish(hypertensive!.n, Number(hypertensive!.key_sum), size));
        expect(hypertensive!.n).toBeGreaterThan(10);
      } finally {
        for (const server of servers) await server.close();
        rmSync(state, { recursive: true, force: true });
      }
    }, 240_000);
  }

  it('reads a characterization\'s breakdowns, diagnoses, cost and shared descriptions with every aggregate pushed to the shards', async () => {
    const { rows: people } = await client.query<{ person_number: string }>("SELECT person_number FROM core.person WHERE sex = 'F'");
    const numbers = people.map((p) => Number(p.person_number));
    const members = { bitmap: memberBitmap(MemberSet.fromRows(Math.max(...numbers) + 1, numbers)), indexDate: '2020-12-31' };
    const built = [
      demographicsSql(postgresShardedDialect, members),
      diagnosesSql(postgresShardedDialect, members, CONDITION_VALUE_SETS, true),
      costSql(postgresShardedDialect, members),
      sharedDescriptionsSql(postgresShardedDialect, [{ system: 'SNOMED', code: '59621000' }], 11),
    ];
    for (const { sql, values } of built) {
      const plan = (await client.query(`EXPLAIN (VERBOSE, COSTS OFF) ${sql}`, values)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      // No person row is scanned on the coordinator: every scan of a sharded table is an aggregate on its shard.
      expect(plan.match(/Foreign Scan on (mart|core)\.\w+/g) ?? [], plan).toEqual([]);
      const aggregates = plan.match(/Relations: Aggregate on \((mart|core)\.\w+_shard_\d/g) ?? [];
      expect(aggregates.length, plan).toBeGreaterThanOrEqual(SHARDS);
      expect(aggregates.length % SHARDS, plan).toBe(0);
    }
  });

  // Issue 20: a cohort's members are person numbers on PostgreSQL. The person index and each leaf criterion
  // bring integers to the coordinator, never a pseudonym; the characterization sends the members to each
  // shard as one bitset that the shard tests beside its own aggregate, never a bound list of ids.
  it('characterizes a cohort with its members as person numbers: integers cross, the membership filter and the aggregates run on each shard', async () => {
    const pool = openPostgresPool(urlOf(coordinator));
    try {
      const statements: { sql: string; values: SqlValue[] }[] = [];
      const inner = postgresDatabase(pool, 'coordinator');
      const recording: Database = { ...inner, query: (sql, values = [], options) => (statements.push({ sql, values }), inner.query(sql, values, options)) };
      const definition: CohortCriteria = { criteria: { all: [{ not: { sex: 'M' } }, { condition: { group: 'hypertension' } }] } };
      const characterization = await characterizeCohort(recording, definition, { exactCounts: true, members: new CohortMembers() });
      // By hand in the warehouse: people not male with a hypertension diagnosis, and those of them by race.
      const codes = CONDITION_VALUE_SETS.get('hypertension')!.map((c) => `'${c}'`).join(', ');
      const cohort = `SELECT * FROM core.person WHERE sex IS DISTINCT FROM 'M' AND person_id IN (SELECT person_id FROM core.condition WHERE code IN (${codes}))`;
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${cohort})`);
      expect(n).toBeGreaterThan(10);
      expect(characterization.size).toEqual({ value: n, suppressed: false });
      const byRace = await db.query<{ race: string; n: number }>(`SELECT coalesce(race, 'unknown') AS race, count(*)::INTEGER AS n FROM (${cohort}) GROUP BY 1`);
      for (const r of byRace) {
        const cell = characterization.breakdowns!.race.find((c) => c.value === r.race)!;
        if (!cell.suppressed) expect([r.race, cell.count]).toEqual([r.race, r.n]);
      }

      const ids = (await db.query<{ person_id: string }>('SELECT person_id FROM core.person')).map((p) => p.person_id);
      const bound = statements.flatMap((s) => s.values).map(String).join('\n');
      expect(ids.filter((id) => bound.includes(id)), 'a person id bound to a statement').toEqual([]);
      const checked = await pool.connect();
      let filtered = 0;
      try {
        for (const { sql, values } of statements) {
          const plan = (await checked.query(`EXPLAIN (VERBOSE, COSTS OFF) ${sql}`, values)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
          const remote = plan.match(/Remote SQL: .*/g) ?? [];
          for (const line of remote) {
            // What a shard sends back: the select list, where a pseudonym may only be counted, never listed.
            const selected = /^Remote SQL: SELECT (.*?) FROM /.exec(line)?.[1] ?? '';
            expect(selected.replaceAll('count(DISTINCT person_id)', ''), line).not.toMatch(/person_id/);
          }
          if (!sql.includes('get_bit(')) continue;
          filtered += 1;
          // The members' bitset is tested on the shard, in the statement that aggregates there: no person row reaches the coordinator.
          expect(plan.match(/Foreign Scan on (mart|core)\.\w+/g) ?? [], plan).toEqual([]);
          // Every read of person rows is a shard's aggregate; the members' ones test the bitset there (the cost's latest year reads everyone's).
          for (const line of remote.filter((l) => /FROM popsight_p\w+\.(mart|core)__/.test(l))) expect(line, plan).toMatch(/ GROUP BY 1(, \d+)*$/);
          const ofMembers = remote.filter((line) => line.includes('get_bit('));
          expect(ofMembers.length % SHARDS, plan).toBe(0);
          expect(ofMembers.length, plan).toBeGreaterThanOrEqual(SHARDS);
          for (const line of ofMembers) expect(line, plan).toMatch(/FROM popsight_p\w+\.(mart|core)__\w+ WHERE .*get_bit\(.*, person_number\) = 1.* GROUP BY 1/);
        }
      } finally {
        checked.release();
      }
      expect(filtered).toBe(3); // demographics, diagnoses, cost
    } finally {
      await pool.end();
    }
  });

  it('refuses a coordinator URL that is not a PostgreSQL URL, naming the option', async () => {
    const result = await runPopsight(['publish', '--warehouse', built.warehouse, '--engine', 'mysql://localhost/x', '--shard', urlOf(shards[0]!)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--engine: expected a PostgreSQL connection URL/);
  });
});

/** A cohort response without what differs between two servers' saves of it: ids and times. */
function withoutIds(body: any): any {
  const { id: _id, createdAt: _createdAt, ...rest } = body;
  if (rest.a) rest.a = withoutIds(rest.a);
  if (rest.b) rest.b = withoutIds(rest.b);
  return rest;
}

/** PostgreSQL's rows must be DuckDB's: same columns, keys and order; numbers to 1e-9 relative (sums in other orders; bigint arrives as a string). */
function expectSameRows(actual: Row[], expected: Row[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  expected.forEach((row, i) => {
    const other = actual[i]!;
    expect(Object.keys(other), label).toEqual(Object.keys(row));
    for (const [column, value] of Object.entries(row)) {
      if (typeof value === 'number') {
        const difference = Math.abs(Number(other[column]) - value);
        expect(difference, `${label} row ${i} ${column}: ${other[column]} against ${value}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
      } else expect(other[column], `${label} row ${i} ${column}`).toEqual(value);
    }
  });
}

/** The same JSON, numbers to 1e-9 relative (doubles summed per shard, then across shards). */
function expectSameJson(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} against ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const [key, value] of Object.entries(expected)) expectSameJson((actual as Record<string, unknown>)[key], value, `${path} ${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}
