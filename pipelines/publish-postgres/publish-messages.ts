// What `popsight publish` says: its progress lines and its errors, each naming the option or server at fault.

const n = (value: number) => value.toLocaleString('en-US');

export const publishMessages = {
  badUrl: (option: string, url: string) =>
    `${option}: expected a PostgreSQL connection URL such as postgres://user:password@host:5432/database, got '${url.replace(/:[^:@/]*@/, ':***@')}'.`,
  noShards: '--shard: give at least one shard server (postgres://…), once per shard.',
  duplicateServer: (label: string) => `--shard: ${label} is named twice (or is also the --engine coordinator); each shard must be its own database.`,
  cannotConnect: (label: string, detail: string) => `Cannot connect to ${label}: ${detail}`,
  copyFailed: (table: string, label: string, detail: string) => `COPY into ${table} on ${label} failed: ${detail}`,
  foreignSchema: (schema: string, label: string) =>
    `The coordinator ${label} already has a schema '${schema}' that popsight did not publish; publish into another database, or rename or drop that schema first.`,
  start: (people: string, coordinator: string, shards: number) => `publish: ${people} to ${coordinator} with ${shards} shard${shards === 1 ? '' : 's'}`,
  exported: (table: string, seconds: number) => `publish: ${table} exported by shard (${seconds.toFixed(1)} s)`,
  copied: (table: string, shard: number, rows: number, seconds: number) => `publish: ${table} → shard ${shard}: ${n(rows)} rows (${seconds.toFixed(1)} s)`,
  copiedLocal: (table: string, rows: number) => `publish: ${table} → coordinator: ${n(rows)} rows`,
  swapped: (version: string, id: string) => `publish: data version ${version} is live on the coordinator (publication ${id})`,
  retired: (count: number) => `publish: ${count} earlier publication${count === 1 ? '' : 's'} removed`,
  done: (seconds: number) => `publish: done in ${seconds.toFixed(1)} s`,
};
