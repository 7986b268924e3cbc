import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { joinChunks } from '../../src/report/formatters';
import { APPI_RECORD_COLUMNS, appiRecordRowsOf } from '../../src/report/formatters/appi-record';
import { formatAppiCsv } from '../../src/report/formatters/csv';
import { REGISTER_COLUMNS, registerRows } from '../../src/report/formatters/register';
import { DEROGATION_POINTS, gdprArticle } from '../../src/report/formatters/register-safeguards';
import { createChecker } from '../../src/index';
import type { Report } from '../../src/types';
import { exampleReport } from './support/fixtures';

// What the law asks the record to hold, one entry per item, each with the column that holds it.
// GDPR: Regulation (EU) 2016/679, Art. 30 (http://data.europa.eu/eli/reg/2016/679/oj). APPI: Act
// on the Protection of Personal Information (Act No. 57 of 2003) Art. 29(1); the items of the
// record in the PPC's Enforcement Rules (Rules of the PPC No. 3 of 2016) Art. 20(1), the way to
// keep it in Art. 19 (PPC, Guidelines on the obligations of confirmation and record-keeping upon
// third-party provision, sections 4-1 and 4-2: https://www.ppc.go.jp/personalinfo/legal/guidelines_thirdparty/).
// The Guidelines' table of contents names Rules Art. 19 (recording) and Art. 22-23 (the
// recipient's side); that the provider's items are Art. 20(1), (i) for opt-out and (ii) for
// consent, is read from the Guidelines' section 4-2-1 and commentary on it: UNCONFIRMED against
// the Rules' own text here.
const GDPR_ART_30 = [
  { item: 'Art. 30(1)(a): the name of the controller', column: 'Exporter' },
  { item: 'Art. 30(1)(b): the purposes of the processing', column: 'Purposes' },
  { item: 'Art. 30(1)(c): the categories of data subjects', column: 'Data subjects' },
  { item: 'Art. 30(1)(c): the categories of personal data', column: 'Data categories' },
  { item: 'Art. 30(1)(c) with Art. 9(1) and Art. 10: special categories and criminal-offence data', column: 'Special categories' },
  { item: 'Art. 30(1)(d): the categories of recipients, including recipients in third countries', column: 'Importer' },
  { item: 'Art. 30(1)(e), 30(2)(c): transfers to a third country or an international organisation, identifying it', column: 'Importer country' },
  { item: 'Art. 30(1)(e), 30(2)(c): the documentation of suitable safeguards (and the Chapter V ground relied on)', column: 'Safeguard' },
  { item: 'Art. 30(1)(e): the transfer tool as a lawyer names it (Art. 45, 46, 47 or 49)', column: 'Legal reference' },
  { item: 'Art. 30(1)(g), 30(2)(d): a general description of the technical and organisational security measures (Art. 32(1))', column: 'Encryption and supplementary measures' },
  { item: 'Art. 46 as read in Case C-311/18 (Schrems II) and SCC Clause 14: the transfer impact assessment, its date and outcome', column: 'Transfer impact assessment' },
  { item: 'Art. 30(2)(a): the name of the processor and of each controller on whose behalf it acts', column: 'Exporter' },
] as const;

/** What Art. 30 asks that no manifest declares, so no column holds it: a reader fills it in. */
const GDPR_NOT_HELD = [
  'Art. 30(1)(a): contact details of the controller, its representative and its data protection officer',
  'Art. 30(1)(f): the envisaged time limits for erasure of the categories of data',
];

const APPI_ART_29 = [
  { item: 'APPI Art. 29(1): the record is made by the business that provides the personal data', column: 'Provider' },
  { item: 'APPI Art. 29(1); Rules Art. 20(1)(i): the date on which the personal data was provided (opt-out provision)', column: 'Date of provision' },
  { item: "APPI Art. 29(1); Rules Art. 20(1)(i), (ii): the third party's name or other matters sufficient to identify it", column: 'Third party (recipient)' },
  { item: 'APPI Art. 28(1), 29(1): the foreign country of the third party', column: 'Recipient country' },
  { item: 'Rules Art. 20(1)(i), (ii): the name of the principal or other information sufficient to identify the principal (as a kind of principals: the identity of each is in the provider\'s own records)', column: 'Principals' },
  { item: 'Rules Art. 20(1)(i), (ii): the items of the personal data', column: 'Items of personal data' },
  { item: 'APPI Art. 2(3), 27(2) proviso: special care-required personal information (要配慮個人情報) among the items', column: 'Special care-required personal information' },
  { item: "Rules Art. 20(1)(ii): that the principal's consent (APPI Art. 27(1) or 28(1)) was obtained", column: "Principal's consent" },
  { item: 'APPI Art. 27-28: what the provision rests on (consent, a designated country, a conforming system, entrustment, ...)', column: 'Basis of provision' },
  { item: 'APPI Art. 29(1) proviso: no record for a provision under Art. 27(1) items or, Art. 28 not applying, Art. 27(5) items', column: 'Record required' },
] as const;

