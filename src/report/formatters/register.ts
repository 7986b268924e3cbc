import type { FlowResult, Report } from '../../types';
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
  const rules = new Map((report.rules ?? []).map((r) => [r.id, r]));
  return report.flows
    .filter((f) => isCrossBorder(f))
    .map((f) => {
      // A finding the policy disabled or lowered stays in the register, with what the policy did and why.
      const findings = report.findings.filter((x) => x.flowId === f.id && (x.severity !== 'info' || x.policyOverride));
      const references = [...new Set(f.basis.map((b) => {
        const rule = rules.get(b.ruleId);
        return rule ? `${rule.citation.law} ${rule.citation.article}` : b.ruleId;
      }))];
      return [
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
    });
}

function isCrossBorder(f: FlowResult): boolean {
  return f.crossBorder ?? f.exporterCountry !== f.importerCountry;
}

function party(name: string | undefined, id: string): string {
  return name && name !== id ? `${name} (${id})` : id;
}
