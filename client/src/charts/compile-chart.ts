// A Vega-Lite spec to the Vega runtime a View is built from: compiled by Vega-Lite, then parsed by
// Vega with its expressions kept as syntax trees (ast: true) for the expression interpreter, so the
// page's content security policy needs no 'unsafe-eval'. The result is plain data (structured-cloneable):
// the chart compiler worker (chart-compiler.worker.ts) makes it off the page's main thread.
import { parse, type Runtime } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type ChartRuntime = Runtime;

export function compileChart(spec: TopLevelSpec): ChartRuntime {
  return parse(compile(spec).spec, {}, { ast: true });
}
