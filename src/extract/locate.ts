import type { Node } from 'ts-morph';
import type { SourceLocation } from '../types';

/** Turns an absolute path into the path shown to the user (relative to the working directory). */
export type DisplayPath = (absolute: string) => string;

/** The 1-based location of a node's first token (and its end), in the shown form of its file. */
export function locateNode(node: Node, display: DisplayPath, pointer = ''): SourceLocation {
  const file = node.getSourceFile();
  const start = file.getLineAndColumnAtPos(node.getStart());
  const end = file.getLineAndColumnAtPos(node.getEnd());
  return { file: display(file.getFilePath()), line: start.line, column: start.column, endLine: end.line, endColumn: end.column, pointer };
}
