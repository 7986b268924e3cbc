/**
 * Calls that send data out of the process: `fetch`, axios, got, undici, node-fetch, Node's
 * `http`/`https`, and the clients of well-known cloud and SaaS SDKs. For each, the host it
 * reaches when that can be read statically. Loaded only by extraction (it imports ts-morph).
 */
import { Node, SyntaxKind, type CallExpression, type NewExpression, type SourceFile } from 'ts-morph';
import { hostOfHostname, hostOfUrl, type HostResult } from './hosts';
import { importOrigin, isPackageSpecifier } from './imports';
import { constInitializer, declarationOf, evaluateStatic } from './static-value';

/** One call that sends data out, and where to. */
export interface EgressCall {
  node: CallExpression | NewExpression;
  /** How the call is made, for messages: `fetch`, `axios.post`, `new S3Client`. */
  client: string;
  host: HostResult;
}

/** A reference to something a package exports: `axios.post` is axios's default export, then `post`. */
interface ModuleRef {
  kind: 'module';
  module: string;
  name: string;
  path: string[];
}

/** An HTTP client made by a factory (`axios.create`, `got.extend`) with its base URL. */
interface InstanceRef {
  kind: 'instance';
  library: 'axios' | 'got';
  base: HostResult;
  path: string[];
}

type Ref = ModuleRef | InstanceRef;

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'postForm', 'putForm', 'patchForm', 'stream', 'paginate']);
const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici']);
const UNKNOWN_REGION: HostResult = { kind: 'unknown', reason: 'the region is taken from the environment at run time' };

/** Every egress call in a file, in source order. */
export function findEgress(file: SourceFile): EgressCall[] {
  const calls: EgressCall[] = [];
  file.forEachDescendant((node) => {
    if (Node.isCallExpression(node) || Node.isNewExpression(node)) {
      const found = classify(node);
      if (found) calls.push({ node, ...found });
    }
  });
  return calls;
}

function classify(node: CallExpression | NewExpression): { client: string; host: HostResult } | undefined {
  const callee = node.getExpression();
  const args = node.getArguments();
  const isNew = Node.isNewExpression(node);
  const label = `${isNew ? 'new ' : ''}${clip(callee.getText())}`;
  if (!isNew && isGlobalFetch(callee)) return { client: label, host: urlHost(args[0]) };
  const ref = refOf(callee, 0);
  if (!ref) return undefined;
  const host = ref.kind === 'instance' ? instanceCall(ref, args) : moduleCall(ref, args, isNew);
  return host ? { client: label, host } : undefined;
}

/** `fetch`, `globalThis.fetch`, `window.fetch`: the platform's, not a local function of that name. */
function isGlobalFetch(callee: Node): boolean {
  let name: Node | undefined;
  if (Node.isIdentifier(callee)) name = callee;
  else if (Node.isPropertyAccessExpression(callee) && ['globalThis', 'window', 'self', 'global'].includes(callee.getExpression().getText())) name = callee.getNameNode();
  if (!name || name.getText() !== 'fetch') return false;
  const declaration = declarationOf(name);
  if (!declaration) return true;
  const file = declaration.getSourceFile();
  // The platform's fetch is declared in lib.dom.d.ts or @types/node; an import from a package
  // (node-fetch) is handled as that package.
  return file.isDeclarationFile() && importOrigin(name, isPackageSpecifier) === undefined;
}

function refOf(node: Node, depth: number): Ref | undefined {
  if (depth > 8) return undefined;
  node = unwrap(node);
  if (Node.isIdentifier(node)) {
    const origin = importOrigin(node, isPackageSpecifier);
    if (origin) return { kind: 'module', module: normaliseModule(origin.module), name: origin.name, path: [] };
    const initializer = constInitializer(node);
    if (!initializer) return undefined;
    return instanceOf(initializer, depth) ?? refOf(initializer, depth + 1);
  }
  if (Node.isPropertyAccessExpression(node)) {
    const base = refOf(node.getExpression(), depth + 1);
    return base ? { ...base, path: [...base.path, node.getName()] } : undefined;
  }
  return undefined;
}

