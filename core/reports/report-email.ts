// The HTML (and plain-text) body of a report e-mail: per view a heading, the chart as an inline
// image (cid:) with its alt text, the values table, the measure's definition and a link back to the
// live view; "data as of" the load date for the whole report. Pure: every text is escaped here.
import type { ValuesTable } from './view-summary.ts';
import { reportMessages } from './report-messages.ts';

export interface EmailView {
  title: string;
  /** The measure's definition, as the catalog states it. */
  definition: string;
  source: string;
  altText: string;
  /** Content-ID of the chart's PNG part. */
  imageCid: string;
  /** The chart's size in CSS pixels (the PNG has twice as many, for sharp screens). */
  width: number;
  height: number;
  table: ValuesTable;
  link: string;
  csvFilename: string;
  /** Set for a view outside the recipients' rows: why it is left out (no chart, table or CSV). */
  withheld?: string;
}

export interface EmailInput {
  reportName: string;
  dataAsOf: string;
  /** Whether counts are perturbed (the default) or exact. */
  perturbed: boolean;
  views: readonly EmailView[];
}

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const HEAD_CELL = 'style="padding:2px 8px;border-bottom:1px solid #c3cad4;text-align:left"';
// Padding from the table's cellpadding and borders on the rows, not a style on every cell: the
// tables stay a fraction of the size (Gmail clips an HTML body past 102 KB), and cellpadding is read
// by every mail client.
const ROW = 'style="border-bottom:1px solid #e6e9ee"';

function tableHtml(table: ValuesTable): string {
  const head = table.headers.map((h) => `<th ${HEAD_CELL}>${escapeHtml(h)}</th>`).join('');
  const body = table.rows.map((row) => `<tr ${ROW}>${row.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  const note = table.note ? `<p style="color:#5b6573">${escapeHtml(table.note)}</p>` : '';
  return `<table cellpadding="4" cellspacing="0" style="border-collapse:collapse;font-size:13px"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}`;
}

function viewHtml(view: EmailView): string {
  if (view.withheld) {
    return [
      `<h2 style="font-size:17px;margin:24px 0 4px">${escapeHtml(view.title)}</h2>`,
      `<p style="margin:0 0 8px;color:#4a5463">${escapeHtml(view.withheld)}</p>`,
    ].join('\n');
  }
  return [
    `<h2 style="font-size:17px;margin:24px 0 4px">${escapeHtml(view.title)}</h2>`,
    `<p style="margin:0 0 8px;color:#4a5463">${escapeHtml(view.definition)} <span style="color:#5b6573">Source: ${escapeHtml(view.source.replace(/\.?$/, '.'))}</span></p>`,
    `<img src="cid:${escapeHtml(view.imageCid)}" width="${view.width}" height="${view.height}" alt="${escapeHtml(view.altText)}" style="max-width:100%;height:auto">`,
    tableHtml(view.table),
    `<p><a href="${escapeHtml(view.link)}">${escapeHtml(reportMessages.openLive())}</a> · CSV: ${escapeHtml(view.csvFilename)}</p>`,
  ].join('\n');
}

export function reportEmail(input: EmailInput): { subject: string; html: string; text: string } {
  const html = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font-family:\'DejaVu Sans\',Arial,sans-serif;color:#1d2430;max-width:720px">',
    `<h1 style="font-size:20px">${escapeHtml(input.reportName)}</h1>`,
    `<p style="color:#5b6573">${escapeHtml(reportMessages.dataAsOf(input.dataAsOf))}. ${escapeHtml(reportMessages.disclosureNote(input.perturbed))}</p>`,
    ...input.views.map(viewHtml),
    '</body></html>',
  ].join('\n');
  const text = [
    input.reportName,
    `${reportMessages.dataAsOf(input.dataAsOf)}. ${reportMessages.disclosureNote(input.perturbed)}`,
    ...input.views.map((view) => (view.withheld ? ['', view.title, view.withheld] : ['', view.title, view.altText, `${reportMessages.openLive()}: ${view.link}`]).join('\n')),
  ].join('\n');
  return { subject: reportMessages.subject(input.reportName, input.dataAsOf), html, text };
}

/** One recipient's copy: the message with a footer naming why they get it and their unsubscribe link. */
export function withUnsubscribeFooter(email: { html: string; text: string }, recipient: string, link: string): { html: string; text: string } {
  const footer = `<p style="margin-top:32px;font-size:12px;color:#5b6573">${escapeHtml(reportMessages.sentTo(recipient))} <a href="${escapeHtml(link)}">${escapeHtml(reportMessages.unsubscribe())}</a></p>`;
  return {
    html: email.html.replace(/<\/body><\/html>$/, `${footer}\n</body></html>`),
    text: `${email.text}\n\n${reportMessages.sentTo(recipient)} ${reportMessages.unsubscribe()}: ${link}`,
  };
}
