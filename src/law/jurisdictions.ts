import { localize, type Lang, type Localized } from '../i18n/lang';
import { Purposes } from './purposes';

/**
 * Country groups with dated membership and adequacy decisions with dates and scope, from
 * rules/data/jurisdictions.yaml. Every query takes the date the law is applied for.
 */

export interface MemberData {
  country?: string;
  group?: string;
  from?: string;
  until?: string;
  note?: string;
}

export interface GroupData {
  title: string;
  source?: string;
  notes?: string;
  members: MemberData[];
}

export interface AdequacyScope {
  sectors?: string[];
  certification?: string;
  hrDataNeedsCertification?: boolean;
  excludedActivities?: string[];
  excludedPurposes?: string[];
  /** Territories of the country whose coverage is unconfirmed: within scope only to confirm. */
  territoriesUnconfirmed?: string[];
}

export interface AdequacyData {
  id: string;
  regime: string;
  country?: string;
  organisation?: string;
  /** Covers every member of this group on the date. */
  group?: string;
  kind?: 'adequacy' | 'bridge';
  /** What the decision covers, in one language or per language (English required). */
  title: Localized;
  decision: string;
  from: string;
  until?: string;
  url: string;
  notes?: string;
  scope?: AdequacyScope;
}

/** A dated membership of a country group, declared on a territory. */
export interface TerritoryGroupData {
  group: string;
  from?: string;
  until?: string;
  note?: string;
}

/** An ISO 3166-1 code that names a territory rather than a state, and the law that applies there. */
export interface TerritoryData {
  name: string;
  /** The state it belongs to or is associated with; absent for none (Antarctica, a disputed territory). */
  of?: string;
  kind: string;
  status: string;
  sources: string[];
  notes?: string;
  groups?: TerritoryGroupData[];
}

export interface JurisdictionsData {
  dataVersion: 1;
  updated?: string;
  groups: Record<string, GroupData>;
  adequacy: AdequacyData[];
  /** Codes that are each their own jurisdiction. */
  states?: string[];
  /** Every other code: whose territory it is and its dated group memberships. */
  territories?: Record<string, TerritoryData>;
}

/** The recipient and flow facts an adequacy decision's scope is judged on. */
export interface ScopeFacts {
  country: string;
  organisation?: string;
  sector: string;
  certifications: readonly string[];
  activities?: readonly string[];
  certifiedForHrData?: boolean;
  purposes: readonly string[];
  carriesHrData: boolean;
}

export type AdequacyStatus = 'adequate' | 'scope-unconfirmed' | 'outside-scope' | 'none';

/** What an adequacy lookup found, in a shape rules (CEL maps) and reports can read. */
export interface AdequacyResult {
  status: AdequacyStatus;
  /** true only for status "adequate". */
  found: boolean;
  id: string;
  decision: string;
  title: string;
  url: string;
  kind: string;
  from: string;
  until: string;
  /** Why the decision does or does not cover the flow, in one sentence. */
  reason: string;
  /** Facts the manifest must declare to settle the scope (status scope-unconfirmed). */
  missingFacts: string[];
}

interface Interval {
  from: string;
  until: string;
}

const OPEN_START = '0000-01-01';
const OPEN_END = '9999-12-31';

export class Jurisdictions {
  private readonly intervals = new Map<string, Map<string, Interval[]>>();
  private readonly membersOnCache = new Map<string, Map<string, Set<string>>>();
  private regimeList?: string[];
  /** Decisions by regime, then by country or by international organisation (two maps, no joined keys). */
  private readonly decisions = new Map<string, { countries: Map<string, AdequacyData[]>; organisations: Map<string, AdequacyData[]> }>();
  private readonly groupDecisions = new Map<string, AdequacyData[]>();

  /** Group members as declared in the groups plus those declared on territories. */
  private readonly members: Record<string, MemberData[]>;

  /** The vocabulary the decisions' purpose carve-outs are written in. */
  readonly purposes: Purposes;

