import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { expandManifestPaths, readManifestFiles } from '../../src/manifest/read-manifests';
import { formatters, joinChunks } from '../../src/report/formatters';
import { appiRecordColumns, appiRecordRowsOf } from '../../src/report/formatters/appi-record';
import { EN } from '../../src/report/formatters/i18n/en';
import { JA, japaneseReference } from '../../src/report/formatters/i18n/ja';
import { registerColumns, registerRows } from '../../src/report/formatters/register';
import { applyBaseline, fingerprintsOf } from '../../src/report/baseline';
import type { Report } from '../../src/types';
import { waivedFixtureReport } from './support/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const AS_OF = '2026-06-01';

/** The library's report on examples/manifests as of AS_OF, in a language. */
async function exampleReport(lang?: 'ja'): Promise<Report> {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const expanded = expandManifestPaths(['examples/manifests']);
    const read = readManifestFiles(expanded.files);
    return (await createChecker({ asOf: AS_OF, ...(lang ? { lang } : {}) })).check(read.sources, { inputErrors: [...expanded.errors, ...read.errors] });
  } finally {
    process.chdir(cwd);
  }
}

const text = (out: unknown): string => (typeof out === 'string' ? out : joinChunks(out as Iterable<string>));

/** The register's rows as records by English column name, keyed by flow id. */
function byFlow(columns: readonly string[], rows: Iterable<string[]>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const row of rows) out.set(row[0]!, Object.fromEntries(columns.map((c, i) => [c, row[i]!])));
  return out;
}

/** The report with every basis's text replaced by Japanese words, its English kept in `en`, as a translated pack gives it. */
function withJapaneseBases(report: Report): Report {
  const copy = JSON.parse(JSON.stringify(report)) as Report;
  for (const f of copy.flows) for (const b of f.basis) b.text = `日本語の根拠（${b.ruleId}）`;
  return copy;
}

