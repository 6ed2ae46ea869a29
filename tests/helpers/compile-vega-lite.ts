// Compiles a Vega-Lite spec with a logger that collects what Vega-Lite would otherwise only print,
// so a chart test can assert there were no warnings or errors.
import { compile, type TopLevelSpec } from 'vega-lite';

export function compileStrict(spec: TopLevelSpec) {
  const problems: unknown[][] = [];
  const logger = {
    level: () => logger,
    info: () => logger,
    debug: () => logger,
    warn: (...args: unknown[]) => (problems.push(['warn', ...args]), logger),
    error: (...args: unknown[]) => (problems.push(['error', ...args]), logger),
  };
  return { vegaSpec: compile(spec, { logger }).spec, problems };
}