/** `axios.create({ baseURL })`, `got.extend({ prefixUrl })`: a client with a base URL. */
function instanceOf(node: Node, depth: number): InstanceRef | undefined {
  node = unwrap(node);
  if (!Node.isCallExpression(node)) return undefined;
  const factory = refOf(node.getExpression(), depth + 1);
  if (factory?.kind !== 'module') return undefined;
  const fn = exportedPath(factory);
  const options = node.getArguments()[0];
  if (factory.module === 'axios' && fn.join('.') === 'create') {
    return { kind: 'instance', library: 'axios', base: optionUrl(options, ['baseURL']), path: [] };
  }
  if (factory.module === 'got' && fn.join('.') === 'extend') {
    return { kind: 'instance', library: 'got', base: optionUrl(options, ['prefixUrl']), path: [] };
  }
  return undefined;
}

function instanceCall(ref: InstanceRef, args: Node[]): HostResult | undefined {
  if (ref.path.length > 1) return undefined;
  const method = ref.path[0];
  if (method !== undefined && !HTTP_METHODS.has(method)) return undefined; // api.defaults, api.interceptors...
  let url: Node | undefined = args[0];
  if (ref.library === 'axios' && (method === undefined || method === 'request') && url && isObjectLike(url)) {
    const options = objectLiteral(url);
    const value = options ? property(options, 'url') : 'opaque';
    if (value === 'opaque') return { kind: 'unknown', reason: `the options ${describe(url)} cannot be read statically` };
    url = value;
  }
  if (!url) return ref.base;
  // A URL with a scheme goes where it says; anything else is a path below the base URL
  // (got's prefixUrl takes "users/1", axios's baseURL "/users/1").
  const { prefix, complete } = staticPrefix(url, 0);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(prefix) || prefix.startsWith('//')) return hostOfUrl(prefix, complete);
  if (prefix === '' && !complete) return { kind: 'unknown', reason: `the URL ${describe(url)} is known only at run time, and may not be below the base URL` };
  return ref.base.kind === 'relative' ? { kind: 'unknown', reason: 'neither the URL nor its base names a host' } : ref.base;
}

function moduleCall(ref: ModuleRef, args: Node[], isNew: boolean): HostResult | undefined {
  const fn = exportedPath(ref);
  const { module } = ref;
  if (module === 'axios' && !isNew) {
    if (fn.length === 0 || (fn.length === 1 && fn[0] === 'request')) {
      if (args[0] && isObjectLike(args[0])) return withBase(optionUrl(args[0], ['url']), optionUrl(args[0], ['baseURL']));
      return urlHost(args[0]);
    }
    if (fn.length === 1 && HTTP_METHODS.has(fn[0])) return urlHost(args[0]);
    return undefined;
  }
  if (module === 'got' && !isNew) {
    if (fn.length === 0 || (fn.length === 1 && HTTP_METHODS.has(fn[0]))) {
      return args[0] && isObjectLike(args[0]) ? withBase(optionUrl(args[0], ['url']), optionUrl(args[0], ['prefixUrl'])) : urlHost(args[0]);
    }
    return undefined;
  }
  if ((module === 'http' || module === 'https') && !isNew && fn.length === 1 && (fn[0] === 'request' || fn[0] === 'get')) {
    return nodeHttpHost(args);
  }
  if (FETCH_MODULES.has(module) && !isNew) {
    if (fn.length === 0 || (fn.length === 1 && ['fetch', 'request', 'stream', 'pipeline'].includes(fn[0]))) return urlHost(args[0]);
    return undefined;
  }
  return sdkHost(ref, fn, args, isNew);
}

