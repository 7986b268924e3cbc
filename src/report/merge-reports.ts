import { diagnostic, fail, ok, type Diagnostic, type Result } from '../source/diagnostic';
import type { Finding, Report, ReportWarning, RuleInfo } from '../types';
import { overriddenFlows, overrideEffect } from './build-report';
import { compareById, compareFindings } from './order';
import { reportTables } from './formatters/lean';
import type { DatasetInfo, PartyInfo, SpecialCategoryInfo } from '../types/generated/report';
import { sortWarnings } from './waivers';

/** Warnings whose message names the flows where an overridden rule fired: each shard names its own. */
const OVERRIDE_CODES = new Set(['policy/law-disabled', 'policy/law-lowered']);

/**
 * Unions the reports of the n shards of one run (`dfft check --shard i/n`, in any order) into the
 * report the unsharded run gives, equal as JSON byte for byte:
 *
 * - flows: the shards' flows in shard order (each shard holds a contiguous range of the model);
 * - parties, datasets and special categories: the union, by id; findings: all of them, in the report's order; rules:
 *   the union, by id;
 * - summary: flows, verdicts, findings, disabled and lowered summed; errors and warnings as every
 *   shard has them (every shard read every file and loaded the same policy);
 * - errors: every shard's, which must be the same list; warnings: the same in every shard, except
 *   that a warning of a disabled or lowered built-in rule is written again for all the flows.
 *
 * Reports that do not belong together are rejected with every reason: not shard reports, other
 * asOf, horizon, tool, policy, inputs, errors or warnings, other shard counts or flow totals, a
 * missing or repeated shard, ranges that do not tile the flows. Waivers and a baseline are
 * applied to the merged report, not to shards: a shard cannot tell that a waiver is unused.
 * Pure: no I/O.
 */
export function mergeReports(reports: readonly Report[]): Result<Report> {
  const errors = checkBelongTogether(reports);
  if (errors.length > 0) return fail(errors);
  const shards = [...reports].sort((a, b) => a.shard!.index - b.shard!.index);
  const first = shards[0];
  const flows = shards.flatMap((r) => r.flows);
  // Stable sort of findings concatenated in flow order: ties (only within one flow) keep the order one run gives them.
  const findings = shards.flatMap((r) => r.findings).sort(compareFindings);
  const warnings = mergeWarnings(first.warnings, findings);
  if (!warnings.ok) return fail(warnings.diagnostics);
  const { shard: _shard, ...base } = first;
  const merged: Report = {
    ...base,
    summary: mergeSummary(shards),
    ...mergeTables(shards),
    flows,
    findings,
    rules: mergeRules(shards),
    ...(warnings.value ? { warnings: warnings.value } : {}),
  };
  return ok(merged);
}

/** Every reason the reports are not the shards of one run. */
function checkBelongTogether(reports: readonly Report[]): Diagnostic[] {
  const errors: Diagnostic[] = [];
  const reject = (message: string, hint?: string): void => void errors.push(diagnostic('argument/invalid', message, undefined, hint));
  if (!Array.isArray(reports) || reports.length === 0) {
    reject('merge: no reports given', 'give the JSON reports of every shard of one run (dfft check --shard i/n -f json)');
    return errors;
  }
  reports.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || r.shard === undefined) reject(`merge: report ${i + 1} is not a shard report (it has no "shard")`, 'make each with dfft check --shard i/n -f json');
  });
  if (errors.length > 0) return errors;
  const first = reports[0];
  const same = (what: string, pick: (r: Report) => unknown): void => {
    const expected = JSON.stringify(pick(first));
    reports.forEach((r, i) => {
      if (i > 0 && JSON.stringify(pick(r)) !== expected) reject(`merge: report ${i + 1} has other ${what} than report 1: they are not shards of one run`);
    });
  };
  same('reportVersion and tool', (r) => [r.reportVersion, r.tool]);
  same('asOf or horizon', (r) => [r.asOf, r.horizon ?? null]);
  same('language (lang)', (r) => r.lang ?? 'en');
  same('policy', (r) => r.policy);
  same('inputs (files or their sha256)', (r) => r.inputs);
  same('input errors', (r) => [r.errors, r.summary.errors]);
  same('warnings', (r) => (r.warnings ?? []).filter((w) => !OVERRIDE_CODES.has(w.code)).map((w) => [w.code, w.message, w.location ?? null]));
  same('shard count or flow total', (r) => [r.shard!.count, r.shard!.flows]);
  if (errors.length > 0) return errors;
  for (const r of reports) {
    if (r.policy.waivers !== undefined || r.summary.waived !== undefined || r.summary.baselined !== undefined) {
      reject(`merge: shard ${r.shard!.index} has waivers or a baseline applied`, 'check shards without --waivers and --baseline; apply them to the merged report (dfft merge --waivers/--baseline)');
      break;
    }
  }
  errors.push(...checkTiling(reports));
  return errors;
}

