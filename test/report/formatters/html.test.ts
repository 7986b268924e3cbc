import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { flowGraphDot, COUNTRY_FRAMES_MAX_PARTIES } from '../../../src/report/formatters/flow-graph';
import { esc, formatHtml, renderHtml } from '../../../src/report/formatters/html';
import type { Report } from '../../../src/types';
import { exampleReport, EXAMPLES_DIR, fixtureReport, waivedFixtureReport } from '../support/fixtures';
import { largeReport } from '../support/large-report';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ON_CI = Boolean(process.env.CI) && process.env.CI !== 'false';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);

describe('formatHtml (the page, without a browser)', () => {
  let html: string;
  beforeAll(async () => {
    html = await formatHtml(fixtureReport());
  });

  it('is one self-contained page: a CSP that forbids every fetch, no script, no external stylesheet, image or font', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link\b|<img\b|<iframe|@import|url\(/i);
    // Links to the law are there to click; nothing is loaded from them.
    expect(html.match(/\bsrc=/g)).toBeNull();
  });

  it('states asOf, tool and pack versions, and every input and policy file with its sha256', () => {
    expect(html).toContain('Law applied as of <strong>2026-11-28</strong>');
    expect(html).toContain('<tr><td><code>jp-appi</code></td><td>Japan APPI (Art. 27-28, PPC Rules Art. 15-18)</td><td>1.0.0</td><td>2026-05-31</td></tr>');
    for (const input of [...fixtureReport().inputs, ...fixtureReport().policy.files]) {
      expect(html).toContain(`<td><code>${esc(input.file)}</code></td><td><code class="hash">${input.sha256}</code></td>`);
    }
  });

  it('lists every flow with its verdict and the basis that made it lawful (evidence), and links its findings', () => {
    for (const flow of fixtureReport().flows) expect(html).toContain(`<tr id="flow-${flow.id}" class="verdict-row-`);
    expect(html).toMatch(/<tr id="flow-hosting" class="verdict-row-allowed">.*<span class="badge badge-ok">allowed<\/span>.*✓<\/span> adequacy: Commission Implementing Decision \(EU\) 2023\/1795/);
    expect(html).toMatch(/<tr id="flow-legacy" class="verdict-row-inactive">.*not in force/);
    expect(html).toMatch(/<tr id="flow-support" class="verdict-row-violation">.*<a href="#finding-3a510eca0202023349444ed319de4cd1">eu-gdpr\/transfer-without-basis<\/a>/);
  });

  it('gives each finding its citation link, remediation, source location and fingerprint', () => {
    const card = html.slice(html.indexOf('<article class="finding finding-bad" id="finding-3a510eca0202023349444ed319de4cd1">'));
    expect(card).toMatch(/^<article[^]*?<dt>Law<\/dt><dd><a href="http:\/\/data.europa.eu\/eli\/reg\/2016\/679\/oj" rel="noreferrer">GDPR Art. 44-46, 49<\/a><\/dd><dt>How to fix<\/dt><dd>Sign the standard contractual clauses/);
    expect(card).toMatch(/^<article[^]*?<dt>Source<\/dt><dd><code>manifests\/shop.yaml:19:5<\/code>/);
  });

  it('escapes user text everywhere: a script in a message stays text', () => {
    expect(html).toContain('Onward transfer onward-ads of &lt;script&gt;alert(1)&lt;/script&gt; data | pipes &amp; &quot;quotes&quot; needs a privacy review.');
    expect(html).toContain('<code>manifests/partners &amp; &lt;vendors&gt;.yaml</code>');
  });

  it('never links a citation URL that is not http(s)', () => {
    const r = fixtureReport();
    r.findings[0].citation.url = 'javascript:alert(1)';
    expect(renderHtml(r, undefined)).not.toContain('href="javascript:');
  });

  it('summarises per regulation and per destination country', () => {
    expect(html).toMatch(/<h3>By regulation<\/h3>[^]*<th scope="row">Japan APPI \(Art. 27-28, PPC Rules Art. 15-18\) <code class="muted">jp-appi<\/code><\/th><td class="num">2<\/td>/);
    expect(html).toMatch(/<h3>By destination country<\/h3>[^]*<th scope="row">United States of America \(US\)<\/th><td class="num">3<\/td>/);
  });

  it('embeds the Graphviz drawing of the flow graph as inline SVG, one node per party and one arrow per pair of parties', () => {
    const svg = html.slice(html.indexOf('<svg class="flow-graph"'), html.indexOf('</svg>', html.indexOf('<svg class="flow-graph"')));
    expect(svg).not.toBe('');
    expect(svg.match(/<g id="node\d+" class="node"/g)).toHaveLength(8); // 8 parties
    // newsletters and legacy both go shop-de → mail-us: one arrow, coloured by the worse verdict.
    expect(svg.match(/class="edge verdict-[a-z]+"/g)).toHaveLength(7);
    expect(svg).toContain('<g id="edge-newsletters" class="edge verdict-violation">');
    expect(svg).toContain('xlink:href="#flow-newsletters"');
    expect(html).not.toContain('<?xml');
    expect(html).not.toContain('<!--');
  });

  it('marks waived findings with the waiver and expired waivers as expired', async () => {
    const waived = await formatHtml(waivedFixtureReport());
    expect(waived).toContain('<p class="waiver waiver-active"><strong>Waived</strong> · approved by dpo@acme.example · until 2027-01-31<br>SCCs signed &lt;2026-12&gt;, filing pending');
    expect(waived).toContain('<p class="waiver waiver-expired"><strong>Waiver expired</strong>');
    expect(waived).toContain('<div class="card-value">1</div><div class="card-label">Waived</div>');
  });

  it('still gives every table when the diagram cannot be drawn', () => {
    const page = renderHtml(fixtureReport(), undefined);
    expect(page).toContain('The diagram could not be drawn; the flows are listed below.');
    expect(page).toContain('<table class="flows">');
  });
});

