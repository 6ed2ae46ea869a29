// The import specifiers of a source file (.ts, .mjs, .js, .svelte), read with the TypeScript parser so that
// multi-line, type-only and dynamic imports are told apart; used by the tests that check the dependency graph.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ModuleImport {
  specifier: string;
  /** `import()` with a string literal, evaluated only when the code that holds it runs. */
  dynamic: boolean;
  /** `import type` / `export type`: erased when TypeScript is compiled, so never loaded at run time. */
  typeOnly: boolean;
}

export const SOURCE_EXTENSIONS = ['.ts', '.mts', '.mjs', '.js', '.cjs', '.svelte'];

export function moduleImports(file: string): ModuleImport[] {
  const text = readFileSync(file, 'utf8');
  const code = extname(file) === '.svelte' ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: ModuleImport[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, dynamic: false, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, dynamic: false, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, dynamic: true, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, dynamic: false, typeOnly: true }); // `import('x').T` in a type
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** The file a relative specifier names (specifiers carry their extension here; `.js` may stand for `.ts`). */
export function resolveRelative(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier);
  const candidates = [target, target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Every source file under `dir` (paths relative to `root`), skipping node_modules and build output. */
export function sourceFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return [dir];
  return readdirSync(abs, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const path = relative(root, join(abs, entry.name));
    if (entry.isDirectory()) return sourceFiles(root, path);
    return SOURCE_EXTENSIONS.includes(extname(entry.name)) ? [path] : [];
  });
}
