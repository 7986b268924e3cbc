import * as fs from 'node:fs';
import * as path from 'node:path';
import { createChecker } from '../../../src/library/checker';
import { expandManifestPaths, readManifestFiles } from '../../../src/manifest/read-manifests';
import { applyWaivers, type Waiver } from '../../../src/report/waivers';
import type { Report } from '../../../src/types';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const EXAMPLES_DIR = 'examples/manifests';

/**
 * The fixed report of test/fixtures/report/report.json (a deep copy each time): 8 flows under
 * three packs and an organisation policy, every verdict, an onward-transfer chain, an inactive
 * flow, an input error, and text with markup, pipes and quotes in it.
 */
export function fixtureReport(): Report {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'report', 'report.json'), 'utf8')) as Report;
}

const WAIVER_AT = { file: 'waivers.yaml', line: 3, column: 5, pointer: '/waivers/0' };

/** A waiver entry for tests. */
export function waiver(parts: Partial<Waiver> & Pick<Waiver, 'ruleId'>): Waiver {
  return { reason: 'accepted risk', approver: 'dpo@acme.example', expires: '2027-01-31', location: WAIVER_AT, ...parts };
}

/**
 * The fixture with the support flow's finding waived (active) and jp-sync's waiver expired, as
 * the CLI would make it with a waiver file.
 */
export function waivedFixtureReport(): Report {
  return applyWaivers(fixtureReport(), {
    file: 'waivers.yaml',
    sha256: 'c'.repeat(64),
    waivers: [
      waiver({ ruleId: 'eu-gdpr/transfer-without-basis', flowId: 'support', reason: 'SCCs signed <2026-12>, filing pending', location: { ...WAIVER_AT, line: 3 } }),
      waiver({ ruleId: 'eu-gdpr/missing-tia', flowId: 'jp-sync', expires: '2026-11-01', location: { ...WAIVER_AT, line: 9, pointer: '/waivers/1' } }),
    ],
  });
}

/** Every example to check on its own: each file and each folder (a folder's manifests refer to each other) of examples/manifests. */
export function exampleEntries(): string[] {
  return fs
    .readdirSync(path.join(ROOT, EXAMPLES_DIR))
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => `${EXAMPLES_DIR}/${name}`);
}

/** The engine's report on example paths (relative to the repository root, as a user types them), as of a fixed date. */
export async function exampleReport(paths: string[], asOf = '2026-11-28', lang: 'en' | 'ja' = 'en'): Promise<Report> {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const expanded = expandManifestPaths(paths);
    const read = readManifestFiles(expanded.files);
    return (await createChecker({ asOf, lang })).check(read.sources, { inputErrors: [...expanded.errors, ...read.errors] });
  } finally {
    process.chdir(cwd);
  }
}
