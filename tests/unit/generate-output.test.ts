// What the generator writes: Synthea's current CSV layout, parseable, internally consistent,
// and plausible for a population-health dashboard (checked with wide but meaningful bounds).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateSummary } from '../../generator/index.ts';
import { SYNTHEA_FILES, SYNTHEA_HEADERS } from '../../generator/synthea-layout.ts';

/** RFC 4180 line splitter, written here independently of the generator's writer. */
function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') out.push(field), (field = '');
    else field += ch;
  }
  if (quoted) throw new Error(`unterminated quote: ${line}`);
  out.push(field);
  return out;
}

const outDir = mkdtempSync(join(tmpdir(), 'popsight-generate-out-'));
let summary: GenerateSummary;
const tables: Record<string, Record<string, string>[]> = {};
const lines: Record<string, string[]> = {};

/** Rows of a file as objects; `keep` picks the lines worth turning into objects. */
function load(file: string, keep: (line: string) => boolean = () => true): Record<string, string>[] {
  const [header, ...rest] = readFileSync(join(outDir, `${file}.csv`), 'utf8').split('\n');
  lines[file] = [header, ...rest];
  const cols = splitCsv(header);
  return rest.filter((l) => l !== '' && keep(l)).map((l) => {
    const cells = splitCsv(l);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}

const day = (s: string) => s.slice(0, 10);
const ageOn = (birth: string, on: string) => {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};
const aliveOn = (p: Record<string, string>, on: string) => p.BIRTHDATE <= on && (p.DEATHDATE === '' || p.DEATHDATE > on);

describe('generated Synthea CSV', () => {
  beforeAll(() => {
    // Through the command line, as a user runs it: vitest's module transform makes the hot
    // simulation loop about ten times slower than plain Node.
    const cli = fileURLToPath(new URL('../../generator/cli.ts', import.meta.url));
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', cli, '--people', '4000', '--seed', '7', '--out', outDir], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    summary = JSON.parse(stdout) as GenerateSummary;
    // Observations are most of the volume: only HbA1c rows become objects.
    for (const f of SYNTHEA_FILES) tables[f] = f === 'observations' ? load(f, (l) => l.includes(',4548-4,')) : load(f);
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes all 18 files with the current-layout headers', () => {
    expect(readdirSync(outDir).sort()).toEqual(SYNTHEA_FILES.map((f) => `${f}.csv`).sort());
    for (const f of SYNTHEA_FILES) expect(lines[f][0], f).toBe(SYNTHEA_HEADERS[f].join(','));
    expect(SYNTHEA_HEADERS.patients).toContain('FIPS');
    expect(SYNTHEA_HEADERS.payer_transitions.slice(2, 4)).toEqual(['START_DATE', 'END_DATE']);
  });

  it('gives every line as many fields as its header, quotes included', () => {
    let quoted = 0;
    const ragged: string[] = [];
    for (const f of SYNTHEA_FILES) {
      const width = SYNTHEA_HEADERS[f].length;
      for (const line of lines[f].slice(1)) {
        if (line === '') continue;
        if (line.includes('"')) quoted++;
        if (splitCsv(line).length !== width) ragged.push(`${f}: ${line}`);
      }
      expect(lines[f].at(-1), `${f} ends with a newline`).toBe('');
    }
    expect(ragged).toEqual([]);
    expect(quoted).toBeGreaterThan(0); // descriptions and birthplaces with commas are quoted
  });

  it('reports the rows it wrote', () => {
    for (const f of SYNTHEA_FILES) expect(summary.files[`${f}.csv`], f).toBe(lines[f].length - 2);
    expect(summary.people).toBe(4000);
    expect(tables.patients).toHaveLength(4000);
  });

  it('references only written patients, encounters, payers, organizations and providers', () => {
    const ids = (f: string, col = 'Id') => new Set(tables[f].map((r) => r[col]));
    const patients = ids('patients');
    const encounters = ids('encounters');
    const payers = ids('payers');
    const providers = ids('providers');
    const dangling = tables.encounters.filter((e) => !patients.has(e.PATIENT) || !payers.has(e.PAYER) || !providers.has(e.PROVIDER));
    expect(dangling).toEqual([]);
    expect(new Set(tables.encounters.map((e) => e.ORGANIZATION))).toEqual(ids('organizations'));
    for (const f of ['conditions', 'medications', 'procedures', 'immunizations']) {
      expect(tables[f].filter((r) => !encounters.has(r.ENCOUNTER) || !patients.has(r.PATIENT)), f).toEqual([]);
    }
    const observations = lines.observations.slice(1, -1).map((l) => l.split(','));
    expect(observations.filter(([, patient, encounter]) => !patients.has(patient) || !encounters.has(encounter))).toEqual([]);
    expect(tables.payer_transitions.filter((t) => !patients.has(t.PATIENT) || !payers.has(t.PAYER))).toEqual([]);
  });

  it('uses exactly the SNOMED codes of condition-groups.csv for chronic conditions', () => {
    const groups = new Map(readFileSync(new URL('../../data/reference/condition-groups.csv', import.meta.url), 'utf8')
      .trim().split('\n').slice(1).map((l) => [l.split(',')[2], l.split(',')[0]] as const));
    const seen = new Set(tables.conditions.filter((c) => groups.has(c.CODE)).map((c) => groups.get(c.CODE)));
    for (const g of ['diabetes', 'hypertension', 'hyperlipidemia', 'asthma', 'copd', 'heart_failure', 'ckd', 'depression', 'obesity', 'cad']) {
      expect(seen.has(g), g).toBe(true);
    }
    const diabetes = tables.conditions.filter((c) => groups.get(c.CODE) === 'diabetes');
    expect(diabetes.some((c) => c.START < '2016-01-01')).toBe(true); // prevalent at the window start
    expect(diabetes.some((c) => c.START >= '2016-01-01')).toBe(true); // incident during it
  });

  it('keeps coverage contiguous and bills each encounter to the payer covering its date', () => {
    const periods = new Map<string, Record<string, string>[]>();
    for (const t of tables.payer_transitions) periods.set(t.PATIENT, [...(periods.get(t.PATIENT) ?? []), t]);
    expect(periods.size).toBe(4000);
    const gaps: string[] = [];
    for (const list of periods.values()) {
      for (let i = 1; i < list.length; i++) if (list[i].START_DATE !== list[i - 1].END_DATE) gaps.push(list[i].PATIENT);
      if (list.some((p) => p.END_DATE < p.START_DATE)) gaps.push(list[0].PATIENT);
    }
    expect(gaps).toEqual([]);
    const misbilled = tables.encounters.filter((e) => {
      const list = periods.get(e.PATIENT) ?? [];
      const covering = list.find((p) => p.START_DATE <= e.START && e.START < p.END_DATE) ?? list.at(-1);
      return e.PAYER !== covering?.PAYER;
    });
    expect(misbilled).toEqual([]);
  });

  it('has deaths, births in the window, people over 90, and no care after death', () => {
    const deaths = tables.patients.filter((p) => p.DEATHDATE !== '');
    expect(deaths.length).toBeGreaterThan(100);
    expect(tables.patients.filter((p) => p.BIRTHDATE >= '2016-01-01').length).toBeGreaterThan(150);
    expect(tables.patients.filter((p) => aliveOn(p, '2016-01-01') && ageOn(p.BIRTHDATE, '2016-01-01') >= 90).length).toBeGreaterThan(5);
    const death = new Map(deaths.map((p) => [p.Id, p.DEATHDATE]));
    const afterDeath = tables.encounters.filter((e) => death.has(e.PATIENT) && day(e.STOP) > (death.get(e.PATIENT) ?? ''));
    expect(afterDeath).toEqual([]);
  });

  it('puts adult diabetes prevalence between 6% and 16%', () => {
    const on = '2019-07-01';
    const adults = tables.patients.filter((p) => aliveOn(p, on) && ageOn(p.BIRTHDATE, on) >= 18);
    const diabetic = new Set(tables.conditions
      .filter((c) => ['44054006', '46635009'].includes(c.CODE) && c.START <= on && (c.STOP === '' || c.STOP > on))
      .map((c) => c.PATIENT));
    const share = adults.filter((p) => diabetic.has(p.Id)).length / adults.length;
    expect(share).toBeGreaterThan(0.06);
    expect(share).toBeLessThan(0.16);
  });

  it('covers more than 90% of people aged 65 or over by Medicare or Dual Eligible', () => {
    const on = '2020-07-01T00:00:00Z';
    const name = new Map(tables.payers.map((p) => [p.Id, p.NAME]));
    const payerOn = new Map<string, string>();
    for (const t of tables.payer_transitions) if (t.START_DATE <= on && on < t.END_DATE) payerOn.set(t.PATIENT, name.get(t.PAYER) ?? '');
    const seniors = tables.patients.filter((p) => aliveOn(p, day(on)) && ageOn(p.BIRTHDATE, day(on)) >= 65);
    expect(seniors.length).toBeGreaterThan(300);
    const medicare = seniors.filter((p) => ['Medicare', 'Dual Eligible'].includes(payerOn.get(p.Id) ?? '')).length;
    expect(medicare / seniors.length).toBeGreaterThan(0.9);
    expect(new Set(payerOn.values())).toContain('NO_INSURANCE');
    expect(new Set(payerOn.values())).toContain('Medicaid');
  });

  it('has emergency visits and admissions at plausible rates per 1,000 person-years', () => {
    let personYears = 0;
    for (const p of tables.patients) {
      const from = Date.parse(p.BIRTHDATE > '2016-01-01' ? p.BIRTHDATE : '2016-01-01');
      const to = Date.parse(p.DEATHDATE || '2025-12-31');
      personYears += Math.max(0, to - from) / (365.25 * 86_400_000);
    }
    const rate = (cls: string) => (1000 * tables.encounters.filter((e) => e.ENCOUNTERCLASS === cls).length) / personYears;
    expect(rate('emergency')).toBeGreaterThan(250);
    expect(rate('emergency')).toBeLessThan(600);
    expect(rate('inpatient')).toBeGreaterThan(50);
    expect(rate('inpatient')).toBeLessThan(150);
  });

  it('shows HbA1c control of people with diabetes improving to 2019 and worsening in 2020', () => {
    const diabetic = new Map<string, string>();
    for (const c of tables.conditions) if (['44054006', '46635009'].includes(c.CODE)) diabetic.set(c.PATIENT, c.START);
    const controlled = (year: string) => {
      const tests = tables.observations.filter((o) => o.CODE === '4548-4' && o.DATE.startsWith(year)
        && diabetic.has(o.PATIENT) && (diabetic.get(o.PATIENT) ?? '9') <= day(o.DATE));
      expect(tests.length, year).toBeGreaterThan(300);
      expect(tests.every((o) => o.UNITS === '%' && o.CATEGORY === 'laboratory' && o.TYPE === 'numeric')).toBe(true);
      return tests.filter((o) => Number(o.VALUE) < 8).length / tests.length;
    };
    const [y2016, y2019, y2020] = [controlled('2016'), controlled('2019'), controlled('2020')];
    expect(y2019 - y2016).toBeGreaterThan(0.05);
    expect(y2019 - y2020).toBeGreaterThan(0.05);
  });
});
