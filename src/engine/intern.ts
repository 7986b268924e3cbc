import { sameTuple, TupleMap } from '../source/tuple-map';
import type { Basis, Finding } from '../types/index';

const NO_BASES: readonly Basis[] = Object.freeze([]);

/**
 * Shares equal values across the flows of one run. A large estate repeats a few combinations of
 * regimes and a few bases (the same adequacy decision, the same SCCs) over and over; holding one
 * copy of each keeps the report of a million flows within memory. Values handed out are shared,
 * so nothing may modify them.
 */
export class Interner {
  // Keyed by tuples, never by joined text: a value holding the separator must not make two
  // different lists (or bases) one, or one flow would show another's regimes or basis.
  private readonly lists = new TupleMap<readonly string[]>();
  private readonly bases = new TupleMap<Basis>();
  private readonly basisLists = new TupleMap<readonly Basis[]>();

  private readonly texts = new Map<string, string>();

  /**
   * One shared copy of a text. A remediation names the parties and the country, so flows between
   * the same parties repeat it word for word: at 100k flows, 11 MB of remediations held 1 MB of
   * distinct texts.
   */
  text(value: string): string {
    const shared = this.texts.get(value);
    if (shared !== undefined) return shared;
    this.texts.set(value, value);
    return value;
  }

  /**
   * The findings of one flow with their remediations shared across the run and one array for
   * equal paths within the flow (most findings of a flow have the path [flow id]). The findings are
   * the engine's own, made for this evaluation, so they are changed in place.
   */
  findings(findings: Finding[]): Finding[] {
    let path: string[] | undefined;
    for (const f of findings) {
      f.remediation = this.text(f.remediation);
      if (path !== undefined && sameTuple(path, f.path)) f.path = path;
      else path = f.path;
    }
    return findings;
  }

  /** One shared copy of a list of strings. */
  list(items: readonly string[]): string[] {
    let shared = this.lists.get(items);
    if (!shared) this.lists.set(items, (shared = items.slice()));
    return shared as string[];
  }

  /** One shared copy of a list of bases, each itself shared. */
  basisList(items: readonly Basis[]): Basis[] {
    if (items.length === 0) return NO_BASES as Basis[];
    const shared: Basis[] = [];
    for (const b of items) {
      // undefined and '' are different keys: a basis without a dpv is not one with an empty dpv.
      const key = [b.regime, b.ruleId, b.text, b.en, b.dpv, b.until];
      let one = this.bases.get(key);
      if (!one) this.bases.set(key, (one = b));
      shared.push(one);
    }
    // The shared bases are one object per distinct basis, so the list is keyed by identity.
    let list = this.basisLists.get(shared);
    if (!list) this.basisLists.set(shared, (list = shared));
    return list as Basis[];
  }
}

/**
 * A string built by concatenation is a tree of its parts in V8 until something reads its
 * characters; reading one flattens it into one block, and the parts become garbage. Messages
 * kept for every finding of a large estate cost half as much flat.
 */
export function flat(text: string): string {
  if (text.length > 0) text.charCodeAt(0);
  return text;
}
