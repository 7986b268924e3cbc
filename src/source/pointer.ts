/** RFC 6901 JSON Pointers, and the dotted form used in messages ("flows[1].to"). */

export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** "/flows/1/to" → "flows[1].to"; the root is "(root)". */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const segment of parsePointer(pointer)) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * The pointers of array elements ("/flows/3"), one string for each section and index in a run:
 * every manifest has a /flows/0, and a million flows held a million pointer strings (30 MB).
 */
export class ElementPointers {
  private readonly bySection = new Map<string, string[]>();

  /** `section` is a key that needs no escaping (flows, parties, datasets). */
  of(section: string, index: number): string {
    let list = this.bySection.get(section);
    if (!list) this.bySection.set(section, (list = []));
    return (list[index] ??= `/${section}/${index}`);
  }
}
