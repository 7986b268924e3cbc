import { escapeControl } from '../../source/escape-control';
import { compareStrings } from '../../source/diagnostic';
import { severityRank, type Finding, type FlowResult, type Report, type Severity } from '../../types';
import { countryName } from '../../law/country-names';
import { suppressionOf } from '../suppression';
import { verdictOf } from '../../engine/verdict';
import type { Lang } from '../../i18n/lang';
import { EN } from './i18n/en';
import { reportLang, reportTexts, type ReportTexts } from './i18n';
import type { DisplayVerdict } from './i18n/texts';

export type { DisplayVerdict } from './i18n/texts';

// Grouping and naming shared by the markdown, html and junit formatters, so that they count the
// same things the same way.

/** "Japan (JP)", in a language: "日本（JP）". */
export function countryLabel(code: string, lang: Lang = 'en'): string {
  const name = countryName(code, lang);
  return name === code ? code : reportTexts(lang).common.countryLabel(name, code);
}

export function displayVerdict(flow: Pick<FlowResult, 'active' | 'verdict'>): DisplayVerdict {
  return flow.active ? flow.verdict : 'inactive';
}

/** The verdicts' words in English; a report in another language takes them from its texts. */
export const VERDICT_LABELS: Record<DisplayVerdict, string> = EN.common.verdict;

/** Orders severities worst first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A regime (rule pack, or organisation policy) with its title when it is a pack of the run. */
export interface RegimeInfo {
  id: string;
  title: string;
  version?: string;
  effective?: string;
}

/** The regimes of a report: the run's packs in their order, then any other regime seen, sorted. */
export function regimesOf(report: Report): RegimeInfo[] {
  const out: RegimeInfo[] = report.policy.packs.map((p) => ({ id: p.id, title: p.title, version: p.version, effective: p.effective }));
  const known = new Set(out.map((r) => r.id));
  const others = new Set<string>();
  for (const f of report.flows) for (const r of f.regimes) if (!known.has(r)) others.add(r);
  for (const f of report.findings) if (!known.has(f.regime)) others.add(f.regime);
  for (const id of [...others].sort(compareStrings)) out.push({ id, title: id });
  return out;
}

/** Findings of each flow, in report order. */
export function findingsByFlow(report: Report): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = map.get(f.flowId) ?? [];
    list.push(f);
    map.set(f.flowId, list);
  }
  return map;
}

/** Counts per group: flows by verdict, findings by severity, and suppressed findings. */
export interface GroupCounts {
  flows: number;
  allowed: number;
  review: number;
  violation: number;
  'not-assessed': number;
  inactive: number;
  error: number;
  warning: number;
  info: number;
  waived: number;
  baselined: number;
  /** Findings of rules the policy disabled (not in the severity counts). */
  disabled: number;
}

function emptyCounts(): GroupCounts {
  return { flows: 0, allowed: 0, review: 0, violation: 0, 'not-assessed': 0, inactive: 0, error: 0, warning: 0, info: 0, waived: 0, baselined: 0, disabled: 0 };
}

function countFindings(counts: GroupCounts, findings: readonly Finding[]): void {
  for (const f of findings) {
    const s = suppressionOf(f);
    if (s === 'disabled') {
      counts.disabled++;
      continue;
    }
    counts[f.severity]++;
    if (s === 'waived') counts.waived++;
    else if (s === 'baseline') counts.baselined++;
  }
}

/**
 * One row per regime: the flows it applied to (or has findings on), each with its verdict under
 * that regime alone, and that regime's findings.
 */
export function countsByRegime(report: Report): Array<{ regime: RegimeInfo; counts: GroupCounts }> {
  const byFlow = findingsByFlow(report);
  return regimesOf(report)
    .map((regime) => {
      const counts = emptyCounts();
      for (const flow of report.flows) {
        const own = (byFlow.get(flow.id) ?? []).filter((f) => f.regime === regime.id);
        if (!flow.regimes.includes(regime.id) && own.length === 0) continue;
        counts.flows++;
        counts[flow.active ? verdictOf(own) : 'inactive']++;
        countFindings(counts, own);
      }
      return { regime, counts };
    })
    .filter((row) => row.counts.flows > 0 || report.policy.packs.some((p) => p.id === row.regime.id));
}

