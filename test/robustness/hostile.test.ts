import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

// Every hostile fixture gets a located error and exit 2, with no crash and no pollution. How long
// they take is not asserted here (a loaded CI machine is no clock): the bounded-work tests count work.
const dir = path.join(__dirname, '..', 'fixtures', 'hostile');
const at = (f: string) => path.join(dir, f);


describe('hostile manifests', () => {
  it.each([
    ['billion-laughs.yaml', 'billion-laughs.yaml:6:14 invalid YAML: alias *e expands the document past 1,048,576 characters (YAML aliases may expand a document to 10 times its size, at least 1 MiB and at most 128 MiB; more is an alias bomb)'],
    ['deep-nesting.json', 'deep-nesting.json:1:114 nested deeper than 64 levels (manifests and policies need only a few levels; this looks like generated or hostile input)'],
    ['deep-nesting.yaml', 'deep-nesting.yaml:2:73 nested deeper than 64 levels (manifests and policies need only a few levels; this looks like generated or hostile input)'],
    ['proto-keys.json', 'proto-keys.json:1:42 reserved key "__proto__" (keys __proto__, constructor and prototype are refused in every input)'],
    ['proto-key.yaml', 'proto-key.yaml:3:1 reserved key "__proto__" (keys __proto__, constructor and prototype are refused in every input)'],
    ['duplicate-keys.json', 'duplicate-keys.json:4:3 duplicate key "system" (JSON parsers keep one of them silently; remove or rename the other)'],
    ['duplicate-keys-escaped.json', 'duplicate-keys-escaped.json:4:3 duplicate key "system" (JSON parsers keep one of them silently; remove or rename the other)'],
    ['invalid-utf8.json', 'invalid-utf8.json:1:45 invalid UTF-8 at byte 44 (save the file as UTF-8)'],
    ['nan.yaml', 'nan.yaml:4:52 datasets[0].subjectsCount: expected integer, got NaN'],
    ['huge-number.json', 'huge-number.json:1:105 datasets[0].subjectsCount: expected integer, got an infinite number'],
    ['long-id.json', 'long-id.json:1:41 system.id: is 100000 characters long, over the limit of 256'],
    ['long-name.yaml', 'long-name.yaml:4:20 parties[0].name: is 201 characters long, over the limit of 200'],
  ])('%s gives exit 2 and its located error', async (file, expected) => {
    const { code, stdout } = await runCli(['validate', at(file)]);
    expect(code).toBe(2);
    const errors = stdout.split('\n').filter((l) => l.startsWith(dir)).map((l) => l.slice(dir.length + 1).replace(/ {2}\[[a-z/-]+\]$/, ''));
    expect(errors[0]).toBe(expected);
  });

  it('accepts a byte-order mark', async () => {
    expect((await runCli(['validate', at('bom.json')])).code).toBe(0);
  });

  it('refuses a 200 MB file by its size, without reading it', async () => {
    const big = path.join(tmpDir(), 'big.json');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 200 * 1024 * 1024); // sparse: no 200 MB written
    const { code, stdout } = await runCli(['validate', big]);
    expect(code).toBe(2);
    expect(stdout).toContain('big.json:1:1 file is 200 MiB, over the limit of 64 MiB (raise --max-file-size if this is intended)');
  });

  it('leaves Object.prototype untouched by __proto__ and constructor keys', async () => {
    await runCli(['validate', at('proto-keys.json'), at('proto-key.yaml')]);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort());
  });
});

describe('hostile policies', () => {
  it.each([
    ['costly-policy.yaml', /costly-policy\.yaml:9:11 condition too costly: about [\d,]+ operations per flow, over the limit of 1,000,000 in "data\.exists.*" \(nested macros \(map, filter, exists, all\) multiply; flatten them, or raise --max-condition-cost\)/],
    ['extends-escape.yaml', /extends-escape\.yaml:2:11 extends "..\/..\/..\/..\/etc\/passwd" leaves the folder of extends-escape\.yaml/],
    ['regex-backreference.yaml', /regex-backreference\.yaml:11:33 invalid regular expression "\(a\)\\\\1": invalid escape sequence: `\\1` \(matches\(\) takes RE2 syntax: no backreferences or lookaround\)/],
    ['extends-url.yaml', /extends-url\.yaml:2:11 extends "https:\/\/evil\.example\/policy\.yaml" is a URL; dfft reads policies only from local files/],
    // A policy may not pass for the law: a built-in pack's id or title (any case or spacing), or its id as a policy name.
    ['reserved-pack-id.yaml', /reserved-pack-id\.yaml:3:7 pack id "eu-gdpr" is taken by the built-in pack eu-gdpr \(EU GDPR Chapter V \(Art\. 44-49\)\); a policy may not pass for the law/],
    ['reserved-pack-title.yaml', /reserved-pack-title\.yaml:4:10 pack title "EU GDPR {2}chapter V \(Art\. 44-49\)" is taken by the built-in pack eu-gdpr/],
    ['reserved-policy-name.yaml', /reserved-policy-name\.yaml:2:7 name "jp-appi" is taken by the built-in pack jp-appi/],
  ])('%s is refused before any manifest is read, exit 2', async (file, expected) => {
    const { code, stderr } = await runCli(['check', '--policy', at(file), path.join(__dirname, '..', '..', 'examples', 'manifests', 'clean-eu-shop.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(expected);
  });
});

describe('hostile regular expressions', () => {
  it('redos-policy.yaml: "^(a+)+$" on a name of 40 a\'s and a b completes with the right verdicts (RE2, linear time)', async () => {
    const { code, stdout } = await runCli(['check', '--policy', at('redos-policy.yaml'), at('redos-manifest.yaml'), '-f', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { flows: Array<{ id: string; verdict: string }>; findings: Array<{ ruleId: string; flowId: string }> };
    expect(report.flows.map((f) => [f.id, f.verdict])).toEqual([['to-long-a', 'allowed'], ['to-only-a', 'violation'], ['to-long-x', 'allowed']]);
    expect(report.findings.filter((f) => f.ruleId === 'hostile/all-a').map((f) => f.flowId)).toEqual(['to-only-a']);
  });
});
