/**
 * The two starter rules of the core issue (bench/policy/*-starter.yaml) written for
 * json-rules-engine, the engine a JavaScript team would otherwise pick, so that the benchmark
 * compares the same work on the same flows.
 *
 * It is a separate implementation on purpose, with its own reading of
 * rules/data/jurisdictions.yaml: EEA and APPI-designated membership on the asOf date, the EU
 * adequacy lookup judged within its scope (sector, certification, excluded purposes and
 * activities, HR data under the DPF), mechanisms present, informed APPI consent. The harness
 * asserts that both engines give the same findings on every flow: if the engine or the data
 * change so that they do not, the comparison stops instead of measuring different work.
 *
 * The JRE side starts from the same texts as dfft: JSON.parse, resolve parties and datasets by
 * id across manifests, build each flow's facts, then run the engine once per flow.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { parse as parseYaml } from 'yaml';

// The starter packs carry their own ids: a policy may not take a built-in pack's id or title.
export const STARTER_RULES = ['starter-eu-gdpr/transfer-without-basis', 'starter-jp-appi/foreign-provision-without-basis'] as const;

const ROOT = path.resolve(__dirname, '..');
const OPEN_START = '0000-01-01';
const OPEN_END = '9999-12-31';

interface Member { country?: string; group?: string; from?: string; until?: string }
interface Decision {
  id: string;
  regime: string;
  country?: string;
  organisation?: string;
  from: string;
  until?: string;
  scope?: Record<string, unknown>;
}
interface JurisdictionsFile { groups: Record<string, { members: Member[] }>; adequacy: Decision[] }

// territoriesUnconfirmed never makes a decision found (a recipient there is "scope to confirm"), and a
// decision is matched by its own country only, so it needs no code here.
const KNOWN_SCOPE = new Set(['sectors', 'certification', 'excludedPurposes', 'excludedActivities', 'hrDataNeedsCertification', 'territoriesUnconfirmed']);

/** Members of a group on a date, groups of groups expanded with their date spans intersected. */
function membersOn(data: JurisdictionsFile, group: string, date: string, from = OPEN_START, until = OPEN_END, out = new Set<string>()): Set<string> {
  for (const m of data.groups[group]?.members ?? []) {
    const f = m.from && m.from > from ? m.from : from;
    const u = m.until && m.until < until ? m.until : until;
    if (f > u) continue;
    if (m.country !== undefined && f <= date && date <= u) out.add(m.country);
    if (m.group !== undefined) membersOn(data, m.group, date, f, u, out);
  }
  return out;
}

interface Party { id: string; country: string; sector?: string; certifications?: string[]; activities?: string[]; certifiedForHrData?: boolean; organisation?: string; [k: string]: unknown }
interface Dataset { id: string; categories: string[]; subjects?: string[]; identifiability?: string; [k: string]: unknown }
interface Mechanism { type: string; informed?: { country?: boolean; protectionSystem?: boolean; recipientMeasures?: boolean }; [k: string]: unknown }
interface Flow { id: string; from: string; to: string; datasets: string[]; purposes?: string[]; mechanisms?: Mechanism[]; startsOn?: string; endsOn?: string; [k: string]: unknown }
interface Manifest { parties?: Party[]; datasets?: Dataset[]; flows?: Flow[] }

/** The EU adequacy lookup, judged within the decision's scope (as dfft's adequacy("eu").found). */
function adequacyFound(decisions: Decision[], importer: Party, flow: Flow, datasets: Dataset[], asOf: string): boolean {
  for (const d of decisions) {
    if (d.regime !== 'eu') continue;
    if (importer.organisation !== undefined ? d.organisation !== importer.organisation : d.country !== importer.country) continue;
    if (!(d.from <= asOf && asOf <= (d.until ?? OPEN_END))) continue;
    const s = (d.scope ?? {}) as { sectors?: string[]; certification?: string; excludedPurposes?: string[]; excludedActivities?: string[]; hrDataNeedsCertification?: boolean };
    if (s.sectors && !s.sectors.includes(importer.sector ?? 'private')) continue;
    if (s.certification && !(importer.certifications ?? []).includes(s.certification)) continue;
    // A decision with purpose carve-outs covers only a flow that declares its purposes, none of them excluded.
    if (s.excludedPurposes && s.excludedPurposes.length > 0) {
      const declared = (flow.purposes ?? []).map(normalisedPurpose);
      if (declared.length === 0 || s.excludedPurposes.some((p) => declared.includes(normalisedPurpose(p)))) continue;
    }
    if (s.excludedActivities && (importer.activities === undefined || s.excludedActivities.some((a) => importer.activities!.includes(a)))) continue;
    if (s.hrDataNeedsCertification && importer.certifiedForHrData !== true) {
      const hr = datasets.some((ds) => isPersonal(ds) && (ds.categories.some((c) => c === 'employment' || c.startsWith('employment.')) || (ds.subjects ?? []).includes('employees')));
      if (hr) continue;
    }
    return true;
  }
  return false;
}

/** Case and separators do not make another purpose ("Criminal-Investigation" is criminal-investigation). */
function normalisedPurpose(p: string): string {
  return p.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '-');
}

function isPersonal(d: Dataset): boolean {
  const i = d.identifiability ?? 'identified';
  return i === 'identified' || i === 'pseudonymised';
}

