import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadFidesMapping } from '../../../src/import/fides';
import { loadLaw } from '../../../src/law/load-law';
import type { Taxonomy } from '../../../src/law/taxonomy';
import { tmpDir } from '../../support/tmp';
import { fidesImporter } from './helpers';
import { formatDiagnostic } from '../../../src/source/diagnostic';

function taxonomy(): Taxonomy {
  const law = loadLaw();
  if (!law.ok) throw new Error(law.diagnostics.map((e) => formatDiagnostic(e)).join('\n'));
  return law.value.law.taxonomy;
}

// The data category keys of fideslang's default taxonomy (ethyca/fideslang data_files/data_categories.csv,
// 3.x with the 2.x keys it deprecated, and the 1.x keys), copied as facts to check the mapping's coverage.
const FIDESLANG_2_3 = `system system.authentication system.operations user user.account user.authorization user.behavior user.biometric
user.biometrics user.childrens user.children user.contact user.content user.demographic user.location user.device user.payment user.social
user.social_activity user.settings user.unique_id user.telemetry user.user_sensor user.sensor user.financial user.government_id
user.health_and_medical user.health user.name user.criminal_history user.privacy_preferences user.job_title user.workplace
user.professional_information user.account.settings user.account.username user.authorization.credentials user.authorization.biometric
user.authorization.biometrics user.authorization.password user.behavior.browsing_history user.behavior.media_consumption
user.behavior.purchase_history user.behavior.search_history user.biometric.fingerprint user.biometric.retinal user.biometric.voice
user.biometric.health user.biometrics.fingerprint user.biometrics.retinal user.biometrics.voice user.children.children_under_thirteen
user.children.thirteen_to_sixteen user.contact.address user.contact.email user.contact.phone_number user.contact.url user.contact.social_url
user.contact.fax_number user.contact.organization user.contact.address.city user.contact.address.country user.contact.address.postal_code
user.contact.address.state user.contact.address.street user.contact.address.mailing_address user.content.private user.content.public
user.content.self_image user.demographic.age_range user.demographic.date_of_birth user.demographic.gender user.demographic.language
user.demographic.marital_status user.demographic.political_opinion user.demographic.profile user.demographic.race_ethnicity
user.demographic.religious_belief user.demographic.sexual_orientation user.demographic.citizenship_or_immigration_status
user.demographic.philosophical_belief user.demographic.protected_classifications user.demographic.union_membership user.device.cookie
user.device.cookie_id user.device.device_id user.device.ip_address user.device.sensor user.device.telemetry user.financial.bank_account
user.financial.credit_card user.government_id.birth_certificate user.government_id.drivers_license_number user.government_id.immigration
user.government_id.national_identification_number user.government_id.passport_number user.government_id.vehicle_registration
user.health.genetic user.health.insurance_beneficiary_id user.health.record_id user.health.baby_formula user.health.condition
user.health.maternity_clothing user.health.medical_diagnosis user.health.medications user.health.prescriptions user.health.reproductive_or_sexual
user.health.social_psychological_behavioral user.health.symptons user.health.treatment user.health_and_medical.genetic
user.health_and_medical.insurance_beneficiary_id user.health_and_medical.record_id user.location.imprecise user.location.coarse
user.location.precise user.name.first user.name.last user.professional_information.job_title user.professional_information.workplace
user.unique_id.pseudonymous user.unique_id.deterministic user.unique_id.probablistic`.split(/\s+/);

const FIDESLANG_1 = `account account.contact account.contact.city account.contact.country account.contact.email account.contact.phone_number
account.contact.postal_code account.contact.state account.contact.street account.payment account.payment.financial_account_number user.derived
user.derived.identifiable user.derived.identifiable.biometric_health user.derived.identifiable.browsing_history user.derived.identifiable.demographic
user.derived.identifiable.contact user.derived.identifiable.device user.derived.identifiable.device.cookie_id user.derived.identifiable.device.device_id
user.derived.identifiable.device.ip_address user.derived.identifiable.gender user.derived.identifiable.location user.derived.identifiable.media_consumption
user.derived.identifiable.non_specific_age user.derived.identifiable.observed user.derived.identifiable.profiling user.derived.identifiable.race
user.derived.identifiable.religious_belief user.derived.identifiable.search_history user.derived.identifiable.sexual_orientation
user.derived.identifiable.social user.derived.identifiable.telemetry user.derived.identifiable.unique_id user.derived.identifiable.user_sensor
user.derived.identifiable.organization user.derived.identifiable.workplace user.derived.nonidentifiable user.derived.nonidentifiable.sensor
user.provided user.provided.identifiable user.provided.identifiable.biometric user.provided.identifiable.childrens user.provided.identifiable.contact
user.provided.identifiable.contact.city user.provided.identifiable.contact.country user.provided.identifiable.contact.email
user.provided.identifiable.contact.phone_number user.provided.identifiable.contact.postal_code user.provided.identifiable.contact.state
user.provided.identifiable.contact.street user.provided.identifiable.credentials user.provided.identifiable.credentials.biometric_credentials
user.provided.identifiable.credentials.password user.provided.identifiable.date_of_birth user.provided.identifiable.financial
user.provided.identifiable.financial.account_number user.provided.identifiable.gender user.provided.identifiable.genetic
user.provided.identifiable.government_id user.provided.identifiable.government_id.drivers_license_number
user.provided.identifiable.government_id.national_identification_number user.provided.identifiable.government_id.passport_number
user.provided.identifiable.health_and_medical user.provided.identifiable.job_title user.provided.identifiable.name
user.provided.identifiable.non_specific_age user.provided.identifiable.political_opinion user.provided.identifiable.race
user.provided.identifiable.religious_belief user.provided.identifiable.sexual_orientation user.provided.identifiable.workplace
user.provided.nonidentifiable`.split(/\s+/);

