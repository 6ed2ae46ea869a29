// Where report e-mails go: an SMTP server (nodemailer) when POPSIGHT_SMTP_URL is set; otherwise an
// outbox folder, <POPSIGHT_HOME>/outbox/, where each message is written as an .eml file, so a report
// can be read with no mail server. Each send resolves to what happened (the SMTP reply or the file)
// and rejects with the SMTP reply when the server refuses it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  /** Set for an inline image, referred to as `cid:<cid>` in the HTML. */
  cid?: string;
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
  /** Extra header fields, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Where messages go, without credentials: `smtp://host:port` or the outbox folder. */
  readonly destination: string;
  /** Resolves to the SMTP reply or the path of the .eml file written. */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

/** The SMTP server's reply to a refused message, else the error's message. */
export function smtpReply(error: unknown): string {
  const response = (error as { response?: unknown } | null)?.response;
  if (typeof response === 'string' && response) return response;
  return error instanceof Error ? error.message : String(error);
}

/** Network failures that may pass: a connection refused, reset or timed out, or a greeting that never came. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EDNS', 'EPIPE']);

/** Whether trying again later may succeed: an SMTP 4xx reply ("try again later") or a network failure; a 5xx is final. */
export function isTransientFailure(error: unknown): boolean {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return responseCode >= 400 && responseCode < 500;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

const withoutCredentials = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
};

export function smtpMailer(url: string): Mailer {
  const transport = createTransport(url);
  return {
    destination: withoutCredentials(url),
    async send(mail) {
      const info = await transport.sendMail(mail);
      return String(info.response);
    },
    close: () => transport.close(),
  };
}

export interface OutboxDeps {
  clock: () => Date;
  newId: () => string;
}

/** Writes each message, as sent over SMTP, to `<dir>/<time>-<id>.eml` (RFC 5322; any mail reader opens it). */
export function outboxMailer(dir: string, deps: OutboxDeps): Mailer {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    destination: dir,
    async send(mail) {
      const info = await transport.sendMail(mail);
      mkdirSync(dir, { recursive: true });
      const stamp = deps.clock().toISOString().replace(/[:.]/g, '-');
      const file = join(dir, `${stamp}-${deps.newId()}.eml`);
      writeFileSync(file, info.message as Buffer, { flag: 'wx' });
      return file;
    },
    close: () => transport.close(),
  };
}

export const outboxDir = (home: string): string => join(home, 'outbox');

/** SMTP when `POPSIGHT_SMTP_URL` is set (smtp:// or smtps://, credentials in the URL), else the outbox. */
export function mailerFor(options: { smtpUrl?: string; home: string }, deps: OutboxDeps): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl) : outboxMailer(outboxDir(options.home), deps);
}
