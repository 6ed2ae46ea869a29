// The reports API: the dashboard's "Subscribe to this view" (POST /reports), its Reports page (the
// reports a caller owns or receives, each with its runs and deliveries; "Send now"; the outbox of a
// server without a mail server), and the one-click unsubscribe of report e-mails (RFC 8058), open to
// anyone holding a message's signed link: GET shows a page with one button (a link opened by a mail
// scanner changes nothing), POST (the button, or the mail client's List-Unsubscribe-Post) removes
// the recipient. A link whose signature does not match the report and recipient answers 400.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { DomainError } from '../../core/errors.ts';
import { parseReportDefinition, type ReportDefinition } from '../../core/reports/report-definition.ts';
import { checkViewYears } from '../../core/reports/report-view.ts';
import { coveredYears } from '../../core/measures/time-window.ts';
import { warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { escapeHtml } from '../../core/reports/report-email.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import type { ReportStore } from '../../core/reports/report-store.ts';
import { isUnsubscribeSignature } from '../../core/reports/unsubscribe-link.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { principalOf } from '../cohorts/principal.ts';
import { HttpError } from '../http/errors.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { runReport, UNSUBSCRIBE_SECRET, type DeliveryDeps } from './deliver-report.ts';
import { canSee, changeableReportOf, checkViewsWithin, visibleReportOf } from './report-access.ts';
import { reportEditRoutes } from './report-edit-routes.ts';
import type { OutboxEntry } from './mailer.ts';
import { checkViewCohorts, type ReportCohorts } from './report-cohorts.ts';

export interface ReportRouteDeps {
  reports: ReportStore;
  warehouse: { use<T>(work: (db: Database) => Promise<T>): Promise<T> };
  delivery: Omit<DeliveryDeps, 'store'>;
  exactCounts: boolean;
  /** The dashboard's address in e-mails; default the address the request came to (its Host is checked). */
  baseUrl?: string;
  /** The outbox folder, when messages are written there instead of sent. */
  outbox?: string;
  /** For the next run of a resumed report; default the system clock. */
  clock?: () => Date;
  /** Saved cohorts and the caller's ledger, for views over a cohort; without them such a view is refused. */
  cohorts?: ReportCohorts;
}

const RUNS_SHOWN = 20;
const OUTBOX_SHOWN = 50;
const OUTBOX_NAME = /^[\w-]+$/;

const linkParameters = [
  { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The report' },
  { name: 'recipient', in: 'query', required: true, schema: { type: 'string', format: 'email' }, description: 'The address the message was sent to' },
  { name: 'signature', in: 'query', required: true, schema: { type: 'string' }, description: 'The signature in the message\'s link' },
];
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The report' };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const definitionBody = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['name', 'recipients', 'views'],
        properties: {
          name: { type: 'string' },
          recipients: { type: 'array', items: { type: 'string', format: 'email' } },
          views: { type: 'array', items: { type: 'object', description: 'A dashboard view: measure, by (up to two stratifiers: a list, or "a,b"), period, from and to (years), filters, adjust, cohort (a saved cohort id)' } },
          schedule: { type: 'object', properties: { cron: { type: 'string' }, timeZone: { type: 'string' }, afterLoad: { type: 'boolean' } } },
          pdf: { type: 'boolean', description: 'Also attach one PDF of the whole report to each message (default false)' },
        },
      },
    },
  },
};

