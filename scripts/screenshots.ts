#!/usr/bin/env tsx
// Regenerates the screenshots of the HTML report of examples/ in docs/, in headless Chromium
// (Debian's package, driven by playwright-core), in each language (English and Japanese):
//
//   docs/report-<lang>-full.png   the whole page, 1280 px wide
//   docs/report-<lang>-800.png    the whole page, 800 px wide (a narrow window: nothing cut)
//   docs/report-screenshot.png    (English only) the top of the page down to the flow graph, 1280 px
//
//   npm run screenshots                 # every language
//   npm run screenshots -- --lang ja    # one
//
// Japanese needs a CJK font in the system (Debian: apt-get install fonts-noto-cjk); without one
// Chromium draws boxes, so the script refuses to write Japanese pictures then.
// The date is fixed (--as-of, default 2026-11-28), so the pictures change only when the law, the
// examples or the report do. CHROMIUM_PATH overrides /usr/bin/chromium.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { createChecker } from '../src/library/checker';
import { expandManifestPaths, readManifestFiles } from '../src/manifest/read-manifests';
import { formatHtml } from '../src/report/formatters/html';

const root = path.resolve(__dirname, '..');
/** The languages the HTML report is written in. */
const LANGUAGES = ['en', 'ja'] as const;
type Lang = (typeof LANGUAGES)[number];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The HTML report of examples/manifests, as `dfft check examples/manifests -f html` run at the root writes it. */
async function examplesHtml(asOf: string, lang: Lang): Promise<string> {
  process.chdir(root);
  const expanded = expandManifestPaths(['examples/manifests']);
  const read = readManifestFiles(expanded.files);
  const report = (await createChecker({ asOf, lang })).check(read.sources, { inputErrors: [...expanded.errors, ...read.errors] });
  return formatHtml(report);
}

async function shoot(browser: Browser, url: string, out: string, width: number, clipToGraph: boolean): Promise<void> {
  const page = await browser.newPage({ viewport: { width, height: 1000 }, deviceScaleFactor: 1 });
  try {
    await page.goto(url);
    if (clipToGraph) {
      // From the top to the end of the flow graph: the summary and the diagram.
      const graph = await page.locator('#graph').boundingBox();
      const bottom = graph ? Math.ceil(graph.y + graph.height + 24) : 1600;
      await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width, height: bottom } });
    } else {
      await page.screenshot({ path: out, fullPage: true });
    }
  } finally {
    await page.close();
  }
  process.stdout.write(`wrote ${path.relative(root, out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB)\n`);
}

async function main(): Promise<void> {
  const asOf = option('--as-of') ?? '2026-11-28';
  const asked = option('--lang');
  if (asked !== undefined && !(LANGUAGES as readonly string[]).includes(asked)) throw new Error(`--lang: expected one of ${LANGUAGES.join(', ')}, got ${asked}`);
  const langs: readonly Lang[] = asked === undefined ? LANGUAGES : [asked as Lang];
  if (langs.includes('ja')) assertJapaneseFont();
  const docs = path.join(root, 'docs');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const lang of langs) {
      const htmlFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-shots-')), `report-${lang}.html`);
      fs.writeFileSync(htmlFile, await examplesHtml(asOf, lang));
      const url = pathToFileURL(htmlFile).href;
      await shoot(browser, url, path.join(docs, `report-${lang}-full.png`), 1280, false);
      await shoot(browser, url, path.join(docs, `report-${lang}-800.png`), 800, false);
      if (lang === 'en') await shoot(browser, url, path.join(docs, 'report-screenshot.png'), 1280, true);
    }
  } finally {
    await browser.close();
  }
}

/** Japanese pictures drawn without a Japanese font would show boxes: refuse, naming the package. */
function assertJapaneseFont(): void {
  const found = spawnSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  if (found.status !== 0 || found.stdout.trim() === '') throw new Error('no Japanese font found (fc-list :lang=ja): install one, e.g. apt-get install -y fonts-noto-cjk');
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${(err as Error).message}\n`);
  process.exit(1);
});
