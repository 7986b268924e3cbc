// A run's language: {{#if}} sections in policy templates, texts per language with English as the
// fallback, and `lang` through the library, the CLI, the config file and the result cache.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkRun, createChecker, createResultCache, DiagnosticError, formatDiagnostic, formatters, joinChunks, mergeReports } from '../../src/index';
import { tmpDir } from '../support/tmp';

const BIN = path.resolve(__dirname, '../../dist/cli/bin.js');
const EXAMPLES = path.resolve(__dirname, '../../examples');
const US_PROCESSOR = { file: 'us.yaml', text: fs.readFileSync(path.join(EXAMPLES, 'manifests/eu-saas-us-processor.yaml'), 'utf8') };
const AS_OF = '2026-06-01';

const manifest = (health: boolean): string => `manifestVersion: 1
system: { id: s }
parties:
  - { id: a, name: Acme GmbH, country: DE }
  - { id: b, name: Beta Inc., country: US }
datasets:
  - { id: d, categories: [${health ? 'health' : 'contact.email'}] }
flows:
  - { id: f1, from: a, to: b, datasets: [d] }
`;

/** An organisation policy whose one rule fires on every flow, with the message given. */
const policyWith = (message: string, title = 'Every flow is reported'): string => `policyVersion: 1
name: acme
extends: ["dfft:eu-gdpr"]
rules:
  - id: acme/report-all
    title: ${title}
    severity: warning
    citation: { law: ACME policy, article: "§1" }
    message: ${message}
    remediation: Nothing to do.
`;

async function messages(policy: string, lang: 'en' | 'ja', health = true): Promise<string[]> {
  const dir = tmpDir({ 'policy.yaml': policy });
  const run = await checkRun([{ file: 'm.yaml', text: manifest(health) }], { policy: path.join(dir, 'policy.yaml'), asOf: AS_OF, lang });
  return run.report.findings.filter((f) => f.ruleId === 'acme/report-all').map((f) => f.message);
}

async function policyErrors(policy: string): Promise<string[]> {
  const dir = tmpDir({ 'policy.yaml': policy });
  try {
    await createChecker({ policy: path.join(dir, 'policy.yaml'), asOf: AS_OF });
    return [];
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    return err.diagnostics.map((d) => formatDiagnostic(d).split(dir + path.sep).join(''));
  }
}

