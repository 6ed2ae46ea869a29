// Installs keep their promise (issue 12, point 6): every dependency is imported or run by something, every
// package in the lock runs on the Node version package.json declares, and what `popsight serve` loads at run
// time is in `dependencies`, so `npm ci && npm run build && npm prune --omit=dev` leaves a server that starts.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { isRelative, moduleImports, packageName, resolveRelative, sourceFiles } from '../helpers/module-imports.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: Record<string, string> | string[] }>;
};

const SOURCE_FOLDERS = ['core', 'pipelines', 'generator', 'server', 'cli', 'client', 'bench', 'scripts', 'tests', 'bin'];
const CONFIG_FILES = ['vite.config.ts', 'vitest.config.ts', 'svelte.config.js'];

/**
 * The one import the serve path is allowed to leave out of `dependencies`: Vite, loaded by `import()` only when
 * the dashboard must be built (`popsight demo`, the tests, the bench), never by `popsight serve`, which uses the
 * client/dist made by `npm run build`.
 */
const CLIENT_BUILD_IMPORT = { file: 'cli/build-client.ts', specifier: 'vite' };

function importedPackages(): Set<string> {
  const files = [...SOURCE_FOLDERS, ...CONFIG_FILES].flatMap((dir) => sourceFiles(ROOT, dir));
  return new Set(files.flatMap((file) => moduleImports(join(ROOT, file))
    .filter(({ specifier }) => !isRelative(specifier) && !specifier.startsWith('node:'))
    .map(({ specifier }) => packageName(specifier))));
}

/** Packages a file resolves to a path of (`require.resolve('us-atlas/counties-10m.json')`): data files read, not imported. */
function resolvedPackages(): Set<string> {
  const files = SOURCE_FOLDERS.flatMap((dir) => sourceFiles(ROOT, dir));
  return new Set(files.flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\.resolve\(\s*['"]([^'"./][^'"]*)['"]/g)].map((m) => packageName(m[1]!))));
}

/** Packages whose command (their `bin`) an npm script or CI runs: typescript (`tsc`), vite, vitest, svelte-check. */
function packagesRunByScripts(names: string[]): Set<string> {
  const ci = join(ROOT, '.ci', 'run');
  const commands = [...Object.values(pkg.scripts), existsSync(ci) ? readFileSync(ci, 'utf8') : ''].join('\n');
  return new Set(names.filter((name) => {
    const manifest = join(ROOT, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return false;
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
    const bins = typeof bin === 'string' ? [name.split('/').pop()!] : Object.keys(bin ?? {});
    return bins.some((command) => new RegExp(`(^|[\\s;&|(])${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm').test(commands));
  }));
}

describe('dependencies', () => {
  it('lists only packages that some file imports, resolves a file of, or some npm script runs', () => {
    const declared = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    const imported = importedPackages();
    const run = packagesRunByScripts(declared);
    const resolved = resolvedPackages();
    const tsconfig = readFileSync(join(ROOT, 'tsconfig.json'), 'utf8');
    const used = (name: string): boolean => {
      if (imported.has(name) || run.has(name) || resolved.has(name)) return true;
      // @types/x is used when x is: @types/scope__name types @scope/name; @types/node the node: builtins.
      const typed = name.match(/^@types\/(.+)$/)?.[1];
      if (!typed) return false;
      if (typed === 'node') return /"types":\s*\[[^\]]*"node"/.test(tsconfig);
      return used(typed.includes('__') ? `@${typed.replace('__', '/')}` : typed);
    };
    expect(declared.filter((name) => !used(name))).toEqual([]);
  });

  it('locks only packages whose engines include the oldest Node that package.json accepts', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    const excluding = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as Record<string, string>).node))
      .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')}@${entry.version} needs node ${(entry.engines as Record<string, string>).node}`);
    expect(excluding, `package.json accepts node ${pkg.engines.node} (from ${oldest})`).toEqual([]);
  });

  it('lists every package that `popsight` loads at run time under dependencies, not devDependencies', () => {
    const allowed = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier) || packageName(specifier) in pkg.dependencies;
    const missing: string[] = [];
    let clientBuildImportSeen = false;
    const seen = new Set<string>();
    const queue = [join(ROOT, 'bin', 'popsight.mjs')];
    for (let file = queue.shift(); file; file = queue.shift()) {
      if (seen.has(file)) continue;
      seen.add(file);
      const where = relative(ROOT, file);
      for (const { specifier, dynamic, typeOnly } of moduleImports(file)) {
        if (typeOnly) continue;
        if (isRelative(specifier)) {
          const target = resolveRelative(file, specifier);
          if (!target) missing.push(`${where}: ${specifier} (no such file)`);
          else if (/\.(m?[jt]s|svelte)$/.test(target)) queue.push(target);
        } else if (dynamic && where === CLIENT_BUILD_IMPORT.file && specifier === CLIENT_BUILD_IMPORT.specifier) {
          clientBuildImportSeen = true;
        } else if (!allowed(specifier)) {
          missing.push(`${where}: ${specifier}${dynamic ? ' (import())' : ''}`);
        }
      }
    }
    expect(seen.has(join(ROOT, 'cli', 'cli.ts')), 'bin/popsight.mjs reaches cli/cli.ts').toBe(true);
    expect(clientBuildImportSeen, `${CLIENT_BUILD_IMPORT.file} still imports ${CLIENT_BUILD_IMPORT.specifier} lazily (else drop the exception)`).toBe(true);
    expect(missing).toEqual([]);
  });
});
