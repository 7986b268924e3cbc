import type { Lang } from '../i18n/lang';
import type { Citation } from '../types/index';
import type { Citation as RuleCitation } from '../types/generated/policy';

/** A rule's citation as a report in a language gives it: the text in the reader's language where the rule names one. */
export function reportedCitation(citation: RuleCitation, lang: Lang): Citation {
  const { law, article } = citation;
  const url = (lang !== 'en' ? citation.urls?.[lang] : undefined) ?? citation.url;
  return { law, article, ...(url ? { url } : {}) };
}
