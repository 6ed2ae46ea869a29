// The side doors of disclosure control (docs/disclosure.md, "Side doors"; issue 13): /api/meta,
// /api/dimensions and /api/quality show no count of 1–10 people to callers below admin, and show
// them exactly when the server runs with exact counts (the admin setting). Checked on a generated
// population against values computed here from the warehouse file, not by the code under test.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { qualityReportSchema } from '../../core/api/api-schemas.ts';
import { perturbCount } from '../../core/disclosure/cell-key.ts';
import { DIMENSIONS, DIMENSION_NAMES, type Dimension } from '../../core/measures/dimensions.ts';
import { messages } from '../../core/measures/messages.ts';
import { DEFAULT_TABLE } from '../../core/measures/perturb-cell.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Check = { id: string; rowsChecked: number | null; rowsFailed: number | null; percentFailed: number | null; suppressed: boolean; suppressionReason?: string };

const isOneToTen = (count: number | null) => count !== null && count >= 1 && count <= 10;

/** A record key as docs/disclosure.md defines it: the first 32 bits of SHA-256('record-key:' || pseudonym). */
const recordKey = (personId: string) => BigInt(`0x${createHash('sha256').update(`record-key:${personId}`).digest('hex').slice(0, 8)}`);

describe('side doors: meta, dimensions and quality below admin and with exact counts', () => {
  const stateRoot = mkdtempSync(join(tmpdir(), 'popsight-side-doors-'));
  let built: TestWarehouse;
  let viewer: RunningServer;
  let admin: RunningServer;
  let db: Database;
  const get = async (server: RunningServer, path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: await response.json() };
  };
  /** Distinct people per value of each dimension over the mart's yearly rows. */
  const peoplePerValue = new Map<Dimension, Map<string, number>>();

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 3_000, seed: 11 });
    viewer = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: join(stateRoot, 'viewer') });
    admin = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: join(stateRoot, 'admin'), exactCounts: true });
    db = await openDatabase(built.warehouse, { readOnly: true });
    for (const name of DIMENSION_NAMES) {
      // Each (value, person) pair once, counted here rather than by a GROUP BY like the code's.
      const pairs = await db.query<{ value: string }>(`SELECT DISTINCT ${DIMENSIONS[name]}::VARCHAR AS value, person_id FROM mart.person_year WHERE ${DIMENSIONS[name]} IS NOT NULL`);
      const counts = new Map<string, number>();
      for (const { value } of pairs) counts.set(value, (counts.get(value) ?? 0) + 1);
      peoplePerValue.set(name, counts);
    }
  });
  afterAll(async () => {
    db?.close();
    await viewer?.close();
    await admin?.close();
    built?.remove();
    rmSync(stateRoot, { recursive: true, force: true });
  });

  describe('/api/meta', () => {
    it('publishes the people in the warehouse perturbed by their own cell key, and exactly to an admin', async () => {
      const people = await db.query<{ person_id: string }>('SELECT person_id FROM core.person');
      const keySum = people.reduce((sum, { person_id }) => (sum + recordKey(person_id)) % 2n ** 32n, 0n);
      const published = perturbCount(DEFAULT_TABLE, people.length, keySum);
      const { body: shown } = await get(viewer, '/api/meta');
      expect(shown.people).toBe(published);
      expect(Math.abs(shown.people - people.length)).toBeLessThanOrEqual(DEFAULT_TABLE.parameters.maxNoise);
      expect((await get(admin, '/api/meta')).body.people).toBe(people.length);
      // The same count the load recorded: the perturbation is of the same people.
      const [{ people: recorded }] = await db.query<{ people: number }>('SELECT people FROM etl.warehouse_info');
      expect(recorded).toBe(people.length);
    });
  });

  describe('/api/dimensions', () => {
    it('lists exactly the values held by 11 or more people', async () => {
      const { body } = await get(viewer, '/api/dimensions');
      for (const name of DIMENSION_NAMES) {
        const common = [...peoplePerValue.get(name)!].filter(([, n]) => n >= 11).map(([value]) => value);
        expect([...body[name]].sort(), name).toEqual(common.sort());
      }
    });

    it('has rare values in this population, which an admin sees', async () => {
      const rare = DIMENSION_NAMES.flatMap((name) => [...peoplePerValue.get(name)!].filter(([, n]) => n <= 10).map(([value]) => `${name}=${value}`));
      expect(rare.length).toBeGreaterThan(0); // else the test above proves nothing
      const { body } = await get(admin, '/api/dimensions');
      for (const name of DIMENSION_NAMES) expect([...body[name]].sort(), name).toEqual([...peoplePerValue.get(name)!.keys()].sort());
    });

    it('refuses a filter on a value held by 1–10 people with the same 400 as an unknown value', async () => {
      const [name, value] = DIMENSION_NAMES.flatMap((d) => [...peoplePerValue.get(d)!].filter(([, n]) => n <= 10).map(([v]) => [d, v] as const))[0]!;
      const listed = (await get(viewer, '/api/dimensions')).body[name] as string[];
      const rare = await get(viewer, `/api/measures/diabetes-prevalence?${new URLSearchParams({ [name]: value })}`);
      const unknown = await get(viewer, `/api/measures/diabetes-prevalence?${new URLSearchParams({ [name]: 'no-such-value' })}`);
      expect(rare.status).toBe(400);
      expect(unknown.status).toBe(400);
      expect(rare.body.error.code).toBe(unknown.body.error.code);
      expect(rare.body.error.details).toEqual(unknown.body.error.details);
      expect(rare.body.error.message).toBe(messages.invalidChoice(name, value, listed));
      expect(rare.body.error.details.allowed).not.toContain(value);
    });
  });

  describe('/api/quality', () => {
    // Independently: people with no encounter at all (the finding: "people with no encounter: 3").
    const withoutEncounters = () =>
      db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM core.person p WHERE NOT EXISTS (SELECT 1 FROM core.encounter e WHERE e.person_id = p.person_id)');

    it('shows no count of 1–10, nor one a shown count gives back', async () => {
      const [{ n }] = await withoutEncounters();
      expect(n).toBeGreaterThanOrEqual(1); // a real small count in this population
      expect(n).toBeLessThanOrEqual(10);
      const { status, body } = await get(viewer, '/api/quality');
      expect(status).toBe(200);
      expect(qualityReportSchema.safeParse(body).success).toBe(true);
      const checks = body.checks as Check[];
      for (const check of checks) {
        expect(isOneToTen(check.rowsChecked), check.id).toBe(false);
        expect(isOneToTen(check.rowsFailed), check.id).toBe(false);
        if (check.rowsChecked !== null && check.rowsFailed !== null) expect(isOneToTen(check.rowsChecked - check.rowsFailed), check.id).toBe(false);
        // percentFailed is rowsFailed / rowsChecked: shown only with rowsFailed.
        expect(check.percentFailed === null, check.id).toBe(check.rowsFailed === null);
        expect(check.suppressed, check.id).toBe(check.rowsFailed === null || check.rowsChecked === null);
      }
      expect(checks.find((c) => c.id === 'person-without-encounters')).toMatchObject({ rowsChecked: 3_000, rowsFailed: null, percentFailed: null, suppressed: true, suppressionReason: 'small-cell' });
    });

    it('shows the same counts exactly to an admin', async () => {
      const [{ n }] = await withoutEncounters();
      const { body } = await get(admin, '/api/quality');
      expect(qualityReportSchema.safeParse(body).success).toBe(true);
      const checks = body.checks as Check[];
      expect(checks.find((c) => c.id === 'person-without-encounters')).toMatchObject({ rowsChecked: 3_000, rowsFailed: n, percentFailed: Math.round((1e6 * n) / 3_000) / 1e4, suppressed: false });
      expect(checks.every((c) => !c.suppressed && c.rowsChecked !== null && c.rowsFailed !== null)).toBe(true);
      const recorded = await db.query<{ check_id: string; rows_checked: number; rows_failed: number }>(
        'SELECT check_id, rows_checked, rows_failed FROM quality.results WHERE run_id = (SELECT arg_max(run_id, rowid) FROM quality.results)');
      expect(Object.fromEntries(checks.map((c) => [c.id, [c.rowsChecked, c.rowsFailed]]))).toEqual(Object.fromEntries(recorded.map((r) => [r.check_id, [r.rows_checked, r.rows_failed]])));
    });
  });
});
