// The safeguard of a register row: what made the flow lawful (its basis), with the legal reference,
// the document and its dates taken from the tools the flow declares. Pure: the report holds all of it.
import type { Basis, FlowResult } from '../../types';
import type { DeclaredMechanism } from '../../types/generated/report';
import { countryName } from '../../law/country-names';
import type { ReportTexts } from './i18n';
import type { SafeguardAct } from './i18n/texts';
import { DEROGATIONS, EN } from './i18n/en';

/** The GDPR article of a DPV-Legal code of the GDPR extension: eu-gdpr:A46-2-c is Art. 46(2)(c). */
export function gdprArticle(dpv: string): string | undefined {
  const m = /^eu-gdpr:A(\d+)((?:-[0-9a-z]+)*)$/.exec(dpv);
  if (!m) return undefined;
  return `GDPR Art. ${m[1]}${m[2]!.split('-').filter(Boolean).map((p) => `(${p})`).join('')}`;
}

/** The Art. 49(1) point of each derogation ground (as rules/data/dpv.yaml codes them), in English. */
export const DEROGATION_POINTS: Readonly<Record<string, string>> = DEROGATIONS;

/** The Official Journal name of each decision adopting standard contractual clauses. */
const SCC_DECISIONS: Readonly<Record<string, string>> = {
  '2021/914': 'Commission Implementing Decision (EU) 2021/914',
  '2010/87': 'Commission Decision 2010/87/EU',
  '2004/915': 'Commission Decision 2004/915/EC',
  '2001/497': 'Commission Decision 2001/497/EC',
};

/** An adequacy decision as an adequacy basis names it ("Commission Implementing Decision (EU) 2019/419"). */
const DECISION = /Commission (?:Implementing )?Decision (?:\(EU\) )?\d{4}\/\d+(?:\/EC|\/EU)?/;

type Fields = Record<string, unknown>;

