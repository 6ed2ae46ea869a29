// Resolves the code of each clinical row through CONCEPT.csv: `omop.<table>_coded` is the table plus
// `_code`, `_system` (vocabulary_id), `_description` (concept_name) and `_vocabulary` (NULL when
// no concept resolved). The measures match Synthea's code systems (SNOMED conditions, LOINC
// observations, RxNorm drugs, CVX vaccines), so each table names the vocabularies it prefers; the
// source concept comes before the standard one, being what was recorded. Without a concept, the
// *_source_value is the code (omop.source_code_system reads its system), and failing that the
// concept id itself under the system 'OMOP'.

export interface CodedTable {
  table: string;
  concept: string;
  sourceConcept: string;
  sourceValue: string;
  /** Vocabularies tried in order, each as source concept then as standard concept. */
  prefer: string[];
}

export const CODED_TABLES: CodedTable[] = [
  { table: 'condition_occurrence', concept: 'condition_concept_id', sourceConcept: 'condition_source_concept_id', sourceValue: 'condition_source_value', prefer: ['SNOMED'] },
  { table: 'procedure_occurrence', concept: 'procedure_concept_id', sourceConcept: 'procedure_source_concept_id', sourceValue: 'procedure_source_value', prefer: ['SNOMED'] },
  // CVX first: a vaccine is an immunization whichever of its two concepts says so.
  { table: 'drug_exposure', concept: 'drug_concept_id', sourceConcept: 'drug_source_concept_id', sourceValue: 'drug_source_value', prefer: ['CVX', 'RxNorm'] },
  { table: 'measurement', concept: 'measurement_concept_id', sourceConcept: 'measurement_source_concept_id', sourceValue: 'measurement_source_value', prefer: ['LOINC'] },
  { table: 'observation', concept: 'observation_concept_id', sourceConcept: 'observation_source_concept_id', sourceValue: 'observation_source_value', prefer: ['LOINC'] },
];

/** Vocabulary names come from the constant list above, never from input; they are still escaped. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

export function buildCodedViewSql(t: CodedTable): string {
  const preferred = t.prefer
    .map((v) => `WHEN s.vocabulary_id = ${literal(v)} THEN s.concept_id WHEN c.vocabulary_id = ${literal(v)} THEN c.concept_id`)
    .join(' ');
  const sourceValue = `nullif(trim(p.${t.sourceValue}), '')`;
  const conceptId = `CASE WHEN coalesce(trim(p.${t.concept}), '0') NOT IN ('', '0') THEN trim(p.${t.concept}) END`;
  return `CREATE VIEW omop.${t.table}_coded AS
    WITH picked AS (
      SELECT x.*, CASE ${preferred} ELSE coalesce(s.concept_id, c.concept_id) END AS _concept
      FROM omop.${t.table} x
      LEFT JOIN omop.concept c ON c.concept_id = x.${t.concept}
      LEFT JOIN omop.concept s ON s.concept_id = x.${t.sourceConcept}
    )
    SELECT p.* EXCLUDE (_concept),
      k.vocabulary_id AS _vocabulary,
      coalesce(k.concept_code, ${sourceValue}, ${conceptId}) AS _code,
      CASE WHEN k.concept_id IS NOT NULL THEN k.vocabulary_id
           WHEN ${sourceValue} IS NOT NULL THEN omop.source_code_system(${sourceValue})
           WHEN ${conceptId} IS NOT NULL THEN 'OMOP' END AS _system,
      k.concept_name AS _description
    FROM picked p
    LEFT JOIN omop.concept k ON k.concept_id = p._concept`;
}
