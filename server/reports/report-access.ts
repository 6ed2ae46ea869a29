// Who may see and change a report over the API, and the views a restricted caller may make. Without
// sign-in everyone may; with it an admin, the owner, and (to see it) its recipients by user name.
import type { Request } from 'express';
import { restrictionMessages } from '../../core/accounts/row-restriction.ts';
import { filterOutside } from '../../core/reports/recipient-rows.ts';
import type { ReportDefinition, SavedReport } from '../../core/reports/report-definition.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import type { ReportStore } from '../../core/reports/report-store.ts';
import { HttpError } from '../http/errors.ts';
import { identityOf } from '../routing/request-caller.ts';
import { restrictionOf } from '../routing/row-access.ts';

/** Whether the caller sees the report: without sign-in everyone; else admins, its owner and its recipients (by user name). */
export function canSee(request: Request, report: SavedReport): boolean {
  const identity = identityOf(request);
  if (!identity) return true;
  const caller = identity.caller;
  if (!caller) return false;
  if (caller.role === 'admin' || caller.principal === report.owner) return true;
  return caller.via === 'session' && report.recipients.includes(caller.user.toLowerCase());
}

/**
 * A caller limited to some rows makes views within them only: a view filtered to a value outside
 * their rule is refused as the measure API refuses it (403 `outside_restriction`, naming the field).
 * Each recipient is then sent the report under their own restriction (deliver-report.ts).
 */
export function checkViewsWithin(request: Request, definition: ReportDefinition): void {
  const limits = restrictionOf(request);
  for (const [i, view] of definition.views.entries()) {
    const outside = filterOutside(view.filters, limits);
    if (!outside) continue;
    const field = `views[${i}].filters.${outside.dimension}`;
    throw new HttpError(403, 'outside_restriction', restrictionMessages.outsideRestriction(field, outside.value, limits!), { field, allowed: limits![outside.dimension as keyof typeof limits] });
  }
}

export function canChange(request: Request, report: SavedReport): boolean {
  const identity = identityOf(request);
  return !identity || identity.caller?.role === 'admin' || identity.caller?.principal === report.owner;
}

/** The report of the path's id when the caller sees it; 404 otherwise (another's report is not told apart from none). */
export async function visibleReportOf(reports: ReportStore, request: Request): Promise<SavedReport> {
  const report = await reports.get(String(request.params.id));
  if (!report || !canSee(request, report)) throw new HttpError(404, 'unknown_report', reportMessages.unknownReportApi(String(request.params.id)));
  return report;
}

/** The report of the path's id when the caller may change it (its owner or an admin); 404 or 403 otherwise. */
export async function changeableReportOf(reports: ReportStore, request: Request): Promise<SavedReport> {
  const report = await visibleReportOf(reports, request);
  if (!canChange(request, report)) throw new HttpError(403, 'not_report_owner', reportMessages.notOwner(report.id));
  return report;
}