/** Columns of dfft's own, beside what the law asks: the row's key and the check's result. */
const DFFT_COLUMNS = ['Flow', 'Exporter country', 'Data categories', 'Transfer basis', 'DPV', 'Basis ends', 'Verdict', 'Findings', 'As of'];

describe('the register holds what the law asks the record to hold', () => {
  it.each(GDPR_ART_30)('GDPR $item: column "$column"', ({ column }) => {
    expect(REGISTER_COLUMNS).toContain(column);
  });

  it.each(APPI_ART_29)('$item: column "$column"', ({ column }) => {
    expect(APPI_RECORD_COLUMNS).toContain(column);
  });

  it('has no column that is neither an item of the law nor one of dfft\'s own, and says what it cannot hold', () => {
    const mapped = new Set<string>([...GDPR_ART_30.map((i) => i.column), ...DFFT_COLUMNS]);
    expect(REGISTER_COLUMNS.filter((c) => !mapped.has(c))).toEqual([]);
    const appi = new Set<string>([...APPI_ART_29.map((i) => i.column), 'Flow', 'Verdict', 'As of']);
    expect(APPI_RECORD_COLUMNS.filter((c) => !appi.has(c))).toEqual([]);
    expect(GDPR_NOT_HELD).toHaveLength(2);
  });
});

/** The register's rows as records by column name, keyed by flow id. */
function byFlow(columns: readonly string[], rows: Iterable<string[]>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const row of rows) out.set(row[0]!, Object.fromEntries(columns.map((c, i) => [c, row[i]!])));
  return out;
}

