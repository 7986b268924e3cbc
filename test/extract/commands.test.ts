import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffCommand } from '../../src/cli/diff-command';
import { extractCommand } from '../../src/cli/extract-command';
import type { CliIo } from '../../src/cli/io';
import { tmpDir } from '../support/tmp';
import { EXAMPLE_DIR, TSCONFIG, positionOf } from './helpers';

// `dfft extract` and `dfft diff` (src/cli/extract-command.ts, src/cli/diff-command.ts), run in-process.

function io(): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { NO_COLOR: '1' },
  };
  return captured;
}

/** A small project whose every declaration can be read; cwd is switched to it by the tests. */
const CLEAN = {
  'tsconfig.json': TSCONFIG,
  'dfft.config.json': JSON.stringify({ system: { id: 'shop' }, hosts: { 'api.stripe.com': 'stripe-ie' } }),
  'src/flows.ts': [
    "import { declareDataset, declareFlow, declareParty } from 'dfft';",
    "declareParty({ id: 'acme-de', country: 'DE' });",
    "declareParty({ id: 'stripe-ie', country: 'IE', role: 'processor' });",
    "declareDataset({ id: 'orders', categories: ['financial'] });",
    "export const pay = declareFlow({ id: 'pay', from: 'acme-de', to: 'stripe-ie', datasets: ['orders'] });",
    "export const charge = () => fetch('https://api.stripe.com/v1/charges');",
    "export const track = () => fetch('https://api.mixpanel.com/track');",
  ].join('\n'),
};

describe('dfft extract', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('on examples/ts-service: exit 2, no manifest written, both diagnostics on stderr with code frames', async () => {
    const out = path.join(tmpDir(), 'manifest.json');
    const captured = io();
    const code = await extractCommand({ project: path.relative(cwd, path.join(EXAMPLE_DIR, 'tsconfig.json')), out }, captured);
    expect(code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
    expect(captured.out).toBe('');
    const support = positionOf(path.join(EXAMPLE_DIR, 'src', 'support.ts'), 'region}');
    const analytics = positionOf(path.join(EXAMPLE_DIR, 'src', 'analytics.ts'), "fetch('https://api.mixpanel.com");
    expect(captured.err).toContain(`examples/ts-service/src/support.ts:${support.line}:${support.column} error: declareFlow(): \`id\` cannot be evaluated statically`);
    expect(captured.err).toContain(`examples/ts-service/src/analytics.ts:${analytics.line}:${analytics.column} warning: fetch sends data to api.mixpanel.com`);
    expect(captured.err).toContain(`> ${support.line} |     id: \`support-\${region}\`,`);
    expect(captured.err).toMatch(/dfft: 1 error, 1 warning: no manifest written\n$/);
  });

  it('on a clean project: writes the manifest with x-source, warns about the undeclared egress, exit 0 (1 with --fail-on-egress)', async () => {
    process.chdir(tmpDir(CLEAN));
    const captured = io();
    expect(await extractCommand({ project: 'tsconfig.json', out: 'out/manifest.json' }, captured)).toBe(0);
    const manifest = JSON.parse(fs.readFileSync('out/manifest.json', 'utf8'));
    expect(manifest.flows).toEqual([
      { id: 'pay', from: 'acme-de', to: 'stripe-ie', datasets: ['orders'], 'x-source': { file: 'src/flows.ts', line: 5, column: 20, helper: 'declareFlow' } },
    ]);
    expect(captured.err).toContain('src/flows.ts:7:28 warning: fetch sends data to api.mixpanel.com, which no declared flow covers');
    expect(captured.err).toContain('dfft: 1 flow, 2 parties and 1 dataset extracted from 1 file into out/manifest.json; 0 errors, 1 warning');
    expect(await extractCommand({ project: 'tsconfig.json', failOnEgress: true }, io())).toBe(1);
  });

  it('refuses to write a manifest the schema rejects, and says where in the code', async () => {
    const line = "declareFlow({ id: 'x', from: 'a', to: 'b', datasets: ['d'], frequncy: 'regular' } as never);";
    process.chdir(tmpDir({ ...CLEAN, 'src/flows.ts': `import { declareFlow } from 'dfft';\n${line}\n` }));
    const captured = io();
    expect(await extractCommand({ project: 'tsconfig.json' }, captured)).toBe(2);
    expect(captured.out).toBe('');
    // At the misspelt field's value in the code, not in the manifest that was not written.
    expect(captured.err).toContain(`src/flows.ts:2:${line.indexOf("'regular'") + 1} error: flows[0]: unknown field "frequncy" (did you mean "frequency"?)  [manifest/schema]`);
  });
});

describe('dfft diff', () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  it('exit 0 when the manifest declares the same flows (x-source and defaults aside)', async () => {
    process.chdir(tmpDir({ ...CLEAN, 'manifest.yaml': 'manifestVersion: 1\nsystem: { id: shop }\nflows:\n  - { id: pay, from: acme-de, to: stripe-ie, datasets: [orders], frequency: continuous }\n' }));
    const captured = io();
    expect(await diffCommand(['manifest.yaml'], { project: 'tsconfig.json', format: 'text' }, captured)).toBe(0);
    expect(captured.out).toBe('✔ the code and the manifests declare the same 1 flow\n');
  });

  it('exit 1 with each difference located on both sides', async () => {
    process.chdir(
      tmpDir({
        ...CLEAN,
        'manifest.yaml': 'manifestVersion: 1\nsystem: { id: shop }\nflows:\n  - { id: pay, from: acme-de, to: stripe-us, datasets: [orders] }\n  - { id: legacy, from: acme-de, to: stripe-ie, datasets: [orders] }\n',
        'src/more.ts': "import { declareFlow } from 'dfft';\ndeclareFlow({ id: 'refunds', from: 'acme-de', to: 'stripe-ie', datasets: ['orders'] });\n",
      }),
    );
    const captured = io();
    expect(await diffCommand(['manifest.yaml'], { project: 'tsconfig.json', format: 'text' }, captured)).toBe(1);
    expect(captured.out).toBe(
      [
        '- legacy  manifest.yaml:5:5',
        '    in the manifests, not declared in the code',
        '~ pay  src/flows.ts:5:20  manifest.yaml:4:5',
        '    to: "stripe-ie" in the code, "stripe-us" in the manifest',
        '+ refunds  src/more.ts:2:1',
        '    declared in the code, not in the manifests',
        '✖ 3 differences between the code (2 flows) and the manifests (2 flows)',
        '',
      ].join('\n'),
    );
    const json = io();
    expect(await diffCommand(['manifest.yaml'], { project: 'tsconfig.json', format: 'json' }, json)).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ same: false, counts: { code: 2, manifests: 2 }, differences: [{ kind: 'only-in-manifest', id: 'legacy' }, { kind: 'changed', id: 'pay' }, { kind: 'only-in-code', id: 'refunds' }] });
  });

  it('exit 2 when a declaration cannot be evaluated: the flow would otherwise pass for missing from the code', async () => {
    const captured = io();
    const code = await diffCommand([path.join(cwd, 'examples/manifests')], { project: path.relative(cwd, path.join(EXAMPLE_DIR, 'tsconfig.json')), format: 'text' }, captured);
    expect(code).toBe(2);
    expect(captured.out).toBe('');
    expect(captured.err).toContain('[extract/not-static]');
  });
});
