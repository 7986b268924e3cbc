/**
 * Seeded generator of realistic data-flow estates for the benchmark.
 *
 * An estate is what a large organisation would keep in its repositories: corporate groups
 * whose entities are declared once (parties/groups-*.json), a vendor register
 * (parties/vendors-*.json), and one manifest per system (systems/*.json) that declares its
 * datasets and flows and references parties declared elsewhere. A fifth of the datasets are
 * collected in the EEA and reach Japan and beyond over two to four hops; the hops after Japan
 * are declared in the Japanese entity's own manifests, so origin has to be followed across
 * files. Mechanisms are a mix of SCCs (modules, TIAs, supplementary measures), BCRs within
 * groups, Art. 49 derogations, DPF certifications, APPI consent with information, APPI
 * standard systems, and none.
 *
 * Deterministic: the same size and seed give byte-identical files. Each manifest is written as
 * soon as it is complete, so memory stays bounded at 1M flows.
 *
 *   npx tsx bench/generate.ts 100k [--seed 42] [--out bench/estates/100k]
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

export const SIZES = { '1k': 1_000, '10k': 10_000, '100k': 100_000, '1M': 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;
export const DEFAULT_SEED = 20260531;

const ROOT = path.resolve(__dirname, '..');
export const ESTATES_DIR = path.join(ROOT, 'bench', 'estates');

/** What a generated estate holds; written beside it as <size>.meta.json. */
export interface EstateMeta {
  generator: string;
  seed: number;
  size: string;
  flows: number;
  files: number;
  bytes: number;
  parties: number;
  datasets: number;
  countries: number;
  categoriesUsed: number;
  categoriesInTaxonomy: number;
  euOriginChainDatasets: number;
  euOriginChainShare: number;
  chainHops: Record<string, number>;
  derivedDatasets: number;
  crossManifestFlows: number;
  mechanisms: Record<string, number>;
  flowsWithoutMechanism: number;
  millis: number;
}

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32): small, fast, and good enough for picking fixtures.

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [item, w] of table) {
      r -= w;
      if (r < 0) return item;
    }
    return table[table.length - 1][0];
  }
  /** k distinct items, in the order picked. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < k && pool.length > 0; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
  date(fromYear: number, toYear: number): string {
    const y = this.int(fromYear, toYear);
    const m = this.int(1, 12);
    const d = this.int(1, 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The world: countries, categories, purposes.

const EEA = ['DE', 'FR', 'NL', 'IE', 'ES', 'IT', 'PL', 'SE', 'BE', 'AT', 'DK', 'FI', 'CZ', 'PT', 'NO', 'HU', 'RO'];
const ADEQUATE = ['GB', 'CH', 'CA', 'IL', 'NZ', 'KR', 'AR', 'UY', 'BR'];
const THIRD = ['US', 'SG', 'IN', 'CN', 'AU', 'HK', 'PH', 'VN', 'TH', 'MX', 'ZA', 'AE', 'TW', 'ID', 'MY'];
const EEA_SET = new Set(EEA);
/** Destinations of the hop after Japan: outside the EEA and not Japan. */
const BEYOND_JAPAN = ['US', 'SG', 'IN', 'CN', 'AU', 'GB', 'KR', 'PH', 'VN', 'TH', 'HK', 'TW'];

const HQ: ReadonlyArray<readonly [string, number]> = [
  ['DE', 12], ['FR', 8], ['NL', 5], ['IE', 4], ['ES', 4], ['IT', 4], ['SE', 3], ['PL', 2], ['DK', 2], ['BE', 1],
  ['JP', 25], ['US', 20], ['GB', 4], ['CH', 2], ['SG', 2], ['KR', 1], ['IN', 1], ['CA', 1],
];

const VENDOR_COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['US', 30], ['IE', 6], ['DE', 6], ['NL', 4], ['FR', 3], ['PL', 2], ['ES', 2], ['SE', 2], ['FI', 1], ['PT', 1], ['CZ', 1], ['RO', 1],
  ['GB', 7], ['IN', 8], ['SG', 6], ['JP', 5], ['CA', 3], ['AU', 3], ['CN', 3], ['PH', 2], ['VN', 2], ['IL', 2], ['CH', 2],
  ['KR', 2], ['BR', 2], ['MX', 1], ['ZA', 1], ['AE', 1], ['TW', 1], ['HK', 1], ['ID', 1], ['MY', 1], ['TH', 1], ['NZ', 1],
  ['UY', 1], ['AR', 1], ['NO', 1], ['HU', 1],
];

interface Archetype {
  name: string;
  categories: string[];
  subjects: string[];
  weight: number;
  purposes: string[];
}

