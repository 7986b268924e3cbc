import type { FlowNode, Model, PartyNode } from './model';

/**
 * The counterparties of a run. Some laws add up every transaction between the same two persons
 * over a period (28 CFR 202.205: "the same U.S. person and the same foreign person or covered
 * person"), so a flow is judged with the other flows of its pair: the exporter's legal entity and
 * the importer's legal entity. A party with a legalEntity is that entity together with the other
 * parties of the same legalEntity; a party without one is an entity of its own (never merged with
 * a legalEntity that happens to equal its id). A flow between two parties of one legal entity (to
 * its branch abroad) has the receiving party as its counterparty.
 */
export class Counterparties {
  /** The pair of each flow, by flow index. */
  readonly pairOf: Int32Array;
  /** The flows of each pair, in input order. */
  private readonly flows: FlowNode[][] = [];

  constructor(model: Model) {
    const entities = new Map<string, number>();
    const entityOf = new Int32Array(model.parties.length);
    for (const party of model.parties) {
      const key = entityKey(party);
      let entity = entities.get(key);
      if (entity === undefined) entities.set(key, (entity = entities.size));
      entityOf[party.index] = entity;
    }
    const pairs = new Map<number, number>();
    this.pairOf = new Int32Array(model.flows.length);
    const own = (party: PartyNode): number => {
      const key = `party\u0000${party.view.id}`;
      let entity = entities.get(key);
      if (entity === undefined) entities.set(key, (entity = entities.size));
      return entity;
    };
    // Entities of parties without a legalEntity are known: own() adds only branches' entities.
    for (const flow of model.flows) if (sameEntity(flow)) own(flow.to);
    for (const flow of model.flows) {
      // A flow inside one legal entity (to its branch) has no other person on the far side: its
      // counterparty is the branch itself, never the entity's other branches.
      const to = sameEntity(flow) ? own(flow.to) : entityOf[flow.to.index];
      // Exact while entities² < 2^53, far beyond any run's limits.
      const key = entityOf[flow.from.index] * entities.size + to;
      let pair = pairs.get(key);
      if (pair === undefined) {
        pairs.set(key, (pair = this.flows.length));
        this.flows.push([]);
      }
      this.pairOf[flow.index] = pair;
      this.flows[pair].push(flow);
    }
  }

  /** How many pairs the run has. */
  get size(): number {
    return this.flows.length;
  }

  /** The flows between the same two entities as this flow, this one included, in input order. */
  flowsWith(flow: FlowNode): readonly FlowNode[] {
    return this.flows[this.pairOf[flow.index]];
  }
}

function sameEntity(flow: FlowNode): boolean {
  const entity = flow.from.view.legalEntity;
  return typeof entity === 'string' && entity === flow.to.view.legalEntity;
}

function entityKey(party: PartyNode): string {
  const entity = party.view.legalEntity;
  return typeof entity === 'string' ? `entity\u0000${entity}` : `party\u0000${party.view.id}`;
}
