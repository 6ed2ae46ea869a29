// The texts of `popsight export --parquet`: its refusals, its progress lines and the disclosure notice
// the manifest carries. Tests assert against these functions.

/** What the export holds and who may see it: in the command's help and in every manifest. */
export const EXPORT_DISCLOSURE =
  'Operator export of the de-identified warehouse: row-level pseudonymized data and exact cell counts, ' +
  'NOT FOR PUBLICATION. The Popsight API applies disclosure control (cell-key perturbation, small-cell ' +
  'suppression); this export does not. Keep it in an environment as trusted as the warehouse itself.';

export const exportMessages = {
  notEmpty: (dir: string) =>
    `${dir} exists and is not empty: choose a new or empty folder, or pass --force to replace an earlier Popsight export there.`,
  notAFolder: (dir: string) => `${dir} exists and is not a folder: choose a folder to export into.`,
  notAnExport: (dir: string) =>
    `${dir} is not empty and holds no Popsight export (no manifest.json written by popsight export): --force replaces only an earlier export; choose another folder.`,
  badBuckets: (value: unknown, max: number) => `--buckets must be a whole number from 1 to ${max}, not ${String(value)}.`,
  rowsMismatch: (table: string, expected: number, written: number) =>
    `${table}: ${written} rows were written to Parquet but the table holds ${expected}; nothing was exported.`,
  tableDone: (rows: number, files: number, seconds: number) =>
    `${rows.toLocaleString('en-US')} rows in ${files.toLocaleString('en-US')} ${files === 1 ? 'file' : 'files'}, ${seconds.toFixed(1)} s`,
  done: (dir: string, tables: number, rows: number, files: number, dataVersion: string, seconds: number) =>
    `Exported ${tables} tables (${rows.toLocaleString('en-US')} rows, ${files.toLocaleString('en-US')} Parquet files) of data version ${dataVersion} to ${dir} in ${seconds.toFixed(1)} s; manifest.json describes them. Not for publication: no disclosure control was applied.`,
  removedPartial: (name: string) => `removed ${name}, left by an export that was killed`,
};
