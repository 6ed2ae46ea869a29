// A real SMTP server (smtp-server, in-process) on a loopback port that keeps every message it is sent,
// once per recipient, for a test to parse: the report tests' mail server.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMessage {
  to: string;
  raw: Buffer;
}

export interface SmtpInbox {
  /** The URL to give the server as its SMTP server (`POPSIGHT_SMTP_URL`). */
  url: string;
  /** Every message received so far, one entry per recipient; a test may empty it (`length = 0`). */
  received: ReceivedMessage[];
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const received: ReceivedMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        for (const to of session.envelope.rcptTo) received.push({ to: to.address, raw: Buffer.concat(chunks) });
        callback(null, 'Queued as test');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
