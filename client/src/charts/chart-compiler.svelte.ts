// Compiles the page's chart specs off the main thread: Vega-Lite's compile and Vega's parse take tens
// of milliseconds a chart, which on a page of nine charts held up drawing them one after another. One
// worker for the page, started with the chart library (loadVega); where no worker can be started,
// or it fails, the specs are compiled on the main thread instead (same function, same result).
import type { TopLevelSpec } from 'vega-lite';
import type { ChartRuntime } from './compile-chart.ts';
import type { CompileReply, CompileRequest } from './chart-compiler.worker.ts';

interface Pending {
  resolve: (runtime: ChartRuntime) => void;
  reject: (error: Error) => void;
  spec: TopLevelSpec;
}

let worker: Worker | null | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

/** Starts the worker (once), so that its code loads beside the page's data. */
export function startChartCompiler(): void {
  if (worker !== undefined) return;
  try {
    worker = new Worker(new URL('./chart-compiler.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
    return;
  }
  worker.onmessage = ({ data }: MessageEvent<CompileReply>) => {
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if ('error' in data) request.reject(new Error(data.error));
    else request.resolve(data.runtime);
  };
  // The worker itself failed (its script did not load): what it still owed is compiled here.
  worker.onerror = (event) => {
    event.preventDefault();
    worker?.terminate();
    worker = null;
    const owed = [...pending.values()];
    pending.clear();
    for (const request of owed) onMainThread(request.spec).then(request.resolve, request.reject);
  };
}

/** The spec's Vega runtime, compiled in the worker (or here when there is none). */
export function compileChartSpec(spec: TopLevelSpec): Promise<ChartRuntime> {
  startChartCompiler();
  if (!worker) return onMainThread(spec);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, spec });
    try {
      worker!.postMessage({ id, spec } satisfies CompileRequest);
    } catch {
      // A spec that holds reactive state (a proxy) cannot be cloned as it is: its plain copy can.
      worker!.postMessage({ id, spec: $state.snapshot(spec) as TopLevelSpec } satisfies CompileRequest);
    }
  });
}

async function onMainThread(spec: TopLevelSpec): Promise<ChartRuntime> {
  const { compileChart } = await import('./compile-chart.ts');
  return compileChart(spec);
}
