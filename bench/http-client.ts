// A minimal HTTP/1.1 client for timing API requests: one kept-alive socket, one GET at a time, a
// response read by its status line, headers and Content-Length body and nothing more. A timed
// request is then time to the last byte, with next to none of the bench process's own work in it.
// node:http's client adds 0.3–0.6 ms per request of its own (ClientRequest, agent, parser,
// streams; measured side by side on the 1M warehouse), fetch about 1 ms; both would be counted as
// the server's.
import { connect, type Socket } from 'node:net';

export interface HttpGetter {
  /** Resolves when the whole body has arrived; rejects on a non-2xx status or a broken connection. */
  get(path: string): Promise<void>;
  close(): void;
}

interface Pending {
  path: string;
  resolve: () => void;
  reject: (error: Error) => void;
  chunks: Buffer[];
  received: number;
  /** Header length plus Content-Length, once the headers are in. */
  total?: number;
  status?: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export async function openHttpGetter(baseUrl: string, headers: Record<string, string> = {}): Promise<HttpGetter> {
  const url = new URL(baseUrl);
  const socket: Socket = connect(Number(url.port), url.hostname);
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const extraHeaders = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  let pending: Pending | undefined;

  const fail = (error: Error) => {
    const request = pending;
    pending = undefined;
    request?.reject(error);
  };
  // A server closes a kept-alive connection idle for longer than its keep-alive timeout (Node: 5 s);
  // a request after that must fail at once, not wait for an answer that cannot come.
  let closed = false;
  socket.on('error', fail);
  socket.on('close', () => {
    closed = true;
    fail(new Error('the server closed the connection'));
  });
  socket.on('data', (chunk: Buffer) => {
    const request = pending;
    if (!request) return fail(new Error(`unexpected bytes from the server: ${chunk.toString('latin1', 0, 80)}`));
    request.chunks.push(chunk);
    request.received += chunk.length;
    try {
      if (request.total === undefined && !readHead(request)) return;
    } catch (error) {
      return fail(error as Error);
    }
    if (request.received < request.total!) return;
    pending = undefined;
    if (request.received > request.total!) return request.reject(new Error(`GET ${request.path}: more bytes than Content-Length`));
    if (request.status! >= 200 && request.status! < 300) request.resolve();
    else request.reject(new Error(`GET ${request.path} → ${request.status}: ${Buffer.concat(request.chunks).toString('utf8').slice(0, 300)}`));
  });

  return {
    get(path) {
      if (pending) return Promise.reject(new Error('one request at a time'));
      if (closed) return Promise.reject(new Error(`GET ${path}: the connection was closed (idle past the server's keep-alive timeout?): open a new one`));
      return new Promise<void>((resolve, reject) => {
        pending = { path, resolve, reject, chunks: [], received: 0 };
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\n${extraHeaders}\r\n`);
      });
    },
    close() {
      socket.destroy();
    },
  };
}

/** Reads the status and Content-Length once the headers are complete; false while they are not. */
function readHead(request: Pending): boolean {
  const data = request.chunks.length === 1 ? request.chunks[0]! : Buffer.concat(request.chunks);
  const end = data.indexOf(HEADER_END);
  if (end < 0) return false;
  const head = data.toString('latin1', 0, end);
  request.status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!length) throw new Error(`GET ${request.path}: the response has no Content-Length (this client does not read chunked bodies)`);
  request.total = end + HEADER_END.length + Number(length[1]);
  return true;
}
