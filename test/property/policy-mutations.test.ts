import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { createChecker, type Checker } from '../../src/library/checker';
import type { Report } from '../../src/types';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import { ROOT, format, type Format } from './support/arbitraries';
import { assertJudged, assertNoLeak, assertPolicyRejection, assertReport, InvariantError, knownFiles, type InputFile } from './support/invariants';
import { mutatePolicy, mutateText, policyMutation, textMutation, type PolicyMutation, type TextMutation } from './support/mutations';
import { REPLAY, TIMEOUT, params } from './support/runs';
import { serialize } from './support/serialize';

// Random mutations of valid policies either load (and then check manifests like any
// policy) or are refused with DiagnosticError, every error located: nothing else escapes.

/** The policies mutated: the organisation example, and a whole built-in pack loaded as a policy. */
const BASES: Record<string, unknown> = {
  acme: parse(fs.readFileSync(path.join(ROOT, 'examples', 'policies', 'acme-policy.yaml'), 'utf8')),
  'jp-appi': parse(fs.readFileSync(path.join(ROOT, 'rules', 'jp-appi.yaml'), 'utf8')),
};

/** A second policy next to the mutated one, so that `extends: [other.yaml]` can succeed. */
const OTHER = `policyVersion: 1
name: other
extends: ["dfft:eu-gdpr"]
rules:
  - id: other/no-russia
    title: No personal data to Russia
    severity: warning
    citation: { law: Other policy, article: "1" }
    when: personal() && importer.country == "RU"
    message: "Flow {{ flow.id }} goes to Russia."
    remediation: Stop it.
`;

/** Valid manifests to check with a policy that loaded. */
const MANIFESTS: InputFile[] = fs
  .readdirSync(path.join(ROOT, 'examples', 'manifests'))
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(ROOT, 'examples', 'manifests', f), 'utf8') }));

interface Case {
  base: string;
  format: Format;
  mutations: PolicyMutation[];
  /** Damage to the written text. */
  text: readonly TextMutation[];
}

const mutatedPolicy: fc.Arbitrary<Case> = fc.record({
  base: fc.constantFrom(...Object.keys(BASES)),
  format,
  mutations: fc.array(policyMutation, { minLength: 1, maxLength: 3 }),
  text: fc.oneof({ arbitrary: fc.constant([]), weight: 4 }, { arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 1 }), weight: 1 }),
});

/** Writes the mutated policy of a case into `dir` (policy.yaml or policy.json); returns its path. */
function writePolicy(dir: string, c: Case): string {
  const name = c.format === 'json' ? 'policy.json' : 'policy.yaml';
  for (const old of ['policy.json', 'policy.yaml']) fs.rmSync(path.join(dir, old), { force: true });
  const file = path.join(dir, name);
  let policy: unknown = BASES[c.base];
  for (const m of c.mutations) policy = mutatePolicy(policy, m, name);
  let text = policy === undefined ? '' : serialize(policy, c.format);
  for (const m of c.text) text = mutateText(text, m);
  fs.writeFileSync(file, text);
  return file;
}

describe('mutated policies', () => {
  const dir = tmpDir({ 'other.yaml': OTHER, 'sub/readme.txt': 'a folder, not a policy\n' });
  const readKnown = (file: string): string | undefined => {
    if (file.startsWith('<dfft>/rules/')) return fs.readFileSync(path.join(ROOT, 'rules', file.slice('<dfft>/rules/'.length)), 'utf8');
    const abs = path.resolve(file);
    return abs.startsWith(dir + path.sep) && fs.existsSync(abs) && fs.statSync(abs).isFile() ? fs.readFileSync(abs, 'utf8') : undefined;
  };

  it('load and check manifests, or throw DiagnosticError with every error located: nothing else', async () => {
    const outcomes = { loaded: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(mutatedPolicy, async (c) => {
        const file = writePolicy(dir, c);
        let checker: Checker;
        try {
          checker = await createChecker({ asOf: '2026-11-28', policy: file });
        } catch (err) {
          assertPolicyRejection(err, knownFiles(readKnown));
          outcomes.refused++;
          return;
        }
        outcomes.loaded++;
        let report: Report;
        try {
          report = checker.check(MANIFESTS);
        } catch (err) {
          throw new InvariantError(`a policy that loaded made check throw: ${err instanceof Error ? err.stack : String(err)}`);
        }
        expect(report.errors).toEqual([]);
        assertReport(report, MANIFESTS);
        assertJudged(report, MANIFESTS);
      }),
      params(100),
    );
    // Both outcomes must be exercised, or the property proves little.
    if (!REPLAY) {
      expect(outcomes.loaded).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(0);
    }
  }, TIMEOUT);

  it('through the CLI: exit 2 with every policy error printed as file:line:column, or a report; no stack trace', async () => {
    const manifests = MANIFESTS.map((m) => path.join(ROOT, 'examples', 'manifests', m.file));
    await fc.assert(
      fc.asyncProperty(mutatedPolicy, async (c) => {
        const file = writePolicy(dir, c);
        const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', '--policy', file, '--format', 'json', ...manifests]);
        if (![0, 1, 2].includes(code)) throw new InvariantError(`exit code ${code}`);
        assertNoLeak(stderr, 'stderr');
        if (/internal error/i.test(stderr)) throw new InvariantError(`internal error: ${stderr}`);
        if (stdout.trim() === '') {
          // Refused before any manifest was read: exit 2, and as many located error lines
          // ("file:line:column message  [code]") as the count dfft prints.
          const count = /^dfft: (\d+) input errors?$/m.exec(stderr);
          if (code !== 2 || !count) throw new InvariantError(`no report, yet exit ${code} or no error count\n${stderr}`);
          const located = stderr.split('\n').filter((l) => {
            const m = /^(.+?):(\d+):(\d+) /.exec(l);
            return m !== null && readKnown(m[1]) !== undefined && Number(m[2]) >= 1 && Number(m[3]) >= 1;
          });
          if (located.length !== Number(count[1])) throw new InvariantError(`${count[1]} errors, ${located.length} of them located\n${stderr}`);
          return;
        }
        const report = JSON.parse(stdout) as Report;
        const files = MANIFESTS.map((m) => ({ file: path.join(ROOT, 'examples', 'manifests', m.file), text: m.text }));
        assertReport(report, files);
        assertJudged(report, files);
        if (code !== (report.findings.some((f) => f.severity === 'error') ? 1 : 0)) throw new InvariantError(`exit ${code} does not match the report`);
      }),
      params(25),
    );
  }, TIMEOUT);
});
