import * as path from 'node:path';
import { createChecker } from '../../src/library/checker';
import { extractProject, loadProjectManifests, validateExtracted, type ExtractResult } from '../../src/extract';
import { exitCodeOf } from '../../src/report/exit-code';
import { createAjv } from '../../src/source/ajv';
import { loadSchema } from '../../src/source/schemas';
import { EXAMPLE_DIR, positionOf, summarise } from './helpers';
import { formatDiagnostic } from '../../src/source/diagnostic';

// examples/ts-service: declarations across five files (constants imported from ids.ts, an enum,
// a spread of FROM_SHOP, a decorator), an undeclared fetch and a declaration that cannot be read.
const ROOT = path.resolve(__dirname, '..', '..');
const PROJECT = 'examples/ts-service/tsconfig.json';
const src = (name: string): string => path.join(EXAMPLE_DIR, 'src', name);
const shown = (name: string): string => `examples/ts-service/src/${name}`;
const at = (name: string, needle: string, after?: string): string => {
  const p = positionOf(src(name), needle, after);
  return `${shown(name)}:${p.line}:${p.column}`;
};
const xSource = (name: string, needle: string, helper: string) => ({ file: `src/${name}`, ...positionOf(src(name), needle), helper });

describe('examples/ts-service (issue 9)', () => {
  let result: ExtractResult;
  beforeAll(async () => {
    result = await extractProject({ project: PROJECT, cwd: ROOT });
  }, 60_000);

  it('extracts every evaluable flow, with constants from another file, enum members, spreads and the decorator resolved', () => {
    expect(result.manifest.flows).toEqual([
      {
        id: 'product-analytics',
        from: 'acme-shop-de',
        frequency: 'continuous',
        encryption: { inTransit: true },
        to: 'snowy-us',
        datasets: ['orders'],
        purposes: ['analytics'],
        'x-source': xSource('analytics.ts', 'declareFlow({', 'declareFlow'),
      },
      {
        id: 'payments',
        from: 'acme-shop-de',
        frequency: 'continuous',
        encryption: { inTransit: true },
        to: 'stripe-ie',
        datasets: ['customers', 'orders'],
        purposes: ['payment'],
        'x-source': xSource('payments.ts', 'declareFlow({', 'declareFlow'),
      },
      {
        id: 'support-tickets',
        from: 'acme-shop-de',
        to: 'helpdesk-jp',
        datasets: ['support-tickets'],
        purposes: ['customer-support'],
        mechanisms: [{ type: 'scc', module: 2, decision: '2021/914', signedOn: '2024-03-01' }],
        'x-source': xSource('support.ts', '@declaresFlow', 'declaresFlow'),
      },
    ]);
    // Written as manifests are: the id first.
    for (const flow of result.manifest.flows ?? []) expect(Object.keys(flow)[0]).toBe('id');
  });

  it('extracts the declared parties and datasets and the config\'s system', () => {
    expect(result.manifest.system).toEqual({ id: 'acme-shop', name: 'ACME web shop', owner: 'privacy@acme.example' });
    expect(result.manifest.parties?.map((p) => [p.id, p.country])).toEqual([
      ['acme-shop-de', 'DE'],
      ['stripe-ie', 'IE'],
      ['snowy-us', 'US'],
      ['helpdesk-jp', 'JP'],
    ]);
    expect(result.manifest.datasets?.map((d) => [d.id, d.derivedFrom])).toEqual([
      ['customers', undefined],
      ['orders', undefined],
      ['support-tickets', ['customers']],
    ]);
  });

  it('gives exactly two diagnostics: the declaration that cannot be evaluated (error) and the undeclared fetch (warning), at their code locations', () => {
    expect(summarise(result)).toEqual([
      {
        code: 'extract/undeclared-egress',
        at: at('analytics.ts', "fetch('https://api.mixpanel.com"),
        message: 'fetch sends data to api.mixpanel.com, which no declared flow covers',
      },
      {
        code: 'extract/not-static',
        at: at('support.ts', 'region}'),
        message: 'declareFlow(): `id` cannot be evaluated statically: `region` is a parameter of regionalSupportFlow(): its value is known only at run time',
      },
    ]);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning', 'error']);
    expect(result.diagnostics[0].hint).toContain('"hosts" in examples/ts-service/dfft.config.json');
  });

  it('finds the covered egress too (a template on a const, https.request on an imported base URL, fetch in a decorated class)', () => {
    expect(result.egress.map((e) => [e.location.file, e.client, e.host.kind === 'host' ? e.host.host : e.host.kind, e.status, e.party])).toEqual([
      [shown('analytics.ts'), 'https.request', 'collector.snowy.example', 'covered', 'snowy-us'],
      [shown('analytics.ts'), 'fetch', 'api.mixpanel.com', 'unmapped', undefined],
      [shown('payments.ts'), 'fetch', 'api.stripe.com', 'covered', 'stripe-ie'],
      [shown('support.ts'), 'fetch', 'acme.helpdesk.example', 'covered', 'helpdesk-jp'],
    ]);
  });

  it('maps parts of a flow to where the code writes them: spread keys to the spread, const values to the name that uses them', () => {
    expect(result.locate('/flows/1')).toMatchObject({ file: shown('payments.ts'), ...positionOf(src('payments.ts'), 'declareFlow({') });
    expect(result.locate('/flows/1/from')).toMatchObject({ file: shown('payments.ts'), ...positionOf(src('payments.ts'), '...FROM_SHOP') });
    expect(result.locate('/flows/1/to')).toMatchObject({ file: shown('payments.ts'), ...positionOf(src('payments.ts'), 'PARTY.payments') });
    expect(result.locate('/flows/2/mechanisms/0/module')).toMatchObject({
      file: shown('support.ts'),
      ...positionOf(src('support.ts'), 'SCC_CONTROLLER_TO_PROCESSOR]'),
      pointer: '/flows/2/mechanisms/0/module',
    });
  });

  it('produces a manifest that the schema accepts', () => {
    expect(validateExtracted(result).map((e) => formatDiagnostic(e))).toEqual([]);
  });

  it('checks the extracted flows with findings located in the TypeScript code, and reports the diagnostics with the run', async () => {
    const project = await loadProjectManifests({ project: PROJECT, cwd: ROOT });
    const checker = await createChecker({ asOf: '2026-11-28' });
    const raw = checker.check(project.inputs, { inputErrors: project.errors });
    const report = project.finishReport(raw);

    // Without the relocation the finding would point into the extracted manifest.
    expect(raw.findings.find((f) => f.flowId === 'product-analytics')?.location.file).toBe('<extract:examples/ts-service/tsconfig.json>');
    const finding = report.findings.find((f) => f.flowId === 'product-analytics' && f.ruleId === 'eu-gdpr/transfer-without-basis');
    expect(finding?.location).toEqual({ file: shown('analytics.ts'), ...positionOf(src('analytics.ts'), 'declareFlow({'), endLine: expect.any(Number), endColumn: expect.any(Number), pointer: '/flows/0' });
    for (const f of report.findings) expect(f.location.file).toMatch(/^examples\/ts-service\/src\/.+\.ts$/);
    expect(Object.fromEntries(report.flows.map((f) => [f.id, [f.verdict, `${f.location.file}:${f.location.line}`]]))).toEqual({
      'product-analytics': ['violation', `${shown('analytics.ts')}:${positionOf(src('analytics.ts'), 'declareFlow({').line}`],
      payments: ['allowed', `${shown('payments.ts')}:${positionOf(src('payments.ts'), 'declareFlow({').line}`],
      'support-tickets': [expect.any(String), `${shown('support.ts')}:${positionOf(src('support.ts'), '@declaresFlow').line}`],
    });
    expect(report.errors.map((e) => [e.code, `${e.location?.file}:${e.location?.line}:${e.location?.column}`])).toEqual([['extract/not-static', at('support.ts', 'region}')]]);
    expect(report.warnings?.map((w) => [w.code, `${w.location?.file}:${w.location?.line}:${w.location?.column}`])).toEqual([
      ['extract/undeclared-egress', at('analytics.ts', "fetch('https://api.mixpanel.com")],
    ]);
    expect(report.summary.warnings).toBe(1);
    const validate = createAjv().compile(loadSchema('report'));
    expect(validate(JSON.parse(JSON.stringify(report))) ? [] : validate.errors).toEqual([]);
    // A declaration that cannot be read is bad input: the run ends with exit code 2.
    expect(exitCodeOf(report)).toBe(2);
    expect(project.sourceText(shown('analytics.ts'))).toContain('api.mixpanel.com');
  }, 60_000);
});
