import { fidesImporter, importYaml, listed, map } from './helpers';
import { formatDiagnostic } from '../../../src/source/diagnostic';

/** A system with one declaration; `extra` is appended (indented) to the system. */
const system = (key: string, categories: string[], extra = '') =>
  `  - fides_key: ${key}\n    name: ${key}\n    system_type: Service\n    privacy_declarations:\n      - data_categories: [${categories.join(', ')}]\n        data_use: essential.service\n        data_subjects: [customer]\n${extra}`;

describe('dfft import fides: systems and countries', () => {
  it('given no --party-countries, reports every system as missing a country and writes an empty but valid manifest', () => {
    const r = importYaml({ 's.yml': `system:\n${system('a', ['user.contact'], '    egress:\n      - { fides_key: b, type: system }\n')}${system('b', ['user.name'])}` });
    expect(r.errors).toEqual([]);
    expect(listed(r, 'warning')).toEqual(['s.yml:2:16 fides/missing-country', 's.yml:11:16 fides/missing-country']);
    expect(r.diagnostics[0]).toMatchObject({
      message: 'system "a" has no country: the system and its 1 flow (a:to:b) are not imported',
      hint: 'pass --party-countries with "a: <ISO 3166-1 alpha-2 code>" under systems:',
    });
    expect(r.manifest).toMatchObject({ parties: [], flows: [] });
  });

  it('names the Fides legal_address in the hint for a system without a country', () => {
    const r = importYaml({ 's.yml': `system:\n${system('a', ['user.contact'], '    legal_address: 1 Rue de Rivoli, Paris\n')}` }, map({}).replace('systems:\n', 'systems: {}\n'));
    expect(r.diagnostics.find((d) => d.code === 'fides/missing-country')!.hint).toBe('add "a: <ISO 3166-1 alpha-2 code>" under systems: (Fides legal_address: "1 Rue de Rivoli, Paris")');
  });

  it('takes the role from --party-countries over Fides responsibility, and reports several responsibilities as ambiguous', () => {
    const r = importYaml(
      { 's.yml': `system:\n${system('a', ['user.contact'], '    responsibility: [Controller]\n')}${system('b', ['user.contact'], '    responsibility: [Controller, Processor]\n')}${system('c', ['user.contact'], '    responsibility: [Controler]\n')}` },
      map({ a: { country: 'DE', role: 'joint-controller' }, b: 'DE', c: 'DE' }),
    );
    expect(r.manifest!.parties!.map((p) => [p.id, p.role])).toEqual([['a', 'joint-controller'], ['b', undefined], ['c', undefined]]);
    // b's two roles are reported at the system, c's unknown title where it is written
    expect(listed(r)).toEqual(['s.yml:10:5 fides/ambiguous-role', 's.yml:25:22 fides/unknown-role']);
    expect(r.diagnostics.find((d) => d.code === 'fides/unknown-role')!.hint).toBe('did you mean "Controller"?');
  });

  it('reports a --party-countries entry that names no system, with a suggestion', () => {
    const r = importYaml({ 's.yml': `system:\n${system('cookie_house', ['user.contact'])}` }, map({ cookie_house: 'JP', cookie_hose: 'JP' }));
    expect(listed(r, 'warning')).toEqual(['map.yaml:4:3 fides/unused-party-country']);
    expect(r.diagnostics.find((d) => d.code === 'fides/unused-party-country')).toMatchObject({ message: 'no Fides system "cookie_hose" in the inputs: this entry is not used', hint: 'did you mean "cookie_house"?' });
  });

  it('skips a system whose fides_key cannot be a manifest id, as a gap', () => {
    const r = importYaml({ 's.yml': `system:\n${system('_private', ['user.contact'])}` }, map({ _private: 'DE' }));
    expect(listed(r, 'warning')).toEqual(['s.yml:2:16 fides/invalid-key']);
    expect(r.manifest!.parties).toEqual([]);
  });
});

