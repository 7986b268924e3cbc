/**
 * A map keyed by tuples of primitive values (strings, numbers, booleans, undefined), compared
 * element by element as Map keys compare them. Keys are never joined into text, so no value can
 * contain a separator that makes two different tuples one key: ["a,b"] and ["a", "b"] are
 * different, and so are [""] and [undefined], [1] and ["1"], [] and [""].
 *
 * A trie of Maps: a lookup costs one Map access per element and allocates nothing.
 */
export class TupleMap<V> {
  private readonly root: TrieNode<V> = { has: false, value: undefined, next: undefined };

  get(key: readonly unknown[]): V | undefined {
    let node: TrieNode<V> | undefined = this.root;
    for (let i = 0; i < key.length && node; i++) node = node.next?.get(key[i]);
    return node?.has ? node.value : undefined;
  }

  set(key: readonly unknown[], value: V): this {
    let node = this.root;
    for (const part of key) {
      node.next ??= new Map();
      let child = node.next.get(part);
      if (!child) node.next.set(part, (child = { has: false, value: undefined, next: undefined }));
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
  next: Map<unknown, TrieNode<V>> | undefined;
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
