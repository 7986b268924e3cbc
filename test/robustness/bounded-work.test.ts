/**
 * Bounded work and output: the checks on input are linear (no key compared with every other,
 * no position found by rescanning the text), aliases are bounded by what they expand to, free
 * text by the schema, diagrams by their size and reports by --max-report-size. No timings: the
 * tests count units of work, or check what is produced.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yamlModule from 'yaml';
import { parseSource } from '../../src/source/parse-source';
import { resetWorkCounters, workCounters } from '../../src/source/work-counters';
import { aliasExpansionLimit } from '../../src/source/yaml-data';
import { formatters } from '../../src/report/formatters';
import { COUNTRY_GRAPH_MAX_ARROWS, GRAPH_MAX_ARROWS, GRAPH_MAX_PARTIES, graphScope, flowGraphDot } from '../../src/report/formatters/flow-graph';
import { formatReport } from '../../src/report/format-report';
import type { Report } from '../../src/types';
import { aliasBombBySize, longNameEstate, manyKeysJson, manyKeysYaml, wideEstate } from '../fixtures/hostile/generate';
import { runCli } from '../support/cli';
import { tmpDir } from '../support/tmp';
import { formatDiagnostic } from '../../src/source/diagnostic';

function errorsOf(file: string, text: string): string[] {
  const r = parseSource(file, text);
  if (r.ok) throw new Error('expected an error');
  return r.diagnostics.map((e) => formatDiagnostic(e));
}

describe('duplicate keys among 50,000, found and located', () => {
  it('in one YAML mapping', () => {
    expect(errorsOf('keys.yaml', manyKeysYaml(50_000))).toEqual(['keys.yaml:50004:3 invalid YAML: map keys must be unique']);
  });

  it('in one JSON object', () => {
    const text = manyKeysJson(50_000);
    const column = text.lastIndexOf('"k0"') + 1;
    expect(errorsOf('keys.json', text)).toEqual([`keys.json:1:${column} duplicate key "k0" (JSON parsers keep one of them silently; remove or rename the other)`]);
  });

  it('by the CLI, exit 2', async () => {
    const dir = tmpDir({ 'keys.yaml': manyKeysYaml(50_000), 'keys.json': manyKeysJson(50_000) });
    const { code, stdout } = await runCli(['validate', dir]);
    expect(code).toBe(2);
    expect(stdout).toContain('keys.yaml:50004:3 invalid YAML: map keys must be unique');
    expect(stdout).toContain('duplicate key "k0"');
  });

  it('numbers and strings that become the same property are duplicates too (YAML)', () => {
    expect(errorsOf('k.yaml', 'a: 1\n1: x\n"1": y\n')).toEqual(['k.yaml:3:1 invalid YAML: map keys must be unique']);
  });
});

describe('the work of reading input grows linearly', () => {
  // Doubling the input must double the work, not quadruple it: a quadratic check (each key
  // compared with every earlier one) would multiply the count by four.
  const work = (text: (n: number) => string, file: string, n: number) => {
    resetWorkCounters();
    const r = parseSource(file, text(n));
    return { ...workCounters, ok: r.ok };
  };

  it('YAML: the parser is not asked to compare keys (its check is quadratic); nodes and key lookups double with the input', () => {
    const spy = jest.spyOn(yamlModule, 'parseDocument');
    try {
      const small = work((n) => manyKeysYaml(n, false), 'k.yaml', 10_000);
      const large = work((n) => manyKeysYaml(n, false), 'k.yaml', 20_000);
      expect(spy.mock.calls.every(([, options]) => (options as { uniqueKeys?: unknown }).uniqueKeys === false)).toBe(true);
      expect(small.ok && large.ok).toBe(true);
      expect(large.keyLookups / small.keyLookups).toBeLessThan(2.01);
      expect(large.yamlNodes / small.yamlNodes).toBeLessThan(2.01);
    } finally {
      spy.mockRestore();
    }
  });

  it('JSON: one key lookup per key', () => {
    const small = work((n) => manyKeysJson(n, false), 'k.json', 10_000);
    const large = work((n) => manyKeysJson(n, false), 'k.json', 20_000);
    expect(small.keyLookups).toBe(10_000 + 3);
    expect(large.keyLookups).toBe(20_000 + 3);
  });

  it('locating every key of a large YAML mapping indexes the mapping once', () => {
    const r = parseSource('k.yaml', manyKeysYaml(20_000, false));
    if (!r.ok) throw new Error('parse');
    resetWorkCounters();
    for (let i = 0; i < 20_000; i += 1) r.value.source.locate(`/system/k${i}`, { key: true });
    expect(r.value.source.locate('/system/k19999', { key: true }).line).toBe(20_003);
    // Two mappings on the way (the document and system): each indexed once.
    expect(workCounters.pairsIndexed).toBe(2 + 20_001);
  });

  it('aliases are resolved through a table, not by searching the document per alias', () => {
    const text = (n: number) => `${Array.from({ length: n }, (_, i) => `a${i}: &x${i} v${i}\nb${i}: *x${i}`).join('\n')}\n`;
    const small = work(text, 'a.yaml', 5_000);
    const large = work(text, 'a.yaml', 10_000);
    expect(small.ok && large.ok).toBe(true);
    expect(large.yamlNodes / small.yamlNodes).toBeLessThan(2.01);
  });
});

describe('YAML aliases are bounded by what they expand to', () => {
  it('98 aliases of a 200,000-character string are refused at the alias that crosses the limit', () => {
    const text = aliasBombBySize(200_000, 98);
    const limit = aliasExpansionLimit(text.length);
    expect(limit).toBe(10 * text.length);
    // The text counts once; each alias adds the string's 200,002 characters (with its quotes).
    const crossing = Math.floor((limit - text.length) / 200_002) + 1;
    expect(errorsOf('bomb.yaml', text)).toEqual([
      `bomb.yaml:${5 + crossing}:5 invalid YAML: alias *big expands the document past ${limit.toLocaleString('en-US')} characters (YAML aliases may expand a document to 10 times its size, at least 1 MiB and at most 128 MiB; more is an alias bomb)`,
    ]);
  });

  it('a few aliases within the limit are fine, and share the value', () => {
    const r = parseSource('ok.yaml', aliasBombBySize(1_000, 50));
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value.data as { 'x-copies': string[] })['x-copies']).toHaveLength(50);
  });

  it('a cycle, an alias before its anchor and an alias as a key are located errors', () => {
    expect(errorsOf('c.yaml', 'a: &x [1, *x]\nb: *y\n&k c: 1\n*k : 2\n')).toEqual([
      'c.yaml:1:11 invalid YAML: alias *x refers to a node that contains it (a cycle has no data form)',
      'c.yaml:2:4 invalid YAML: unresolved alias *y (an anchor &y must come before it)',
      'c.yaml:4:1 invalid YAML: an alias (*k) as a map key is not supported (write the key as a plain string)',
    ]);
  });
});

describe('names and free text are bounded by the schema', () => {
  it('a 400,000-character name repeated over 1,500 flows is a schema error with the limit, not a crash', async () => {
    const text = longNameEstate(400_000, 1_500);
    const dir = tmpDir({ 'long.json': text });
    const column = text.indexOf('"NNN') + 1;
    const check = await runCli(['check', path.join(dir, 'long.json'), '-f', `html=${path.join(dir, 'r.html')}`]);
    expect(check.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'r.html'))).toBe(true); // the report of the failed input, with its errors
    const validate = await runCli(['validate', path.join(dir, 'long.json')]);
    expect(validate.code).toBe(2);
    expect(validate.stdout).toContain(`long.json:1:${column} parties[0].name: is 400000 characters long, over the limit of 200`);
    expect(validate.stdout).toContain(`long.json:1:${text.indexOf('"NNN', column) + 1} parties[1].name: is 400000 characters long, over the limit of 200`);
  });
});

describe('the HTML diagram is bounded', () => {
  it(`300 parties and 800 flows: drawn by country, and the report says so`, async () => {
    const dir = tmpDir({ 'wide.json': wideEstate(300, 800, 12) });
    const out = path.join(dir, 'r.html');
    const { code } = await runCli(['check', path.join(dir, 'wide.json'), '-f', `html=${out}`]);
    expect(code).toBeLessThan(2);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/Drawn by country: 300 parties and \d+ pairs of parties with flows are more than a diagram can show legibly \(the limits are 100 parties and 200 pairs\)\. Every flow is listed below\./);
    expect(html).toContain('<svg class="flow-graph"');
    expect(html).toContain('Each box is a country');
    // Every flow is still in the table.
    expect(html.match(/<tr id="flow-f\d+"/g)).toHaveLength(800);
  });

  it('the party diagram up to the limits, the country diagram above either of them', () => {
    const report = (parties: number, flows: number) => JSON.parse(JSON.stringify({ flows: (JSON.parse(wideEstate(parties, flows)) as { flows: Array<{ id: string; from: string; to: string }> }).flows.map((f) => ({ ...f, exporterCountry: 'DE', importerCountry: 'US', verdict: 'allowed', active: true })) })) as Report;
    expect(graphScope(report(GRAPH_MAX_PARTIES, 150)).kind).toBe('parties');
    expect(graphScope(report(GRAPH_MAX_PARTIES + 1, 300)).kind).toBe('countries');
    expect(graphScope(report(60, GRAPH_MAX_ARROWS + 60)).kind).toBe('countries');
    // Above COUNTRY_GRAPH_MAX_ARROWS pairs of countries, no diagram at all.
    const manyCountries = report(400, 800);
    manyCountries.flows.forEach((f, i) => Object.assign(f, { exporterCountry: `C${i % 40}`, importerCountry: `D${Math.floor(i / 40)}` }));
    expect(COUNTRY_GRAPH_MAX_ARROWS).toBeLessThan(800);
    expect(graphScope(manyCountries)).toEqual({ kind: 'none', parties: 400, countryArrows: 800 });
    const dot = flowGraphDot(report(GRAPH_MAX_PARTIES + 1, 300));
    expect(dot).toContain('"country-DE" -> "country-US"');
    expect(dot).not.toContain('"p0"');
  });
});

describe('--max-report-size', () => {
  it('a report over the limit is a clear error, exit 2, and nothing is written', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'r.html');
    const { code, stderr } = await runCli(['check', path.join(__dirname, '..', '..', 'examples', 'manifests', 'clean-eu-shop.yaml'), '--max-report-size', '1KB', '-f', `html=${out}`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the html report is [\\d,]+ bytes, over the limit of 1,000 bytes \\(--max-report-size\\) \\(check fewer manifests per run, pick a more compact format \\(json, csv\\), or raise --max-report-size\\)  \\[report/too-large\\]$`, 'm'));
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a formatter that runs out of string length becomes the same error, not a crash', async () => {
    const spy = jest.spyOn(formatters, 'json').mockImplementation(() => {
      throw new RangeError('Invalid string length');
    });
    try {
      await expect(formatReport('json', {} as Report, {}, 1024, 'stdout')).rejects.toMatchObject({
        name: 'DiagnosticError',
        diagnostics: [expect.objectContaining({ code: 'report/too-large', message: 'stdout: the json report is too large to build, over the limit of 1,024 bytes (--max-report-size)' })],
      });
    } finally {
      spy.mockRestore();
    }
  });
});