  constructor(readonly data: JurisdictionsData, purposes?: Purposes) {
    this.purposes = purposes ?? Purposes.ofIds(data.adequacy.flatMap((d) => d.scope?.excludedPurposes ?? []));
    this.members = withTerritoryMembers(data);
    for (const name of Object.keys(data.groups)) this.flatten(name, []);
    const index = (table: Map<string, AdequacyData[]>, where: string, decision: AdequacyData): void => {
      const list = table.get(where);
      if (list) list.push(decision);
      else table.set(where, [decision]);
    };
    for (const decision of data.adequacy) {
      if (decision.group !== undefined) {
        this.groupDecisions.set(decision.regime, [...(this.groupDecisions.get(decision.regime) ?? []), decision]);
        continue;
      }
      let byRegime = this.decisions.get(decision.regime);
      if (!byRegime) this.decisions.set(decision.regime, (byRegime = { countries: new Map(), organisations: new Map() }));
      if (decision.country !== undefined) index(byRegime.countries, decision.country, decision);
      else index(byRegime.organisations, decision.organisation!, decision);
      // A recipient in a territory whose coverage is unconfirmed is judged against the decision too.
      for (const t of decision.scope?.territoriesUnconfirmed ?? []) index(byRegime.countries, t, decision);
    }
  }


  /** Problems with the data itself: unknown or cyclic group references, reversed dates, duplicate ids. */
  static check(data: JurisdictionsData): string[] {
    const problems: string[] = [];
    const states = new Set<string>();
    for (const code of data.states ?? []) {
      if (states.has(code)) problems.push(`state ${code} is listed twice`);
      states.add(code);
    }
    for (const [code, t] of Object.entries(data.territories ?? {})) {
      if (states.has(code)) problems.push(`${code} is listed both as a state and as a territory`);
      if (t.of !== undefined && !states.has(t.of)) problems.push(`territory ${code} belongs to ${t.of}, which is not in states`);
      for (const g of t.groups ?? []) {
        if (!(g.group in data.groups)) problems.push(`territory ${code} refers to unknown group ${g.group}`);
        if (g.from && g.until && g.from > g.until) problems.push(`territory ${code}: group ${g.group} from ${g.from} is after until ${g.until}`);
      }
    }
    const visiting = new Set<string>();
    const visit = (name: string): void => {
      if (visiting.has(name)) {
        problems.push(`group ${name} includes itself`);
        return;
      }
      visiting.add(name);
      for (const m of data.groups[name].members) {
        if (m.group !== undefined && !(m.group in data.groups)) problems.push(`group ${name} refers to unknown group ${m.group}`);
        else if (m.group !== undefined) visit(m.group);
        if (m.from && m.until && m.from > m.until) problems.push(`group ${name}: ${m.country ?? m.group} from ${m.from} is after until ${m.until}`);
      }
      visiting.delete(name);
    };
    for (const name of Object.keys(data.groups)) visit(name);
    const ids = new Set<string>();
    for (const d of data.adequacy) {
      if (ids.has(d.id)) problems.push(`adequacy decision id ${d.id} is used twice`);
      ids.add(d.id);
      if (d.until && d.from > d.until) problems.push(`adequacy decision ${d.id}: from ${d.from} is after until ${d.until}`);
      if (d.group !== undefined && !(d.group in data.groups)) problems.push(`adequacy decision ${d.id} refers to unknown group ${d.group}`);
    }
    return problems;
  }

  groupNames(): string[] {
    return Object.keys(this.data.groups);
  }

  hasGroup(name: string): boolean {
    return name in this.data.groups;
  }

  regimes(): string[] {
    this.regimeList ??= [...new Set(this.data.adequacy.map((d) => d.regime))];
    return this.regimeList;
  }

  /** Whether a country belongs to a group on a date. */
  inGroup(country: string, group: string, date: string): boolean {
    return this.membersOn(group, date).has(country);
  }

  /** The members of a group on a date (cached: a run uses one date). */
  membersOn(group: string, date: string): Set<string> {
    // Called for every flow and rule: a two-level map, so no key string is built per call.
    let byDate = this.membersOnCache.get(group);
    if (!byDate) {
      if (!this.hasGroup(group)) throw new Error(`unknown country group "${group}"`);
      byDate = new Map();
      this.membersOnCache.set(group, byDate);
    }
    let members = byDate.get(date);
    if (!members) {
      members = new Set<string>();
      for (const [country, spans] of this.intervals.get(group) ?? []) {
        if (spans.some((s) => s.from <= date && date <= s.until)) members.add(country);
      }
      byDate.set(date, members);
    }
    return members;
  }

