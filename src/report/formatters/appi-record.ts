// Japan's record of provision to third parties (APPI Art. 29(1); PPC Enforcement Rules Art. 19-21,
// the items in Art. 20(1)): one row for each flow that provides personal data from Japan to a
// recipient in another country, in the PPC's terms. docs/report-format.md lists the sources.
import type { Basis, FlowResult, Report } from '../../types';
import { basisText, country, isCrossBorder, party, registerContext } from './register';

/**
 * The columns of the APPI record, in order. test/report/register-columns.test.ts maps each item
 * of APPI Art. 29(1) and PPC Rules Art. 20(1) to its column.
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

/** The rows of the APPI record one at a time: flows from Japan to a recipient outside Japan, in the report's order. */
export function* appiRecordRowsOf(report: Report): Generator<string[]> {
  const ctx = registerContext(report);
  for (const f of report.flows) {
    if (f.exporterCountry !== 'JP' || !isCrossBorder(f)) continue;
    const appi = f.basis.filter(isAppiBasis);
    yield [
      f.id,
      party(f.exporterName, f.from),
      party(f.importerName, f.to),
      country(f.importerCountry),
      provisionDate(f),
      (f.subjects ?? []).join('; '),
      ctx.labels(f.categories),
      ctx.special(f.categories, true),
      consentOf(f),
      appi.length > 0 ? appi.map((b) => b.text).join('; ') : basisText(f),
      recordRequired(f, appi),
      f.verdict,
      report.asOf,
    ];
  }
}

function isAppiBasis(b: Basis): boolean {
  return b.regime === 'jp-appi';
}

/**
 * The date of provision: the record of an opt-out provision must give it (Rules Art. 20(1)(i));
 * for a flow that repeats, the period it runs, which a record made at once for continuous
 * provision to one recipient may give (Rules Art. 19(2)).
 */
function provisionDate(f: FlowResult): string {
  const period = f.startsOn && f.endsOn ? `${f.startsOn} to ${f.endsOn}` : f.startsOn ? `from ${f.startsOn}` : f.endsOn ? `until ${f.endsOn}` : 'continuous (no start declared)';
  return (f.mechanisms ?? []).some((m) => m.type === 'appi-opt-out') ? `${period}; opt-out: the date of each provision` : period;
}

/** The principal's consent the flow declares, with the date it was obtained (Rules Art. 20(1)(ii)). */
function consentOf(f: FlowResult): string {
  return (f.mechanisms ?? [])
    .filter((m) => m.type === 'appi-consent')
    .map((m) => (typeof m.obtainedOn === 'string' ? `obtained on ${m.obtainedOn}` : 'obtained: date not declared'))
    .join('; ');
}

/**
 * Whether Art. 29(1) asks for a record: not for a provision under an Art. 27(1) item or, where
 * Art. 28 does not apply (a designated country or a recipient with a conforming system), under an
 * Art. 27(5) item (entrustment, business succession, joint use), nor between branches of one
 * legal entity; yes for consent, opt-out, and a provision with no basis (it still happened).
 */
function recordRequired(f: FlowResult, appi: readonly Basis[]): string {
  if (!f.active) return 'no: not active on this date';
  const texts = appi.map((b) => b.text);
  if (texts.some((t) => /same legal entity/.test(t))) return 'no: not a provision to a third party (one legal entity)';
  if (texts.some((t) => /^APPI Art\. 27\(5\)/.test(t))) return 'no: an Art. 27(5) item, Art. 28 not applying (APPI Art. 29(1) proviso)';
  if (texts.some((t) => /^APPI Art\. 2[78]\(1\)(?: with Art\. 27\(1\))?: (?!the principal)/.test(t) && (f.mechanisms ?? []).some((m) => m.type === 'appi-exception'))) {
    return 'no: an Art. 27(1) item (APPI Art. 29(1) proviso)';
  }
  if (appi.length === 0 && f.verdict === 'not-assessed') return 'not assessed: jp-appi not in this run';
  return 'yes: APPI Art. 29(1)';
}
