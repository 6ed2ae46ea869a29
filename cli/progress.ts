// Progress of long steps on stderr: a redrawn bar on a terminal, a line every few seconds otherwise (CI, logs).

export interface Progress {
  update(done: number): void;
  finish(message?: string): void;
}

export function progressBar(label: string, total: number, unit = 'items', stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastDraw = 0;
  const line = (done: number) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const bar = '█'.repeat(Math.round(share * 24)).padEnd(24, '░');
    return `${label} ${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit}  ${rate.toLocaleString('en-US')} ${unit}/s`;
  };
  return {
    update(done) {
      const now = Date.now();
      if (stream.isTTY && now - lastDraw > 100) {
        stream.write(`\r${line(done)}`);
        lastDraw = now;
      } else if (!stream.isTTY && now - lastDraw > 5000) {
        stream.write(`${line(done)}\n`);
        lastDraw = now;
      }
    },
    finish(message) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`${stream.isTTY ? '\r' : ''}${line(total)}  ${message ?? `done in ${seconds} s`}\n`);
    },
  };
}

/** One status line for a load stage: redrawn on a terminal, every few seconds otherwise. */
export function loadProgressLine(stream: NodeJS.WriteStream = process.stderr) {
  let lastLine = 0;
  return (p: { stage: string; percentage: number; rows: number; rowsPerSecond: number }) => {
    const now = Date.now();
    if (now - lastLine < (stream.isTTY ? 200 : 5000)) return;
    lastLine = now;
    const bar = '█'.repeat(Math.round((p.percentage / 100) * 20)).padEnd(20, '░');
    const text = `${p.stage} ${bar} ${p.percentage.toFixed(0).padStart(3)}%  ${p.rows.toLocaleString('en-US')} rows  ${Math.round(p.rowsPerSecond).toLocaleString('en-US')} rows/s`;
    stream.write(stream.isTTY ? `\r${text}\x1b[K` : `${text}\n`);
  };
}
