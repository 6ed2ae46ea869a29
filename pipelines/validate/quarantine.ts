// 3. Validate: applies the row rules to `staging.<table>`, keeps good rows as `valid.<table>` and
// writes the others to `wh.etl.quarantine`. Nothing is dropped silently: read = loaded + quarantined.
import type { Database } from '../../core/warehouse/database.ts';
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
    const all: RowRule[] = idField
      ? [
          { field: idField, reason: 'missing id', when: `coalesce(${idField}, '') = ''` },
          { field: idField, reason: 'duplicate id: an earlier line has the same id', when: `(_line, _file) > _first_of_id`, identifying: true },
          ...rules,
        ]
      : rules;
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
      ? `CASE _rule ${all.map((rule, i) => `WHEN ${i} THEN ${rule.identifying ? `pseudonym(${quoteField(rule.field)})` : `${quoteField(rule.field)}::VARCHAR`}`).join(' ')} END`
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
    const perFile = await db.query<{ file: string; read: number; quarantined: number }>(
      `SELECT r._file AS file, r.read, coalesce(q.quarantined, 0) AS quarantined
       FROM (SELECT _file, count(*) AS read FROM staging.${table} GROUP BY _file) AS r
       LEFT JOIN (SELECT _file, count(*) AS quarantined FROM checked.${table} GROUP BY _file) AS q ON q._file = r._file
       ORDER BY r._file`,
    );
    for (const f of perFile) counts.push({ file: f.file, table, read: f.read, loaded: f.read - f.quarantined, quarantined: f.quarantined });
  }
  return counts;
}

const quoteField = (field: string) => `"${field}"`;
