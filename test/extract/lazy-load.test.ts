import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { CliIo } from '../../src/cli/io';
import { tmpDir } from '../support/tmp';

// ts-morph costs hundreds of milliseconds to load: only extract, diff and check --project may
// load it, lazily. bench/extract-startup.ts measures what this guards.

const SRC = path.resolve(__dirname, '..', '..', 'src');

/**
 * Modules a file loads when it is loaded: static imports and re-exports that are not type-only,
 * and require() calls. import() expressions are the lazy boundary and are not followed.
 */
function staticDependencies(file: string): { files: string[]; packages: string[] } {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const allTypes = node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!allTypes) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      specifiers.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const files: string[] = [];
  const packages: string[] = [];
  for (const s of specifiers) {
    if (!s.startsWith('.')) {
      packages.push(s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);
      continue;
    }
    const base = path.resolve(path.dirname(file), s);
    const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    if (found) files.push(found);
  }
  return { files, packages };
}

/** Every file and package loaded, transitively, when `roots` are loaded. */
function closure(roots: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = roots.map((r) => path.join(SRC, r));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const deps = staticDependencies(file);
    deps.packages.forEach((p) => packages.add(p));
    queue.push(...deps.files);
  }
  return { files, packages };
}

const HEAVY = ['project.ts', 'static-value.ts', 'egress.ts', 'declarations.ts', 'imports.ts', 'locate.ts'].map((f) => path.join(SRC, 'extract', f));

describe('ts-morph loads lazily', () => {
  it('is not reached by static imports from the CLI, the check command, the library entry or src/extract/index.ts', () => {
    const loaded = closure(['cli/main.ts', 'cli/check-command.ts', 'index.ts', 'extract/index.ts', 'cli/extract-command.ts', 'cli/diff-command.ts']);
    expect([...loaded.packages]).not.toContain('ts-morph');
    expect(HEAVY.filter((f) => loaded.files.has(f))).toEqual([]);
  });

  it('is reached from the extraction itself (so the check above can see it)', () => {
    expect([...closure(['extract/project.ts']).packages]).toContain('ts-morph');
  });

  it('leaves src/declare.ts, which services import at run time, with no run-time import at all', () => {
    expect(staticDependencies(path.join(SRC, 'declare.ts'))).toEqual({ files: [], packages: [] });
  });

  it('is not required when dfft check --help and dfft check run (ts-morph replaced by a module that throws)', async () => {
    const dir = tmpDir({ 'm.yaml': 'manifestVersion: 1\nsystem: { id: s }\nparties:\n  - { id: a, country: DE }\n  - { id: b, country: FR }\ndatasets:\n  - { id: d, categories: [contact] }\nflows:\n  - { id: f, from: a, to: b, datasets: [d] }\n' });
    await jest.isolateModulesAsync(async () => {
      jest.doMock('ts-morph', () => {
        throw new Error('ts-morph was loaded');
      });
      const { run } = require('../../src/cli/main') as typeof import('../../src/cli/main'); // eslint-disable-line @typescript-eslint/no-require-imports
      let err = '';
      const io: CliIo = { stdout: () => undefined, stderr: (t) => void (err += t), stdoutIsTTY: false, stderrIsTTY: false, env: { NO_COLOR: '1' } };
      expect(await run(['check', '--help'], io)).toBe(0);
      expect(await run(['check', '--as-of', '2026-11-28', path.join(dir, 'm.yaml')], io)).toBe(0);
      expect(err).not.toContain('ts-morph');

      // The replacement is in force: extraction does hit it.
      const { extractProject } = require('../../src/extract') as typeof import('../../src/extract'); // eslint-disable-line @typescript-eslint/no-require-imports
      await expect(extractProject({ project: 'tsconfig.json', cwd: dir })).rejects.toThrow('ts-morph was loaded');
    });
  }, 60_000);
});
