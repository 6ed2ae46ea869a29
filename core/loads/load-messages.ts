// The texts of `popsight status` and `popsight quarantine` (cli/warehouse-commands.ts): tests assert
// against these functions. Pure formatting of what core/loads read.
import type { QuarantineExample, QuarantineSummary } from './quarantine-summary.ts';
import type { WarehouseStatus } from './warehouse-status.ts';

/** What the closing line of a load needs (pipelines/load.ts LoadResult has it). */
export interface LoadSummaryFacts {
  format: string;
  layout: string;
  seconds: number;
  people: number;
  files: readonly { quarantined: number }[];
  quality: { checks: number; passed: number; failing: readonly string[] } | null;
}

const n = (count: number | null) => (count === null ? 'hidden' : count.toLocaleString('en-US'));
const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

export const loadMessages = {
  noWarehouse: (file: string) => `No warehouse at ${file}: load one first (popsight load PATH --warehouse ${file}).`,
  notAWarehouse: (file: string, reason: string) => `${file} could not be read as a Popsight warehouse: ${reason}`,
  warehouseLocked: (file: string, holder: string | null) =>
    `${file} is open for writing in another process${holder ? ` (${holder})` : ''}: stop it, or wait for it to finish, and run this again.`,

  status: (s: WarehouseStatus): string[] => {
    const lines = [
      `Warehouse     ${s.file}`,
      `Data version  ${s.dataVersion}, loaded ${s.loadedAt}`,
      `Dates         ${s.dateRange.start} to ${s.dateRange.end}`,
      `People        ${n(s.people)} (exact: read on this machine)`,
    ];
    const run = s.lastLoad;
    if (!run) return [...lines, 'Last load     none recorded'];
    return [
      ...lines,
      `Last load     ${run.finishedAt}: ${run.format} (${run.layout} layout), ${plural(run.files.length, 'file')}, run ${run.runId}`,
      `  rows        ${n(run.read)} read, ${n(run.loaded)} loaded, ${n(run.quarantined)} quarantined${run.quarantined ? ' (popsight quarantine)' : ''}`,
      `  duration    ${run.seconds.toFixed(1)} s`,
    ];
  },

  quarantine: (q: QuarantineSummary): string[] => {
    if (!q.runId) return ['No load is recorded in this warehouse.'];
    const total = q.groups.reduce((sum, g) => sum + (g.rows ?? 0), 0);
    if (!q.groups.length) return [`The last load (run ${q.runId}) quarantined no rows.`];
    const lines = [`The last load (run ${q.runId}) quarantined ${plural(total, 'row')} in ${plural(q.groups.length, 'group')} (file, field, reason):`];
    for (const g of q.groups) {
      lines.push('', `${g.file}  ${g.field ?? '(whole row)'}: ${g.reason}  ${g.rows === null ? 'hidden' : plural(g.rows, 'row')}`);
      for (const e of g.examples) lines.push(`  ${loadMessages.example(e)}`);
      if (g.rows !== null && g.rows > g.examples.length) lines.push(`  … and ${plural(g.rows - g.examples.length, 'more row')}`);
    }
    lines.push('', 'Values of identifier columns are never shown (not even as pseudonyms); other text shows as its length.');
    return lines;
  },

  /** The last line of `popsight load`: what was loaded, what was quarantined, which checks fail, and the commands that say more. */
  loadSummary: (r: LoadSummaryFacts, warehouse: string): string => {
    const quarantined = r.files.reduce((sum, f) => sum + f.quarantined, 0);
    const parts = [`Loaded a ${r.format} extract (${r.layout} layout) in ${r.seconds.toFixed(1)} s; the warehouse holds ${plural(r.people, 'person', 'people')}`];
    if (quarantined) parts.push(`${plural(quarantined, 'row')} quarantined (popsight quarantine --warehouse ${warehouse} lists them)`);
    if (r.quality) {
      const { checks, passed, failing } = r.quality;
      parts.push(
        failing.length
          ? `${passed} of ${checks} checks pass; failing: ${failing.join(', ')} (popsight quality --warehouse ${warehouse})`
          : `all ${checks} checks pass`,
      );
    }
    return `${parts.join('; ')}.`;
  },

  example: (e: QuarantineExample): string =>
    e.field === null ? `line ${e.line}: the row could not be parsed` : `line ${e.line}: ${e.field} = ${e.value === null ? '(identifier, not shown)' : JSON.stringify(e.value)}`,
};
