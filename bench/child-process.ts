// Runs a command as a child process and measures it from outside: wall time and peak resident
// memory (GNU time's maximum RSS when /usr/bin/time exists, else VmHWM polled from /proc).
// Output lines are passed on as they come, so a long step shows its progress.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ChildRun {
  seconds: number;
  /** Peak resident set size in bytes (null when it could not be measured). */
  peakRssBytes: number | null;
  stdout: string;
  stderrLines: string[];
}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called with every stderr line as it arrives. */
  onLine?: (line: string) => void;
}

const GNU_TIME = '/usr/bin/time';

export async function runMeasured(command: string, args: string[], options: ChildOptions = {}): Promise<ChildRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'popsight-bench-time-'));
  const timeFile = join(scratch, 'max-rss');
  const useGnuTime = existsSync(GNU_TIME);
  const [file, argv] = useGnuTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let polledPeak: number | null = null;
  const poll = useGnuTime ? undefined : setInterval(() => (polledPeak = Math.max(polledPeak ?? 0, highWaterMark(child.pid) ?? 0)), 50);
  let stdout = '';
  const stderrLines: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  splitLines(child.stderr, (line) => {
    stderrLines.push(line);
    options.onLine?.(line);
  });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) {
      // The last line naming an error says why; the rest is context.
      const why = stderrLines.findLast((line) => /error/i.test(line)) ?? stderrLines.at(-1) ?? `exited with ${code}`;
      throw new Error(`${why}\n${command} ${args.join(' ')} exited with ${code}:\n${stderrLines.slice(-15).join('\n')}`);
    }
    const peakRssBytes = useGnuTime ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) * 1024 : polledPeak;
    return { seconds, peakRssBytes: Number.isFinite(peakRssBytes) ? peakRssBytes : null, stdout, stderrLines };
  } finally {
    if (poll) clearInterval(poll);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Resident memory of a running process from /proc: current (VmRSS) and peak (VmHWM), in bytes. */
export function processMemory(pid: number | undefined): { rssBytes: number | null; peakRssBytes: number | null } {
  const status = readStatus(pid);
  return { rssBytes: statusField(status, 'VmRSS'), peakRssBytes: statusField(status, 'VmHWM') };
}

function highWaterMark(pid: number | undefined): number | null {
  return statusField(readStatus(pid), 'VmHWM');
}

function readStatus(pid: number | undefined): string {
  if (pid === undefined) return '';
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return ''; // the process has exited
  }
}

function statusField(status: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

export function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split(/\r?\n|\r/);
    pending = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) onLine(line);
  });
  stream.on('end', () => {
    if (pending.trim()) onLine(pending);
  });
}
