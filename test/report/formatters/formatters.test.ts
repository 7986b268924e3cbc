import { BINARY_FORMATS, FORMAT_NAMES, formatters, joinChunks, type FormatName, type FormatOptions } from '../../../src/report/formatters';
import type { Report } from '../../../src/types';
import { fixtureReport, waivedFixtureReport } from '../support/fixtures';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function emptyReport(): Report {
  const r = fixtureReport();
  return {
    ...r,
    inputs: [],
    summary: { flows: 0, verdicts: { allowed: 0, review: 0, violation: 0, 'not-assessed': 0 }, findings: { error: 0, warning: 0, info: 0 }, errors: 0 },
    flows: [],
    findings: [],
    errors: [],
  };
}

/** A format's output as one string (or Buffer): the streamed formats' pieces joined. */
async function format(name: FormatName, report: Report, options?: FormatOptions): Promise<string | Buffer> {
  const out = await formatters[name](report, options);
  return typeof out === 'string' || Buffer.isBuffer(out) ? out : joinChunks(out);
}

describe('formatters', () => {
  it('registers every format of the CLI by name', () => {
    expect(FORMAT_NAMES).toEqual(['text', 'json', 'ndjson', 'sarif', 'github', 'gitlab', 'junit', 'markdown', 'html', 'csv', 'appi-csv', 'xlsx']);
  });

  it.each(FORMAT_NAMES)('%s: gives byte-identical output for the same report, with no date or time of the run in it', async (name) => {
    // Move every date of the fixture away from today's, so today's date in the output can only come from a clock.
    const today = new Date().toISOString().slice(0, 10);
    const report = JSON.parse(JSON.stringify(fixtureReport()).split(today).join('2020-02-02')) as Report;
    report.asOf = '2020-02-02';
    const first = await format(name, report);
    const second = await format(name, JSON.parse(JSON.stringify(report)) as Report);
    // xlsx is a Buffer: equal bytes; the others strings.
    expect(Buffer.isBuffer(first) ? Buffer.compare(first, second as Buffer) : second).toBe(Buffer.isBuffer(first) ? 0 : first);
    if (Buffer.isBuffer(first)) return; // zipped: dates are checked by test/report/register.test.ts
    expect(first).not.toContain(today);
    expect(first).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it.each(FORMAT_NAMES)('%s: does not change the report it formats', async (name) => {
    const report = deepFreeze(waivedFixtureReport());
    const before = JSON.stringify(report);
    await format(name, report);
    expect(JSON.stringify(report)).toBe(before);
  });

  it.each(FORMAT_NAMES)('%s: formats a report with no flows, findings or inputs', async (name) => {
    const out = await format(name, emptyReport());
    expect(BINARY_FORMATS.has(name) ? Buffer.isBuffer(out) : typeof out === 'string').toBe(true);
    // github writes one workflow command per problem and nothing else: no problem, no line.
    if (name === 'github') expect(out).toBe('');
    else expect(out.length).toBeGreaterThan(0);
  });

  it.each(FORMAT_NAMES)('%s: works without the source text (no code frames outside text)', async (name) => {
    const withText = await format(name, fixtureReport(), { sourceText: () => 'manifestVersion: 1\n'.repeat(40) });
    const without = await format(name, fixtureReport());
    if (name === 'text') expect(withText).not.toBe(without);
    else if (Buffer.isBuffer(withText)) expect(Buffer.compare(withText, without as Buffer)).toBe(0);
    else expect(withText).toBe(without);
  });
});