function str(m: Fields, key: string): string | undefined {
  const v = m[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** The date a declared tool gives for an act ("signed on 2024-01-10"), or that it gives none. */
function on(t: ReportTexts, m: Fields, key: string, act: SafeguardAct, byKey?: string): string {
  return t.register.dated(act, str(m, key) ?? '', byKey ? (str(m, byKey) ?? '') : '');
}

/**
 * The English text of a basis: the legal references are read from it (its words are the packs'
 * English, whatever the report's language).
 */
function english(basis: Pick<Basis, 'text' | 'en'>): string {
  return basis.en ?? basis.text;
}

function declared(flow: FlowResult, type: string): Fields[] {
  return (flow.mechanisms ?? []).filter((m: DeclaredMechanism) => m.type === type) as Fields[];
}

/**
 * The safeguard of one basis with its reference and dates, or undefined for a basis that rests on
 * no document (not a transfer, a designated country): adequacy as "GDPR Art. 45(3), <decision>",
 * clauses as "GDPR Art. 46(2)(c), <decision>, module N, signed on <date>", and so on. GDPR bases
 * are told apart by their DPV code; APPI bases by the provision their text names.
 */
export function safeguardOf(basis: Basis, flow: FlowResult, t: ReportTexts = EN): string[] {
  const article = basis.dpv ? gdprArticle(basis.dpv) : undefined;
  if (article) return gdprSafeguard(basis, flow, article, t);
  if (basis.regime === 'jp-appi' || basis.regime === 'eu-jp-supplementary') return appiSafeguard(basis, flow, t);
  return [];
}

function gdprSafeguard(basis: Basis, flow: FlowResult, article: string, t: ReportTexts): string[] {
  const r = t.register;
  const sep = r.listSeparator;
  const text = english(basis);
  const ref = r.reference(article);
  const until = basis.until ? `${sep}${r.until(basis.until)}` : '';
  if (article === 'GDPR Art. 45(3)') {
    const decision = DECISION.exec(text)?.[0];
    return [`${ref}${sep}${decision ? r.decision(decision) : basis.text}${until}`];
  }
  if (article === 'GDPR Art. 46(2)(c)') {
    // The clauses the basis names are those that hold on the date (decision and module).
    return declared(flow, 'scc')
      .filter((m) => text.includes(str(m, 'decision') ?? '2021/914'))
      .map((m) => {
        const decision = str(m, 'decision') ?? '2021/914';
        const module = str(m, 'module');
        return `${ref}${sep}${r.decision(SCC_DECISIONS[decision] ?? decision)}${module ? `${sep}${r.module(module)}` : ''}${sep}${on(t, m, 'signedOn', 'signed')}${until}`;
      });
  }
  if (article === 'GDPR Art. 46(2)(b)') {
    return declared(flow, 'bcr').map((m) => `${r.reference('GDPR Art. 46(2)(b) and Art. 47')}${sep}${r.bcr(str(m, 'reference') ?? '')}${sep}${on(t, m, 'approvedOn', 'approved', 'approvedBy')}`);
  }
  if (article === 'GDPR Art. 46(2)(e)') {
    return declared(flow, 'code-of-conduct').map((m) => `${ref}${sep}${r.codeOfConduct(str(m, 'name') ?? '')}${sep}${on(t, m, 'approvedOn', 'approved', 'approvedBy')}`);
  }
  if (article === 'GDPR Art. 46(2)(f)') {
    return declared(flow, 'certification').map((m) => `${ref}${sep}${r.certification(str(m, 'scheme') ?? '')}${sep}${on(t, m, 'certifiedOn', 'certified', 'certifiedBy')}${str(m, 'validUntil') ? `${sep}${r.validUntil(str(m, 'validUntil')!)}` : ''}`);
  }
  if (article === 'GDPR Art. 46(3)(a)') {
    return declared(flow, 'ad-hoc-clauses').map((m) => `${ref}${sep}${r.adHocClauses(str(m, 'authorisationReference') ?? '')}${sep}${on(t, m, 'authorisedOn', 'authorised', 'authorisedBy')}`);
  }
  if (article.startsWith('GDPR Art. 49(1)')) {
    // The derogations the basis names are those that hold; each with its own point of Art. 49(1).
    return declared(flow, 'derogation')
      .filter((m) => text.includes(str(m, 'ground') ?? '\u0000'))
      .map((m) => `${r.gdpr(r.derogation[str(m, 'ground')!] ?? r.derogationOther(str(m, 'ground')!))}${sep}${on(t, m, 'obtainedOn', 'obtained')}`);
  }
  return [`${ref}${until}`];
}

function appiSafeguard(basis: Basis, flow: FlowResult, t: ReportTexts): string[] {
  const r = t.register;
  const sep = r.listSeparator;
  const text = english(basis);
  const provision = /^(?:APPI|Supplementary Rule)[^:]*/.exec(text)?.[0];
  if (!provision) return [];
  const ref = r.reference(provision);
  if (/consent/.test(text) && !/confirmed/.test(text)) {
    return declared(flow, 'appi-consent').map((m) => `${ref}${sep}${r.consent}${sep}${on(t, m, 'obtainedOn', 'obtained')}`);
  }
  if (/conforming to the PPC standards/.test(text)) {
    return declared(flow, 'appi-standard-system').map((m) => `${ref}${sep}${r.standardSystem(str(m, 'basis') ?? r.basisUndeclared)}${sep}${on(t, m, 'establishedOn', 'established')}`);
  }
  if (/designated by the PPC/.test(text)) return [`${ref}${sep}${r.designated(countryName(flow.importerCountry, t.lang))}`];
  if (/opt-out/.test(text)) return declared(flow, 'appi-opt-out').map((m) => `${ref}${sep}${r.optOut} ${on(t, m, 'notifiedOn', 'notified')}`);
  return [ref];
}

/** The transfer impact assessments the flow declares, with their dates and outcomes. */
export function tiaOf(flow: FlowResult, t: ReportTexts = EN): string {
  const r = t.register;
  return declared(flow, 'tia')
    .map((m) => {
      const outcome = str(m, 'outcome');
      return r.tia(on(t, m, 'completedOn', 'completed'), outcome ? (r.tiaOutcome[outcome] ?? outcome) : '');
    })
    .join('; ');
}

/** The flow's encryption and supplementary measures, as declared. */
export function measuresOf(flow: FlowResult, t: ReportTexts = EN): string {
  const r = t.register;
  const out: string[] = [];
  const e = flow.encryption;
  if (e) {
    const parts: string[] = [];
    if (e.inTransit !== undefined) parts.push(r.inTransit(e.inTransit));
    if (e.atRest !== undefined) parts.push(r.atRest(e.atRest));
    if (typeof e.keysHeldIn === 'string') parts.push(r.keysHeldIn(countryName(e.keysHeldIn, t.lang), e.keysHeldIn));
    if (parts.length > 0) out.push(parts.join(r.listSeparator));
  }
  for (const m of declared(flow, 'supplementary-measures')) {
    const measures = Array.isArray(m.measures) ? (m.measures as unknown[]).map(String).join(r.listSeparator) : r.measuresUndeclared;
    out.push(r.supplementary(measures, str(m, 'implementedOn') ?? ''));
  }
  return out.join('; ');
}
