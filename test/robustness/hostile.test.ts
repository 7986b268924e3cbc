import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';

// Every hostile fixture gets a located error and exit 2, quickly, with no crash and no pollution.
const dir = path.join(__dirname, '..', 'fixtures', 'hostile');
const at = (f: string) => path.join(dir, f);

async function timed(args: string[]) {
  const start = Date.now();
  const result = await runCli(args);
  return { ...result, ms: Date.now() - start };
}

describe('hostile manifests', () => {
  it.each([
    ['billion-laughs.yaml', 'billion-laughs.yaml:1:1 invalid YAML: Excessive alias count indicates a resource exhaustion attack (YAML aliases are limited to 100 expansions (a "billion laughs" document))'],
    ['deep-nesting.json', 'deep-nesting.json:1:114 nested deeper than 64 levels (manifests and policies need only a few levels; this looks like generated or hostile input)'],
    ['deep-nesting.yaml', 'deep-nesting.yaml:2:73 nested deeper than 64 levels (manifests and policies need only a few levels; this looks like generated or hostile input)'],
    ['proto-keys.json', 'proto-keys.json:1:42 reserved key "__proto__" (keys __proto__, constructor and prototype are refused in every input)'],
    ['proto-key.yaml', 'proto-key.yaml:3:1 reserved key "__proto__" (keys __proto__, constructor and prototype are refused in every input)'],
    ['duplicate-keys.json', 'duplicate-keys.json:4:3 duplicate key "system" (JSON parsers keep one of them silently; remove or rename the other)'],
    ['invalid-utf8.json', 'invalid-utf8.json:1:45 invalid UTF-8 at byte 44 (save the file as UTF-8)'],
    ['nan.yaml', 'nan.yaml:4:52 datasets[0].subjectsCount: expected integer, got NaN'],
    ['huge-number.json', 'huge-number.json:1:105 datasets[0].subjectsCount: expected integer, got an infinite number'],
    ['long-id.json', 'long-id.json:1:41 system.id: is 100000 characters long, over the limit of 256'],
  ])('%s gives exit 2 and its located error', async (file, expected) => {
    const { code, stdout, ms } = await timed(['validate', at(file)]);
    expect(code).toBe(2);
    const errors = stdout.split('\n').filter((l) => l.startsWith(dir)).map((l) => l.slice(dir.length + 1).replace(/ {2}\[[a-z/-]+\]$/, ''));
    expect(errors[0]).toBe(expected);
    expect(ms).toBeLessThan(2000);
  });

  it('accepts a byte-order mark', async () => {
    expect((await runCli(['validate', at('bom.json')])).code).toBe(0);
  });

  it('refuses a 200 MB file by its size, without reading it', async () => {
    const big = path.join(tmpDir(), 'big.json');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 200 * 1024 * 1024); // sparse: no 200 MB written
    const { code, stdout, ms } = await timed(['validate', big]);
    expect(code).toBe(2);
    expect(stdout).toContain('big.json:1:1 file is 200 MiB, over the limit of 64 MiB (raise --max-file-size if this is intended)');
    expect(ms).toBeLessThan(2000);
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
    ['extends-url.yaml', /extends-url\.yaml:2:11 extends "https:\/\/evil\.example\/policy\.yaml" is a URL; dfft reads policies only from local files/],
    // A policy may not pass for the law: a built-in pack's id or title (any case or spacing), or its id as a policy name.
    ['reserved-pack-id.yaml', /reserved-pack-id\.yaml:3:7 pack id "eu-gdpr" is taken by the built-in pack eu-gdpr \(EU GDPR Chapter V \(Art\. 44-49\)\); a policy may not pass for the law/],
    ['reserved-pack-title.yaml', /reserved-pack-title\.yaml:4:10 pack title "EU GDPR  chapter V \(Art\. 44-49\)" is taken by the built-in pack eu-gdpr/],
    ['reserved-policy-name.yaml', /reserved-policy-name\.yaml:2:7 name "jp-appi" is taken by the built-in pack jp-appi/],
  ])('%s is refused before any manifest is read, exit 2', async (file, expected) => {
    const { code, stderr, ms } = await timed(['check', '--policy', at(file), path.join(__dirname, '..', '..', 'examples', 'manifests', 'clean-eu-shop.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(expected);
    expect(ms).toBeLessThan(2000);
  });
});
