// Writes docs/measures.md from the measure catalog: what each measure counts, in words and in the
// exact expressions over mart.person_period. Run `npm run docs:measures` after changing a measure;
// tests/integration/api-formats-docs.test.ts fails while the committed file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MEASURES } from '../core/measures/catalog.ts';
import { DIMENSION_RULES } from '../core/measures/dimension-rules.ts';
import { DIMENSION_NAMES } from '../core/measures/dimensions.ts';
import { UNIT_LABELS, type MeasureDefinition } from '../core/measures/measure-definition.ts';

export const MEASURES_DOC_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'measures.md');

const KINDS: Record<MeasureDefinition['kind'], string> = {
  proportion: 'Proportion: numerator people among denominator people; 95% Wilson score interval.',
  rate: 'Rate: events over person-time; 95% exact Poisson (Garwood) interval.',
  ratio: 'Ratio of sums over person-periods; 95% delta-method interval (Cochran 1977, eq. 6.13).',
  'top-share': 'Share of a total held by the top fraction of people; no confidence interval.',
};

const DIRECTIONS = { 'higher-is-better': 'Higher is better', 'lower-is-better': 'Lower is better' } as const;

export function renderMeasuresDoc(measures: readonly MeasureDefinition[] = MEASURES): string {
  return [
    '# Measures',
    '',
    '<!-- Generated from core/measures/ by `npm run docs:measures`; edit the catalog, not this file. -->',
    '',
    `Popsight serves ${measures.length} measures at \`GET /api/measures/{id}\`. Each is computed over`,
    '`mart.person_period`, one row per person per period of coverage (columns in',
    '[architecture.md](architecture.md#mart)); the expressions below are the DuckDB aggregates over',
    'those rows, after the population restriction and any filters (a person-period is one such row, so',
    'within one period a count of person-periods is a count of people). Every cell then goes through',
    'disclosure control (CMS cell-size suppression: cells of 1–10 people, and complements, are hidden)',
    'before it is sent in any format.',
    '',
    `Stratifiers and filters, unless a measure lists fewer: ${DIMENSION_NAMES.map((d) => `\`${d}\``).join(', ')}.`,
    '',
    'How each person-period gets its value of each stratifier:',
    '',
    '| Stratifier | Rule |',
    '|---|---|',
    ...DIMENSION_NAMES.map((d) => `| ${code(d)} | ${cell(DIMENSION_RULES[d])} |`),
    '',
    ...measures.map((m) => `- [${m.title}](#${m.id}) (\`${m.id}\`)`),
    '',
    ...measures.flatMap(renderMeasure),
  ].join('\n');
}

function renderMeasure(m: MeasureDefinition): string[] {
  const [numerator, denominator] = terms(m);
  const rows: [string, string][] = [
    ['Id', code(m.id)],
    ['Kind', KINDS[m.kind]],
    ['Unit', `${UNIT_LABELS[m.unit]} (${code(m.unit)})`],
    ['Direction', DIRECTIONS[m.direction]],
    ['Population', m.population ? `People in coverage during the period with ${code(m.population)}` : 'Everyone in coverage during the period'],
    ['Numerator', numerator],
    ['Denominator', denominator],
    ['People counts for suppression', `${inWords(m.numeratorPeople)}, of ${lowerFirst(inWords(m.denominatorPeople))}`],
    ['Periods', `${m.periods.map(code).join(', ')}. ${m.periodsReason}`],
    ['Stratifiers', (m.stratifiers ?? DIMENSION_NAMES).map(code).join(', ')],
    ['Exclusions and notes', m.notes ?? '—'],
    ...(m.departures ? [['Departures from the source', m.departures] as [string, string]] : []),
    ['Source', m.source],
  ];
  return [
    `<a id="${m.id}"></a>`,
    '',
    `## ${m.title}`,
    '',
    m.description,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([label, value]) => `| ${label} | ${cell(value)} |`),
    '',
  ];
}

function terms(m: MeasureDefinition): [string, string] {
  switch (m.kind) {
    case 'proportion':
    case 'rate':
      return [inWords(m.numerator), inWords(m.denominator)];
    case 'ratio':
      return [`Sum of ${code(m.numeratorValue)}`, `Sum of ${code(m.denominatorValue)}`];
    case 'top-share':
      return [
        `Sum of ${code(m.value)} over the top ${m.fraction * 100}% of people, ranked by ${code(m.value)}`,
        `Sum of ${code(m.value)} over everyone`,
      ];
  }
}

/** The common aggregate shapes in words; anything else as the expression itself. */
function inWords(expression: string): string {
  if (expression === 'count(*)') return 'Person-periods in the population';
  if (expression === 'sum(member_months) / 12') return 'Person-years in coverage (member-months / 12)';
  const atRisk = /^sum\(coalesce\((months_to_onset_\w+), member_months\)\) \/ 12$/.exec(expression);
  if (atRisk) return `Person-years at risk: member-months / 12, in the period of the first diagnosis only those up to it (${code(atRisk[1]!)})`;
  const filtered = /^count\(\*\) FILTER \(WHERE (.+)\)$/.exec(expression);
  if (filtered) return `Person-periods with ${code(filtered[1]!)}`;
  const sum = /^sum\((\w+)\)$/.exec(expression);
  if (sum) return `Sum of ${code(sum[1]!)}`;
  return code(expression);
}

const code = (text: string) => `\`${text}\``;
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
/** A Markdown table cell: pipes escaped, no line breaks. */
const cell = (text: string) => text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(MEASURES_DOC_PATH, renderMeasuresDoc());
  console.log(`wrote ${MEASURES_DOC_PATH}`);
}
