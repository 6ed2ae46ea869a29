// Whether two warehouses hold the same mart tables: same columns and types in the same order, the
// same number of rows, and no row of one missing from the other (EXCEPT ALL both ways).
// Sums of DOUBLE costs depend on the order DuckDB's threads add them up, so two loads of the same
// extract (with the same code) can differ in the last bits; cost columns are compared rounded to
// 1e-6 (costs are in cents), and the exact differences are reported beside.
//
//   node bin/run-ts.mjs pipelines/marts/compare-marts.ts A.duckdb B.duckdb
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../core/warehouse/database.ts';
import { quoteIdentifier, quoteLiteral } from '../../core/warehouse/sql.ts';
import { GRAINS } from './period-index.ts';
import { martTable } from './person-period-table-sql.ts';

export interface MartComparison {
  table: string;
  sameColumns: boolean;
  rows: [number, number];
  /** Rows of A not in B and of B not in A, cost columns rounded to 1e-6. */
  missing: [number, number];
  /** The same, compared exactly. */
  missingExact: [number, number];
  maxCostDifference: number;
  equal: boolean;
}

const isFloatSum = (column: string, type: string): boolean => type === 'DOUBLE' && column.startsWith('cost');

export async function compareMarts(a: string, b: string): Promise<MartComparison[]> {
  const db = await openDatabase(':memory:');
  try {
    await db.run(`ATTACH ${quoteLiteral(a)} AS a (READ_ONLY)`);
    await db.run(`ATTACH ${quoteLiteral(b)} AS b (READ_ONLY)`);
    const results: MartComparison[] = [];
    for (const grain of GRAINS) {
      const table = martTable(grain);
      const columnsOf = (name: string) => db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = $1 AND schema_name = 'mart' AND table_name = $2 ORDER BY column_index`,
        [name, table]);
      const [columnsA, columnsB] = [await columnsOf('a'), await columnsOf('b')];
      const sameColumns = columnsA.length > 0 && JSON.stringify(columnsA) === JSON.stringify(columnsB);
      const rounded = columnsA.map(({ column_name: c, data_type: t }) => (isFloatSum(c, t) ? `round(${quoteIdentifier(c)}, 6) AS ${quoteIdentifier(c)}` : quoteIdentifier(c))).join(', ');
      const count = async (sql: string) => Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM (${sql})`))[0]!.n);
      const except = (x: string, y: string, select: string) => count(`SELECT ${select} FROM ${x}.mart.${table} EXCEPT ALL SELECT ${select} FROM ${y}.mart.${table}`);
      const rows: [number, number] = [await count(`SELECT * FROM a.mart.${table}`), await count(`SELECT * FROM b.mart.${table}`)];
      const missing: [number, number] = sameColumns ? [await except('a', 'b', rounded), await except('b', 'a', rounded)] : [NaN, NaN];
      const missingExact: [number, number] = sameColumns ? [await except('a', 'b', '*'), await except('b', 'a', '*')] : [NaN, NaN];
      const costs = columnsA.filter(({ column_name: c, data_type: t }) => isFloatSum(c, t)).map(({ column_name: c }) => quoteIdentifier(c));
      const [{ d }] = sameColumns && costs.length > 0
        ? await db.query<{ d: number }>(`SELECT coalesce(max(greatest(${costs.map((c) => `abs(x.${c} - y.${c})`).join(', ')})), 0) AS d
            FROM a.mart.${table} x JOIN b.mart.${table} y USING (person_id, period_start)`)
        : [{ d: NaN }];
      const equal = sameColumns && rows[0] === rows[1] && missing[0] === 0 && missing[1] === 0;
      results.push({ table: `mart.${table}`, sameColumns, rows, missing, missingExact, maxCostDifference: Number(d), equal });
    }
    return results;
  } finally {
    db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [a, b] = process.argv.slice(2);
  if (!a || !b) throw new Error('usage: compare-marts.ts A.duckdb B.duckdb');
  const results = await compareMarts(a, b);
  for (const r of results) {
    console.log(`${r.table}: ${r.sameColumns ? 'same columns and types' : 'DIFFERENT COLUMNS'}; rows ${r.rows[0]} vs ${r.rows[1]}; ` +
      `A EXCEPT ALL B ${r.missing[0]}, B EXCEPT ALL A ${r.missing[1]} (exactly: ${r.missingExact[0]}, ${r.missingExact[1]}; ` +
      `largest cost difference ${r.maxCostDifference.toExponential(2)}) → ${r.equal ? 'EQUAL' : 'DIFFERENT'}`);
  }
  process.exitCode = results.every((r) => r.equal) ? 0 : 1;
}
