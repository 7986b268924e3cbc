import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const PACKAGE = path.join(__dirname, '..', '..', '..', 'node_modules', '@microsoft', 'sarif-multitool-linux');
export const MULTITOOL = path.join(PACKAGE, 'Sarif.Multitool');

export interface SarifIssue {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: string;
}

/**
 * Runs Microsoft's SARIF validator (the official one) on SARIF files, with its SARIF rules and
 * GitHub's ingestion rules (GH*), at every level, and returns the issues per file.
 *
 * The validator silently skips a file it cannot deserialise (e.g. an unknown `level`) and
 * reports nothing for it, so every file must show at least one issue to count as analysed: each
 * of ours does, since a run without versionControlProvenance always gets the note SARIF2003.
 */
export async function runSarifValidator(files: string[]): Promise<Map<string, SarifIssue[]>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-sarif-'));
  const out = path.join(dir, 'validation.sarif');
  let text: string;
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(MULTITOOL, ['validate', ...files, '-o', out, '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning;Note'], { timeout: 120_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(),
      );
    });
    text = fs.readFileSync(out, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const log = JSON.parse(text) as {
    runs: Array<{ results: Array<{ ruleId: string; level?: SarifIssue['level']; message: { text?: string; arguments?: string[] }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
  };
  const byUri = new Map<string, SarifIssue[]>(files.map((f) => [pathToFileURL(path.resolve(f)).href, []]));
  for (const r of log.runs[0].results) {
    const uri = r.locations[0].physicalLocation.artifactLocation.uri;
    // A result's level defaults to warning (SARIF §3.27.10).
    byUri.get(uri)?.push({ ruleId: r.ruleId, level: r.level ?? 'warning', message: r.message.text ?? (r.message.arguments ?? []).join(' | ') });
  }
  return new Map(files.map((f) => [f, byUri.get(pathToFileURL(path.resolve(f)).href) ?? []]));
}

let schemaValidator: ReturnType<Ajv2020['compile']> | undefined;

/** Validates a SARIF log against the SARIF 2.1.0 JSON Schema shipped with the validator; returns ajv's errors. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!schemaValidator) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    schemaValidator = ajv.compile(JSON.parse(fs.readFileSync(path.join(PACKAGE, 'sarif-2.1.0.json'), 'utf8')));
  }
  return schemaValidator(log) ? [] : (schemaValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Whether the validator binary is there and executable (CI runs `chmod u+x` on it). */
export function multitoolAvailable(): boolean {
  try {
    fs.accessSync(MULTITOOL, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