describe('template sections', () => {
  it('render the branch whose condition holds, nested and with else', async () => {
    const template = '"Flow {{ flow.id }}{{#if carries(\'health\')}} carries health data{{#if importer.country == \'US\'}} to the US{{/if}}{{else}} carries no health data{{/if}}."';
    expect(await messages(policyWith(template), 'en', true)).toEqual(['Flow f1 carries health data to the US.']);
    expect(await messages(policyWith(template), 'en', false)).toEqual(['Flow f1 carries no health data.']);
  });

  it('are located errors when unbalanced or not bool', async () => {
    expect(await policyErrors(policyWith('"a {{#if true}} b"'))).toEqual([expect.stringMatching(/^policy\.yaml:9:\d+ \{\{#if \.\.\.\}\} without \{\{\/if\}\}/)]);
    expect(await policyErrors(policyWith('"a {{else}} b"'))).toEqual([expect.stringMatching(/^policy\.yaml:9:\d+ \{\{else\}\} without \{\{#if \.\.\.\}\}/)]);
    expect(await policyErrors(policyWith('"{{#if true}}a{{else}}b{{else}}c{{/if}}"'))).toEqual([expect.stringMatching(/a second \{\{else\}\}/)]);
    expect(await policyErrors(policyWith('"{{#if flow.id}}a{{/if}}"'))).toEqual([expect.stringMatching(/^policy\.yaml:9:\d+ .*bool/)]);
  });
});

describe('texts per language', () => {
  it('give each language its own text, and English where a language is left out', async () => {
    const both = '\n      en: "Flow {{ flow.id }} goes to {{ countryName(importer.country) }}."\n      ja: "フロー{{ flow.id }}は{{ countryName(importer.country) }}へ移転する。"';
    expect(await messages(policyWith(both), 'ja')).toEqual(['フローf1はアメリカ合衆国へ移転する。']);
    expect(await messages(policyWith(both), 'en')).toEqual(['Flow f1 goes to United States of America.']);
    const englishOnly = '\n      en: "Flow {{ flow.id }} goes to {{ countryName(importer.country) }}."';
    // A text given in English only is shown in English, with the country named in the report's language.
    expect(await messages(policyWith(englishOnly), 'ja')).toEqual(['Flow f1 goes to アメリカ合衆国.']);
    expect(await messages(policyWith('"Flow {{ flow.id }}."'), 'ja')).toEqual(['Flow f1.']);
  });

  it('locate an error in one language at that language', async () => {
    const broken = '\n      en: "Flow {{ flow.id }}"\n      ja: "フロー{{ flow.idd }}"';
    expect(await policyErrors(policyWith(broken))).toEqual([expect.stringMatching(/^policy\.yaml:11:\d+ unknown field "idd"/)]);
  });

  it('keep a policy from passing for a built-in pack under its Japanese title', async () => {
    const pack = `policyVersion: 1
pack: { id: my-pack, title: { en: My pack, ja: "日本 個人情報保護法（第27条～第28条［旧第23条～第24条］、個人情報保護委員会規則第15条～第18条）" }, version: 1.0.0, effective: 2026-01-01, appliesWhen: "true" }
rules: []
`;
    const builtin = (await createChecker({ packs: ['jp-appi'], asOf: AS_OF })).policy.packs[0];
    const own = pack.replace(/ja: "[^"]*"/, `ja: "${builtin.titles.ja}"`);
    expect(await policyErrors(own)).toEqual([expect.stringMatching(/pack title .* is taken by the built-in pack jp-appi/)]);
  });
});

describe('the lang option', () => {
  it('is checked, with a suggestion', async () => {
    await expect(checkRun([US_PROCESSOR], { asOf: AS_OF, lang: 'JA' as never })).rejects.toThrow(/options\.lang: expected one of en, ja, got "JA"/);
    await expect(createChecker({ lang: 'fr' as never })).rejects.toThrow(/options\.lang/);
  });

  it('gives a Japanese report in Japanese and marks it, with the same verdicts and fingerprints', async () => {
    const en = (await checkRun([US_PROCESSOR], { asOf: AS_OF })).report;
    const ja = (await checkRun([US_PROCESSOR], { asOf: AS_OF, lang: 'ja' })).report;
    expect(en.lang).toBeUndefined();
    expect(ja.lang).toBe('ja');
    expect(ja.flows.map((f) => f.verdict)).toEqual(en.flows.map((f) => f.verdict));
    expect(ja.findings.map((f) => f.fingerprint)).toEqual(en.findings.map((f) => f.fingerprint));
    expect(ja.findings.map((f) => f.message).join('\n')).toMatch(/アメリカ合衆国/);
    // Each basis keeps its English text, for the register's legal references.
    const bases = ja.flows.flatMap((f) => f.basis);
    expect(bases.length).toBeGreaterThan(0);
    // ... wholly English: country names and adequacy reasons too.
    for (const b of bases) expect(b.en).not.toMatch(/[぀-ヿ一-鿿]/);
    expect(bases.map((b) => b.en)).toEqual(en.flows.flatMap((f) => f.basis).map((b) => b.text));
    expect(en.flows.flatMap((f) => f.basis).every((b) => b.en === undefined)).toBe(true);
  });

  it('links APPI citations to the Act on e-Gov in Japanese, to the PPC\'s translation in English', async () => {
    const retailer = { file: 'jp.json', text: fs.readFileSync(path.join(EXAMPLES, 'manifests/jp-retailer-eu-subsidiary.json'), 'utf8') };
    const urls = async (lang: 'en' | 'ja'): Promise<string[]> => {
      const report = (await checkRun([retailer], { asOf: AS_OF, lang })).report;
      return [...new Set(report.findings.filter((f) => f.regime === 'jp-appi').map((f) => f.citation.url ?? ''))];
    };
    expect(await urls('ja')).toEqual(['https://laws.e-gov.go.jp/law/415AC0000000057']);
    expect(await urls('en')).toEqual(['https://www.ppc.go.jp/en/legal/']);
  });

  it('is part of the result cache key: a cached English run gives no Japanese result', async () => {
    const cache = createResultCache();
    await checkRun([US_PROCESSOR], { asOf: AS_OF, cache });
    const ja = (await checkRun([US_PROCESSOR], { asOf: AS_OF, lang: 'ja', cache })).report;
    const fresh = (await checkRun([US_PROCESSOR], { asOf: AS_OF, lang: 'ja' })).report;
    expect(JSON.stringify(ja)).toBe(JSON.stringify(fresh));
  });
});

describe('a Japanese report read back', () => {
  it('keeps its language in NDJSON, and shards of one run in two languages do not merge', async () => {
    const checker = await createChecker({ asOf: AS_OF });
    const ja = checker.check([US_PROCESSOR], { lang: 'ja' });
    const header = JSON.parse(joinChunks(formatters.ndjson(ja)).split('\n')[0]) as { type: string; lang?: string };
    expect(header).toMatchObject({ type: 'header', lang: 'ja' });
    const shards = [checker.check([US_PROCESSOR], { shard: { index: 1, count: 2 } }), checker.check([US_PROCESSOR], { shard: { index: 2, count: 2 }, lang: 'ja' })];
    const merged = mergeReports(shards);
    expect(merged.ok).toBe(false);
    expect(merged.ok ? [] : merged.diagnostics.map((d) => d.message)).toContain('merge: report 2 has other language (lang) than report 1: they are not shards of one run');
    const both = mergeReports([checker.check([US_PROCESSOR], { shard: { index: 1, count: 2 }, lang: 'ja' }), shards[1]]);
    expect(both.ok && both.value.lang).toBe('ja');
  });
});

describe('dfft check --lang', () => {
  const dfft = (cwd: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  it('writes Japanese from the flag or the config file; the flag wins; a bad value exits 2', () => {
    const dir = tmpDir({ 'm.yaml': US_PROCESSOR.text, 'dfft.config.yaml': 'lang: ja\nfailOn: none\n' });
    fs.mkdirSync(path.join(dir, '.git'));
    const fromConfig = dfft(dir, 'check', 'm.yaml', '--as-of', AS_OF, '-f', 'json');
    expect(fromConfig.code).toBe(0);
    expect(JSON.parse(fromConfig.stdout).lang).toBe('ja');
    const english = dfft(dir, 'check', 'm.yaml', '--as-of', AS_OF, '-f', 'json', '--lang', 'en');
    expect(JSON.parse(english.stdout).lang).toBeUndefined();
    const bad = dfft(dir, 'check', 'm.yaml', '--lang', 'fr');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lang.*fr.*en, ja/s);
  });
});
