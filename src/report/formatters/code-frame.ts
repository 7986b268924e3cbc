import { codeFrameColumns } from '@babel/code-frame';
import type { SourceLocation } from '../../types';

const WIDTH = 100;
const lineCache = new Map<string, number[]>();

/**
 * The lines around a location with a marker under it (Babel's code frame: the frame ESLint and
 * many tools print), clipped to a window around the column so that a 100 000-character line
 * prints as a readable frame. Undefined when the file's text is not at hand.
 */
export function codeFrame(location: Pick<SourceLocation, 'file' | 'line' | 'column'>, text: string | undefined, color = false): string | undefined {
  if (text === undefined) return undefined;
  const starts = lineStarts(text);
  const line = Math.min(Math.max(1, location.line), starts.length);
  // Only the lines shown are cut out of the text (Babel would split the whole file each time).
  const from = Math.max(1, line - 1);
  const to = Math.min(starts.length, line + 1);
  const left = Math.max(0, location.column - 1 - Math.floor(WIDTH / 2));
  const shown: string[] = [];
  for (let l = from; l <= to; l++) {
    const raw = text.slice(starts[l - 1], l < starts.length ? starts[l] - 1 : text.length).replace(/\r$/, '');
    const clipped = raw.length > WIDTH ? `${left > 0 ? '…' : ''}${raw.slice(left, left + WIDTH)}${raw.length > left + WIDTH ? '…' : ''}` : raw;
    shown.push(clipped);
  }
  const column = (starts[line - 1] !== undefined && lineLength(text, starts, line) > WIDTH ? location.column - left + (left > 0 ? 1 : 0) : location.column);
  // startLine numbers the snippet's lines as in the file (cost independent of the line number).
  // (startLine is in @babel/code-frame since 7.24, not yet in its @types.)
  const options = { highlightCode: false, forceColor: color, linesAbove: 1, linesBelow: 1, startLine: from };
  const frame = codeFrameColumns(shown.join('\n'), { start: { line, column } }, options);
  return frame;
}

function lineLength(text: string, starts: number[], line: number): number {
  const end = line < starts.length ? starts[line] - 1 : text.length;
  return end - starts[line - 1];
}

function lineStarts(text: string): number[] {
  let starts = lineCache.get(text);
  if (!starts) {
    starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    if (lineCache.size >= 8) lineCache.delete(lineCache.keys().next().value as string);
    lineCache.set(text, starts);
  }
  return starts;
}
