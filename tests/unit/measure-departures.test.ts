// Definitions that depart from their cited source say so (issue 16, item 4): every measure citing
// HEDIS states "Adapted from NCQA HEDIS MY2024 <measure>. Differences: (1) …", and the API and
// docs/measures.md carry that text; the rules the issue found unwritten are in it.
import { describe, expect, it } from 'vitest';
import { describeMeasure, MEASURES, requireMeasure } from '../../core/measures/catalog.ts';
import { DIMENSION_RULES } from '../../core/measures/dimension-rules.ts';
import { DIMENSION_NAMES } from '../../core/measures/dimensions.ts';
import { renderMeasuresDoc } from '../../scripts/generate-measures-doc.ts';

describe('departures from a cited source', () => {
  it('are stated by every measure that cites HEDIS, as numbered differences, in the API and the docs', () => {
    const hedis = MEASURES.filter((m) => /HEDIS/.test(m.source));
    expect(hedis.map((m) => m.id).sort()).toEqual(['blood-pressure-control', 'ed-visits-per-1000', 'hba1c-control', 'hba1c-poor-control', 'inpatient-admissions-per-1000', 'readmission-30-day', 'wellness-visit-rate']);
    const doc = renderMeasuresDoc();
    for (const m of hedis) {
      expect(m.departures, m.id).toMatch(/^Adapted from NCQA HEDIS MY2024 .+\. Differences: \(1\) .+; \(2\) /);
      expect(describeMeasure(m).departures).toBe(m.departures);
      expect(doc).toContain(`| Departures from the source | ${m.departures!.replaceAll('|', '\\|')} |`);
    }
  });

  it('name the three the issue found: age on 1 January, no continuous enrolment, the last blood pressure reading', () => {
    for (const id of ['hba1c-control', 'hba1c-poor-control', 'blood-pressure-control']) {
      const text = requireMeasure(id).departures!;
      expect(text, id).toContain('on 1 January of the year');
      expect(text, id).toContain('no continuous-enrolment rule');
    }
    expect(requireMeasure('blood-pressure-control').departures).toContain('not the lowest systolic and the lowest diastolic of the last day');
  });

  it('write the readmission rule for overlapped stays and the payer attribution rule for the boundary day and ties', () => {
    expect(requireMeasure('readmission-30-day').notes).toMatch(/next admission starts before its discharge day \(an overlapping record: the stay is dropped/);
    expect(DIMENSION_RULES.payer).toMatch(/boundary day .* belongs to the span that ends on it/);
    expect(DIMENSION_RULES.payer).toMatch(/equally many days, the one first in alphabetical order/);
    const doc = renderMeasuresDoc();
    for (const d of DIMENSION_NAMES) expect(doc).toContain(`| \`${d}\` | `);
  });
});
