// A Svelte attachment that renders a Vega-Lite spec into its element as SVG, and finalizes the
// view when the spec changes or the element goes away. vega-embed loads lazily so tiles paint first;
// pages with charts start that load at once (loadVega), beside their data requests.
// Expressions are interpreted (vega-interpreter), not compiled with new Function, so the page's
// content security policy needs no 'unsafe-eval'. `onview` receives the view (for image exports),
// and null once it is gone.
import type { Attachment } from 'svelte/attachments';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

let vega: Promise<[typeof import('vega-embed'), typeof import('vega-interpreter')]> | undefined;

/** Starts loading vega-embed (~860 kB) now, so that a page's first chart need not wait for it after its data. */
export function loadVega() {
  if (!vega) {
    vega = Promise.all([import('vega-embed'), import('vega-interpreter')]);
    vega.catch(() => (vega = undefined)); // a failed download is tried again by the next chart
  }
  return vega;
}

export function vegaLite(spec: TopLevelSpec, onview?: (view: View | null) => void): Attachment<HTMLElement> {
  return (node) => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    void loadVega().then(async ([{ default: embed }, { expressionInterpreter }]) => {
      if (cancelled) return;
      const result = await embed(node, spec, { renderer: 'svg', actions: false, ast: true, expr: expressionInterpreter });
      if (cancelled) return result.finalize();
      onview?.(result.view);
      finalize = () => {
        onview?.(null);
        result.finalize();
      };
    });
    return () => {
      cancelled = true;
      finalize?.();
    };
  };
}
