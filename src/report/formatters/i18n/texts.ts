// The texts the human-readable formatters write themselves (headings, column headers, verdict
// words, summaries), one catalogue per language. Texts from the report (rule messages, bases,
// names) come already in the report's language. Every function takes only strings, numbers and
// booleans: test/report/formatters-ja.test.ts calls each with the same values in every language
// and compares the numbers and dates they write.
import type { Severity, Verdict } from '../../../types';
import type { Lang } from '../../../i18n/lang';

/** A flow's verdict for display: a flow outside its startsOn..endsOn is not judged. */
export type DisplayVerdict = Verdict | 'inactive';

/**
 * The columns of the transfer register, as their English headers: the record of transfers of
 * GDPR Art. 30(1)(e) (and 30(2)(c) for a processor), with what Art. 30(1)(a)-(d) and (g) ask of
 * the same processing. test/report/register-columns.test.ts maps each item of the law to its column.
 */
export const REGISTER_COLUMNS = [
  'Flow',
  'Exporter',
  'Exporter country',
  'Importer',
  'Importer country',
  'Purposes',
  'Data categories',
  'Special categories',
  'Data subjects',
  'Transfer basis',
  'Legal reference',
  'Safeguard',
  'Transfer impact assessment',
  'Encryption and supplementary measures',
  'DPV',
  'Basis ends',
  'Verdict',
  'Findings',
  'As of',
] as const;

/**
 * The columns of the APPI record, as their English headers. test/report/register-columns.test.ts
 * maps each item of APPI Art. 29(1) and PPC Rules Art. 20(1) to its column.
 */
export const APPI_RECORD_COLUMNS = [
  'Flow',
  'Provider',
  'Third party (recipient)',
  'Recipient country',
  'Date of provision',
  'Principals',
  'Items of personal data',
  'Special care-required personal information',
  "Principal's consent",
  'Basis of provision',
  'Record required',
  'Verdict',
  'As of',
] as const;

export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];
export type AppiRecordColumn = (typeof APPI_RECORD_COLUMNS)[number];

/** What a safeguard's date records: signed on, approved on, ... */
export type SafeguardAct = 'signed' | 'approved' | 'certified' | 'authorised' | 'obtained' | 'established' | 'notified' | 'completed';

/** Words shared by every human-readable format. */
export interface CommonTexts {
  verdict: Record<DisplayVerdict, string>;
  severity: Record<Severity, string>;
  /** "Japan (JP)": a country's name in the language with its code. */
  countryLabel(name: string, code: string): string;
  /** Between the items of a list in a sentence. */
  listSeparator: string;
  noLaw: string;
  /** A finding's policy override, in words: what changed (change: disabled, lowered, raised), the reason and its file ('' when none). */
  override(change: string, ruleSeverity: string, severity: string, reason: string, file: string): string;
  /** One override of the policy: enabled/disabled (undefined: unchanged) and the severity it sets ('' when none). */
  overrideChange(enabled: boolean | undefined, ruleSeverity: string, severity: string): string;
  /** A list cut short: "… and 3 more". */
  andMore(n: number): string;
  baseline: BaselineTexts;
}

/** The "what changed since the baseline" section, in HTML and Markdown alike (arguments are already marked up). */
export interface BaselineTexts {
  /** A rule's finding on a flow. */
  ruleOnFlow(rule: string, flow: string): string;
  sinceBaseline: string;
  comparedWith(file: string): string;
  deltaNew: string;
  deltaFixed: string;
  deltaOpen: string;
}

