// `popsight publish`: a warehouse into a sharded PostgreSQL (pipelines/publish-postgres), which
// `popsight serve --engine` then answers from. Progress lines go to stderr.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { loadMessages } from '../core/loads/load-messages.ts';
import { publishToPostgres } from '../pipelines/publish-postgres/publish-postgres.ts';

export interface PublishCommandOptions {
  warehouse: string;
  engine: string;
  shard: string[];
  fetchSize: number;
}

export async function publishCommand(options: PublishCommandOptions): Promise<void> {
  const warehouse = resolve(options.warehouse);
  if (!existsSync(warehouse)) throw new Error(loadMessages.noWarehouse(warehouse));
  const result = await publishToPostgres(
    { warehouse, coordinator: options.engine, shards: options.shard, fetchSize: options.fetchSize },
    { log: (line) => console.error(line), clock: () => new Date() },
  );
  console.log(`Published data version ${result.dataVersion} (publication ${result.publication}); serve it with: popsight serve --engine ${options.engine.replace(/:[^:@/]*@/, ':***@')}`);
}

export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('Publish a warehouse to a sharded PostgreSQL: person rows split across the --shard servers by a hash of the person pseudonym (postgres_fdw foreign partitions on the --engine coordinator), measure cells on the coordinator. Publishing again replaces the publication in one transaction. See docs/deployment.md.')
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (opened read-only)')
    .requiredOption('--engine <url>', 'the coordinator, postgres://user:password@host:port/database (the server `popsight serve --engine` queries)')
    .requiredOption('--shard <url>', 'a shard, postgres://user:password@host:port/database as the coordinator reaches it; once per shard (shard n is the n-th)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--fetch-size <rows>', 'rows postgres_fdw fetches from a shard per round trip', wholeNumber('--fetch-size'), 10_000)
    .action(publishCommand);
}

function wholeNumber(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1.`);
    return n;
  };
}