describe('dfft import fides: categories', () => {
  const one = (categories: string[], taxonomy = '') => importYaml({ 's.yml': `${taxonomy}system:\n${system('a', categories)}` }, map({ a: { country: 'DE', role: 'controller' } }));

  it('reports an unknown category with the nearest known key, and keeps the mapped ones', () => {
    const r = one(['user.contact.email', 'user.contact.emial']);
    expect(r.manifest!.datasets![0].categories).toEqual(['contact.email']);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'fides/unknown-category', severity: 'warning', hint: 'did you mean "user.contact.email"?', location: expect.objectContaining({ line: 6, column: 47, pointer: '/system/0/privacy_declarations/0/data_categories/1' }) }),
    ]);
  });

  it('maps a custom data_category through an ancestor whose entry is inherited', () => {
    const taxonomy = 'data_category:\n  - fides_key: user.contact.loyalty_card\n    parent_key: user.contact\n';
    const r = one(['user.contact.loyalty_card'], taxonomy);
    expect(r.diagnostics).toEqual([]);
    expect(r.manifest!.datasets![0].categories).toEqual(['contact']);
  });

  it('reports a custom data_category under an ancestor that does not extend to sub-categories', () => {
    const taxonomy = 'data_category:\n  - fides_key: user.demographic.caste\n    parent_key: user.demographic\n  - fides_key: user.content.voice_notes\n    parent_key: user.content\n';
    const r = one(['user.demographic.caste', 'user.content.voice_notes'], taxonomy);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'data category "user.demographic.caste" is not imported: a sub-category of "user.demographic": too broad: covers racial or ethnic origin, religion, political opinions and sexual orientation (GDPR Art. 9) as well as age or language; tag the specific sub-categories',
      'data category "user.content.voice_notes" is not imported: a custom sub-category of "user.content", whose mapping does not extend to sub-categories',
    ]);
    expect(r.manifest!.datasets).toEqual([]);
  });

  it('takes subjects from user.children and special categories as mapped', () => {
    const r = one(['user.children', 'user.health.medical_diagnosis', 'user.demographic.race_ethnicity']);
    expect(r.manifest!.datasets![0]).toMatchObject({ categories: ['health.diagnosis', 'racial-ethnic-origin'], subjects: ['customers', 'children'] });
  });

  it('keeps an unknown data subject as written, with a note', () => {
    const r = importYaml({ 's.yml': `system:\n${system('a', ['user.contact']).replace('[customer]', '[customer, potential_customer]')}` }, map({ a: 'DE' }));
    expect(r.manifest!.datasets![0].subjects).toEqual(['customers', 'potential_customer']);
    expect(listed(r)).toEqual(['s.yml:2:16 fides/default-role', 's.yml:8:35 fides/unmapped-subject']);
  });
});

describe('dfft import fides: egress and ingress', () => {
  it('reports an egress to a system that is not in the inputs, with a suggestion', () => {
    const r = importYaml({ 's.yml': `system:\n${system('a', ['user.contact'], '    egress:\n      - { fides_key: bb, type: system }\n')}${system('b', ['user.name'])}` }, map({ a: 'DE', b: 'US' }));
    expect(r.manifest!.flows).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'fides/unknown-system')).toMatchObject({
      message: 'egress to system "bb", which is not in the inputs: the flow is not imported',
      hint: 'did you mean "b"?',
      location: expect.objectContaining({ line: 10, column: 22, pointer: '/system/0/egress/0/fides_key' }),
    });
  });

  it('uses the DataFlow\'s own data_categories for what is in transit, rather than all the sender holds', () => {
    const r = importYaml(
      { 's.yml': `system:\n${system('a', ['user.contact', 'user.health'], '    egress:\n      - { fides_key: b, type: system, data_categories: [user.contact.email] }\n')}${system('b', ['user.name'])}` },
      map({ a: 'DE', b: 'US' }),
    );
    expect(r.manifest!.flows).toEqual([expect.objectContaining({ id: 'a:to:b', datasets: ['a:to:b:data'] })]);
    expect(r.manifest!.datasets!.find((d) => d.id === 'a:to:b:data')!.categories).toEqual(['contact.email']);
  });

  it('carries only the declarations that name the edge in their own egress', () => {
    const text = `system:
  - fides_key: a
    system_type: Service
    egress:
      - { fides_key: b, type: system }
    privacy_declarations:
      - { data_categories: [user.contact], data_use: marketing, egress: [b] }
      - { data_categories: [user.health], data_use: care }
  - fides_key: b
    system_type: Service
    privacy_declarations: []
`;
    const r = importYaml({ 's.yml': text }, map({ a: 'DE', b: 'US' }));
    expect(r.manifest!.flows).toEqual([expect.objectContaining({ id: 'a:to:b', datasets: ['a:marketing'], purposes: ['marketing'] })]);
  });

  it('notes dataset and user edges, which are not flows between parties', () => {
    const r = importYaml(
      { 's.yml': `system:\n${system('a', ['user.contact'], '    egress:\n      - { fides_key: warehouse, type: dataset }\n    ingress:\n      - { fides_key: user, type: user }\n')}` },
      map({ a: { country: 'DE', role: 'controller' } }),
    );
    expect(listed(r)).toEqual(['s.yml:10:9 fides/dataset-edge', 's.yml:12:9 fides/user-edge']);
    expect(r.diagnostics.every((d) => d.severity === 'info')).toBe(true);
  });

  it('notes a flow of system data only (not personal) and reports one whose data is all gaps', () => {
    const r = importYaml(
      {
        's.yml': `system:\n${system('a', ['system.operations'], '    egress:\n      - { fides_key: c, type: system }\n')}${system('b', ['user'], '    egress:\n      - { fides_key: c, type: system }\n')}${system('c', ['user.contact'])}`,
      },
      map({ a: { country: 'DE', role: 'controller' }, b: { country: 'DE', role: 'controller' }, c: { country: 'US', role: 'processor' } }),
    );
    expect(r.manifest!.flows).toEqual([]);
    expect(listed(r)).toEqual(['s.yml:10:9 fides/non-personal-flow', 's.yml:15:27 fides/unmapped-category', 's.yml:19:9 fides/flow-without-data']);
  });

  it('turns legal_basis_for_transfers into a note, not into mechanisms', () => {
    const r = importYaml({ 's.yml': `system:\n${system('a', ['user.contact'], '    does_international_transfers: true\n    legal_basis_for_transfers: [SCCs]\n')}` }, map({ a: { country: 'DE', role: 'controller' } }));
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'fides/transfer-basis-not-imported', severity: 'info', message: 'system "a" declares legal_basis_for_transfers (SCCs), which is not turned into mechanisms' }),
    ]);
  });
});

