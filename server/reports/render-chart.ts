// A Vega-Lite spec drawn in Node, with no browser: Vega's SVG renderer (text measured with the
// shipped fonts' own widths, text-metrics.ts: there is no canvas here), then resvg for the PNG,
// with the DejaVu Sans font shipped in data/fonts/ and no system font, so a chart is drawn alike
// everywhere.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { PdfFonts } from '../../core/reports/report-pdf.ts';
import { measureTextWith } from './text-metrics.ts';

export const FONT_DIR = fileURLToPath(new URL('../../data/fonts/', import.meta.url));
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
const FONT_FAMILY = 'DejaVu Sans';

/** Pixels per CSS pixel of the PNG, for sharp charts on high-density screens. */
export const PNG_SCALE = 2;

export interface RenderedChart {
  svg: string;
  png: Buffer;
  /** The chart's size in CSS pixels (the PNG is PNG_SCALE times larger). */
  width: number;
  height: number;
}

const fontFiles = FONT_FILES.map((name) => `${FONT_DIR}${name}`);
measureTextWith(fontFiles[0]!, fontFiles[1]!);

/** Vega's logger, silenced: a warning must not reach the CLI's output or a test's. */
const quiet = vega.logger(vega.None);

export function renderSvg(spec: TopLevelSpec): Promise<string> {
  return renderVegaSvg(compile(spec).spec);
}

/** A view of an already compiled (Vega) spec that draws nowhere but into toSVG(). */
export const headlessView = (spec: vega.Spec): vega.View => new vega.View(vega.parse(spec), { renderer: 'none', logger: quiet });

/** An already compiled (Vega) spec as SVG. */
export async function renderVegaSvg(spec: vega.Spec): Promise<string> {
  const view = headlessView(spec);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: '#ffffff',
  });
  const image = resvg.render();
  return { png: image.asPng(), width: Math.round(image.width / PNG_SCALE), height: Math.round(image.height / PNG_SCALE) };
}

export async function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  const svg = await renderSvg(spec);
  return { svg, ...svgToPng(svg) };
}

let shippedFonts: PdfFonts | undefined;

/** The same two faces for a report's PDF (report-pdf.ts embeds subsets of them), read once per process. */
export function pdfFonts(): PdfFonts {
  shippedFonts ??= { regular: readFileSync(fontFiles[0]!), bold: readFileSync(fontFiles[1]!) };
  return shippedFonts;
}