describe('rules/data/fides-categories.yaml', () => {
  const mapping = fidesImporter().mapping;

  it('loads: valid against its schema, and every dfft category it names is in the taxonomy', () => {
    expect(mapping.file.file).toBe('<dfft>/rules/data/fides-categories.yaml');
  });

  it('has an entry for every data category of fideslang 1.x, 2.x and 3.x, and no other', () => {
    const keys = Object.keys(mapping.data.categories).sort();
    expect(keys).toEqual([...new Set([...FIDESLANG_2_3, ...FIDESLANG_1])].sort());
  });

  it('maps every fideslang category that is special in dfft\'s own taxonomy terms to a special category (never an ordinary one)', () => {
    const t = taxonomy();
    // Keys whose fideslang meaning is a GDPR Art. 9/10 category.
    const special = [
      'user.biometrics', 'user.biometrics.fingerprint', 'user.authorization.biometrics', 'user.health', 'user.health.genetic', 'user.health.treatment',
      'user.health_and_medical', 'user.criminal_history', 'user.demographic.race_ethnicity', 'user.demographic.religious_belief',
      'user.demographic.political_opinion', 'user.demographic.sexual_orientation', 'user.demographic.philosophical_belief',
      'user.demographic.union_membership', 'user.provided.identifiable.genetic', 'user.derived.identifiable.race',
    ];
    for (const key of special) {
      const r = mapping.resolveCategory(key, new Map());
      expect([key, r.kind]).toEqual([key, 'mapped']);
      if (r.kind === 'mapped') expect([key, r.categories.every((c) => t.isSpecial(c, 'gdpr'))]).toEqual([key, true]);
    }
  });

  it('makes a gap of every broad key whose sub-categories include special categories', () => {
    for (const key of ['user', 'user.demographic', 'user.authorization', 'user.derived.identifiable', 'user.provided.identifiable', 'user.provided.identifiable.credentials']) {
      expect([key, mapping.resolveCategory(key, new Map()).kind]).toEqual([key, 'gap']);
    }
  });

  it('marks inheritance only on entries that map to categories, subjects or not-personal', () => {
    for (const [key, entry] of Object.entries(mapping.data.categories)) {
      if ('gap' in entry) expect([key, 'inherit' in entry]).toEqual([key, false]);
    }
  });

  it('maps the fideslang subjects, roles and qualifiers that dfft rules depend on', () => {
    expect(mapping.subject('employee')).toBe('employees');
    expect(mapping.subject('patient')).toBe('patients');
    expect(mapping.subject('potential_customer')).toBeUndefined();
    expect(mapping.role('Sub-Processor')).toBe('sub-processor');
    expect(mapping.qualifier('aggregated.anonymized')).toBe('anonymised');
    expect(mapping.qualifier('aggregated.anonymized.unlinked_pseudonymized')).toBe('pseudonymised');
  });
});

describe('loadFidesMapping on a bad mapping file', () => {
  const write = (text: string): string => {
    const dir = tmpDir({ 'map.yaml': text });
    return path.join(dir, 'map.yaml');
  };
  const base = 'fidesCategoriesVersion: 1\nsubjects: {}\nroles: {}\nqualifiers: {}\ncategories:\n';

  it('locates a dfft category that the taxonomy does not have, with a suggestion', () => {
    const file = write(`${base}  user.contact: { dfft: [contacts] }\n`);
    const errors = loadFidesMapping(taxonomy(), { file });
    expect(errors.ok ? errors : errors.diagnostics.map((e) => formatDiagnostic(e))).toEqual([`${file}:6:26 categories["user.contact"].dfft[0]: unknown dfft category "contacts" (did you mean "contact"?)`]);
  });

  it('locates an unknown field with a suggestion', () => {
    const file = write(`${base}  user.contact: { dfft: [contact], inherits: true }\n`);
    const errors = loadFidesMapping(taxonomy(), { file });
    expect(errors.ok ? errors : errors.diagnostics.map((e) => formatDiagnostic(e))).toEqual([
      `${file}:6:36 categories["user.contact"]: unknown field "inherits" (did you mean "inherit"?)`,
    ]);
  });

  it('locates entries whose fields do not go together, or that say nothing', () => {
    const file = write(`${base}  user.name: { gap: x, dfft: [identifiers] }\n  user.contact: { inherit: true }\n`);
    const errors = loadFidesMapping(taxonomy(), { file });
    const hint = ' (an entry is { dfft: [...], subjects?, inherit? }, { subjects: [...], inherit? }, { gap: reason } or { notPersonal: reason, inherit? })';
    expect(errors.ok ? errors : errors.diagnostics.map((e) => formatDiagnostic(e))).toEqual([
      `${file}:6:16 categories["user.name"]: "gap" does not go with "dfft"${hint}`,
      `${file}:7:17 categories["user.contact"]: needs one of dfft, subjects, gap or notPersonal${hint}`,
    ]);
  });

  it('is the file the importer reads: a copy of the bundled one loads', () => {
    const bundled = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'rules', 'data', 'fides-categories.yaml'), 'utf8');
    const loaded = loadFidesMapping(taxonomy(), { file: write(bundled.replace('$schema: ../../schemas/fides-categories.schema.json\n', '')) });
    expect(loaded.ok).toBe(true);
  });
});
