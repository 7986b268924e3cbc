import type { Lang } from '../i18n/lang';

type Names = Record<string, string | string[]>;

/** Country names per language, from i18n-iso-countries' tables (each loaded on first use). */
const tables: Partial<Record<Lang, Names>> = {};

// Only the tables dfft writes in are loaded: the library's entry point loads every locale.
const LOADERS: Record<Lang, () => Names> = {
  en: () => (require('i18n-iso-countries/langs/en.json') as { countries: Names }).countries, // eslint-disable-line @typescript-eslint/no-require-imports
  ja: () => (require('i18n-iso-countries/langs/ja.json') as { countries: Names }).countries, // eslint-disable-line @typescript-eslint/no-require-imports
};

/**
 * The short name of a country code in a language, as i18n-iso-countries gives it (maintained with
 * ISO 3166 upstream; its Japanese names are those in common use, e.g. イギリス, アメリカ合衆国).
 * An unknown code is returned as it is.
 */
export function countryName(code: string, lang: Lang = 'en'): string {
  const names = (tables[lang] ??= LOADERS[lang]());
  const name = names[code];
  return (Array.isArray(name) ? name[0] : name) ?? code;
}
