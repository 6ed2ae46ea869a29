// The folders' edges, as docs/architecture.md draws them: core/ is shared and imports none of the
// others; pipelines/ (the load) and server/ (the HTTP edge) never import each other; generator/
// builds on core/ only; client/ imports only core/ besides itself; cli/ is the one place that
// composes generator, pipelines and server. Every relative import (static, dynamic or type-only)
// of every source file is checked.
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRelative, moduleImports, resolveRelative, sourceFiles } from '../helpers/module-imports.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS = ['core', 'pipelines', 'generator', 'server', 'cli', 'client'] as const;
type Folder = (typeof FOLDERS)[number];

/** What each folder may import besides itself. */
const ALLOWED: Record<Folder, readonly Folder[]> = {
  core: [],
  pipelines: ['core'],
  generator: ['core'],
  server: ['core'],
  client: ['core'],
  cli: ['core', 'pipelines', 'generator', 'server'],
};

const folderOf = (path: string): string => path.split('/')[0]!;

/** `from → to` for every import that crosses an edge the rules do not allow. */
function forbiddenImports(edges: readonly { from: string; to: string }[]): string[] {
  return edges
    .filter(({ from, to }) => {
      const [a, b] = [folderOf(from), folderOf(to)];
      if (a === b || !(FOLDERS as readonly string[]).includes(a)) return false;
      return !ALLOWED[a as Folder].includes(b as Folder);
    })
    .map(({ from, to }) => `${from} → ${to}`);
}

function importEdges(): { from: string; to: string }[] {
  return FOLDERS.flatMap((folder) => sourceFiles(ROOT, folder === 'client' ? 'client/src' : folder)).flatMap((file) =>
    moduleImports(`${ROOT}/${file}`)
      .filter(({ specifier }) => isRelative(specifier))
      .map(({ specifier }) => {
        const target = resolveRelative(`${ROOT}/${file}`, specifier);
        return { from: file, to: target ? relative(ROOT, target) : `(unresolved) ${specifier}` };
      }),
  );
}

describe('the structure of the code', () => {
  const edges = importEdges();

  it('reads the imports of every folder', () => {
    for (const folder of FOLDERS) expect(edges.some(({ from }) => folderOf(from) === folder), folder).toBe(true);
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.filter(({ to }) => to.startsWith('(unresolved)'))).toEqual([]);
  });

  it('has no import across an edge the architecture does not draw', () => {
    expect(forbiddenImports(edges)).toEqual([]);
  });

  it('would catch a reintroduced cross-import', () => {
    expect(
      forbiddenImports([
        { from: 'pipelines/load.ts', to: 'server/warehouse/live-warehouse.ts' },
        { from: 'server/app.ts', to: 'pipelines/load.ts' },
        { from: 'core/measures/run-measure.ts', to: 'server/http/errors.ts' },
        { from: 'client/src/lib/api.ts', to: 'server/app.ts' },
        { from: 'generator/index.ts', to: 'pipelines/load.ts' },
        { from: 'cli/cli.ts', to: 'server/app.ts' },
        { from: 'client/src/lib/api.ts', to: 'core/api/api-types.ts' },
      ]),
    ).toEqual([
      'pipelines/load.ts → server/warehouse/live-warehouse.ts',
      'server/app.ts → pipelines/load.ts',
      'core/measures/run-measure.ts → server/http/errors.ts',
      'client/src/lib/api.ts → server/app.ts',
      'generator/index.ts → pipelines/load.ts',
    ]);
  });
});
