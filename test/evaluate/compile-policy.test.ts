import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { DiagnosticError, formatDiagnostic } from '../../src/source/diagnostic';
import { tmpDir } from '../support/tmp';

/** Loads an organisation policy from a temp dir; returns the formatted errors ("" prefix stripped). */
async function policyErrors(policy: string, extra: Record<string, string> = {}): Promise<string[]> {
  const dir = tmpDir({ 'policy.yaml': policy, ...extra });
  try {
    await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: '2026-11-28' });
    return [];
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    const relative = path.relative(process.cwd(), dir) + path.sep;
    return err.diagnostics.map((e) => formatDiagnostic(e).split(relative).join('').split(dir + path.sep).join(''));
  }
}

const rule = (fields: string) => `policyVersion: 1
name: acme
extends: ["dfft:eu-gdpr"]
rules:
  - id: acme/test-rule
    title: A test rule
    severity: error
    citation: { law: ACME policy, article: "§1" }
${fields}    message: "Flow {{ flow.id }}"
    remediation: Fix it.
`;

describe('policy errors are located before any manifest is read', () => {
  it('accepts a well-formed organisation rule', async () => {
    expect(await policyErrors(rule('    when: carries("health") && !inGroup(importer.country, "EEA")\n'))).toEqual([]);
  });

  it('locates a CEL syntax error inside the expression', async () => {
    expect(await policyErrors(rule('    when: carries("health") &&\n'))).toEqual([
      'policy.yaml:9:31 unexpected token: EOF in "carries(\\"health\\") &&"',
    ]);
  });

  it('names an unknown function and suggests the right one', async () => {
    expect(await policyErrors(rule('    when: carries("health") && inGrup(importer.country, "EEA")\n'))).toEqual([
      'policy.yaml:9:32 unknown function "inGrup" in "carries(\\"health\\") && inGrup(importer.country, \\"EEA\\")" (did you mean "inGroup"?)',
    ]);
  });

  it('names an unknown field of a manifest object', async () => {
    expect(await policyErrors(rule('    when: importer.contry == "US"\n'))).toEqual([
      'policy.yaml:9:20 unknown field "contry" in "importer.contry == \\"US\\""',
    ]);
  });

  it('reports a type error', async () => {
    expect(await policyErrors(rule('    when: flow.frequency == 3\n'))).toEqual([
      expect.stringMatching(/^policy\.yaml:9:11 no such overload: string == int in "flow\.frequency == 3"$/),
    ]);
  });

  it('requires a condition to be a bool', async () => {
    expect(await policyErrors(rule('    when: importer.country\n'))).toEqual([
      'policy.yaml:9:11 expected a condition (bool), but the expression gives string in "importer.country"',
    ]);
  });

  it('checks group, category and scheme names given as literals', async () => {
    expect(await policyErrors(rule('    when: inGroup(importer.country, "EAA") || carries("helth") || specialCategories("gdrp").size() > 0\n'))).toEqual([
      expect.stringMatching(/^policy\.yaml:9:37 unknown group "EAA" in "inGroup\(importer\.country, .*\.\.\." \(did you mean "EEA"\?\)$/),
    ]);
  });

  it('checks purpose names given as literals against rules/data/purposes.yaml', async () => {
    expect(await policyErrors(rule('    when: purpose("hr-managment") == "declared"\n'))).toEqual([
      expect.stringMatching(/^policy\.yaml:9:19 unknown purpose "hr-managment" in .* \(did you mean "hr-management"\?\)$/),
    ]);
    expect(await policyErrors(rule('    when: purpose("hr-management") != "none"\n'))).toEqual([]);
  });

  it('locates an error in a block scalar on its own line', async () => {
    expect(await policyErrors(rule('    when: >-\n      carries("health")\n      && importer.secotr == "public"\n'))).toEqual([
      expect.stringMatching(/^policy\.yaml:11:19 unknown field "secotr"/),
    ]);
  });

  it('locates an error in a message placeholder', async () => {
    const text = rule('').replace('message: "Flow {{ flow.id }}"', 'message: "Flow {{ flow.idd }} of {{ importer.name }}"');
    expect(await policyErrors(text)).toEqual([expect.stringMatching(/^policy\.yaml:9:28 unknown field "idd" in "Flow \{\{ flow\.idd \}\}/)]);
  });

  it('rejects an override of an unknown rule, with a suggestion', async () => {
    expect(await policyErrors('policyVersion: 1\nextends: ["dfft:eu-gdpr"]\noverrides:\n  - { rule: eu-gdpr/transfer-without-basic, severity: warning, reason: test }\n')).toEqual([
      'policy.yaml:4:13 override of unknown rule "eu-gdpr/transfer-without-basic" (did you mean "eu-gdpr/transfer-without-basis"?)',
    ]);
  });

  it('rejects a rule id outside the policy\'s namespace', async () => {
    expect(await policyErrors(rule('').replace('acme/test-rule', 'eu-gdpr/my-rule'))).toEqual([
      'policy.yaml:5:9 rule id "eu-gdpr/my-rule" must start with "acme/" (rules of policy acme are named acme/<name>)',
    ]);
  });

  it('rejects an unknown built-in pack, a URL, a path out of the folder, and a cycle in extends', async () => {
    expect(await policyErrors('policyVersion: 1\nextends: ["dfft:eu-gpdr", "https://example.com/p.yaml", "../outside.yaml", "./a.yaml"]\n', {
      'a.yaml': 'policyVersion: 1\nextends: ["./policy.yaml"]\n',
    })).toEqual([
      'policy.yaml:2:11 unknown built-in pack "dfft:eu-gpdr" (did you mean "dfft:eu-gdpr"?)',
      'policy.yaml:2:27 extends "https://example.com/p.yaml" is a URL; dfft reads policies only from local files (download the policy and extend it by a relative path)',
      'policy.yaml:2:57 extends "../outside.yaml" leaves the folder of policy.yaml (keep extended policies in the same folder or below it)',
      expect.stringMatching(/^a\.yaml:2:11 extends cycle: .*policy\.yaml → .*a\.yaml → .*policy\.yaml$/),
    ]);
  });

  it('reports schema errors of a policy with positions', async () => {
    expect(await policyErrors('policyVersion: 1\nrules:\n  - id: acme/x\n    title: t\n    severity: eror\n')).toEqual([
      'policy.yaml:3:5 rules[0]: missing required field "citation"',
      'policy.yaml:3:5 rules[0]: missing required field "message"',
      'policy.yaml:3:5 rules[0]: missing required field "remediation"',
      'policy.yaml:5:15 rules[0].severity: "eror" is not one of: error, warning, info (did you mean "error"?)',
    ]);
  });
});
