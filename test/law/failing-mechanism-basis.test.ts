import { check } from '../../src/library/checker';

// A mechanism that fails on the date (repealed clauses, the wrong module, BCRs outside the group,
// a contract derogation for a continuous flow, the EU clauses without the UK Addendum, the IDTA
// before it was in force) is reported by its own rule and is never recorded as the flow's basis;
// the same mechanism on a date it holds is. The scenario runner checks that a basis contains a
// text, not that there is none: these tests pin the whole basis list.
const manifest = JSON.stringify({
  manifestVersion: 1,
  system: { id: 'failing' },
  parties: [
    { id: 'de', country: 'DE', role: 'controller', group: 'acme' },
    { id: 'de-p', country: 'DE', role: 'processor' },
    { id: 'gb', country: 'GB', role: 'controller', group: 'acme' },
    { id: 'in-p', country: 'IN', role: 'processor' },
    { id: 'in-c', country: 'IN', role: 'controller', group: 'other' },
    { id: 'us-c', country: 'US', role: 'controller' },
  ],
  datasets: [
    { id: 'eu', categories: ['contact'], collectedIn: ['DE'] },
    { id: 'uk', categories: ['contact'], collectedIn: ['GB'] },
    { id: 'returned', categories: ['contact'], collectedIn: ['US'] },
    { id: 'many', categories: ['contact'], collectedIn: ['DE'], subjectsCount: 50000 },
    { id: 'few', categories: ['contact'], collectedIn: ['DE'], subjectsCount: 20 },
    { id: 'uk-many', categories: ['contact'], collectedIn: ['GB'], subjectsCount: 50000 },
  ],
  flows: [
    { id: 'old-m2', from: 'de', to: 'in-p', datasets: ['eu'], mechanisms: [{ type: 'scc', decision: '2010/87', module: 2, signedOn: '2019-05-01' }, { type: 'tia', completedOn: '2019-04-01' }] },
    { id: 'wrong-module', from: 'de', to: 'in-p', datasets: ['eu'], mechanisms: [{ type: 'scc', module: 1 }, { type: 'tia', completedOn: '2019-04-01' }] },
    { id: 'm4', from: 'de-p', to: 'us-c', datasets: ['returned'], mechanisms: [{ type: 'scc', module: 4 }] },
    { id: 'bcr-outside', from: 'de', to: 'in-c', datasets: ['eu'], mechanisms: [{ type: 'bcr', approvedBy: 'BfDI', approvedOn: '2018-05-04' }, { type: 'tia', completedOn: '2019-04-01' }] },
    { id: 'contract-feed', from: 'de', to: 'in-c', datasets: ['eu'], frequency: 'continuous', mechanisms: [{ type: 'derogation', ground: 'contract-performance' }] },
    { id: 'contract-once', from: 'de', to: 'in-c', datasets: ['eu'], frequency: 'one-off', mechanisms: [{ type: 'derogation', ground: 'contract-performance' }] },
    { id: 'uk-scc-only', from: 'gb', to: 'in-p', datasets: ['uk'], mechanisms: [{ type: 'scc', module: 2 }, { type: 'tia', completedOn: '2019-04-01' }] },
    { id: 'uk-idta', from: 'gb', to: 'in-p', datasets: ['uk'], mechanisms: [{ type: 'uk-idta', signedOn: '2021-02-01' }, { type: 'tia', completedOn: '2021-01-10' }] },
    { id: 'compelling-many', from: 'de', to: 'us-c', datasets: ['many'], frequency: 'one-off', mechanisms: [{ type: 'derogation', ground: 'compelling-legitimate-interests', supervisoryAuthorityInformed: true, dataSubjectsInformed: true }] },
    { id: 'compelling-few', from: 'de', to: 'us-c', datasets: ['few'], frequency: 'one-off', mechanisms: [{ type: 'derogation', ground: 'compelling-legitimate-interests', supervisoryAuthorityInformed: true, dataSubjectsInformed: true }] },
    { id: 'compelling-uninformed', from: 'de', to: 'us-c', datasets: ['few'], frequency: 'one-off', mechanisms: [{ type: 'derogation', ground: 'compelling-legitimate-interests', supervisoryAuthorityInformed: false, dataSubjectsInformed: true }] },
    { id: 'public-powers-consent', from: 'de', to: 'us-c', datasets: ['eu'], frequency: 'one-off', publicPowers: true, mechanisms: [{ type: 'derogation', ground: 'explicit-consent' }] },
    { id: 'uk-compelling-many', from: 'gb', to: 'us-c', datasets: ['uk-many'], frequency: 'one-off', mechanisms: [{ type: 'derogation', ground: 'compelling-legitimate-interests', supervisoryAuthorityInformed: true, dataSubjectsInformed: true }] },
    { id: 'uk-bcr-outside', from: 'gb', to: 'in-c', datasets: ['uk'], mechanisms: [{ type: 'bcr', approvedBy: 'ICO', approvedOn: '2019-05-04' }, { type: 'tia', completedOn: '2021-01-10' }] },
  ],
});

async function bases(asOf: string): Promise<Record<string, { verdict: string; basis: string[] }>> {
  const report = await check([{ file: 'failing.json', text: manifest }], { asOf, packs: ['eu-gdpr', 'uk-gdpr'] });
  return Object.fromEntries(report.flows.map((f) => [f.id, { verdict: f.verdict, basis: f.basis.map((b) => b.text) }]));
}

describe('a mechanism that fails is never the basis', () => {
  it('on 2026-11-28: failing tools give a violation with no basis, holding ones their basis', async () => {
    const got = await bases('2026-11-28');
    const failing = ['old-m2', 'wrong-module', 'bcr-outside', 'contract-feed', 'uk-scc-only', 'uk-bcr-outside', 'compelling-many', 'compelling-uninformed', 'public-powers-consent', 'uk-compelling-many'];
    for (const id of failing) {
      expect([id, got[id]]).toEqual([id, { verdict: 'violation', basis: [] }]);
    }
    expect(got['m4']).toEqual({ verdict: 'allowed', basis: ['Art. 46(2)(c) standard contractual clauses 2021/914, module 4'] });
    expect(got['compelling-few']).toEqual({ verdict: 'allowed', basis: ['Art. 49(1) derogation: compelling-legitimate-interests; compelling legitimate interests (Art. 49(1) second subparagraph): 20 data subjects, within the limited number of 100'] });
    expect(got['contract-once']).toEqual({ verdict: 'allowed', basis: ['Art. 49(1) derogation: contract-performance'] });
    expect(got['uk-idta']).toEqual({ verdict: 'allowed', basis: ['UK GDPR Art. 46: International Data Transfer Agreement'] });
  });

  it('on 2020-06-01 the 2010 clauses hold, and their basis names no module', async () => {
    const got = await bases('2020-06-01');
    expect(got['old-m2']).toEqual({ verdict: 'review', basis: ['Art. 46(2)(c) standard contractual clauses 2010/87'] });
  });

  it('on 2022-03-20 the IDTA is not yet a basis, on 2022-03-21 it is', async () => {
    expect((await bases('2022-03-20'))['uk-idta']).toEqual({ verdict: 'violation', basis: [] });
    expect((await bases('2022-03-21'))['uk-idta'].basis).toEqual(['UK GDPR Art. 46: International Data Transfer Agreement']);
  });
});
