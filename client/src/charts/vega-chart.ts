// A Svelte attachment that renders a Vega-Lite spec into its element as SVG, and finalizes the
// view when the spec changes or the element goes away. The chart library loads lazily so tiles paint
// first, and with it the chart compiler's worker (chart-compiler.svelte.ts), which compiles and
// parses each spec off the main thread: here only the view is built and drawn.
// A chart that the server can draw (`firstPaint`: trend charts, county maps) is shown first as the
// server's picture while the library is not yet loaded (a page's first paint, first-paint.ts); the
// live view replaces it once the page's pictures are in, and a click made on the picture meanwhile
// is made again on the live view (picture-pointer.ts).
// Expressions are interpreted (vega-interpreter), not compiled with new Function, so the page's
// content security policy needs no 'unsafe-eval'. Tooltips are vega-tooltip's. `onview` receives the
// view (for image exports), and null once it is gone. The element's data-chart says which it shows:
// `first-paint` or `live`.
import type { Attachment } from 'svelte/attachments';
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compileChartSpec, startChartCompiler } from './chart-compiler.svelte.ts';
import { afterFirstPaints, buildLiveViewsNow, paintingFirst } from './first-paint.ts';
import { recordPicturePointer, type PicturePointer } from './picture-pointer.ts';

type ChartLibrary = [typeof import('vega'), typeof import('vega-interpreter'), typeof import('vega-tooltip')];
let vega: Promise<ChartLibrary> | undefined;

/** The server's SVG of the chart at a width in CSS pixels. */
export type FirstPaint = (width: number, signal: AbortSignal) => Promise<string>;

/** Starts loading the chart library now (and the compiler's worker), so that a page's first chart need not wait for it after its data. */
function loadVega(): Promise<ChartLibrary> {
  startChartCompiler();
  if (!vega) {
    vega = Promise.all([import('vega'), import('vega-interpreter'), import('vega-tooltip')]);
    vega.catch(() => (vega = undefined)); // a failed download is tried again by the next chart
  }
  return vega;
}

export function vegaLite(spec: TopLevelSpec, onview?: (view: View | null) => void, firstPaint?: FirstPaint): Attachment<HTMLElement> {
  return (node) => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    let request: AbortController | undefined;
    let pointer: PicturePointer | undefined;
    const drawLive = () => {
      if (cancelled) return;
      void Promise.all([loadVega(), compileChartSpec(spec)]).then(async ([[{ View, Warn }, { expressionInterpreter }, { Handler }], runtime]) => {
        if (cancelled) return;
        // The server's picture stays in view, laid over the live view's place, until the live view has drawn.
        const picture = node.dataset.chart === 'first-paint' ? (node.firstElementChild as SVGElement | null) : null;
        const host = picture ? document.createElement('div') : node;
        if (picture) {
          node.style.position = 'relative';
          Object.assign(picture.style, { position: 'absolute', top: '0', left: '0' });
          node.append(host);
        } else {
          node.classList.add('vega-embed');
          node.replaceChildren();
        }
        const view = new View(runtime, { renderer: 'svg', logLevel: Warn, expr: expressionInterpreter as never });
        view.tooltip(new Handler().call);
        await view.initialize(host).runAsync();
        picture?.remove();
        node.style.position = '';
        if (cancelled) return view.finalize();
        node.dataset.chart = 'live';
        onview?.(view);
        pointer?.replay();
        finalize = () => {
          onview?.(null);
          view.finalize();
        };
      });
    };
    if (!firstPaint || vega) drawLive();
    else {
      request = new AbortController();
      // The width is read in the next frame, where every chart of the page reads it after one layout
      // (read here, while the page renders, each chart would lay the page out again). The live view is
      // drawn only after the picture has settled (afterFirstPaints), so it never finds one on its way.
      const signal = request.signal;
      const picture = async (): Promise<string> => {
        const width = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(node.clientWidth)));
        // A chart with no width (hidden) has no picture: its live view draws it.
        if (width === 0) throw new Error('the chart has no width');
        return firstPaint(width, signal);
      };
      paintingFirst(picture()).then(
        (svg) => {
          if (cancelled) return;
          node.classList.add('vega-embed');
          node.innerHTML = svg;
          node.dataset.chart = 'first-paint';
          node.addEventListener('pointerover', buildLiveViewsNow, { once: true });
          pointer = recordPicturePointer(node);
          afterFirstPaints(drawLive);
        },
        // No picture (the server could not draw it): the live view draws it.
        () => drawLive(),
      );
    }
    return () => {
      cancelled = true;
      request?.abort();
      pointer?.stop();
      finalize?.();
    };
  };
}
