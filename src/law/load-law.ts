import * as path from 'node:path';
import { diagnostic, fail, ok, type Diagnostic, type Result } from '../source/diagnostic';
import { Jurisdictions, type JurisdictionsData } from './jurisdictions';
import { Taxonomy, type TaxonomyData } from './taxonomy';
import { Purposes, type PurposesData } from './purposes';
import { Dpv, type DpvData } from './dpv';
import { ENGINE_RULES, EngineRules, type EngineRulesData } from '../law/engine-rules';
import type { Law } from './law';
import { validateAgainst } from '../source/validate-schema';
import { builtinDisplayName, RULES_DIR } from '../source/builtin-files';
import { parseSource } from '../source/parse-source';
import { readBuiltinFile } from '../source/read-file';
import { cachedData } from '../source/builtin-cache';

/** The law data files and their hashes (so that a report names the data it applied). */
export interface LoadedLaw {
  law: Law;
  files: Array<{ file: string; sha256: string }>;
  /** The data as read, by display name (the build caches it). */
  data: Record<string, unknown>;
}

/**
 * Reads rules/data/jurisdictions.yaml, taxonomy.yaml, purposes.yaml and dpv.yaml, and the dfft pack (rules/dfft.yaml), validates them against
 * their schemas and checks their consistency (each purpose a decision carves out is in the
 * vocabulary). A data file that cannot be loaded is an error:
 * a check never runs on partial law.
 */
export function loadLaw(rulesDir = RULES_DIR): Result<LoadedLaw> {
  const errors: Diagnostic[] = [];
  const files: Array<{ file: string; sha256: string }> = [];
  const raw: Record<string, unknown> = {};
  const read = <T>(name: 'jurisdictions' | 'taxonomy' | 'purposes' | 'dpv' | 'engine-rules', check: (data: T) => string[], relative = path.join('data', `${name}.yaml`)): T | undefined => {
    const file = path.join(rulesDir, relative);
    const display = builtinDisplayName(file, rulesDir);
    const text = readBuiltinFile(file, 'source/unreadable');
    if (!text.ok) {
      errors.push(...text.diagnostics);
      return undefined;
    }
    const cached = cachedData(display, text.value.sha256) as T | undefined;
    if (cached) {
      files.push({ file: display, sha256: text.value.sha256 });
      raw[display] = cached;
      return cached;
    }
    const parsed = parseSource(display, text.value.text, text.value.sha256);
    if (!parsed.ok) {
      errors.push(...parsed.diagnostics);
      return undefined;
    }
    const schemaErrors = validateAgainst(name, parsed.value);
    if (schemaErrors.length > 0) {
      errors.push(...schemaErrors);
      return undefined;
    }
    const data = parsed.value.data as T;
    const problems = check(data);
    for (const p of problems) errors.push(diagnostic('data/schema', p, parsed.value.source.locate('')));
    files.push({ file: display, sha256: text.value.sha256 });
    raw[display] = data;
    return problems.length === 0 ? data : undefined;
  };
  const jurisdictions = read<JurisdictionsData>('jurisdictions', Jurisdictions.check);
  const taxonomy = read<TaxonomyData>('taxonomy', Taxonomy.check);
  const purposes = read<PurposesData>('purposes', Purposes.check);
  // The schema requires a code for every derogation ground: nothing more to check.
  const dpv = read<DpvData>('dpv', () => []);
  const engineRules = read<EngineRulesData>('engine-rules', (data) => EngineRules.check(data, Object.values(ENGINE_RULES)), 'dfft.yaml');
  if (!jurisdictions || !taxonomy || !purposes || !dpv || !engineRules) return fail(errors);
  const vocabulary = new Purposes(purposes);
  const unknown = [...new Set(jurisdictions.adequacy.flatMap((d) => d.scope?.excludedPurposes ?? []))].filter((id) => !vocabulary.has(id));
  if (unknown.length > 0) {
    return fail([diagnostic('data/schema', `rules/data/jurisdictions.yaml: purposes ${unknown.join(', ')} are excluded by adequacy decisions but not in rules/data/purposes.yaml`)]);
  }
  return ok({ law: { jurisdictions: new Jurisdictions(jurisdictions, vocabulary), taxonomy: new Taxonomy(taxonomy), dpv: new Dpv(dpv), engineRules: new EngineRules(engineRules) }, files, data: raw });
}
