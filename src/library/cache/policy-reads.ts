import { createHash } from 'node:crypto';
import { chainGroupsOf, type CompiledPolicy } from '../../policy/compile-policy';
import type { PolicyDocument } from '../../policy/load-policy';
import { VERSION } from '../../version';

/**
 * What a policy's rules may read beyond the flow, its parties, its datasets and their origin at
 * the exporter: the parts of the graph a cached flow's key must also cover. A set of names, or
 * 'any' when the policy's text does not show them as literals (then every one present counts).
 */
export interface PolicyReads {
  /** Mechanism types of receivedThrough(d, type) calls; undefined: no rule calls it. */
  receivedThrough?: ReadonlySet<string> | 'any';
  /** Groups of boundPurposes(d, group) calls; undefined: no rule calls it. */
  boundPurposes?: ReadonlySet<string> | 'any';
  /** Whether a rule counts the exporter's other flows (exporterSubjectsCount). */
  exporterFlows: boolean;
  /** Whether a rule reads the flows between the same two parties (counterpartyData, counterpartyFlows). */
  counterpartyFlows: boolean;
  /** The chainFrom groups of the rules (undefined: the chain of the first personal dataset). */
  chainGroups: ReadonlyArray<string | undefined>;
}

/** The policy as a cache sees it: a digest of everything that made it, and what its rules read. */
export interface PolicyScope {
  digest: string;
  reads: PolicyReads;
}

/**
 * The scope of a compiled policy. The digest covers the text of every document of the run and of
 * the built-in catalogue (packs outside the run still say which law would apply), the law data
 * files, the compiled parameters, lists and overrides, and dfft's version. What rules read is found
 * in the same documents, so that an expression in a variable counts too; a call whose argument is
 * not a literal counts as reading every value.
 */
export function policyScope(policy: CompiledPolicy, documents: readonly PolicyDocument[], catalogue: readonly PolicyDocument[], lawFiles: ReadonlyArray<{ file: string; sha256: string }>): PolicyScope {
  // The parsed data, not the source text: an escape in a file (\u0028) cannot hide a call. Of a
  // built-in pack outside the run only what decides whether it would apply is evaluated.
  const active = new Set(documents.filter((d) => d.builtin && d.data.pack).map((d) => d.data.pack!.id));
  const others = catalogue.filter((d) => d.data.pack && !active.has(d.data.pack.id));
  const texts = [
    ...documents.map((d) => JSON.stringify(d.data)),
    ...others.map((d) => JSON.stringify([d.data.pack!.appliesWhen, d.data.variables ?? []])),
  ];
  const hash = createHash('sha256');
  hash.update(JSON.stringify({
    tool: VERSION,
    documents: documents.map((d) => [d.source.file, d.source.sha256, d.builtin]),
    catalogue: catalogue.map((d) => [d.source.file, d.source.sha256]),
    law: lawFiles.map((f) => [f.file, f.sha256]),
    params: policy.params,
    lists: policy.lists,
    overrides: policy.overrides,
    packs: policy.packs.map((p) => [p.id, p.version, p.kind, p.builtin, p.rules.map((r) => [r.id, r.version, r.severity]), p.disabled.map((r) => r.id)]),
    others: policy.others.map((o) => o.id),
  }));
  return {
    digest: hash.digest('hex'),
    reads: {
      receivedThrough: literalSecondArguments(texts, 'receivedThrough'),
      boundPurposes: literalSecondArguments(texts, 'boundPurposes'),
      exporterFlows: texts.some((t) => t.includes('exporterSubjectsCount')),
      counterpartyFlows: texts.some((t) => t.includes('counterpartyData') || t.includes('counterpartyFlows')),
      chainGroups: [undefined, ...chainGroupsOf(policy)],
    },
  };
}

/**
 * The string literals given as second argument to calls of a function in the texts; 'any' when a
 * call has another form (a variable as argument); undefined when there is no call at all. A
 * mention without arguments ("boundPurposes()" in a description) cannot type-check as a call.
 */
export function literalSecondArguments(texts: readonly string[], name: string): ReadonlySet<string> | 'any' | undefined {
  const found = new Set<string>();
  let seen = false;
  const opening = new RegExp(`\\b${name}\\s*\\((?!\\s*\\))`, 'g');
  // The quotes may be escaped, inside a double-quoted YAML string.
  const call = new RegExp(`\\b${name}\\s*\\(\\s*[A-Za-z_][A-Za-z0-9_]*\\s*,\\s*(?:\\\\?"([^"\\\\]*)\\\\?"|'([^'\\\\]*)')\\s*\\)`, 'g');
  for (const text of texts) {
    const calls = [...text.matchAll(opening)].length;
    if (calls === 0) continue;
    seen = true;
    let literal = 0;
    for (const m of text.matchAll(call)) {
      found.add(m[1] ?? m[2]);
      literal++;
    }
    if (literal !== calls) return 'any';
  }
  return seen ? found : undefined;
}
