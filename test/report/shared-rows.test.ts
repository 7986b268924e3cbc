import { checkerFor, manifest, yamlText } from '../support/helpers';

// A report of a million flows holds a row per flow: what rows repeat is held once. Equal unions of
// categories and subjects are one list, whichever combination of datasets gives them.
describe('rows of a report share what they repeat', () => {
  it('gives flows whose datasets have the same categories and subjects one list of each, and each flow its own union', async () => {
    const checker = await checkerFor({ asOf: '2026-11-28' });
    const report = checker.check([{ file: 'm.yaml', text: yamlText(manifest({
      parties: [{ id: 'a', country: 'DE' }, { id: 'b', country: 'DE' }],
      datasets: [
        { id: 'x', categories: ['contact.email'], subjects: ['customers'], collectedIn: ['DE'] },
        { id: 'y', categories: ['contact.email', 'contact.phone'], subjects: ['customers'], collectedIn: ['DE'] },
        { id: 'z', categories: ['contact.phone'], subjects: ['employees'], collectedIn: ['DE'] },
      ],
      flows: [
        { id: 'f1', from: 'a', to: 'b', datasets: ['x', 'y'] },
        { id: 'f2', from: 'a', to: 'b', datasets: ['y', 'x'] },
        { id: 'f3', from: 'a', to: 'b', datasets: ['x', 'z'] },
      ],
    })) }]);
    expect(report.errors).toEqual([]);
    const [f1, f2, f3] = ['f1', 'f2', 'f3'].map((id) => report.flows.find((f) => f.id === id)!);
    expect(f1.categories).toEqual(['contact.email', 'contact.phone']);
    expect(f2.categories).toBe(f1.categories);
    expect(f2.subjects).toBe(f1.subjects);
    expect(f3.categories).toEqual(['contact.email', 'contact.phone']);
    expect(f3.categories).toBe(f1.categories);
    expect(f3.subjects).toEqual(['customers', 'employees']);
    expect(f1.subjects).toEqual(['customers']);
  });
});
