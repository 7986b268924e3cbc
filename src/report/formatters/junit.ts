import { escapeControl } from '../../source/escape-control';
import type { Finding, FlowResult } from '../../types';
import { suppressionOf } from '../suppression';
import { compareSeverity, findingsByFlow, overrideChange, overrideText, plural, regimesOf, where, type RegimeInfo } from './shared';
import type { SyncFormatter } from './types';
import { openTag, xmlText } from './xml';

interface Case {
  xml: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
}

/**
 * JUnit XML for Jenkins and GitLab: one test suite per rule pack (regime) with one test case per
 * flow the pack applied to. A case fails when the flow has an error or warning finding of that
 * pack that is neither waived nor in the baseline; the basis of a passing flow, and waived,
 * baselined and info findings, are in the case's system-out. Flows no pack judged (not in force
 * on asOf, or outside every pack) are skipped cases in a suite of their own, and input errors
 * are error cases in another, so every flow and every problem is accounted for. No timestamps
 * or durations, so the output is reproducible.
 */
export const formatJunit: SyncFormatter = (report) => {
  const byFlow = findingsByFlow(report);
  const suites: string[] = [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };

  const addSuite = (name: string, cases: Case[], properties: Array<[string, string]>, systemOut?: string): void => {
    const counts = {
      tests: cases.length,
      failures: cases.filter((c) => c.failure).length,
      errors: cases.filter((c) => c.error).length,
      skipped: cases.filter((c) => c.skipped).length,
    };
    totals.tests += counts.tests;
    totals.failures += counts.failures;
    totals.errors += counts.errors;
    totals.skipped += counts.skipped;
    const lines = [`  ${openTag('testsuite', { name, ...counts })}>`];
    if (properties.length > 0) {
      lines.push('    <properties>');
      for (const [k, v] of properties) lines.push(`      ${openTag('property', { name: k, value: v })}/>`);
      lines.push('    </properties>');
    }
    for (const c of cases) lines.push(c.xml);
    if (systemOut) lines.push(`    <system-out>${xmlText(systemOut)}</system-out>`);
    lines.push('  </testsuite>');
    suites.push(lines.join('\n'));
  };

  for (const regime of regimesOf(report)) {
    const cases = report.flows
      .filter((flow) => flow.active && (flow.regimes.includes(regime.id) || (byFlow.get(flow.id) ?? []).some((f) => f.regime === regime.id)))
      .map((flow) => flowCase(flow, regime, (byFlow.get(flow.id) ?? []).filter((f) => f.regime === regime.id)));
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
    addSuite(regime.id, cases, properties);
  }

  // Flows no pack judged still get a case each, skipped with the reason, so none goes unaccounted for.
  const unjudged = report.flows.filter((flow) => !flow.active || (flow.regimes.length === 0 && !byFlow.has(flow.id)));
  if (unjudged.length > 0) {
    addSuite(
      NO_REGIME,
      unjudged.map((flow) => ({
        xml: `${caseTag(flow, NO_REGIME)}>\n      ${openTag('skipped', { message: flow.active ? 'no rule pack applies to this flow' : 'flow not in force on the asOf date' })}/>\n    </testcase>`,
        failure: false,
        error: false,
        skipped: true,
      })),
      [['asOf', report.asOf]],
    );
  }

  if (report.errors.length > 0 || (report.warnings ?? []).length > 0) {
    const cases: Case[] = report.errors.map((e) => {
      const at = e.location ? where(e.location) : undefined;
      return {
        xml: [
          `    ${openTag('testcase', { classname: 'dfft.input', name: at ? `${e.code} at ${at}` : e.code, file: e.location ? escapeControl(e.location.file) : undefined, line: e.location?.line })}>`,
          `      ${openTag('error', { message: e.message, type: e.code })}>${xmlText([at ? `${at} ${e.message}` : e.message, e.hint ? `hint: ${e.hint}` : ''].filter(Boolean).join('\n'))}</error>`,
          '    </testcase>',
        ].join('\n'),
        failure: false,
        error: true,
        skipped: false,
      };
    });
    const warnings = (report.warnings ?? []).map((w) => `warning ${w.code}${w.location ? ` ${where(w.location)}` : ''}: ${w.message}${w.hint ? ` (${w.hint})` : ''}`);
    addSuite('dfft.input', cases, [['asOf', report.asOf]], warnings.length > 0 ? warnings.join('\n') : undefined);
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `${openTag('testsuites', { name: `${report.tool.name} ${report.tool.version} (as of ${report.asOf})`, ...totals })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};

/** The suite of flows that no rule pack judged: not in force, or outside every pack's scope. */
export const NO_REGIME = 'dfft.not-judged';

function caseTag(flow: FlowResult, classname: string): string {
  return `    ${openTag('testcase', { classname, name: `${flow.id} (${flow.from} ${flow.exporterCountry} → ${flow.to} ${flow.importerCountry})`, file: escapeControl(flow.location.file), line: flow.location.line })}`;
}

function flowCase(flow: FlowResult, regime: RegimeInfo, findings: Finding[]): Case {
  const open = caseTag(flow, regime.id);
  const sorted = [...findings].sort((a, b) => compareSeverity(a.severity, b.severity));
  const failing = sorted.filter((f) => f.severity !== 'info' && suppressionOf(f) === undefined);
  const quiet = sorted.filter((f) => !failing.includes(f));
  const basis = flow.basis.filter((b) => b.regime === regime.id).map((b) => `basis: ${b.text}`);
  const body: string[] = [];
  if (failing.length > 0) {
    const first = failing[0];
    const message = failing.length === 1 ? first.message : `${plural(failing.length, 'finding')}: ${[...new Set(failing.map((f) => f.ruleId))].join(', ')}`;
    body.push(`      ${openTag('failure', { message, type: first.ruleId })}>${xmlText(failing.map(describe).join('\n\n'))}</failure>`);
  }
  const out = [...basis, ...quiet.map(describe)];
  if (out.length > 0) body.push(`      <system-out>${xmlText(out.join('\n\n'))}</system-out>`);
  const xml = body.length > 0 ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
  return { xml, failure: failing.length > 0, error: false, skipped: false };
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
