import type { Finding, FlowResult, Report } from '../../types';
import { overrideText } from './shared';

/** The columns of the transfer register, in order. */
export const REGISTER_COLUMNS = [
  'Flow',
  'Exporter',
  'Exporter country',
  'Importer',
  'Importer country',
  'Data categories',
  'Data subjects',
  'Transfer basis',
  'Legal reference',
  'DPV',
  'Basis ends',
  'Verdict',
  'Findings',
  'As of',
] as const;

/**
 * The record of transfers that GDPR Art. 30(1)(e) asks controllers to keep: one row for each
 * flow that leaves a jurisdiction (its countries differ, or it goes to an international
 * organisation), with the basis that made it lawful and its legal reference. Rows follow the
 * report's flow order; values are plain strings, so that CSV and XLSX hold the same register.
 */
export function registerRows(report: Report): string[][] {
  return [...registerRowsOf(report)];
}

/** The rows of {@link registerRows} one at a time, for a register written as it is made. */
export function* registerRowsOf(report: Report): Generator<string[]> {
  const rules = new Map((report.rules ?? []).map((r) => [r.id, r]));
  // Findings grouped by flow in one pass: the register stays linear in flows + findings.
  const byFlow = new Map<string, Finding[]>();
  for (const x of report.findings) {
    // A finding the policy disabled or lowered stays in the register, with what the policy did and why.
    if (x.severity === 'info' && !x.policyOverride) continue;
    const list = byFlow.get(x.flowId);
    if (list) list.push(x);
    else byFlow.set(x.flowId, [x]);
  }
  for (const f of report.flows) {
    if (!isCrossBorder(f)) continue;
    const findings = byFlow.get(f.id) ?? [];
    const references = [...new Set(f.basis.map((b) => {
      const rule = rules.get(b.ruleId);
      return rule ? `${rule.citation.law} ${rule.citation.article}` : b.ruleId;
    }))];
    yield [
      f.id,
      party(f.exporterName, f.from),
      f.exporterCountry,
      party(f.importerName, f.to),
      f.importerCountry,
      (f.categories ?? []).join('; '),
      (f.subjects ?? []).join('; '),
      !f.active ? 'not active on this date'
        : f.basis.length > 0 ? f.basis.map((b) => b.text).join('; ')
          : f.verdict === 'not-assessed' ? `not assessed: no built-in rule pack of this run judges it${f.wouldApply ? `; ${f.wouldApply.join(', ')} would` : ''}` : 'none',
      references.join('; '),
      [...new Set(f.basis.map((b) => b.dpv).filter((d): d is string => d !== undefined))].join('; '),
      [...new Set(f.basis.map((b) => b.until).filter((d): d is string => d !== undefined))].sort().join('; '),
      f.verdict,
      [...new Set(findings.map((x) => `${x.ruleId} (${x.severity}${x.policyOverride ? `; ${overrideText(x)}` : ''})`))].join('; '),
      report.asOf,
    ];
  }
}

function isCrossBorder(f: FlowResult): boolean {
  return f.crossBorder ?? f.exporterCountry !== f.importerCountry;
}

function party(name: string | undefined, id: string): string {
  return name && name !== id ? `${name} (${id})` : id;
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