/** Node's `http.request(url[, options])` or `http.request(options)`; the host defaults to localhost. */
function nodeHttpHost(args: Node[]): HostResult {
  const first = args[0];
  if (!first) return { kind: 'unknown', reason: 'no URL or options are given' };
  if (!isObjectLike(first)) return urlHost(first);
  const options = objectLiteral(first);
  if (!options) return { kind: 'unknown', reason: `the options ${describe(first)} cannot be read statically` };
  for (const key of ['hostname', 'host']) {
    const value = property(options, key);
    if (value === 'opaque') return { kind: 'unknown', reason: `the options ${describe(first)} cannot be read statically` };
    if (value) {
      const s = staticString(value);
      return s === undefined ? { kind: 'unknown', reason: `${describe(value)} is known only at run time` } : hostOfHostname(s);
    }
  }
  return { kind: 'host', host: 'localhost' };
}

/** Well-known SDKs: constructing a client (or calling the send function) is the egress. */
function sdkHost(ref: ModuleRef, fn: string[], args: Node[], isNew: boolean): HostResult | undefined {
  const { module } = ref;
  const options = args[0];
  // The class constructed: commands, credentials and value classes of the same packages are not clients.
  const cls = fn.length > 0 ? fn[fn.length - 1] : ref.name;
  const aws = /^@aws-sdk\/client-(.+)$/.exec(module);
  if (aws && isNew && (cls.endsWith('Client') || cls.toLowerCase() === aws[1].replace(/-/g, ''))) {
    const endpoint = optionValue(options, 'endpoint');
    if (endpoint) return urlHost(endpoint);
    const region = optionValue(options, 'region');
    const r = region ? staticString(region) : undefined;
    if (!r) return region ? { kind: 'unknown', reason: `the region ${describe(region)} is known only at run time` } : UNKNOWN_REGION;
    return { kind: 'host', host: `${AWS_ENDPOINT_PREFIX[aws[1]] ?? aws[1]}.${r.toLowerCase()}.amazonaws.com` };
  }
  const gcp = /^@google-cloud\/(.+)$/.exec(module);
  if (gcp && isNew && (cls.endsWith('Client') || cls.toLowerCase() === gcp[1].replace(/-/g, ''))) {
    const endpoint = optionValue(options, 'apiEndpoint');
    if (endpoint) {
      const s = staticString(endpoint);
      return s === undefined ? { kind: 'unknown', reason: `${describe(endpoint)} is known only at run time` } : s.includes('://') ? hostOfUrl(s, true) : hostOfHostname(s);
    }
    return { kind: 'host', host: `${GCP_API[gcp[1]] ?? gcp[1].replace(/-/g, '')}.googleapis.com` };
  }
  if (module.startsWith('@azure/') && isNew && cls.endsWith('Client')) {
    const endpoint = options && !isObjectLike(options) ? options : optionValue(options, 'endpoint');
    if (!endpoint) return { kind: 'unknown', reason: `the ${module} endpoint is not given as a constant` };
    const s = staticString(endpoint);
    if (s === undefined) return urlHost(endpoint);
    return s.includes('://') ? hostOfUrl(s, true) : hostOfHostname(s);
  }
  const saas = SAAS[module];
  if (saas && (saas.construct ? isNew : !isNew) && (saas.functions === undefined || saas.functions.includes(fn.join('.')))) {
    const override = saas.baseOption ? optionValue(saas.optionsArg === undefined ? options : args[saas.optionsArg], saas.baseOption) : undefined;
    if (override) return urlHost(override);
    return { kind: 'host', host: saas.host };
  }
  return undefined;
}

const AWS_ENDPOINT_PREFIX: Readonly<Record<string, string>> = {
  ses: 'email',
  sesv2: 'email',
  'cloudwatch-logs': 'logs',
  eventbridge: 'events',
  'secrets-manager': 'secretsmanager',
  'sagemaker-runtime': 'runtime.sagemaker',
  'cognito-identity-provider': 'cognito-idp',
};

