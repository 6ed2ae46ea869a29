// Child process that serves a warehouse for sections 3 and 5 (the real app via startServer, with
// the built dashboard), on loopback only. Prints {"url"} once listening; SIGTERM closes it.
// Arguments: warehouse, state folder, the response cache size in MiB ('' for the default, 0: none),
// and `sign-in` for a server that identifies every caller (bench/api.ts, sign-in overhead). Its rate
// limit is set out of reach: the limiter still runs on every request, but a bench's thousands of
// requests a minute must not be refused (the default holds a script to 10 a second).
// POPSIGHT_BENCH_WARM_UP=0 starts it without the warm-up (a truly cold server, section 5).
import { ensureClientBuilt } from '../cli/build-client.ts';
import { startServer } from '../cli/start-server.ts';

const [warehouse, stateDir, cacheMb, mode] = process.argv.slice(2);
const clientDir = await ensureClientBuilt((message) => process.stderr.write(`${message}\n`));
const responseCacheMb = cacheMb === undefined || cacheMb === '' ? undefined : Number(cacheMb);
const signIn = mode === 'sign-in';
const warmUp = process.env.POPSIGHT_BENCH_WARM_UP !== '0';
const server = await startServer({
  warehouse: warehouse!, port: 0, host: '127.0.0.1', clientDir, stateDir, responseCacheMb, warmUp,
  signIn, ...(signIn && { rateLimit: { burst: 1e9, perSecond: 1e9 } }),
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
