// The content hash of an extract: SHA-256 over every file's relative path and bytes, in sorted order.
// Loading an extract whose hash the warehouse has already published changes nothing.
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export async function extractHash(root: string): Promise<string> {
  const files = statSync(root).isDirectory() ? listFiles(root) : [root];
  const total = createHash('sha256');
  for (const file of files) {
    const digest = createHash('sha256');
    for await (const chunk of createReadStream(file)) digest.update(chunk as Buffer);
    total.update(`${relative(root, file) || file}\0${digest.digest('hex')}\n`);
  }
  return total.digest('hex');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.')) return [];
      return entry.isDirectory() ? listFiles(path) : [path];
    });
}
