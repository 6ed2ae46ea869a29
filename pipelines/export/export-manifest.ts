// manifest.json at the root of a Parquet export: enough for DuckDB, Spark or Trino to load every table
// without Popsight (folders, columns and types per engine, partition columns, rows and files, the bucket
// function), the data version it was taken from, and the disclosure notice. Plain JSON, no code.
import { EXPORT_FORMAT } from './export-destination.ts';
import { EXPORT_DISCLOSURE } from './export-messages.ts';
import { bucketFunction, engineTypes, type PartitionColumn, type TableExport } from './export-plan.ts';

export const MANIFEST_VERSION = 1;

export interface ManifestFile {
  /** Relative to the export's root, `/`-separated: `mart/person_year/year=2024/person_bucket=7/data_0.parquet`. */
  path: string;
  rows: number;
  bytes: number;
}

export interface ManifestTable {
  name: string;
  /** The table's folder, relative to the root: read it with hive partitioning. */
  path: string;
  rows: number;
  /** The columns stored in the Parquet files, in order (partition columns are in the folder names only). */
  columns: { name: string; type: string; sparkType: string; trinoType: string }[];
  partitionColumns: (PartitionColumn & { sparkType: string; trinoType: string })[];
  files: ManifestFile[];
}

export interface Manifest {
  format: typeof EXPORT_FORMAT;
  manifestVersion: number;
  popsightVersion: string;
  exportedAt: string;
  disclosure: string;
  warehouse: { dataVersion: string; loadedAt: string; dateRange: { start: string; end: string }; lastRunId: string | null };
  layout: string;
  bucketFunction: ReturnType<typeof bucketFunction>;
  tables: ManifestTable[];
}

export function buildManifest(input: {
  popsightVersion: string;
  exportedAt: Date;
  warehouse: Manifest['warehouse'];
  buckets: number;
  tables: { table: TableExport; rows: number; files: ManifestFile[] }[];
}): Manifest {
  return {
    format: EXPORT_FORMAT,
    manifestVersion: MANIFEST_VERSION,
    popsightVersion: input.popsightVersion,
    exportedAt: input.exportedAt.toISOString(),
    disclosure: EXPORT_DISCLOSURE,
    warehouse: input.warehouse,
    layout:
      'One folder per table, <schema>/<table>/, of Parquet files (zstd) in hive partition folders: year=<year of the date in partitionColumns[].source>/ ' +
      'then person_bucket=<bucket of person_id>/ where a table has them; a NULL partition value is __HIVE_DEFAULT_PARTITION__. ' +
      'A table of 0 rows has an empty folder: take its columns from here.',
    bucketFunction: bucketFunction(input.buckets),
    tables: input.tables.map(({ table, rows, files }) => ({
      name: table.name,
      path: table.path,
      rows,
      columns: table.columns.map((c) => ({ name: c.name, ...engineTypes(c.type) })),
      partitionColumns: table.partitionColumns.map((p) => {
        const { sparkType, trinoType } = engineTypes(p.type);
        return { ...p, sparkType, trinoType };
      }),
      files,
    })),
  };
}
