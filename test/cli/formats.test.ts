import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import type { Report } from '../../src/types';

const SHOP = `manifestVersion: 1
system: { id: shop }
parties:
  - { id: shop-de, country: DE }
  - { id: mail-us, country: US, role: processor }
  - { id: ads-in, country: IN, role: processor }
datasets:
  - { id: customers, categories: [contact], collectedIn: [DE] }
flows:
  - { id: newsletters, from: shop-de, to: mail-us, datasets: [customers] }
`;

/** The same estate with one more unlawful flow. */
const SHOP_GROWN = `${SHOP}  - { id: ads, from: shop-de, to: ads-in, datasets: [customers] }\n`;

const WAIVERS = (expires: string) => `waiversVersion: 1
waivers:
  - ruleId: eu-gdpr/transfer-without-basis
    flowId: newsletters
    reason: SCCs with Mail Inc. in signature (PRIV-12)
    approver: dpo@shop.example
    expires: ${expires}
`;

describe('dfft check --format, several outputs at once', () => {
  const dir = tmpDir({ 'shop.yaml': SHOP, 'grown.yaml': SHOP_GROWN });
  const at = (name: string) => path.join(dir, name);

  it('writes sarif and html to their files and text to stdout in one run', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '-f', `sarif=${at('out/r.sarif')}`, '-f', `html=${at('out/r.html')}`, '-f', 'text']);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(stdout).toContain('eu-gdpr/transfer-without-basis');
    expect(stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings, 0 info\)/);
    const sarif = JSON.parse(fs.readFileSync(at('out/r.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['eu-gdpr/transfer-without-basis']);
    const html = fs.readFileSync(at('out/r.html'), 'utf8');
    expect(html).toContain('<svg class="flow-graph"');
    expect(html).not.toContain('\u001b['); // no colour codes outside the terminal
    expect(fs.readdirSync(at('out')).sort()).toEqual(['r.html', 'r.sarif']); // no temporary files left
  });

  it('sends the format without a file to --output, and writes nothing to stdout', async () => {
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '-f', 'json', '-o', at('o/report.json'), '-f', `junit=${at('o/junit.xml')}`, '-f', `markdown=${at('o/report.md')}`]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect((JSON.parse(fs.readFileSync(at('o/report.json'), 'utf8')) as Report).summary.flows).toBe(1);
    expect(XMLValidator.validate(fs.readFileSync(at('o/junit.xml'), 'utf8'))).toBe(true);
    expect(fs.readFileSync(at('o/report.md'), 'utf8')).toContain('```mermaid');
  });

  it('writes GitHub annotations to stdout and a GitLab Code Quality report to its file, waived findings as notices and info', async () => {
    fs.writeFileSync(at('waivers.yaml'), WAIVERS('2027-01-31'));
    const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', at('grown.yaml'), '--waivers', at('waivers.yaml'), '-f', 'github', '-f', `gitlab=${at('ci/gl-code-quality-report.json')}`]);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::notice file=[^,]*grown\.yaml,line=10,col=5,endLine=10,endColumn=\d+,title=eu-gdpr\/transfer-without-basis::\[waived until 2027-01-31 by dpo@shop\.example: SCCs with Mail Inc\. in signature \(PRIV-12\)\] Flow newsletters /);
    expect(lines[1]).toMatch(/^::error file=[^,]*grown\.yaml,line=11,.*title=eu-gdpr\/transfer-without-basis::Flow ads .* Fix: /);
    const issues = JSON.parse(fs.readFileSync(at('ci/gl-code-quality-report.json'), 'utf8')) as Array<{ severity: string; check_name: string }>;
    expect(issues.map((i) => [i.check_name, i.severity])).toEqual([
      ['eu-gdpr/transfer-without-basis', 'info'],
      ['eu-gdpr/transfer-without-basis', 'critical'],
    ]);
  });

  it('annotates the input errors of a broken manifest on GitHub, where the pull request shows them', async () => {
    fs.writeFileSync(at('broken.yaml'), 'manifestVersion: 1\nsystem: { id: x }\nflows:\n  - { id: f, from: a, to: b, datasets: [d] }\n');
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', at('broken.yaml'), '-f', 'github']);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^::error file=[^,]*broken\.yaml,line=4,col=20,endLine=4,endColumn=21,title=manifest\/unknown-reference::flows\[0\]\.from: unknown party "a" /);
    expect(stdout.split('\n').filter(Boolean).every((l) => l.startsWith('::error '))).toBe(true);
  });

  it('prints text when no format is given', async () => {
    const { stdout } = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml')]);
    expect(stdout).toContain('newsletters');
    expect(() => JSON.parse(stdout)).toThrow();
  });

  it.each([
    [['-f', 'markdwon'], '--format: unknown format "markdwon" (did you mean "markdown"?)'],
    [['-f', 'xml'], '--format: unknown format "xml" (expected one of: text, json, ndjson, sarif, github, gitlab, junit, markdown, html, csv, appi-csv, xlsx)'],
    [['-f', 'text', '-f', 'json'], '--format: text and json would both go to stdout (give all but one a file, e.g. -f json=report.json)'],
    [['-f', 'html=same.out', '-f', 'sarif=same.out'], '--format: html and sarif would both be written to same.out (give each format its own file)'],
    [['-f', 'sarif=', '-f', 'text'], '--format sarif=: no file after "=" (write sarif=<file>, or sarif alone for stdout)'],
    [['-f', 'sarif=x.sarif', '-o', 'y.txt'], '--output: every --format names its own file, so --output would not be written'],
  ])('rejects %j with exit 2: %s', async (args, message) => {
    const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
    expect(fs.existsSync('same.out') || fs.existsSync('x.sarif')).toBe(false);
  });
});