describe('dfft import fides: other resources and fields', () => {
  it('notes ignored resource types, reports unknown ones, and reads custom data subjects and uses silently', () => {
    const r = importYaml({ 's.yml': `organization:\n  - fides_key: acme\nregistry: []\nservice: []\ndata_use:\n  - fides_key: care\n    parent_key: essential\nsystem:\n${system('a', ['user.contact'])}` }, map({ a: { country: 'DE', role: 'controller' } }));
    expect(listed(r)).toEqual(['s.yml:1:1 fides/ignored-resource', 's.yml:4:1 fides/unknown-resource']);
  });

  it('reports an edge of unknown type', () => {
    const r = importYaml({ 's.yml': `system:\n${system('a', ['user.contact'], '    egress:\n      - { fides_key: b, type: sytem }\n')}` }, map({ a: { country: 'DE', role: 'controller' } }));
    expect(listed(r)).toEqual(['s.yml:10:31 fides/unknown-edge-type']);
  });

  it('gathers categories from nested fields, notes unlabelled leaves, and maps a dataset\'s data_qualifier', () => {
    const dataset = `dataset:
  - fides_key: warehouse
    data_qualifier: aggregated.anonymized
    collections:
      - name: visits
        data_categories: [user.device.ip_address]
        fields:
          - name: profile
            fields:
              - { name: age, data_categories: [user.demographic.age_range] }
              - { name: city, data_categories: [user.location.coarse] }
              - { name: note }
          - { name: id }
`;
    const r = importYaml({ 'd.yml': dataset });
    expect(r.manifest!.datasets).toEqual([
      expect.objectContaining({ id: 'warehouse', categories: ['identifiers.online', 'location.coarse'], identifiability: 'anonymised' }),
    ]);
    expect(listed(r)).toEqual(['d.yml:2:16 fides/unlabelled-fields', 'd.yml:10:48 fides/unmapped-category']);
    expect(r.diagnostics[0].message).toBe('2 fields of dataset "warehouse" have no data_categories and are not imported: visits.profile.note, visits.id');
  });

  it('reports a dataset\'s third_country_transfers when no system references the dataset (no exporter)', () => {
    const r = importYaml({ 'd.yml': 'dataset:\n  - fides_key: w\n    third_country_transfers: [USA]\n    collections:\n      - { name: c, data_categories: [user.contact] }\n' });
    expect(listed(r)).toEqual(['d.yml:3:31 fides/unnamed-recipient']);
    expect(r.manifest!.flows).toEqual([]);
  });

  it('reports a code that is no alpha-3 country, and suggests upper case for a lower-case one', () => {
    const r = importYaml({ 's.yml': `system:\n${system('a', ['user.contact'], '    third_country_transfers: [XYZ, usa]\n')}` }, map({ a: { country: 'DE', role: 'controller' } }));
    expect(r.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['fides/invalid-country', 'third_country_transfers: "XYZ" is not an ISO 3166-1 alpha-3 country code; the transfer is not imported', undefined],
      ['fides/invalid-country', 'third_country_transfers: "usa" is not an ISO 3166-1 alpha-3 country code; the transfer is not imported', 'did you mean "USA"?'],
    ]);
  });

  it('keeps dataset ids unique when two declarations share a data use', () => {
    const text = `system:\n  - fides_key: a\n    system_type: S\n    privacy_declarations:\n      - { data_categories: [user.contact], data_use: care, data_subjects: [customer] }\n      - { data_categories: [user.health], data_use: care, data_subjects: [patient] }\n`;
    const r = importYaml({ 's.yml': text }, map({ a: { country: 'DE', role: 'controller' } }));
    expect(r.manifest!.datasets!.map((d) => [d.id, d.categories])).toEqual([['a:care', ['contact']], ['a:care-2', ['health']]]);
  });
});

