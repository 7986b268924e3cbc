import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateManifests } from '../../../src/library/checker';
import { createFidesImporter, formatManifest, type FidesImporter, type FidesImportResult } from '../../../src/import/fides';
import { loadLaw } from '../../../src/law/load-law';
import type { SourceText } from '../../../src/types';
import { formatDiagnostic } from '../../../src/source/diagnostic';

export const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'fides');

let importer: FidesImporter | undefined;

/** The importer with the bundled mapping, loaded once per test file. */
export function fidesImporter(): FidesImporter {
  importer ??= createFidesImporter();
  return importer;
}

/** Reads fixture files (relative to test/fixtures/fides) as the CLI would, with paths relative to the fixtures folder. */
export function fixture(...names: string[]): SourceText[] {
  return names.map((name) => ({ file: name, text: fs.readFileSync(path.join(FIXTURES, name), 'utf8') }));
}

/** Every .yml file of a fixture folder, sorted. */
export function fixtureFolder(folder: string): SourceText[] {
  return fixture(...fs.readdirSync(path.join(FIXTURES, folder)).filter((f) => f.endsWith('.yml')).sort().map((f) => `${folder}/${f}`));
}

/**
 * Imports inline YAML files, with an optional --party-countries text. Whenever a manifest comes
 * out, it must validate on its own (schema, references, categories): checked here for every test.
 */
export function importYaml(files: Record<string, string>, partyCountries?: string): FidesImportResult {
  const result = fidesImporter().import(
    Object.entries(files).map(([file, text]) => ({ file, text })),
    partyCountries === undefined ? {} : { partyCountries: { file: 'map.yaml', text: partyCountries } },
  );
  if (result.manifest) {
    const law = loadLaw();
    if (!law.ok) throw new Error('law data does not load');
    const errors = validateManifests([{ file: 'imported.yaml', text: formatManifest(result.manifest, 'yaml') }], law.value.law).errors;
    if (errors.length > 0) throw new Error(`the imported manifest is invalid:\n${errors.map((e) => formatDiagnostic(e)).join('\n')}`);
  }
  return result;
}

/** "file:line:col code" of each diagnostic, for exact comparisons. */
export function listed(result: FidesImportResult, severity?: 'warning' | 'info'): string[] {
  return result.diagnostics
    .filter((d) => severity === undefined || d.severity === severity)
    .map((d) => `${d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : '-'} ${d.code}`);
}

/** Builds a --party-countries text from system → country. */
export function map(systems: Record<string, string | Record<string, unknown>>): string {
  const lines = Object.entries(systems).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return `partyCountriesVersion: 1\nsystems:\n${lines.join('\n')}\n`;
}