describe('a Japanese report (lang: ja) in the human-readable formats', () => {
  let ja: Report;
  beforeAll(async () => {
    ja = await exampleReport('ja');
  });

  it('is a Japanese report', () => {
    expect(ja.lang).toBe('ja');
  });

  it('html: lang="ja", Japanese headings, column headers, verdicts and country names', async () => {
    const html = await formatters.html(ja);
    expect(html).toContain('<html lang="ja">');
    expect(html).not.toContain('<html lang="en">');
    for (const s of ['<h1>データ移転コンプライアンス報告書</h1>', '<h2>概要</h2>', '<h3>規制別</h3>', '<h3>移転先の国別</h3>', '<h2>フロー図</h2>', '<h2>指摘事項</h2>', '<h2>入力とバージョン</h2>']) expect(html).toContain(s);
    expect(html).toContain('<th scope="col">フローと判定</th><th scope="col">移転元 → 移転先</th><th scope="col">データ、データ主体、利用目的</th><th scope="col">根拠と指摘事項</th>');
    expect(html).toContain('<dt>根拠条文</dt>');
    expect(html).toContain('<dt>対応策</dt>');
    expect(html).toMatch(/<span class="badge badge-ok">許容<\/span>/);
    expect(html).toMatch(/<span class="badge badge-bad">違反<\/span>/);
    expect(html).toContain('ドイツ');
    expect(html).toContain('アメリカ合衆国（US）');
    expect(html).toContain(`<title>dfft報告書（${AS_OF}時点）</title>`);
    // The diagram's words are Japanese too.
    expect(html).toContain('aria-label="フロー図：');
  });

  it('markdown: Japanese headings, table headers and country names', () => {
    const md = text(formatters.markdown(ja));
    expect(md).toContain(`## dfft：個人データの越境移転（${AS_OF}時点）`);
    expect(md).toContain('### 規制別');
    expect(md).toMatch(/^\| 移転先の国 \| フロー \| 許容 \| 要確認 \| 違反 \|/m);
    expect(md).toContain('| アメリカ合衆国（US） |');
    expect(md).toContain('<details><summary>フローとその根拠</summary>');
    expect(md).toContain('**対応策：**');
  });

  it('text: Japanese labels and summary line, as the CLI prints it', () => {
    const out = text(formatters.text(ja));
    expect(out).toContain('  エラー  ');
    expect(out).toContain('根拠条文：');
    expect(out).toContain('対応策：');
    const last = out.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^✖ 問題\d+件（エラー\d+件、警告\d+件、情報\d+件）；フロー\d+件：許容\d+件、要確認\d+件、違反\d+件/);
    expect(last.endsWith(`（${AS_OF}時点）`)).toBe(true);
  });

  it('writes none of the English catalogue\'s phrases (but those the report\'s own texts hold, still English)', async () => {
    const outputs = [await formatters.html(ja), text(formatters.markdown(ja)), text(formatters.text(ja))].join('\n');
    const own = JSON.stringify(ja);
    const phrases = stringLeaves(EN).filter((s) => s.length >= 12 && / /.test(s) && !own.includes(s));
    expect(phrases.length).toBeGreaterThan(40);
    expect(phrases.filter((p) => outputs.includes(p))).toEqual([]);
  });

  it('csv and appi-csv: Japanese headers, verdicts and country names', () => {
    const csv = text(formatters.csv(ja)).split('\n');
    expect(csv[0]).toBe(registerColumns('ja').join(','));
    expect(csv[0]).toContain('フロー,移転元,移転元の国,移転先,移転先の国,利用目的');
    const rows = byFlow(registerColumns('en'), registerRows(ja));
    expect(rows.get('offshore-support')).toMatchObject({ 'Exporter country': 'ドイツ（DE）', 'Importer country': 'インド（IN）', Verdict: '許容' });
    const appi = text(formatters['appi-csv'](ja)).split('\n');
    expect(appi[0]).toBe(appiRecordColumns('ja').join(','));
    expect(appi[0]).toContain('本人の同意を得ている旨');
    expect(appi[0]).toContain('要配慮個人情報');
  });

  it('the register reads legal references from basis.en, whatever the language of the basis text', () => {
    const translated = withJapaneseBases(ja);
    const rows = byFlow(registerColumns('en'), registerRows(translated));
    const support = rows.get('offshore-support')!;
    expect(support['Transfer basis']).toContain('日本語の根拠');
    expect(support.Safeguard).toContain('欧州委員会実施決定(EU) 2021/914');
    expect(support.Safeguard).toContain('モジュール2');
    expect(support.Safeguard).toMatch(/\d{4}-\d{2}-\d{2}に署名/);
    expect(support['Legal reference']).toBe('GDPR第46条第2項(c)');
    expect(rows.get('product-texts')!.Safeguard).toBe('GDPR第45条第3項、欧州委員会実施決定(EU) 2019/419');
    const record = byFlow(appiRecordColumns('en'), appiRecordRowsOf(translated));
    expect(record.get('members-to-eu')!['Record required']).toBe(JA.appi.record.art27_5);
    expect(record.get('members-to-eu')!['Basis of provision']).toContain('日本語の根拠');
    // Without its English, a Japanese basis gives no reference: the English is what is read.
    const bare = JSON.parse(JSON.stringify(translated)) as Report;
    for (const f of bare.flows) for (const b of f.basis) delete b.en;
    expect(byFlow(registerColumns('en'), registerRows(bare)).get('offshore-support')!.Safeguard).toBe('');
  });

  it('xlsx: Japanese sheet names and headers; safeguards keep their references', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await formatters.xlsx(withJapaneseBases(ja))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['越境移転記録', '第三者提供記録', '概要']);
    const register = wb.worksheets[0]!;
    const header = (register.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(registerColumns('ja'));
    const safeguard = registerColumns('en').indexOf('Safeguard') + 1;
    const cells: string[] = [];
    register.eachRow((row, n) => {
      if (n > 1) cells.push(String(row.getCell(safeguard).value ?? ''));
    });
    expect(cells.some((c) => c.includes('2021/914'))).toBe(true);
    // A Japanese header is as wide as it shows: each character takes two columns.
    const measures = registerColumns('en').indexOf('Encryption and supplementary measures') + 1;
    expect(register.getColumn(measures).width).toBeGreaterThanOrEqual(2 * '暗号化及び補完的措置'.length);
    expect((wb.worksheets[1]!.getRow(1).values as unknown[]).slice(1)).toEqual(appiRecordColumns('ja'));
    expect(String(wb.worksheets[2]!.getRow(2).getCell(1).value)).toBe('基準日');
  });

  it('a saved JSON report formatted later keeps its language', async () => {
    const saved = JSON.parse(text(formatters.json(ja, { full: true }))) as Report;
    expect(saved.lang).toBe('ja');
    expect(await formatters.html(saved)).toContain('<html lang="ja">');
    expect(text(formatters.csv(saved)).split('\n')[0]).toBe(registerColumns('ja').join(','));
  });
});

/**
 * The fixture report (every verdict, an inactive flow, an input error, a chain) in Japanese, with
 * waivers (one active, one expired), a baseline (one finding fixed since) and a built-in rule the
 * policy lowered: every section the formatters write.
 */
function richJapaneseReport(): Report {
  const waived = waivedFixtureReport();
  const known = [...fingerprintsOf(waived)].slice(0, 2);
  const r = applyBaseline(waived, {
    file: 'baseline.json',
    sha256: 'd'.repeat(64),
    fingerprints: new Set([...known, 'f'.repeat(16)]),
    findings: new Map([['f'.repeat(16), { ruleId: 'eu-gdpr/missing-tia', flowId: 'gone', severity: 'warning' as const, message: 'gone' }]]),
  });
  const lowered = r.findings.find((f) => f.severity === 'warning')!;
  lowered.policyOverride = { change: 'lowered', ruleSeverity: 'error', reason: 'accepted by the DPO', file: 'policy.yaml' };
  r.policy.overrides = [{ rule: lowered.ruleId, builtin: true, severity: 'warning', ruleSeverity: 'error', reason: 'accepted by the DPO' }, ...r.policy.overrides];
  return { ...r, lang: 'ja' };
}