const ARCHETYPES: Archetype[] = [
  { name: 'customers', categories: ['contact', 'identifiers.name', 'identifiers.account-id'], subjects: ['customers'], weight: 14, purposes: ['customer-management', 'customer-support', 'billing'] },
  { name: 'orders', categories: ['financial.transactions', 'contact.postal-address', 'identifiers.name'], subjects: ['customers'], weight: 10, purposes: ['order-fulfilment', 'billing'] },
  { name: 'payments', categories: ['financial.payment-card', 'financial.bank-account'], subjects: ['customers'], weight: 5, purposes: ['billing', 'fraud-prevention'] },
  { name: 'web-analytics', categories: ['online-activity.browsing', 'identifiers.online', 'device.identifiers'], subjects: ['website-visitors'], weight: 10, purposes: ['analytics', 'marketing'] },
  { name: 'telemetry', categories: ['device.telemetry', 'device.identifiers'], subjects: ['users'], weight: 7, purposes: ['product-development', 'security-monitoring'] },
  { name: 'support-tickets', categories: ['contact.email', 'online-activity.communications', 'identifiers.name'], subjects: ['customers'], weight: 7, purposes: ['customer-support'] },
  { name: 'leads', categories: ['contact.email', 'contact.phone', 'identifiers.name'], subjects: ['prospects'], weight: 5, purposes: ['marketing'] },
  { name: 'employees', categories: ['employment.hr-records', 'contact', 'government-id.national-id'], subjects: ['employees'], weight: 7, purposes: ['hr-management'] },
  { name: 'payroll', categories: ['employment.payroll', 'financial.income', 'financial.bank-account', 'government-id.tax-id'], subjects: ['employees'], weight: 4, purposes: ['payroll'] },
  { name: 'performance', categories: ['employment.performance', 'identifiers.name'], subjects: ['employees'], weight: 2, purposes: ['hr-management'] },
  { name: 'applicants', categories: ['education', 'employment', 'contact'], subjects: ['job-applicants'], weight: 3, purposes: ['recruitment'] },
  { name: 'background-checks', categories: ['criminal-records.convictions', 'identifiers.name', 'government-id.passport'], subjects: ['job-applicants'], weight: 1, purposes: ['recruitment'] },
  { name: 'patients', categories: ['health.medical-history', 'health.diagnosis', 'identifiers.name'], subjects: ['patients'], weight: 3, purposes: ['health-care'] },
  { name: 'prescriptions', categories: ['health.prescriptions', 'health.medical-checkup'], subjects: ['patients'], weight: 1, purposes: ['health-care'] },
  { name: 'wellness', categories: ['health.fitness', 'location.precise', 'device.telemetry'], subjects: ['users'], weight: 2, purposes: ['product-development', 'analytics'] },
  { name: 'mental-health', categories: ['health.mental', 'online-activity.communications'], subjects: ['users'], weight: 1, purposes: ['health-care'] },
  { name: 'locations', categories: ['location.precise', 'location.coarse', 'device.identifiers'], subjects: ['users'], weight: 3, purposes: ['product-development', 'analytics'] },
  { name: 'kyc', categories: ['government-id.passport', 'biometric.facial', 'financial.credit-information'], subjects: ['customers'], weight: 2, purposes: ['fraud-prevention', 'legal-compliance'] },
  { name: 'access-control', categories: ['biometric.fingerprint', 'employment.hr-records'], subjects: ['employees'], weight: 1, purposes: ['security-monitoring'] },
  { name: 'diversity', categories: ['racial-ethnic-origin', 'disability', 'sexual-orientation'], subjects: ['employees'], weight: 1, purposes: ['hr-management', 'legal-compliance'] },
  { name: 'union-dues', categories: ['trade-union-membership', 'employment.payroll'], subjects: ['employees'], weight: 1, purposes: ['payroll'] },
  { name: 'members', categories: ['religious-beliefs', 'philosophical-beliefs', 'contact'], subjects: ['members'], weight: 1, purposes: ['membership-management'] },
  { name: 'petitions', categories: ['political-opinions', 'contact.email'], subjects: ['members'], weight: 1, purposes: ['membership-management'] },
  { name: 'dating-profiles', categories: ['sex-life', 'sexual-orientation', 'biometric.facial'], subjects: ['users'], weight: 1, purposes: ['service-delivery'] },
  { name: 'genomics', categories: ['genetic', 'health.medical-history'], subjects: ['patients'], weight: 1, purposes: ['research'] },
  { name: 'victim-support', categories: ['crime-victim', 'social-status', 'contact'], subjects: ['customers'], weight: 1, purposes: ['customer-support'] },
  { name: 'aggregates', categories: ['online-activity', 'device.telemetry'], subjects: ['users'], weight: 3, purposes: ['analytics'] },
];

const FLOW_PURPOSES = [
  'customer-support', 'analytics', 'marketing', 'billing', 'hosting', 'hr-management', 'payroll', 'security-monitoring',
  'fraud-prevention', 'product-development', 'order-fulfilment', 'backup', 'research', 'recruitment', 'legal-compliance',
];