export interface HtmlTexts {
  statusInputErrors(n: number): string;
  statusViolations(n: number): string;
  statusNotAssessed(n: number): string;
  statusReview(n: number): string;
  statusOverridden: string;
  statusOk: string;
  alertOverride(rule: string, change: string, reason: string): string;
  eyebrow: string;
  heading: string;
  /** The asOf line; asOf is escaped HTML. */
  lawAsOf(asOf: string): string;
  nav: { summary: string; sinceBaseline: string; graph: string; flows: string; findings: string; provenance: string };
  footer(tool: string, version: string): string;
  pageTitle(asOf: string): string;
  cards: {
    flows: string;
    notInForce(n: number): string;
    allowed: string;
    review: string;
    violation: string;
    notAssessed: string;
    notAssessedNote: string;
    findings: string;
    findingsNote(errors: number, warnings: number, info: number): string;
    waived: string;
    waivedNote: string;
    baselined: string;
    baselinedNote: string;
    disabled: string;
    disabledNote: string;
    inputErrors: string;
  };
  counts: {
    flows: string;
    byVerdict: string;
    findings: string;
    allowed: string;
    review: string;
    violation: string;
    notAssessed: string;
    inactive: string;
    errors: string;
    warnings: string;
    info: string;
    waived: string;
    baselined: string;
  };
  summary: string;
  byRegulation: string;
  regulation: string;
  byDestination: string;
  destination: string;
  problems: string;
  problemsNote: string;
  noneNew: string;
  noneFixed: string;
  noneOpen: string;
  graphByCountry(parties: number, arrows: number, maxParties: number, maxArrows: number): string;
  graphLeftOut(countryArrows: number, max: number): string;
  graph: string;
  noFlows: string;
  graphCaption(countries: boolean): string;
  graphFailed: string;
  /** A failed basis: what rejected it (HTML). */
  failedBasis(rejectedBy: string): string;
  wouldJudge(packs: string): string;
  noneInactive: string;
  noneNoRules: string;
  noneNoTransfer: string;
  to: string;
  flows: string;
  flowsIntro: string;
  flowHead: { flow: string; parties: string; data: string; basis: string };
  dataLabel: string;
  subjects: string;
  purposes: string;
  findings: string;
  noFindings: string;
  findingCount(n: number): string;
  findingRows: { law: string; fix: string; chain: string; source: string; fingerprint: string; policy: string; baseline: string };
  inBaseline: string;
  newSinceBaseline: string;
  /** A waiver's head: approver and expiry are escaped HTML. */
  waiver(active: boolean, approver: string, expires: string): string;
  provenance: string;
  checkedBy(tool: string, version: string, asOf: string): string;
  rulePacks: string;
  packHead: { pack: string; title: string; version: string; effective: string };
  overridesHeading: string;
  overrideHead: { rule: string; change: string; reason: string };
  builtIn: string;
  inputs: string;
  inputHead: { kind: string; file: string; sha256: string };
  inputKind: { manifest: string; policy: string; waivers: string; baseline: string };
  badge: { disabled: string; changed(change: string): string; waived: string; baselined: string; expired: string };
}

export interface MarkdownTexts {
  legend(allowed: string, review: string, violation: string, notAssessed: string, inactive: string): string;
  diagramLeftOut(flows: number): string;
  status: { inputErrors: string; violations: string; notAssessed: string; review: string; overridden: string; ok: string };
  heading(asOf: string): string;
  /** The status, the counts of flows and those of findings, as one paragraph. */
  statusLine(status: string, flows: string, findings: string): string;
  /** The counts after the status; each part is '' when not shown. */
  counts(flows: number, allowed: number, review: number, violation: number, notAssessed: number, inactive: number): string;
  findingCounts(errors: number, warnings: number, info: number, waived: number, baselined: number, disabled: number, inputErrors: number): string;
  notAssessedAlert(n: number, packs: string, packCount: number): string;
  overridesLaw: string;
  overrideItem(rule: string, change: string, reason: string): string;
  byRegulation: string;
  regulation: string;
  byDestination: string;
  destination: string;
  flowGraph: string;
  findings: string;
  flowsSummary: string;
  flowHead: { flow: string; from: string; to: string; data: string; subjects: string; purposes: string; verdict: string; basis: string };
  inputErrors: string;
  warnings: string;
  checkedSummary: string;
  checked(version: string, asOf: string): string;
  packHead: { pack: string; version: string; effective: string };
  inputHead: { input: string; file: string; sha256: string };
  inputKind: { manifest: string; policy: string; waivers: string; baseline: string };
  overrideHead: { rule: string; change: string; reason: string };
  builtIn: string;
  mark: { disabled: string; waived: string; baselined: string };
  /** The labels of a finding's lines, with their colon. */
  chain: string;
  fix: string;
  law: string;
  waived(approver: string, expires: string, reason: string): string;
  waiverExpired(expires: string, reason: string, approver: string): string;
  policy: string;
  countHead: { flows: string; allowed: string; review: string; violation: string; notAssessed: string; errors: string; warnings: string; info: string };
  failedBasis(text: string, rejectedBy: string): string;
  wouldJudge(packs: string): string;
}

