// Child process of bench section 1: generates the population and prints the generator's own
// summary as JSON on stdout (the parent measures wall time and peak memory from outside).
import { parseArgs } from 'node:util';
import { generatePopulation, type OutputFormat } from '../generator/index.ts';

const { values } = parseArgs({ options: { people: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, format: { type: 'string', default: 'csv' } } });
const total = Number(values.people);
let lastReport = 0;
const summary = await generatePopulation({
  people: total,
  seed: Number(values.seed),
  outDir: values.out!,
  format: values.format as OutputFormat,
  onProgress: (done) => {
    if (Date.now() - lastReport < 10_000 && done < total) return;
    lastReport = Date.now();
    process.stderr.write(`generated ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} people\n`);
  },
});
process.stdout.write(`${JSON.stringify(summary)}\n`);
