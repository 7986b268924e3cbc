import type { Basis, Finding, FlowResult, Report } from '../../types';
import type { SpecialCategoryInfo } from '../../types/generated/report';
import { countryName } from '../../law/country-names';
import { gdprArticle, measuresOf, safeguardOf, tiaOf } from './register-safeguards';
import { overrideText } from './shared';
import { categoryTitles } from './names';
import type { Lang } from '../../i18n/lang';
import { reportTexts, textsOf, type ReportTexts } from './i18n';
import { REGISTER_COLUMNS } from './i18n/texts';

export { REGISTER_COLUMNS } from './i18n/texts';

/** The register's column headers in a language, in order. */
export function registerColumns(lang: Lang = 'en'): string[] {
  const names = reportTexts(lang).register.columns;
  return REGISTER_COLUMNS.map((c) => names[c]);
}

/**
 * The record of transfers that GDPR Art. 30(1)(e) asks controllers to keep: one row for each
 * flow that leaves a jurisdiction (its countries differ, or it goes to an international
 * organisation), with the basis that made it lawful, its legal reference and the safeguard's
 * document and dates. Rows follow the report's flow order; values are plain strings, so that CSV
 * and XLSX hold the same register.
 */
export function registerRows(report: Report): string[][] {
  return [...registerRowsOf(report)];
}

/** The rows of {@link registerRows} one at a time, for a register written as it is made. */
export function* registerRowsOf(report: Report): Generator<string[]> {
  const ctx = registerContext(report);
  const t = ctx.texts;
  const r = t.register;
  for (const f of report.flows) {
    if (!isCrossBorder(f)) continue;
    const findings = ctx.findingsOf.get(f.id) ?? [];
    const article = (b: Basis): string | undefined => {
      const en = b.dpv ? gdprArticle(b.dpv) : undefined;
      return en === undefined ? undefined : r.reference(en);
    };
    yield [
      f.id,
      party(f.exporterName, f.from),
      country(f.exporterCountry, t.lang),
      party(f.importerName, f.to),
      country(f.importerCountry, t.lang),
      (f.purposes ?? []).join('; '),
      ctx.labels(f.categories),
      ctx.special(f.categories),
      (f.subjects ?? []).join('; '),
      basisText(f, t),
      [...new Set(f.basis.map((b) => article(b) ?? ctx.citation(b.ruleId)))].join('; '),
      [...new Set(f.basis.flatMap((b) => safeguardOf(b, f, t)))].join('; '),
      tiaOf(f, t),
      measuresOf(f, t),
      [...new Set(f.basis.map((b) => b.dpv).filter((d): d is string => d !== undefined))].join('; '),
      [...new Set(f.basis.map((b) => b.until).filter((d): d is string => d !== undefined))].sort().join('; '),
      r.verdict[f.verdict],
      [...new Set(findings.map((x) => r.finding(x.ruleId, t.common.severity[x.severity], x.policyOverride ? overrideText(x, t)! : '')))].join('; '),
      report.asOf,
    ];
  }
}

/** What the register's rows look up, made once per report: the register stays linear in flows + findings. */
export interface RegisterContext {
  /** The texts of the report's language. */
  texts: ReportTexts;
  findingsOf: ReadonlyMap<string, Finding[]>;
  /** A rule's citation ("GDPR Art. 44-46, 49"), or its id when the report does not describe it. */
  citation(ruleId: string): string;
  /** The categories as the taxonomy titles them, each once. */
  labels(categories: readonly string[] | undefined): string;
  /** The special categories among them, with the provisions that make them special (`appi`: only those special under the APPI). */
  special(categories: readonly string[] | undefined, appi?: boolean): string;
}

