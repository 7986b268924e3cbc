import { formatMarkdown, mermaid, MERMAID_MAX_FLOWS } from '../../../src/report/formatters/markdown';
import { exampleReport, EXAMPLES_DIR, fixtureReport, waivedFixtureReport } from '../support/fixtures';
import { largeReport } from '../support/large-report';

/** The lines of a section, from its heading to the next heading of the same or a higher level. */
function section(md: string, heading: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = heading.match(/^#+/)![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.match(/^#+/)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** GFM table rows (without header and separator) as arrays of trimmed cells. */
function tableRows(lines: string[]): string[][] {
  return lines
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
}

describe('formatMarkdown', () => {
  const md = formatMarkdown(fixtureReport());

  it('opens with the status and the counts of the summary', () => {
    expect(md.split('\n').slice(0, 3)).toEqual([
      '## dfft: cross-border data flows, as of 2026-11-28',
      '',
      '**❌ Input errors.** 8 flows: 3 allowed, 1 to review, 4 in violation. 4 errors, 1 warning, 1 info; 1 input error.',
    ]);
  });

  it('has a summary table per regulation, with each flow judged under that regulation alone', () => {
    expect(tableRows(section(md, '### By regulation'))).toEqual([
      ['EU GDPR Chapter V (Art. 44-49) (`eu-gdpr`)', '5', '2', '0', '3', '3', '0', '1'],
      ['EU-Japan Supplementary Rules (Annex I to Decision (EU) 2019/419) (`eu-jp-supplementary`)', '0', '0', '0', '0', '0', '0', '0'],
      // onward-ads is a review overall (acme) but allowed under the APPI.
      ['Japan APPI (Art. 27-28, PPC Rules Art. 15-18) (`jp-appi`)', '2', '1', '0', '1', '1', '0', '0'],
      ['acme (`acme`)', '1', '0', '1', '0', '0', '1', '0'],
    ]);
  });

  it('has a summary table per destination country, sorted by name', () => {
    expect(tableRows(section(md, '### By destination country')).map((r) => r.slice(0, 5))).toEqual([
      ['Brazil (BR)', '1', '0', '1', '0'],
      ['France (FR)', '1', '1', '0', '0'],
      ['India (IN)', '1', '0', '0', '1'],
      ['Japan (JP)', '1', '0', '0', '1'],
      ['Singapore (SG)', '1', '0', '0', '1'],
      ['United States of America (US)', '3', '1', '0', '1'],
    ]);
  });

  it('groups findings by regulation, then by destination country, worst first', () => {
    const findings = section(md, '### Findings');
    const headings = findings.filter((l) => l.startsWith('#### ') || l.startsWith('**→ '));
    expect(headings).toEqual([
      '#### EU GDPR Chapter V (Art. 44-49) (`eu-gdpr`)',
      '**→ India (IN)**',
      '**→ Japan (JP)**',
      '**→ United States of America (US)**',
      '#### Japan APPI (Art. 27-28, PPC Rules Art. 15-18) (`jp-appi`)',
      '**→ Singapore (SG)**',
      '#### acme (`acme`)',
      '**→ Brazil (BR)**',
    ]);
    const from = findings.indexOf('**→ United States of America (US)**');
    const to = findings.findIndex((l, i) => i > from && (l.startsWith('#### ') || l.startsWith('**→ ')));
    const us = findings.slice(from, to).filter((l) => l.startsWith('- '));
    expect(us.map((l) => l.match(/\*\*(\w+)\*\* `([^`]+)`/)!.slice(1, 3))).toEqual([
      ['error', 'eu-gdpr/missing-tia'],
      ['info', 'eu-gdpr/record-of-transfer'],
    ]);
  });

  it('links each citation and gives the remediation', () => {
    expect(md).toContain('  **Law:** [GDPR Art. 44-46, 49](http://data.europa.eu/eli/reg/2016/679/oj)');
    expect(md).toContain('  **Fix:** Sign the standard contractual clauses of Decision (EU) 2021/914 with Support Pvt');
  });

  it('escapes markup, pipes and emphasis in user text so it cannot break the comment', () => {
    expect(md).toContain('Onward transfer onward-ads of &lt;script&gt;alert(1)&lt;/script&gt; data \\| pipes &amp; "quotes" needs a privacy review.');
    expect(md).toContain('Ask privacy@acme.example for a review \\*before\\* go-live.');
    expect(md).not.toContain('<script>');
    // A pipe in a basis stays inside its table cell.
    const onward = tableRows(md.split('\n').filter((l) => l.startsWith('| Flow |') || l.startsWith('| --- | --- | --- | --- | --- | --- | --- | --- |') || l.startsWith('| `onward-ads`')));
    expect(onward).toEqual([['`onward-ads`', '`ads-sg`, Singapore', '`ads-br`, Brazil', '`jp-members`', '—', '—', '🟡 review', 'vendor assessment VA-17 &lt;approved&gt; \\| 2026']]);
  });

  it('draws the flow graph in Mermaid: parties in a subgraph per country, one arrow per flow, styled by verdict', () => {
    const graph = mermaid(fixtureReport());
    expect(graph.split('\n')[0]).toBe('flowchart LR');
    expect(graph).toContain('  subgraph c6["United States of America (US)"]\n    p6["cloud-us"]\n    p7["mail-us"]\n  end');
    expect(graph).toContain('  p1 ==>|"newsletters"| p7'); // violation: thick
    expect(graph).toContain('  p1 -.->|"legacy"| p7'); // not in force: dotted
    expect(graph).toContain('  linkStyle 2,3,4,5 stroke:#cf222e,stroke-width:3px');
    expect(md).toContain(`\`\`\`mermaid\n${graph}\n\`\`\``);
  });

  it('leaves the diagram out, saying why, when there are too many flows for a comment', () => {
    const big = largeReport(50);
    big.flows = Array.from({ length: MERMAID_MAX_FLOWS + 1 }, (_, i) => ({ ...big.flows[i % big.flows.length], id: `f-${i}` }));
    const out = formatMarkdown(big);
    expect(out).not.toContain('```mermaid');
    expect(out).toContain(`_Diagram left out: ${MERMAID_MAX_FLOWS + 1} flows are more than a comment can show`);
  });

  it('marks waived findings and expired waivers', () => {
    const waived = formatMarkdown(waivedFixtureReport());
    expect(waived).toContain('`eu-gdpr/transfer-without-basis` on `support` (shop-fr → support-in) · _waived_');
    expect(waived).toContain('**Waived** by dpo@acme.example until 2027-01-31: SCCs signed &lt;2026-12&gt;, filing pending');
    expect(waived).toContain('**Waiver expired** on 2026-11-01');
    expect(waived).toContain('### Warnings');
  });

  it('lists inputs with sha256 and pack versions, for reproducibility', () => {
    expect(md).toContain('| manifest | `manifests/shop.yaml` | `19f9106fb7b9d950f32171e5df9d2bc616400f37ca92044924886ec6b5cbd7b6` |');
    expect(md).toContain('| Japan APPI (Art. 27-28, PPC Rules Art. 15-18) (`jp-appi`) | 1.0.0 | 2026-05-31 |');
  });

  it('renders the examples with every flow in the diagram', async () => {
    const report = await exampleReport([EXAMPLES_DIR]);
    const out = formatMarkdown(report);
    for (const f of report.flows) expect(out).toContain(`|"${f.id}"|`);
  });
});
