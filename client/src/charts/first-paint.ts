// A page's first paint of its charts: on a freshly opened page the server draws each trend chart and
// county map (its Vega is warm; the page's would first have to load and compile), and the page's own live views
// (vega-chart.ts) are built only once those pictures are in: while any is still on its way, and for
// a short moment after the last (a page asks for some charts' data only after other answers), the
// chart library is not loaded, so it does not hold up the pictures. Any key or pointer press, or a
// pointer over a chart, builds the live views at once.

/** How long no picture may be on its way before the live views are built. */
const SETTLE_MS = 250;

let pending = 0;
const waiting: (() => void)[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

/** Counts `picture` as on its way until it settles. */
export function paintingFirst<T>(picture: Promise<T>): Promise<T> {
  pending++;
  clearTimeout(timer);
  return picture.finally(() => {
    pending--;
    if (pending === 0) settle();
  });
}

/** Runs `build` once no first picture is on its way (at once on interaction). */
export function afterFirstPaints(build: () => void): void {
  waiting.push(build);
  listen();
  if (pending === 0) settle();
}

/** Builds every waiting live view now (the user reached for a chart). */
export function buildLiveViewsNow(): void {
  clearTimeout(timer);
  for (const build of waiting.splice(0)) build();
}

function settle(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const run = () => (pending === 0 ? buildLiveViewsNow() : undefined);
    if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: SETTLE_MS });
    else run();
  }, SETTLE_MS);
}

function listen(): void {
  if (listening) return;
  listening = true;
  for (const type of ['keydown', 'pointerdown'] as const) addEventListener(type, buildLiveViewsNow, { capture: true, passive: true });
}
