// Vega views of the trend charts a page's first paint asks for, kept by the chart's form
// (compiled-specs.ts): a chart of a form drawn before is drawn by a kept view of that form, given the
// chart's rows, width, height and texts and run again, instead of parsing the compiled spec and
// building a view anew (parsing and building are more than half of a drawing). The view is emptied
// first, so that every mark is made anew, in order, and the SVG is exactly that of a view built for
// the chart. A view draws one chart at a time: a request for a form whose views are all drawing builds
// another.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { headlessView, renderVegaSvg } from '../reports/render-chart.ts';
import { chartOfForm } from './compiled-specs.ts';

/** Views kept over every form (a view of a trend chart holds a few hundred kB at most). */
const KEPT_VIEWS = 48;
/** Views kept of one form: a page asks for at most a few charts of a form at once. */
const KEPT_PER_FORM = 3;

/** Views not drawing, by form, the most recently used form last. */
const idle = new Map<string, vega.View[]>();
let keptCount = 0;

/** How many views were built and how many drawings a kept view made (for tests and the bench). */
export const keptViewCounts = { built: 0, reused: 0 };

/** A Vega-Lite spec drawn as SVG, by a kept view of its form when there is one. */
export async function drawByForm(spec: TopLevelSpec): Promise<string> {
  const chart = chartOfForm(spec);
  if (!chart) return renderVegaSvg(compile(spec).spec);
  const kept = take(chart.key);
  const view = kept ?? headlessView(chart.spec);
  keptViewCounts[kept ? 'reused' : 'built']++;
  let svg: string;
  try {
    if (kept) {
      await view.data(chart.rowsName, []).runAsync();
      view.data(chart.rowsName, chart.rows).signal('width', chart.width).signal('height', chart.height);
      for (const [name, signal] of Object.entries(chart.textSignals)) view.signal(signal, chart.texts[name as keyof typeof chart.texts]);
      if (chart.texts.description !== undefined) view.description(chart.texts.description);
    }
    svg = await view.toSVG();
  } catch (error) {
    view.finalize();
    throw error;
  }
  keep(chart.key, view);
  return svg;
}

function take(key: string): vega.View | undefined {
  const views = idle.get(key);
  const view = views?.pop();
  if (!view) return undefined;
  keptCount--;
  if (views!.length === 0) idle.delete(key);
  return view;
}

function keep(key: string, view: vega.View): void {
  const views = idle.get(key) ?? [];
  idle.delete(key);
  if (views.length >= KEPT_PER_FORM) {
    view.finalize();
    idle.set(key, views);
    return;
  }
  views.push(view);
  idle.set(key, views);
  keptCount++;
  // The least recently used forms' views go first.
  while (keptCount > KEPT_VIEWS) {
    const [oldest, oldViews] = idle.entries().next().value!;
    oldViews.shift()!.finalize();
    keptCount--;
    if (oldViews.length === 0) idle.delete(oldest);
  }
}
