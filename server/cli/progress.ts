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
