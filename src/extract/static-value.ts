/**
 * Static evaluation of TypeScript expressions into JSON values: literals, object and array
 * literals, template literals, `const` identifiers and enum members (across files, through
 * imports and re-exports), property and element access, spreads of constant objects and arrays,
 * `as`/`satisfies`/`!` and `Object.freeze`. Everything else is a problem at the node that stops
 * evaluation, never a guess. Loaded only by extraction (it imports ts-morph).
 */
import {
  Node,
  SyntaxKind,
  VariableDeclarationKind,
  type ArrayLiteralExpression,
  type BinaryExpression,
  type BindingElement,
  type CallExpression,
  type ElementAccessExpression,
  type ObjectLiteralExpression,
  type PrefixUnaryExpression,
  type PropertyAccessExpression,
  type Symbol as MorphSymbol,
  type TemplateExpression,
  type Type,
} from 'ts-morph';

/** A JSON value, what a manifest is made of. */
export type StaticValue = string | number | boolean | null | StaticValue[] | { [key: string]: StaticValue };

/** Why (part of) an expression has no static value, at the node where evaluation stopped. */
export interface NotStatic {
  node: Node;
  message: string;
  hint?: string;
  /** JSON pointer, relative to the evaluated expression, of the value that could not be read. */
  pointer: string;
}

export interface Evaluation {
  /** The value, when every part of the expression could be evaluated. */
  value?: StaticValue;
  /** `undefined` in the source (a property that is left out). */
  isUndefined: boolean;
  problems: NotStatic[];
  /**
   * For each pointer into the value, the node it was written at in the evaluated expression.
   * Values read through a `const` or an enum are attributed to the name at the use site, so a
   * finding points at the declaration that uses the constant rather than at the shared constant.
   */
  sites: Map<string, Node>;
}

const FAILED: unique symbol = Symbol('failed');
const UNDEFINED: unique symbol = Symbol('undefined');
type Result = StaticValue | typeof FAILED | typeof UNDEFINED;

/** Evaluates an expression statically; see {@link Evaluation}. */
export function evaluateStatic(expression: Node): Evaluation {
  const evaluator = new Evaluator();
  const result = evaluator.value(expression, '', undefined);
  return {
    value: result === FAILED || result === UNDEFINED ? undefined : result,
    isUndefined: result === UNDEFINED,
    problems: evaluator.problems,
    sites: evaluator.sites,
  };
}

/**
 * The initializer of the `const` an identifier refers to (through imports), if it has one. Used
 * to follow URLs and clients defined once and used elsewhere.
 */