describe('dfft import fides: bad input (nothing is imported)', () => {
  it('rejects a file that is not Fides, and a dfft manifest given by mistake', () => {
    const r = importYaml({ 'm.yaml': 'manifestVersion: 1\nsystem: { id: x }\n', 'x.yaml': 'systems: []\n', 'y.yaml': '- a\n' });
    expect(r.manifest).toBeUndefined();
    expect(r.errors.map((e) => formatDiagnostic(e))).toEqual([
      'm.yaml:1:1 a dfft manifest, not a Fides resource file (check it with dfft check; dfft import fides reads fideslang YAML)',
      'x.yaml:1:1 not a Fides resource file: no system, dataset, data_category, data_use, data_subject or policy key (dfft import fides reads fideslang YAML (system:, dataset:, data_category: ... lists))',
      'y.yaml:1:1 not a Fides resource file: expected a mapping of resource types, got a list (dfft import fides reads fideslang YAML (system:, dataset:, data_category: ... lists))',
    ]);
  });

  it('locates wrong shapes and missing keys, all at once', () => {
    const r = importYaml({ 's.yml': 'system:\n  - name: no key\n  - fides_key: a\n    egress: b\n    privacy_declarations:\n      - data_categories: user.contact\n' });
    expect(r.errors.map((e) => formatDiagnostic(e))).toEqual([
      's.yml:2:5 system[0]: missing required field "fides_key"',
      's.yml:4:13 system[1].egress: expected a list, got a string',
      's.yml:6:26 system[1].privacy_declarations[0].data_categories: expected a list of strings, got a string',
    ]);
  });

  it('rejects a system defined twice with different content, and accepts an identical repeat', () => {
    const a = `system:\n${system('a', ['user.contact'])}`;
    expect(importYaml({ '1.yml': a, '2.yml': a }, map({ a: 'DE' })).errors).toEqual([]);
    const r = importYaml({ '1.yml': a, '2.yml': `system:\n${system('a', ['user.name'])}` }, map({ a: 'DE' }));
    expect(r.errors.map((e) => formatDiagnostic(e))).toEqual([
      '2.yml:2:16 system "a" is defined again with a different definition (first at 1.yml:2:5) (Fides keys are unique: merge the definitions or rename one)',
    ]);
  });

  it('reports syntax errors of every file', () => {
    const r = importYaml({ 'a.yml': 'system: [\n', 'b.yml': 'system:\n  - fides_key: b\n   bad: indent\n' });
    expect(r.errors.map((e) => `${e.code} ${e.location?.file}`)).toEqual(['source/syntax a.yml', 'source/syntax b.yml']);
  });

  it('rejects a --system-id that is not a manifest id, and takes a valid one', () => {
    const files = [{ file: 's.yml', text: `system:\n${system('a', ['user.contact'])}` }];
    expect(fidesImporter().import(files, { systemId: 'crm export' }).errors.map((e) => formatDiagnostic(e))).toEqual([
      '--system-id: "crm export" is not a valid manifest id (use letters, digits and . _ : -, starting with a letter or digit)',
    ]);
    expect(fidesImporter().import(files, { systemId: 'crm-export' }).manifest!.system.id).toBe('crm-export');
  });
});