const page = (text: string, form?: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Popsight</title></head><body><main><h1>Popsight reports</h1><p>${escapeHtml(text)}</p>${form ?? ''}</main></body></html>`;

export function reportRoutes(deps: ReportRouteDeps): RouteTable {
  const { reports } = deps;
  const baseUrlOf = (request: Request) => deps.baseUrl ?? `${request.protocol}://${request.get('host')}/`;

  const visibleReport = (request: Request) => visibleReportOf(reports, request);

  /** What the views ask of the data, checked when they are added: their years, their cohorts (report-cohorts.ts). */
  const checkViewsOnData = (request: Request, definition: ReportDefinition) =>
    deps.warehouse.use(async (db) => {
      checkViewYears(definition.views, coveredYears((await warehouseMeta(db)).dateRange));
      if (deps.cohorts) await checkViewCohorts(db, request, deps.cohorts, definition);
      else {
        const i = definition.views.findIndex((view) => view.cohort !== null);
        if (i >= 0) throw new DomainError('invalid_definition', reportMessages.invalidField(`views[${i}].cohort`, reportMessages.cohortsUnavailable()), { field: `views[${i}].cohort` });
      }
    });

  /** The report and recipient of a valid link; 400 otherwise (an unknown report gets the same answer, so ids are not probed). */
  async function linkOf(request: Request) {
    // A link cut short names what it lacks (that reveals nothing about which reports exist).
    for (const parameter of ['recipient', 'signature']) {
      if (typeof request.query[parameter] !== 'string' || request.query[parameter] === '') {
        throw new HttpError(400, 'invalid_unsubscribe_link', reportMessages.unsubscribeLinkLacks(parameter), { parameter });
      }
    }
    const recipient = typeof request.query.recipient === 'string' ? request.query.recipient.toLowerCase() : '';
    const signature = typeof request.query.signature === 'string' ? request.query.signature : '';
    const report = await reports.get(String(request.params.id));
    const secret = await reports.secret(UNSUBSCRIBE_SECRET, () => '');
    if (!report || !secret || !isUnsubscribeSignature(secret, report.id, recipient, signature)) {
      throw new HttpError(400, 'invalid_unsubscribe_link', reportMessages.badUnsubscribeLink());
    }
    return { report, recipient };
  }

  return [
    ...reportEditRoutes({ reports, clock: deps.clock ?? (() => new Date()), checkViewsOnData }),
    {
      method: 'get',
      path: '/reports',
      role: 'viewer',
      operation: {
        summary: 'The reports the caller owns or receives (all of them for an admin)',
        operationId: 'listReports',
        tags: ['reports'],
        responses: { 200: json('{ reports: [...] }, each with its definition, next run, pause and last run') },
      },
      handler: async (request, response) => {
        const visible = (await reports.list()).filter((report) => canSee(request, report));
        const withLastRun = await Promise.all(visible.map(async (report) => ({ ...report, lastRun: (await reports.runs(report.id)).at(-1) ?? null })));
        response.json({ reports: withLastRun, outbox: deps.outbox !== undefined });
      },
    },
    {
      method: 'post',
      path: '/reports',
      role: 'analyst',
      readsRows: true,
      jsonBody: { limit: '64kb' },
      operation: {
        summary: 'Create a report (the dashboard\'s "Subscribe to this view"); the caller owns it',
        operationId: 'createReport',
        tags: ['reports'],
        requestBody: definitionBody,
        responses: {
          201: json('The saved report'),
          400: json('A field is wrong: the error names it (e.g. views[0].from outside the years of the data, views[0].cohort not a saved cohort)'),
          403: json('A view is filtered outside the caller\'s rows (outside_restriction, naming the field)'),
          409: json('A view\'s cohort differs by 1–10 people from one the caller used (cohort_too_close)'),
        },
      },
      handler: async (request, response) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (typeof body !== 'object' || Array.isArray(body) || 'owner' in body) {
          throw new DomainError('invalid_definition', reportMessages.invalidField('owner', reportMessages.ownerIsCaller()), { field: 'owner' });
        }
        const definition = parseReportDefinition({ ...body, owner: principalOf(request) });
        checkViewsWithin(request, definition);
        await checkViewsOnData(request, definition);
        const saved = await reports.save(definition);
        response.status(201).json(saved);
      },
    },
    {
      method: 'get',
      path: '/reports/outbox',
      role: 'admin',
      operation: {
        summary: 'The newest messages of the outbox (a server without POPSIGHT_SMTP_URL writes messages there)',
        operationId: 'listOutbox',
        tags: ['reports'],
        responses: { 200: json('{ messages: [{ name, to, subject, date }] }, newest first; empty when messages go to a mail server') },
      },
      handler: (_request, response) => {
        response.json({ messages: deps.outbox ? readOutbox(deps.outbox) : [] });
      },
    },
    {
      method: 'get',
      path: '/reports/outbox/{name}',
      role: 'admin',
      operation: {
        summary: 'One outbox message as a web page (its charts inline)',
        operationId: 'getOutboxMessage',
        tags: ['reports'],
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: html('The message\'s HTML'), 404: json('No such message') },
      },
      handler: (request, response) => {
        const name = String(request.params.name);
        const entry = deps.outbox && OUTBOX_NAME.test(name) ? readOutbox(deps.outbox, Infinity).find((m) => m.name === name) : undefined;
        if (!entry) throw new HttpError(404, 'unknown_message', reportMessages.unknownOutboxMessage(name));
        response.type('html').send(readFileSync(join(deps.outbox!, `${name}.html`), 'utf8'));
      },
    },
    {
      method: 'get',
      path: '/reports/{id}',
      role: 'viewer',
      operation: {
        summary: 'One report with its latest runs and each run\'s deliveries',
        operationId: 'getReport',
        tags: ['reports'],
        parameters: [idParameter],
        responses: { 200: json('The report and { runs: [{ ..., deliveries }] }, newest first'), 404: json('No such report (or not one of the caller\'s)') },
      },
      handler: async (request, response) => {
        const report = await visibleReport(request);
        const runs = (await reports.runs(report.id)).slice(-RUNS_SHOWN).reverse();
        response.json({ ...report, runs: await Promise.all(runs.map(async (run) => ({ ...run, deliveries: await reports.deliveries(run.id) }))) });
      },
    },
    {
      method: 'post',
      path: '/reports/{id}/runs',
      role: 'analyst',
      readsRows: true,
      operation: {
        summary: 'Send a report now (its owner or an admin)',
        operationId: 'runReport',
        tags: ['reports'],
        parameters: [idParameter],
        responses: { 201: json('The run with its deliveries'), 403: json('Not the report\'s owner'), 404: json('No such report') },
      },
      handler: async (request, response) => {
        const report = await changeableReportOf(reports, request);
        const result = await deps.warehouse.use((db) =>
          runReport(db, report, { baseUrl: baseUrlOf(request), exactCounts: deps.exactCounts, trigger: 'manual' }, { ...deps.delivery, store: reports }),
        );
        // One rendering per distinct restriction of the recipients; each view's time in each.
        response.status(201).json({ ...result.run, deliveries: result.deliveries, renderMs: result.renderings.map((rendered) => rendered.views.map((view) => view.renderMs)) });
      },
    },
    {
      method: 'get',
      path: '/reports/{id}/unsubscribe',
      role: 'anyone',
      operation: {
        summary: 'Confirm unsubscribing from a report (the link in each report e-mail)',
        operationId: 'getReportUnsubscribe',
        tags: ['reports'],
        parameters: linkParameters,
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
        parameters: linkParameters,
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

/** The outbox's messages, newest first (the names start with their time). */
function readOutbox(dir: string, limit = OUTBOX_SHOWN): OutboxEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .slice(0, limit)
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as OutboxEntry);
}
