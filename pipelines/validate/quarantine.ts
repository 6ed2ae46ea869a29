// 3. Validate: applies the row rules to `staging.<table>`, keeps good rows as `valid.<table>` and
// writes the others to `wh.etl.quarantine`, with the rows the CSV reader could not parse
// (`staging.csv_rejects`). Nothing is dropped silently: read = loaded + quarantined, per file.
// A quarantined value is shown only when it cannot identify: ids as pseudonyms, numbers and dates as
// they are, any other text as its length (a name typed into a date or class field stays out).
import type { Database } from '../../core/warehouse/database.ts';
import { SYNTHEA_FILES } from '../sources/synthea/synthea-files.ts';
import { ROW_RULES, type RowRule } from './row-rules.ts';

export interface FileCounts {
  file: string;
  table: string;
  read: number;
  loaded: number;
  quarantined: number;
}

/** When appending, a reference may point at a row of the previous warehouse (by pseudonym). */
const PREVIOUS_IDS: Record<string, string> = {
  patients: 'SELECT person_id FROM prev.core.person',
  encounters: 'SELECT encounter_id FROM prev.core.encounter',
  payers: 'SELECT payer_id FROM prev.core.payer',
  claims: 'SELECT claim_id FROM prev.core.claim',
};

export async function quarantineBadRows(db: Database, runId: string, options: { appending?: boolean } = {}): Promise<FileCounts[]> {
  const counts: FileCounts[] = [];
  for (const { table, idField, rules } of ROW_RULES) {
    const blank = blankRow(table);
    const all: RowRule[] = idField
      ? [
          ...blank,
          { field: idField, reason: 'missing id', when: `coalesce(${idField}, '') = ''` },
          { field: idField, reason: 'duplicate id: an earlier line has the same id', when: `(_line, _file) > _first_of_id`, identifying: true },
          ...rules,
        ]
      : [...blank, ...rules];
    const ruleIndex = all.length ? `CASE ${all.map((rule, i) => `WHEN ${rule.when} THEN ${i}`).join(' ')} END` : 'NULL::INTEGER';
    // Orphan checks join the parent's valid ids (unique after the duplicate check) rather than
    // testing `NOT IN (subquery)` row by row.
    const joins = all
      .filter((rule) => rule.references)
      .map(({ field, references }) => {
        const previous = options.appending ? PREVIOUS_IDS[references!.parent] : undefined;
        return previous
          ? `LEFT JOIN (SELECT pseudonym(id) AS ref_${field} FROM valid.${references!.parent} UNION ${previous}) ON pseudonym(s.${field}) = ref_${field}`
          : `LEFT JOIN (SELECT id AS ref_${field} FROM valid.${references!.parent}) ON s.${field} = ref_${field}`;
      })
      .join(' ');
    // Duplicates by a hash join with the ids seen twice and their first line, not a window over every
    // row: a window sorts the whole wide staging table, which at a million people spills for minutes.
    const duplicates = idField
      ? `LEFT JOIN (SELECT ${idField} AS _dup_id, min((_line, _file)) AS _first_of_id FROM staging.${table}
                    GROUP BY ${idField} HAVING count(*) > 1) ON s.${idField} = _dup_id`
      : '';
    // One pass judges every row, but only the rows that break a rule are written (file, line, rule
    // and the faulting value): copying every staging row into a judged table took minutes at a
    // million people. The good rows are the staging rows without one.
    const value = all.length
      ? `CASE _rule ${all.map((rule, i) => `WHEN ${i} THEN ${rule.identifying ? `pseudonym(${quoteField(rule.field)})` : shownValue(quoteField(rule.field))}`).join(' ')} END`
      : 'NULL::VARCHAR';
    await db.run(`CREATE TABLE checked.${table} AS SELECT _file, _line, _rule, ${value} AS _value
                  FROM (SELECT s.*, ${ruleIndex} AS _rule FROM staging.${table} AS s ${duplicates} ${joins}) WHERE _rule IS NOT NULL`);
    // A view, not a copy: the model reads the good rows straight from staging.<table>.
    await db.run(`CREATE VIEW valid.${table} AS SELECT * FROM staging.${table} AS s ANTI JOIN checked.${table} AS c ON s._line = c._line AND s._file = c._file`);
    if (all.length) {
      const field = `CASE _rule ${all.map((rule, i) => `WHEN ${i} THEN '${rule.field}'`).join(' ')} END`;
      const reason = `CASE _rule ${all.map((rule, i) => `WHEN ${i} THEN '${rule.reason.replaceAll("'", "''")}'`).join(' ')} END`;
      await db.run(`INSERT INTO wh.etl.quarantine SELECT $1, _file, _line, ${field}, _value, ${reason} FROM checked.${table}`, [runId]);
    }
    // Rows the CSV reader set aside count as read and quarantined, with their line and reason only.
    await db.run(`INSERT INTO wh.etl.quarantine SELECT $1, _file, _line, NULL, NULL, reason FROM staging.csv_rejects WHERE "table" = $2`, [runId, table]);
    // Every file read appears, header-only ones (no rows) included.
    const perFile = await db.query<{ file: string; read: number; quarantined: number }>(
      `WITH r AS (SELECT _file, count(*) AS n FROM staging.${table} GROUP BY _file),
            q AS (SELECT _file, count(*) AS n FROM checked.${table} GROUP BY _file),
            x AS (SELECT _file, count(*) AS n FROM staging.csv_rejects WHERE "table" = $1 GROUP BY _file),
            files AS (SELECT _file FROM r UNION SELECT _file FROM x UNION SELECT _file FROM staging.source_files WHERE "table" = $1)
       SELECT f._file AS file, coalesce(r.n, 0) + coalesce(x.n, 0) AS read, coalesce(q.n, 0) + coalesce(x.n, 0) AS quarantined
       FROM files AS f LEFT JOIN r ON r._file = f._file LEFT JOIN q ON q._file = f._file LEFT JOIN x ON x._file = f._file
       WHERE f._file IS NOT NULL ORDER BY f._file`,
      [table],
    );
    for (const f of perFile) counts.push({ file: f.file, table, read: f.read, loaded: f.read - f.quarantined, quarantined: f.quarantined });
  }
  // Rows set aside from a file that feeds no staging table one to one (OMOP's CONCEPT.csv, LOCATION.csv):
  // quarantined and counted under that file's own table, so they are not lost either.
  const ruleTables = ROW_RULES.map((r) => `'${r.table}'`).join(', ');
  await db.run(`INSERT INTO wh.etl.quarantine SELECT $1, _file, _line, NULL, NULL, reason FROM staging.csv_rejects WHERE "table" NOT IN (${ruleTables})`, [runId]);
  const others = await db.query<{ file: string; table: string; n: number }>(
    `SELECT _file AS file, "table" AS table, count(*) AS n FROM staging.csv_rejects WHERE "table" NOT IN (${ruleTables}) GROUP BY ALL ORDER BY ALL`,
  );
  for (const o of others) counts.push({ file: o.file, table: o.table, read: o.n, loaded: 0, quarantined: o.n });
  return counts;
}

const quoteField = (field: string) => `"${field}"`;

/** A row with no value in any field Popsight reads: a blank or separator-only line (`,,,`). */
function blankRow(table: string): RowRule[] {
  const fields = SYNTHEA_FILES.find((f) => f.file === table)?.fields ?? [];
  if (!fields.length) return [];
  return [{ field: fields[0].name, reason: 'no values: a blank or separator-only line', when: fields.map((f) => `coalesce(${quoteField(f.name)}, '') = ''`).join(' AND ') }];
}

/** Numbers and dates (and NaN, Infinity) as they are; other text only as its length, since it may be a name. */
function shownValue(field: string): string {
  return `CASE WHEN ${field} IS NULL OR ${field} = '' OR regexp_full_match(${field}, '[-+0-9.,:/ TZeE]{1,40}')
                 OR regexp_full_match(lower(${field}), '[-+]?(nan|inf|infinity)') THEN ${field}::VARCHAR
               ELSE 'text of ' || length(${field}) || ' characters' END`;
}
