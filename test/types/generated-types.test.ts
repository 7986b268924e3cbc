import * as fs from 'node:fs';
import * as path from 'node:path';

// The committed TypeScript types must be exactly what json-schema-to-typescript makes of the
// schemas: the schemas are the source of truth.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate, SCHEMAS } = require('../../scripts/generate-types.js') as { generate(name: string): Promise<string>; SCHEMAS: string[] };

describe('generated types', () => {
  it.each(['manifest', 'policy', 'report', 'api'])('src/types/generated/%s.ts matches its schema', async (name) => {
    expect(SCHEMAS).toContain(name);
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'types', 'generated', `${name}.ts`), 'utf8');
    expect(committed).toBe(await generate(name));
  });
});
