/**
 * The ts-morph half of extraction: load the project, find declarations and egress, evaluate.
 * Only {@link ./index} imports this module, lazily.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';
import { diagnostic, sortDiagnostics, type Diagnostic } from '../source/diagnostic';
import { pointerToPath } from '../source/pointer';
import { readTextFile } from '../source/read-file';
import type { DataFlowManifest, SourceLocation } from '../types';
import { DEFAULT_DECLARATION_MODULES, loadExtractConfig, type ExtractConfig } from './config';
import { findDeclarations, type FoundDeclaration } from './declarations';
import { findEgress } from './egress';
import type { ExtractOptions, ExtractResult } from './index';
import { locateNode, type DisplayPath } from './locate';
import { assembleManifest, checkEgress, locateInCode, type DeclarationRecord, type EgressRecord } from './manifest';
import { evaluateStatic } from './static-value';

const NOUN = { flow: 'flow', party: 'party', dataset: 'dataset' } as const;

/** Runs an extraction; see {@link ExtractResult}. */
export function runExtraction(options: ExtractOptions): ExtractResult {
  const cwd = options.cwd ?? process.cwd();
  const display: DisplayPath = (absolute) => path.relative(cwd, absolute) || absolute;
  const tsconfig = path.resolve(cwd, options.project);
  const projectDir = path.dirname(tsconfig);
  const shownProject = display(tsconfig);
  const manifestFile = `<extract:${shownProject}>`;
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  const atProject: SourceLocation = { file: shownProject, line: 1, column: 1, pointer: '' };

  const { config, errors: configErrors } = loadExtractConfig({ configFile: options.config ? path.resolve(cwd, options.config) : undefined, projectDir, display });
  diagnostics.push(...configErrors);

  const empty = (): ExtractResult =>
    result({ shownProject, config, manifestFile, manifest: assembleManifest([], config.system).manifest, locations: new Map(), diagnostics, egress: [], files: [], texts });

  if (!isFile(tsconfig)) {
    diagnostics.push(diagnostic('extract/project', `cannot read the project: ${fs.existsSync(tsconfig) ? 'is a directory, expected a tsconfig.json file' : 'no such file'}`, atProject, 'pass --project path/to/tsconfig.json'));
    return empty();
  }
  let project: Project;
  let roots: SourceFile[];
  try {
    project = new Project({
      tsConfigFilePath: tsconfig,
      skipAddingFilesFromTsConfig: true,
      // Extraction reads values and names, not types: the standard library and ambient @types
      // packages are not needed, and loading them (170 files for @types/node) costs seconds.
      // Imported modules are still resolved, so constants from other files and packages are read.
      compilerOptions: { noLib: true, types: [] },
    });
    roots = project.addSourceFilesFromTsConfig(tsconfig);
    project.resolveSourceFileDependencies();
  } catch (err) {
    diagnostics.push(diagnostic('extract/project', `cannot load the project: ${(err as Error).message.split('\n')[0]}`, atProject));
    return empty();
  }
  for (const d of project.getConfigFileParsingDiagnostics()) {
    diagnostics.push(diagnostic('extract/project', ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' '), atProject));
  }
  roots = roots.filter((f) => !f.isDeclarationFile() && !f.isInNodeModules()).sort((a, b) => (a.getFilePath() < b.getFilePath() ? -1 : 1));
  if (roots.length === 0) {
    diagnostics.push(diagnostic('extract/project', 'the project has no TypeScript source files', atProject, 'check "include" and "files" in the tsconfig'));
    return empty();
  }

  const modules = new Set([...DEFAULT_DECLARATION_MODULES, ...config.modules]);
  const program = project.getProgram();
  const records: DeclarationRecord[] = [];
  const egress: EgressRecord[] = [];
  for (const file of roots) {
    const shown = display(file.getFilePath());
    texts.set(shown, file.getFullText());
    const syntax = program.getSyntacticDiagnostics(file);
    if (syntax.length > 0) {
      // A file that does not parse is not read at all: what recovery makes of it is a guess.
      for (const d of syntax) {
        const at = file.getLineAndColumnAtPos(d.getStart() ?? 0);
        diagnostics.push(diagnostic('extract/syntax', ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' '), { file: shown, line: at.line, column: at.column, pointer: '' }, 'fix the syntax error; the file was not scanned'));
      }
      continue;
    }
    for (const found of findDeclarations(file, modules)) {
      records.push(evaluateDeclaration(found, display, projectDir, diagnostics));
    }
    const lines = file.getFullText().split('\n');
    for (const call of findEgress(file)) {
      const location = locateNode(call.node, display);
      const annotatedParty = egressAnnotation(lines, location.line);
      egress.push({ client: call.client, host: call.host, location, ...(annotatedParty ? { annotatedParty } : {}) });
    }
  }

  const { manifest, locations } = assembleManifest(records, config.system);
  locations.set('', atProject);
  if (config.file) locations.set('/system', { file: config.file, line: 1, column: 1, pointer: '/system' });
  const targets = new Set(options.coveredParties ?? []);
  for (const flow of manifest.flows ?? []) if (typeof flow.to === 'string') targets.add(flow.to);
  const checked = checkEgress(egress, config, targets);
  diagnostics.push(...checked.diagnostics);
  return result({ shownProject, config, manifestFile, manifest, locations, diagnostics, egress: checked.findings, files: roots.map((f) => display(f.getFilePath())), texts });
}

