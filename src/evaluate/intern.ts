import type { Basis } from '../types';

const NO_BASES: readonly Basis[] = Object.freeze([]);

/**
 * Shares equal values across the flows of one run. A large estate repeats a few combinations of
 * regimes and a few bases (the same adequacy decision, the same SCCs) over and over; holding one
 * copy of each keeps the report of a million flows within memory. Values handed out are shared,
 * so nothing may modify them.
 */
export class Interner {
  private readonly lists = new Map<string, readonly string[]>();
  private readonly bases = new Map<string, Basis>();
  private readonly basisIds = new Map<Basis, number>();
  private readonly basisLists = new Map<string, readonly Basis[]>();

  /** One shared copy of a list of strings. */
  list(items: readonly string[]): string[] {
    const key = items.join('\u0000');
    let shared = this.lists.get(key);
    if (!shared) this.lists.set(key, (shared = items.slice()));
    return shared as string[];
  }

  /** One shared copy of a list of bases, each itself shared. */
  basisList(items: readonly Basis[]): Basis[] {
    if (items.length === 0) return NO_BASES as Basis[];
    const ids: number[] = [];
    const shared: Basis[] = [];
    for (const b of items) {
      const key = `${b.regime}\u0000${b.ruleId}\u0000${b.text}\u0000${b.dpv ?? ''}\u0000${b.until ?? ''}`;
      let one = this.bases.get(key);
      if (!one) {
        this.bases.set(key, (one = b));
        this.basisIds.set(b, this.basisIds.size);
      }
      shared.push(one);
      ids.push(this.basisIds.get(one)!);
    }
    const key = ids.join(',');
    let list = this.basisLists.get(key);
    if (!list) this.basisLists.set(key, (list = shared));
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
