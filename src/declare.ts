/**
 * Declaring flows where they happen, in TypeScript. These helpers do nothing at run time but
 * return their argument: `dfft extract` reads their arguments statically (with ts-morph) and
 * turns them into a manifest v1. Keep the arguments static (literals, `const`s, enum members,
 * spreads of constant objects, across files): anything else is reported, never guessed.
 *
 * This module has no run-time imports, so that a service that declares its flows does not load
 * any part of dfft beyond these few functions.
 */
import type { Dataset, Flow, Party } from './types/generated/manifest';

/**
 * Declares a flow of datasets from one party to another, as manifest v1 has it.
 * Returns its argument unchanged.
 *
 * @example
 * export const billing = declareFlow({ id: 'billing', from: 'acme-de', to: 'stripe-ie', datasets: ['orders'] });
 */
export function declareFlow(flow: Flow): Flow {
  return flow;
}

/** Declares a party (an organisation that sends or receives data). Returns its argument unchanged. */
export function declareParty(party: Party): Party {
  return party;
}

/** Declares a dataset (categories, subjects, origin). Returns its argument unchanged. */
export function declareDataset(dataset: Dataset): Dataset {
  return dataset;
}

/**
 * A decorator that does nothing; it accepts every decorator signature (TypeScript's standard
 * decorators and `experimentalDecorators`), for classes, methods, accessors and fields.
 */
export type FlowDecorator = (...target: unknown[]) => void;

/**
 * Declares, on the class or method that sends the data, the flow it implements. Read by
 * `dfft extract` exactly like {@link declareFlow}; at run time the decorator leaves its target as it is.
 *
 * @example
 * \@declaresFlow({ id: 'support-tickets', from: 'acme-de', to: 'helpdesk-jp', datasets: ['customers'] })
 * class SupportDesk { ... }
 */
export function declaresFlow(flow: Flow): FlowDecorator {
  void flow;
  return () => undefined;
}
