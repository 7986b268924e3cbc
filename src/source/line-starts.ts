/** The offset where each line of a text starts (the first is 0), in a typed array: outside the JS heap and half a number[] (an estate has millions of lines). */
export function lineStartsOf(text: string): Uint32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count);
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}

/** The index (0-based) of the line holding `offset`: binary search in the line starts. */
function lineIndexOf(lineStarts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Line and column (1-based, columns in UTF-16 code units) of `offset`. */
export function positionIn(lineStarts: Uint32Array, offset: number): { line: number; column: number } {
  const line = lineIndexOf(lineStarts, offset);
  return { line: line + 1, column: offset - lineStarts[line] + 1 };
}
