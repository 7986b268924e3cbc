/**
 * The library calls that sit beside `createChecker`: validating manifests without
 * loading the law yourself, loading and describing a policy, and explaining one flow in one call.
 * `dfft serve` answers its routes with these same functions, so the library and the service agree.
 */
import { checkCheckerOptions } from './arguments';
import { createChecker, validateManifests, type CheckerOptions, type ManifestInput } from './checker';
import { DiagnosticError, sortDiagnostics, type Diagnostic } from '../source/diagnostic';
import type { CompiledPack, CompiledPolicy, CompiledRule } from '../policy/compile-policy';
import type { Explanation } from '../engine/explain';
import type { Law } from '../law/law';
import { loadLaw } from '../law/load-law';
import type { PolicySelection } from '../policy/load-policy';
import { RULES_DIR } from '../source/builtin-files';

export type {
  ConditionExplanation,
  DataExplanation,
  Explanation,
  PackExplanation,
  Read as ExplanationRead,
  RuleExplanation,
} from '../engine/explain';
import type { PackDescription, PolicyDescription, RuleDescription } from '../types/generated/api';

/** What {@link validateManifest} found: the same fields as `dfft validate --format json`. */
export interface ManifestValidation {
  /** True when there is no error at all. */
  valid: boolean;
  /** The manifests read, with the sha256 of their text. */
  inputs: Array<{ file: string; sha256: string }>;
  /** What the manifests declare (parties, datasets and flows that could be read). */
  counts: { parties: number; datasets: number; flows: number };
  /** Every syntax, schema and reference error, located and sorted by file, line and column. */
  errors: Diagnostic[];
}

/** Options of {@link validateManifest}. */
export interface ValidateManifestOptions {
  /** Directory of the built-in packs and their law data (tests point it elsewhere). */
  rulesDir?: string;
}

const laws = new Map<string, Law>();

/**
 * Validates manifests without applying any law: syntax, the manifest schema, and references
 * across all of them (parties, datasets, categories), as `dfft validate` does. Give every
 * manifest of a run together, since ids are global. Loads the law's data on first use (the
 * category taxonomy) and keeps it. Returns the errors, never throws them; throws DiagnosticError
 * only when dfft's own law data cannot be loaded.
 */
export function validateManifest(manifests: ManifestInput | readonly ManifestInput[], options: ValidateManifestOptions = {}): ManifestValidation {
  const invalid = checkCheckerOptions(options);
  if (invalid.length > 0) throw new DiagnosticError(invalid);
  const law = lawFor(options.rulesDir ?? RULES_DIR);
  // One manifest may be given alone; anything else that is not a list is the list's own error.
  const single = manifests !== null && typeof manifests === 'object' && !isManifestList(manifests);
  return validateWithLaw(single ? [manifests as ManifestInput] : (manifests as readonly ManifestInput[]), law);
}

/**
 * {@link validateManifest} with law already loaded (the service loads it with its policy).
 * @internal
 */
export function validateWithLaw(manifests: readonly ManifestInput[], law: Law): ManifestValidation {
  const result = validateManifests(manifests, law);
  const errors = sortDiagnostics(result.errors);
  const { model } = result;
  return {
    valid: errors.length === 0,
    inputs: result.inputs,
    counts: { parties: model.parties.length, datasets: model.datasets.length, flows: model.flows.length },
    errors,
  };
}

function lawFor(rulesDir: string): Law {
  let law = laws.get(rulesDir);
  if (!law) {
    const loaded = loadLaw(rulesDir);
    if (!loaded.ok) throw new DiagnosticError(loaded.diagnostics);
    law = loaded.value.law;
    laws.set(rulesDir, law);
  }
  return law;
}

function isManifestList(value: ManifestInput | readonly ManifestInput[]): value is readonly ManifestInput[] {
  return Array.isArray(value);
}

/** A policy as data (what {@link loadPolicy} returns and `GET /v1/rules` serves): schemas/api.schema.json. */
export type { PackDescription, PolicyDescription, RuleDescription };

/**
 * Loads, validates and compiles a policy (an organisation policy file and the built-in packs it
 * extends, or the packs named) and describes it: every pack and rule with its conditions,
 * citation and source. Throws DiagnosticError with every located policy error, as `createChecker`
 * does; use it to vet a policy file before deploying it, or to list what a policy checks.
 */
export async function loadPolicy(selection: PolicySelection = {}): Promise<PolicyDescription> {
  // The date does not change what a policy contains; it only has to be a valid one.
  const checker = await createChecker({ ...selection, asOf: '2000-01-01' });
  return describePolicy(checker.policy);
}

/** Describes a compiled policy (for example `checker.policy`) as plain data. */
export function describePolicy(policy: CompiledPolicy): PolicyDescription {
  return {
    packs: policy.packs.map((p) => ({
      id: p.id,
      kind: p.kind,
      title: p.title,
      version: p.version,
      effective: p.effective,
      ...(p.url ? { url: p.url } : {}),
      rules: p.rules.map((r) => describeRule(p, r)),
    })),
    files: policy.files.map((f) => ({ file: f.file, sha256: f.sha256 })),
    overrides: policy.overrides.map((o) => ({
      rule: o.rule,
      ...(o.severity ? { severity: o.severity } : {}),
      ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
      reason: o.reason,
      builtin: o.builtin,
      ...(o.ruleSeverity ? { ruleSeverity: o.ruleSeverity } : {}),
    })),
  };
}

/** One compiled rule as data, as `dfft rules <id> --format json` prints it. */
export function describeRule(pack: CompiledPack, r: CompiledRule): RuleDescription {
  return {
    id: r.id,
    pack: pack.id,
    title: r.title,
    severity: r.severity,
    citation: r.citation,
    ...(r.description ? { description: r.description } : {}),
    ...(r.notes ? { notes: r.notes } : {}),
    ...(r.inForce ? { inForce: r.inForce } : {}),
    ...(r.when ? { when: r.when.source } : {}),
    ...(r.require
      ? { require: r.require.source }
      : r.alternatives
        ? { require: r.alternatives.map((a) => ({ if: a.condition.source, basis: a.basis.en.source })) }
        : {}),
    message: r.message.en.source,
    remediation: r.remediation.en.source,
    ...(r.chainFrom ? { chainFrom: r.chainFrom } : {}),
    source: `${r.file}#${r.pointer}`,
    ...(r.override ? { override: r.override } : {}),
  };
}

/**
 * Loads the policy and explains one flow in one call: every rule considered, whether it applied,
 * why it passed or failed, the values its conditions read, and the origin of each dataset. To
 * explain several flows, create a checker once and call `checker.explain`. Throws DiagnosticError
 * for a bad policy, for manifests that cannot be read, or when the flow is not in them.
 */
export async function explain(manifests: readonly ManifestInput[], flowId: string, options: CheckerOptions = {}): Promise<Explanation> {
  return (await createChecker(options)).explain(manifests, flowId);
}
