import { createColors } from 'picocolors';
import type { Finding, InputErrorEntry, Report } from '../../types';
import { suppressionOf } from '../suppression';
import { escapeControl } from '../../source/escape-control';
import { codeFrame } from './code-frame';
import { lawOverrides, overrideChange, overrideText, where } from './shared';
import type { FormatOptions, StreamFormatter } from './types';
import { textsOf, type ReportTexts } from './i18n';

/**
 * Human-readable output, grouped by file: input errors first, then findings, each with its
 * location, rule, citation, remediation and a code frame; a summary line at the end. One piece
 * per problem (a file's name with its first). Text from
 * input (file names, waiver reasons, warnings) is escaped so that it cannot add a line.
 */
export const formatText: StreamFormatter = function* (report, options = {}) {
  const c = createColors(options.color ?? false);
  const t = textsOf(report);
  const byFile = new Map<string, Item[]>();
  const push = (file: string, item: Item): void => {
    const list = byFile.get(file) ?? [];
    list.push(item);
    byFile.set(file, list);
  };
  const general: InputErrorEntry[] = [];
  for (const e of report.errors) {
    if (e.location) push(e.location.file, { kind: 'error', e });
    else general.push(e);
  }
  for (const f of report.findings) push(f.location.file, { kind: 'finding', f });

  for (const e of general) yield piece([`${c.red(t.common.severity.error)}  ${e.message}${e.hint ? ` (${e.hint})` : ''}  ${c.dim(e.code)}`, '']);
  for (const [file, items] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // The file's name goes out with its first problem, one piece per problem.
    let head = piece([c.underline(escapeControl(file))]);
    for (const item of items) {
      yield head + piece([...itemLines(item, file, c, options, t), '']);
      head = '';
    }
  }
  const warnings = (report.warnings ?? []).map((w) => `${c.yellow(t.common.severity.warning)}  ${w.location ? `${where(w.location)}  ` : ''}${escapeControl(w.message)}${w.hint ? ` (${escapeControl(w.hint)})` : ''}  ${c.dim(w.code)}`);
  if (warnings.length > 0) yield piece([...warnings, '']);
  yield piece([summaryLine(report, c, t)]);
};

type Item = { kind: 'error'; e: InputErrorEntry } | { kind: 'finding'; f: Finding };
type Colors = ReturnType<typeof createColors>;

/** Lines, each with its newline: a piece of the output. */
function piece(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) out += `${line}\n`;
  return out;
}

/** An input error or a finding of a file: its line, what the policy, a waiver and the law say, and its code frame. */
function itemLines(item: Item, file: string, c: Colors, options: FormatOptions, t: ReportTexts): string[] {
  const lines: string[] = [];
  const x = t.text;
  const sevWord = t.common.severity;
  if (item.kind === 'error') {
    const { e } = item;
    const loc = e.location!;
    lines.push(`  ${c.dim(`${loc.line}:${loc.column}`)}  ${c.red(sevWord.error)}  ${e.message}${e.hint ? ` (${e.hint})` : ''}  ${c.dim(e.code)}`);
    const frame = codeFrame(loc, options.sourceText?.(file), options.color);
    if (frame) lines.push(indent(frame, 4));
    return lines;
  }
  const { f } = item;
  const sev = f.severity === 'error' ? c.red(sevWord.error) : f.severity === 'warning' ? c.yellow(sevWord.warning) : c.blue(sevWord.info);
  const s = suppressionOf(f);
  const mark = s === 'disabled' ? `  ${c.magenta(x.mark.disabled)}` : s === 'waived' ? `  ${c.magenta(x.mark.waived)}` : s === 'baseline' ? `  ${c.dim(x.mark.baselined)}` : f.waiver?.status === 'expired' ? `  ${c.yellow(x.mark.expired)}` : '';
  lines.push(`  ${c.dim(`${f.location.line}:${f.location.column}`)}  ${sev}  ${f.message}  ${c.dim(f.ruleId)}${mark}`);
  const override = overrideText(f, t);
  if (override) lines.push(`    ${c.magenta(x.policy)} ${escapeControl(override)}`);
  if (f.waiver) lines.push(`    ${c.dim(x.waiver)} ${x.waiverDetail(escapeControl(f.waiver.reason), escapeControl(f.waiver.approver), f.waiver.status === 'active', f.waiver.expires)}`);
  if (f.path.length > 1) lines.push(`    ${c.dim(x.chain)} ${f.path.join(' → ')}`);
  lines.push(`    ${c.dim(x.law)} ${f.citation.law} ${f.citation.article}${f.citation.url ? ` ${c.dim(f.citation.url)}` : ''}`);
  lines.push(`    ${c.dim(x.fix)} ${f.remediation}`);
  const frame = codeFrame(f.location, options.sourceText?.(file), options.color);
  if (frame) lines.push(indent(frame, 4));
  return lines;
}

