import { PARTY } from './ids';

/** What every flow out of the shop has in common: spread into each declaration. */
export const FROM_SHOP = {
  from: PARTY.shop,
  frequency: 'continuous',
  encryption: { inTransit: true },
} as const;

/** EU standard contractual clauses, controller to processor. */
export const SCC_CONTROLLER_TO_PROCESSOR = { type: 'scc', module: 2, decision: '2021/914', signedOn: '2024-03-01' } as const;