const DEROGATIONS = ['explicit-consent', 'contract-performance', 'pre-contractual', 'contract-in-interest', 'legal-claims', 'vital-interests'];
const SYSTEM_NAMES = ['CRM', 'Billing', 'HRIS', 'Payroll', 'Web Shop', 'Data Lake', 'Support Desk', 'Marketing Hub', 'Mobile App', 'ERP', 'Telemetry Pipeline', 'Identity', 'Recruiting', 'Clinic Portal', 'Loyalty'];
const GROUP_WORDS = ['Acme', 'Borealis', 'Cobalt', 'Dainty', 'Evergreen', 'Fujimi', 'Granite', 'Helios', 'Ishikari', 'Juniper', 'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Orchid', 'Polaris', 'Quartz', 'Riverstone', 'Sakura', 'Tundra'];
const VENDOR_WORDS = ['Cloud', 'Analytics', 'Mail', 'Pay', 'Support', 'Data', 'Secure', 'Track', 'Host', 'Sign', 'Search', 'Chat', 'Backup', 'Ads', 'Talent'];

// ---------------------------------------------------------------------------------------------
// Manifest shapes (the subset the generator writes; the contract is schemas/manifest.schema.json).

type Json = Record<string, unknown>;

interface PartyInfo {
  id: string;
  country: string;
  group?: string;
  processor: boolean;
  certifications: string[];
  /** The declaration, written once (and repeated identically by a few system manifests). */
  decl: Json;
}

interface Group {
  id: string;
  name: string;
  bcr: boolean;
  entities: PartyInfo[];
  byCountry: Map<string, PartyInfo>;
  /** Hops after Japan of EU-origin chains, emitted by the group's Japanese entity's manifests. */
  pending: PendingHop[];
}

interface PendingHop {
  dataset: string;
  datasetDecl: Json;
  from: PartyInfo;
  rest: PartyInfo[];
}

interface DatasetInfo {
  id: string;
  decl: Json;
  chain: boolean;
}

export interface GenerateOptions {
  flows: number;
  seed?: number;
  outDir: string;
  /** Called after each file; for progress. */
  onProgress?: (flowsWritten: number) => void;
}

/** The taxonomy's categories (rules/data/taxonomy.yaml) in document order, with their GDPR flag (inherited). */
export function readTaxonomy(rulesDir = path.join(ROOT, 'rules')): Array<{ id: string; gdpr?: string }> {
  interface Node { id: string; gdpr?: string; children?: Node[] }
  const data = parseYaml(fs.readFileSync(path.join(rulesDir, 'data', 'taxonomy.yaml'), 'utf8')) as { categories: Node[] };
  const out: Array<{ id: string; gdpr?: string }> = [];
  const visit = (n: Node, gdpr: string | undefined): void => {
    out.push({ id: n.id, gdpr: n.gdpr ?? gdpr });
    for (const c of n.children ?? []) visit(c, n.gdpr ?? gdpr);
  };
  for (const n of data.categories) visit(n, undefined);
  return out;
}

/** A hash of this file: an estate written by another version of the generator is rewritten. */
export function generatorVersion(): string {
  return createHash('sha256').update(fs.readFileSync(__filename)).digest('hex').slice(0, 16);
}

