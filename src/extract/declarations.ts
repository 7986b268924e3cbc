import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import { importOrigin } from './imports';
import type { DeclarationKind } from './manifest';

/** The helpers of src/declare.ts, by exported name. */
export const DECLARATION_HELPERS: Readonly<Record<string, DeclarationKind>> = {
  declareFlow: 'flow',
  declaresFlow: 'flow',
  declareParty: 'party',
  declareDataset: 'dataset',
};

export interface FoundDeclaration {
  kind: DeclarationKind;
  /** The helper's name as exported (`declareFlow`), whatever it is called locally. */
  helper: string;
  call: CallExpression;
}

/**
 * Calls of the declaration helpers in a file: `declareFlow({...})`, `dfft.declareFlow({...})`,
 * `@declaresFlow({...})`, with the helpers imported (directly, renamed or through a re-export)
 * from one of `modules`.
 */
export function findDeclarations(file: SourceFile, modules: ReadonlySet<string>): FoundDeclaration[] {
  const found: FoundDeclaration[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const helper = helperName(call.getExpression(), modules);
    if (helper) found.push({ kind: DECLARATION_HELPERS[helper], helper, call });
  }
  return found;
}

function helperName(callee: Node, modules: ReadonlySet<string>): string | undefined {
  const accept = (module: string): boolean => modules.has(module);
  if (Node.isIdentifier(callee)) {
    const origin = importOrigin(callee, accept);
    return origin && Object.prototype.hasOwnProperty.call(DECLARATION_HELPERS, origin.name) ? origin.name : undefined;
  }
  if (Node.isPropertyAccessExpression(callee) && Node.isIdentifier(callee.getExpression())) {
    const origin = importOrigin(callee.getExpression(), accept);
    const name = callee.getName();
    if (origin && (origin.name === '*' || origin.name === 'default') && Object.prototype.hasOwnProperty.call(DECLARATION_HELPERS, name)) return name;
  }
  return undefined;
}
