// Child process that serves a warehouse for sections 3 and 5 (the real app via startServer, with
// the built dashboard), on loopback only. Prints {"url"} once listening; SIGTERM closes it.
// Arguments: warehouse, state folder, and optionally the response cache size in MiB (0: none).
// POPSIGHT_BENCH_WARM_UP=0 starts it without the warm-up (a truly cold server, section 5).
import { ensureClientBuilt } from '../cli/build-client.ts';
import { startServer } from '../cli/start-server.ts';

const [warehouse, stateDir, cacheMb] = process.argv.slice(2);
const clientDir = await ensureClientBuilt((message) => process.stderr.write(`${message}\n`));
const responseCacheMb = cacheMb === undefined ? undefined : Number(cacheMb);
const warmUp = process.env.POPSIGHT_BENCH_WARM_UP !== '0';
const server = await startServer({ warehouse: warehouse!, port: 0, host: '127.0.0.1', clientDir, stateDir, responseCacheMb, warmUp });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
