import type { ErrorObject, ValidateFunction } from 'ajv';
import { diagnostic, fail, ok, sortDiagnostics, type Diagnostic, type Result } from '../../source/diagnostic';
import { parseSource } from '../../source/parse-source';
import { escapeSegment } from '../../source/pointer';
import type { SourceDocument } from '../../source/source-document';
import type { Party, SourceText } from '../../types';
import { createAjv } from '../../source/ajv';
import { toDiagnostics } from '../../source/schema-errors';
import { loadSchema } from '../../source/schemas';
import { validateAgainst } from '../../source/validate-schema';

/** The party facts given for one Fides system. */
export interface PartyCountry {
  /** Every Party field but id (checked against the manifest's Party definition). */
  party: PartyFields;
  /** Where the entry is, for diagnostics. */
  pointer: string;
}

/** The fields of a manifest Party other than id. */
export type PartyFields = Pick<Party, 'country'> & Partial<Pick<Party, 'name' | 'role'>> & Record<string, unknown>;

/** A validated --party-countries file. */
export interface PartyCountries {
  source: SourceDocument;
  systems: Map<string, PartyCountry>;
}

interface PartyCountriesData {
  partyCountriesVersion: 1;
  systems: Record<string, string | Record<string, unknown>>;
}

let partyValidator: { validate: ValidateFunction; schema: Record<string, unknown> } | undefined;

/**
 * The manifest schema's Party definition, compiled on its own: entries of the map are checked
 * against it field by field, so that the map accepts exactly what a manifest party accepts.
 */
function getPartyValidator(): { validate: ValidateFunction; schema: Record<string, unknown> } {
  if (!partyValidator) {
    const manifest = loadSchema('manifest');
    const schema: Record<string, unknown> = { $schema: manifest.$schema, definitions: manifest.definitions, $ref: '#/definitions/Party' };
    partyValidator = { validate: createAjv().compile(schema), schema };
  }
  return partyValidator;
}

/**
 * Parses and validates a --party-countries file: its own schema (schemas/party-countries.schema.json),
 * then each entry against the manifest's Party definition. Every error is located in the file.
 */
export function readPartyCountries(input: SourceText): Result<PartyCountries> {
  const parsed = parseSource(input.file, input.text, input.sha256);
  if (!parsed.ok) return fail(parsed.diagnostics);
  const schemaErrors = validateAgainst('party-countries', parsed.value);
  if (schemaErrors.length > 0) return fail(schemaErrors);
  const { source } = parsed.value;
  const data = parsed.value.data as PartyCountriesData;
  const errors: Diagnostic[] = [];
  const systems = new Map<string, PartyCountry>();
  const { validate, schema } = getPartyValidator();
  for (const [key, entry] of Object.entries(data.systems)) {
    const pointer = `/systems/${escapeSegment(key)}`;
    const shorthand = typeof entry === 'string';
    const fields: Record<string, unknown> = shorthand ? { country: entry } : { ...entry };
    if (!shorthand && 'id' in fields) {
      errors.push(diagnostic('data/schema', `systems["${key}"]: unknown field "id"`, source.locate(`${pointer}/id`, { key: true }), 'the party id is the system\'s fides_key'));
      delete fields.id;
    }
    // A placeholder id: the system's key is checked as an id where the system is read.
    if (!validate({ id: 'x', ...fields })) {
      const located = (validate.errors ?? []).map((e): ErrorObject => ({
        ...e,
        // In the short form the country is the entry itself.
        instancePath: shorthand && e.instancePath === '/country' ? pointer : `${pointer}${e.instancePath}`,
      }));
      errors.push(...toDiagnostics(located, source, data, schema, 'data/schema'));
      continue;
    }
    systems.set(key, { party: fields as PartyFields, pointer });
  }
  return errors.length > 0 ? fail(sortDiagnostics(errors)) : ok({ source, systems });
}
