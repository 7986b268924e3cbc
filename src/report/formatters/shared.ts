import type * as Countries from 'i18n-iso-countries';
import { compareStrings } from '../../diagnostics/input-error';
import type { Finding, FlowResult, Report, Severity, Verdict } from '../../types';
import { suppressionOf } from '../suppression';

// Grouping and naming shared by the markdown, html and junit formatters, so that they count the
// same things the same way.

let countries: typeof Countries | undefined;

/** English short name of an ISO 3166-1 alpha-2 code ("US" → "United States of America"), else the code. */
export function countryName(code: string): string {
  countries ??= require('i18n-iso-countries') as typeof Countries; // eslint-disable-line @typescript-eslint/no-require-imports
  return countries.getName(code, 'en') ?? code;
}

/** "Japan (JP)". */
export function countryLabel(code: string): string {
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}

/** A flow's verdict for display: a flow outside its startsOn..endsOn is not judged. */
export type DisplayVerdict = Verdict | 'inactive';

export function displayVerdict(flow: Pick<FlowResult, 'active' | 'verdict'>): DisplayVerdict {
  return flow.active ? flow.verdict : 'inactive';
}

export const VERDICT_LABELS: Record<DisplayVerdict, string> = {
  allowed: 'allowed',
  review: 'review',
  violation: 'violation',
  inactive: 'not in force',
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Orders severities worst first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER[a] - SEVERITY_ORDER[b];
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

/** The verdict a set of findings gives (the contract's rule), ignoring none: waived risks are still risks. */
export function verdictOfFindings(findings: readonly Pick<Finding, 'severity'>[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'violation';
  if (findings.some((f) => f.severity === 'warning')) return 'review';
  return 'allowed';
}

/** Counts per group: flows by verdict, findings by severity, and suppressed findings. */
export interface GroupCounts {
  flows: number;
  allowed: number;
  review: number;
  violation: number;
  inactive: number;
  error: number;
  warning: number;
  info: number;
  waived: number;
  baselined: number;
}

function emptyCounts(): GroupCounts {
  return { flows: 0, allowed: 0, review: 0, violation: 0, inactive: 0, error: 0, warning: 0, info: 0, waived: 0, baselined: 0 };
}

function countFindings(counts: GroupCounts, findings: readonly Finding[]): void {
  for (const f of findings) {
    counts[f.severity]++;
    const s = suppressionOf(f);
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
        counts[flow.active ? verdictOfFindings(own) : 'inactive']++;
        countFindings(counts, own);
      }
      return { regime, counts };
    })
    .filter((row) => row.counts.flows > 0 || report.policy.packs.some((p) => p.id === row.regime.id));
}

/** One row per destination (importer) country, sorted by country name. */
export function countsByDestination(report: Report): Array<{ country: string; counts: GroupCounts }> {
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
    .sort((a, b) => compareStrings(countryName(a.country), countryName(b.country)) || compareStrings(a.country, b.country));
}

/** Findings grouped by regime (in regimesOf order), then by destination country (by name). */
export function groupFindings(report: Report): Array<{ regime: RegimeInfo; countries: Array<{ country: string; findings: Finding[] }> }> {
  const flows = new Map(report.flows.map((f) => [f.id, f]));
  return regimesOf(report)
    .map((regime) => {
      const byCountry = new Map<string, Finding[]>();
      for (const f of report.findings) {
        if (f.regime !== regime.id) continue;
        const country = flows.get(f.flowId)?.importerCountry ?? '??';
        const list = byCountry.get(country);
        if (list) list.push(f);
        else byCountry.set(country, [f]);
      }
      const countries = [...byCountry]
        .map(([country, findings]) => ({ country, findings: [...findings].sort((a, b) => compareSeverity(a.severity, b.severity)) }))
        .sort((a, b) => compareStrings(countryName(a.country), countryName(b.country)) || compareStrings(a.country, b.country));
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
  for (const [party, code] of countryOf) {
    const list = byCountry.get(code);
    if (list) list.push(party);
    else byCountry.set(code, [party]);
  }
  const countries = [...byCountry]
    .map(([code, parties]) => ({ code, parties: parties.sort(compareStrings) }))
    .sort((a, b) => compareStrings(a.code, b.code));
  return { countries, edges: report.flows };
}

/** "file:line:column". */
export function where(location: { file: string; line: number; column: number }): string {
  return `${location.file}:${location.line}:${location.column}`;
}