  /**
   * The adequacy decision of `regime` that covers a recipient on a date, or the reason none does.
   * Among several decisions for the destination, one in force whose scope covers the recipient
   * wins; then one whose scope needs a fact the manifest lacks; then one the recipient is
   * outside of.
   */
  adequacy(regime: string, facts: ScopeFacts, date: string, lang: Lang = 'en'): AdequacyResult {
    if (!this.regimes().includes(regime)) throw new Error(`unknown adequacy regime "${regime}"`);
    const byRegime = this.decisions.get(regime);
    const found = facts.organisation !== undefined ? byRegime?.organisations.get(facts.organisation) : byRegime?.countries.get(facts.country);
    const candidates = [...(found ?? [])];
    if (facts.organisation === undefined) {
      // A decision for a group covers a country while it is a member (checked on the date).
      for (const d of this.groupDecisions.get(regime) ?? []) if (this.inGroup(facts.country, d.group!, date)) candidates.push(d);
    }
    const inForce = candidates.filter((d) => d.from <= date && date <= (d.until ?? OPEN_END));
    const judged = inForce.map((d) => judgeScope(d, facts, this.purposes, lang));
    const rank: Record<AdequacyStatus, number> = { adequate: 0, 'scope-unconfirmed': 1, 'outside-scope': 2, none: 3 };
    judged.sort((a, b) => rank[a.status] - rank[b.status]);
    if (judged.length > 0) return judged[0];
    const where = facts.organisation ?? facts.country;
    const past = candidates.filter((d) => (d.until ?? OPEN_END) < date).sort((a, b) => (a.until! < b.until! ? 1 : -1))[0];
    const future = candidates.filter((d) => d.from > date).sort((a, b) => (a.from < b.from ? -1 : 1))[0];
    const near = past ? { ended: past.decision, on: past.until! } : future ? { starts: future.decision, on: future.from } : undefined;
    return {
      status: 'none', found: false, id: '', decision: '', title: '', url: '', kind: '', from: '', until: '',
      reason: ADEQUACY_REASONS[lang].none(regime.toUpperCase(), where, date, near),
      missingFacts: [],
    };
  }

  /**
   * Which facts of a flow (not of the recipient) the adequacy answer for a recipient on a date
   * reads: the flow's purposes when a decision in force for it has purpose carve-outs, whether it
   * carries HR data when one covers HR data only with a certification. An answer that reads
   * neither is the same for every flow to that recipient.
   */
  adequacyReads(regime: string, country: string, organisation: string | undefined, date: string): { purposes: boolean; hrData: boolean } {
    const byRegime = this.decisions.get(regime);
    let purposes = false;
    let hrData = false;
    const judge = (d: AdequacyData): void => {
      if (!(d.from <= date && date <= (d.until ?? OPEN_END))) return;
      if (d.scope?.excludedPurposes && d.scope.excludedPurposes.length > 0) purposes = true;
      if (d.scope?.hrDataNeedsCertification) hrData = true;
    };
    for (const d of (organisation !== undefined ? byRegime?.organisations.get(organisation) : byRegime?.countries.get(country)) ?? []) judge(d);
    if (organisation === undefined) for (const d of this.groupDecisions.get(regime) ?? []) if (this.inGroup(country, d.group!, date)) judge(d);
    return { purposes, hrData };
  }

  private flatten(group: string, stack: string[]): Map<string, Interval[]> {
    const done = this.intervals.get(group);
    if (done) return done;
    const out = new Map<string, Interval[]>();
    if (stack.includes(group)) return out; // reported by check()
    const add = (country: string, span: Interval): void => {
      if (span.from > span.until) return;
      out.set(country, [...(out.get(country) ?? []), span]);
    };
    for (const m of this.members[group] ?? []) {
      const span: Interval = { from: m.from ?? OPEN_START, until: m.until ?? OPEN_END };
      if (m.country !== undefined) add(m.country, span);
      else if (m.group !== undefined) {
        for (const [country, spans] of this.flatten(m.group, [...stack, group])) {
          for (const s of spans) add(country, { from: max(s.from, span.from), until: min(s.until, span.until) });
        }
      }
    }
    this.intervals.set(group, out);
    return out;
  }
}

