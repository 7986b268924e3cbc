// Minimal XML writing for the JUnit formatter: escaping, and dropping characters XML 1.0 forbids.

const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: & < > escaped, characters XML 1.0 cannot hold removed. */
export function xmlText(value: string): string {
  return value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value (double-quoted): also quotes, and newlines/tabs as references so they survive normalisation. */
export function xmlAttr(value: string | number): string {
  return xmlText(String(value)).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** `<name a="1" b="2"` with attributes in the given order; undefined values are left out. */
export function openTag(name: string, attrs: Record<string, string | number | undefined>): string {
  const parts = Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(v)}"`);
  return `<${name}${parts.join('')}`;
}
