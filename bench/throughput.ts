// Section 3b, throughput: autocannon against a cached measure endpoint, on loopback, for a bounded
// time at each connection count. Client and server share the machine's two cores.
import autocannon from 'autocannon';
import type { BenchContext } from './context.ts';

export interface ThroughputRun {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  requests: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
}

export async function benchThroughput(ctx: BenchContext, url: string): Promise<ThroughputRun[]> {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) throw new Error(`autocannon only runs against loopback, not ${url}`);
  const runs: ThroughputRun[] = [];
  for (const connections of ctx.connections) {
    const result = await autocannon({ url, connections, duration: ctx.throughputSeconds, headers: { accept: 'application/json' } });
    runs.push({
      connections,
      seconds: result.duration,
      requestsPerSecond: result.requests.total / result.duration,
      requests: result.requests.total,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
    });
    ctx.log(`  autocannon ${connections} connection(s): ${Math.round(runs.at(-1)!.requestsPerSecond)} req/s, p99 ${result.latency.p99} ms`);
  }
  return runs;
}
