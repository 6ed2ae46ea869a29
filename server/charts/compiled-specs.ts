// Vega-Lite's compilation of the trend charts a page's first paint asks for, kept by the chart's
// form: two charts that differ only in their rows and width (a page's four cost classes, say) have
// the same compiled Vega spec but for the rows and the width, so the second is not compiled again
// (the compiler is a quarter of a drawing). The rows are found in the compiled spec by a marker put
// in their place when it was compiled; Vega-Lite never looks at inline rows, only at the encodings.
import type { Spec as VegaSpec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Forms kept (each a compiled spec of ~12 kB, and its key of about as much). */
const KEPT = 64;
const ROWS_MARKER = '__popsight_rows__';

type CompiledSpec = Omit<VegaSpec, 'data'> & { data?: { name: string; values?: unknown }[] };

interface Compiled {
  spec: CompiledSpec;
  /** Which of its data sets holds the chart's rows. */
  rowsAt: number;
}

/** A chart of a form: the form's compiled spec with the chart's rows and width in it. */
export interface ChartOfForm {
  /** What the chart's form is (its Vega-Lite spec without rows and width). */
  key: string;
  spec: VegaSpec;
  /** The data set that holds the rows, and the rows. */
  rowsName: string;
  rows: unknown[];
  width: number;
  /** The height the form gives every chart of it. */
  height: number;
}

const compiled = new Map<string, Compiled>();

/** A Vega-Lite spec whose rows are inline at the top (`data.values`) and whose width and height are numbers, compiled once per form; undefined for any other spec. */
export function chartOfForm(spec: TopLevelSpec): ChartOfForm | undefined {
  const { data, width, ...form } = spec as TopLevelSpec & { data?: { values?: unknown[] }; width?: unknown };
  if (!data || !Array.isArray(data.values) || typeof width !== 'number' || typeof (form as { height?: unknown }).height !== 'number') return undefined;
  const key = JSON.stringify(form);
  let entry = compiled.get(key);
  if (entry) compiled.delete(key); // most recently used last
  else entry = compileForm(spec, data);
  compiled.set(key, entry);
  if (compiled.size > KEPT) compiled.delete(compiled.keys().next().value!);
  const { rowsAt } = entry;
  const sets = entry.spec.data!.map((set, i) => (i === rowsAt ? { ...set, values: data.values } : set));
  return {
    key,
    spec: { ...entry.spec, width, data: sets } as unknown as VegaSpec,
    rowsName: sets[rowsAt]!.name,
    rows: data.values,
    width,
    height: (form as { height: number }).height,
  };
}

/** The Vega spec of a Vega-Lite spec, compiled once per form when its rows are inline (chartOfForm). */
export function compileByForm(spec: TopLevelSpec): VegaSpec {
  return chartOfForm(spec)?.spec ?? compile(spec).spec;
}

function compileForm(spec: TopLevelSpec, data: { values?: unknown[] }): Compiled {
  const marked = compile({ ...spec, data: { ...data, values: [{ [ROWS_MARKER]: true }] } } as TopLevelSpec).spec as unknown as CompiledSpec;
  const rowsAt = marked.data?.findIndex((set) => Array.isArray(set.values) && set.values.length === 1 && (set.values[0] as Record<string, unknown>)[ROWS_MARKER] === true) ?? -1;
  if (rowsAt < 0) throw new Error('compileByForm: the compiled spec holds the rows nowhere');
  return { spec: marked, rowsAt };
}
