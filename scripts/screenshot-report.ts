#!/usr/bin/env tsx
// Renders the HTML report of the examples and screenshots it in headless Chromium (Debian's
// package, driven by playwright-core): docs/report-screenshot.png, which the README links.
//
//   npx tsx scripts/screenshot-report.ts                       # examples/manifests → docs/report-screenshot.png
//   npx tsx scripts/screenshot-report.ts --report r.json --out /tmp/r.png --full
//
// Options: --as-of DATE (default 2026-11-28, so the picture only changes when the law or the
// examples do), --report FILE (a JSON report instead of running the check), --out FILE,
// --html FILE (also keep the HTML), --width PX, --height PX (viewport), --full (the whole page;
// by default the picture ends below the flow graph).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { createChecker } from '../src/library/checker';
import { expandManifestPaths, readManifestFiles } from '../src/manifest/read-manifests';
import { formatHtml } from '../src/report/formatters/html';
import type { Report } from '../src/types';

const root = path.resolve(__dirname, '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const asOf = option('--as-of') ?? '2026-11-28';
  const out = path.resolve(option('--out') ?? path.join(root, 'docs', 'report-screenshot.png'));
  const width = Number(option('--width') ?? 1280);
  const height = Number(option('--height') ?? 1600);
  let report: Report;
  const reportFile = option('--report');
  if (reportFile) {
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report;
  } else {
    // Paths relative to the repository root, as a user would type them there.
    process.chdir(root);
    const expanded = expandManifestPaths(['examples/manifests']);
    const read = readManifestFiles(expanded.files);
    report = (await createChecker({ asOf })).check(read.sources, { inputErrors: [...expanded.errors, ...read.errors] });
  }
  const html = await formatHtml(report);
  const htmlFile = option('--html') ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-shot-')), 'report.html');
  fs.writeFileSync(htmlFile, html);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(htmlFile).href);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    if (process.argv.includes('--full')) {
      await page.screenshot({ path: out, fullPage: true });
    } else {
      // From the top to the end of the flow graph: the summary and the diagram, what the README shows.
      const graph = await page.locator('#graph').boundingBox();
      const bottom = graph ? Math.ceil(graph.y + graph.height + 24) : height;
      await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width, height: bottom } });
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)} (${(fs.statSync(out).size / 1024).toFixed(0)} KiB, HTML ${(html.length / 1024).toFixed(0)} KiB)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
