/**
 * Maps an offset inside a scalar's value (e.g. where a CEL expression has an error) to an offset
 * in the file's text. The value is aligned with its source greedily: quotes, escapes, block
 * headers, indentation and folded line breaks are skipped. If the two cannot be aligned the
 * scalar's start is returned, which is still the right line for plain one-line values.
 */
export function offsetInScalar(text: string, scalarStart: number, scalarEnd: number, value: string, valueOffset: number): number {
  const raw = text.slice(scalarStart, scalarEnd);
  let j = 0;
  // Block scalars (| or >) start on the line after their header.
  if (raw[0] === '|' || raw[0] === '>') j = raw.indexOf('\n') + 1;
  else if (raw[0] === '"' || raw[0] === "'") j = 1;
  const target = Math.min(valueOffset, value.length);
  for (let i = 0; i < target; i++) {
    const ch = value[i];
    while (j < raw.length && raw[j] !== ch) {
      if (!/[\s"'\\]/.test(raw[j])) return scalarStart;
      j++;
    }
    if (j >= raw.length) return scalarStart;
    j++;
  }
  // Skip leading indentation of the position itself.
  while (j < raw.length && value[target] !== undefined && raw[j] !== value[target] && /[\s"'\\]/.test(raw[j])) j++;
  return scalarStart + Math.min(j, raw.length);
}
