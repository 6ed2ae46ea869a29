// The optional PDF of a whole report (a report's `pdf: true`): one document holding, per view, its
// title, the chart (the PNG the e-mail embeds, from the same rendering), the values table, the
// measure's definition, and the link to the live view; "data as of" and the rows and disclosure
// context for the whole copy. Pure: the font files and images come in as bytes, the document goes
// out as bytes; no clock (no creation date is written), no file, no network.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, PDFString, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import type { ValuesTable } from './view-summary.ts';
import { reportMessages } from './report-messages.ts';

export interface PdfView {
  title: string;
  definition: string;
  source: string;
  /** The chart's PNG (as the e-mail's inline image) and its size in CSS pixels; absent for a view left out. */
  chart?: { png: Uint8Array; width: number; height: number };
  table: ValuesTable;
  link: string;
  /** Set for a view left out of this copy: why (no chart, no table). */
  withheld?: string;
}

export interface PdfInput {
  reportName: string;
  dataAsOf: string;
  perturbed: boolean;
  /** Which rows this copy holds, in words (the recipients' restriction, or every row). */
  rows: string;
  views: readonly PdfView[];
}

/** The TrueType files of the regular and bold faces (the ones resvg draws the charts with). */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** A4 in points, with margins that leave a printable page. */
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const FOOTER_Y = 28;
const INK = rgb(0.114, 0.141, 0.188);
const MUTED = rgb(0.357, 0.396, 0.451);
const RULE = rgb(0.765, 0.792, 0.831);
const LINK = rgb(0.09, 0.33, 0.65);
const TABLE_SIZE = 8;
const MIN_TABLE_SIZE = 5.5;
const CELL_PADDING = 6;

/** Draws top-down on A4 pages, starting a new page when the next block does not fit. */
class PageWriter {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(readonly doc: PDFDocument, readonly fonts: { regular: PDFFont; bold: PDFFont }) {}

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN;
  }

  /** Room for `height` points below the cursor, on a new page if needed. */
  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  /** Text wrapped to the content width, one line at a time. */
  paragraph(text: string, options: { size: number; bold?: boolean; color?: ReturnType<typeof rgb>; after?: number; link?: string }): void {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const leading = options.size * 1.35;
    for (const line of wrap(printable(text), font, options.size, CONTENT_WIDTH)) {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, { x: MARGIN, y: this.y + (leading - options.size) / 2, size: options.size, font, color: options.color ?? INK });
      if (options.link) this.linkArea(options.link, MARGIN, this.y, font.widthOfTextAtSize(line, options.size), leading);
    }
    this.y -= options.after ?? 0;
  }

  /** A clickable area over a drawn line (a URI link annotation). */
  linkArea(url: string, x: number, y: number, width: number, height: number): void {
    const annotation = this.doc.context.register(
      this.doc.context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [x, y, x + width, y + height],
        Border: [0, 0, 0],
        A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
      }),
    );
    this.page.node.addAnnot(annotation);
  }

  image(image: PDFImage, width: number, height: number): void {
    // As wide as the page allows, and never taller than a page: a tall two-stratifier chart shrinks.
    const scale = Math.min(CONTENT_WIDTH / width, (PAGE.height - 2 * MARGIN) / height, 1);
    const [w, h] = [width * scale, height * scale];
    this.ensure(h + 6);
    this.y -= h + 6;
    this.page.drawImage(image, { x: MARGIN, y: this.y, width: w, height: h });
  }

  table(table: ValuesTable): void {
    if (table.headers.length === 0) return;
    const { regular, bold } = this.fonts;
    const natural = table.headers.map((header, i) =>
      Math.max(bold.widthOfTextAtSize(header, TABLE_SIZE), ...table.rows.map((row) => regular.widthOfTextAtSize(printable(row[i] ?? ''), TABLE_SIZE))) + CELL_PADDING,
    );
    const total = natural.reduce((a, b) => a + b, 0);
    // A table wider than the page is drawn smaller rather than cut.
    const size = Math.max(MIN_TABLE_SIZE, Math.min(TABLE_SIZE, (TABLE_SIZE * CONTENT_WIDTH) / total));
    const widths = natural.map((w) => (w * size) / TABLE_SIZE);
    const leading = size * 1.6;
    const drawRow = (cells: readonly string[], font: PDFFont, color: ReturnType<typeof rgb>) => {
      this.y -= leading;
      let x = MARGIN;
      for (const [i, cell] of cells.entries()) {
        const text = printable(cell);
        if (text) this.page.drawText(text, { x, y: this.y + (leading - size) / 2, size, font, color });
        x += widths[i]!;
      }
      this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + Math.min(CONTENT_WIDTH, x - MARGIN), y: this.y }, thickness: 0.4, color: RULE });
    };
    const header = () => drawRow(table.headers, bold, INK);
    this.ensure(leading * 2);
    header();
    for (const row of table.rows) {
      // A table that goes on to the next page repeats its header there.
      if (this.y - leading < MARGIN) {
        this.newPage();
        header();
      }
      drawRow(row, regular, INK);
    }
    this.y -= 6;
    if (table.note) this.paragraph(table.note, { size: 8, color: MUTED });
  }
}

