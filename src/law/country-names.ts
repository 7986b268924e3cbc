/** English country names, from i18n-iso-countries' English data (loaded on first use). */
let names: Record<string, string | string[]> | undefined;

/**
 * The English short name of a country code, as i18n-iso-countries gives it (maintained with ISO
 * 3166 upstream). Only its English table is loaded: the library's entry point loads every locale.
 */
export function countryName(code: string): string {
  names ??= (require('i18n-iso-countries/langs/en.json') as { countries: Record<string, string | string[]> }).countries; // eslint-disable-line @typescript-eslint/no-require-imports
  const name = names[code];
  return (Array.isArray(name) ? name[0] : name) ?? code;
}
