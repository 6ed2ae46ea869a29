// The closing line of `popsight load`: it names the failing checks (issue 18) and the commands that list them.
import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../core/loads/load-messages.ts';

const load = { format: 'synthea', layout: 'v3', seconds: 12.34, people: 1234, files: [{ quarantined: 2 }, { quarantined: 53 }, { quarantined: 0 }] };

describe('the load’s closing summary', () => {
  it('names every failing check, the rows quarantined and where to read more', () => {
    const line = loadMessages.loadSummary({ ...load, quality: { checks: 71, passed: 69, failing: ['encounter-after-death', 'observation-outside-coverage'] } }, '/w.duckdb');
    expect(line).toBe(
      'Loaded a synthea extract (v3 layout) in 12.3 s; the warehouse holds 1,234 people; 55 rows quarantined (popsight quarantine --warehouse /w.duckdb lists them); ' +
        '69 of 71 checks pass; failing: encounter-after-death, observation-outside-coverage (popsight quality --warehouse /w.duckdb).',
    );
  });

  it('says so when every check passes and nothing was quarantined', () => {
    const line = loadMessages.loadSummary({ ...load, people: 1, files: [{ quarantined: 0 }], quality: { checks: 71, passed: 71, failing: [] } }, '/w.duckdb');
    expect(line).toBe('Loaded a synthea extract (v3 layout) in 12.3 s; the warehouse holds 1 person; all 71 checks pass.');
  });
});
