import { createChecker, type ManifestInput } from '../../../src/library/checker';
import { applyBaseline } from '../../../src/report/baseline';
import { formatReport } from '../../../src/report/format-report';
import { flowGraphDot } from '../../../src/report/formatters/flow-graph';
import { formatHtml, renderHtml } from '../../../src/report/formatters/html';
import { formatMarkdown, mermaid } from '../../../src/report/formatters/markdown';
import { parseBaselineFile } from '../../../src/report/load-suppressions';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAjv } from '../../../src/source/ajv';
import type { Report } from '../../../src/types';
import { EXAMPLES_DIR, exampleReport, ROOT } from '../support/fixtures';

/** The validators of a whole report and of an NDJSON line, from the schemas. */
function validators(): { report: (v: unknown) => boolean; line: (v: unknown) => boolean } {
  const schema = (name: string): object => JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as object;
  const ajv = createAjv();
  ajv.addSchema(schema('report'));
  const report = ajv.getSchema('https://dfft.dev/schemas/report.schema.json')!;
  const line = ajv.compile(schema('report-line'));
  return { report: (v) => report(v) as boolean, line: (v) => line(v) };
}

/** A manifest of a German controller sending customer data to India, with the flows given. */
function shop(flows: string, parties = ''): ManifestInput {
  return {
    file: 'shop.yaml',
    text: [
      'manifestVersion: 1',
      'system: { id: shop, name: Shop, owner: dpo@shop.example }',
      'parties:',
      '  - { id: shop-de, name: Shop GmbH, country: DE, role: controller }',
      '  - { id: care-in, name: CareDesk Pvt Ltd, country: IN, role: processor }',
      '  - { id: mail-in, name: MailDesk Pvt Ltd, country: IN, role: processor }',
      parties,
      'datasets:',
      '  - { id: customers, name: Customer records, categories: [contact.email, identifiers.name], subjects: [customers], collectedIn: [DE], purposes: [customer-support] }',
      'flows:',
      flows,
      '',
    ].join('\n'),
  };
}

const SCC = '    mechanisms: [{ type: scc, module: 2, signedOn: 2024-01-10 }, { type: tia, completedOn: 2024-01-05, outcome: no-supplementary-measures-needed }]';

async function run(manifest: ManifestInput): Promise<Report> {
  return (await createChecker({ asOf: '2026-11-28' })).check([manifest]);
}

