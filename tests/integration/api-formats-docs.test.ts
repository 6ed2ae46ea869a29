import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../core/measures/catalog.ts';
import { MEASURES_DOC_PATH, renderMeasuresDoc } from '../../scripts/generate-measures-doc.ts';

describe('docs/measures.md', () => {
  it('is what `npm run docs:measures` generates from the catalog today', () => {
    const committed = readFileSync(MEASURES_DOC_PATH, 'utf8');
    expect(committed === renderMeasuresDoc(), 'docs/measures.md is stale: run `npm run docs:measures` and commit it').toBe(true);
  });

  it('has a section for every measure, with its source and unit', () => {
    const doc = renderMeasuresDoc();
    for (const m of MEASURES) {
      const section = doc.slice(doc.indexOf(`<a id="${m.id}"></a>`)).split('\n<a id=')[0]!;
      expect(section, m.id).toContain(`## ${m.title}`);
      expect(section, m.id).toContain(m.source);
      expect(section, m.id).toContain(`(\`${m.unit}\`)`);
    }
  });
});