function evaluateDeclaration(found: FoundDeclaration, display: DisplayPath, projectDir: string, diagnostics: Diagnostic[]): DeclarationRecord {
  const { call, helper, kind } = found;
  // A decorator's location is its `@`, where the reader sees the declaration.
  const anchor = call.getParent()?.getKindName() === 'Decorator' ? call.getParentOrThrow() : call;
  const location = locateNode(anchor, display);
  const record: DeclarationRecord = {
    kind,
    helper,
    location,
    projectFile: path.relative(projectDir, call.getSourceFile().getFilePath()).split(path.sep).join('/'),
    sites: new Map(),
  };
  const argument = call.getArguments()[0];
  if (!argument) {
    diagnostics.push(diagnostic('extract/invalid-declaration', `${helper}() is called without the ${NOUN[kind]} to declare`, location, `pass the ${NOUN[kind]} as an object literal`));
    return record;
  }
  const evaluation = evaluateStatic(argument);
  for (const problem of evaluation.problems) {
    const at = locateNode(problem.node, display);
    const what = problem.pointer === '' ? 'its argument' : `\`${pointerToPath(problem.pointer)}\``;
    // The problem may sit in another file (a const computed at run time): say which declaration needs it.
    const elsewhere = at.file !== location.file ? `, for the ${NOUN[kind]} declared at ${location.file}:${location.line}:${location.column}` : '';
    diagnostics.push(
      diagnostic(
        'extract/not-static',
        `${helper}(): ${what} cannot be evaluated statically${elsewhere}: ${problem.message}`,
        at,
        `${problem.hint ?? 'use literals, consts, enum members and spreads of const objects'}; the ${NOUN[kind]} is left out of the manifest`,
      ),
    );
  }
  if (evaluation.problems.length > 0) return record;
  const value = evaluation.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    diagnostics.push(diagnostic('extract/invalid-declaration', `${helper}() must be given an object, not ${evaluation.isUndefined ? 'undefined' : Array.isArray(value) ? 'an array' : JSON.stringify(value)}`, locateNode(argument, display)));
    return record;
  }
  const sites = new Map<string, SourceLocation>();
  for (const [pointer, node] of evaluation.sites) sites.set(pointer, locateNode(node, display, pointer));
  return { ...record, value, sites };
}

const ANNOTATION = /\/\/\s*dfft-egress:\s*([A-Za-z0-9][A-Za-z0-9._:-]*)/;

/** The party of a `// dfft-egress: <party-id>` comment on a call's line or alone on the line above. */
function egressAnnotation(lines: readonly string[], line: number): string | undefined {
  const same = ANNOTATION.exec(lines[line - 1] ?? '');
  if (same) return same[1];
  const above = lines[line - 2] ?? '';
  const match = /^\s*\/\//.test(above) ? ANNOTATION.exec(above) : null;
  return match ? match[1] : undefined;
}

function result(parts: {
  shownProject: string;
  config: ExtractConfig;
  manifestFile: string;
  manifest: DataFlowManifest;
  locations: Map<string, SourceLocation>;
  diagnostics: Diagnostic[];
  egress: ExtractResult['egress'];
  files: string[];
  texts: Map<string, string>;
}): ExtractResult {
  return {
    project: parts.shownProject,
    ...(parts.config.file ? { config: parts.config.file } : {}),
    manifestFile: parts.manifestFile,
    manifest: parts.manifest,
    diagnostics: sortDiagnostics(parts.diagnostics),
    egress: parts.egress,
    files: parts.files,
    locate: (pointer) => locateInCode(parts.locations, pointer),
    sourceText: (file) => parts.texts.get(file) ?? readIfPresent(file),
  };
}

function readIfPresent(file: string): string | undefined {
  // For code frames: regular files only, bounded, as every input.
  const read = readTextFile(file);
  return read.ok ? read.value.text : undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
