// What a person reads in place of ids: party names with their countries, dataset names, and the
// taxonomy's titles of categories, from the tables the report carries (no I/O, so every format
// that shows them shows the same words).
import type { FlowResult, Report } from '../../types';
import type { DatasetInfo } from '../../types/generated/report';
import { reportTables, type ReportTables } from './lean';
import { countryName } from '../../law/country-names';
import type { Lang } from '../../i18n/lang';
import { reportLang } from './i18n';
import { countryLabel } from './shared';

/** A party as a reader sees it: its name (its id when it has none) and country code. */
export interface PartyName {
  id: string;
  name: string;
  /** Whether the manifest gave a name (else `name` is the id). */
  named: boolean;
  country: string;
}

/** A dataset as a reader sees it: its name, its categories by title, its subjects. */
export interface DatasetName {
  id: string;
  name: string;
  named: boolean;
  categories: Array<{ id: string; title: string }>;
  subjects: string[];
}

/** Category id → the taxonomy's title, from the titles the report's datasets carry. */
export function categoryTitles(datasets: Iterable<DatasetInfo>): Map<string, string> {
  const titles = new Map<string, string>();
  for (const d of datasets) for (const [id, title] of Object.entries(d.categoryTitles ?? {})) if (typeof title === 'string') titles.set(id, title);
  return titles;
}

export class ReportNames {
  private readonly tables: ReportTables;
  private readonly titles: Map<string, string>;
  /** The report's language: countries are named in it (categories come titled in it). */
  readonly lang: Lang;

  constructor(report: Report) {
    this.tables = reportTables(report);
    this.titles = categoryTitles(this.tables.datasets);
    this.lang = reportLang(report);
  }

  /** A country's name in the report's language (its code when it has none). */
  country(code: string): string {
    return countryName(code, this.lang);
  }

  /** A country's name with its code, "Japan (JP)", in the report's language. */
  countryLabel(code: string): string {
    return countryLabel(code, this.lang);
  }

  /** A party by id; a flow gives its country when the table lacks the party. */
  party(id: string, country = '??'): PartyName {
    const p = this.tables.party.get(id);
    return p?.name !== undefined && p.name.trim() !== '' ? { id, name: p.name, named: true, country: p.country } : { id, name: id, named: false, country: p?.country ?? country };
  }

  exporter(flow: FlowResult): PartyName {
    return this.party(flow.from, flow.exporterCountry);
  }

  importer(flow: FlowResult): PartyName {
    return this.party(flow.to, flow.importerCountry);
  }

  /** The title of a category in the taxonomy, or its id when the report has no title for it. */
  category(id: string): string {
    return this.titles.get(id) ?? id;
  }

  dataset(id: string): DatasetName {
    const d: DatasetInfo | undefined = this.tables.dataset.get(id);
    const named = d?.name !== undefined && d.name.trim() !== '';
    return {
      id,
      name: named ? d!.name! : id,
      named,
      categories: (d?.categories ?? []).map((c) => ({ id: c, title: this.category(c) })),
      subjects: d?.subjects ?? [],
    };
  }
}
