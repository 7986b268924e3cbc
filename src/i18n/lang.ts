/**
 * The languages dfft writes reports in. English is the language of the law's data as written
 * first; every other language falls back to it where a text was given in one language only.
 */
export const LANGS = ['en', 'ja'] as const;

export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'en';

/** A text in one language for every reader, or one per language (English required). */
export type Localized<T = string> = T | ({ en: T } & Partial<Record<Exclude<Lang, 'en'>, T>>);

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The text of a localized value in a language, falling back to English. */
export function localize<T>(value: Localized<T>, lang: Lang): T {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'en')) {
    const byLang = value as { en: T } & Partial<Record<Lang, T>>;
    return byLang[lang] ?? byLang.en;
  }
  return value as T;
}
