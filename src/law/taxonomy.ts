import { LANGS, localize, type Lang, type Localized } from '../i18n/lang';

/** The data-category taxonomy of rules/data/taxonomy.yaml, with inherited flags resolved. */

export interface CategoryData {
  id: string;
  /** One title, or one per language (English required). */
  title: Localized;
  notes?: string;
  gdpr?: 'art9' | 'art10';
  appiSpecialCare?: boolean;
  euOriginSpecialCare?: boolean;
  piplSensitive?: boolean;
  directIdentifier?: boolean;
  children?: CategoryData[];
}

export interface TaxonomyData {
  taxonomyVersion: 1;
  categories: CategoryData[];
}

/** A category with the flags it has, its own or inherited. */
export interface Category {
  id: string;
  /** The English title; `titles` per language. */
  title: string;
  titles: Readonly<Record<Lang, string>>;
  parent?: string;
  /** This id and its ancestors, nearest first. */
  lineage: string[];
  gdpr?: 'art9' | 'art10';
  appiSpecialCare: boolean;
  euOriginSpecialCare: boolean;
  piplSensitive: boolean;
  /** Identifies a person directly (a name, contact details, an identifying number): never in anonymised data. */
  directIdentifier: boolean;
}

/** Special-category schemes a rule can ask about. */
export type SpecialScheme = 'gdpr' | 'gdpr-art9' | 'gdpr-art10' | 'appi' | 'appi-eu-origin' | 'pipl';
export const SPECIAL_SCHEMES: readonly SpecialScheme[] = ['gdpr', 'gdpr-art9', 'gdpr-art10', 'appi', 'appi-eu-origin', 'pipl'];

export class Taxonomy {
  private readonly byId = new Map<string, Category>();

  constructor(data: TaxonomyData) {
    const visit = (node: CategoryData, parent: Category | undefined): void => {
      const category: Category = {
        id: node.id,
        title: localize(node.title, 'en'),
        titles: Object.fromEntries(LANGS.map((lang) => [lang, localize(node.title, lang)])) as Record<Lang, string>,
        parent: parent?.id,
        lineage: [node.id, ...(parent?.lineage ?? [])],
        gdpr: node.gdpr ?? parent?.gdpr,
        appiSpecialCare: node.appiSpecialCare ?? parent?.appiSpecialCare ?? false,
        euOriginSpecialCare: node.euOriginSpecialCare ?? parent?.euOriginSpecialCare ?? false,
        piplSensitive: node.piplSensitive ?? parent?.piplSensitive ?? false,
        directIdentifier: node.directIdentifier ?? parent?.directIdentifier ?? false,
      };
      this.byId.set(node.id, category);
      for (const child of node.children ?? []) visit(child, category);
    };
    for (const root of data.categories) visit(root, undefined);
  }

  /** Problems with the data itself: a child id that does not extend its parent's, a duplicate. */
  static check(data: TaxonomyData): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    const visit = (node: CategoryData, parent?: string): void => {
      if (seen.has(node.id)) problems.push(`category "${node.id}" is defined twice`);
      seen.add(node.id);
      if (parent !== undefined && !node.id.startsWith(`${parent}.`)) problems.push(`category "${node.id}" must start with "${parent}."`);
      if (parent === undefined && node.id.includes('.')) problems.push(`top-level category "${node.id}" must not contain a dot`);
      for (const child of node.children ?? []) visit(child, node.id);
    };
    for (const root of data.categories) visit(root);
    return problems;
  }

  get(id: string): Category | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** Whether `id` is `ancestor` or one of its descendants (health.diagnosis is a kind of health). */
  isA(id: string, ancestor: string): boolean {
    if (!this.byId.has(ancestor)) throw new Error(`unknown category "${ancestor}"`);
    return id === ancestor || id.startsWith(`${ancestor}.`);
  }

  /** Whether a category identifies a person directly (flag directIdentifier, own or inherited). */
  isDirectIdentifier(id: string): boolean {
    return this.byId.get(id)?.directIdentifier ?? false;
  }

  /** Whether a category is special under a scheme. */
  isSpecial(id: string, scheme: SpecialScheme): boolean {
    if (!SPECIAL_SCHEMES.includes(scheme)) throw new Error(`unknown special-category scheme "${scheme}"`);
    const c = this.byId.get(id);
    if (!c) return false;
    switch (scheme) {
      case 'gdpr':
        return c.gdpr !== undefined;
      case 'gdpr-art9':
        return c.gdpr === 'art9';
      case 'gdpr-art10':
        return c.gdpr === 'art10';
      case 'appi':
        return c.appiSpecialCare;
      case 'appi-eu-origin':
        return c.appiSpecialCare || c.euOriginSpecialCare;
      case 'pipl':
        return c.piplSensitive;
    }
  }
}
