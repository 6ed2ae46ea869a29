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

/** What the outbox keeps beside each message (`<name>.json`), for the Reports page to list it. */
export interface OutboxEntry {
  /** `<time>-<id>`: the message is `<name>.eml`, its page `<name>.html`. */
  name: string;
  to: string;
  subject: string;
  date: string;
}

/**
 * Writes each message, as sent over SMTP, to `<dir>/<time>-<id>.eml` (RFC 5322; any mail reader opens
 * it), with `<name>.html` (the HTML part, its inline images as data: URLs, for a browser) and
 * `<name>.json` (to, subject, date).
 */
export function outboxMailer(dir: string, deps: OutboxDeps): Mailer {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    destination: dir,
    async send(mail) {
      const info = await transport.sendMail(mail);
      mkdirSync(dir, { recursive: true });
      const date = deps.clock().toISOString();
      const name = `${date.replace(/[:.]/g, '-')}-${deps.newId()}`;
      const file = join(dir, `${name}.eml`);
      writeFileSync(file, info.message as Buffer, { flag: 'wx' });
      writeFileSync(join(dir, `${name}.html`), withInlineImages(mail.html, mail.attachments), { flag: 'wx' });
      const entry: OutboxEntry = { name, to: mail.to, subject: mail.subject, date };
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(entry), { flag: 'wx' });
      return file;
    },
    close: () => transport.close(),
  };
}

/** The HTML with each `cid:` image replaced by a data: URL, so a browser shows it on its own. */
export function withInlineImages(html: string, attachments: readonly MailAttachment[]): string {
  let page = html;
  for (const attachment of attachments) {
    if (attachment.cid) page = page.replaceAll(`cid:${attachment.cid}`, `data:${attachment.contentType};base64,${attachment.content.toString('base64')}`);
  }
  return page;
}

export const outboxDir = (home: string): string => join(home, 'outbox');

/** SMTP when `POPSIGHT_SMTP_URL` is set (smtp:// or smtps://, credentials in the URL), else the outbox. */
export function mailerFor(options: { smtpUrl?: string; home: string }, deps: OutboxDeps): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl) : outboxMailer(outboxDir(options.home), deps);
}
