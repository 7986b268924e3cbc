import { isLang, type Lang } from '../../../i18n/lang';
import type { Report } from '../../../types';
import { EN } from './en';
import { JA } from './ja';
import type { ReportTexts } from './texts';

export type { ReportTexts } from './texts';

const CATALOGUES: Record<Lang, ReportTexts> = { en: EN, ja: JA };

/** The formatters' texts in a language (English when none is given). */
export function reportTexts(lang: Lang | undefined): ReportTexts {
  return CATALOGUES[lang ?? 'en'];
}

/**
 * The language a report is written in: its `lang`, English when it has none. A saved report
 * formatted later keeps its language; a value no catalogue knows falls back to English.
 */
export function reportLang(report: Pick<Report, 'lang'>): Lang {
  return isLang(report.lang) ? report.lang : 'en';
}

/** The texts of a report's language. */
export function textsOf(report: Pick<Report, 'lang'>): ReportTexts {
  return CATALOGUES[reportLang(report)];
}