/** Generates one estate of exactly `flows` flows into `outDir` (emptied first). */
export function generateEstate(options: GenerateOptions): EstateMeta {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = new Rng(seed ^ Math.imul(options.flows, 0x9e3779b1));
  const target = options.flows;
  const outDir = options.outDir;
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const sub of ['parties', 'systems', 'onward']) fs.mkdirSync(path.join(outDir, sub), { recursive: true });

  const categories = readTaxonomy();
  const taxonomy = categories.map((c) => c.id);
  const known = new Set(taxonomy);
  const gdprFlag = new Map(categories.map((c) => [c.id, c.gdpr]));
  for (const a of ARCHETYPES) {
    for (const c of a.categories) if (!known.has(c)) throw new Error(`bench/generate.ts: category "${c}" of archetype ${a.name} is not in rules/data/taxonomy.yaml`);
  }
  const archetypeTable = ARCHETYPES.map((a) => [a, a.weight] as const);

  const stats = {
    files: 0, bytes: 0, parties: 0, datasets: 0, chains: 0, derived: 0, crossManifest: 0, noMechanism: 0,
    hops: { 2: 0, 3: 0, 4: 0 } as Record<number, number>,
    mechanisms: {} as Record<string, number>,
    countries: new Set<string>(),
    categories: new Set<string>(),
  };
  let flowsWritten = 0;
  const write = (rel: string, manifest: Json, flowCount: number): void => {
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    fs.writeFileSync(path.join(outDir, rel), text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    flowsWritten += flowCount;
    options.onProgress?.(flowsWritten);
  };
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');

  // --- Vendors: a shared register, 200 per file.
  const vendorCount = Math.max(60, Math.round(target / 150));
  const vendors: PartyInfo[] = [];
  const vendorsByCountry = new Map<string, PartyInfo[]>();
  for (let i = 0; i < vendorCount; i++) {
    // The first vendors cover every country of the table, so that small estates span 30+ countries.
    const country = i < VENDOR_COUNTRIES.length ? VENDOR_COUNTRIES[i][0] : rng.weighted(VENDOR_COUNTRIES);
    const id = `v${pad(i, 5)}-${country.toLowerCase()}`;
    const processor = rng.chance(0.9);
    const decl: Json = { id, name: `${rng.pick(VENDOR_WORDS)}${rng.pick(VENDOR_WORDS)} ${country} ${i}`, country, role: processor ? 'processor' : 'controller' };
    const certifications: string[] = [];
    if (country === 'US' && rng.chance(0.55)) {
      certifications.push('eu-us-dpf');
      const hr = rng.next();
      if (hr < 0.6) decl.certifiedForHrData = true;
      else if (hr < 0.75) decl.certifiedForHrData = false;
    }
    if (['US', 'SG', 'JP', 'KR', 'AU', 'PH', 'TW', 'MX', 'CA'].includes(country) && rng.chance(0.12)) certifications.push('apec-cbpr');
    if (certifications.length > 0) decl.certifications = certifications;
    if (country === 'JP' || country === 'KR') {
      const a = rng.next();
      if (a < 0.85) decl.activities = [];
      else if (a < 0.95) decl.activities = country === 'KR' ? ['credit-information'] : ['press'];
      // else: not declared, so the adequacy decision's scope cannot be confirmed
    }
    if (country === 'CA' && rng.chance(0.1)) decl.sector = 'public';
    const info: PartyInfo = { id, country, processor, certifications, decl };
    vendors.push(info);
    let list = vendorsByCountry.get(country);
    if (!list) vendorsByCountry.set(country, (list = []));
    list.push(info);
    stats.countries.add(country);
  }
  for (let f = 0; f * 200 < vendors.length; f++) {
    const slice = vendors.slice(f * 200, (f + 1) * 200);
    write(`parties/vendors-${pad(f, 4)}.json`, {
      manifestVersion: 1,
      system: { id: `vendor-register-${f}`, name: `Vendor register, part ${f + 1}`, owner: 'procurement@estate.example' },
      parties: slice.map((v) => v.decl),
    }, 0);
    stats.parties += slice.length;
  }

  // --- Corporate groups: entities declared once, 25 groups per file.
  const groupCount = Math.max(4, Math.round(target / 1200));
  const groups: Group[] = [];
  for (let g = 0; g < groupCount; g++) {
    const id = `g${pad(g, 4)}`;
    const name = `${rng.pick(GROUP_WORDS)} ${g}`;
    const hq = rng.weighted(HQ);
    const countries = new Set<string>([hq]);
    const euHq = EEA_SET.has(hq);
    if (euHq) {
      if (rng.chance(0.75)) countries.add('JP');
      if (rng.chance(0.6)) countries.add('US');
      for (const c of rng.sample(EEA, rng.int(1, 2))) countries.add(c);
    } else if (hq === 'JP') {
      countries.add(rng.pick(['DE', 'FR', 'NL', 'IE']));
      if (rng.chance(0.5)) countries.add(rng.pick(EEA));
      if (rng.chance(0.7)) countries.add('US');
    } else {
      if (rng.chance(0.7)) countries.add(rng.pick(['DE', 'IE', 'NL', 'FR']));
      if (rng.chance(0.4)) countries.add('JP');
    }
    for (const c of rng.sample([...THIRD, ...ADEQUATE], rng.int(0, 3))) countries.add(c);
    const group: Group = { id, name, bcr: rng.chance(0.35), entities: [], byCountry: new Map(), pending: [] };
    for (const country of countries) {
      const pid = `${id}-${country.toLowerCase()}`;
      const decl: Json = { id: pid, name: `${name} ${country}`, country, role: 'controller', group: id };
      if (country === 'JP' || country === 'KR') {
        const a = rng.next();
        if (a < 0.85) decl.activities = [];
        else if (a < 0.93) decl.activities = ['press'];
      }
      const certifications: string[] = [];
      if (country === 'US' && rng.chance(0.5)) {
        certifications.push('eu-us-dpf');
        if (rng.chance(0.7)) decl.certifiedForHrData = true;
      }
      if (certifications.length > 0) decl.certifications = certifications;
      const info: PartyInfo = { id: pid, country, group: id, processor: false, certifications, decl };
      group.entities.push(info);
      group.byCountry.set(country, info);
      stats.countries.add(country);
    }
    groups.push(group);
  }
  for (let f = 0; f * 25 < groups.length; f++) {
    const slice = groups.slice(f * 25, (f + 1) * 25);
    write(`parties/groups-${pad(f, 4)}.json`, {
      manifestVersion: 1,
      system: { id: `legal-entities-${f}`, name: `Legal entities register, part ${f + 1}`, owner: 'legal@estate.example' },
      parties: slice.flatMap((g) => g.entities.map((e) => e.decl)),
    }, 0);
    for (const g of slice) stats.parties += g.entities.length;
  }
  const euOwners = groups.flatMap((g) => g.entities.filter((e) => EEA_SET.has(e.country)).map((e) => [g, e] as const));
  const jpOwners = groups.flatMap((g) => g.entities.filter((e) => e.country === 'JP').map((e) => [g, e] as const));
  const otherOwners = groups.flatMap((g) => g.entities.filter((e) => !EEA_SET.has(e.country) && e.country !== 'JP').map((e) => [g, e] as const));

  // --- Mechanisms by route.
  const countMechanisms = (ms: Json[]): void => {
    if (ms.length === 0) stats.noMechanism++;
    for (const m of ms) stats.mechanisms[m.type as string] = (stats.mechanisms[m.type as string] ?? 0) + 1;
  };
  const scc = (from: PartyInfo, to: PartyInfo): Json[] => {
    const module = from.processor ? (to.processor ? 3 : 4) : to.processor ? 2 : 1;
    const m: Json = { type: 'scc', module, signedOn: rng.date(2021, 2025) };
    if (rng.chance(0.04)) {
      m.decision = '2010/87';
      m.signedOn = rng.date(2015, 2020);
    }
    const out: Json[] = [m];
    if (rng.chance(0.75)) {
      const supplementary = rng.chance(0.35);
      out.push({ type: 'tia', completedOn: rng.date(2021, 2025), outcome: supplementary ? 'supplementary-measures' : 'no-supplementary-measures-needed' });
      if (supplementary) out.push({ type: 'supplementary-measures', measures: rng.sample(['encryption', 'pseudonymisation', 'split-processing', 'access-controls'], rng.int(1, 2)) });
    }
    return out;
  };
  /** Mechanisms of a flow, and whether it must be occasional (a derogation). */
  const mechanismsFor = (from: PartyInfo, to: PartyInfo, euOrigin: boolean): { ms: Json[]; occasional?: boolean } => {
    const sameGroup = from.group !== undefined && from.group === to.group;
    if (EEA_SET.has(from.country)) {
      if (EEA_SET.has(to.country)) return { ms: [] };
      const r = rng.next();
      if (sameGroup && groups[Number(from.group!.slice(1))].bcr) {
        if (r < 0.75) return { ms: [{ type: 'bcr', reference: `BCR-${from.group}` }] };
        if (r < 0.97) return { ms: scc(from, to) };
        return { ms: [] };
      }
      if (ADEQUATE.includes(to.country) || to.country === 'JP') {
        if (r < 0.85) return { ms: [] }; // relies on the adequacy decision (scope permitting)
        return { ms: scc(from, to) };
      }
      if (to.certifications.includes('eu-us-dpf')) {
        if (r < 0.6) return { ms: [] };
        if (r < 0.97) return { ms: scc(from, to) };
        return { ms: [] };
      }
      if (r < 0.78) return { ms: scc(from, to) };
      if (r < 0.88) return { ms: [{ type: 'derogation', ground: rng.pick(DEROGATIONS) }], occasional: true };
      if (r < 0.91) return { ms: [{ type: 'code-of-conduct', name: 'EU Cloud Code of Conduct' }] };
      if (r < 0.93) return { ms: [{ type: 'certification', scheme: 'Europrivacy' }] };
      if (r < 0.95) return { ms: [{ type: 'ad-hoc-clauses', authorisedBy: 'CNIL' }] };
      return { ms: [] };
    }
    if (from.country === 'JP') {
      if (to.country === 'JP') return { ms: to.processor && rng.chance(0.6) ? [{ type: 'appi-entrustment' }] : [] };
      const r = rng.next();
      if (EEA_SET.has(to.country) || to.country === 'GB') {
        return { ms: r < 0.7 ? [] : [{ type: 'appi-standard-system', basis: sameGroup ? 'internal-rules' : 'contract', monitoring: true }] };
      }
      const ms: Json[] = [];
      if (r < 0.5) {
        const basis = sameGroup ? 'internal-rules' : to.certifications.includes('apec-cbpr') ? 'apec-cbpr' : 'contract';
        const m: Json = { type: 'appi-standard-system', basis, monitoring: rng.chance(0.85) };
        if (euOrigin) m.coversSupplementaryRules = rng.chance(0.8);
        if (rng.chance(0.5)) m.providesInformationOnRequest = true;
        ms.push(m);
      } else if (r < 0.85) {
        const informed: Json = { country: true, protectionSystem: true, recipientMeasures: true };
        if (rng.chance(0.12)) {
          const key = rng.pick(['country', 'protectionSystem', 'recipientMeasures']);
          if (rng.chance(0.5)) informed[key] = false;
          else delete informed[key];
        }
        ms.push({ type: 'appi-consent', informed });
      } else if (r < 0.9) {
        ms.push({ type: 'appi-opt-out', notifiedToPpc: true }); // not an Art. 28 basis for a foreign recipient
      }
      if (euOrigin && rng.chance(0.3)) ms.push(...scc(from, to));
      return { ms };
    }
    // Exporters outside the EEA and Japan: onward transfers of EU data often carry SCCs.
    if (euOrigin && rng.chance(0.6)) return { ms: scc(from, to) };
    return { ms: [] };
  };

  const flowPurposes = (ds: Json[]): string[] => {
    const own = ds.flatMap((d) => (d.purposes as string[] | undefined) ?? []);
    const out = new Set<string>(own.length > 0 && rng.chance(0.7) ? [rng.pick(own)] : []);
    if (out.size === 0 || rng.chance(0.3)) out.add(rng.pick(FLOW_PURPOSES));
    return [...out];
  };

  const makeFlow = (id: string, from: PartyInfo, to: PartyInfo, datasets: Json[], euOrigin: boolean): Json => {
    const { ms, occasional } = mechanismsFor(from, to, euOrigin);
    const flow: Json = { id, from: from.id, to: to.id, datasets: datasets.map((d) => d.id), purposes: flowPurposes(datasets) };
    flow.frequency = occasional ? 'occasional' : rng.weighted([['continuous', 6], ['regular', 3], ['one-off', 1]] as const);
    if (rng.chance(0.06)) flow.access = 'remote-access';
    if (ms.length > 0) flow.mechanisms = ms;
    if (rng.chance(0.3)) flow.startsOn = rng.date(2019, 2025);
    if (rng.chance(0.4)) flow.encryption = { inTransit: true, atRest: rng.chance(0.7), ...(rng.chance(0.3) ? { keysHeldIn: from.country } : {}) };
    countMechanisms(ms);
    return flow;
  };

  const makeDataset = (id: string, owner: PartyInfo, chain: boolean): Json => {
    const a = rng.weighted(archetypeTable);
    const categories = new Set(a.categories.filter(() => rng.chance(0.85)));
    if (categories.size === 0) categories.add(a.categories[0]);
    // The long tail: every category of the taxonomy appears, in small estates too.
    if (stats.datasets < taxonomy.length) categories.add(taxonomy[stats.datasets]);
    else if (rng.chance(0.15)) categories.add(rng.pick(taxonomy));
    for (const c of categories) stats.categories.add(c);
    const d: Json = { id, name: `${a.name} (${owner.country})`, categories: [...categories], subjects: [...a.subjects] };
    if (a.name === 'aggregates') d.identifiability = rng.chance(0.5) ? 'anonymised' : 'non-personal';
    else if (a.name === 'web-analytics' || a.name === 'telemetry' ? rng.chance(0.4) : rng.chance(0.05)) d.identifiability = 'pseudonymised';
    if (chain) {
      const more = rng.sample(EEA.filter((c) => c !== owner.country), rng.int(0, 2));
      d.collectedIn = [owner.country, ...more];
    } else if (rng.chance(0.7)) {
      d.collectedIn = [owner.country];
    } // else: collected by the party that holds it (origin = its country)
    d.purposes = rng.sample(a.purposes, rng.int(1, a.purposes.length));
    // Most special-category datasets declare their Art. 9(2) condition or Art. 10 basis.
    const flags = new Set([...categories].map((c) => gdprFlag.get(c)));
    if (flags.has('art9') && rng.chance(0.85)) {
      d.art9Condition = a.subjects.includes('employees') ? 'employment' : a.subjects.includes('patients') ? (a.name === 'genomics' ? 'research' : 'health-care') : a.subjects.includes('members') ? 'not-for-profit-body' : 'explicit-consent';
    }
    if (flags.has('art10') && rng.chance(0.85)) d.art10Basis = 'national law on pre-employment screening';
    if (rng.chance(0.5)) d.subjectsCount = rng.int(10, 5_000_000);
    return d;
  };

  const vendorIn = (countries: readonly string[]): PartyInfo => {
    for (let tries = 0; tries < 8; tries++) {
      const list = vendorsByCountry.get(rng.pick(countries));
      if (list) return rng.pick(list);
    }
    return rng.pick(vendors);
  };

  // --- Systems, each one manifest, until the flow budget is spent.
  let committed = 0;
  let systems = 0;
  const datasetsSoFar = (): number => stats.datasets;

  const emitPending = (group: Group, sysId: string, flows: Json[], datasets: Json[], limit: number): void => {
    const hops = group.pending.splice(0, limit);
    hops.forEach((hop, i) => {
      let carried = hop.datasetDecl;
      if (rng.chance(0.15)) {
        // The Japanese entity derives a dataset from the EU data and sends that on.
        const derived: Json = {
          id: `${sysId}.derived-${i}`, name: `derived from ${hop.dataset}`,
          categories: (hop.datasetDecl.categories as string[]).slice(0, 2), subjects: hop.datasetDecl.subjects,
          identifiability: hop.datasetDecl.identifiability ?? 'identified', derivedFrom: [hop.dataset],
        };
        if (derived.identifiability === undefined) delete derived.identifiability;
        datasets.push(derived);
        stats.datasets++;
        stats.derived++;
        carried = derived;
      }
      let from = hop.from;
      for (const to of hop.rest) {
        flows.push(makeFlow(`${sysId}.f${flows.length}`, from, to, [carried], true));
        if (carried === hop.datasetDecl) stats.crossManifest++;
        from = to;
      }
    });
  };

  while (committed < target) {
    const sysIdx = systems++;
    const sysId = `s${pad(sysIdx, 6)}`;
    const kind = rng.weighted([['eu', 50], ['jp', 30], ['other', 20]] as const);
    const [group, owner] = kind === 'eu' && euOwners.length > 0 ? rng.pick(euOwners) : kind === 'jp' && jpOwners.length > 0 ? rng.pick(jpOwners) : rng.pick(otherOwners.length > 0 ? otherOwners : euOwners);
    let budget = Math.min(target - committed, rng.int(30, 170));
    committed += budget;
    const flows: Json[] = [];
    const datasets: Json[] = [];
    const parties: Json[] = [];
    const locals: PartyInfo[] = [];
    for (let k = rng.int(0, 3); k > 0; k--) {
      const country = rng.chance(0.6) ? owner.country : rng.pick([...THIRD, ...ADEQUATE]);
      const decl: Json = { id: `${sysId}.p${k}`, name: `Local partner ${k} of ${sysId}`, country, role: rng.chance(0.7) ? 'processor' : 'controller' };
      if (country === 'JP' || country === 'KR') decl.activities = [];
      parties.push(decl);
      locals.push({ id: decl.id as string, country, processor: decl.role === 'processor', certifications: [], decl });
      stats.parties++;
    }
    const own: DatasetInfo[] = [];
    const jp = group.byCountry.get('JP');
    const nDatasets = rng.int(4, 14);
    for (let k = 0; k < nDatasets; k++) {
      // A fifth of all datasets are EU-origin chains to Japan and beyond.
      const chain = EEA_SET.has(owner.country) && jp !== undefined && budget >= 4 && stats.chains < 0.2 * (datasetsSoFar() + 1);
      const id = `${sysId}.d${k}`;
      const decl = makeDataset(id, owner, chain);
      if (chain) decl.identifiability = rng.chance(0.9) ? 'identified' : 'pseudonymised';
      datasets.push(decl);
      own.push({ id, decl, chain });
      stats.datasets++;
      if (chain) {
        stats.chains++;
        const hops = rng.int(2, 4);
        stats.hops[hops]++;
        budget -= hops;
        // Hops inside the EEA and into Japan are this manifest's; the ones after Japan are the
        // Japanese entity's, declared in its own manifest and naming this dataset.
        const path: PartyInfo[] = [owner];
        const viaEea = hops >= 3 && rng.chance(0.5);
        if (viaEea) {
          const sibling = group.entities.find((e) => EEA_SET.has(e.country) && e !== owner);
          path.push(sibling ?? vendorIn(EEA.filter((c) => c !== owner.country)));
        }
        path.push(jp);
        const x = rng.chance(0.4) ? group.entities.find((e) => BEYOND_JAPAN.includes(e.country)) ?? vendorIn(BEYOND_JAPAN) : vendorIn(BEYOND_JAPAN);
        const onward = [x];
        while (path.length - 1 + onward.length < hops) onward.push(vendorIn(BEYOND_JAPAN.filter((c) => c !== onward[onward.length - 1].country)));
        for (let h = 0; h + 1 < path.length; h++) flows.push(makeFlow(`${sysId}.f${flows.length}`, path[h], path[h + 1], [decl], true));
        group.pending.push({ dataset: id, datasetDecl: decl, from: jp, rest: onward });
      }
    }
    if (owner.country === 'JP') emitPending(group, sysId, flows, datasets, 400);

    // Ordinary flows: the system's data to vendors, group entities and local partners.
    const groupTargets = group.entities.filter((e) => e !== owner);
    const reDeclared = new Set<string>();
    // `budget` no longer counts the chain hops; the flows so far are chain or pending hops.
    for (let k = 0; k < budget; k++) {
      const n = rng.weighted([[1, 6], [2, 3], [3, 1]] as const);
      const carried = rng.sample(own, n).map((d) => d.decl);
      const r = rng.next();
      let from = owner;
      let to: PartyInfo;
      if (r < 0.58) {
        to = rng.chance(0.5) && EEA_SET.has(owner.country) ? vendorIn(EEA) : rng.pick(vendors);
      } else if (r < 0.82 && groupTargets.length > 0) {
        to = rng.pick(groupTargets);
      } else if (r < 0.92 && locals.length > 0) {
        to = rng.pick(locals);
      } else {
        // A processor's sub-processor, declared by the controller's system.
        from = rng.pick(vendors);
        to = vendorIn(rng.chance(0.5) ? [from.country] : BEYOND_JAPAN);
        if (rng.chance(0.1) && !reDeclared.has(from.id)) {
          parties.push(from.decl); // an identical re-declaration, as teams copy vendor entries
          reDeclared.add(from.id);
        }
      }
      if (to.id === from.id) to = rng.pick(vendors.filter((v) => v.id !== from.id).slice(0, 50));
      flows.push(makeFlow(`${sysId}.f${flows.length}`, from, to, carried, false));
    }

    const manifest: Json = {
      manifestVersion: 1,
      system: { id: sysId, name: `${group.name} ${rng.pick(SYSTEM_NAMES)}`, owner: `privacy@${group.id}.example`, repository: `https://git.estate.example/${group.id}/${sysId}` },
    };
    if (parties.length > 0) manifest.parties = parties;
    manifest.datasets = datasets;
    manifest.flows = flows;
    write(`systems/${sysId}.json`, manifest, flows.length);
  }

  // Chains whose Japanese entity got no manifest of its own after them: one onward manifest each.
  for (const group of groups) {
    if (group.pending.length === 0) continue;
    let part = 0;
    while (group.pending.length > 0) {
      const sysId = `${group.id}-jp-onward-${part++}`;
      const flows: Json[] = [];
      const datasets: Json[] = [];
      emitPending(group, sysId, flows, datasets, 400);
      const manifest: Json = {
        manifestVersion: 1,
        system: { id: sysId, name: `${group.name} Japan onward transfers`, owner: `privacy@${group.id}.example` },
        parties: [],
        datasets,
        flows,
      };
      write(`onward/${sysId}.json`, manifest, flows.length);
    }
  }

  if (flowsWritten !== target) throw new Error(`bench/generate.ts: wrote ${flowsWritten} flows, expected ${target}`);
  return {
    generator: generatorVersion(),
    seed,
    size: sizeName(target),
    flows: flowsWritten,
    files: stats.files,
    bytes: stats.bytes,
    parties: stats.parties,
    datasets: stats.datasets,
    countries: stats.countries.size,
    categoriesUsed: stats.categories.size,
    categoriesInTaxonomy: taxonomy.length,
    euOriginChainDatasets: stats.chains,
    euOriginChainShare: Number((stats.chains / stats.datasets).toFixed(3)),
    chainHops: Object.fromEntries(Object.entries(stats.hops).map(([k, v]) => [`${k} hops`, v])),
    derivedDatasets: stats.derived,
    crossManifestFlows: stats.crossManifest,
    mechanisms: Object.fromEntries(Object.entries(stats.mechanisms).sort()),
    flowsWithoutMechanism: stats.noMechanism,
    millis: Math.round(performance.now() - started),
  };
}

