import type { Citation, RuleInfo } from '../types/index';

/** Rule ids of findings the engine itself reports. */
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

/** What the engine's findings cite, unless their rule cites a law. */
export const ENGINE_CITATION: Readonly<Citation> = { law: 'dfft', article: 'fail-closed evaluation (README, "Bail or report")' };

const ANONYMISATION_CITATION: Readonly<Citation> = { law: 'GDPR', article: 'Art. 4(1), Recital 26', url: 'http://data.europa.eu/eli/reg/2016/679/oj' };

/** The rules the engine itself reports (fail-closed findings). */
export const ENGINE_RULE_INFO: Readonly<Record<EngineRuleId, Readonly<RuleInfo>>> = {
  [ENGINE_RULES.undecidable]: {
    id: ENGINE_RULES.undecidable, title: 'A rule could not be decided for a flow', severity: 'error', regime: 'dfft',
    citation: ENGINE_CITATION,
    description: 'A condition could not be evaluated (a missing field, a type mismatch): the flow is reported, never passed.',
  },
  [ENGINE_RULES.basisEnding]: {
    id: ENGINE_RULES.basisEnding, title: 'The basis of a flow ends within the horizon', severity: 'warning', regime: 'dfft',
    citation: { law: 'dfft', article: '--horizon' },
    description: 'An adequacy decision with an end date, a transition period or another basis ends within the horizon asked for: also a mechanism valid until a day within it (a CAC security assessment, a certification) and a dated certification of the importer.',
  },
  [ENGINE_RULES.flowEnding]: {
    id: ENGINE_RULES.flowEnding, title: 'A flow ends within the horizon', severity: 'warning', regime: 'dfft',
    citation: { law: 'dfft', article: '--horizon' },
    description: 'The flow\'s endsOn falls within the horizon asked for.',
  },
  [ENGINE_RULES.noRegime]: {
    id: ENGINE_RULES.noRegime, title: 'No rule pack covers the flow', severity: 'info', regime: 'dfft',
    citation: ENGINE_CITATION,
    description: 'None of the packs of the policy applies to the flow, so it was not judged against any law.',
  },
  [ENGINE_RULES.notYetInForce]: {
    id: ENGINE_RULES.notYetInForce, title: 'A mechanism the flow relies on is dated after the date the law is applied for', severity: 'error', regime: 'dfft',
    citation: { law: 'dfft', article: 'dates of mechanisms (README, "Bail or report")' },
    description: 'A mechanism signed, approved, completed, obtained, filed or notified after asOf is not in force on asOf: no rule sees it (flow.mechanisms, mechanisms() and hasMechanism() leave it out), so it cannot be a basis.',
  },
  [ENGINE_RULES.noLongerInForce]: {
    id: ENGINE_RULES.noLongerInForce, title: 'A mechanism the flow relies on ended before the date the law is applied for', severity: 'error', regime: 'dfft',
    citation: { law: 'dfft', article: 'dates of mechanisms (README, "Bail or report")' },
    description: 'A mechanism valid until a day before asOf (a CAC security assessment, a certification) is no longer in force: no rule sees it, so it cannot be a basis.',
  },
  [ENGINE_RULES.certificationNotInForce]: {
    id: ENGINE_RULES.certificationNotInForce, title: 'A party\'s certification is outside its dates', severity: 'info', regime: 'dfft',
    citation: { law: 'dfft', article: 'dates of certifications (README, "Bail or report")' },
    description: 'A party declares a certification from a day after asOf or until a day before it: rules and adequacy() do not see it for this date.',
  },
  [ENGINE_RULES.anonymisedWithIdentifiers]: {
    id: ENGINE_RULES.anonymisedWithIdentifiers, title: 'Data declared anonymised with direct identifiers or special categories', severity: 'warning', regime: 'dfft',
    citation: ANONYMISATION_CITATION,
    description: 'A dataset declared anonymised or non-personal whose categories identify people directly (taxonomy flag directIdentifier) or are special categories (GDPR Art. 9-10): every pack skips data that is not personal, so this is a review, whatever the law.'
  },
  [ENGINE_RULES.notAssessed]: {
    id: ENGINE_RULES.notAssessed, title: 'No rule pack of the run judges a flow that leaves the country', severity: 'warning', regime: 'dfft',
    citation: ENGINE_CITATION,
    description: 'A built-in pack that is not in the run would judge the flow (the flow\'s wouldApply names it); the flow is not-assessed, never allowed.',
  },
};
