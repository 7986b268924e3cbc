/**
 * A map keyed by tuples of primitive values (strings, numbers, booleans, undefined), compared
 * element by element as Map keys compare them. Keys are never joined into text, so no value can
 * contain a separator that makes two different tuples one key: ["a,b"] and ["a", "b"] are
 * different, and so are [""] and [undefined], [1] and ["1"], [] and [""].
 *
 * A trie: a lookup costs one step per element and allocates nothing. A node holds its first
 * child inline and takes a Map only for a second one: most tuples a run keys by (lists of ids)
 * share few prefixes, and a Map per node cost 200-300 bytes (14 MB of tries at 100k flows).
 */
export class TupleMap<V> {
  private readonly root: TrieNode<V> = newNode();

  get(key: readonly unknown[]): V | undefined {
    let node: TrieNode<V> | undefined = this.root;
    for (let i = 0; i < key.length && node; i++) node = childOf(node, key[i]);
    return node?.has ? node.value : undefined;
  }

  set(key: readonly unknown[], value: V): this {
    let node = this.root;
    for (const part of key) {
      let child = childOf(node, part);
      if (!child) {
        child = newNode();
        if (!node.first) {
          node.firstKey = part;
          node.first = child;
        } else (node.rest ??= new Map()).set(part, child);
      }
      node = child;
    }
    node.has = true;
    node.value = value;
    return this;
  }
}

interface TrieNode<V> {
  has: boolean;
  value: V | undefined;
  /** The first child and its key; the others are in `rest`. */
  firstKey: unknown;
  first: TrieNode<V> | undefined;
  rest: Map<unknown, TrieNode<V>> | undefined;
}

function newNode<V>(): TrieNode<V> {
  return { has: false, value: undefined, firstKey: undefined, first: undefined, rest: undefined };
}

function childOf<V>(node: TrieNode<V>, part: unknown): TrieNode<V> | undefined {
  if (node.first !== undefined && sameValueZero(node.firstKey, part)) return node.first;
  return node.rest?.get(part);
}

/** Equality as Map keys compare: NaN is NaN, and 0 is -0. */
function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

/** Whether two tuples hold the same elements in the same order (compared as Map keys compare them). */
export function sameTuple(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(a[i] === 0 && b[i] === 0)) return false;
  return true;
}

/** Gives each distinct tuple a small integer, the same one every time it is asked for. */
export class TupleIds {
  private readonly ids = new TupleMap<number>();
  private count = 0;

  id(key: readonly unknown[]): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.count++));
    return id;
  }

  get size(): number {
    return this.count;
  }
}

/**
 * One copy of each list of equal elements: the first list given of each is kept and handed back
 * for every equal one after it. For values read, never changed (a million flows repeat a few lists).
 */
export class SharedLists<T> {
  private readonly lists = new TupleMap<T[]>();

  one(list: T[]): T[] {
    const found = this.lists.get(list);
    if (found !== undefined) return found;
    this.lists.set(list, list);
    return list;
  }
}
