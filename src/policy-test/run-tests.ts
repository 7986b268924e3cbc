import * as path from 'node:path';
import { DiagnosticError, fail, formatDiagnostic, ok, type Result } from '../source/diagnostic';
import type { Checker, CheckerOptions, ManifestInput } from '../library/checker';
import { parseSource } from '../source/parse-source';
import { readTextFile } from '../source/read-file';
import type { SourceDocument } from '../source/source-document';
import type { Finding, Report } from '../types';
import { validateAgainst } from '../source/validate-schema';

interface ExpectedFinding {
  rule: string;
  flow?: string;
  severity?: string;
  path?: string[];
  message?: string;
}

interface FlowExpectation {
  verdict?: string;
  fires?: string[];
  regimes?: string[];
  basis?: string[];
}

interface PolicyTest {
  name: string;
  why?: string;
  asOf?: string;
  horizon?: string;
  manifests?: Record<string, unknown>;
  expect: { flows?: Record<string, FlowExpectation>; findings?: ExpectedFinding[]; absent?: ExpectedFinding[]; errors?: string[] };
}

/** A test file as written (schemas/policy-test.schema.json). */
export interface PolicyTestFile {
  description?: string;
  policy?: string;
  packs?: string[];
  asOf?: string;
  horizon?: string;
  manifests?: Record<string, unknown>;
  tests: PolicyTest[];
}

export interface LoadedTestFile {
  file: string;
  source: SourceDocument;
  data: PolicyTestFile;
}

/** The outcome of one test. */
export interface TestResult {
  file: string;
  name: string;
  line: number;
  passed: boolean;
  /** What differed, one line each ("flow f1: expected verdict allowed, got violation"). */
  failures: string[];
  /** Rule ids this test saw fire, and those it asserted to be absent (for coverage). */
  fired: string[];
  absent: string[];
  report?: Report;
}

