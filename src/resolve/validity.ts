import type { Mechanism1 } from '../types/generated/manifest';

/**
 * The date fields that bound when a declared thing counts. A start is a day it came into being
 * (signed, approved, completed, obtained...): it does not count before that day. An end is the
 * last day it counts. Every date field of the manifest schema is listed here or in
 * DATES_WITHOUT_VALIDITY; a test walks the schema, so a new date field cannot go unclassified.
 */
export interface DateFields {
  starts: readonly string[];
  ends: readonly string[];
}

const NONE: DateFields = { starts: [], ends: [] };

/** Per mechanism type (the record is keyed by the schema's types, so a new type must be added). */
export const MECHANISM_DATES: Readonly<Record<Mechanism1['type'], DateFields>> = {
  scc: { starts: ['signedOn'], ends: [] },
  bcr: { starts: ['approvedOn'], ends: [] },
  'code-of-conduct': { starts: ['approvedOn'], ends: [] },
  certification: { starts: ['certifiedOn'], ends: ['validUntil'] },
  'ad-hoc-clauses': { starts: ['authorisedOn'], ends: [] },
  derogation: { starts: ['obtainedOn'], ends: [] },
  tia: { starts: ['completedOn'], ends: [] },
  'supplementary-measures': { starts: ['implementedOn'], ends: [] },
  'uk-idta': { starts: ['signedOn'], ends: [] },
  'uk-addendum': { starts: ['signedOn'], ends: [] },
  'dpf-onward-contract': { starts: ['signedOn'], ends: [] },
  'appi-consent': { starts: ['obtainedOn'], ends: [] },
  'appi-standard-system': { starts: ['establishedOn'], ends: [] },
  'appi-entrustment': NONE,
  'appi-joint-use': NONE,
  'appi-business-succession': NONE,
  'appi-opt-out': { starts: ['notifiedOn'], ends: [] },
  'appi-exception': NONE,
  'appi-consent-confirmed': { starts: ['confirmedOn'], ends: [] },
  'cn-security-assessment': { starts: ['approvedOn'], ends: ['validUntil'] },
  // Filing follows the contract within ten working days; a filing dated later is not yet made.
  'cn-standard-contract': { starts: ['filedOn'], ends: [] },
  'cn-certification': { starts: ['certifiedOn'], ends: ['validUntil'] },
  'cn-pipia': { starts: ['completedOn'], ends: [] },
  'cn-separate-consent': { starts: ['obtainedOn'], ends: [] },
  'kr-separate-consent': { starts: ['obtainedOn'], ends: [] },
  'kr-statute-treaty': NONE,
  'kr-contract-disclosure': { starts: ['disclosedOn'], ends: [] },
  'kr-certification': { starts: ['certifiedOn'], ends: ['validUntil'] },
  'sg-contract': { starts: ['signedOn'], ends: [] },
  'sg-bcr': { starts: ['adoptedOn'], ends: [] },
  'sg-binding-instrument': NONE,
  'sg-consent': { starts: ['obtainedOn'], ends: [] },
  'sg-necessity': NONE,
  'sg-deemed-compliance': NONE,
  'br-scc': { starts: ['signedOn'], ends: [] },
  'br-specific-clauses': { starts: ['approvedOn'], ends: [] },
  'br-bcr': { starts: ['approvedOn'], ends: [] },
  'br-consent': { starts: ['obtainedOn'], ends: [] },
  'br-ground': NONE,
  'au-reasonable-steps': { starts: ['signedOn'], ends: [] },
  'au-app8-exception': { starts: ['obtainedOn'], ends: [] },
  'cisa-security-requirements': { starts: ['implementedOn'], ends: [] },
  'dsp-compliance-program': { starts: ['implementedOn'], ends: [] },
  'dsp-audit': { starts: ['auditedOn'], ends: [] },
  'dsp-onward-clause': { starts: ['signedOn'], ends: [] },
  'dsp-exemption': NONE,
  // A ban, not a basis: the rule reads orderedOn and liftedOn (an order's end ends no basis).
  'kr-suspension-order': NONE,
};

/** A party's dated certification ({ scheme, from, until }). */
export const CERTIFICATION_DATES: DateFields = { starts: ['from'], ends: ['until'] };

/** A flow's own period: outside it the flow is listed but not judged. */
export const FLOW_DATES: DateFields = { starts: ['startsOn'], ends: ['endsOn'] };

/**
 * Date fields of the manifest that bound no validity: the rules that read them compare them with
 * asOf themselves (a suspension order is not a basis that starts and ends).
 */
export const DATES_WITHOUT_VALIDITY: readonly string[] = ['orderedOn', 'liftedOn'];

/** The date fields of a mechanism, by its type; an unknown type has none. */
export function mechanismDates(m: { type: string }): DateFields {
  return (MECHANISM_DATES as Record<string, DateFields | undefined>)[m.type] ?? NONE;
}

/** Why something does not count on a date: the field and its date. */
export interface OutOfForce {
  kind: 'not-yet' | 'no-longer';
  field: string;
  date: string;
}

/**
 * Whether an object counts on asOf by its date fields: undefined when it does, else the first
 * field that keeps it from counting (a start after asOf, or an end before it). Dates are
 * YYYY-MM-DD (the schema checks them), so they compare as strings.
 */
export function outOfForce(obj: object, fields: DateFields, asOf: string): OutOfForce | undefined {
  const o = obj as Record<string, unknown>;
  for (const field of fields.starts) {
    const date = o[field];
    if (typeof date === 'string' && date > asOf) return { kind: 'not-yet', field, date };
  }
  for (const field of fields.ends) {
    const date = o[field];
    if (typeof date === 'string' && date < asOf) return { kind: 'no-longer', field, date };
  }
  return undefined;
}

/** A range whose end is before its start. */
export interface ReversedRange {
  start: string;
  end: string;
  startDate: string;
  endDate: string;
}

/** Every pair of a start and an end field of an object where the end comes before the start. */
export function reversedRanges(obj: object, fields: DateFields): ReversedRange[] {
  const o = obj as Record<string, unknown>;
  const out: ReversedRange[] = [];
  for (const start of fields.starts) {
    const startDate = o[start];
    if (typeof startDate !== 'string') continue;
    for (const end of fields.ends) {
      const endDate = o[end];
      if (typeof endDate === 'string' && endDate < startDate) out.push({ start, end, startDate, endDate });
    }
  }
  return out;
}