export function constInitializer(identifier: Node): Node | undefined {
  const declaration = declarationOf(identifier);
  if (!Node.isVariableDeclaration(declaration)) return undefined;
  const list = declaration.getParent();
  if (!Node.isVariableDeclarationList(list) || list.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  return declaration.getInitializer();
}

/** The declaration a name refers to, following import and export aliases. */
export function declarationOf(node: Node): Node | undefined {
  const symbol = Node.isShorthandPropertyAssignment(node) ? node.getValueSymbol() : node.getSymbol();
  const target = symbol ? resolveAlias(symbol) : undefined;
  return target ? (target.getValueDeclaration() ?? target.getDeclarations()[0]) : undefined;
}

function resolveAlias(symbol: MorphSymbol): MorphSymbol {
  return symbol.isAlias() ? (symbol.getAliasedSymbol() ?? symbol) : symbol;
}

class Evaluator {
  readonly problems: NotStatic[] = [];
  readonly sites = new Map<string, Node>();
  private readonly active = new Set<Node>();

  /**
   * The value of `node` at `pointer`. `site` is set once evaluation has left the expression the
   * caller gave (it followed a name): locations are then no longer recorded below it.
   */
  value(node: Node, pointer: string, site: Node | undefined): Result {
    if (!site) this.recordSite(pointer, node);
    if (
      Node.isParenthesizedExpression(node) ||
      Node.isAsExpression(node) ||
      Node.isSatisfiesExpression(node) ||
      Node.isNonNullExpression(node) ||
      Node.isTypeAssertion(node)
    ) {
      return this.value(node.getExpression(), pointer, site);
    }
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
    if (Node.isNumericLiteral(node)) return node.getLiteralValue();
    if (Node.isTrueLiteral(node)) return true;
    if (Node.isFalseLiteral(node)) return false;
    if (Node.isNullLiteral(node)) return null;
    if (Node.isVoidExpression(node)) return UNDEFINED;
    if (Node.isPrefixUnaryExpression(node)) return this.prefixUnary(node, pointer, site);
    if (Node.isTemplateExpression(node)) return this.template(node, pointer, site);
    if (Node.isBinaryExpression(node)) return this.binary(node, pointer, site);
    if (Node.isArrayLiteralExpression(node)) return this.array(node, pointer, site);
    if (Node.isObjectLiteralExpression(node)) return this.object(node, pointer, site);
    if (Node.isIdentifier(node)) return this.identifier(node, pointer, site);
    if (Node.isPropertyAccessExpression(node)) return this.propertyAccess(node, pointer, site);
    if (Node.isElementAccessExpression(node)) return this.elementAccess(node, pointer, site);
    if (Node.isCallExpression(node)) return this.call(node, pointer, site);
    return this.fail(node, pointer, `${describe(node)} is not a constant`);
  }

  private prefixUnary(node: PrefixUnaryExpression, pointer: string, site: Node | undefined): Result {
    const op = node.getOperatorToken();
    const operand = this.value(node.getOperand(), pointer, site ?? node);
    if (operand === FAILED) return FAILED;
    if (typeof operand === 'number' && (op === SyntaxKind.MinusToken || op === SyntaxKind.PlusToken)) return op === SyntaxKind.MinusToken ? -operand : operand;
    if (typeof operand === 'boolean' && op === SyntaxKind.ExclamationToken) return !operand;
    return this.fail(node, pointer, `${describe(node)} is not a constant`);
  }

  private template(node: TemplateExpression, pointer: string, site: Node | undefined): Result {
    let out = node.getHead().getLiteralText();
    let failed = false;
    for (const span of node.getTemplateSpans()) {
      const part = this.value(span.getExpression(), pointer, site ?? span.getExpression());
      if (part === FAILED) failed = true;
      else if (part === UNDEFINED || (typeof part === 'object' && part !== null)) {
        this.fail(span.getExpression(), pointer, `${describe(span.getExpression())} is not a string or a number`);
        failed = true;
      } else out += String(part);
      out += span.getLiteral().getLiteralText();
    }
    return failed ? FAILED : out;
  }

  private binary(node: BinaryExpression, pointer: string, site: Node | undefined): Result {
    if (node.getOperatorToken().getKind() !== SyntaxKind.PlusToken) return this.fail(node, pointer, `${describe(node)} is computed at run time`, 'only + of constant strings and numbers is evaluated');
    const left = this.value(node.getLeft(), pointer, site ?? node);
    const right = this.value(node.getRight(), pointer, site ?? node);
    if (left === FAILED || right === FAILED) return FAILED;
    if (typeof left === 'number' && typeof right === 'number') return left + right;
    if ((typeof left === 'string' || typeof left === 'number') && (typeof right === 'string' || typeof right === 'number')) return `${left}${right}`;
    return this.fail(node, pointer, `${describe(node)} adds values that are not strings or numbers`);
  }

  private array(node: ArrayLiteralExpression, pointer: string, site: Node | undefined): Result {
    const out: StaticValue[] = [];
    let failed = false;
    for (const element of node.getElements()) {
      if (Node.isSpreadElement(element)) {
        const spread = this.value(element.getExpression(), `${pointer}/${out.length}`, site ?? element);
        if (spread === FAILED) failed = true;
        else if (!Array.isArray(spread)) {
          this.fail(element, pointer, `${describe(element.getExpression())} is not an array`, 'only arrays are spread into arrays');
          failed = true;
        } else {
          for (const item of spread) {
            if (!site) this.recordSite(`${pointer}/${out.length}`, element);
            out.push(item);
          }
        }
        continue;
      }
      if (Node.isOmittedExpression(element)) {
        this.fail(element, `${pointer}/${out.length}`, 'an array hole has no value');
        failed = true;
        continue;
      }
      const item = this.value(element, `${pointer}/${out.length}`, site);
      if (item === FAILED) failed = true;
      else if (item === UNDEFINED) {
        this.fail(element, `${pointer}/${out.length}`, 'undefined is not a manifest value');
        failed = true;
      } else out.push(item);
      if (item === FAILED || item === UNDEFINED) out.push(null); // keeps later indices right for locations
    }
    return failed ? FAILED : out;
  }

  private object(node: ObjectLiteralExpression, pointer: string, site: Node | undefined): Result {
    const out: Record<string, StaticValue> = {};
    let failed = false;
    for (const property of node.getProperties()) {
      if (Node.isSpreadAssignment(property)) {
        const spread = this.value(property.getExpression(), pointer, site ?? property);
        if (spread === FAILED) failed = true;
        else if (spread === UNDEFINED || spread === null) continue; // {...undefined} adds nothing, as in JavaScript
        else if (typeof spread !== 'object' || Array.isArray(spread)) {
          this.fail(property, pointer, `${describe(property.getExpression())} is not an object`, 'only objects are spread into objects');
          failed = true;
        } else {
          for (const [key, value] of Object.entries(spread)) {
            out[key] = value;
            if (!site) {
              this.clearSites(`${pointer}/${escape(key)}`);
              this.recordSite(`${pointer}/${escape(key)}`, property);
            }
          }
        }
        continue;
      }
      if (Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property)) {
        const key = this.propertyName(property.getNameNode(), pointer, site);
        if (key === FAILED) {
          failed = true;
          continue;
        }
        const at = `${pointer}/${escape(key)}`;
        if (!site) this.clearSites(at);
        let value: Result;
        if (Node.isPropertyAssignment(property)) {
          value = this.value(property.getInitializerOrThrow(), at, site);
        } else {
          if (!site) this.recordSite(at, property);
          value = this.declaration(declarationOf(property), property.getNameNode(), at, site ?? property);
        }
        if (value === FAILED) failed = true;
        else if (value === UNDEFINED) delete out[key];
        else out[key] = value;
        continue;
      }
      this.fail(property, pointer, `${describe(property)} is not data`, 'methods and accessors are not evaluated');
      failed = true;
    }
    return failed ? FAILED : out;
  }

  private propertyName(name: Node, pointer: string, site: Node | undefined): string | typeof FAILED {
    if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
    if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) return name.getLiteralValue();
    if (Node.isNumericLiteral(name)) return String(name.getLiteralValue());
    if (Node.isComputedPropertyName(name)) {
      const key = this.value(name.getExpression(), pointer, site ?? name);
      if (typeof key === 'string' || typeof key === 'number') return String(key);
      if (key !== FAILED) this.fail(name, pointer, `${describe(name)} is not a string or number key`);
      return FAILED;
    }
    this.fail(name, pointer, `${describe(name)} is not a property name dfft can read`);
    return FAILED;
  }

  private identifier(node: Node, pointer: string, site: Node | undefined): Result {
    const declaration = declarationOf(node);
    // `undefined` is the global one unless the project declares its own.
    if (node.getText() === 'undefined' && (!declaration || declaration.getSourceFile().isDeclarationFile())) return UNDEFINED;
    return this.declaration(declaration, node, pointer, site ?? node);
  }

  /** The value a name refers to, from its declaration. `ref` is the name, for messages. */
  private declaration(declaration: Node | undefined, ref: Node, pointer: string, site: Node): Result {
    const name = ref.getText();
    if (!declaration) {
      return this.fail(ref, pointer, `\`${clip(name)}\` cannot be resolved`, 'declare it in the project, or import it from a module the project resolves');
    }
    if (this.active.has(declaration)) return this.fail(ref, pointer, `\`${clip(name)}\` refers to itself`);
    this.active.add(declaration);
    try {
      return this.declarationValue(declaration, ref, name, pointer, site);
    } finally {
      this.active.delete(declaration);
    }
  }

  private declarationValue(declaration: Node, ref: Node, name: string, pointer: string, site: Node): Result {
    if (Node.isVariableDeclaration(declaration)) {
      const list = declaration.getParent();
      const kind = Node.isVariableDeclarationList(list) ? list.getDeclarationKind() : undefined;
      if (kind !== VariableDeclarationKind.Const) {
        return this.fail(ref, pointer, `\`${clip(name)}\` is declared with ${kind ?? 'a binding'} and may change at run time`, 'only const values are read: declare it with const');
      }
      const initializer = declaration.getInitializer();
      if (initializer) return this.value(initializer, pointer, site);
      return this.fromType(declaration, ref, name, pointer);
    }
    if (Node.isBindingElement(declaration)) return this.bindingElement(declaration, ref, name, pointer, site);
    if (Node.isEnumMember(declaration)) {
      const value = declaration.getValue();
      if (value === undefined) return this.fail(ref, pointer, `enum member \`${clip(name)}\` has no constant value`, 'give it a literal initializer');
      return value;
    }
    if (Node.isEnumDeclaration(declaration)) {
      const out: Record<string, StaticValue> = {};
      for (const member of declaration.getMembers()) {
        const value = member.getValue();
        if (value !== undefined) out[member.getName()] = value;
      }
      return out;
    }
    if (Node.isParameterDeclaration(declaration)) {
      const fn = declaration.getParent();
      const fnName = fn && 'getName' in fn && typeof fn.getName === 'function' ? (fn.getName() as string | undefined) : undefined;
      return this.fail(ref, pointer, `\`${clip(name)}\` is a parameter${fnName ? ` of ${fnName}()` : ''}: its value is known only at run time`, 'use a literal, a const or an enum member, or declare this part in a manifest file instead');
    }
    if (Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration) || Node.isClassDeclaration(declaration) || Node.isArrowFunction(declaration) || Node.isFunctionExpression(declaration)) {
      return this.fail(ref, pointer, `\`${clip(name)}\` is a ${Node.isClassDeclaration(declaration) ? 'class' : 'function'}, not a value`);
    }
    if (Node.isImportSpecifier(declaration) || Node.isImportClause(declaration) || Node.isNamespaceImport(declaration)) {
      const module = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
      return this.fail(ref, pointer, `\`${clip(name)}\` is imported from "${module ?? '?'}", which the project cannot resolve`, 'check the import path and the tsconfig paths');
    }
    return this.fail(ref, pointer, `\`${clip(name)}\` (${declaration.getKindName()}) is not a constant`);
  }

  /** `const { a, b: c = 1 } = OBJECT`: one level of object destructuring of a const. */
  private bindingElement(declaration: BindingElement, ref: Node, name: string, pointer: string, site: Node): Result {
    const pattern = declaration.getParent();
    const variable = pattern?.getParent();
    if (!Node.isObjectBindingPattern(pattern) || !Node.isVariableDeclaration(variable)) {
      return this.fail(ref, pointer, `\`${clip(name)}\` comes from a destructuring dfft does not evaluate`, 'use a plain const');
    }
    const list = variable.getParent();
    if (!Node.isVariableDeclarationList(list) || list.getDeclarationKind() !== VariableDeclarationKind.Const) {
      return this.fail(ref, pointer, `\`${clip(name)}\` is not a const and may change at run time`, 'only const values are read: declare it with const');
    }
    const initializer = variable.getInitializer();
    if (!initializer) return this.fail(ref, pointer, `\`${clip(name)}\` has no initializer`);
    const object = this.value(initializer, pointer, site);
    if (object === FAILED) return FAILED;
    const key = this.propertyName(declaration.getPropertyNameNode() ?? declaration.getNameNode(), pointer, site);
    if (key === FAILED) return FAILED;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return this.fail(ref, pointer, `\`${clip(name)}\` is destructured from a value that is not an object`);
    if (Object.prototype.hasOwnProperty.call(object, key)) return object[key];
    const fallback = declaration.getInitializer();
    if (fallback) return this.value(fallback, pointer, site);
    return UNDEFINED;
  }

  /**
   * An ambient `declare const X: "literal"` (such as a package's compiled .d.ts of constants
   * exported `as const`): its type says exactly what its value is. Literal types only.
   */
  private fromType(declaration: Node, ref: Node, name: string, pointer: string): Result {
    const value = typeToValue(declaration.getType(), declaration, 0);
    if (value === FAILED) {
      return this.fail(ref, pointer, `\`${clip(name)}\` has no initializer dfft can see and its type is not a literal`, 'declare it with a literal value (as const) in the project');
    }
    return value;
  }

  private propertyAccess(node: PropertyAccessExpression, pointer: string, site: Node | undefined): Result {
    // Enum members and names read through a namespace import are resolved by the checker.
    const declaration = declarationOf(node.getNameNode());
    if (declaration && (Node.isEnumMember(declaration) || isNamespace(node.getExpression()))) {
      return this.declaration(declaration, node, pointer, site ?? node);
    }
    const object = this.value(node.getExpression(), pointer, site ?? node);
    if (object === FAILED) return FAILED;
    return this.member(node, object, node.getNameNode().getText(), pointer);
  }

  private elementAccess(node: ElementAccessExpression, pointer: string, site: Node | undefined): Result {
    const argument = node.getArgumentExpression();
    if (!argument) return this.fail(node, pointer, `${describe(node)} has no index`);
    const object = this.value(node.getExpression(), pointer, site ?? node);
    const key = this.value(argument, pointer, site ?? node);
    if (object === FAILED || key === FAILED) return FAILED;
    if (typeof key !== 'string' && typeof key !== 'number') return this.fail(argument, pointer, `${describe(argument)} is not a string or number index`);
    return this.member(node, object, String(key), pointer);
  }

  private member(node: Node, object: Result, key: string, pointer: string): Result {
    if (object === UNDEFINED || object === null || typeof object !== 'object') return this.fail(node, pointer, `${describe(node)} reads a property of a value that is not an object or array`);
    if (Array.isArray(object)) {
      if (!/^\d+$/.test(key) || Number(key) >= object.length) return this.fail(node, pointer, `${describe(node)} is out of the array's bounds`);
      return object[Number(key)];
    }
    if (!Object.prototype.hasOwnProperty.call(object, key)) return this.fail(node, pointer, `${describe(node)}: the object has no property "${key}"`);
    return object[key];
  }

  private call(node: CallExpression, pointer: string, site: Node | undefined): Result {
    const callee = node.getExpression().getText();
    const args = node.getArguments();
    // Object.freeze returns its argument; it is a common way to write constants.
    if (callee === 'Object.freeze' && args.length === 1 && isGlobal(node.getExpression())) {
      return this.value(args[0], pointer, site);
    }
    return this.fail(node, pointer, `${describe(node)} is a function call: its result is known only at run time`, 'use a literal, a const or an enum member');
  }

  private fail(node: Node, pointer: string, message: string, hint?: string): typeof FAILED {
    this.problems.push({ node, message, pointer, ...(hint ? { hint } : {}) });
    return FAILED;
  }

  private recordSite(pointer: string, node: Node): void {
    this.sites.set(pointer, node);
  }

  private clearSites(prefix: string): void {
    for (const key of [...this.sites.keys()]) if (key === prefix || key.startsWith(`${prefix}/`)) this.sites.delete(key);
  }
}