const GCP_API: Readonly<Record<string, string>> = {
  'secret-manager': 'secretmanager',
  translate: 'translation',
  'text-to-speech': 'texttospeech',
  vertexai: 'aiplatform',
};

interface SaasClient {
  host: string;
  /** The egress is `new Client(...)` (else a call). */
  construct: boolean;
  /** For calls: the exported functions that send (`send`); any when left out. */
  functions?: string[];
  /** An option that replaces the host (`baseURL`). */
  baseOption?: string;
  /** Which argument holds the options (default the first). */
  optionsArg?: number;
}

const SAAS: Readonly<Record<string, SaasClient>> = {
  stripe: { host: 'api.stripe.com', construct: true, baseOption: 'host', optionsArg: 1 },
  openai: { host: 'api.openai.com', construct: true, baseOption: 'baseURL' },
  '@anthropic-ai/sdk': { host: 'api.anthropic.com', construct: true, baseOption: 'baseURL' },
  '@slack/web-api': { host: 'slack.com', construct: true },
  '@segment/analytics-node': { host: 'api.segment.io', construct: true, baseOption: 'host' },
  'posthog-node': { host: 'us.i.posthog.com', construct: true, baseOption: 'host', optionsArg: 1 },
  '@sendgrid/mail': { host: 'api.sendgrid.com', construct: false, functions: ['send', 'sendMultiple'] },
  twilio: { host: 'api.twilio.com', construct: false, functions: [''] },
  mixpanel: { host: 'api.mixpanel.com', construct: false, functions: ['init'] },
  '@mailchimp/mailchimp_marketing': { host: 'api.mailchimp.com', construct: false, functions: ['setConfig'] },
};

/** The path below the module's export: `axios.post` → ['post'], `import { request } from 'https'` → ['request']. */
function exportedPath(ref: ModuleRef): string[] {
  return ref.name === 'default' || ref.name === '*' ? ref.path : [ref.name, ...ref.path];
}

function normaliseModule(module: string): string {
  return module.replace(/^node:/, '');
}

/** The host of a URL argument: a string, a template, a concatenation or `new URL(path, base)`. */
export function urlHost(node: Node | undefined, depth = 0): HostResult {
  if (!node) return { kind: 'unknown', reason: 'no URL is given' };
  node = unwrap(node);
  if (depth > 8) return { kind: 'unknown', reason: 'the URL is built through too many names' };
  if (Node.isNewExpression(node) && node.getExpression().getText() === 'URL') {
    const [input, base] = node.getArguments();
    const first = input ? urlHost(input, depth + 1) : { kind: 'unknown' as const, reason: 'no URL is given' };
    return first.kind === 'relative' && base ? urlHost(base, depth + 1) : first;
  }
  if (Node.isIdentifier(node)) {
    const initializer = constInitializer(node);
    if (initializer && Node.isNewExpression(unwrap(initializer))) return urlHost(initializer, depth + 1);
  }
  const { prefix, complete } = staticPrefix(node, 0);
  const host = hostOfUrl(prefix, complete);
  if (host.kind === 'unknown' && prefix === '' && !complete) return { kind: 'unknown', reason: `the URL ${describe(node)} is known only at run time` };
  return host;
}

/** The longest start of a string expression that is known statically. */
function staticPrefix(node: Node, depth: number): { prefix: string; complete: boolean } {
  const whole = staticString(node);
  if (whole !== undefined) return { prefix: whole, complete: true };
  node = unwrap(node);
  if (depth > 8) return { prefix: '', complete: false };
  if (Node.isTemplateExpression(node)) {
    let prefix = node.getHead().getLiteralText();
    for (const span of node.getTemplateSpans()) {
      const part = staticPrefix(span.getExpression(), depth + 1);
      prefix += part.prefix;
      if (!part.complete) return { prefix, complete: false };
      prefix += span.getLiteral().getLiteralText();
    }
    return { prefix, complete: true };
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const left = staticPrefix(node.getLeft(), depth + 1);
    if (!left.complete) return left;
    const right = staticPrefix(node.getRight(), depth + 1);
    return { prefix: left.prefix + right.prefix, complete: right.complete };
  }
  if (Node.isIdentifier(node)) {
    const initializer = constInitializer(node);
    if (initializer) return staticPrefix(initializer, depth + 1);
  }
  return { prefix: '', complete: false };
}

