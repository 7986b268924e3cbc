import type { FlowNode, FlowView, PartyNode, PartyView } from '../resolve/model';
import { CERTIFICATION_DATES, mechanismDates, outOfForce, type OutOfForce } from '../resolve/validity';

/** A mechanism of a flow that does not count on asOf, with its index in flow.mechanisms. */
export interface MechanismOutOfForce extends OutOfForce {
  index: number;
  type: string;
}

/** A certification of a party that does not count on asOf, with its index in party.certifications. */
export interface CertificationOutOfForce extends OutOfForce {
  index: number;
  scheme: string;
}

/**
 * The manifest as rules see it on one date: a flow's mechanisms and a party's certifications
 * only when they are in force (started on or before asOf, not ended before it). Every way a
 * rule can read them (flow.mechanisms, mechanisms(), hasMechanism(), importer.certifications,
 * adequacy()) goes through these views, so nothing dated after asOf can be a basis. Views equal
 * to the declared ones are the declared objects themselves: no copy for the common case.
 */
const NONE: readonly never[] = Object.freeze([]);

export class InForce {
  private readonly parties: Array<PartyView | undefined>;
  private readonly partyGaps: Array<readonly CertificationOutOfForce[] | undefined>;

  constructor(readonly asOf: string, partyCount: number) {
    this.parties = new Array(partyCount);
    this.partyGaps = new Array(partyCount);
  }

  /** The mechanisms of a flow that do not count on asOf, in declaration order. */
  mechanismsOutOfForce(flow: FlowNode): readonly MechanismOutOfForce[] {
    let out: MechanismOutOfForce[] | undefined; // most flows have none: no allocation for them
    const mechanisms = flow.view.mechanisms;
    for (let index = 0; index < mechanisms.length; index++) {
      const why = outOfForce(mechanisms[index], mechanismDates(mechanisms[index]), this.asOf);
      // Object.assign: a spread with new keys gets a hidden class of its own in optimised code.
      if (why) (out ??= []).push(Object.assign({}, why, { index, type: mechanisms[index].type }));
    }
    return out ?? NONE;
  }

  /** The flow as rules see it: without the mechanisms that do not count on asOf. */
  flow(flow: FlowNode, gaps: readonly MechanismOutOfForce[] = this.mechanismsOutOfForce(flow)): FlowView {
    if (gaps.length === 0) return flow.view;
    const skip = new Set(gaps.map((g) => g.index));
    return { ...flow.view, mechanisms: flow.view.mechanisms.filter((_m, i) => !skip.has(i)) };
  }

  /** The certifications of a party that do not count on asOf, computed once per party. */
  certificationsOutOfForce(party: PartyNode): readonly CertificationOutOfForce[] {
    let gaps = this.partyGaps[party.index];
    if (!gaps) {
      const list: CertificationOutOfForce[] = [];
      party.view.certifications.forEach((c, index) => {
        if (typeof c !== 'object') return;
        const why = outOfForce(c, CERTIFICATION_DATES, this.asOf);
        if (why) list.push(Object.assign({}, why, { index, scheme: c.scheme }));
      });
      gaps = list;
      this.partyGaps[party.index] = gaps;
    }
    return gaps;
  }

  /** The party as rules see it: certifications as scheme ids, only those held on asOf. */
  party(party: PartyNode): PartyView {
    let view = this.parties[party.index];
    if (!view) {
      const declared = party.view.certifications;
      if (declared.every((c) => typeof c === 'string')) view = party.view;
      else {
        const gaps = new Set(this.certificationsOutOfForce(party).map((g) => g.index));
        const held = new Set<string>();
        declared.forEach((c, i) => {
          if (!gaps.has(i)) held.add(typeof c === 'string' ? c : c.scheme);
        });
        view = { ...party.view, certifications: [...held] };
      }
      this.parties[party.index] = view;
    }
    return view;
  }
}