/** Each shard 1..n exactly once, and their ranges, in order, cover 0..flows with their own flows. */
function checkTiling(reports: readonly Report[]): Diagnostic[] {
  const { count, flows } = reports[0].shard!;
  const out: Diagnostic[] = [];
  const seen = new Map<number, number>();
  for (const r of reports) seen.set(r.shard!.index, (seen.get(r.shard!.index) ?? 0) + 1);
  const missing: number[] = [];
  for (let i = 1; i <= count; i++) if (!seen.has(i)) missing.push(i);
  const repeated = [...seen].filter(([, n]) => n > 1).map(([i]) => i).sort((a, b) => a - b);
  const outside = [...seen.keys()].filter((i) => i < 1 || i > count);
  if (missing.length > 0) out.push(diagnostic('argument/invalid', `merge: shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} missing`, undefined, 'give the report of every shard of the run'));
  if (repeated.length > 0) out.push(diagnostic('argument/invalid', `merge: shard${repeated.length === 1 ? '' : 's'} ${repeated.join(', ')} given more than once`));
  if (outside.length > 0) out.push(diagnostic('argument/invalid', `merge: shard ${outside.join(', ')} is outside 1..${count}`));
  if (out.length > 0) return out;
  let next = 0;
  for (const r of [...reports].sort((a, b) => a.shard!.index - b.shard!.index)) {
    const { index, start, end } = r.shard!;
    if (start !== next || end < start || r.flows.length !== end - start || r.summary.flows !== end - start) {
      out.push(diagnostic('argument/invalid', `merge: shard ${index} covers flows ${start}..${end} with ${r.flows.length} flow results, not the range after shard ${index - 1} (from ${next})`));
    }
    next = end;
  }
  if (out.length === 0 && next !== flows) out.push(diagnostic('argument/invalid', `merge: the shards cover ${next} of ${flows} flows`));
  return out;
}

/** The parties and datasets of every shard, once each by id and sorted: each shard names those of its own flows. */
function mergeTables(shards: readonly Report[]): Pick<Report, 'parties' | 'datasets' | 'specialCategories'> {
  const parties = new Map<string, PartyInfo>();
  const datasets = new Map<string, DatasetInfo>();
  for (const r of shards) {
    const tables = reportTables(r);
    for (const p of tables.parties) if (!parties.has(p.id)) parties.set(p.id, p);
    for (const d of tables.datasets) if (!datasets.has(d.id)) datasets.set(d.id, d);
  }
  const special = new Map<string, SpecialCategoryInfo>();
  for (const r of shards) for (const c of r.specialCategories ?? []) if (!special.has(c.id)) special.set(c.id, c);
  return {
    parties: [...parties.values()].sort(compareById),
    datasets: [...datasets.values()].sort(compareById),
    ...(shards.some((r) => r.specialCategories !== undefined) ? { specialCategories: [...special.values()].sort(compareById) } : {}),
  };
}

function mergeSummary(shards: readonly Report[]): Report['summary'] {
  const first = shards[0].summary;
  const verdicts = { ...first.verdicts };
  const severities = { ...first.findings };
  for (const key of Object.keys(verdicts) as Array<keyof typeof verdicts>) verdicts[key] = sum(shards, (s) => s.verdicts[key]);
  for (const key of Object.keys(severities) as Array<keyof typeof severities>) severities[key] = sum(shards, (s) => s.findings[key]);
  // In the order a run writes its summary (ReportBuilder.finish): a shard without inactive flows
  // leaves the field out, and spreading its summary would put the sum after the others.
  const { flows: _flows, verdicts: _verdicts, inactive: _inactive, findings: _findings, errors, disabled, lowered, ...rest } = first;
  const inactive = sum(shards, (s) => s.inactive ?? 0);
  return {
    flows: sum(shards, (s) => s.flows),
    verdicts,
    ...(inactive > 0 ? { inactive } : {}),
    findings: severities,
    errors,
    ...(disabled !== undefined ? { disabled: sum(shards, (s) => s.disabled ?? 0) } : {}),
    ...(lowered !== undefined ? { lowered: sum(shards, (s) => s.lowered ?? 0) } : {}),
    ...rest,
  };
}

function sum(shards: readonly Report[], pick: (s: Report['summary']) => number): number {
  let n = 0;
  for (const r of shards) n += pick(r.summary);
  return n;
}

/** The rules that fired in any shard, by id; the same rule is described the same way in every shard. */
function mergeRules(shards: readonly Report[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const r of shards) for (const rule of r.rules ?? []) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return [...byId.values()].sort(compareById);
}

/**
 * The first shard's warnings, with each override warning's end (the flows where the rule fired)
 * written again for the merged findings; its beginning is the shard's message without its own end.
 */
function mergeWarnings(warnings: readonly ReportWarning[] | undefined, findings: readonly Finding[]): Result<ReportWarning[] | undefined> {
  if (warnings === undefined) return ok(undefined);
  const flowsOf = overriddenFlows(findings);
  const out: ReportWarning[] = [];
  for (const w of warnings) {
    if (!OVERRIDE_CODES.has(w.code)) {
      out.push(w);
      continue;
    }
    const change = w.code === 'policy/law-disabled' ? 'disabled' : 'lowered';
    const rule = /built-in rule (\S+)/.exec(w.message)?.[1];
    const tail = w.message.lastIndexOf('; it ');
    if (rule === undefined || tail < 0 || !/^; it (would have )?fired on /.test(w.message.slice(tail))) return fail([diagnostic('argument/invalid', `merge: warning "${w.message}" is not one dfft writes for ${w.code}`)]);
    out.push({ ...w, message: `${w.message.slice(0, tail)}; ${overrideEffect(change, flowsOf.get(rule) ?? [])}` });
  }
  return ok(sortWarnings(out));
}