describe('the register on the examples', () => {
  let report: Report;
  beforeAll(async () => {
    report = await exampleReport(['examples/manifests']);
  });

  it('names parties and countries, and gives categories by their taxonomy titles with the special ones apart', () => {
    const rows = byFlow(REGISTER_COLUMNS, registerRows(report));
    expect(rows.get('hosting')).toMatchObject({
      Exporter: 'ACME Helpdesk GmbH (helpdesk-de)',
      'Exporter country': 'Germany (DE)',
      Importer: 'SkyHost Inc. (skyhost-us)',
      'Importer country': 'United States of America (US)',
      Purposes: 'customer-support',
      'Data categories': 'E-mail address; Name; Content of communications',
      'Special categories': '',
      'Data subjects': 'customers',
    });
    expect(rows.get('trial-to-japan')).toMatchObject({
      'Data categories': 'Diagnosis and treatment; Prescriptions; Account or customer number',
      'Special categories': 'Diagnosis and treatment (GDPR Art. 9(1); APPI Art. 2(3) special care-required); Prescriptions (GDPR Art. 9(1); APPI Art. 2(3) special care-required)',
    });
    // Trade-union membership is special under the GDPR, not under the APPI as in force (taxonomy notes).
    expect(rows.get('payroll-to-japan')!['Special categories']).toBe('Trade-union membership (GDPR Art. 9(1))');
  });

  it('gives the safeguard with its reference and dates: the adequacy decision and its number, the clauses with module and signing date, the TIA', () => {
    const rows = byFlow(REGISTER_COLUMNS, registerRows(report));
    expect(rows.get('hosting')).toMatchObject({ 'Legal reference': 'GDPR Art. 45(3)', Safeguard: 'GDPR Art. 45(3), Commission Implementing Decision (EU) 2023/1795' });
    expect(rows.get('shipping')!.Safeguard).toBe('GDPR Art. 45(3), Commission Decision 2000/518/EC');
    expect(rows.get('offshore-support')).toMatchObject({
      'Legal reference': 'GDPR Art. 46(2)(c)',
      Safeguard: 'GDPR Art. 46(2)(c), Commission Implementing Decision (EU) 2021/914, module 2, signed on 2023-03-01',
      'Transfer impact assessment': 'completed on 2023-02-15: supplementary measures needed',
      'Encryption and supplementary measures': 'supplementary measures: encryption, pseudonymisation',
      DPV: 'eu-gdpr:A46-2-c',
      Verdict: 'allowed',
      'As of': '2026-11-28',
    });
    expect(rows.get('support')!['Transfer impact assessment']).toBe('completed on 2022-01-05: no supplementary measures needed');
    // A flow with no basis has no safeguard, whatever it declares.
    expect(rows.get('support-remote')).toMatchObject({ 'Transfer basis': 'none', Safeguard: '', Verdict: 'violation' });
    expect(rows.get('ads-us')!.Safeguard).toBe("APPI Art. 28(1), the principal's consent, obtained: date not declared");
  });

  it('gives the APPI record for the flows out of Japan of jp-retailer-eu-subsidiary.json, in the PPC\'s terms', async () => {
    const jp = await exampleReport(['examples/manifests/jp-retailer-eu-subsidiary.json']);
    const rows = [...appiRecordRowsOf(jp)];
    expect(rows.map((r) => r[0])).toEqual(['members-to-eu', 'delivery-asia', 'ads-us', 'eu-orders-to-delivery']); // eu-orders-to-hq leaves France
    const record = byFlow(APPI_RECORD_COLUMNS, rows);
    const common = { Provider: 'Sakura Retail KK (sakura-jp)', Principals: 'customers', 'Items of personal data': 'Contact details; Transactions and purchase history', 'Special care-required personal information': '', 'As of': '2026-11-28' };
    expect(record.get('members-to-eu')).toMatchObject({ ...common, 'Third party (recipient)': 'Sakura Europe SAS (sakura-fr)', 'Recipient country': 'France (FR)', 'Record required': 'no: an Art. 27(5) item, Art. 28 not applying (APPI Art. 29(1) proviso)' });
    expect(record.get('delivery-asia')).toMatchObject({ ...common, 'Recipient country': 'Singapore (SG)', 'Basis of provision': 'none', 'Record required': 'yes: APPI Art. 29(1)', Verdict: 'violation' });
    expect(record.get('ads-us')).toMatchObject({
      ...common,
      'Third party (recipient)': 'AdReach Inc. (adreach-us)',
      'Recipient country': 'United States of America (US)',
      'Date of provision': 'continuous (no start declared)',
      "Principal's consent": 'obtained: date not declared',
      'Basis of provision': "APPI Art. 28(1): the principal's prior consent to provision to a third party in United States of America",
      'Record required': 'yes: APPI Art. 29(1)',
      Verdict: 'allowed',
    });
    expect(record.get('eu-orders-to-delivery')!['Record required']).toBe('no: an Art. 27(5) item, Art. 28 not applying (APPI Art. 29(1) proviso)');
    const csv = joinChunks(formatAppiCsv(jp)).split('\n');
    expect(csv[0]).toBe(APPI_RECORD_COLUMNS.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','));
    expect(csv).toHaveLength(1 + rows.length + 1); // the final newline
  });
});

const DECLARED = `
manifestVersion: 1
system: { id: declared, name: Declared tools, owner: dpo@example.com }
parties:
  - { id: de, name: Beispiel GmbH, country: DE, role: controller, group: g }
  - { id: us, name: Example Inc., country: US, role: controller, group: g }
  - { id: in, name: Example Pvt Ltd, country: IN, role: processor }
  - { id: br, name: Ejemplo SA, country: MX, role: controller }
  - { id: jp, name: Rei KK, country: JP, role: controller }
  - { id: sg, name: Example Pte Ltd, country: SG, role: controller }
datasets:
  - { id: staff, name: Staff, categories: [employment.hr-records, health.diagnosis], subjects: [employees], purposes: [hr] }
  - { id: members, name: Members, categories: [contact.email], subjects: [customers] }
flows:
  - id: bcr
    from: de
    to: us
    datasets: [staff]
    purposes: [hr-management]
    encryption: { inTransit: true, atRest: true, keysHeldIn: DE }
    mechanisms: [{ type: bcr, reference: "BCR-C 2023/7", approvedBy: BfDI, approvedOn: "2023-05-04" }, { type: tia, completedOn: "2023-06-01", outcome: no-supplementary-measures-needed }]
  - id: scc
    from: de
    to: in
    datasets: [staff]
    mechanisms:
      - { type: scc, decision: "2021/914", module: 2, signedOn: "2024-02-01" }
      - { type: tia, completedOn: "2024-01-20", outcome: no-supplementary-measures-needed }
  - id: derogation
    from: de
    to: br
    datasets: [staff]
    frequency: occasional
    mechanisms: [{ type: derogation, ground: explicit-consent, obtainedOn: "2025-03-03" }]
  - id: consent
    from: jp
    to: sg
    datasets: [members]
    startsOn: "2025-04-01"
    mechanisms: [{ type: appi-consent, obtainedOn: "2025-03-15", informed: { country: true, protectionSystem: true, recipientMeasures: true } }]
  - id: exception
    from: jp
    to: sg
    datasets: [members]
    mechanisms: [{ type: appi-exception, item: laws-and-regulations }]
`;

