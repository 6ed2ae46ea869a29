// The reports API as the dashboard calls it (server/reports/report-routes.ts and report-edit-routes.ts):
// the shapes it answers and one typed helper per endpoint. A refusal arrives as an ApiError whose
// details name the field at fault (`recipients[1]`, `schedule.timeZone`).
import type { Dimension, Filters } from '../../../core/api/api-types.ts';
import { getFresh, getHtml, sendJson } from '../lib/api.ts';

/** A report view: the dashboard's URL state as a report keeps it (core/reports/report-view.ts). */
export interface ReportView {
  measure: string;
  /** Up to two stratifiers, outer first. */
  by: Dimension[];
  period: 'year' | 'quarter' | 'month';
  /** First and last year of the window, inclusive; null: every year. */
  from: number | null;
  to: number | null;
  filters: Filters;
  adjust: 'age' | null;
  /** A saved cohort's id: the measure over its members. */
  cohort: string | null;
}

export interface ReportSchedule {
  cron: string;
  timeZone: string;
  afterLoad?: boolean;
}

export interface ReportRun {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'sent' | 'partly-sent' | 'failed';
  error: string | null;
}

export interface Delivery {
  recipient: string;
  status: 'queued' | 'sent' | 'failed' | 'skipped';
  detail: string | null;
}

export interface Report {
  id: string;
  name: string;
  owner: string;
  recipients: string[];
  views: ReportView[];
  schedule: ReportSchedule;
  /** Whether each message also carries one PDF of the whole report. */
  pdf: boolean;
  nextRunAt: string | null;
  paused: { at: string; reason: string } | null;
  unsubscribed: string[];
  lastRun?: ReportRun | null;
}

export interface OutboxMessage {
  name: string;
  to: string;
  subject: string;
  date: string;
}

/** What the subscribe and edit forms send. */
export interface ReportFields {
  name: string;
  recipients: string[];
  schedule: ReportSchedule;
  pdf: boolean;
}

const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;

export const listReports = (signal?: AbortSignal) => getFresh<{ reports: Report[]; outbox: boolean }>('/api/reports', signal);
export const getReport = (id: string, signal?: AbortSignal) => getFresh<Report & { runs: (ReportRun & { deliveries: Delivery[] })[] }>(reportPath(id), signal);
export const createReport = (fields: ReportFields, views: ReportView[]) => sendJson<Report>('/api/reports', 'POST', { ...fields, views });
export const updateReport = (id: string, fields: Partial<ReportFields>) => sendJson<Report>(reportPath(id), 'PATCH', fields);
export const addReportView = (id: string, view: ReportView) => sendJson<Report>(`${reportPath(id)}/views`, 'POST', view);
export const pauseReport = (id: string) => sendJson<Report>(`${reportPath(id)}/pause`, 'POST');
export const resumeReport = (id: string) => sendJson<Report>(`${reportPath(id)}/resume`, 'POST');
export const sendReportNow = (id: string) => sendJson<ReportRun & { deliveries: Delivery[] }>(`${reportPath(id)}/runs`, 'POST');
export const listOutbox = (signal?: AbortSignal) => getFresh<{ messages: OutboxMessage[] }>('/api/reports/outbox', signal);
export const outboxMessagePath = (name: string) => `/api/reports/outbox/${encodeURIComponent(name)}`;
export const fetchOutboxMessage = (name: string, signal?: AbortSignal) => getHtml(outboxMessagePath(name), signal);
