import type { Citation, RuleInfo } from '../types/index';
import { LANGS, type Lang } from '../i18n/lang';

/** Rule ids of findings the engine itself reports; rules/dfft.yaml declares each. */
export const ENGINE_RULES = {
  undecidable: 'dfft/undecidable',
  noRegime: 'dfft/no-regime',
  notAssessed: 'dfft/not-assessed',
  basisEnding: 'dfft/basis-ending',
  flowEnding: 'dfft/flow-ending',
  notYetInForce: 'dfft/not-yet-in-force',
  noLongerInForce: 'dfft/no-longer-in-force',
  certificationNotInForce: 'dfft/certification-not-in-force',
  anonymisedWithIdentifiers: 'dfft/anonymised-with-identifiers',
} as const;

export type EngineRuleId = (typeof ENGINE_RULES)[keyof typeof ENGINE_RULES];

/** rules/dfft.yaml as read (schemas/engine-rules.schema.json). */
export interface EngineRulesData {
  pack: { id: 'dfft'; name: string; description?: string };
  findingCitation: Citation;
  rules: Array<Omit<RuleInfo, 'title' | 'regime'> & { title: Record<Lang, string> }>;
}

/**
 * The rules the engine itself reports (the dfft pack, rules/dfft.yaml): their titles, severities
 * and citations are law data, read by the engine when it reports one and by the report's rule list.
 */
export class EngineRules {
  /** Each rule as the report lists it, per language. */
  private readonly byId: ReadonlyMap<string, Readonly<Record<Lang, Readonly<RuleInfo>>>>;

  constructor(private readonly data: EngineRulesData) {
    // The report lists a rule with these keys in this order.
    const info = (r: EngineRulesData['rules'][number], lang: Lang): RuleInfo => ({ id: r.id, title: r.title[lang], severity: r.severity, regime: 'dfft', citation: r.citation, description: r.description });
    this.byId = new Map(data.rules.map((r) => [r.id, Object.fromEntries(LANGS.map((lang) => [lang, info(r, lang)])) as Record<Lang, RuleInfo>]));
  }

  /** Problems beyond the schema: every rule the engine reports is declared, once. */
  static check(data: EngineRulesData, reported: readonly string[]): string[] {
    const ids = data.rules.map((r) => r.id);
    const problems = reported.filter((id) => !ids.includes(id)).map((id) => `rule ${id} is reported by the engine but not declared`);
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`rule ${id} is declared twice`);
      seen.add(id);
    }
    return problems;
  }

  /** A rule of the pack, as the report lists it. */
  info(id: string, lang: Lang = 'en'): Readonly<RuleInfo> {
    const info = this.byId.get(id);
    if (!info) throw new Error(`dfft engine rule ${id} is not declared in rules/dfft.yaml`);
    return info[lang];
  }

  /** Every rule, in the pack's order. */
  all(lang: Lang = 'en'): ReadonlyArray<Readonly<RuleInfo>> {
    return [...this.byId.values()].map((byLang) => byLang[lang]);
  }

  /** What a finding of the rule cites: a law, or for dfft's own rules the fail-closed evaluation. */
  findingCitation(id: string): Readonly<Citation> {
    const { citation } = this.info(id);
    return citation.law === 'dfft' ? this.data.findingCitation : citation;
  }
}
