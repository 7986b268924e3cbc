import type * as Countries from 'i18n-iso-countries';
import { loadSchema } from '../../source/schemas';

let manifestCountries: Set<string> | undefined;
let iso: typeof Countries | undefined;

/** i18n-iso-countries loads every locale: only an import that meets an alpha-3 code pays for it. */
function isoCodes(): typeof Countries {
  iso ??= require('i18n-iso-countries') as typeof Countries; // eslint-disable-line @typescript-eslint/no-require-imports
  return iso;
}

/** The country codes a manifest accepts (schemas/manifest.schema.json#/definitions/CountryCode). */
export function manifestCountryCodes(): Set<string> {
  if (!manifestCountries) {
    const definitions = loadSchema('manifest').definitions as Record<string, { enum: string[] }>;
    manifestCountries = new Set(definitions.CountryCode.enum);
  }
  return manifestCountries;
}

/**
 * The ISO 3166-1 alpha-2 code of an alpha-3 code, as fideslang 1.x `third_country_transfers`
 * holds them. Upper case only, as fideslang required; an alpha-2 code given instead is refused
 * with a hint (it was invalid Fides input), not taken as a guess.
 */
export function alpha3ToCountry(code: string): { country: string } | { error: string; hint?: string } {
  const { alpha2ToAlpha3, alpha3ToAlpha2 } = isoCodes();
  if (/^[A-Z]{3}$/.test(code)) {
    const alpha2 = alpha3ToAlpha2(code);
    if (alpha2 && manifestCountryCodes().has(alpha2)) return { country: alpha2 };
    return { error: `"${code}" is not an ISO 3166-1 alpha-3 country code` };
  }
  if (/^[A-Za-z]{3}$/.test(code) && alpha3ToAlpha2(code.toUpperCase())) {
    return { error: `"${code}" is not an ISO 3166-1 alpha-3 country code`, hint: `did you mean "${code.toUpperCase()}"?` };
  }
  if (/^[A-Za-z]{2}$/.test(code) && alpha2ToAlpha3(code.toUpperCase())) {
    return { error: `"${code}" is an alpha-2 code; third_country_transfers holds ISO 3166-1 alpha-3 codes`, hint: `did you mean "${alpha2ToAlpha3(code.toUpperCase())}"?` };
  }
  return { error: `"${code}" is not an ISO 3166-1 alpha-3 country code` };
}
