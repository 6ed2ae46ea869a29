// The report tests' server: a real server with sign-in on a temporary warehouse, the accounts (report
// recipients) and API tokens a test names, and a real SMTP server in this process that keeps each
// message per recipient (smtp-inbox.ts). Only the accounts and tokens differ between the tests.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { expect } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { apiTokens } from '../../core/accounts/api-tokens.ts';
import type { AccountRole } from '../../core/accounts/roles.ts';
import type { RowRule } from '../../core/accounts/row-restriction.ts';
import { users } from '../../core/accounts/users.ts';
import { measureApiParameters, type ReportView } from '../../core/reports/report-view.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { openStateStore } from '../../server/state/state-store.ts';
import { startSmtpInbox, type ReceivedMessage } from './smtp-inbox.ts';
import { buildTestWarehouse, type TestWarehouse } from './test-server.ts';

export type Json = Record<string, any>;

export const PASSWORD = 'correct horse battery';

/** The report tests' warehouse: 2,000 people, seed 5. */
export const buildReportWarehouse = (): Promise<TestWarehouse> => buildTestWarehouse({ people: 2_000, seed: 5 });

/** The `n` values of a dimension column held by the most people, most first (ties by value). */
export async function mostHeldValues(warehouse: string, column: 'county' | 'organization', n: number): Promise<string[]> {
  const db = await openDatabase(warehouse, { readOnly: true });
  try {
    const rows = await db.query<{ value: string }>(`SELECT ${column} AS value FROM mart.person_year GROUP BY 1 ORDER BY count(DISTINCT person_id) DESC, 1 LIMIT ${n}`);
    return rows.map((r) => r.value);
  } finally {
    db.close();
  }
}

/** A role and a row rule (none: an account with no rule, a token over every row). */
export interface Grant {
  role: AccountRole;
  restriction?: RowRule;
}

export interface ReportServerSetup {
  /** The state folder's name prefix in the temp folder. */
  name: string;
  /** Accounts by address: the report recipients. */
  accounts: Record<string, Grant>;
  /** API tokens by name. */
  tokens: Record<string, Grant>;
}

export interface ReportServer {
  server: RunningServer;
  /** Every message sent so far, one entry per recipient. */
  received: ReceivedMessage[];
  tokens: Record<string, string>;
  /** An API call as the token's holder, with a JSON body type. */
  call(path: string, token: string, init?: RequestInit): Promise<Response>;
  /** The API's answer (checked 200) for a report view, as the token's holder reads it. */
  apiView(view: ReportView, token: string, accept: string): Promise<Response>;
  /** Sends report `id` now as the token's holder (checked 201): the run and the messages it sent, by recipient. */
  sendNow(id: string, token: string): Promise<{ run: Json; messages: Map<string, ParsedMail> }>;
  /** Closes the server and the SMTP server, removes the state folder and the warehouse. */
  close(): Promise<void>;
}

/** Starts a server with sign-in and reports on `built`, with the accounts and tokens of `setup`. */
export async function startReportServer(built: TestWarehouse, setup: ReportServerSetup): Promise<ReportServer> {
  const root = mkdtempSync(join(tmpdir(), `${setup.name}-`));
  const stateDir = join(root, 'state');
  const clock = () => new Date();
  const store = await openStateStore(stateDir, { clock, newId: () => randomBytes(8).toString('hex') });
  const accounts = users(store.accounts.users, { clock, randomBytes });
  for (const [address, { role, restriction }] of Object.entries(setup.accounts)) await accounts.add(address, role, PASSWORD, restriction);
  const tokens: Record<string, string> = {};
  for (const [name, { role, restriction }] of Object.entries(setup.tokens)) {
    tokens[name] = (await apiTokens(store.accounts.tokens, { clock, randomBytes }).create({ role, label: name, restriction })).token;
  }
  await store.close();
  const smtp = await startSmtpInbox();
  const server = await startServer({
    warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, signIn: true, rateLimit: false,
    reports: { smtpUrl: smtp.url, pollMs: 3_600_000, baseUrl: 'https://dash.example/' },
  });

  const call = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${server.url}/api${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  return {
    server,
    received: smtp.received,
    tokens,
    call,
    async apiView(view, token, accept) {
      const response = await call(`/measures/${view.measure}?${new URLSearchParams(measureApiParameters(view))}`, token, { headers: { accept } });
      expect(response.status).toBe(200);
      return response;
    },
    async sendNow(id, token) {
      smtp.received.length = 0;
      const sent = await call(`/reports/${id}/runs`, token, { method: 'POST' });
      expect(sent.status).toBe(201);
      const messages = new Map<string, ParsedMail>();
      for (const message of smtp.received) messages.set(message.to, await simpleParser(message.raw, { skipImageLinks: true }));
      return { run: (await sent.json()) as Json, messages };
    },
    async close() {
      await server.close();
      await smtp.close();
      built.remove();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