/** One row per destination (importer) country, sorted by country name (in the report's language). */
export function countsByDestination(report: Report): Array<{ country: string; counts: GroupCounts }> {
  const lang = reportLang(report);
  const byFlow = findingsByFlow(report);
  const rows = new Map<string, GroupCounts>();
  for (const flow of report.flows) {
    const counts = rows.get(flow.importerCountry) ?? emptyCounts();
    counts.flows++;
    counts[displayVerdict(flow)]++;
    countFindings(counts, byFlow.get(flow.id) ?? []);
    rows.set(flow.importerCountry, counts);
  }
  return [...rows]
    .map(([country, counts]) => ({ country, counts }))
    .sort((a, b) => compareStrings(countryName(a.country, lang), countryName(b.country, lang)) || compareStrings(a.country, b.country));
}

/** Findings grouped by regime (in regimesOf order), then by destination country (by name, in the report's language). */
export function groupFindings(report: Report): Array<{ regime: RegimeInfo; countries: Array<{ country: string; findings: Finding[] }> }> {
  const lang = reportLang(report);
  const flows = new Map(report.flows.map((f) => [f.id, f]));
  return regimesOf(report)
    .map((regime) => {
      const byCountry = new Map<string, Finding[]>();
      for (const f of report.findings) {
        if (f.regime !== regime.id) continue;
        const country = flows.get(f.flowId)?.importerCountry ?? '??';
        appendTo(byCountry, country, f);
      }
      const countries = [...byCountry]
        .map(([country, findings]) => ({ country, findings: [...findings].sort((a, b) => compareSeverity(a.severity, b.severity)) }))
        .sort((a, b) => compareStrings(countryName(a.country, lang), countryName(b.country, lang)) || compareStrings(a.country, b.country));
      return { regime, countries };
    })
    .filter((g) => g.countries.length > 0);
}

/** The parties of the flow graph (from the flows), grouped by country, in a stable order. */
export interface PartyGraph {
  countries: Array<{ code: string; parties: string[] }>;
  edges: FlowResult[];
}

export function partyGraph(report: Report): PartyGraph {
  const countryOf = new Map<string, string>();
  for (const f of report.flows) {
    if (!countryOf.has(f.from)) countryOf.set(f.from, f.exporterCountry);
    if (!countryOf.has(f.to)) countryOf.set(f.to, f.importerCountry);
  }
  const byCountry = new Map<string, string[]>();
  for (const [party, code] of countryOf) appendTo(byCountry, code, party);
  const countries = [...byCountry]
    .map(([code, parties]) => ({ code, parties: parties.sort(compareStrings) }))
    .sort((a, b) => compareStrings(a.code, b.code));
  return { countries, edges: report.flows };
}

/** Adds a value to the list under a key, in place: copying the list each time would be quadratic. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What a policy override did to a finding, in words: "rule disabled by the policy: reason". */
export function overrideText(f: Pick<Finding, 'policyOverride' | 'severity'>, t: ReportTexts = EN): string | undefined {
  const o = f.policyOverride;
  if (!o) return undefined;
  return t.common.override(o.change, o.ruleSeverity, f.severity, o.reason, o.file ?? '');
}

/** The overrides of a report that disable or lower a rule of a built-in pack: what must never go unseen. */
export function lawOverrides(report: Report): Report['policy']['overrides'] {
  return report.policy.overrides.filter((o) => o.builtin && (o.enabled === false || (o.severity !== undefined && o.ruleSeverity !== undefined && severityRank(o.severity) > severityRank(o.ruleSeverity))));
}

/** "disabled", "severity error → info", "enabled": one override in words. */
export function overrideChange(o: Report['policy']['overrides'][number], t: ReportTexts = EN): string {
  return t.common.overrideChange(o.enabled, o.ruleSeverity ?? '', o.severity ?? '');
}

/** "file:line:column", the file name escaped: a name is input, and may hold a newline or an escape sequence. */
export function where(location: { file: string; line: number; column: number }): string {
  return `${escapeControl(location.file)}:${location.line}:${location.column}`;
}

/**
 * A file as given on the command line, as CI tools resolve it from the repository root (SARIF's
 * %SRCROOT%, a GitLab Code Quality path, a GitHub annotation's file): backslashes become slashes
 * and leading "./" go. An absolute path (or a Windows drive path) is kept and marked absolute:
 * a formatter knows no root to make it relative to.
 */
export function repositoryPath(file: string): { path: string; absolute: boolean } {
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed)) return { path: slashed, absolute: true };
  return { path: slashed.replace(/^(\.\/)+/, ''), absolute: false };
}
