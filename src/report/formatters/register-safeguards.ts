// The safeguard of a register row: what made the flow lawful (its basis), with the legal reference,
// the document and its dates taken from the tools the flow declares. Pure: the report holds all of it.
import type { Basis, FlowResult } from '../../types';
import type { DeclaredMechanism } from '../../types/generated/report';
import { countryName } from '../../law/country-names';

/** The GDPR article of a DPV-Legal code of the GDPR extension: eu-gdpr:A46-2-c is Art. 46(2)(c). */
export function gdprArticle(dpv: string): string | undefined {
  const m = /^eu-gdpr:A(\d+)((?:-[0-9a-z]+)*)$/.exec(dpv);
  if (!m) return undefined;
  return `GDPR Art. ${m[1]}${m[2]!.split('-').filter(Boolean).map((p) => `(${p})`).join('')}`;
}

/** The Art. 49(1) point of each derogation ground (as rules/data/dpv.yaml codes them). */
export const DEROGATION_POINTS: Readonly<Record<string, string>> = {
  'explicit-consent': 'Art. 49(1)(a), explicit consent',
  'contract-performance': 'Art. 49(1)(b), performance of a contract',
  'pre-contractual': 'Art. 49(1)(b), pre-contractual measures',
  'contract-in-interest': 'Art. 49(1)(c), contract in the interest of the data subject',
  'public-interest': 'Art. 49(1)(d), important reasons of public interest',
  'legal-claims': 'Art. 49(1)(e), legal claims',
  'vital-interests': 'Art. 49(1)(f), vital interests',
  'public-register': 'Art. 49(1)(g), public register',
  'compelling-legitimate-interests': 'Art. 49(1) second subparagraph, compelling legitimate interests',
};

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