function judgeScope(d: AdequacyData, facts: ScopeFacts, vocabulary: Purposes, lang: Lang): AdequacyResult {
  const say = ADEQUACY_REASONS[lang];
  const title = localize(d.title, lang);
  const base = {
    found: false, id: d.id, decision: d.decision, title, url: d.url, kind: d.kind ?? 'adequacy', from: d.from, until: d.until ?? '',
  };
  const scope = d.scope ?? {};
  const outside = (reason: string): AdequacyResult => ({ ...base, status: 'outside-scope', reason: say.outside(d.decision, reason), missingFacts: [] });
  if (scope.sectors && !scope.sectors.includes(facts.sector)) return outside(say.sector(scope.sectors, facts.sector));
  if (scope.certification && !facts.certifications.includes(scope.certification)) return outside(say.certification(scope.certification));
  // Facts the manifest must declare, and doubts only a person can settle.
  const missing: string[] = [];
  const doubts: string[] = [];
  let nearPurpose = false;
  if (scope.excludedPurposes && scope.excludedPurposes.length > 0) {
    const excluded: string[] = [];
    for (const id of scope.excludedPurposes) {
      const found = vocabulary.matchAny(facts.purposes, id);
      if (found.match === 'declared') excluded.push(id);
      else if (found.match === 'near') {
        nearPurpose = true;
        doubts.push(say.nearPurpose(found.declared!, id));
      }
    }
    if (excluded.length > 0) return outside(say.excludedPurposes(excluded));
    if (facts.purposes.length === 0) missing.push('purposes');
  }
  if (facts.organisation === undefined && d.country !== undefined && d.country !== facts.country && (scope.territoriesUnconfirmed ?? []).includes(facts.country)) {
    missing.push('territory');
    doubts.push(say.territory(facts.country, d.country));
  }
  if (scope.excludedActivities) {
    if (facts.activities === undefined) missing.push('activities');
    else {
      const excludedActivities = scope.excludedActivities.filter((a) => facts.activities!.includes(a));
      if (excludedActivities.length > 0) return outside(say.excludedActivities(excludedActivities));
    }
  }
  if (scope.hrDataNeedsCertification && facts.carriesHrData) {
    if (facts.certifiedForHrData === undefined) missing.push('certifiedForHrData');
    else if (!facts.certifiedForHrData) return outside(say.hrData());
  }
  if (missing.length > 0 || doubts.length > 0) {
    const recipientFacts = missing.filter((m) => m !== 'territory' && m !== 'purposes');
    const why = [
      ...(recipientFacts.length > 0 ? [say.undeclared(recipientFacts)] : []),
      ...(missing.includes('purposes') ? [say.noPurposes(scope.excludedPurposes!)] : []),
      ...doubts,
    ];
    if (nearPurpose && !missing.includes('purposes')) missing.push('purposes');
    return { ...base, status: 'scope-unconfirmed', missingFacts: missing, reason: say.scopeUnconfirmed(d.decision, title, why) };
  }
  return { ...base, status: 'adequate', found: true, reason: say.adequate(d.decision, title, d.from, d.until), missingFacts: [] };
}

/** The reasons adequacy() gives, per language: rules quote them in findings. */
interface AdequacyReasons {
  none(regime: string, where: string, date: string, near?: { ended?: string; starts?: string; on: string }): string;
  outside(decision: string, reason: string): string;
  sector(sectors: readonly string[], sector: string): string;
  certification(scheme: string): string;
  nearPurpose(declared: string, excluded: string): string;
  excludedPurposes(purposes: readonly string[]): string;
  territory(territory: string, country: string): string;
  excludedActivities(activities: readonly string[]): string;
  hrData(): string;
  undeclared(facts: readonly string[]): string;
  noPurposes(excluded: readonly string[]): string;
  scopeUnconfirmed(decision: string, title: string, why: readonly string[]): string;
  adequate(decision: string, title: string, from: string, until?: string): string;
}