describe('names, countries and category titles where a person reads', () => {
  let report: Report;
  beforeAll(async () => {
    report = await exampleReport([EXAMPLES_DIR]);
  });

  it('carries the taxonomy\'s titles of each dataset\'s categories, and each flow\'s purposes', () => {
    const newsletter = report.datasets!.find((d) => d.id === 'newsletter')!;
    expect(newsletter.categoryTitles).toEqual({ 'contact.email': 'E-mail address' });
    expect(report.flows.find((f) => f.id === 'mailing')!.purposes).toEqual(['marketing']);
  });

  it('shows parties by name and country name, datasets by name with category titles, subjects and purposes in the HTML', async () => {
    const html = await formatHtml(report);
    const row = /<tr id="flow-mailing"[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row).toContain('<strong>Boutique SAS</strong> <span class="cc" title="FR">France</span>');
    expect(row).toContain('<strong>MailCo Inc.</strong> <span class="cc" title="US">United States of America</span>');
    expect(row).toContain('<strong>Newsletter subscribers</strong>');
    expect(row).toContain('<span class="cat" title="contact.email">E-mail address</span>');
    expect(row).toContain('<span class="facet-label">Subjects</span> customers');
    expect(row).toContain('<span class="facet-label">Purposes</span> marketing');
    expect(row).not.toContain('>contact.email<');
  });

  it('shows the same in the Markdown flows table', () => {
    const md = formatMarkdown(report);
    const row = md.split('\n').find((l) => l.startsWith('| `mailing` |'))!;
    expect(row.split(' | ').slice(1, 6)).toEqual(['Boutique SAS (`boutique-fr`), France', 'MailCo Inc. (`mail-us`), United States of America', 'Newsletter subscribers (E-mail address)', 'customers', 'marketing']);
    // A finding names who sends to whom.
    expect(md).toContain('on `support-remote` (ACME Helpdesk GmbH → SupportDesk LLC)');
  });

  it('labels the diagram\'s boxes with party names (Graphviz and Mermaid)', () => {
    const dot = flowGraphDot(report);
    expect(dot).toContain('"mail-us" [label=<MailCo Inc.<BR/>');
    expect(mermaid(report)).toMatch(/p\d+\["MailCo Inc\."\]/);
  });

  it('escapes names in DOT and Mermaid: a name cannot end its label or add a node', async () => {
    const hostile = 'Evil"] ; x -> y [label=<b>`*\\n</b>&#35;\nNext line';
    const r = await run(shop(`  - { id: f, from: shop-de, to: evil-in, datasets: [customers] }`, `  - { id: evil-in, name: ${JSON.stringify(hostile)}, country: IN, role: processor }`));
    const dot = flowGraphDot(r);
    const node = dot.split('\n').find((l) => l.trimStart().startsWith('"evil-in" ['))!;
    expect(node).toContain('label=<Evil&quot;] ; x -&gt; y [label=&lt;b&gt;`*\\n&lt;/b&gt;&amp;#35; Next line>');
    expect(dot.split('\n').filter((l) => /^\s*"[^"]*" -> /.test(l))).toHaveLength(1);
    const chart = mermaid(r);
    expect(chart).toContain('["Evil#34;] ; x -#62; y [label=#60;b#62;#96;*\\n#60;/b#62;#38;#35;35; Next line"]');
    expect(chart.split('\n').filter((l) => l.includes('-->') || l.includes('==>'))).toHaveLength(1);
  });
});

describe('what changed since the baseline', () => {
  it('lists the new findings, the fixed ones and those still open, in the report, the HTML and the Markdown', async () => {
    // The earlier run: two flows to India without a safeguard, both violations.
    const before = await run(shop(['  - { id: support, from: shop-de, to: care-in, datasets: [customers] }', '  - { id: mailing, from: shop-de, to: mail-in, datasets: [customers] }'].join('\n')));
    const violations = (r: Report, id: string): string[] => r.findings.filter((f) => f.flowId === id && f.severity === 'error').map((f) => f.fingerprint);
    expect(violations(before, 'support')).toHaveLength(1);
    const baselineText = (await formatReport('json', before, {})) as string;
    const baseline = parseBaselineFile('baseline.json', baselineText);
    if (!baseline.ok) throw new Error('baseline');

    // The later run: support got SCCs (fixed), mailing is unchanged (still open), a new flow has none (new).
    const after = await run(shop(['  - id: support', '    from: shop-de', '    to: care-in', '    datasets: [customers]', SCC, '  - { id: mailing, from: shop-de, to: mail-in, datasets: [customers] }', '  - { id: chat, from: shop-de, to: care-in, datasets: [customers], purposes: [customer-support] }'].join('\n')));
    const report = applyBaseline(after, baseline.value);

    const fixed = before.findings.filter((f) => f.flowId === 'support');
    expect(report.fixedSinceBaseline!.map((f) => [f.ruleId, f.flowId, f.fingerprint])).toEqual(fixed.map((f) => [f.ruleId, f.flowId, f.fingerprint]));
    expect(report.summary.fixed).toBe(fixed.length);
    expect(report.findings.filter((f) => f.baselineState === 'new').every((f) => f.flowId === 'chat')).toBe(true);
    expect(report.findings.filter((f) => f.baselineState === 'unchanged').every((f) => f.flowId === 'mailing')).toBe(true);

    const html = renderHtml(report, undefined);
    const section = /<section id="baseline">[\s\S]*?<\/section>/.exec(html)![0];
    const counts = [...section.matchAll(/<h3>(\w[\w ]*) <span class="count">(\d+)<\/span><\/h3>/g)].map((m) => [m[1], Number(m[2])]);
    const newCount = report.findings.filter((f) => f.baselineState === 'new').length;
    const openCount = report.findings.filter((f) => f.baselineState === 'unchanged').length;
    expect(counts).toEqual([['New', newCount], ['Fixed', fixed.length], ['Still open', openCount]]);
    expect(newCount).toBeGreaterThan(0);
    expect(openCount).toBeGreaterThan(0);
    expect(section).toContain('<code>support</code>');

    const md = formatMarkdown(report);
    expect(md).toContain('### What changed since the baseline');
    expect(md).toContain(`**Fixed: ${fixed.length}**`);
    expect(md).toContain(`**New: ${newCount}**`);
    expect(md).toContain(`**Still open: ${openCount}**`);

    // The NDJSON stream gives each fixed finding a line before the summary, valid against the line schema.
    const lines = ((await formatReport('ndjson', report, {})) as string).trim().split('\n').map((l) => JSON.parse(l) as { type: string; fingerprint?: string; fixed?: number });
    expect(lines.filter((l) => l.type === 'fixed').map((l) => l.fingerprint)).toEqual(fixed.map((f) => f.fingerprint));
    expect(lines.at(-1)).toMatchObject({ type: 'summary', fixed: fixed.length });
    const validate = validators();
    for (const l of lines) expect({ line: l.type, valid: validate.line(l) }).toEqual({ line: l.type, valid: true });
    // And the JSON report with its fixedSinceBaseline is valid against the report schema.
    expect(validate.report(JSON.parse((await formatReport('json', report, {})) as string))).toBe(true);
  });

  it('has no such section without a baseline', async () => {
    const report = await run(shop('  - { id: support, from: shop-de, to: care-in, datasets: [customers] }'));
    expect(report.fixedSinceBaseline).toBeUndefined();
    expect(renderHtml(report, undefined)).not.toContain('id="baseline"');
    expect(formatMarkdown(report)).not.toContain('since the baseline');
  });
});
