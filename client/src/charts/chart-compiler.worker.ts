// The chart compiler's worker: compiles and parses each spec it is sent (compile-chart.ts) and sends
// back the runtime, or the error's message, under the request's id.
import type { TopLevelSpec } from 'vega-lite';
import { compileChart } from './compile-chart.ts';

export interface CompileRequest {
  id: number;
  spec: TopLevelSpec;
}
export type CompileReply = { id: number; runtime: ReturnType<typeof compileChart> } | { id: number; error: string };

self.onmessage = ({ data: { id, spec } }: MessageEvent<CompileRequest>) => {
  let reply: CompileReply;
  try {
    reply = { id, runtime: compileChart(spec) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