/** The lookups of a report's register: findings by flow, rule citations, category titles and flags. */
export function registerContext(report: Report): RegisterContext {
  const rules = new Map((report.rules ?? []).map((r) => [r.id, r]));
  const findingsOf = new Map<string, Finding[]>();
  for (const x of report.findings) {
    // A finding the policy disabled or lowered stays in the register, with what the policy did and why.
    if (x.severity === 'info' && !x.policyOverride) continue;
    const list = findingsOf.get(x.flowId);
    if (list) list.push(x);
    else findingsOf.set(x.flowId, [x]);
  }
  const titles = categoryTitles(report.datasets ?? []);
  const specials = new Map((report.specialCategories ?? []).map((c) => [c.id, c]));
  const label = (id: string): string => titles.get(id) ?? id;
  // Flows that carry the same datasets share one categories array (the report builder's unions):
  // each list is labelled once.
  const labelled = new Map<readonly string[], string>();
  const special = [new Map<readonly string[], string>(), new Map<readonly string[], string>()] as const;
  const NONE: readonly string[] = [];
  const texts = textsOf(report);
  return {
    texts,
    findingsOf,
    citation: (ruleId) => {
      const rule = rules.get(ruleId);
      return rule ? `${rule.citation.law} ${rule.citation.article}` : ruleId;
    },
    labels: (categories = NONE) => {
      let out = labelled.get(categories);
      if (out === undefined) labelled.set(categories, (out = [...new Set(categories.map(label))].join('; ')));
      return out;
    },
    special: (categories = NONE, appi = false) => {
      const memo = special[appi ? 1 : 0];
      let out = memo.get(categories);
      if (out === undefined) {
        out = categories
          .map((id) => specials.get(id))
          .filter((c): c is SpecialCategoryInfo => c !== undefined && (!appi || c.appiSpecialCare === true))
          .map((c) => texts.register.specialLabel(label(c.id), specialProvisions(c, texts)))
          .join('; ');
        memo.set(categories, out);
      }
      return out;
    },
  };
}

/** The provisions that make a category special: GDPR Art. 9(1) or Art. 10, APPI Art. 2(3). */
function specialProvisions(c: SpecialCategoryInfo, t: ReportTexts): string {
  const out: string[] = [];
  if (c.gdpr === 'art9') out.push(t.register.special.art9);
  if (c.gdpr === 'art10') out.push(t.register.special.art10);
  if (c.appiSpecialCare) out.push(t.register.special.appi);
  return out.join('; ');
}

/** What the flow rests on (in the report's language), or why it has no basis. */
export function basisText(f: FlowResult, t: ReportTexts = reportTexts('en')): string {
  const r = t.register;
  if (!f.active) return r.notActive;
  if (f.basis.length > 0) return f.basis.map((b) => b.text).join('; ');
  if (f.verdict === 'not-assessed') return r.notAssessed(f.wouldApply ? f.wouldApply.join(r.listSeparator) : '');
  return r.none;
}

/** Whether a flow leaves a jurisdiction (the register's rows). */
export function isCrossBorder(f: FlowResult): boolean {
  return f.crossBorder ?? f.exporterCountry !== f.importerCountry;
}

/** A party as the register names it: its name, with its id when they differ. */
export function party(name: string | undefined, id: string): string {
  return name && name !== id ? `${name} (${id})` : id;
}

const countries: Record<Lang, Map<string, string>> = { en: new Map(), ja: new Map() };

/** A country by its name in a language and its code ("Japan (JP)"); an international organisation's code as it is. */
export function country(code: string, lang: Lang = 'en'): string {
  const names = countries[lang];
  let out = names.get(code);
  if (out === undefined) {
    const name = countryName(code, lang);
    names.set(code, (out = name === code ? code : reportTexts(lang).common.countryLabel(name, code)));
  }
  return out;
}

// Characters XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// What makes a spreadsheet read a cell as a formula when it comes first (OWASP CSV Injection;
// ASVS 5.0 V1.2.10): = + - @, tab, CR, LF, and their full-width forms, which some spreadsheets
// normalise. A NUL (also in ASVS's list) is already U+FFFD by then.
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A register value as a CSV or XLSX cell: characters XML forbids become U+FFFD (so the XLSX is
 * well-formed, and the CSV holds the same text), and a value a spreadsheet would take for a
 * formula gets a leading apostrophe, the neutralisation OWASP recommends (the apostrophe shows
 * in the cell; the text after it is the input, unchanged).
 */
export function spreadsheetCell(value: string): string {
  const clean = value.replace(NOT_XML, '\uFFFD');
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}
