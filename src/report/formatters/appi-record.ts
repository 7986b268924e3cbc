// Japan's record of provision to third parties (APPI Art. 29(1); PPC Enforcement Rules Art. 19-21,
// the items in Art. 20(1)): one row for each flow that provides personal data from Japan to a
// recipient in another country, in the PPC's terms. docs/report-format.md lists the sources.
import type { Basis, FlowResult, Report } from '../../types';
import { basisText, country, isCrossBorder, party, registerContext } from './register';
import type { Lang } from '../../i18n/lang';
import { reportTexts, type ReportTexts } from './i18n';
import { APPI_RECORD_COLUMNS } from './i18n/texts';

export { APPI_RECORD_COLUMNS } from './i18n/texts';

/** The APPI record's column headers in a language, in order. */
export function appiRecordColumns(lang: Lang = 'en'): string[] {
  const names = reportTexts(lang).appi.columns;
  return APPI_RECORD_COLUMNS.map((c) => names[c]);
}

/** The rows of the APPI record one at a time: flows from Japan to a recipient outside Japan, in the report's order. */
export function* appiRecordRowsOf(report: Report): Generator<string[]> {
  const ctx = registerContext(report);
  const t = ctx.texts;
  for (const f of report.flows) {
    if (f.exporterCountry !== 'JP' || !isCrossBorder(f)) continue;
    const appi = f.basis.filter(isAppiBasis);
    yield [
      f.id,
      party(f.exporterName, f.from),
      party(f.importerName, f.to),
      country(f.importerCountry, t.lang),
      provisionDate(f, t),
      (f.subjects ?? []).join('; '),
      ctx.labels(f.categories),
      ctx.special(f.categories, true),
      consentOf(f, t),
      appi.length > 0 ? appi.map((b) => b.text).join('; ') : basisText(f, t),
      recordRequired(f, appi, t),
      t.register.verdict[f.verdict],
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
function provisionDate(f: FlowResult, t: ReportTexts): string {
  const period = t.appi.period(f.startsOn ?? '', f.endsOn ?? '');
  return (f.mechanisms ?? []).some((m) => m.type === 'appi-opt-out') ? t.appi.optOutDates(period) : period;
}

/** The principal's consent the flow declares, with the date it was obtained (Rules Art. 20(1)(ii)). */
function consentOf(f: FlowResult, t: ReportTexts): string {
  return (f.mechanisms ?? [])
    .filter((m) => m.type === 'appi-consent')
    .map((m) => t.appi.consentObtained(typeof m.obtainedOn === 'string' ? m.obtainedOn : ''))
    .join('; ');
}

/**
 * Whether Art. 29(1) asks for a record: not for a provision under an Art. 27(1) item or, where
 * Art. 28 does not apply (a designated country or a recipient with a conforming system), under an
 * Art. 27(5) item (entrustment, business succession, joint use), nor between branches of one
 * legal entity; yes for consent, opt-out, and a provision with no basis (it still happened).
 */
function recordRequired(f: FlowResult, appi: readonly Basis[], t: ReportTexts): string {
  const record = t.appi.record;
  if (!f.active) return record.inactive;
  // The provisions are read from the bases' English texts, whatever the report's language.
  const texts = appi.map((b) => b.en ?? b.text);
  if (texts.some((x) => /same legal entity/.test(x))) return record.sameEntity;
  if (texts.some((x) => /^APPI Art\. 27\(5\)/.test(x))) return record.art27_5;
  if (texts.some((x) => /^APPI Art\. 2[78]\(1\)(?: with Art\. 27\(1\))?: (?!the principal)/.test(x) && (f.mechanisms ?? []).some((m) => m.type === 'appi-exception'))) {
    return record.art27_1;
  }
  if (appi.length === 0 && f.verdict === 'not-assessed') return record.notAssessed;
  return record.yes;
}
