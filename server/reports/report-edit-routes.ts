// Changing a report from the dashboard's Reports page and Explore's "Add to report": its name,
// recipients, schedule, views and PDF setting (PATCH), one more view (POST …/views), pause and resume. Only the
// owner or an admin; a restricted caller's views stay within their rows (report-access.ts). Every
// change is validated as a whole definition, so each fault names its field as creation does.
import type { Request } from 'express';
import { DomainError } from '../../core/errors.ts';
import { MAX_VIEWS, parseReportDefinition, type ReportDefinition, type SavedReport } from '../../core/reports/report-definition.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import { nextRunAfter } from '../../core/reports/report-schedule.ts';
import type { ReportStore } from '../../core/reports/report-store.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { changeableReportOf, checkViewsWithin } from './report-access.ts';

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The report' };
const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const EDITABLE = ['name', 'recipients', 'views', 'schedule', 'pdf'] as const;
const tags = ['reports'];

/** The body as an object, or 400 naming what it must be. */
function bodyObject(request: Request): Record<string, unknown> {
  const body: unknown = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DomainError('invalid_definition', reportMessages.bodyNotObject(), { field: 'body' });
  return body as Record<string, unknown>;
}

export function reportEditRoutes(deps: { reports: ReportStore; clock: () => Date; checkViewsOnData: (request: Request, definition: ReportDefinition) => Promise<void> }): RouteTable {
  const { reports } = deps;

  /** The report with `changes` applied, validated whole and saved; its next run made again if the schedule changed. */
  async function changed(request: Request, report: SavedReport, changes: Record<string, unknown>): Promise<SavedReport> {
    const { name, owner, recipients, views, schedule, pdf } = report;
    const definition = parseReportDefinition({ name, owner, recipients, views, schedule, pdf, ...changes });
    checkViewsWithin(request, definition);
    if (changes.views !== undefined) await deps.checkViewsOnData(request, definition);
    return (await reports.update(report.id, definition))!;
  }

  return [
    {
      method: 'patch',
      path: '/reports/{id}',
      role: 'analyst',
      readsRows: true,
      jsonBody: { limit: '64kb' },
      operation: {
        summary: 'Change a report\'s name, recipients, views, schedule or PDF setting (its owner or an admin)',
        description: 'Fields left out keep their value; the result is validated as a whole and each fault names its field. A new schedule makes the next run again from now.',
        operationId: 'updateReport',
        tags,
        parameters: [idParameter],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: Object.fromEntries(EDITABLE.map((f) => [f, {}])), additionalProperties: false } } } },
        responses: { 200: json('The report as saved'), 400: json('A field is wrong: the error names it'), 403: json('Not the owner, or a view outside the caller\'s rows'), 404: json('No such report') },
      },
      handler: async (request, response) => {
        const report = await changeableReportOf(reports, request);
        const body = bodyObject(request);
        const unknown = Object.keys(body).find((key) => !(EDITABLE as readonly string[]).includes(key));
        if (unknown) throw new DomainError('invalid_definition', reportMessages.invalidField(unknown, reportMessages.notEditable(EDITABLE)), { field: unknown });
        response.json(await changed(request, report, body));
      },
    },
    {
      method: 'post',
      path: '/reports/{id}/views',
      role: 'analyst',
      readsRows: true,
      jsonBody: { limit: '16kb' },
      operation: {
        summary: 'Add a view to a report (the dashboard\'s "Add to report"; its owner or an admin)',
        operationId: 'addReportView',
        tags,
        parameters: [idParameter],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: 'A dashboard view: measure, by, period, filters, adjust' } } } },
        responses: { 201: json('The report with the view added last'), 400: json(`A field is wrong (the error names it), or the report has ${MAX_VIEWS} views already`), 403: json('Not the owner, or a view outside the caller\'s rows'), 404: json('No such report') },
      },
      handler: async (request, response) => {
        const report = await changeableReportOf(reports, request);
        response.status(201).json(await changed(request, report, { views: [...report.views, bodyObject(request)] }));
      },
    },
    {
      method: 'post',
      path: '/reports/{id}/pause',
      role: 'analyst',
      operation: {
        summary: 'Pause a report: the scheduler skips it until it is resumed (its owner or an admin)',
        operationId: 'pauseReport',
        tags,
        parameters: [idParameter],
        responses: { 200: json('The report, paused'), 403: json('Not the report\'s owner'), 404: json('No such report') },
      },
      handler: async (request, response) => {
        const report = await changeableReportOf(reports, request);
        if (report.paused === null) await reports.pause(report.id, reportMessages.pausedOnPage());
        response.json(await reports.get(report.id));
      },
    },
    {
      method: 'post',
      path: '/reports/{id}/resume',
      role: 'analyst',
      operation: {
        summary: 'Resume a paused report from its next scheduled time after now (its owner or an admin)',
        operationId: 'resumeReport',
        tags,
        parameters: [idParameter],
        responses: { 200: json('The report, with its next run'), 403: json('Not the report\'s owner'), 404: json('No such report') },
      },
      handler: async (request, response) => {
        const report = await changeableReportOf(reports, request);
        await reports.resume(report.id);
        // A report paused for weeks resumes from now, not with every schedule it skipped.
        await reports.setNextRun(report.id, nextRunAfter(report.schedule, deps.clock())?.toISOString() ?? null);
        response.json(await reports.get(report.id));
      },
    },
  ];
}