/** A json-rules-engine with the two rules, for the asOf date. */
export function createJreEngine(asOf: string, rulesDir = path.join(ROOT, 'rules')): Engine {
  const data = parseYaml(fs.readFileSync(path.join(rulesDir, 'data', 'jurisdictions.yaml'), 'utf8')) as JurisdictionsFile;
  for (const d of data.adequacy) {
    for (const key of Object.keys(d.scope ?? {})) {
      if (!KNOWN_SCOPE.has(key)) throw new Error(`bench/jre-rules.ts: adequacy ${d.id} has scope field "${key}", which this encoding does not know; teach it, or the comparison is not the same work`);
    }
  }
  const eea = [...membersOn(data, 'EEA', asOf)].sort();
  const appiEquivalent = [...membersOn(data, 'APPI-EQUIVALENT', asOf)].sort();
  // Priorities let json-rules-engine short-circuit: the cheap conditions on the exporter first,
  // then the importer and mechanisms, and the computed facts (adequacy, consent) only for flows
  // that got that far. Without them it evaluates every condition of a rule for every flow.
  const first = 3;
  const then = 2;
  const last = 1;
  const noneOf = (types: string[]): object[] => types.map((t) => ({ fact: 'mechanismTypes', operator: 'doesNotContain', value: t, priority: then }));
  const rules: RuleProperties[] = [
    {
      name: STARTER_RULES[0],
      conditions: {
        all: [
          { fact: 'exporterCountry', operator: 'in', value: eea, priority: first },
          { fact: 'identifiabilities', operator: 'containsAny', value: ['identified', 'pseudonymised'], priority: first },
          { fact: 'importerCountry', operator: 'notIn', value: eea, priority: then },
          ...(noneOf(['scc', 'bcr', 'code-of-conduct', 'certification', 'ad-hoc-clauses', 'derogation']) as never[]),
          { fact: 'adequate', params: { regime: 'eu' }, operator: 'equal', value: false, priority: last },
        ],
      },
      event: { type: STARTER_RULES[0], params: { citation: 'GDPR Art. 44' } },
    },
    {
      name: STARTER_RULES[1],
      conditions: {
        all: [
          { fact: 'exporterCountry', operator: 'equal', value: 'JP', priority: first },
          { fact: 'identifiabilities', operator: 'containsAny', value: ['identified', 'pseudonymised'], priority: first },
          { fact: 'importerCountry', operator: 'notEqual', value: 'JP', priority: then },
          { fact: 'importerCountry', operator: 'notIn', value: appiEquivalent, priority: then },
          ...(noneOf(['appi-standard-system']) as never[]),
          { fact: 'informedConsent', operator: 'equal', value: false, priority: last },
        ],
      },
      event: { type: STARTER_RULES[1], params: { citation: 'APPI Art. 28(1)' } },
    },
  ];
  const engine = new Engine(rules, { allowUndefinedFacts: false });
  engine.addOperator('containsAny', (fact: unknown, value: unknown) => Array.isArray(fact) && Array.isArray(value) && fact.some((f) => value.includes(f)));
  engine.addFact<Promise<boolean>>('adequate', async (params, almanac) => {
    if (params.regime !== 'eu') throw new Error(`unknown regime ${params.regime}`);
    const [importer, flow, datasets] = await Promise.all([almanac.factValue<Party>('importer'), almanac.factValue<Flow>('flow'), almanac.factValue<Dataset[]>('datasets')]);
    return adequacyFound(data.adequacy, importer, flow, datasets, asOf);
  });
  engine.addFact<Promise<boolean>>('informedConsent', async (_params, almanac) => {
    const flow = await almanac.factValue<Flow>('flow');
    return (flow.mechanisms ?? []).some((m) => m.type === 'appi-consent' && m.informed?.country === true && m.informed.protectionSystem === true && m.informed.recipientMeasures === true);
  });
  return engine;
}

/** The flows of a run with their parties and datasets resolved, as JRE facts need them. */
export interface ResolvedFlow {
  flow: Flow;
  exporter: Party;
  importer: Party;
  datasets: Dataset[];
}

/** JSON.parse of every text and resolution of ids across manifests (the JRE side's loading). */
export function resolveFlows(texts: readonly string[]): ResolvedFlow[] {
  const parties = new Map<string, Party>();
  const datasets = new Map<string, Dataset>();
  const flows: Flow[] = [];
  for (const text of texts) {
    const m = JSON.parse(text) as Manifest;
    for (const p of m.parties ?? []) if (!parties.has(p.id)) parties.set(p.id, p);
    for (const d of m.datasets ?? []) if (!datasets.has(d.id)) datasets.set(d.id, d);
    for (const f of m.flows ?? []) flows.push(f);
  }
  const out: ResolvedFlow[] = [];
  for (const flow of flows) {
    const exporter = parties.get(flow.from);
    const importer = parties.get(flow.to);
    const carried = flow.datasets.map((id) => datasets.get(id));
    if (!exporter || !importer || carried.some((d) => d === undefined)) throw new Error(`bench/jre-rules.ts: flow ${flow.id} has a dangling reference`);
    out.push({ flow, exporter, importer, datasets: carried as Dataset[] });
  }
  return out;
}

/** Runs the engine on every active flow, one after the other; returns "flowId\truleId" of each event. */
export async function runJre(engine: Engine, flows: readonly ResolvedFlow[], asOf: string): Promise<string[]> {
  const findings: string[] = [];
  for (const r of flows) {
    const f = r.flow;
    if ((f.startsOn !== undefined && asOf < f.startsOn) || (f.endsOn !== undefined && asOf > f.endsOn)) continue; // not judged, as in dfft
    const { events } = await engine.run({
      flow: f,
      importer: r.importer,
      datasets: r.datasets,
      exporterCountry: r.exporter.country,
      importerCountry: r.importer.country,
      identifiabilities: r.datasets.map((d) => d.identifiability ?? 'identified'),
      mechanismTypes: (f.mechanisms ?? []).map((m) => m.type),
    });
    for (const e of events) findings.push(`${f.id}\t${e.type}`);
  }
  return findings;
}