describe('a Japanese report with every section', () => {
  it('writes none of the English catalogue\'s phrases in any human-readable format', async () => {
    const ja = richJapaneseReport();
    const outputs = [
      await formatters.html(ja),
      text(formatters.markdown(ja)),
      text(formatters.text(ja)),
      text(formatters.csv(ja)),
      text(formatters['appi-csv'](ja)),
    ].join('\n');
    expect(outputs).toContain('ベースラインからの変化');
    expect(outputs).toContain('免除期限切れ');
    expect(outputs).toContain('ポリシーにより重大度をエラーから警告へ引き下げ');
    const own = JSON.stringify(ja);
    const phrases = stringLeaves(EN).filter((p) => p.length >= 8 && / /.test(p) && !own.includes(p));
    expect(phrases.filter((p) => outputs.includes(p))).toEqual([]);
  });
});

describe('an English report', () => {
  it('keeps its English texts (the goldens hold it byte for byte)', async () => {
    const en = await exampleReport();
    expect(en.lang).toBeUndefined();
    const html = await formatters.html(en);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Data transfer compliance report</h1>');
    expect(text(formatters.csv(en)).split('\n')[0]).toBe(registerColumns('en').join(','));
    expect(text(formatters.text(en)).trimEnd().split('\n').at(-1)).toMatch(new RegExp(`problems? \\(\\d+ errors?, .*\\(as of ${AS_OF}\\)$`));
  });
});

/** Every string of a catalogue (functions left out). */
function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringLeaves);
  return [];
}

/** Every function of a catalogue with its path ("html.statusViolations"). */
function functionLeaves(value: unknown, at = ''): Array<[string, (...args: unknown[]) => string]> {
  if (typeof value === 'function') return [[at, value as (...args: unknown[]) => string]];
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => functionLeaves(v, at ? `${at}.${k}` : k));
  return [];
}

/** Every record's keys of a catalogue, by path. */
function keyLeaves(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...keyLeaves(v, `${at}.${k}`)]);
}

describe('the catalogues', () => {
  it('have the same texts, records and functions in English and Japanese', () => {
    expect(keyLeaves(JA).sort()).toEqual(keyLeaves(EN).sort());
    expect(functionLeaves(JA).map(([p, f]) => [p, f.length])).toEqual(functionLeaves(EN).map(([p, f]) => [p, f.length]));
  });

  it('write every value they are given (numbers, dates, names) as often in Japanese as in English', () => {
    const ja = new Map(functionLeaves(JA));
    const checked: string[] = [];
    for (const [at, en] of functionLeaves(EN)) {
      // Distinct values no text holds of its own; given as strings, each function writes them as they are.
      const args = Array.from({ length: Math.max(en.length, 1) }, (_, i) => String(4817 + i * 13));
      const count = (out: string): number[] => args.map((a) => out.split(a).length - 1);
      for (const set of [args, args.map((a, i) => (i === 0 ? '2026-06-01' : a))]) {
        const enOut = en(...set);
        const jaOut = ja.get(at)!(...set);
        expect([at, count(jaOut)]).toEqual([at, count(enOut)]);
      }
      checked.push(at);
    }
    expect(checked.length).toBeGreaterThan(60);
  });

  it('write the same number for one and for many (no plural is lost)', () => {
    expect(JA.text.problems(1, 1, 0, 0)).toBe('問題1件（エラー1件、警告0件、情報0件）');
    expect(EN.text.problems(1, 1, 0, 0)).toBe('1 problem (1 error, 0 warnings, 0 info)');
    expect(JA.html.statusViolations(3)).toBe('違反のフローが3件ある。');
  });

  it('cite in the Japanese way', () => {
    expect(japaneseReference('GDPR Art. 46(2)(c)')).toBe('GDPR第46条第2項(c)');
    expect(japaneseReference('GDPR Art. 46(2)(b) and Art. 47')).toBe('GDPR第46条第2項(b)及び第47条');
    expect(japaneseReference('APPI Art. 27(5)(iii)')).toBe('個人情報保護法第27条第5項第3号');
    expect(japaneseReference('APPI old Art. 24 with old Art. 23(1)')).toBe('個人情報保護法旧第24条及び旧第23条第1項');
    expect(japaneseReference('Supplementary Rule (4)')).toBe('補完的ルール(4)');
    expect(JA.register.gdpr(JA.register.derogation['compelling-legitimate-interests']!)).toBe('GDPR第49条第1項第2段、やむにやまれぬ正当な利益');
  });
});
