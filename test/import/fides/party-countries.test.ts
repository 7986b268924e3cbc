import { readPartyCountries } from '../../../src/import/fides/party-countries';
import { loadSchema } from '../../../src/source/schemas';
import { formatDiagnostic } from '../../../src/source/diagnostic';

function read(text: string): string[] | Record<string, unknown> {
  const result = readPartyCountries({ file: 'map.yaml', text });
  if (!result.ok) return result.diagnostics.map((e) => `${formatDiagnostic(e)}  [${e.code}]`);
  return Object.fromEntries([...result.value.systems].map(([k, v]) => [k, v.party]));
}

describe('--party-countries file', () => {
  it('takes a country alone, or the fields of a manifest party', () => {
    expect(read('partyCountriesVersion: 1\nsystems:\n  crm: DE\n  analytics: { country: US, role: processor, certifications: [eu-us-dpf], region: US-CA }\n')).toEqual({
      crm: { country: 'DE' },
      analytics: { country: 'US', role: 'processor', certifications: ['eu-us-dpf'], region: 'US-CA' },
    });
  });

  it('checks a country with the manifest\'s codes and hints, in both forms', () => {
    expect(read('partyCountriesVersion: 1\nsystems:\n  crm: UK\n  hr: { country: jp }\n')).toEqual([
      'map.yaml:3:8 systems.crm: "UK" is not a known value (did you mean "GB"?)  [data/schema]',
      'map.yaml:4:18 systems.hr.country: "jp" is not a known value (did you mean "JP"?)  [data/schema]',
    ]);
  });

  it('suggests the field meant by a typo, and refuses an id (the fides_key is the id)', () => {
    expect(read('partyCountriesVersion: 1\nsystems:\n  crm: { country: DE, rol: processor, id: crm2 }\n')).toEqual([
      'map.yaml:3:23 systems.crm: unknown field "rol" (did you mean "role"?)  [data/schema]',
      'map.yaml:3:39 systems["crm"]: unknown field "id" (the party id is the system\'s fides_key)  [data/schema]',
    ]);
  });

  it('requires the version and a country', () => {
    expect(read('systems:\n  crm: { role: processor }\n')).toEqual([
      'map.yaml:1:1 (root): missing required field "partyCountriesVersion"  [data/schema]',
      'map.yaml:2:8 systems.crm: missing required field "country"  [data/schema]',
    ]);
  });

  it('reports a syntax error with its place', () => {
    expect(read('partyCountriesVersion: 1\nsystems:\n  crm: DE\n  crm: FR\n')).toEqual([expect.stringMatching(/^map\.yaml:4:3 invalid YAML: .*\[source\/syntax\]$/)]);
  });

  it('defers party fields to the manifest schema, so that the two cannot drift apart', () => {
    const own = loadSchema('party-countries') as { definitions: { Entry: { oneOf: Array<{ title: string; properties?: Record<string, unknown> }> } } };
    // Only `country` is named (it is required); every other field is the manifest Party's.
    expect(own.definitions.Entry.oneOf.map((b) => [b.title, Object.keys(b.properties ?? {})])).toEqual([['Country', []], ['PartyFields', ['country']]]);
    const party = (loadSchema('manifest') as { definitions: { Party: { properties: Record<string, unknown> } } }).definitions.Party;
    for (const field of Object.keys(party.properties).filter((f) => f !== 'id' && f !== 'country')) {
      expect([field, read(`partyCountriesVersion: 1\nsystems:\n  crm: { country: DE, ${field}: 42 }\n`)]).not.toEqual([field, expect.arrayContaining([expect.stringContaining('unknown field')])]);
    }
  });
});
