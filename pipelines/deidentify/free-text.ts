// 2. De-identify, free text: the one rule for every free-text column the model carries into core.*.
// A clinician's or a system's text can carry anything, a name, an SSN, a phone number ("Dx per
// Dr Smith, call 555-…"), so a text is kept only when at least 11 different people of the load share it
// (for the same code, when it describes a code); otherwise it becomes the code's reference description
// when there is one, else NULL. Never computed per table: every model file calls free_text().
// 11 is the cell size the rest of Popsight publishes from (CMS cell-size suppression policy: 1–10 hidden).
import type { Database, SqlValue } from '../../core/warehouse/database.ts';
import { CMS_MINIMUM_CELL_SIZE } from '../../core/disclosure/index.ts';
import { referencePath } from '../../core/reference/reference-data.ts';
import { quoteIdentifier } from '../../core/warehouse/sql.ts';

export const FREE_TEXT_MIN_PEOPLE = CMS_MINIMUM_CELL_SIZE;

export interface FreeTextColumn {
  /** The name model files pass to free_text(), `<core table>.<column>`. */
  kind: string;
  /** The valid.* table and its person, text and code columns. */
  table: string;
  text: string;
  /** Absent for a text that describes no code (an observation's value): then it is shared as a whole. */
  code?: string;
  /** Only values that do not read as numbers are text (numbers are typed by the model instead). */
  textOnly?: true;
}

/** Every free-text column of the model (a column here and not in a model file, or the reverse, is a test failure). */
export const FREE_TEXT_COLUMNS: readonly FreeTextColumn[] = [
  { kind: 'encounter.description', table: 'encounters', text: 'description', code: 'code' },
  { kind: 'condition.description', table: 'conditions', text: 'description', code: 'code' },
  { kind: 'observation.description', table: 'observations', text: 'description', code: 'code' },
  { kind: 'observation.value_text', table: 'observations', text: 'value', textOnly: true },
  { kind: 'medication.description', table: 'medications', text: 'description', code: 'code' },
  { kind: 'procedure.description', table: 'procedures', text: 'description', code: 'code' },
  { kind: 'immunization.description', table: 'immunizations', text: 'description', code: 'code' },
  { kind: 'allergy.description', table: 'allergies', text: 'description', code: 'code' },
  { kind: 'careplan.description', table: 'careplans', text: 'description', code: 'code' },
  { kind: 'device.description', table: 'devices', text: 'description', code: 'code' },
  { kind: 'supply.description', table: 'supplies', text: 'description', code: 'code' },
];

/** The free-text columns of each core table, `{ observation: ['description', 'value_text'], … }`. */
export const FREE_TEXT_CORE_COLUMNS: Readonly<Record<string, readonly string[]>> = FREE_TEXT_COLUMNS.reduce<Record<string, string[]>>(
  (byTable, { kind }) => {
    const [table, column] = kind.split('.') as [string, string];
    (byTable[table] ??= []).push(column);
    return byTable;
  }, {});

/** The reference value sets of data/reference whose rows name a code and its description. */
export const REFERENCE_DESCRIPTIONS = ['condition-groups.csv', 'flu-vaccine-cvx.csv'] as const;

export interface SqlStatement {
  sql: string;
  values: SqlValue[];
}

/**
 * The statements that install free_text(kind, code, text). `vocabulary`: the extract brought a code
 * system's own names (OMOP's CONCEPT.csv, staged as staging.code_names), which are reference
 * descriptions after those of data/reference. A code with two different reference names has none.
 */
export function buildFreeTextSql({ vocabulary }: { vocabulary: boolean }): SqlStatement[] {
  const referenceValues = REFERENCE_DESCRIPTIONS.map((file) => referencePath(file));
  const shipped = referenceValues.map((_, i) => `SELECT 1 AS rank, code, description FROM read_csv($${i + 1}, header = true, all_varchar = true)`);
  const reference: SqlStatement = {
    sql: `CREATE OR REPLACE TEMP TABLE free_text_reference AS
      WITH names AS (
        ${[...shipped, ...(vocabulary ? ['SELECT 2, code, description FROM staging.code_names'] : [])].join('\n        UNION ALL ')}
      ), best AS (
        SELECT code, description FROM names
        WHERE nullif(trim(code), '') IS NOT NULL AND nullif(trim(description), '') IS NOT NULL
        QUALIFY rank = min(rank) OVER (PARTITION BY code)
      )
      SELECT code, any_value(description) AS description FROM best GROUP BY code HAVING count(DISTINCT description) = 1`,
    values: referenceValues,
  };

  const values: SqlValue[] = [FREE_TEXT_MIN_PEOPLE];
  const texts = FREE_TEXT_COLUMNS.map((c) => {
    values.push(c.kind);
    const text = quoteIdentifier(c.text);
    const code = c.code ? `coalesce(${quoteIdentifier(c.code)}, '')` : `''`;
    const numbers = c.textOnly ? ` AND TRY_CAST(${text} AS DOUBLE) IS NULL` : '';
    return `SELECT $${values.length}::VARCHAR AS kind, ${code} AS code, ${text} AS text, count(DISTINCT patient) AS people
        FROM valid.${quoteIdentifier(c.table)} WHERE ${text} IS NOT NULL${numbers} GROUP BY ALL`;
  });
  // One row per kind, code and text of the load, with what the model writes for it. The ft_ names
  // cannot be taken for a model column inside the macro's subquery.
  const kept: SqlStatement = {
    sql: `CREATE OR REPLACE TEMP TABLE free_text_kept AS
      WITH texts AS (
        ${texts.join('\n        UNION ALL ')}
      )
      SELECT t.kind AS ft_kind, t.code AS ft_code, t.text AS ft_text,
             CASE WHEN t.people >= $1 THEN t.text ELSE r.description END AS ft_kept
      FROM texts AS t LEFT JOIN free_text_reference AS r ON r.code = t.code`,
    values,
  };
  // A lookup, as person_pseudonym() is (sql-functions.ts): the planner turns it into one hash join.
  const macro: SqlStatement = {
    sql: `CREATE OR REPLACE TEMP MACRO free_text(kind, code, text) AS
      (SELECT k.ft_kept FROM free_text_kept AS k WHERE k.ft_kind = kind AND k.ft_code = coalesce(code, '') AND k.ft_text = text)`,
    values: [],
  };
  return [reference, kept, macro];
}

/** Installs free_text() over the valid rows of the load (after validation, before the model). */
export async function installFreeText(db: Database): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'staging' AND table_name = 'code_names'`,
  );
  for (const { sql, values } of buildFreeTextSql({ vocabulary: n > 0 })) await db.run(sql, values);
}
