import * as path from 'node:path';
import { FORMAT_NAMES, formatters, type FormatOptions } from '../../src/report/formatters';
import type { Report } from '../../src/types';
import { runCli } from '../support/cli';
import { defaultReportLimit } from '../../src/cli/check-command';
import { DEFAULT_MAX_REPORT_BYTES } from '../../src/report/format-report';

// --pretty and --full reach the formatter as FormatOptions; -f's help names every format.

const clean = path.join(__dirname, '..', '..', 'examples', 'manifests', 'clean-eu-shop.yaml');
const registry = formatters as unknown as Record<string, (r: Report, o?: FormatOptions) => unknown>;
const original = registry.json;
afterEach(() => void (registry.json = original));

async function optionsGiven(...flags: string[]): Promise<FormatOptions | undefined> {
  let given: FormatOptions | undefined;
  registry.json = (_r, o) => {
    given = o;
    return '{}\n';
  };
  const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', clean, '-f', 'json', ...flags]);
  expect(code).toBe(0);
  expect(stdout).toBe('{}\n');
  return given;
}

it('--pretty and --full are passed to the formatter', async () => {
  expect(await optionsGiven('--pretty', '--full')).toMatchObject({ pretty: true, full: true });
  expect(await optionsGiven('--pretty')).toMatchObject({ pretty: true });
});

it('without --pretty and --full the formatter is given neither', async () => {
  const given = await optionsGiven();
  expect(given).not.toHaveProperty('pretty');
  expect(given).not.toHaveProperty('full');
});

it('the help of -f names every format, ndjson among them', async () => {
  const { stdout } = await runCli(['check', '--help']);
  const help = stdout.replace(/\s+/g, ' ');
  const formatHelp = help.slice(help.indexOf('-f, --format'), help.indexOf('-o, --output'));
  for (const name of [...FORMAT_NAMES, 'ndjson']) expect(formatHelp).toMatch(new RegExp(`\\b${name}\\b`));
  expect(help).toContain('--pretty');
  expect(help).toContain('--full');
});

it('without --max-report-size the limit grows with the manifests read: 8 characters of report per character, at least 256 MiB', () => {
  expect(defaultReportLimit(3000)).toBe(DEFAULT_MAX_REPORT_BYTES);
  expect(defaultReportLimit(0)).toBe(DEFAULT_MAX_REPORT_BYTES);
  // The manifests of 1M flows (400 MB) allow the 1 GB lean json report they give.
  expect(defaultReportLimit(400_000_000)).toBe(3_200_000_000);
});