export interface TextTexts {
  mark: { disabled: string; waived: string; baselined: string; expired: string };
  policy: string;
  waiver: string;
  /** A waiver: its reason, approver and expiry (active: until, else expired on). */
  waiverDetail(reason: string, approver: string, active: boolean, expires: string): string;
  chain: string;
  law: string;
  fix: string;
  problems(n: number, errors: number, warnings: number, info: number): string;
  flows(n: number, allowed: number, review: number, violation: number): string;
  notAssessed(n: number): string;
  /** Flows not in force on the date (not judged). */
  inactive(n: number): string;
  /** Why flows are not assessed; packs ('' when none) would judge them, addPacks is the flag's value. */
  notAssessedWhy(n: number, packs: string, addPacks: string): string;
  noLaw: string;
  overridesLaw(list: string): string;
  overridden(rule: string, change: string, fired: number, reason: string): string;
  parameters(list: string): string;
  parameter(name: string, value: string, defaultValue: string): string;
  waived(n: number): string;
  baselined(n: number): string;
  notFailing(list: string): string;
  inputErrors(n: number): string;
  /** Between the parts of the summary line. */
  partSeparator: string;
  /** The summary line's parts joined, and the date. */
  line(mark: string, parts: string, asOf: string): string;
}

export interface GraphTexts {
  flowGraph: string;
  byCountry: string;
  parties(n: number): string;
  flowCount(n: number): string;
  ariaLabel(countries: boolean): string;
}

export interface RegisterTexts {
  columns: Record<RegisterColumn, string>;
  verdict: Record<Verdict, string>;
  notActive: string;
  notAssessed(packs: string): string;
  none: string;
  finding(ruleId: string, severity: string, override: string): string;
  special: { art9: string; art10: string; appi: string };
  specialLabel(title: string, provisions: string): string;
  /** A legal reference as the register writes it, from its English form ("GDPR Art. 46(2)(c)"). */
  reference(en: string): string;
  /** A Commission decision by its English name ("Commission Implementing Decision (EU) 2021/914"). */
  decision(en: string): string;
  /** A dated act: "signed on 2024-01-10", "approved by CNIL on ...", "obtained: date not declared". */
  dated(act: SafeguardAct, date: string, by: string): string;
  until(date: string): string;
  module(n: string): string;
  bcr(reference: string): string;
  codeOfConduct(name: string): string;
  certification(scheme: string): string;
  validUntil(date: string): string;
  adHocClauses(reference: string): string;
  /** The point of GDPR Art. 49(1) of each derogation ground. */
  derogation: Record<string, string>;
  derogationOther(ground: string): string;
  /** A point of the GDPR: "GDPR Art. 49(1)(a), ...". */
  gdpr(point: string): string;
  consent: string;
  standardSystem(basis: string): string;
  basisUndeclared: string;
  designated(country: string): string;
  optOut: string;
  tiaOutcome: Record<string, string>;
  tia(completed: string, outcome: string): string;
  inTransit(yes: boolean): string;
  atRest(yes: boolean): string;
  keysHeldIn(country: string, code: string): string;
  supplementary(measures: string, implementedOn: string): string;
  measuresUndeclared: string;
  /** Between the parts of a cell ("; ") and between the items of a part (", "). */
  separator: string;
  listSeparator: string;
}

export interface AppiRecordTexts {
  columns: Record<AppiRecordColumn, string>;
  period(startsOn: string, endsOn: string): string;
  optOutDates(period: string): string;
  consentObtained(date: string): string;
  record: { inactive: string; sameEntity: string; art27_5: string; art27_1: string; notAssessed: string; yes: string };
}

export interface XlsxTexts {
  registerSheet: string;
  appiSheet: string;
  aboutSheet: string;
  /** A sheet continued: "Transfer register (2)". */
  continued(name: string, n: number): string;
  about: string;
  asOf: string;
  packs: string;
  input(file: string): string;
  override(rule: string, builtin: boolean): string;
  overrideValue(change: string, reason: string): string;
  warning(code: string): string;
}

/** Every text the human-readable formatters write themselves, in one language. */
export interface ReportTexts {
  lang: Lang;
  common: CommonTexts;
  html: HtmlTexts;
  markdown: MarkdownTexts;
  text: TextTexts;
  graph: GraphTexts;
  register: RegisterTexts;
  appi: AppiRecordTexts;
  xlsx: XlsxTexts;
}
