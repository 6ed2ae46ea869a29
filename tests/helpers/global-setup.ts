// Runs once before all test files: build the dashboard now, so test files running in parallel
// never start competing Vite builds of client/dist.
import { ensureClientBuilt } from '../../server/cli/build-client.ts';

export default async function setup(): Promise<void> {
  await ensureClientBuilt((message) => console.log(message));
}
