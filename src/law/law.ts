import type { Jurisdictions } from './jurisdictions';
import type { Taxonomy } from './taxonomy';

/** The law data a run applies: jurisdictions (groups, adequacy) and the category taxonomy. */
export interface Law {
  jurisdictions: Jurisdictions;
  taxonomy: Taxonomy;
}