describe('dfft check --waivers', () => {
  const dir = tmpDir({
    'shop.yaml': SHOP,
    'waivers.yaml': WAIVERS('2027-01-31'),
    'stale.yaml': `${WAIVERS('2027-01-31')}  - ruleId: eu-gdpr/transfer-without-basis\n    flowId: gone\n    reason: flow was removed\n    approver: dpo@shop.example\n    expires: 2027-01-31\n`,
    'bad.yaml': 'waiversVersion: 1\nwaivers:\n  - ruleId: eu-gdpr/transfer-without-basis\n    flowId: newsletters\n    reason: r\n    expires: 2027-13-01\n',
  });
  const at = (name: string) => path.join(dir, name);

  it('the day before the expiry date, passes the run (exit 0) and keeps the finding in the report, marked waived', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--as-of', '2027-01-30', at('shop.yaml'), '--waivers', at('waivers.yaml'), '-f', 'json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout) as Report;
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].waiver).toEqual({ status: 'active', reason: 'SCCs with Mail Inc. in signature (PRIV-12)', approver: 'dpo@shop.example', expires: '2027-01-31', location: expect.objectContaining({ file: at('waivers.yaml'), line: 3, column: 5 }) });
    expect(report.policy.waivers).toEqual({ file: at('waivers.yaml'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('on the expiry date, fails the run again (exit 1) and warns on stderr that the waiver expired', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--as-of', '2027-01-31', at('shop.yaml'), '--waivers', at('waivers.yaml'), '-f', 'json']);
    expect(code).toBe(1);
    expect(stderr).toBe(`dfft: warning: ${at('waivers.yaml')}:3:5 waiver for eu-gdpr/transfer-without-basis on flow newsletters expired on 2027-01-31 (as of 2027-01-31): 1 finding counts again (fix the flow, or renew the waiver with a new expiry date and approval)  [waiver/expired]\n`);
    const report = JSON.parse(stdout) as Report;
    expect(report.findings[0].waiver!.status).toBe('expired');
    expect(report.warnings!.map((w) => w.code)).toEqual(['waiver/expired']);
  });

  it('warns about a waiver that matches nothing, without failing the run for it: in the text output, or on stderr for other formats unless --quiet', async () => {
    const text = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '--waivers', at('stale.yaml')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`warning  ${at('stale.yaml')}:8:5  waiver for eu-gdpr/transfer-without-basis on flow gone matches no finding`);
    expect(text.stderr).toBe(''); // listed once, in the text report
    const loud = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '--waivers', at('stale.yaml'), '-f', 'json']);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toContain(`${at('stale.yaml')}:8:5 waiver for eu-gdpr/transfer-without-basis on flow gone matches no finding`);
    const quiet = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '--waivers', at('stale.yaml'), '-f', 'json', '-q']);
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
  });

  it('stops with exit 2 and located errors on a bad waiver file, before writing any report', async () => {
    const out = at('never.sarif');
    const { code, stdout, stderr } = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '--waivers', at('bad.yaml'), '-f', `sarif=${out}`]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${at('bad.yaml')}:3:5 waivers[0]: missing required field "approver"  [waivers/schema]`);
    expect(stderr).toContain(`${at('bad.yaml')}:6:14 waivers[0].expires: "2027-13-01" is not a valid date (YYYY-MM-DD)  [waivers/schema]`);
    expect(stderr).toContain('> 6 |     expires: 2027-13-01'); // with a code frame
    expect(fs.existsSync(out)).toBe(false);
  });

  it('stops with exit 2 when the waiver file cannot be read', async () => {
    const { code, stderr } = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '--waivers', at('missing.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${at('missing.yaml')}:1:1 cannot read file: no such file or directory  [source/unreadable]`);
  });
});

describe('dfft check --baseline', () => {
  const dir = tmpDir({ 'shop.yaml': SHOP, 'grown.yaml': SHOP_GROWN, 'not-a-report.json': '{ "flows": [] }\n' });
  const at = (name: string) => path.join(dir, name);

  it('fails only for findings not in the baseline: the known one passes, a new flow\'s finding fails', async () => {
    const baseline = at('baseline.json');
    const first = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '-f', `json=${baseline}`]);
    expect(first.code).toBe(1);

    const same = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '--baseline', baseline, '-f', 'json']);
    expect(same.code).toBe(0);
    expect((JSON.parse(same.stdout) as Report).findings.map((f) => f.baselineState)).toEqual(['unchanged']);

    // Same flow ids and pointers in another file: the fingerprint does not depend on the file name or lines.
    const grown = await runCli(['check', '--as-of', '2026-11-28', at('grown.yaml'), '--baseline', baseline, '-f', 'json']);
    expect(grown.code).toBe(1);
    const report = JSON.parse(grown.stdout) as Report;
    expect(report.findings.map((f) => [f.flowId, f.baselineState])).toEqual([
      ['newsletters', 'unchanged'],
      ['ads', 'new'],
    ]);
    expect(report.summary.baselined).toBe(1);
  });

  it('stops with exit 2 on a baseline that is not a JSON report', async () => {
    const { code, stderr } = await runCli(['check', '--as-of', '2026-11-28', at('shop.yaml'), '--baseline', at('not-a-report.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${at('not-a-report.json')}:1:1 --baseline: expected a dfft JSON report with a "findings" array`);
  });
});
