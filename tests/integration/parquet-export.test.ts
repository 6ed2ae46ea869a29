// popsight export --parquet: a fresh in-memory DuckDB reads the export with hive partitioning, as a Spark
// or Trino user's engine would, and every table's rows, a checksum over every column, the partition
// folders, the bucket of every person and a hand-written prevalence query equal the warehouse's.
// Refusals (a non-empty folder, a missing or locked warehouse) leave nothing behind.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '../../core/loads/load-messages.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { quoteIdentifier, quoteLiteral } from '../../core/warehouse/sql.ts';
import { exportParquet, type ExportDeps } from '../../pipelines/export/export-parquet.ts';
import { EXPORT_DISCLOSURE, exportMessages } from '../../pipelines/export/export-messages.ts';
import type { Manifest } from '../../pipelines/export/export-manifest.ts';
import { runPopsight } from '../helpers/run-popsight.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

const BUCKETS = 8;
const quietDeps: ExportDeps = { clock: () => new Date(), log: () => undefined, progress: () => ({ update: () => undefined, finish: () => undefined }) };

/** The bucket as the docs define it, computed here in JavaScript: the first 8 hex digits as an integer, modulo N. */
const bucketOf = (personId: string, buckets: number) => parseInt(personId.slice(0, 8), 16) % buckets;

/** The id of a process that has ended: a partial folder named after it was left by a killed export. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

/** Every file and folder beside and under `dir`'s parent, to show a refusal left nothing behind. */
const listing = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort() : []);

