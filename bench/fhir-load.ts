// Section 6, FHIR load (issue 3: FHIR NDJSON loads at 50,000 resources/s or more): the generator
// writes the population as FHIR R4 Bulk Data NDJSON, then `popsight load` reads it in a child
// process. The rate is resources over the load's whole wall time (start-up, marts and quality
// included), so it is what a user waits for. FHIR is ~180 KB per person, so the section runs on at
// most FHIR_MAX_PEOPLE people whatever the size of the run; the files are removed when measured.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from './child-process.ts';
import { popsightCommand, type BenchContext } from './context.ts';
import { benchGenerator } from './generator.ts';
import { stageDone, type LoadStage } from './load.ts';

export const FHIR_MAX_PEOPLE = 20_000;

export interface FhirLoadBench {
  people: number;
  /** NDJSON lines: one resource each. */
  resources: number;
  resourcesByType: Record<string, number>;
  bytes: number;
  /** Wall time of the `popsight load` process. */
  seconds: number;
  peakRssBytes: number | null;
  resourcesPerSecond: number;
  stages: LoadStage[];
}

export async function benchFhirLoad(ctx: BenchContext, people: number, dir: string): Promise<FhirLoadBench> {
  const extract = join(dir, 'fhir');
  const warehouse = join(dir, 'fhir-warehouse.duckdb');
  try {
    ctx.log(`  generating ${people.toLocaleString('en-US')} people as FHIR NDJSON …`);
    // The generator counts the resources it writes to each file (Patient.000.ndjson → Patient).
    const generated = await benchGenerator(ctx, people, extract, 'fhir');
    const resourcesByType: Record<string, number> = {};
    for (const [name, count] of Object.entries(generated.files)) {
      const type = name.split('.')[0]!;
      resourcesByType[type] = (resourcesByType[type] ?? 0) + count;
    }
    const { rows: resources, bytes } = generated;

    const stages: LoadStage[] = [];
    const [command, args] = popsightCommand(['load', extract, '--warehouse', warehouse, '--replace']);
    const load = await runMeasured(command, args, {
      cwd: ctx.root,
      env: ctx.childEnv,
      onLine: (line) => {
        const stage = stageDone(line);
        if (stage) {
          stages.push(stage);
          ctx.log(`  ${line}`);
        }
      },
    });
    return { people, resources, resourcesByType, bytes, seconds: load.seconds, peakRssBytes: load.peakRssBytes, resourcesPerSecond: resources / load.seconds, stages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