function sizeName(flows: number): string {
  const hit = Object.entries(SIZES).find(([, n]) => n === flows);
  return hit ? hit[0] : String(flows);
}

export function estateDir(size: SizeName): string {
  return path.join(ESTATES_DIR, size);
}

function metaFile(size: SizeName): string {
  return path.join(ESTATES_DIR, `${size}.meta.json`);
}

/**
 * The estate of a size, generated unless an estate of this generator version and seed is
 * already on disk. Returns its meta data and whether it was (re)generated.
 */
export function ensureEstate(size: SizeName, seed = DEFAULT_SEED, onProgress?: (flows: number) => void): { meta: EstateMeta; generated: boolean } {
  const file = metaFile(size);
  try {
    const meta = JSON.parse(fs.readFileSync(file, 'utf8')) as EstateMeta;
    if (meta.generator === generatorVersion() && meta.seed === seed && meta.flows === SIZES[size] && fs.existsSync(estateDir(size))) return { meta, generated: false };
  } catch {
    // not there yet, or unreadable: generate
  }
  fs.rmSync(file, { force: true });
  const meta = generateEstate({ flows: SIZES[size], seed, outDir: estateDir(size), onProgress });
  fs.writeFileSync(file, `${JSON.stringify(meta, null, 2)}\n`); // written last: marks the estate complete
  return { meta, generated: true };
}

function main(argv: string[]): void {
  const size = argv.find((a) => !a.startsWith('-')) as SizeName | undefined;
  const seedAt = argv.indexOf('--seed');
  const outAt = argv.indexOf('--out');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : DEFAULT_SEED;
  if (!size || !(size in SIZES) || !Number.isInteger(seed)) {
    process.stderr.write(`usage: tsx bench/generate.ts <${Object.keys(SIZES).join('|')}> [--seed N] [--out DIR]\n`);
    process.exitCode = 2;
    return;
  }
  const meta = outAt >= 0
    ? generateEstate({ flows: SIZES[size], seed, outDir: argv[outAt + 1] })
    : ensureEstate(size, seed).meta;
  process.stdout.write(`${JSON.stringify(meta, null, 2)}\n`);
}

if (require.main === module) main(process.argv.slice(2));
