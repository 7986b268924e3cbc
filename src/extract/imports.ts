import { Node, SyntaxKind, type Symbol as MorphSymbol } from 'ts-morph';

/** Where a name comes from: a module and the name it exports (`default`, `*` for a namespace). */
export interface ImportOrigin {
  module: string;
  name: string;
}

/**
 * The module a name is imported from, following re-exports inside the project
 * (`export { declareFlow } from 'dfft'` in a local file) until a module `accept`s. Undefined
 * when the name is not imported (a local declaration) or no module on the way is accepted.
 */
export function importOrigin(identifier: Node, accept: (module: string) => boolean): ImportOrigin | undefined {
  let symbol: MorphSymbol | undefined = identifier.getSymbol();
  for (let hops = 0; symbol && hops < 16; hops++) {
    const declaration = symbol.getDeclarations()[0];
    if (!declaration) return undefined;
    let origin: ImportOrigin | undefined;
    if (Node.isImportSpecifier(declaration)) {
      origin = { module: declaration.getImportDeclaration().getModuleSpecifierValue(), name: declaration.getName() };
    } else if (Node.isImportClause(declaration)) {
      const parent = declaration.getParent();
      origin = { module: Node.isImportDeclaration(parent) ? parent.getModuleSpecifierValue() : '', name: 'default' };
    } else if (Node.isNamespaceImport(declaration)) {
      origin = { module: declaration.getFirstAncestorByKindOrThrow(SyntaxKind.ImportDeclaration).getModuleSpecifierValue(), name: '*' };
    } else if (Node.isExportSpecifier(declaration)) {
      const from = declaration.getExportDeclaration().getModuleSpecifierValue();
      origin = from === undefined ? undefined : { module: from, name: declaration.getName() };
    } else {
      return undefined;
    }
    if (origin && accept(origin.module)) return origin;
    if (!symbol.isAlias()) return undefined;
    symbol = symbol.getImmediatelyAliasedSymbol();
  }
  return undefined;
}

/** A bare module specifier (a package), as opposed to a relative path. */
export function isPackageSpecifier(module: string): boolean {
  return !module.startsWith('.') && !module.startsWith('/');
}
