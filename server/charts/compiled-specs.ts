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

interface Compiled {
  spec: Omit<VegaSpec, 'data'> & { data?: { values?: unknown }[] };
  /** Which of its data sets holds the chart's rows. */
  rowsAt: number;
}

const compiled = new Map<string, Compiled>();

/** The Vega spec of a Vega-Lite spec whose rows are inline at the top (`data.values`), compiled once per form. */
export function compileByForm(spec: TopLevelSpec): VegaSpec {
  const { data, width, ...form } = spec as TopLevelSpec & { data?: { values?: unknown[] }; width?: unknown };
  if (!data || !Array.isArray(data.values)) return compile(spec).spec;
  const key = JSON.stringify(form);
  let entry = compiled.get(key);
  if (entry) compiled.delete(key); // most recently used last
  else entry = compileForm(spec, data);
  compiled.set(key, entry);
  if (compiled.size > KEPT) compiled.delete(compiled.keys().next().value!);
  const sets = entry.spec.data!.map((set, i) => (i === entry.rowsAt ? { ...set, values: data.values } : set));
  return { ...entry.spec, width: width as number, data: sets } as unknown as VegaSpec;
}

function compileForm(spec: TopLevelSpec, data: { values?: unknown[] }): Compiled {
  const marked = compile({ ...spec, data: { ...data, values: [{ [ROWS_MARKER]: true }] } } as TopLevelSpec).spec as unknown as Compiled['spec'];
  const rowsAt = marked.data?.findIndex((set) => Array.isArray(set.values) && set.values.length === 1 && (set.values[0] as Record<string, unknown>)[ROWS_MARKER] === true) ?? -1;
  if (rowsAt < 0) throw new Error('compileByForm: the compiled spec holds the rows nowhere');
  return { spec: marked, rowsAt };
}
