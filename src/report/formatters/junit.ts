import { escapeControl } from '../../source/escape-control';
import type { Finding, FlowResult, InputErrorEntry, Report } from '../../types';
import { suppressionOf } from '../suppression';
import { compareSeverity, findingsByFlow, overrideChange, overrideText, plural, regimesOf, where, type RegimeInfo } from './shared';
import type { StreamFormatter } from './types';
import { openTag, xmlText } from './xml';

/**
 * JUnit XML for Jenkins and GitLab: one test suite per rule pack (regime) with one test case per
 * flow the pack applied to. A case fails when the flow has an error or warning finding of that
 * pack that is neither waived nor in the baseline; the basis of a passing flow, and waived,
 * baselined and info findings, are in the case's system-out. Flows no pack judged (not in force
 * on asOf, or outside every pack) are skipped cases in a suite of their own, and input errors
 * are error cases in another, so every flow and every problem is accounted for. No timestamps
 * or durations, so the output is reproducible. Counted first (a suite's tag holds its counts),
 * then written one piece per test case.
 */
export const formatJunit: StreamFormatter = function* (report) {
  const suites = suitesOf(report);
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const { counts } of suites) {
    totals.tests += counts.tests;
    totals.failures += counts.failures;
    totals.errors += counts.errors;
    totals.skipped += counts.skipped;
  }
  yield `<?xml version="1.0" encoding="UTF-8"?>\n${openTag('testsuites', { name: `${report.tool.name} ${report.tool.version} (as of ${report.asOf})`, ...totals })}>\n`;
  for (const suite of suites) {
    const lines = [`  ${openTag('testsuite', { name: suite.name, ...suite.counts })}>`];
    if (suite.properties.length > 0) {
      lines.push('    <properties>');
      for (const [k, v] of suite.properties) lines.push(`      ${openTag('property', { name: k, value: v })}/>`);
      lines.push('    </properties>');
    }
    yield `${lines.join('\n')}\n`;
    for (const xml of suite.cases()) yield `${xml}\n`;
    yield `${suite.systemOut ? `    <system-out>${xmlText(suite.systemOut)}</system-out>\n` : ''}  </testsuite>\n`;
  }
  yield '</testsuites>\n';
};

/** A test suite: its counts first (the opening tag holds them), its cases made as they are written. */
interface Suite {
  name: string;
  counts: { tests: number; failures: number; errors: number; skipped: number };
  properties: Array<[string, string]>;
  cases: () => Iterable<string>;
  systemOut?: string;
}

/** The suites: one per rule pack, the flows no pack judged, the input errors; counted in one pass, written in another. */
function suitesOf(report: Report): Suite[] {
  const byFlow = findingsByFlow(report);
  const suites: Suite[] = [];
  for (const regime of regimesOf(report)) {
    const findingsOf = (flow: FlowResult): Finding[] => (byFlow.get(flow.id) ?? []).filter((f) => f.regime === regime.id);
    const inSuite = (flow: FlowResult): boolean => flow.active && (flow.regimes.includes(regime.id) || (byFlow.get(flow.id) ?? []).some((f) => f.regime === regime.id));
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const flow of report.flows) {
      if (!inSuite(flow)) continue;
      counts.tests++;
      if (findingsOf(flow).some(fails)) counts.failures++;
    }
    const properties: Array<[string, string]> = [
      ['title', regime.title],
      ...(regime.version ? ([['version', regime.version]] as Array<[string, string]>) : []),
      ...(regime.effective ? ([['effective', regime.effective]] as Array<[string, string]>) : []),
      ['asOf', report.asOf],
      // A rule of this pack that the policy switched off or lowered is named on the suite it belongs to.
      ...report.policy.overrides
        .filter((o) => o.rule.startsWith(`${regime.id}/`))
        .map((o): [string, string] => [`policyOverride ${o.rule}`, `${overrideChange(o)}: ${o.reason}`]),
    ];
    suites.push({ name: regime.id, counts, properties, cases: () => mapped(report.flows, inSuite, (flow) => flowCase(flow, regime, findingsOf(flow))) });
  }

  // Flows no pack judged still get a case each, skipped with the reason, so none goes unaccounted for.
  const unjudged = (flow: FlowResult): boolean => !flow.active || (flow.regimes.length === 0 && !byFlow.has(flow.id));
  let skipped = 0;
  for (const flow of report.flows) if (unjudged(flow)) skipped++;
  if (skipped > 0) {
    suites.push({
      name: NO_REGIME,
      counts: { tests: skipped, failures: 0, errors: 0, skipped },
      properties: [['asOf', report.asOf]],
      cases: () => mapped(report.flows, unjudged, (flow) => `${caseTag(flow, NO_REGIME)}>\n      ${openTag('skipped', { message: flow.active ? 'no rule pack applies to this flow' : 'flow not in force on the asOf date' })}/>\n    </testcase>`),
    });
  }

  if (report.errors.length > 0 || (report.warnings ?? []).length > 0) {
    const warnings = (report.warnings ?? []).map((w) => `warning ${w.code}${w.location ? ` ${where(w.location)}` : ''}: ${w.message}${w.hint ? ` (${w.hint})` : ''}`);
    suites.push({
      name: 'dfft.input',
      counts: { tests: report.errors.length, failures: 0, errors: report.errors.length, skipped: 0 },
      properties: [['asOf', report.asOf]],
      cases: () => report.errors.map(errorCase),
      ...(warnings.length > 0 ? { systemOut: warnings.join('\n') } : {}),
    });
  }
  return suites;
}