/** Reads and validates a policy test file; errors are located. */
export function loadTestFile(file: string): Result<LoadedTestFile> {
  const read = readTextFile(file);
  if (!read.ok) return fail(read.diagnostics);
  const parsed = parseSource(file, read.value.text, read.value.sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const errors = validateAgainst('policy-test', parsed.value);
  if (errors.length > 0) return fail(errors);
  return ok({ file, source: parsed.value.source, data: parsed.value.data as PolicyTestFile });
}

/** What a test file asks of the checker: the policy or packs, resolved against the file's folder. */
export function checkerOptionsFor(test: LoadedTestFile): CheckerOptions {
  const dir = path.dirname(test.file);
  return {
    ...(test.data.policy ? { policy: path.join(dir, test.data.policy) } : {}),
    ...(test.data.packs ? { packs: test.data.packs } : {}),
  };
}

/**
 * Runs the tests of a file with a checker for its policy. A manifest given as a string is a path
 * relative to the test file; inline manifests are serialised as YAML-compatible JSON so that
 * findings still carry positions.
 */
export function runTestFile(test: LoadedTestFile, checker: Checker): TestResult[] {
  const dir = path.dirname(test.file);
  return test.data.tests.map((t, i) => {
    const line = test.source.locate(`/tests/${i}`).line;
    const failures: string[] = [];
    const asOf = t.asOf ?? test.data.asOf;
    if (!asOf) failures.push('no asOf: give the test or the file a date, so that its outcome does not change with the calendar');
    const manifests = t.manifests ?? test.data.manifests ?? {};
    const inputs: ManifestInput[] = [];
    for (const [name, value] of Object.entries(manifests)) {
      if (typeof value === 'string') {
        const file = path.join(dir, value);
        const read = readTextFile(file);
        if (!read.ok) failures.push(`manifest ${name}: ${read.diagnostics[0].message}`);
        else inputs.push({ file, text: read.value.text });
      } else inputs.push({ file: name, manifest: value });
    }
    if (failures.length > 0) return { file: test.file, name: t.name, line, passed: false, failures, fired: [], absent: [] };
    let report: Report;
    try {
      report = checker.check(inputs, { asOf, horizon: t.horizon ?? test.data.horizon });
    } catch (err) {
      const message = err instanceof DiagnosticError ? err.diagnostics.map((e) => formatDiagnostic(e)).join('; ') : (err as Error).message;
      return { file: test.file, name: t.name, line, passed: false, failures: [`the check failed: ${message}`], fired: [], absent: [] };
    }
    compare(t, report, failures);
    return {
      file: test.file,
      name: t.name,
      line,
      passed: failures.length === 0,
      failures,
      fired: [...new Set(report.findings.map((f) => f.ruleId))],
      absent: (t.expect.absent ?? []).map((a) => a.rule),
      report,
    };
  });
}

function compare(t: PolicyTest, report: Report, failures: string[]): void {
  const expectErrors = t.expect.errors ?? [];
  for (const e of report.errors) {
    if (!expectErrors.some((x) => e.message.includes(x))) failures.push(`unexpected input error: ${e.message}`);
  }
  for (const x of expectErrors) {
    if (!report.errors.some((e) => e.message.includes(x))) failures.push(`expected an input error containing "${x}", got none`);
  }
  // Flows and findings by flow id, once: each expectation then looks at its own flow only.
  const flowsById = new Map(report.flows.map((f) => [f.id, f]));
  const findingsByFlow = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = findingsByFlow.get(f.flowId);
    if (list) list.push(f);
    else findingsByFlow.set(f.flowId, [f]);
  }
  for (const [flowId, want] of Object.entries(t.expect.flows ?? {})) {
    const flow = flowsById.get(flowId);
    const ofFlow = findingsByFlow.get(flowId) ?? [];
    if (!flow) {
      failures.push(`flow ${flowId}: not in the report`);
      continue;
    }
    if (want.verdict && flow.verdict !== want.verdict) failures.push(`flow ${flowId}: expected verdict ${want.verdict}, got ${flow.verdict}`);
    if (want.fires) {
      const got = ofFlow.filter((f) => f.severity !== 'info').map((f) => f.ruleId).sort();
      const wanted = [...want.fires].sort();
      const gotSet = new Set(got);
      const wantedSet = new Set(wanted);
      for (const r of wanted.filter((r) => !gotSet.has(r))) failures.push(`flow ${flowId}: expected ${r} to fire, it did not`);
      for (const r of got.filter((r) => !wantedSet.has(r))) failures.push(`flow ${flowId}: ${r} fired unexpectedly: ${ofFlow.find((f) => f.ruleId === r)?.message}`);
    }
    if (want.regimes && JSON.stringify([...flow.regimes].sort()) !== JSON.stringify([...want.regimes].sort())) {
      failures.push(`flow ${flowId}: expected regimes [${want.regimes.join(', ')}], got [${flow.regimes.join(', ')}]`);
    }
    for (const b of want.basis ?? []) {
      if (!flow.basis.some((x) => x.text.includes(b))) failures.push(`flow ${flowId}: expected a basis containing "${b}", got [${flow.basis.map((x) => x.text).join(' | ')}]`);
    }
  }
  const findingsByRule = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = findingsByRule.get(f.ruleId);
    if (list) list.push(f);
    else findingsByRule.set(f.ruleId, [f]);
  }
  for (const want of t.expect.findings ?? []) {
    if (!(findingsByRule.get(want.rule) ?? []).some((f) => matches(f, want))) failures.push(`expected finding ${describe(want)}, got none${nearest(report.findings, want)}`);
  }
  for (const bad of t.expect.absent ?? []) {
    const hit = (findingsByRule.get(bad.rule) ?? []).find((f) => matches(f, bad));
    if (hit) failures.push(`finding ${describe(bad)} must not appear, but did: ${hit.message}`);
  }
}

function matches(f: Finding, want: ExpectedFinding): boolean {
  return (
    f.ruleId === want.rule &&
    (want.flow === undefined || f.flowId === want.flow) &&
    (want.severity === undefined || f.severity === want.severity) &&
    (want.path === undefined || JSON.stringify(f.path) === JSON.stringify(want.path)) &&
    (want.message === undefined || f.message.includes(want.message))
  );
}

function describe(want: ExpectedFinding): string {
  return [want.rule, want.flow && `on ${want.flow}`, want.severity && `(${want.severity})`, want.path && `path ${want.path.join(' → ')}`, want.message && `saying "${want.message}"`]
    .filter(Boolean)
    .join(' ');
}

function nearest(findings: Finding[], want: ExpectedFinding): string {
  const same = findings.filter((f) => f.ruleId === want.rule && (want.flow === undefined || f.flowId === want.flow));
  if (same.length === 0) return '';
  const f = same[0];
  return ` (closest: ${f.ruleId} on ${f.flowId}, ${f.severity}, path ${f.path.join(' → ')})`;
}
