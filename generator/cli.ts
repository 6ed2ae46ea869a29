// Command-line entry for the generator:
//   npx tsx generator/cli.ts --people 20000 --seed 1 --out data/generated
import { parseArgs } from 'node:util';
import { DEFAULT_PEOPLE, generatePopulation } from './index.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: String(DEFAULT_PEOPLE) },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'data/generated/synthea-csv' },
    start: { type: 'string' },
    end: { type: 'string' },
  },
});

const summary = await generatePopulation({
  people: Number(values.people),
  seed: Number(values.seed),
  outDir: values.out,
  start: values.start,
  end: values.end,
  onProgress: (done, total) => {
    if (done % 10_000 === 0 || done === total) process.stderr.write(`\r${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} people`);
  },
});
process.stderr.write('\n');
console.log(JSON.stringify(summary, null, 2));
