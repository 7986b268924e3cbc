import { codeFrameColumns } from '@babel/code-frame';
import type { SourceLocation } from '../../types';

/**
 * The lines around a location with a marker under it (Babel's code frame: the frame ESLint and
 * many tools print). Undefined when the file's text is not at hand.
 */
export function codeFrame(location: Pick<SourceLocation, 'file' | 'line' | 'column'>, text: string | undefined, color = false): string | undefined {
  if (text === undefined) return undefined;
  return codeFrameColumns(text, { start: { line: location.line, column: location.column } }, { highlightCode: false, forceColor: color, linesAbove: 1, linesBelow: 1 });
}
