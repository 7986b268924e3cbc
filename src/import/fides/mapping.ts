import * as path from 'node:path';
import { diagnostic, fail, ok, type Diagnostic, type Result } from '../../source/diagnostic';
import { didYouMean } from '../../source/did-you-mean';
import type { Taxonomy } from '../../law/taxonomy';
import { builtinDisplayName, RULES_DIR } from '../../source/builtin-files';
import { parseSource } from '../../source/parse-source';
import { escapeSegment } from '../../source/pointer';
import { readTextFile } from '../../source/read-file';
import type { SourceDocument } from '../../source/source-document';
import type { Dataset, Party } from '../../types';
import { validateAgainst } from '../../source/validate-schema';

/** One entry of rules/data/fides-categories.yaml `categories` (schemas/fides-categories.schema.json; the kinds are checked on load). */
export type CategoryEntry =
  | { dfft: string[]; subjects?: string[]; inherit?: boolean; note?: string }
  | { subjects: string[]; dfft?: undefined; inherit?: boolean; note?: string }
  | { gap: string }
  | { notPersonal: string; inherit?: boolean };

/** The mapping file as data. */
export interface FidesMappingData {
  fidesCategoriesVersion: 1;
  categories: Record<string, CategoryEntry>;
  subjects: Record<string, string>;
  roles: Record<string, NonNullable<Party['role']>>;
  qualifiers: Record<string, NonNullable<Dataset['identifiability']>>;
}

/** What a fideslang data category turned into. */
export type CategoryResolution =
  | { kind: 'mapped'; categories: string[]; subjects: string[]; via: string }
  | { kind: 'not-personal'; reason: string; via: string }
  | { kind: 'gap'; reason: string; via?: string }
  | { kind: 'unknown'; suggestion?: string };

/**
 * The fideslang → dfft mapping of rules/data/fides-categories.yaml, validated against its schema
 * and against the taxonomy (every dfft category it names exists).
 */
export class FidesMapping {
  constructor(
    readonly data: FidesMappingData,
    /** Display name and hash of the mapping file, for the manifest's provenance. */
    readonly file: { file: string; sha256: string },
  ) {}

  /**
   * Resolves a data category. A key of the mapping resolves to its entry. A custom key (one that
   * a `data_category` resource of the input defines; `parents` gives its parent) takes the entry
   * of its nearest ancestor in the mapping when that entry has `inherit: true`, and is a gap
   * otherwise. Any other key is unknown: Fides itself would reject it.
   */
  resolveCategory(key: string, parents: ReadonlyMap<string, string | undefined>): CategoryResolution {
    const own = this.data.categories[key];
    if (own) return this.fromEntry(own, key);
    if (!parents.has(key)) return { kind: 'unknown', suggestion: didYouMean(key, [...Object.keys(this.data.categories), ...parents.keys()]) };
    const seen = new Set<string>([key]);
    let current = parentOf(key, parents);
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      const entry = this.data.categories[current];
      if (entry) {
        if ('gap' in entry) return { kind: 'gap', reason: `a sub-category of "${current}": ${entry.gap}`, via: current };
        if (entry.inherit) return this.fromEntry(entry, current);
        return { kind: 'gap', reason: `a custom sub-category of "${current}", whose mapping does not extend to sub-categories`, via: current };
      }
      current = parentOf(current, parents);
    }
    return { kind: 'gap', reason: 'a custom category with no mapped ancestor' };
  }

  /** The dfft subject for a fideslang data subject, or undefined when it has none. */
  subject(key: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.data.subjects, key) ? this.data.subjects[key] : undefined;
  }

  /** The manifest role for a fideslang responsibility title. */
  role(title: string): NonNullable<Party['role']> | undefined {
    return Object.prototype.hasOwnProperty.call(this.data.roles, title) ? this.data.roles[title] : undefined;
  }

  /** The dataset identifiability for a fideslang 1.x data qualifier. */
  qualifier(key: string): NonNullable<Dataset['identifiability']> | undefined {
    return Object.prototype.hasOwnProperty.call(this.data.qualifiers, key) ? this.data.qualifiers[key] : undefined;
  }

  private fromEntry(entry: CategoryEntry, via: string): CategoryResolution {
    if ('gap' in entry) return { kind: 'gap', reason: entry.gap, via };
    if ('notPersonal' in entry) return { kind: 'not-personal', reason: entry.notPersonal, via };
    return { kind: 'mapped', categories: entry.dfft ?? [], subjects: entry.subjects ?? [], via };
  }
}

