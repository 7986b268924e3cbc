import type { Finding } from '../../types/index';
import type { CachedEvaluation } from './result-cache';

/** The fields of an evaluation, and of each of its findings, whose values are written once in the table. */
const EVALUATION_FIELDS = ['regimes', 'basis', 'wouldApply'] as const;
const FINDING_FIELDS = ['ruleId', 'regime', 'severity', 'citation', 'remediation'] as const;

/**
 * The values that repeat across flows' evaluations in a cache's text (a rule's citation, a
 * remediation, a list of bases or regimes), each written once and referred to by its index: the
 * text is half as long, and equal values read back are one object, as the engine shares them.
 * No field so encoded holds a number, so a number in its place is always a reference.
 */
export class ValueTable {
  /** The values by index: first those read, then those added. */
  readonly values: unknown[] = [];
  /** The JSON text of each value added (the values read are written back as they were read). */
  readonly added: string[] = [];
  /** How many of the values were read. */
  readCount = 0;
  private readonly indexOfText = new Map<string, number>();
  private readonly indexOfObject = new Map<unknown, number>();
  private readonly indexOfString = new Map<string, number>();
  private used = new Uint8Array(0);
  private usedValues = 0;

  /** Adds a value read from a text (its JSON); throws when it is not JSON. */
  read(json: string): void {
    const value: unknown = JSON.parse(json);
    this.indexOfText.set(json, this.values.length);
    if (typeof value === 'string') this.indexOfString.set(value, this.values.length);
    this.values.push(value);
    this.readCount++;
  }

  /** How many distinct values the evaluations read or encoded so far refer to. */
  get usedCount(): number {
    return this.usedValues;
  }

  /**
   * Puts the values of an encoded evaluation (parsed from a cache's text) in place of their
   * references, keeping each field's place in its object. Returns false when a reference is not
   * an index of the table.
   */
  decode(evaluation: Record<string, unknown>): boolean {
    for (const field of EVALUATION_FIELDS) if (!this.resolve(evaluation, field)) return false;
    const findings = evaluation.findings;
    if (!Array.isArray(findings)) return true;
    for (const f of findings as unknown[]) {
      if (f === null || typeof f !== 'object') continue;
      for (const field of FINDING_FIELDS) if (!this.resolve(f as Record<string, unknown>, field)) return false;
    }
    return true;
  }

  /** The JSON text of an evaluation with its repeated values replaced by references (adding those not in the table). */
  encode(evaluation: CachedEvaluation): string {
    const { active, regimes, basis, findings, wouldApply } = evaluation;
    const out: Record<string, unknown> = { active, regimes: this.ref(regimes), basis: this.ref(basis), findings: findings.map((f) => this.encodeFinding(f)) };
    if (wouldApply) out.wouldApply = this.ref(wouldApply);
    return JSON.stringify(out);
  }

  private encodeFinding(finding: Finding): Record<string, unknown> {
    const out: Record<string, unknown> = { ...finding };
    for (const field of FINDING_FIELDS) if (out[field] !== undefined) out[field] = this.ref(out[field]);
    return out;
  }

  private ref(value: unknown): number {
    let index = typeof value === 'string' ? this.indexOfString.get(value) : this.indexOfObject.get(value);
    if (index === undefined) {
      const json = JSON.stringify(value);
      index = this.indexOfText.get(json);
      if (index === undefined) {
        index = this.values.length;
        this.values.push(value);
        this.added.push(json);
        this.indexOfText.set(json, index);
      }
      if (typeof value === 'string') this.indexOfString.set(value, index);
      else if (value !== null && typeof value === 'object') this.indexOfObject.set(value, index);
    }
    this.use(index);
    return index;
  }

  private resolve(target: Record<string, unknown>, field: string): boolean {
    const ref = target[field];
    if (typeof ref !== 'number') return true;
    if (!Number.isInteger(ref) || ref < 0 || ref >= this.values.length) return false;
    target[field] = this.values[ref];
    this.use(ref);
    return true;
  }

  private use(index: number): void {
    if (index >= this.used.length) {
      const grown = new Uint8Array(Math.max(1024, this.values.length * 2));
      grown.set(this.used);
      this.used = grown;
    }
    if (this.used[index] === 0) {
      this.used[index] = 1;
      this.usedValues++;
    }
  }
}
