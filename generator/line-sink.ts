// A buffered, back-pressure-aware writer of text lines (CSV rows, NDJSON resources). Each line is
// encoded straight into a 1 MB byte buffer (so the string pieces it was built from die young and
// cost the garbage collector next to nothing); full buffers go to the file stream, and when the
// stream's queue is full the generator awaits 'drain' before simulating the next person, so memory
// stays bounded. Never builds a whole file in memory.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CAPACITY = 1 << 20;

export class LineSink {
  /** Data lines written (a header line is not counted). */
  lines = 0;
  private buffer = Buffer.allocUnsafe(CAPACITY);
  private used = 0;
  private readonly stream: WriteStream;
  private blocked = false;
  private failure: Error | null = null;

  constructor(path: string, header?: string) {
    this.stream = createWriteStream(path, { highWaterMark: 4 * CAPACITY });
    // Keep a write error (disk full, directory gone) until the next await reports it.
    this.stream.on('error', (e) => (this.failure ??= e));
    if (header !== undefined) this.append(header);
  }

  /** Appends one data line (without its newline). */
  line(text: string): void {
    this.append(text);
    this.lines++;
  }

  get needsDrain(): boolean {
    return this.blocked;
  }

  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    // Another sink's drain may have been awaited first: ask the stream, not our flag, whether
    // 'drain' is still to come, or we would wait for an event that has already fired.
    if (this.blocked && this.stream.writableNeedDrain) await once(this.stream, 'drain');
    this.blocked = false;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  private append(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit, plus the newline.
    const worst = 3 * text.length + 1;
    if (this.used + worst > this.buffer.length) {
      this.flush();
      // A line larger than the buffer (a long lifetime in one Claim) gets a buffer of its own.
      if (worst > this.buffer.length) this.buffer = Buffer.allocUnsafe(worst);
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.buffer[this.used++] = 10;
  }

  private flush(): void {
    if (this.used === 0) return;
    // The stream keeps the written bytes: the next lines go into a new buffer.
    if (!this.stream.write(this.buffer.subarray(0, this.used))) this.blocked = true;
    this.buffer = Buffer.allocUnsafe(CAPACITY);
    this.used = 0;
  }
}