function on(m: Fields, key: string, verb: string): string {
  const d = str(m, key);
  return d ? `${verb} on ${d}` : `${verb}: date not declared`;
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
export function safeguardOf(basis: Basis, flow: FlowResult): string[] {
  const article = basis.dpv ? gdprArticle(basis.dpv) : undefined;
  if (article) return gdprSafeguard(basis, flow, article);
  if (basis.regime === 'jp-appi' || basis.regime === 'eu-jp-supplementary') return appiSafeguard(basis, flow);
  return [];
}

function gdprSafeguard(basis: Basis, flow: FlowResult, article: string): string[] {
  const until = basis.until ? `, until ${basis.until}` : '';
  if (article === 'GDPR Art. 45(3)') return [`${article}, ${DECISION.exec(basis.text)?.[0] ?? basis.text}${until}`];
  if (article === 'GDPR Art. 46(2)(c)') {
    // The clauses the basis names are those that hold on the date (decision and module).
    return declared(flow, 'scc')
      .filter((m) => basis.text.includes(str(m, 'decision') ?? '2021/914'))
      .map((m) => {
        const decision = str(m, 'decision') ?? '2021/914';
        const module = str(m, 'module');
        return `${article}, ${SCC_DECISIONS[decision] ?? decision}${module ? `, module ${module}` : ''}, ${on(m, 'signedOn', 'signed')}${until}`;
      });
  }
  if (article === 'GDPR Art. 46(2)(b)') {
    return declared(flow, 'bcr').map((m) => `GDPR Art. 46(2)(b) and Art. 47, binding corporate rules${str(m, 'reference') ? ` ${str(m, 'reference')}` : ''}, ${on(m, 'approvedOn', `approved${str(m, 'approvedBy') ? ` by ${str(m, 'approvedBy')}` : ''}`)}`);
  }
  if (article === 'GDPR Art. 46(2)(e)') {
    return declared(flow, 'code-of-conduct').map((m) => `${article}, code of conduct${str(m, 'name') ? ` ${str(m, 'name')}` : ''}, ${on(m, 'approvedOn', `approved${str(m, 'approvedBy') ? ` by ${str(m, 'approvedBy')}` : ''}`)}`);
  }
  if (article === 'GDPR Art. 46(2)(f)') {
    return declared(flow, 'certification').map((m) => `${article}, certification${str(m, 'scheme') ? ` ${str(m, 'scheme')}` : ''}, ${on(m, 'certifiedOn', `certified${str(m, 'certifiedBy') ? ` by ${str(m, 'certifiedBy')}` : ''}`)}${str(m, 'validUntil') ? `, valid until ${str(m, 'validUntil')}` : ''}`);
  }
  if (article === 'GDPR Art. 46(3)(a)') {
    return declared(flow, 'ad-hoc-clauses').map((m) => `${article}, contractual clauses${str(m, 'authorisationReference') ? ` ${str(m, 'authorisationReference')}` : ''}, ${on(m, 'authorisedOn', `authorised${str(m, 'authorisedBy') ? ` by ${str(m, 'authorisedBy')}` : ''}`)}`);
  }
  if (article.startsWith('GDPR Art. 49(1)')) {
    // The derogations the basis names are those that hold; each with its own point of Art. 49(1).
    return declared(flow, 'derogation')
      .filter((m) => basis.text.includes(str(m, 'ground') ?? '\u0000'))
      .map((m) => `GDPR ${DEROGATION_POINTS[str(m, 'ground')!] ?? `Art. 49(1), ${str(m, 'ground')}`}, ${on(m, 'obtainedOn', 'obtained')}`);
  }
  return [`${article}${until}`];
}

function appiSafeguard(basis: Basis, flow: FlowResult): string[] {
  const provision = /^(?:APPI|Supplementary Rule)[^:]*/.exec(basis.text)?.[0];
  if (!provision) return [];
  if (/consent/.test(basis.text) && !/confirmed/.test(basis.text)) {
    return declared(flow, 'appi-consent').map((m) => `${provision}, the principal's consent, ${on(m, 'obtainedOn', 'obtained')}`);
  }
  if (/conforming to the PPC standards/.test(basis.text)) {
    return declared(flow, 'appi-standard-system').map((m) => `${provision}, PPC Rules Art. 16: a system conforming to the PPC standards (${str(m, 'basis') ?? 'basis undeclared'}), ${on(m, 'establishedOn', 'established')}`);
  }
  if (/designated by the PPC/.test(basis.text)) return [`${provision}, PPC Rules Art. 15: ${countryName(flow.importerCountry)} designated by the PPC`];
  if (/opt-out/.test(basis.text)) return declared(flow, 'appi-opt-out').map((m) => `${provision}, opt-out ${on(m, 'notifiedOn', 'notified to the PPC')}`);
  return [provision];
}

const TIA_OUTCOMES: Readonly<Record<string, string>> = {
  'no-supplementary-measures-needed': 'no supplementary measures needed',
  'supplementary-measures': 'supplementary measures needed',
};

/** The transfer impact assessments the flow declares, with their dates and outcomes. */
export function tiaOf(flow: FlowResult): string {
  return declared(flow, 'tia')
    .map((m) => `${on(m, 'completedOn', 'completed')}${str(m, 'outcome') ? `: ${TIA_OUTCOMES[str(m, 'outcome')!] ?? str(m, 'outcome')}` : ''}`)
    .join('; ');
}

/** The flow's encryption and supplementary measures, as declared. */
export function measuresOf(flow: FlowResult): string {
  const out: string[] = [];
  const e = flow.encryption;
  if (e) {
    const parts: string[] = [];
    if (e.inTransit !== undefined) parts.push(`${e.inTransit ? '' : 'not '}encrypted in transit`);
    if (e.atRest !== undefined) parts.push(`${e.atRest ? '' : 'not '}encrypted at rest`);
    if (typeof e.keysHeldIn === 'string') parts.push(`keys held in ${countryName(e.keysHeldIn)} (${e.keysHeldIn})`);
    if (parts.length > 0) out.push(parts.join(', '));
  }
  for (const m of declared(flow, 'supplementary-measures')) {
    const measures = Array.isArray(m.measures) ? (m.measures as unknown[]).map(String).join(', ') : 'measures undeclared';
    out.push(`supplementary measures: ${measures}${str(m, 'implementedOn') ? `, implemented on ${str(m, 'implementedOn')}` : ''}`);
  }
  return out.join('; ');
}
