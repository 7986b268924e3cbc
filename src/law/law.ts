import type { Jurisdictions } from './jurisdictions';
import type { Taxonomy } from './taxonomy';
import type { Dpv } from './dpv';
import type { EngineRules } from '../law/engine-rules';

/** The law data a run applies: jurisdictions (groups, adequacy), the category taxonomy and the DPV codes of legal grounds. */
export interface Law {
  jurisdictions: Jurisdictions;
  taxonomy: Taxonomy;
  dpv: Dpv;
  /** The rules the engine itself reports (rules/dfft.yaml). */
  engineRules: EngineRules;
}