describe('flowGraphDot', () => {
  it('frames parties by country on a small graph and names the country in each box on a large one', () => {
    expect(flowGraphDot(fixtureReport())).toContain('subgraph "cluster_0" {');
    const large = flowGraphDot(largeReport(50));
    expect(COUNTRY_FRAMES_MAX_PARTIES).toBeLessThan(50);
    expect(large).not.toContain('subgraph');
    expect(large).toMatch(/"acme-de" \[label=<acme-de<BR\/><FONT POINT-SIZE="9" COLOR="#667085">Germany \(DE\)<\/FONT>>/);
  });

  it('quotes ids so DOT syntax or Graphviz escapes in them cannot change the graph', () => {
    const r = fixtureReport();
    r.flows[0].from = 'a"b\\N';
    expect(flowGraphDot(r)).toContain('"a\\"b\\\\N"');
  });
});

(HAVE_CHROMIUM || ON_CI ? describe : describe.skip)('formatHtml in headless Chromium', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-html-'));

  beforeAll(async () => {
    expect({ chromium: CHROMIUM, found: HAVE_CHROMIUM }).toEqual({ chromium: CHROMIUM, found: true }); // CI installs Debian's chromium
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report's HTML from a file, as a compliance officer would, and records every request and console error. */
  async function open(report: Report, name: string): Promise<{ page: Page; requests: string[]; problems: string[] }> {
    const file = path.join(dir, `${name}.html`);
    fs.writeFileSync(file, await formatHtml(report));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, requests: requests.filter((u) => u !== pathToFileURL(file).href), problems };
  }

  /** At 800 px: the page no wider than the window, no box scrolling sideways, and the elements named inside the window. */
  async function expectNothingCutAt800(page: Page, inside: string): Promise<void> {
    await page.setViewportSize({ width: 800, height: 900 });
    expect(await page.locator('html').evaluate((root) => root.scrollWidth)).toBeLessThanOrEqual(800);
    // No box scrolls sideways inside the page either (a table or the diagram hidden past its edge).
    const scrolled = await page.locator('.table-wrap, .graph-box').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className));
    expect(scrolled).toEqual([]);
    const outside = await page.locator(inside).evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.left < 0 || r.right > 800).length);
    expect(outside).toBe(0);
  }

  it('renders the examples\' report with the diagram and the tables, fetching nothing', async () => {
    const report = await exampleReport([EXAMPLES_DIR]);
    const { page, requests, problems } = await open(report, 'examples');
    try {
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
      const svg = page.locator('#graph svg.flow-graph');
      await expect(svg.isVisible()).resolves.toBe(true);
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeGreaterThan(200);
      expect(box.height).toBeGreaterThan(100);
      const parties = new Set(report.flows.flatMap((f) => [f.from, f.to]));
      expect(await page.locator('#graph svg g.node').count()).toBe(parties.size);
      expect(await page.locator('#graph svg g.edge').count()).toBeGreaterThan(0);
      expect(await page.locator('#flows table.flows tbody tr').count()).toBe(report.flows.length);
      expect(await page.locator('#summary table.counts').count()).toBe(2);
      expect(await page.locator('#findings article.finding').count()).toBe(report.findings.length);
      expect(await page.locator('#provenance table.inputs tbody tr').count()).toBe(report.inputs.length);
      // Tables fit the page: nothing overflows the 1280px viewport sideways.
      expect(await page.locator('html').evaluate((root) => root.scrollWidth)).toBeLessThanOrEqual(1280);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('takes the reader from an arrow of the diagram to the flow\'s row', async () => {
    const { page } = await open(fixtureReport(), 'fixture');
    try {
      await page.locator('#edge-support a').first().click();
      expect(new URL(page.url()).hash).toBe('#flow-support');
      await expect(page.locator('#flow-support').evaluate((row) => row.ownerDocument.defaultView!.getComputedStyle(row).backgroundColor)).resolves.toBe('rgb(255, 248, 219)'); // the :target highlight
    } finally {
      await page.close();
    }
  }, 60_000);

  it('stays readable in an 800 px window: nothing wider than the page, no basis cell or diagram cut behind scrolling', async () => {
    const report = await exampleReport([EXAMPLES_DIR]);
    const { page, problems } = await open(report, 'examples-800');
    try {
      expect(problems).toEqual([]);
      await expectNothingCutAt800(page, '#flows td[data-label="Basis and findings"], #graph svg.flow-graph');
      expect(await page.locator('#flows td[data-label="Basis and findings"]').count()).toBe(report.flows.length);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('stays readable in Japanese in an 800 px window: long Japanese sentences wrap, nothing is cut', async () => {
    const report = await exampleReport([EXAMPLES_DIR], '2026-11-28', 'ja');
    const { page, problems } = await open(report, 'examples-ja-800');
    try {
      expect(problems).toEqual([]);
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      await expectNothingCutAt800(page, '#flows td, #findings article.finding');
      expect(await page.locator('#findings article.finding').count()).toBe(report.findings.length);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('prints to A4 in a sane number of pages, without the navigation', async () => {
    const report = await exampleReport([EXAMPLES_DIR]);
    const { page } = await open(report, 'examples-print');
    try {
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('nav').isVisible()).resolves.toBe(false);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      // Page objects of the PDF (not the /Pages tree): one per printed page.
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(30);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('keeps a 50-party graph legible: every party box drawn apart from the others, text at 12px or more, not scaled down', async () => {
    const report = largeReport(50);
    const { page, problems } = await open(report, 'large');
    try {
      expect(problems).toEqual([]);
      const nodes = await page.locator('#graph svg g.node').evaluateAll((gs) =>
        gs.map((g) => {
          const shape = g.querySelector('path, polygon')!.getBoundingClientRect();
          const text = g.querySelector('text')!;
          return { x: shape.x, y: shape.y, w: shape.width, h: shape.height, fontPx: text.getBoundingClientRect().height, label: text.textContent };
        }),
      );
      expect(nodes).toHaveLength(50);
      for (const n of nodes) expect({ label: n.label, legible: n.fontPx >= 12 }).toEqual({ label: n.label, legible: true });
      const overlaps = nodes.flatMap((a, i) => nodes.slice(i + 1).filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).map((b) => `${a.label}/${b.label}`));
      expect(overlaps).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

if (!HAVE_CHROMIUM && !ON_CI) {
  console.warn(`\n\n  !!! SKIPPED: the HTML report browser tests need Chromium at ${CHROMIUM} (apt-get install chromium). They run, and fail without it, on CI (CI=true). !!!\n\n`);
}