function errorCase(e: InputErrorEntry): string {
  const at = e.location ? where(e.location) : undefined;
  return [
    `    ${openTag('testcase', { classname: 'dfft.input', name: at ? `${e.code} at ${at}` : e.code, file: e.location ? escapeControl(e.location.file) : undefined, line: e.location?.line })}>`,
    `      ${openTag('error', { message: e.message, type: e.code })}>${xmlText([at ? `${at} ${e.message}` : e.message, e.hint ? `hint: ${e.hint}` : ''].filter(Boolean).join('\n'))}</error>`,
    '    </testcase>',
  ].join('\n');
}

/** A finding that fails its case: an error or warning neither waived, baselined nor disabled. */
function fails(f: Finding): boolean {
  return f.severity !== 'info' && suppressionOf(f) === undefined;
}

function* mapped<T>(items: readonly T[], keep: (item: T) => boolean, f: (item: T) => string): Generator<string> {
  for (const item of items) if (keep(item)) yield f(item);
}

/** The suite of flows that no rule pack judged: not in force, or outside every pack's scope. */
export const NO_REGIME = 'dfft.not-judged';

function caseTag(flow: FlowResult, classname: string): string {
  return `    ${openTag('testcase', { classname, name: `${flow.id} (${flow.from} ${flow.exporterCountry} → ${flow.to} ${flow.importerCountry})`, file: escapeControl(flow.location.file), line: flow.location.line })}`;
}

function flowCase(flow: FlowResult, regime: RegimeInfo, findings: Finding[]): string {
  const open = caseTag(flow, regime.id);
  const sorted = [...findings].sort((a, b) => compareSeverity(a.severity, b.severity));
  const failing = sorted.filter(fails);
  const quiet = sorted.filter((f) => !failing.includes(f));
  const basis = [
    ...flow.basis.filter((b) => b.regime === regime.id).map((b) => `basis: ${b.text}`),
    ...(flow.failedBasis ?? []).filter((b) => b.regime === regime.id).map((b) => `basis failed: ${b.text} (rejected by ${b.rejectedBy.join(', ')})`),
  ];
  const body: string[] = [];
  if (failing.length > 0) {
    const first = failing[0];
    const message = failing.length === 1 ? first.message : `${plural(failing.length, 'finding')}: ${[...new Set(failing.map((f) => f.ruleId))].join(', ')}`;
    body.push(`      ${openTag('failure', { message, type: first.ruleId })}>${xmlText(failing.map(describe).join('\n\n'))}</failure>`);
  }
  const out = [...basis, ...quiet.map(describe)];
  if (out.length > 0) body.push(`      <system-out>${xmlText(out.join('\n\n'))}</system-out>`);
  return body.length > 0 ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}

function describe(f: Finding): string {
  const s = suppressionOf(f);
  const mark = s === 'waived' ? ` [waived by ${f.waiver!.approver} until ${f.waiver!.expires}: ${f.waiver!.reason}]` : s === 'baseline' ? ' [in baseline]' : '';
  const expired = f.waiver?.status === 'expired' ? ` [waiver expired on ${f.waiver.expires}]` : '';
  const override = f.policyOverride ? ` [${overrideText(f)}]` : '';
  return [
    `${f.severity} ${f.ruleId}${override}${mark}${expired} at ${where(f.location)}`,
    f.message,
    ...(f.path.length > 1 ? [`chain: ${f.path.join(' → ')}`] : []),
    `law: ${f.citation.law} ${f.citation.article}${f.citation.url ? ` ${f.citation.url}` : ''}`,
    `fix: ${f.remediation}`,
    `fingerprint: ${f.fingerprint}`,
  ].join('\n');
}
