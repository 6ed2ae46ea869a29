// A Svelte attachment that renders a Vega-Lite spec into its element as SVG, and finalizes the
// view when the spec changes or the element goes away. The chart library loads lazily so tiles paint
// first; pages with charts start that load at once (loadVega), beside their data requests, and with it
// the chart compiler's worker (chart-compiler.svelte.ts), which compiles and parses each spec off the
// main thread: here only the view is built and drawn.
// Expressions are interpreted (vega-interpreter), not compiled with new Function, so the page's
// content security policy needs no 'unsafe-eval'. Tooltips are vega-tooltip's. `onview` receives the
// view (for image exports), and null once it is gone.
import type { Attachment } from 'svelte/attachments';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compileChartSpec, startChartCompiler } from './chart-compiler.svelte.ts';

type ChartLibrary = [typeof import('vega'), typeof import('vega-interpreter'), typeof import('vega-tooltip')];
let vega: Promise<ChartLibrary> | undefined;

/** Starts loading the chart library now (and the compiler's worker), so that a page's first chart need not wait for it after its data. */
export function loadVega(): Promise<ChartLibrary> {
  startChartCompiler();
  if (!vega) {
    vega = Promise.all([import('vega'), import('vega-interpreter'), import('vega-tooltip')]);
    vega.catch(() => (vega = undefined)); // a failed download is tried again by the next chart
  }
  return vega;
}

export function vegaLite(spec: TopLevelSpec, onview?: (view: View | null) => void): Attachment<HTMLElement> {
  return (node) => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    void Promise.all([loadVega(), compileChartSpec(spec)]).then(async ([[{ View, Warn }, { expressionInterpreter }, { Handler }], runtime]) => {
      if (cancelled) return;
      node.classList.add('vega-embed');
      node.replaceChildren();
      const view = new View(runtime, { renderer: 'svg', logLevel: Warn, expr: expressionInterpreter as never });
      view.tooltip(new Handler().call);
      await view.initialize(node).runAsync();
      if (cancelled) return view.finalize();
      onview?.(view);
      finalize = () => {
        onview?.(null);
        view.finalize();
      };
    });
    return () => {
      cancelled = true;
      finalize?.();
    };
  };
}