const ADEQUACY_REASONS: Readonly<Record<Lang, AdequacyReasons>> = {
  en: {
    none: (regime, where, date, near) => `no ${regime} adequacy decision covers ${where} on ${date}${near?.ended ? `; ${near.ended} ended on ${near.on}` : near?.starts ? `; ${near.starts} applies only from ${near.on}` : ''}`,
    outside: (decision, reason) => `${decision} is in force but ${reason}`,
    sector: (sectors, sector) => `covers only ${sectors.join(' and ')}-sector recipients, and the recipient is ${sector}-sector`,
    certification: (scheme) => `covers only recipients certified under ${scheme}, and the recipient does not declare it`,
    nearPurpose: (declared, excluded) => `the flow's purpose "${declared}" is close to "${excluded}", which the decision excludes`,
    excludedPurposes: (purposes) => `does not cover transfers for ${purposes.join(', ')}`,
    territory: (territory, country) => `whether it covers ${territory}, a territory of ${country}, is UNCONFIRMED`,
    excludedActivities: (activities) => `excludes recipients processing for ${activities.join(', ')} activities`,
    hrData: () => 'covers HR data only for organisations certified for HR data',
    undeclared: (facts) => `the recipient does not declare ${facts.join(' or ')}`,
    noPurposes: (excluded) => `the flow declares no purposes, so the carve-outs for ${excluded.join(', ')} cannot be ruled out`,
    scopeUnconfirmed: (decision, title, why) => `${decision} covers ${title} only within its scope, and ${why.join('; ')}`,
    adequate: (decision, title, from, until) => `${decision} (${title}) is in force from ${from}${until ? ` until ${until}` : ''}`,
  },
  ja: {
    none: (regime, where, date, near) => `${date}に${where}を対象とする${regime}の十分性決定はない${near?.ended ? `（${near.ended}は${near.on}に終了した）` : near?.starts ? `（${near.starts}は${near.on}からのみ適用される）` : ''}`,
    outside: (decision, reason) => `${decision}は効力を有するが、${reason}`,
    sector: (sectors, sector) => `${sectors.join('及び')}部門の受領者のみを対象とし、受領者は${sector}部門である`,
    certification: (scheme) => `${scheme}の認証を受けた受領者のみを対象とし、受領者はこれを宣言していない`,
    nearPurpose: (declared, excluded) => `フローの利用目的「${declared}」は、決定が対象外とする「${excluded}」に近い`,
    excludedPurposes: (purposes) => `${purposes.join('、')}のための移転を対象としない`,
    territory: (territory, country) => `${country}の領域である${territory}を対象とするかは未確認（UNCONFIRMED）である`,
    excludedActivities: (activities) => `${activities.join('、')}の活動のために処理を行う受領者を対象外とする`,
    hrData: () => '人事データについては、人事データについて認証を受けた組織のみを対象とする',
    undeclared: (facts) => `受領者が${facts.join('又は')}を宣言していない`,
    noPurposes: (excluded) => `フローが利用目的を宣言していないため、${excluded.join('、')}に関する適用除外を否定できない`,
    scopeUnconfirmed: (decision, title, why) => `${decision}は、その範囲内においてのみ${title}を対象とし、${why.join('。また、')}`,
    adequate: (decision, title, from, until) => `${decision}（${title}）は${from}から${until ? `${until}まで` : ''}効力を有する`,
  },
};

function withTerritoryMembers(data: JurisdictionsData): Record<string, MemberData[]> {
  const members: Record<string, MemberData[]> = {};
  for (const [name, group] of Object.entries(data.groups)) members[name] = [...group.members];
  for (const [code, t] of Object.entries(data.territories ?? {})) {
    for (const g of t.groups ?? []) members[g.group]?.push({ country: code, from: g.from, until: g.until, note: g.note });
  }
  return members;
}

function max(a: string, b: string): string {
  return a > b ? a : b;
}

function min(a: string, b: string): string {
  return a < b ? a : b;
}