function typeToValue(type: Type, at: Node, depth: number): StaticValue | typeof FAILED {
  if (depth > 20) return FAILED;
  if (type.isStringLiteral() || type.isNumberLiteral()) return type.getLiteralValue() as string | number;
  if (type.isBooleanLiteral()) return type.getText() === 'true';
  if (type.isNull()) return null;
  if (type.isTuple()) {
    const items: StaticValue[] = [];
    for (const element of type.getTupleElements()) {
      const value = typeToValue(element, at, depth + 1);
      if (value === FAILED) return FAILED;
      items.push(value);
    }
    return items;
  }
  if (type.isObject() && type.getCallSignatures().length === 0 && !type.isArray()) {
    const out: Record<string, StaticValue> = {};
    for (const property of type.getProperties()) {
      if (property.isOptional()) return FAILED;
      const value = typeToValue(property.getTypeAtLocation(at), at, depth + 1);
      if (value === FAILED) return FAILED;
      out[property.getName()] = value;
    }
    return out;
  }
  return FAILED;
}

/** Whether a name is a namespace (`import * as C`, a TS namespace or a module). */
function isNamespace(node: Node): boolean {
  if (!Node.isIdentifier(node)) return false;
  const symbol = node.getSymbol();
  if (!symbol) return false;
  const declarations = [...symbol.getDeclarations(), ...resolveAlias(symbol).getDeclarations()];
  return declarations.some((d) => Node.isNamespaceImport(d) || Node.isSourceFile(d) || Node.isModuleDeclaration(d) || Node.isNamespaceExport(d));
}

/** `Object` in `Object.freeze` is the global one, not a local name. */
function isGlobal(callee: Node): boolean {
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const declaration = declarationOf(callee.getExpression());
  return !declaration || declaration.getSourceFile().isDeclarationFile();
}

/** "`region` (identifier)"-style text for messages: the source, shortened. */
function describe(node: Node): string {
  return `\`${clip(node.getText().replace(/\s+/g, ' '))}\``;
}

function clip(text: string): string {
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
