import type * as Countries from 'i18n-iso-countries';

let countries: typeof Countries | undefined;

/**
 * English short name of a country code, from i18n-iso-countries (kept up to date with ISO
 * 3166 by its maintainers). Loaded on first use: most runs format a few messages at most.
 */
export function countryName(code: string): string {
  countries ??= require('i18n-iso-countries') as typeof Countries; // eslint-disable-line @typescript-eslint/no-require-imports
  return countries.getName(code, 'en') ?? code;
}