/** A path-only URL goes to the base; an absolute one goes where it says. */
function withBase(url: HostResult, base: HostResult): HostResult {
  if (url.kind !== 'relative') return url;
  return base.kind === 'relative' ? { kind: 'unknown', reason: 'neither the URL nor its base names a host' } : base;
}

/** The URL in the first of `keys` of an options object; relative (the base decides) when none is set. */
function optionUrl(options: Node | undefined, keys: string[]): HostResult {
  if (!options) return { kind: 'relative' };
  const object = objectLiteral(options);
  if (!object) return { kind: 'unknown', reason: `the options ${describe(options)} cannot be read statically` };
  for (const key of keys) {
    const value = property(object, key);
    if (value === 'opaque') return { kind: 'unknown', reason: `the options ${describe(options)} cannot be read statically` };
    if (value) return urlHost(value);
  }
  return { kind: 'relative' };
}

function optionValue(options: Node | undefined, key: string): Node | undefined {
  if (!options) return undefined;
  const object = objectLiteral(options);
  if (!object) return undefined;
  const value = property(object, key);
  return value === 'opaque' ? undefined : value;
}

/** The object literal an expression is, directly or through consts. */
function objectLiteral(node: Node, depth = 0): Node | undefined {
  node = unwrap(node);
  if (Node.isObjectLiteralExpression(node)) return node;
  if (Node.isIdentifier(node) && depth < 8) {
    const initializer = constInitializer(node);
    return initializer ? objectLiteral(initializer, depth + 1) : undefined;
  }
  return undefined;
}

/** A property's value node; 'opaque' when a spread may set it. */
function property(object: Node, key: string): Node | 'opaque' | undefined {
  if (!Node.isObjectLiteralExpression(object)) return undefined;
  let found: Node | 'opaque' | undefined;
  for (const p of object.getProperties()) {
    if (Node.isSpreadAssignment(p)) {
      const inner = objectLiteral(p.getExpression());
      found = inner ? (property(inner, key) ?? found) : 'opaque';
    } else if (Node.isPropertyAssignment(p) && propertyKey(p.getNameNode()) === key) found = p.getInitializerOrThrow();
    else if (Node.isShorthandPropertyAssignment(p) && p.getName() === key) found = p.getNameNode();
  }
  return found;
}

function propertyKey(name: Node): string | undefined {
  if (Node.isIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) return name.getLiteralValue();
  return undefined;
}

function isObjectLike(node: Node): boolean {
  return objectLiteral(node) !== undefined || (!Node.isStringLiteral(unwrap(node)) && !Node.isTemplateExpression(unwrap(node)) && !Node.isNoSubstitutionTemplateLiteral(unwrap(node)) && isObjectTyped(node));
}

/** Whether the checker types a node as an object that is not a string, URL or Request. */
function isObjectTyped(node: Node): boolean {
  const type = node.getType();
  if (type.isString() || type.isStringLiteral() || type.isAny() || type.isUnknown()) return false;
  const text = type.getText();
  return type.isObject() && !/\b(URL|Request)\b/.test(text);
}

function staticString(node: Node): string | undefined {
  const evaluation = evaluateStatic(node);
  return typeof evaluation.value === 'string' ? evaluation.value : undefined;
}

function unwrap(node: Node): Node {
  while (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isNonNullExpression(node) || Node.isTypeAssertion(node)) {
    node = node.getExpression();
  }
  return node;
}

function describe(node: Node): string {
  return `\`${clip(node.getText().replace(/\s+/g, ' '))}\``;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