/** A key's parent: the `parent_key` the input declares for it, else its dotted prefix. */
function parentOf(key: string, parents: ReadonlyMap<string, string | undefined>): string | undefined {
  const declared = parents.get(key);
  if (declared) return declared;
  const dot = key.lastIndexOf('.');
  return dot > 0 ? key.slice(0, dot) : undefined;
}

/**
 * Reads and validates a mapping file (by default rules/data/fides-categories.yaml). Returns the
 * mapping, or every problem located: a schema violation, or a dfft category that the taxonomy
 * does not have.
 */
export function loadFidesMapping(taxonomy: Taxonomy, options: { file?: string; rulesDir?: string } = {}): Result<FidesMapping> {
  const rulesDir = options.rulesDir ?? RULES_DIR;
  const file = options.file ?? path.join(rulesDir, 'data', 'fides-categories.yaml');
  const display = options.file ? file : builtinDisplayName(file, rulesDir);
  const read = readTextFile(file, 'source/unreadable');
  if (!read.ok) return fail(read.diagnostics);
  const parsed = parseSource(display, read.value.text, read.value.sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const schemaErrors = validateAgainst('fides-categories', parsed.value);
  if (schemaErrors.length > 0) return fail(schemaErrors);
  const data = parsed.value.data as FidesMappingData;
  const errors = checkCategories(data, taxonomy, parsed.value.source);
  if (errors.length > 0) return fail(errors);
  return ok(new FidesMapping(data, { file: display, sha256: parsed.value.source.sha256 }));
}

/** Which fields may go together in an entry: a kind's own field and its companions. */
const KINDS: Array<{ field: 'dfft' | 'subjects' | 'gap' | 'notPersonal'; allowed: string[] }> = [
  { field: 'dfft', allowed: ['dfft', 'subjects', 'inherit', 'note'] },
  { field: 'gap', allowed: ['gap', 'note'] },
  { field: 'notPersonal', allowed: ['notPersonal', 'inherit', 'note'] },
  { field: 'subjects', allowed: ['subjects', 'inherit', 'note'] },
];

function checkCategories(data: FidesMappingData, taxonomy: Taxonomy, source: SourceDocument): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const [key, entry] of Object.entries(data.categories)) {
    const pointer = `/categories/${escapeSegment(key)}`;
    const kind = KINDS.find((k) => k.field in entry);
    const extra = kind ? Object.keys(entry).filter((f) => !kind.allowed.includes(f)) : [];
    if (!kind || extra.length > 0) {
      errors.push(diagnostic(
        'data/schema',
        kind ? `categories["${key}"]: "${extra[0]}" does not go with "${kind.field}"` : `categories["${key}"]: needs one of dfft, subjects, gap or notPersonal`,
        source.locate(kind ? `${pointer}/${escapeSegment(extra[0])}` : pointer, { key: Boolean(kind) }),
        'an entry is { dfft: [...], subjects?, inherit? }, { subjects: [...], inherit? }, { gap: reason } or { notPersonal: reason, inherit? }',
      ));
      continue;
    }
    if (!('dfft' in entry) || !entry.dfft) continue;
    entry.dfft.forEach((id, i) => {
      if (taxonomy.has(id)) return;
      const guess = didYouMean(id, taxonomy.ids());
      errors.push(diagnostic(
        'data/schema',
        `categories["${key}"].dfft[${i}]: unknown dfft category "${id}"`,
        source.locate(`${pointer}/dfft/${i}`),
        guess ? `did you mean "${guess}"?` : 'see rules/data/taxonomy.yaml for the categories',
      ));
    });
  }
  return errors;
}
