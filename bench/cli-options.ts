// The options of `npm run bench`. Defaults suit a full run at 100,000 people; the smoke test passes
// small counts (--iterations 5 --duration 1) to finish quickly.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchSettings } from './context.ts';
import { ROOT } from './context.ts';

export type SkippablePart = 'api' | 'pg' | 'shards' | 'browser' | 'autocannon' | 'fhir' | 'disclosure' | 'reports' | 'cohorts';

export interface BenchOptions extends BenchSettings {
  people: number[];
  outDir: string;
  /** null with --no-docs */
  docsDir: string | null;
  workParent: string;
  keep: boolean;
  /** Delete the extract once the load has staged it. */
  freeExtract: boolean;
  skip: Set<SkippablePart>;
  /** --publish FILE: only update the docs from an earlier run's results JSON. */
  publish: string | null;
  /** --warehouse FILE: reuse a kept warehouse instead of generating and loading. */
  warehouse: string | null;
}

const SKIP_NAMES: Record<string, SkippablePart> = { api: 'api', disclosure: 'disclosure', pg: 'pg', postgres: 'pg', postgresql: 'pg', browser: 'browser', dashboard: 'browser', autocannon: 'autocannon', throughput: 'autocannon', fhir: 'fhir', shards: 'shards', reports: 'reports', email: 'reports', cohorts: 'cohorts' };

export const USAGE = `npm run bench -- [options]
  --people N[,N…]       population sizes, ascending (default 100000)
  --skip api,pg,shards,browser,autocannon,fhir,disclosure,reports,cohorts   leave these parts out (pg: section 4,
                        one PostgreSQL beside DuckDB; shards: section 8, sharded PostgreSQL and the core-table peer;
                        cohorts: section 10, the cohort builder's live preview; each independent; the docs keep the last figures of what a run leaves out)
  --warehouse FILE      no generator and no load: run the other sections on a warehouse an earlier run kept
                        (--keep) at the one size given by --people
  --out DIR             results folder (default bench/results)
  --no-docs             do not update docs/performance.md and its chart
  --docs DIR            the docs folder to update (default docs/ of this checkout)
  --work DIR            where the generated data goes (default the system temp folder; ~90 KB per person, ~70 KB with --free-extract)
  --keep                keep the generated extract (unless --free-extract) and warehouse
  --free-extract        delete the extract as soon as the load has staged it (1/7), for a disk short of room
  --seed N              generator seed (default 1)
  --iterations N        uncached rounds: every measure query timed once per round (default 40)
  --cached-iterations N cached samples per endpoint (default 200)
  --engine-runs N       runs per query on DuckDB and PostgreSQL (default 7)
  --duration S          seconds per autocannon run (default 5)
  --connections LIST    autocannon connection counts (default 1,10,50)
  --slow-sql-ms MS      log load statements slower than this (default 2000)
  --publish FILE        run nothing: update the docs (see --docs) from a results JSON an earlier run wrote
                        (e.g. one run with --no-docs on a quiet machine)`;

/** A mistake in the command line: printed with the usage, without a stack trace. */
export class UsageError extends Error {}

export function parseOptions(argv: string[]): BenchOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        people: { type: 'string', default: '100000' },
        skip: { type: 'string', multiple: true, default: [] },
        out: { type: 'string', default: join(ROOT, 'bench', 'results') },
        'no-docs': { type: 'boolean', default: false },
        docs: { type: 'string', default: join(ROOT, 'docs') },
        work: { type: 'string', default: tmpdir() },
        keep: { type: 'boolean', default: false },
        'free-extract': { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        iterations: { type: 'string', default: '40' },
        'cached-iterations': { type: 'string', default: '200' },
        'engine-runs': { type: 'string', default: '7' },
        duration: { type: 'string', default: '5' },
        connections: { type: 'string', default: '1,10,50' },
        'slow-sql-ms': { type: 'string', default: '2000' },
        publish: { type: 'string' },
        warehouse: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (name: string, text: string, min: number) => {
    const n = Number(text.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got '${text}'\n\n${USAGE}`);
    return n;
  };
  const list = (name: string, text: string, min: number) => text.split(',').map((part) => whole(name, part.trim(), min));
  const skip = new Set<SkippablePart>();
  for (const name of values.skip.flatMap((s) => s.split(','))) {
    const part = SKIP_NAMES[name.trim().toLowerCase()];
    if (!part) throw new UsageError(`--skip takes api, pg, shards, browser, autocannon, fhir, disclosure, reports or cohorts, got '${name}'\n\n${USAGE}`);
    skip.add(part);
  }
  const people = [...new Set(list('people', values.people, 100))].sort((a, b) => a - b);
  if (values.warehouse !== undefined && people.length !== 1) throw new UsageError(`--warehouse runs one size: give the warehouse's population as --people N\n\n${USAGE}`);
  if (values.warehouse !== undefined && !existsSync(values.warehouse)) throw new UsageError(`--warehouse ${values.warehouse}: no such file (keep one with --keep)\n\n${USAGE}`);
  return {
    people,
    outDir: resolve(values.out),
    docsDir: values['no-docs'] ? null : resolve(values.docs),
    workParent: resolve(values.work),
    keep: values.keep,
    freeExtract: values['free-extract'],
    skip,
    publish: values.publish === undefined ? null : resolve(values.publish),
    warehouse: values.warehouse === undefined ? null : resolve(values.warehouse),
    seed: whole('seed', values.seed, 0),
    iterations: whole('iterations', values.iterations, 2),
    cachedIterations: whole('cached-iterations', values['cached-iterations'], 1),
    engineRuns: whole('engine-runs', values['engine-runs'], 1),
    throughputSeconds: whole('duration', values.duration, 1),
    connections: list('connections', values.connections, 1),
    slowSqlMs: whole('slow-sql-ms', values['slow-sql-ms'], 0),
  };
}
