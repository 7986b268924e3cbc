import * as fs from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withExamples, SCHEMA } = require('../../scripts/schema-examples.js') as { withExamples: (s: unknown) => unknown; SCHEMA: string };

describe('completion in editors', () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));

  it('the manifest schema offers every taxonomy category, the law\'s purposes and common subjects (run node scripts/schema-examples.js)', () => {
    expect(withExamples(JSON.parse(JSON.stringify(schema)))).toEqual(schema);
  });

  it('offers children and employees (the subjects rules read) and categories at every level', () => {
    const dataset = schema.definitions.Dataset.properties;
    expect(dataset.subjects.items.examples).toEqual(expect.arrayContaining(['children', 'employees']));
    expect(dataset.categories.items.examples).toEqual(expect.arrayContaining(['health', 'health.diagnosis', 'contact.email']));
    expect(dataset.purposes.items.examples).toEqual(expect.arrayContaining(['hr-management', 'immigration-control']));
    expect(schema.definitions.Flow.properties.purposes.items.examples).toEqual(dataset.purposes.items.examples);
  });
});
