// A Svelte attachment that renders a Vega-Lite spec into its element as SVG, and finalizes the
// view when the spec changes or the element goes away. vega-embed loads lazily so tiles paint first.
import type { Attachment } from 'svelte/attachments';
import type { TopLevelSpec } from 'vega-lite';

export function vegaLite(spec: TopLevelSpec): Attachment<HTMLElement> {
  return (node) => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    void import('vega-embed').then(async ({ default: embed }) => {
      if (cancelled) return;
      const result = await embed(node, spec, { renderer: 'svg', actions: false });
      if (cancelled) return result.finalize();
      finalize = () => result.finalize();
    });
    return () => {
      cancelled = true;
      finalize?.();
    };
  };
}