/** Control characters and line breaks as spaces: one drawn line holds one line of text. */
const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f]+/g, ' ');

/** Lines no wider than `width`: broken at spaces, and inside a word (a long URL) when it alone is wider. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (!fits(line) && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && !fits(line.slice(0, cut))) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

function drawView(writer: PageWriter, view: PdfView, image: PDFImage | undefined): void {
  writer.paragraph(view.title, { size: 15, bold: true, after: 4 });
  if (view.withheld) {
    writer.paragraph(view.withheld, { size: 10, color: MUTED });
    return;
  }
  writer.paragraph(`${view.definition} Source: ${view.source.replace(/\.?$/, '.')}`, { size: 9, color: MUTED, after: 4 });
  if (image && view.chart) writer.image(image, view.chart.width, view.chart.height);
  writer.y -= 8;
  writer.table(view.table);
  writer.paragraph(`${reportMessages.openLive()}: ${view.link}`, { size: 9, color: LINK, link: view.link });
}

/** The report as one PDF: a header on the first page, then each view from the top of a page of its own. */
export async function reportPdf(input: PdfInput, fonts: PdfFonts): Promise<Uint8Array> {
  // No producer, creator or dates: the same rendering gives the same document, and no clock is read.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(input.reportName);
  doc.registerFontkit(fontkit);
  // Subsets of the repository's DejaVu Sans: any character it draws in the charts (–, ·, ≤) draws here too.
  const writer = new PageWriter(doc, { regular: await doc.embedFont(fonts.regular, { subset: true }), bold: await doc.embedFont(fonts.bold, { subset: true }) });
  const images = await Promise.all(input.views.map((view) => (view.chart && !view.withheld ? doc.embedPng(view.chart.png) : Promise.resolve(undefined))));
  writer.newPage();
  writer.paragraph(input.reportName, { size: 20, bold: true, after: 4 });
  writer.paragraph(`${reportMessages.dataAsOf(input.dataAsOf)}. ${reportMessages.disclosureNote(input.perturbed)}`, { size: 9, color: MUTED });
  writer.paragraph(input.rows, { size: 9, color: MUTED, after: 14 });
  for (const [i, view] of input.views.entries()) {
    if (i > 0) writer.newPage();
    drawView(writer, view, images[i]);
  }
  const { regular } = writer.fonts;
  for (const [i, page] of writer.pages.entries()) {
    const footer = printable(reportMessages.pdfFooter(input.reportName, input.dataAsOf, i + 1, writer.pages.length));
    page.drawText(footer, { x: MARGIN, y: FOOTER_Y, size: 7, font: regular, color: MUTED });
  }
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('en'));
  // Plain objects rather than object streams: any PDF reader, old ones included, opens it.
  return doc.save({ useObjectStreams: false });
}