/**
 * The last line. It never shows ✔ while the run judged less than the law asks: flows no pack
 * assessed, built-in rules the policy disabled or lowered, or a policy that applies no law.
 */
function summaryLine(report: Report, c: Colors, t: ReportTexts): string {
  const x = t.text;
  const { findings, verdicts, flows, errors } = report.summary;
  const notAssessed = verdicts['not-assessed'] ?? 0;
  const problems = findings.error + findings.warning;
  const overridden = lawOverrides(report);
  const noLaw = (report.warnings ?? []).some((w) => w.code === 'policy/no-law');
  const short = notAssessed > 0 || overridden.length > 0 || noLaw || (report.summary.disabled ?? 0) > 0;
  const mark = errors > 0 || findings.error > 0 ? c.red('✖') : findings.warning > 0 || short ? c.yellow('!') : c.green('✔');
  const sep = t.common.listSeparator;
  const parts = [
    x.problems(problems, findings.error, findings.warning, findings.info),
    `${x.flows(flows, verdicts.allowed, verdicts.review, verdicts.violation)}${notAssessed > 0 ? `${sep}${c.yellow(x.notAssessed(notAssessed))}` : ''}${report.summary.inactive ? `${sep}${x.inactive(report.summary.inactive)}` : ''}`,
  ];
  if (notAssessed > 0) {
    const would = [...new Set(report.flows.flatMap((f) => (f.verdict === 'not-assessed' ? f.wouldApply ?? [] : [])))].sort();
    parts.push(c.yellow(x.notAssessedWhy(notAssessed, would.join(sep), would.join(','))));
  }
  if (noLaw) parts.push(c.yellow(x.noLaw));
  if (overridden.length > 0) {
    const fired = new Map<string, number>();
    for (const f of report.findings) if (f.policyOverride && f.policyOverride.change !== 'raised') fired.set(f.ruleId, (fired.get(f.ruleId) ?? 0) + 1);
    const named = overridden.map((o) => x.overridden(o.rule, overrideChange(o, t), fired.get(o.rule) ?? 0, escapeControl(o.reason)));
    parts.push(c.magenta(x.overridesLaw(named.join(sep))));
  }
  const set = report.policy.parameters ?? [];
  if (set.length > 0) parts.push(c.magenta(x.parameters(set.map((p) => x.parameter(p.name, JSON.stringify(p.value), JSON.stringify(p.default))).join(sep))));
  const kept = [report.summary.waived ? x.waived(report.summary.waived) : '', report.summary.baselined ? x.baselined(report.summary.baselined) : ''].filter(Boolean);
  if (kept.length > 0) parts.push(x.notFailing(kept.join(sep)));
  if (errors > 0) parts.push(c.red(x.inputErrors(errors)));
  return x.line(mark, parts.join(x.partSeparator), report.asOf);
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text.split('\n').map((l) => (l ? pad + l : l)).join('\n');
}
