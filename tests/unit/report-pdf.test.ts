// The report's PDF (core/reports/report-pdf.ts) on a fixed small input: one page or more per view,
// the texts, the values table (its header repeated when it goes on to the next page), the chart as
// an image of the PNG's size, a clickable link to the live view, non-ASCII text in the shipped font,
// and a view left out with its reason only. The text is read back through each font's ToUnicode map
// (tests/helpers/pdf-text.ts), as a PDF reader reads it.
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { reportMessages } from '../../core/reports/report-messages.ts';
import { reportPdf, type PdfInput } from '../../core/reports/report-pdf.ts';
import { pdfFonts, renderChart } from '../../server/reports/render-chart.ts';
import { pdfTexts } from '../helpers/pdf-text.ts';

const header = ['Period', 'Sex', 'Estimate', '95% CI', 'Numerator', 'Denominator'];
/** 80 lines: more than one A4 page holds. */
const longRows = Array.from({ length: 80 }, (_, i) => [`20${String(10 + Math.floor(i / 2)).padStart(2, '0')}`, i % 2 ? 'Male' : 'Female', `${(9 + i / 10).toFixed(1)}%`, '8.1–10.2', String(1_000 + i * 7), '12,345']);

async function input(): Promise<PdfInput> {
  const chart = await renderChart({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] }, mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } }, width: 640, height: 320 });
  return {
    reportName: 'Monday pack – Île-de-France ≤ 65',
    dataAsOf: '2025-06-01 12:00 UTC',
    perturbed: true,
    rows: reportMessages.pdfRows('county Essex County'),
    views: [
      {
        title: 'Diabetes prevalence',
        definition: 'Share of people with a diagnosis of diabetes.',
        source: 'CMS Chronic Conditions Warehouse',
        chart: { png: chart.png, width: chart.width, height: chart.height },
        table: { headers: header, rows: longRows, note: 'The last 12 of 40 periods; the attached CSV has every value.' },
        link: 'https://dash.example/?measure=diabetes-prevalence&by=sex&period=year',
      },
      {
        title: 'ED visits per 1,000',
        definition: 'Emergency department visits.',
        source: 'Claims',
        table: { headers: [], rows: [], note: null },
        link: 'https://dash.example/?measure=ed-visits-per-1000',
        withheld: reportMessages.viewOutsideRows('county'),
      },
    ],
  };
}

describe('the report PDF', () => {
  it('holds the header, each view from a page of its own, and every table line, its header repeated on the next page', async () => {
    const bytes = await reportPdf(await input(), pdfFonts());
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Monday pack – Île-de-France ≤ 65');
    const texts = await pdfTexts(bytes);
    const strings = texts.map((t) => t.text);
    expect(strings[0]).toBe('Monday pack – Île-de-France ≤ 65');
    expect(strings.join(' ')).toContain('Data as of 2025-06-01 12:00 UTC.');
    expect(strings.join(' ')).toContain('county Essex County');
    const pageOf = (text: string) => texts.find((t) => t.text === text)?.page;
    expect(pageOf('Diabetes prevalence')).toBe(1);
    // 80 lines do not fit under the chart on page 1: the table goes on to page 2, with its header again.
    const headerPages = texts.filter((t) => t.text === 'Denominator').map((t) => t.page);
    expect(headerPages).toEqual([1, 2]);
    for (const row of longRows) {
      const at = strings.findIndex((_, i) => row.every((cell, j) => strings[i + j] === cell));
      expect(at, row.join(' ')).toBeGreaterThan(0);
    }
    expect(strings).toContain('The last 12 of 40 periods; the attached CSV has every value.');
    expect(strings.some((s) => s.startsWith('Open the live view: https://dash.example/?measure=diabetes-prevalence'))).toBe(true);
    // The view left out starts a page of its own and says why, with no table.
    const withheldPage = pageOf('ED visits per 1,000')!;
    expect(withheldPage).toBe(doc.getPageCount());
    expect(withheldPage).toBeGreaterThan(2);
    expect(texts.filter((t) => t.page === withheldPage).map((t) => t.text).join(' ')).toContain('outside the rows you may read');
    expect(texts.filter((t) => t.page === withheldPage).map((t) => t.text)).not.toContain('Denominator');
    expect(strings).toContain(`Monday pack – Île-de-France ≤ 65 · data as of 2025-06-01 12:00 UTC · page 1 of ${doc.getPageCount()}`);
  });

  it('draws the chart as one image of the PNG\'s pixels, and links the live view', async () => {
    const given = await input();
    const bytes = await reportPdf(given, pdfFonts());
    const doc = await PDFDocument.load(bytes);
    const images = doc.context.enumerateIndirectObjects().map(([, object]) => object)
      .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toHaveLength(1);
    const png = Buffer.from(given.views[0]!.chart!.png);
    expect(images[0]!.dict.get(PDFName.of('Width'))?.toString()).toBe(String(png.readUInt32BE(16)));
    expect(images[0]!.dict.get(PDFName.of('Height'))?.toString()).toBe(String(png.readUInt32BE(20)));
    const uris = [...doc.getPages()].flatMap((page) => page.node.Annots()?.asArray() ?? []).map((ref) => doc.context.lookup(ref, PDFDict).lookup(PDFName.of('A'), PDFDict).lookup(PDFName.of('URI'), PDFString).decodeText());
    expect(uris).toEqual(['https://dash.example/?measure=diabetes-prevalence&by=sex&period=year']);
  });
});
