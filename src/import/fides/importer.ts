import type * as Yaml from 'yaml';
import { diagnostic, DiagnosticError, sortDiagnostics, type Diagnostic } from '../../source/diagnostic';
import { loadLaw } from '../../law/load-law';
import { parseSource, type ParsedSource } from '../../source/parse-source';
import type { DataFlowManifest, SourceText } from '../../types';
import { convertResources } from './convert';
import { loadFidesMapping, type FidesMapping } from './mapping';
import { readPartyCountries } from './party-countries';
import { readFidesResources } from './read-resources';
import { manifestText } from '../../manifest/manifest-text';

/** The manifest's `system.id` when none is given. */
export const DEFAULT_SYSTEM_ID = 'fides-import';

export interface FidesImporterOptions {
  /** Directory of the law data (rules/); tests point it elsewhere. */
  rulesDir?: string;
  /** A mapping file to use instead of rules/data/fides-categories.yaml. */
  mappingFile?: string;
}

export interface FidesImportOptions {
  /** The --party-countries file: Fides system fides_key → country (and party facts). */
  partyCountries?: SourceText;
  /** The manifest's `system.id` (default "fides-import"). */
  systemId?: string;
}

/** The outcome of an import. */
export interface FidesImportResult {
  /** The manifest: valid against manifest v1 on its own. Undefined when `errors` is not empty. */
  manifest?: DataFlowManifest;
  /** Gaps (warning) and notes (info), sorted by location. Also listed in the manifest's `x-fides-import.gaps`. */
  diagnostics: Diagnostic[];
  /** Bad input (unreadable, not Fides, a bad --party-countries file): nothing is imported. */
  errors: Diagnostic[];
}

/** A loaded mapping, ready to import Fides files. */
export interface FidesImporter {
  readonly mapping: FidesMapping;
  /** Imports Fides files. Synchronous and pure: no I/O, the same inputs give the same result. */
  import(files: readonly SourceText[], options?: FidesImportOptions): FidesImportResult;
}

/**
 * Loads the taxonomy and the fideslang mapping once. A bad mapping (schema violation, a dfft
 * category the taxonomy lacks) is thrown as DiagnosticError before any Fides file is read.
 */
export function createFidesImporter(options: FidesImporterOptions = {}): FidesImporter {
  const law = loadLaw(options.rulesDir);
  if (!law.ok) throw new DiagnosticError(law.diagnostics);
  const loaded = loadFidesMapping(law.value.law.taxonomy, { file: options.mappingFile, rulesDir: options.rulesDir });
  if (!loaded.ok) throw new DiagnosticError(loaded.diagnostics);
  const mapping = loaded.value;
  return {
    mapping,
    import: (files, importOptions = {}) => importFides(files, mapping, importOptions),
  };
}

function importFides(files: readonly SourceText[], mapping: FidesMapping, options: FidesImportOptions): FidesImportResult {
  const errors: Diagnostic[] = [];
  const systemId = options.systemId ?? DEFAULT_SYSTEM_ID;
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(systemId)) {
    errors.push(diagnostic('argument/invalid', `--system-id: "${systemId}" is not a valid manifest id`, undefined, 'use letters, digits and . _ : -, starting with a letter or digit'));
  }
  if (files.length === 0) errors.push(diagnostic('argument/invalid', 'no Fides files to import'));
  const parsed: ParsedSource[] = [];
  for (const file of files) {
    const result = parseSource(file.file, file.text, file.sha256);
    if (result.ok) parsed.push(result.value);
    else errors.push(...result.diagnostics);
  }
  const countries = options.partyCountries ? readPartyCountries(options.partyCountries) : undefined;
  if (countries && !countries.ok) errors.push(...countries.diagnostics);
  const read = readFidesResources(parsed);
  errors.push(...read.errors);
  if (errors.length > 0 || (countries && !countries.ok)) return { diagnostics: [], errors: sortDiagnostics(errors) };
  const partyCountries = countries?.ok ? countries.value : undefined;

  const converted = convertResources(read.resources, mapping, partyCountries, { systemId });
  const diagnostics = sortDiagnostics([...read.diagnostics, ...converted.diagnostics]);
  const gaps = diagnostics.filter((d) => d.severity === 'warning');
  const manifest: DataFlowManifest = {
    ...converted.manifest,
    'x-fides-import': {
      files: parsed.map((p) => ({ file: p.source.file, sha256: p.source.sha256 })),
      mapping: mapping.file,
      ...(partyCountries ? { partyCountries: { file: partyCountries.source.file, sha256: partyCountries.source.sha256 } } : {}),
      gaps: gaps.map((d) => ({ code: d.code, message: d.message, ...(d.location ? { at: `${d.location.file}:${d.location.line}:${d.location.column}` } : {}) })),
    },
  };
  return { manifest, diagnostics, errors: [] };
}

/** Output formats of an imported manifest. */
export type ManifestFormat = 'yaml' | 'json';

/**
 * Serialises an imported manifest. YAML starts with a comment that counts the gaps, so that a
 * reader of the file sees at once that it is incomplete.
 */
export function formatManifest(manifest: DataFlowManifest, format: ManifestFormat, diagnostics: readonly Diagnostic[] = []): string {
  if (format === 'json') return manifestText(manifest);
  const gaps = diagnostics.filter((d) => d.severity === 'warning').length;
  const header = [
    'Generated by `dfft import fides`. Review before use:',
    gaps === 0 ? 'the import reported no gaps.' : `the import reported ${gaps} gap${gaps === 1 ? '' : 's'} (listed under x-fides-import.gaps).`,
  ].map((l) => `# ${l}`).join('\n');
  // Loaded here: the library's index exports this module, and a check of JSON never needs YAML.
  const { stringify } = require('yaml') as typeof Yaml; // eslint-disable-line @typescript-eslint/no-require-imports
  return `${header}\n${stringify(manifest, { lineWidth: 0 })}`;
}
