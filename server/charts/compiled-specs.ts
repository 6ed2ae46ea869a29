// Vega-Lite's compilation of the trend charts a page's first paint asks for, kept by the chart's
// form: charts that differ only in their rows, width and texts (a page's four cost classes; Explore's
// panels, each with its own heading) have the same compiled Vega spec but for those, so the second is
// not compiled again (the compiler is a quarter of a drawing). The rows are found in the compiled spec
// by a marker put in their place when it was compiled; Vega-Lite never looks at inline rows, only at
// the encodings. The title, subtitle and description (when not empty) are marked too, and the title
// and subtitle become signals of the compiled spec, so that a view kept for the form (kept-views.ts)
// can be given another chart's texts.
import type { Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Forms kept (each a compiled spec of ~12 kB, and its key of about as much). */
const KEPT = 64;
const ROWS_MARKER = '__popsight_rows__';

/** The texts a chart of a form has of its own, and the signal each is drawn from (description: none, it is not drawn). */
const TEXTS = {
  title: { marker: '__popsight_title__', signal: 'popsight_title' },
  subtitle: { marker: '__popsight_subtitle__', signal: 'popsight_subtitle' },
  description: { marker: '__popsight_description__', signal: undefined },
} as const;
type TextName = keyof typeof TEXTS;
type ChartTexts = Partial<Record<TextName, string>>;

type CompiledSpec = Omit<VegaSpec, 'data'> & { data?: { name: string; values?: unknown }[] };

interface Compiled {
  spec: CompiledSpec;
  /** Which of its data sets holds the chart's rows. */
  rowsAt: number;
}

/** A chart of a form: the form's compiled spec with the chart's rows, width and texts in it. */
export interface ChartOfForm {
  /** What the chart's form is (its Vega-Lite spec without rows, width and texts). */
  key: string;
  spec: VegaSpec;
  /** The data set that holds the rows, and the rows. */
  rowsName: string;
  rows: unknown[];
  width: number;
  /** The height the form gives every chart of it. */
  height: number;
  /** The chart's texts, and the signals the title and subtitle are drawn from. */
  texts: ChartTexts;
  textSignals: Partial<Record<TextName, string>>;
}

const compiled = new Map<string, Compiled>();

/** A Vega-Lite spec whose rows are inline at the top (`data.values`) and whose width and height are numbers, compiled once per form; undefined for any other spec. */
export function chartOfForm(spec: TopLevelSpec): ChartOfForm | undefined {
  const { data, width, ...rest } = spec as TopLevelSpec & { data?: { values?: unknown[] }; width?: unknown; height?: unknown };
  if (!data || !Array.isArray(data.values) || typeof width !== 'number' || typeof rest.height !== 'number') return undefined;
  const { form, texts } = markTexts(rest);
  const key = JSON.stringify(form);
  let entry = compiled.get(key);
  if (entry) compiled.delete(key); // most recently used last
  else entry = compileForm(form, data);
  compiled.set(key, entry);
  if (compiled.size > KEPT) compiled.delete(compiled.keys().next().value!);
  const { rowsAt } = entry;
  const sets = entry.spec.data!.map((set, i) => (i === rowsAt ? { ...set, values: data.values } : set));
  const textSignals: ChartOfForm['textSignals'] = {};
  for (const name of Object.keys(texts) as TextName[]) if (TEXTS[name].signal) textSignals[name] = TEXTS[name].signal;
  const signalValue = (signal: { name: string }) => (Object.keys(textSignals) as TextName[]).find((name) => textSignals[name] === signal.name);
  const signals = entry.spec.signals?.map((signal) => {
    const name = signalValue(signal);
    return name ? { ...signal, value: texts[name] } : signal;
  });
  return {
    key,
    spec: { ...entry.spec, width, data: sets, signals, ...(texts.description !== undefined && { description: texts.description }) } as unknown as VegaSpec,
    rowsName: sets[rowsAt]!.name,
    rows: data.values,
    width,
    height: rest.height,
    texts,
    textSignals,
  };
}

/** The spec with its non-empty title, subtitle and description replaced by markers, and those texts. */
function markTexts(spec: Record<string, unknown>): { form: Record<string, unknown>; texts: ChartTexts } {
  const texts: ChartTexts = {};
  const mark = (name: TextName, text: unknown) => {
    if (typeof text !== 'string' || text === '') return text;
    texts[name] = text;
    return TEXTS[name].marker;
  };
  const title = spec.title as { text?: unknown; subtitle?: unknown } | undefined;
  const form = {
    ...spec,
    ...(spec.description !== undefined && { description: mark('description', spec.description) }),
    ...(title && typeof title === 'object' && { title: { ...title, text: mark('title', title.text), subtitle: mark('subtitle', title.subtitle) } }),
  };
  return { form, texts };
}

function compileForm(form: Record<string, unknown>, data: { values?: unknown[] }): Compiled {
  const marked = compile({ ...form, data: { ...data, values: [{ [ROWS_MARKER]: true }] } } as TopLevelSpec).spec as unknown as CompiledSpec;
  const rowsAt = marked.data?.findIndex((set) => Array.isArray(set.values) && set.values.length === 1 && (set.values[0] as Record<string, unknown>)[ROWS_MARKER] === true) ?? -1;
  if (rowsAt < 0) throw new Error('chartOfForm: the compiled spec holds the rows nowhere');
  // The marked title and subtitle are drawn from signals; nothing else may hold a marker.
  const title = marked.title as Record<string, unknown> | undefined;
  const signals = [...(marked.signals ?? [])];
  for (const name of ['title', 'subtitle'] as const) {
    const key = name === 'title' ? 'text' : 'subtitle';
    if (title?.[key] === TEXTS[name].marker) {
      title[key] = { signal: TEXTS[name].signal };
      signals.push({ name: TEXTS[name].signal, value: '' });
    }
  }
  const spec = { ...marked, signals } as CompiledSpec;
  const { description: _putInPerChart, ...others } = spec;
  const stray = Object.values(TEXTS).find(({ marker }) => JSON.stringify(others).includes(marker));
  if (stray) throw new Error(`chartOfForm: the compiled spec holds a text marker (${stray.marker}) where no chart's text is put in`);
  return { spec, rowsAt };
}
