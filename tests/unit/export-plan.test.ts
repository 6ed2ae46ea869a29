// The plan of the Parquet export (which tables, partitioned how) and its COPY statement, without a database.
import { describe, expect, it } from 'vitest';
import { bucketSql, buildCopySql } from '../../pipelines/export/build-export-sql.ts';
import { bucketFunction, planExport, type WarehouseTable } from '../../pipelines/export/export-plan.ts';

const table = (schema: string, name: string, ...columns: string[]): WarehouseTable => ({
  schema,
  table: name,
  columns: columns.map((c) => ({ name: c, type: 'VARCHAR' })),
});

describe('the Parquet export plan', () => {
  const plan = planExport([
    table('mart', 'person_year', 'period_start', 'person_id', 'has_diabetes'),
    table('core', 'encounter', 'encounter_id', 'person_id', 'start_ts', 'stop_ts'),
    table('core', 'person', 'person_id', 'birth_date'),
    table('core', 'payer', 'payer_id', 'name'),
    table('mart', 'measure_cells_demographic', 'measure_id', 'period_start', 'sex'),
    table('etl', 'quarantine', 'run_id', 'value'),
    table('quality', 'results', 'run_id'),
  ]);
  const partitions = (name: string) => plan.find((t) => t.name === name)?.partitionColumns.map((p) => `${p.name}<-${p.source}`);

  it('exports core and mart only, in name order', () => {
    expect(plan.map((t) => t.name)).toEqual(['core.encounter', 'core.payer', 'core.person', 'mart.measure_cells_demographic', 'mart.person_year']);
    expect(plan.find((t) => t.name === 'core.encounter')!.path).toBe('core/encounter');
  });

  it('partitions by the year of the period or the event’s start, then by person bucket where there is a person', () => {
    expect(partitions('mart.person_year')).toEqual(['year<-period_start', 'person_bucket<-person_id']);
    expect(partitions('core.encounter')).toEqual(['year<-start_ts', 'person_bucket<-person_id']);
    expect(partitions('core.person')).toEqual(['person_bucket<-person_id']);
    expect(partitions('mart.measure_cells_demographic')).toEqual(['year<-period_start']);
    expect(partitions('core.payer')).toEqual([]);
  });

  it('refuses a table with a column named like a partition column', () => {
    expect(() => planExport([table('core', 'odd', 'person_id', 'year')])).toThrow('core.odd has a column named year');
  });

  it('writes the COPY with the partition expressions and the bucket of the first 8 hex digits', () => {
    const encounter = plan.find((t) => t.name === 'core.encounter')!;
    expect(buildCopySql(encounter, "/tmp/it's/core/encounter", 16)).toBe(
      `COPY (SELECT *, year("start_ts")::INTEGER AS "year", ${bucketSql('person_id', 16)} AS "person_bucket" FROM "core"."encounter") ` +
        `TO '/tmp/it''s/core/encounter' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ("year", "person_bucket"))`,
    );
    expect(bucketSql('person_id', 16)).toBe(`(('0x' || left("person_id", 8))::UBIGINT % 16)::INTEGER`);
    const payer = plan.find((t) => t.name === 'core.payer')!;
    expect(buildCopySql(payer, '/x/core/payer', 16)).toBe(`COPY (SELECT * FROM "core"."payer") TO '/x/core/payer/data_0.parquet' (FORMAT parquet, COMPRESSION zstd)`);
  });

  it('states the bucket function for every engine with the bucket count', () => {
    const f = bucketFunction(32);
    expect(f.definition).toBe('the unsigned integer value of the first 8 hex digits of person_id, modulo 32');
    expect([f.duckdb, f.spark, f.trino, f.python].every((expression) => expression.includes('32') && expression.includes('8'))).toBe(true);
  });
});