describe('the register on declared tools', () => {
  let report: Report;
  beforeAll(async () => {
    report = await (await createChecker({ asOf: '2026-11-28' })).check([{ file: path.join('mem', 'declared.yaml'), text: DECLARED }]);
  });

  it('names BCRs with their approval, derogations with their Art. 49(1) point, and the declared encryption', () => {
    expect(report.errors).toEqual([]);
    const rows = byFlow(REGISTER_COLUMNS, registerRows(report));
    expect(rows.get('bcr')).toMatchObject({
      Safeguard: 'GDPR Art. 46(2)(b) and Art. 47, binding corporate rules BCR-C 2023/7, approved by BfDI on 2023-05-04',
      'Encryption and supplementary measures': 'encrypted in transit, encrypted at rest, keys held in Germany (DE)',
      Purposes: 'hr-management',
      'Special categories': 'Diagnosis and treatment (GDPR Art. 9(1); APPI Art. 2(3) special care-required)',
    });
    expect(rows.get('scc')).toMatchObject({
      Safeguard: 'GDPR Art. 46(2)(c), Commission Implementing Decision (EU) 2021/914, module 2, signed on 2024-02-01',
      'Transfer impact assessment': 'completed on 2024-01-20: no supplementary measures needed',
    });
    expect(rows.get('derogation')).toMatchObject({ 'Legal reference': 'GDPR Art. 49(1)(a)', Safeguard: 'GDPR Art. 49(1)(a), explicit consent, obtained on 2025-03-03' });
  });

  it('records the consent\'s date and the period of provision, and needs no record for an Art. 27(1) item', () => {
    const record = byFlow(APPI_RECORD_COLUMNS, appiRecordRowsOf(report));
    expect(record.get('consent')).toMatchObject({ "Principal's consent": 'obtained on 2025-03-15', 'Date of provision': 'from 2025-04-01', 'Record required': 'yes: APPI Art. 29(1)' });
    expect(record.get('exception')).toMatchObject({ 'Record required': 'no: an Art. 27(1) item (APPI Art. 29(1) proviso)' });
    expect([...record.keys()]).toEqual(['consent', 'exception']);
  });
});

describe('the register\'s references agree with the law data', () => {
  it('names each derogation by the point of Art. 49(1) that its DPV code in rules/data/dpv.yaml gives', () => {
    const dpv = parseYaml(fs.readFileSync(path.join(__dirname, '..', '..', 'rules', 'data', 'dpv.yaml'), 'utf8')) as { derogations: Record<string, string> };
    expect(Object.keys(DEROGATION_POINTS).sort()).toEqual(Object.keys(dpv.derogations).sort());
    for (const [ground, code] of Object.entries(dpv.derogations)) {
      const article = gdprArticle(code)!; // "GDPR Art. 49(1)(a)", or "GDPR Art. 49(1)" for the second subparagraph
      expect(`GDPR ${DEROGATION_POINTS[ground]}`.startsWith(code === 'eu-gdpr:A49-1' ? 'GDPR Art. 49(1) second subparagraph' : `${article},`)).toBe(true);
    }
  });

  it('reads DPV-Legal codes as GDPR articles', () => {
    expect(gdprArticle('eu-gdpr:A45-3')).toBe('GDPR Art. 45(3)');
    expect(gdprArticle('eu-gdpr:A46-2-c')).toBe('GDPR Art. 46(2)(c)');
    expect(gdprArticle('eu-gdpr:A49-1')).toBe('GDPR Art. 49(1)');
    expect(gdprArticle('dpv:Consent')).toBeUndefined();
  });
});
