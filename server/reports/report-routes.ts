// The one-click unsubscribe of report e-mails (RFC 8058), open to anyone holding a message's signed
// link: GET shows a page with one button (a link opened by a mail scanner changes nothing), POST
// (the button, or the mail client's List-Unsubscribe-Post) removes the recipient from the report.
// A link whose signature does not match the report and recipient is refused with 400.
import type { Request, Response } from 'express';
import { escapeHtml } from '../../core/reports/report-email.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import type { ReportStore } from '../../core/reports/report-store.ts';
import { isUnsubscribeSignature } from '../../core/reports/unsubscribe-link.ts';
import { HttpError } from '../http/errors.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { UNSUBSCRIBE_SECRET } from './deliver-report.ts';

const parameters = [
  { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The report' },
  { name: 'recipient', in: 'query', required: true, schema: { type: 'string', format: 'email' }, description: 'The address the message was sent to' },
  { name: 'signature', in: 'query', required: true, schema: { type: 'string' }, description: 'The signature in the message\'s link' },
];
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

const page = (text: string, form?: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Popsight</title></head><body><main><h1>Popsight reports</h1><p>${escapeHtml(text)}</p>${form ?? ''}</main></body></html>`;

export function reportRoutes(reports: ReportStore): RouteTable {
  /** The report and recipient of a valid link; 400 otherwise (an unknown report gets the same answer, so ids are not probed). */
  async function linkOf(request: Request) {
    const recipient = typeof request.query.recipient === 'string' ? request.query.recipient.toLowerCase() : '';
    const signature = typeof request.query.signature === 'string' ? request.query.signature : '';
    const report = await reports.get(String(request.params.id));
    const secret = await reports.secret(UNSUBSCRIBE_SECRET, () => '');
    if (!report || !secret || !isUnsubscribeSignature(secret, report.id, recipient, signature)) {
      throw new HttpError(400, 'invalid_unsubscribe_link', reportMessages.badUnsubscribeLink());
    }
    return { report, recipient, signature };
  }
  return [
    {
      method: 'get',
      path: '/reports/{id}/unsubscribe',
      role: 'anyone',
      operation: {
        summary: 'Confirm unsubscribing from a report (the link in each report e-mail)',
        operationId: 'getReportUnsubscribe',
        tags: ['reports'],
        parameters,
        responses: { 200: html('A page with the unsubscribe button'), 400: html('The link is not valid') },
      },
      handler: async (request: Request, response: Response) => {
        const { report, recipient } = await linkOf(request);
        const action = escapeHtml(request.originalUrl);
        const form = `<form method="post" action="${action}"><button type="submit">${escapeHtml(reportMessages.unsubscribe())}</button></form>`;
        response.type('html').send(page(reportMessages.unsubscribePage(report.name, recipient), form));
      },
    },
    {
      method: 'post',
      path: '/reports/{id}/unsubscribe',
      role: 'anyone',
      operation: {
        summary: 'Unsubscribe from a report (RFC 8058 one-click)',
        description: 'The recipient receives no further runs of the report. Idempotent.',
        operationId: 'postReportUnsubscribe',
        tags: ['reports'],
        parameters,
        responses: { 200: html('Unsubscribed'), 400: html('The link is not valid') },
      },
      handler: async (request: Request, response: Response) => {
        const { report, recipient } = await linkOf(request);
        await reports.unsubscribe(report.id, recipient);
        response.type('html').send(page(reportMessages.unsubscribed(report.name, recipient)));
      },
    },
  ];
}
