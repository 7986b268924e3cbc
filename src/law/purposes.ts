import { distance } from 'fastest-levenshtein';

/**
 * The controlled vocabulary of the purposes the law turns on (rules/data/purposes.yaml): scope
 * carve-outs of adequacy decisions, exemptions and warnings. Declared purposes are free text, so
 * they are normalised (Unicode compatibility forms, accents, case, separators, whitespace) and mapped through known
 * synonyms before they are compared with a term; a declared purpose a small edit away from a term
 * is a near miss, which the caller reports rather than ignores.
 */

export interface PurposeTermData {
  /** The vocabulary id, already in normal form (lower case, words joined by "-"). */
  id: string;
  label: string;
  /** The W3C DPV purpose it corresponds to, as a compact IRI (dpv:HumanResourceManagement). */
  dpv?: string;
  synonyms?: string[];
  source?: string;
  notes?: string;
}

export interface PurposesData {
  dataVersion: 1;
  purposes: PurposeTermData[];
}

/** How a declared purpose relates to one vocabulary term. */
export type PurposeMatch = 'declared' | 'near' | 'none';

const DPV_NAMESPACE = 'https://w3id.org/dpv#';
// Beyond this many edits a declared purpose is unrelated; within it, a likely misspelling.
const MAX_EDITS = 2;

/**
 * The normal form of a purpose: compatibility forms folded (NFKD: full-width letters, ligatures),
 * accents and other combining marks and invisible format characters (zero-width space, soft
 * hyphen) dropped, lower case, and every run of whitespace, punctuation or symbols turned into one
 * "-". Linear in the length of the text. Look-alike letters of other scripts (Cyrillic "і") are not
 * folded: they leave a near miss, which is reported.
 */
export function normalisePurpose(text: string): string {
  const folded = text.normalize('NFKD').toLowerCase();
  let out = '';
  let pendingSeparator = false;
  for (const ch of folded) {
    if (/[\p{M}\p{Cf}]/u.test(ch)) continue;
    if (/[\p{L}\p{N}]/u.test(ch)) {
      if (pendingSeparator && out.length > 0) out += '-';
      pendingSeparator = false;
      out += ch;
    } else {
      pendingSeparator = true;
    }
  }
  return out.normalize('NFC');
}

/** The edits a declared form may be from a term's form and still count as a near miss. */
function editsAllowed(form: string): number {
  return form.length >= 8 ? MAX_EDITS : form.length >= 4 ? 1 : 0;
}

export class Purposes {
  /** Normal form (of an id, a synonym or a DPV IRI) → vocabulary id. */
  private readonly forms = new Map<string, string>();
  /** Vocabulary id → its normal forms, for near misses. */
  private readonly formsOf = new Map<string, string[]>();
  private readonly terms = new Map<string, PurposeTermData>();
  private readonly normalCache = new Map<string, string>();

  constructor(readonly data: PurposesData) {
    for (const term of data.purposes) {
      this.terms.set(term.id, term);
      const forms = Purposes.formsOf(term);
      this.formsOf.set(term.id, forms);
      for (const f of forms) if (!this.forms.has(f)) this.forms.set(f, term.id);
    }
  }

  /** A vocabulary made only of these ids (no synonyms): what a data file without purposes gives. */
  static ofIds(ids: readonly string[]): Purposes {
    return new Purposes({ dataVersion: 1, purposes: [...new Set(ids)].map((id) => ({ id, label: id })) });
  }

  /** Problems with the data: ids not in normal form, and forms that two terms share. */
  static check(data: PurposesData): string[] {
    const problems: string[] = [];
    const owner = new Map<string, string>();
    for (const term of data.purposes) {
      if (normalisePurpose(term.id) !== term.id) problems.push(`purpose id ${term.id} is not in normal form (${normalisePurpose(term.id)})`);
      if (term.dpv !== undefined && !/^dpv:[A-Za-z]+$/.test(term.dpv)) problems.push(`purpose ${term.id}: dpv ${term.dpv} is not a compact DPV IRI (dpv:Name)`);
      for (const f of Purposes.formsOf(term)) {
        const other = owner.get(f);
        if (other !== undefined && other !== term.id) problems.push(`purposes ${other} and ${term.id} share the form "${f}"`);
        owner.set(f, term.id);
      }
    }
    return problems;
  }

  private static formsOf(term: PurposeTermData): string[] {
    const texts = [term.id, term.label, ...(term.synonyms ?? [])];
    if (term.dpv !== undefined) texts.push(term.dpv, DPV_NAMESPACE + term.dpv.slice('dpv:'.length));
    return [...new Set(texts.map(normalisePurpose).filter((f) => f.length > 0))];
  }

  /** The vocabulary ids, in the order of the data. */
  ids(): string[] {
    return [...this.terms.keys()];
  }

  has(id: string): boolean {
    return this.terms.has(id);
  }

  term(id: string): PurposeTermData | undefined {
    return this.terms.get(id);
  }

  /** The vocabulary id a declared purpose names (after normalisation and synonyms), if any. */
  canonical(declared: string): string | undefined {
    return this.forms.get(this.normalised(declared));
  }

  /**
   * The form in which two declared purposes are compared with each other: the vocabulary id the
   * text names (so "HR" and "human resources" are one purpose), else its normal form.
   */
  key(declared: string): string {
    const form = this.normalised(declared);
    return this.forms.get(form) ?? form;
  }

  /**
   * Declared purposes repeat across flows: each distinct text is normalised once (the per-character
   * Unicode tests cost about 1 µs a character). The cache is dropped when it grows past a bound.
   */
  private normalised(declared: string): string {
    let form = this.normalCache.get(declared);
    if (form === undefined) {
      if (this.normalCache.size >= 10_000) this.normalCache.clear();
      this.normalCache.set(declared, (form = normalisePurpose(declared)));
    }
    return form;
  }

  /**
   * How a declared purpose relates to the term `id`: names it, is a near miss of it (within a
   * small edit distance of one of its forms, without naming any term), or neither. The length
   * check first keeps the work bounded by the term's length whatever the input's.
   */
  match(declared: string, id: string): PurposeMatch {
    const form = this.normalised(declared);
    const named = this.forms.get(form);
    if (named === id) return 'declared';
    if (named !== undefined) return 'none';
    for (const f of this.formsOf.get(id) ?? []) {
      const allowed = editsAllowed(f);
      if (allowed > 0 && Math.abs(f.length - form.length) <= allowed && distance(f, form) <= allowed) return 'near';
    }
    return 'none';
  }

  /** How a list of declared purposes relates to the term `id` (declared wins over near). */
  matchAny(declared: readonly string[], id: string): { match: PurposeMatch; declared?: string } {
    let near: string | undefined;
    for (const p of declared) {
      const m = this.match(p, id);
      if (m === 'declared') return { match: 'declared', declared: p };
      if (m === 'near' && near === undefined) near = p;
    }
    return near !== undefined ? { match: 'near', declared: near } : { match: 'none' };
  }
}
