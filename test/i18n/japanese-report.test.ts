// No Japanese report holds an untranslated English sentence: not in the texts of any rule (every
// scenario of the legal suite, which fires every rule of every built-in pack, run in Japanese),
// nor in what the formatters write around them (the examples' report as HTML, Markdown, text and
// registers). Names the manifests give, ids, codes and citations are the input's or the law's own
// and may be English; English prose is what is looked for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createChecker, type Checker } from '../../src/library/checker';
import { checkerOptionsFor, loadTestFile, runTestFile } from '../../src/policy-test/run-tests';
import { expandManifestPaths, readManifestFiles } from '../../src/manifest/read-manifests';
import { formatReport } from '../../src/report/format-report';
import type { Report } from '../../src/types';

const ROOT = path.resolve(__dirname, '../..');
const SCENARIOS = path.join(ROOT, 'test/scenarios');

// Words that make a run of English words a sentence rather than a name ("Lion Logistics Pte Ltd").
const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'of', 'to', 'in', 'on', 'for', 'with', 'and', 'or', 'not', 'no', 'is', 'are', 'was', 'be', 'by', 'from', 'that', 'this', 'it', 'as', 'at', 'its', 'has', 'have', 'does', 'do', 'without', 'under', 'before', 'after']);

/** Runs of four or more English words of which at least two are function words: English sentences. */
export function englishSentences(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z'’-]*(?:,? [A-Za-z][A-Za-z'’-]*){3,}/g)) {
    const words = m[0].split(/,? /);
    if (words.filter((w) => FUNCTION_WORDS.has(w.toLowerCase())).length >= 2) found.push(m[0]);
  }
  return found;
}

/** The texts of a report a reader sees that the engine wrote (not the names and ids it was given). */
function engineTexts(report: Report): string[] {
  return [
    ...report.findings.flatMap((f) => [f.message, f.remediation]),
    ...report.flows.flatMap((f) => [...f.basis, ...(f.failedBasis ?? [])].map((b) => b.text)),
    ...(report.rules ?? []).map((r) => r.title),
    ...report.policy.packs.map((p) => p.title),
  ];
}

// The instruments a basis names (adequacy decisions and regulations, with their references) are
// cited as written, as rule citations are: "Commission Implementing Decision (EU) 2019/419".
const INSTRUMENTS: string[] = [
  ...fs.readFileSync(path.join(ROOT, 'rules/data/jurisdictions.yaml'), 'utf8').matchAll(/\bdecision: (?:"([^"]+)"|([^,\n}]+))/g),
].map((m) => (m[1] ?? m[2]).trim());

/** A report's texts with the names and ids of its input, and the instruments cited, taken out: they are not the report's own words. */
function withoutInputWords(text: string, report: Report): string {
  const words = [...(report.parties ?? []).map((p) => p.name), ...(report.datasets ?? []).map((d) => d.name), ...report.flows.flatMap((f) => f.purposes ?? []), ...INSTRUMENTS]
    .filter((w): w is string => typeof w === 'string' && w.length > 0)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const w of words) out = out.split(w).join(' ');
  return out;
}

describe('the detector', () => {
  it('finds English sentences and passes Japanese, names and citations', () => {
    expect(englishSentences('Flow f1 provides personal data to a third party in a foreign country')).toHaveLength(1);
    expect(englishSentences('フローf1は、シンガポールのLion Logistics Pte Ltdに個人データを提供する。')).toEqual([]);
    expect(englishSentences('Commission Implementing Decision (EU) 2019/419（日本）')).toEqual([]);
    expect(englishSentences('GDPR第46条第2項(c): standard contractual clauses, module 2')).toEqual([]);
    expect(englishSentences('（the flow declares no purposes）')).toEqual(['the flow declares no purposes']);
  });
});

describe('every rule of every built-in pack, in Japanese', () => {
  const files = fs.readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();
  const checkers = new Map<string, Promise<Checker>>();

  it.each(files)('%s: findings, bases and titles hold no English sentence', async (file) => {
    const loaded = loadTestFile(path.join(SCENARIOS, file));
    if (!loaded.ok) throw new Error(`cannot load ${file}`);
    const options = { asOf: '2026-11-28', lang: 'ja' as const, ...checkerOptionsFor(loaded.value) };
    const key = JSON.stringify(options);
    if (!checkers.has(key)) checkers.set(key, createChecker(options));
    const results = runTestFile(loaded.value, await checkers.get(key)!);
    const offending = new Set<string>();
    let texts = 0;
    for (const r of results) {
      if (!r.report) continue;
      for (const t of engineTexts(r.report)) {
        texts++;
        for (const s of englishSentences(withoutInputWords(t, r.report))) offending.add(`${s}  ⟵  ${t.slice(0, 160)}`);
      }
    }
    expect(texts).toBeGreaterThan(0);
    expect([...offending]).toEqual([]);
  });
});

describe("the examples' Japanese report", () => {
  let report: Report;
  beforeAll(async () => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const expanded = expandManifestPaths(['examples/manifests']);
      const read = readManifestFiles(expanded.files);
      report = (await createChecker({ asOf: '2026-11-28', lang: 'ja' })).check(read.sources, { inputErrors: [...expanded.errors, ...read.errors] });
    } finally {
      process.chdir(cwd);
    }
  });

  /** What a reader sees of a format: for HTML the text outside tags, styles and scripts. */
  const visible = async (format: 'html' | 'markdown' | 'text' | 'csv' | 'appi-csv'): Promise<string> => {
    const out = await formatReport(format, report, { color: false });
    const text = typeof out === 'string' ? out : out.toString('utf8');
    if (format !== 'html') return text;
    return text
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&(?:amp|lt|gt|quot|#39);/g, ' ');
  };

  it.each(['html', 'markdown', 'text', 'csv', 'appi-csv'] as const)('%s holds no English sentence', async (format) => {
    const text = withoutInputWords(await visible(format), report);
    expect(text).toMatch(/[぀-ヿ一-鿿]/);
    expect(englishSentences(text)).toEqual([]);
  });
});