describe('popsight export --parquet', () => {
  let built: TestWarehouse;
  let warehouse: Database;
  let reader: Awaited<ReturnType<typeof DuckDBInstance.create>>;
  let exportDir: string;
  let manifest: Manifest;
  let cliOutput: { code: number | null; stdout: string; stderr: string };
  /** The base tables of core and mart as the warehouse's catalog lists them, with their columns. */
  let catalog: Map<string, { name: string; type: string }[]>;

  const parquet = async <T extends Record<string, unknown>>(sql: string): Promise<T[]> => {
    const connection = await reader.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
    } finally {
      connection.closeSync();
    }
  };
  const readTable = (table: string) => `read_parquet(${quoteLiteral(`${exportDir}/${table.replace('.', '/')}/**/*.parquet`)}, hive_partitioning = true)`;

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 300, seed: 11 });
    exportDir = join(built.dir, 'exports', 'parquet');
    cliOutput = await runPopsight(['export', '--parquet', exportDir, '--warehouse', built.warehouse, '--buckets', String(BUCKETS)]);
    manifest = JSON.parse(readFileSync(join(exportDir, 'manifest.json'), 'utf8'));
    warehouse = await openDatabase(built.warehouse, { readOnly: true });
    const columns = await warehouse.query<{ t: string; name: string; type: string }>(
      `SELECT c.schema_name || '.' || c.table_name AS t, c.column_name AS name, c.data_type AS type
        FROM information_schema.tables t JOIN duckdb_columns() c ON c.schema_name = t.table_schema AND c.table_name = t.table_name
        WHERE t.table_schema IN ('core', 'mart') AND t.table_type = 'BASE TABLE' ORDER BY t, c.column_index`,
    );
    catalog = new Map();
    for (const c of columns) catalog.set(c.t, [...(catalog.get(c.t) ?? []), { name: c.name, type: c.type }]);
    reader = await DuckDBInstance.create(':memory:');
  }, 300_000);
  afterAll(() => {
    warehouse?.close();
    reader?.closeSync();
    built?.remove();
  });

  it('runs as a command: a progress line per table and a closing line, exit 0', () => {
    expect(cliOutput.code, cliOutput.stderr).toBe(0);
    for (const table of catalog.keys()) expect(cliOutput.stderr).toMatch(new RegExp(`^${table.replace('.', '\\.')} .*rows in \\d+ files?`, 'm'));
    expect(cliOutput.stderr).toContain(`Exported ${catalog.size} tables`);
    expect(cliOutput.stderr).toContain('Not for publication');
  });

  it('exports every core and mart base table, not the person_period view, etl.*, quality.* or the state', () => {
    expect(manifest.tables.map((t) => t.name).sort()).toEqual([...catalog.keys()].sort());
    expect(catalog.has('mart.person_year') && catalog.has('mart.measure_cells_demographic') && catalog.has('core.person')).toBe(true);
    expect(manifest.tables.some((t) => /person_period|^etl\.|^quality\./.test(t.name))).toBe(false);
    expect(readdirSync(exportDir).sort()).toEqual(['core', 'manifest.json', 'mart']);
  });

  it('gives each table’s row count and a checksum over all its columns equal to the warehouse’s', async () => {
    for (const [table, columns] of catalog) {
      const row = `row(${columns.map((c) => quoteIdentifier(c.name)).join(', ')})`;
      const checksum = (from: string) => `SELECT count(*)::BIGINT AS n, coalesce(sum(hash(${row})::HUGEINT), 0)::VARCHAR AS checksum FROM ${from}`;
      const [expected] = await warehouse.query<{ n: number; checksum: string }>(checksum(table));
      const entry = manifest.tables.find((t) => t.name === table)!;
      expect(entry.rows, table).toBe(expected.n);
      if (expected.n === 0) {
        expect(entry.files, table).toEqual([]);
        continue;
      }
      const [actual] = await parquet<{ n: bigint; checksum: string }>(checksum(readTable(table)));
      expect({ table, n: Number(actual.n), checksum: actual.checksum }).toEqual({ table, n: expected.n, checksum: expected.checksum });
    }
  });

  it('writes the columns and types the manifest lists, which are the warehouse’s', async () => {
    for (const entry of manifest.tables) {
      expect(entry.columns.map(({ name, type }) => ({ name, type })), entry.name).toEqual(catalog.get(entry.name));
      if (!entry.files.length) continue;
      const described = await parquet<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${readTable(entry.name)}`);
      const partitionNames: string[] = entry.partitionColumns.map((p) => p.name);
      expect(described.filter((d) => !partitionNames.includes(d.column_name)).map((d) => ({ name: d.column_name, type: d.column_type })), entry.name).toEqual(catalog.get(entry.name));
    }
  });

  it('partitions by year and person bucket in the folders the manifest lists, and nothing else is written', async () => {
    const onDisk = listing(exportDir).filter((p) => p.endsWith('.parquet')).sort();
    expect(onDisk).toEqual(manifest.tables.flatMap((t) => t.files.map((f) => f.path)).sort());
    const byName = new Map(manifest.tables.map((t) => [t.name, t]));
    expect(byName.get('mart.person_year')!.partitionColumns.map((p) => [p.name, p.source])).toEqual([['year', 'period_start'], ['person_bucket', 'person_id']]);
    expect(byName.get('core.encounter')!.partitionColumns.map((p) => [p.name, p.source])).toEqual([['year', 'start_ts'], ['person_bucket', 'person_id']]);
    expect(byName.get('core.person')!.partitionColumns.map((p) => p.name)).toEqual(['person_bucket']);
    expect(byName.get('mart.measure_cells_demographic')!.partitionColumns.map((p) => p.name)).toEqual(['year']);
    expect(byName.get('core.payer')!.partitionColumns).toEqual([]);
    for (const table of manifest.tables) {
      const pattern = new RegExp(`^${table.path}/${table.partitionColumns.map((p) => `${p.name}=(\\d+|__HIVE_DEFAULT_PARTITION__)/`).join('')}[^/]+\\.parquet$`);
      for (const file of table.files) {
        expect(file.path, table.name).toMatch(pattern);
        const [{ n }] = await parquet<{ n: bigint }>(`SELECT count(*) AS n FROM read_parquet(${quoteLiteral(join(exportDir, file.path))})`);
        expect(Number(n), file.path).toBe(file.rows);
      }
    }
    // person_year: one folder per year of the warehouse's periods; every bucket folder within 0..N-1
    const years = (await warehouse.query<{ y: number }>('SELECT DISTINCT year(period_start)::INTEGER AS y FROM mart.person_year ORDER BY 1')).map((r) => `year=${r.y}`);
    expect(readdirSync(join(exportDir, 'mart/person_year')).sort()).toEqual(years.sort());
    for (const year of years) {
      for (const bucket of readdirSync(join(exportDir, 'mart/person_year', year))) expect(Number(bucket.replace('person_bucket=', ''))).toBeLessThan(BUCKETS);
    }
  });

  it('puts every person’s rows in the bucket the documented function gives, recomputed outside DuckDB', async () => {
    const people = await parquet<{ person_id: string; person_bucket: bigint }>(`SELECT person_id, person_bucket FROM ${readTable('core.person')}`);
    expect(people.length).toBe(300);
    for (const p of people) expect(Number(p.person_bucket), p.person_id).toBe(bucketOf(p.person_id, BUCKETS));
    const mismatched = await parquet<{ n: bigint }>(
      `SELECT count(*) AS n FROM ${readTable('core.encounter')} WHERE person_bucket <> ${manifest.bucketFunction.duckdb} OR year <> year(start_ts)`,
    );
    expect(Number(mismatched[0].n)).toBe(0);
    expect(manifest.bucketFunction).toMatchObject({ column: 'person_bucket', source: 'person_id', buckets: BUCKETS });
  });

  it('answers a hand-written prevalence query (diabetes by year, numerator and denominator) as the warehouse does', async () => {
    const expected = await warehouse.query<{ y: number; numerator: number; denominator: number }>(
      'SELECT year(period_start)::INTEGER AS y, count(*) FILTER (WHERE has_diabetes)::BIGINT AS numerator, count(*)::BIGINT AS denominator FROM mart.person_year GROUP BY 1 ORDER BY 1',
    );
    const actual = await parquet<{ y: bigint; numerator: bigint; denominator: bigint }>(
      `SELECT year AS y, count(*) FILTER (WHERE has_diabetes) AS numerator, count(*) AS denominator FROM ${readTable('mart.person_year')} GROUP BY 1 ORDER BY 1`,
    );
    expect(expected.some((r) => r.numerator > 0)).toBe(true);
    expect(actual.map((r) => ({ y: Number(r.y), numerator: Number(r.numerator), denominator: Number(r.denominator) }))).toEqual(expected);
  });

  it('carries the data version `popsight status` prints, the Popsight version and the disclosure notice', async () => {
    const status = await runPopsight(['status', '--warehouse', built.warehouse]);
    expect(status.code).toBe(0);
    const printed = /Data version {2}([0-9a-f]+),/.exec(status.stdout)![1];
    expect(manifest.warehouse.dataVersion).toBe(printed);
    expect(manifest.popsightVersion).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version);
    expect(manifest.disclosure).toBe(EXPORT_DISCLOSURE);
    expect(manifest.disclosure).toMatch(/NOT FOR PUBLICATION/);
    const help = await runPopsight(['export', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('NOT FOR PUBLICATION');
  });

  it('refuses a folder that is not empty, and with --force a folder that holds no export; nothing is left behind', async () => {
    const parent = join(built.dir, 'refusals');
    const target = join(parent, 'mine');
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'notes.txt'), 'keep me');
    const before = listing(parent);
    await expect(exportParquet({ warehouse: built.warehouse, dir: target, buckets: 4, force: false, popsightVersion: 'test' }, quietDeps)).rejects.toThrow(exportMessages.notEmpty(target));
    await expect(exportParquet({ warehouse: built.warehouse, dir: target, buckets: 4, force: true, popsightVersion: 'test' }, quietDeps)).rejects.toThrow(exportMessages.notAnExport(target));
    expect(listing(parent)).toEqual(before);
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('keep me');
    // as a command: the same message, exit 1
    const cli = await runPopsight(['export', '--parquet', target, '--warehouse', built.warehouse]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(exportMessages.notEmpty(target));
    expect(listing(parent)).toEqual(before);
  });

  it('replaces an earlier export with --force, and refuses it without; removes what a killed export left', async () => {
    const target = join(built.dir, 'again');
    const killed = join(built.dir, `.again.partial-${deadPid()}`);
    mkdirSync(join(killed, 'core'), { recursive: true });
    const logged: string[] = [];
    await exportParquet({ warehouse: built.warehouse, dir: target, buckets: 2, force: false, popsightVersion: 'test' }, { ...quietDeps, log: (m) => logged.push(m) });
    expect(existsSync(killed)).toBe(false);
    expect(logged).toEqual([exportMessages.removedPartial(basename(killed))]);
    await expect(exportParquet({ warehouse: built.warehouse, dir: target, buckets: 4, force: false, popsightVersion: 'test' }, quietDeps)).rejects.toThrow(exportMessages.notEmpty(target));
    const second = await exportParquet({ warehouse: built.warehouse, dir: target, buckets: 4, force: true, popsightVersion: 'test' }, quietDeps);
    expect(second.manifest.bucketFunction.buckets).toBe(4);
    expect(readdirSync(join(target, 'core/person')).sort()).toEqual(['person_bucket=0', 'person_bucket=1', 'person_bucket=2', 'person_bucket=3']);
    expect(readdirSync(dirname(target)).filter((name) => name.startsWith(`.${basename(target)}.`))).toEqual([]);
  });

  it('names a missing warehouse and creates nothing', async () => {
    const parent = join(built.dir, 'missing');
    const target = join(parent, 'out');
    const missing = join(built.dir, 'no-such.duckdb');
    await expect(exportParquet({ warehouse: missing, dir: target, buckets: 4, force: false, popsightVersion: 'test' }, quietDeps)).rejects.toThrow(loadMessages.noWarehouse(missing));
    expect(existsSync(parent)).toBe(false);
    expect(existsSync(missing)).toBe(false);
  });

  it('names a warehouse another process holds open for writing, and leaves nothing behind', async () => {
    const parent = join(built.dir, 'locked');
    mkdirSync(parent);
    const copy = join(parent, 'w.duckdb');
    writeFileSync(copy, readFileSync(built.warehouse));
    const holder = await openDatabase(copy); // read-write: DuckDB locks the file against other processes
    try {
      const cli = await runPopsight(['export', '--parquet', join(parent, 'out'), '--warehouse', copy]);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`${copy} is open for writing in another process`);
      expect(listing(parent)).toEqual(['w.duckdb', ...(existsSync(`${copy}.wal`) ? ['w.duckdb.wal'] : [])]);
    } finally {
      holder.close();
    }
  });

  it('refuses a bucket count out of range, naming the option', async () => {
    await expect(exportParquet({ warehouse: built.warehouse, dir: join(built.dir, 'b'), buckets: 0, force: false, popsightVersion: 'test' }, quietDeps)).rejects.toThrow(exportMessages.badBuckets(0, 1024));
    const cli = await runPopsight(['export', '--parquet', join(built.dir, 'b'), '--warehouse', built.warehouse, '--buckets', 'x']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('--buckets must be a whole number from 1 to 1024');
    expect(existsSync(join(built.dir, 'b'))).toBe(false);
  });
});
