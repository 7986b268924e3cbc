// The CLI invocations of the golden-output harness (scripts/golden.ts writes test/golden/out/,
// test/golden/golden.test.ts compares). Each runs as `node dist/cli/bin.js <args>` from the repo
// root with CI=true, NO_COLOR=1, TZ=UTC. In args, `<tmp>` is a fresh temporary directory of the
// case; every file written under it is recorded (binary files as their sha256).

export interface CliCase {
  name: string;
  args: string[];
  stdin?: string;
}

export const AS_OF = '2026-11-28';
const asOf = ['--as-of', AS_OF];

const M = 'examples/manifests';
const SAAS = `${M}/eu-saas-us-processor.yaml`;
const JP = `${M}/jp-retailer-eu-subsidiary.json`;
const POLICY = 'examples/policies/acme-policy.yaml';
const WAIVERS = 'test/golden/fixtures/waivers.yaml';
const BASELINE = 'test/golden/fixtures/baseline.json';
const TS = 'examples/ts-service/tsconfig.json';
const TS_OK = 'test/golden/fixtures/ts-service/tsconfig.json';
const TS_CONFIG = 'examples/ts-service/dfft.config.json';

const formats = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown', 'html', 'csv'];

export const cases: CliCase[] = [
  // --- check, every format
  ...formats.map((f) => ({ name: `check-manifests-${f}`, args: ['check', M, ...asOf, '-f', f] })),
  { name: 'check-manifests-xlsx', args: ['check', M, ...asOf, '-f', 'xlsx', '-o', '<tmp>/report.xlsx'] },
  { name: 'check-manifests-multi-format', args: ['check', M, ...asOf, '-f', 'json=<tmp>/r.json', '-f', 'sarif=<tmp>/r.sarif', '-f', 'markdown=<tmp>/r.md', '-f', 'text'] },
  { name: 'check-manifests-output-file', args: ['check', M, ...asOf, '-f', 'junit', '-o', '<tmp>/junit.xml'] },
  { name: 'check-one-file-text', args: ['check', SAAS, ...asOf] },
  { name: 'check-jp-json', args: ['check', JP, ...asOf, '-f', 'json'] },
  { name: 'check-multi-hop-text', args: ['check', `${M}/multi-hop`, ...asOf] },
  { name: 'check-quiet', args: ['check', M, ...asOf, '-q'] },
  // --- policy and packs
  ...['text', 'json', 'sarif', 'html'].map((f) => ({ name: `check-policy-${f}`, args: ['check', M, ...asOf, '--policy', POLICY, '-f', f] })),
  { name: 'check-packs-eu-gdpr', args: ['check', M, ...asOf, '--packs', 'eu-gdpr'] },
  { name: 'check-packs-jp-eujp-json', args: ['check', M, ...asOf, '--packs', 'jp-appi,eu-jp-supplementary', '-f', 'json'] },
  { name: 'check-packs-all-text', args: ['check', M, ...asOf, '--packs', 'eu-gdpr,jp-appi,eu-jp-supplementary,uk-gdpr,ch-fadp,cn-pipl'] },
  { name: 'check-add-packs-json', args: ['check', M, ...asOf, '--add-packs', 'ch-fadp,cn-pipl,uk-gdpr', '-f', 'json'] },
  { name: 'check-packs-unknown', args: ['check', M, ...asOf, '--packs', 'xx-nope'] },
  { name: 'check-policy-add-packs', args: ['check', M, ...asOf, '--policy', POLICY, '--add-packs', 'uk-gdpr', '-f', 'csv'] },
  // --- fail-on
  ...['error', 'warning', 'info', 'none'].map((s) => ({ name: `check-fail-on-${s}`, args: ['check', M, ...asOf, '--fail-on', s, '-q'] })),
  { name: 'check-fail-on-bad', args: ['check', M, ...asOf, '--fail-on', 'fatal'] },
  { name: 'check-clean-fail-on-warning', args: ['check', `${M}/clean-eu-shop.yaml`, ...asOf, '--fail-on', 'warning'] },
  // --- waivers, baseline, horizon
  { name: 'check-waivers-text', args: ['check', M, ...asOf, '--waivers', WAIVERS] },
  { name: 'check-waivers-json', args: ['check', M, ...asOf, '--waivers', WAIVERS, '-f', 'json'] },
  { name: 'check-waivers-sarif', args: ['check', M, ...asOf, '--waivers', WAIVERS, '-f', 'sarif'] },
  { name: 'check-waivers-github', args: ['check', M, ...asOf, '--waivers', WAIVERS, '-f', 'github'] },
  { name: 'check-baseline-waivers-gitlab', args: ['check', M, ...asOf, '--baseline', BASELINE, '--waivers', WAIVERS, '-f', 'gitlab'] },
  { name: 'check-waivers-horizon', args: ['check', M, ...asOf, '--waivers', WAIVERS, '--horizon', '6m'] },
  { name: 'check-baseline-text', args: ['check', M, ...asOf, '--baseline', BASELINE] },
  { name: 'check-baseline-json', args: ['check', M, ...asOf, '--baseline', BASELINE, '-f', 'json'] },
  { name: 'check-baseline-waivers-markdown', args: ['check', M, ...asOf, '--baseline', BASELINE, '--waivers', WAIVERS, '-f', 'markdown'] },
  { name: 'check-horizon-180d', args: ['check', M, ...asOf, '--horizon', '180d'] },
  { name: 'check-horizon-1y-json', args: ['check', M, ...asOf, '--horizon', '1y', '-f', 'json'] },
  { name: 'check-horizon-bad', args: ['check', M, ...asOf, '--horizon', 'soon'] },
  { name: 'check-as-of-2019', args: ['check', M, '--as-of', '2019-06-01'] },
  { name: 'check-as-of-bad', args: ['check', M, '--as-of', '2026-13-45'] },
  { name: 'check-waivers-missing', args: ['check', M, ...asOf, '--waivers', 'test/golden/fixtures/nope.yaml'] },
  // --- invalid input
  { name: 'check-invalid-text', args: ['check', 'examples/invalid', ...asOf] },
  { name: 'check-invalid-json', args: ['check', 'examples/invalid', ...asOf, '-f', 'json'] },
  { name: 'check-invalid-sarif', args: ['check', 'examples/invalid', ...asOf, '-f', 'sarif'] },
  { name: 'check-invalid-github', args: ['check', 'examples/invalid', ...asOf, '-f', 'github'] },
  { name: 'check-invalid-gitlab', args: ['check', 'examples/invalid', ...asOf, '-f', 'gitlab'] },
  { name: 'check-invalid-broken', args: ['check', 'examples/invalid/broken.yaml', ...asOf] },
  { name: 'check-invalid-bad-manifest', args: ['check', 'examples/invalid/bad-manifest.json', ...asOf] },
  { name: 'check-invalid-unknown-party', args: ['check', 'examples/invalid/unknown-party.yaml', ...asOf] },
  { name: 'check-mixed-text', args: ['check', SAAS, 'examples/invalid/unknown-party.yaml', JP, ...asOf] },
  { name: 'check-mixed-json', args: ['check', SAAS, 'examples/invalid/broken.yaml', ...asOf, '-f', 'json'] },
  { name: 'check-missing-path', args: ['check', 'examples/nope.yaml', ...asOf] },
  { name: 'check-stdin', args: ['check', '-', ...asOf], stdin: 'manifestVersion: 1\nsystem: { id: stdin }\nparties:\n  - { id: a, name: A, country: DE, role: controller }\n  - { id: b, name: B, country: US, role: processor }\ndatasets:\n  - { id: d, categories: [contact] }\nflows:\n  - { id: f, from: a, to: b, datasets: [d] }\n' },
  // --- TypeScript project
  { name: 'check-project', args: ['check', '--project', TS, ...asOf] },
  { name: 'check-project-json', args: ['check', '--project', TS, SAAS, ...asOf, '-f', 'json'] },
  { name: 'extract-ts-service', args: ['extract', '--project', TS] },
  { name: 'extract-ts-service-out', args: ['extract', '--project', TS, '-o', '<tmp>/manifest.yaml', '--fail-on-egress'] },
  { name: 'diff-ts-service-text', args: ['diff', SAAS, '--project', TS] },
  { name: 'diff-ts-service-json', args: ['diff', M, '--project', TS, '-f', 'json'] },
  // A copy of the project's tsconfig without src/support.ts, so that extraction succeeds.
  { name: 'extract-fixture', args: ['extract', '--project', TS_OK, '--config', TS_CONFIG] },
  { name: 'extract-fixture-out', args: ['extract', '--project', TS_OK, '--config', TS_CONFIG, '-o', '<tmp>/manifest.json', '--fail-on-egress'] },
  { name: 'extract-fixture-quiet', args: ['extract', '--project', TS_OK, '--config', TS_CONFIG, '-q'] },
  { name: 'diff-fixture-same', args: ['diff', 'test/golden/fixtures/ts-service/manifest.json', '--project', TS_OK, '--config', TS_CONFIG] },
  { name: 'diff-fixture-differs', args: ['diff', SAAS, '--project', TS_OK, '--config', TS_CONFIG] },
  { name: 'diff-fixture-differs-json', args: ['diff', SAAS, '--project', TS_OK, '--config', TS_CONFIG, '-f', 'json'] },
  { name: 'check-project-fixture-sarif', args: ['check', '--project', TS_OK, '--extract-config', TS_CONFIG, ...asOf, '-f', 'sarif'] },
  // --- validate
  { name: 'validate-manifests', args: ['validate', M] },
  { name: 'validate-manifests-json', args: ['validate', M, '-f', 'json'] },
  { name: 'validate-invalid', args: ['validate', 'examples/invalid'] },
  { name: 'validate-invalid-json', args: ['validate', 'examples/invalid', '-f', 'json'] },
  { name: 'validate-registry', args: ['validate', 'examples/registry'] },
  // --- explain
  { name: 'explain-support-remote', args: ['explain', SAAS, '--flow', 'support-remote', ...asOf] },
  { name: 'explain-support-remote-json', args: ['explain', SAAS, '--flow', 'support-remote', ...asOf, '-f', 'json'] },
  { name: 'explain-delivery-asia', args: ['explain', JP, '--flow', 'delivery-asia', ...asOf] },
  { name: 'explain-multi-hop', args: ['explain', `${M}/multi-hop`, '--flow', 'trial-to-cro', ...asOf] },
  { name: 'explain-multi-hop-json', args: ['explain', `${M}/multi-hop`, '--flow', 'cro-to-datalab', ...asOf, '-f', 'json'] },
  { name: 'explain-policy', args: ['explain', SAAS, '--flow', 'hosting', '--policy', POLICY, ...asOf] },
  { name: 'explain-cn-packs', args: ['explain', `${M}/uk-ch-cn-group.yaml`, '--flow', 'cn-to-hq', '--add-packs', 'cn-pipl', ...asOf] },
  { name: 'explain-unknown-flow', args: ['explain', SAAS, '--flow', 'nope', ...asOf] },
  { name: 'explain-no-flow', args: ['explain', SAAS, ...asOf] },
  // --- registry
  { name: 'check-registry', args: ['check', 'examples/registry', ...asOf] },
  { name: 'check-registry-json', args: ['check', 'examples/registry', ...asOf, '-f', 'json'] },
  // --- rules
  { name: 'rules-list', args: ['rules'] },
  { name: 'rules-list-json', args: ['rules', '-f', 'json'] },
  { name: 'rules-all-packs', args: ['rules', '--packs', 'eu-gdpr,jp-appi,eu-jp-supplementary,uk-gdpr,ch-fadp,cn-pipl'] },
  { name: 'rules-policy', args: ['rules', '--policy', POLICY] },
  { name: 'rules-policy-json', args: ['rules', '--policy', POLICY, '-f', 'json'] },
  { name: 'rules-one', args: ['rules', 'eu-gdpr/transfer-without-basis'] },
  { name: 'rules-one-json', args: ['rules', 'eu-gdpr/transfer-without-basis', '-f', 'json'] },
  { name: 'rules-one-jp', args: ['rules', 'jp-appi/foreign-provision-without-basis'] },
  { name: 'rules-unknown', args: ['rules', 'eu-gdpr/nope'] },
  // --- schema
  ...['manifest', 'policy', 'report', 'waivers', 'policy-test'].map((s) => ({ name: `schema-${s}`, args: ['schema', s] })),
  { name: 'schema-unknown', args: ['schema', 'nope'] },
  // --- test
  { name: 'test-policies', args: ['test', 'examples/policies'] },
  { name: 'test-policies-json', args: ['test', 'examples/policies', '-f', 'json'] },
  { name: 'test-scenarios-eu-jp', args: ['test', 'test/scenarios/eu-jp-supplementary.yaml'] },
  // --- import fides
  { name: 'import-fides-samples', args: ['import', 'fides', 'test/fixtures/fides/samples', '--party-countries', 'test/fixtures/fides/party-countries.yaml'] },
  { name: 'import-fides-samples-json', args: ['import', 'fides', 'test/fixtures/fides/samples', '--party-countries', 'test/fixtures/fides/party-countries.yaml', '-f', 'json', '--system-id', 'golden'] },
  { name: 'import-fides-no-countries', args: ['import', 'fides', 'test/fixtures/fides/samples/demo_system.yml', '-q'] },
  { name: 'import-fides-legacy-out', args: ['import', 'fides', 'test/fixtures/fides/legacy', '--party-countries', 'test/fixtures/fides/legacy/party-countries.yaml', '-o', '<tmp>/legacy.yaml'] },
  // --- init
  { name: 'init-tmp', args: ['init', '<tmp>/project'] },
  // --- help and errors
  { name: 'help', args: ['--help'] },
  { name: 'version', args: ['--version'] },
  { name: 'no-command', args: [] },
  ...['check', 'extract', 'diff', 'validate', 'explain', 'init', 'schema', 'rules', 'test', 'import', 'serve'].map((c) => ({ name: `help-${c}`, args: [c, '--help'] })),
  { name: 'help-import-fides', args: ['import', 'fides', '--help'] },
  { name: 'unknown-command', args: ['chek', M] },
  { name: 'unknown-option', args: ['check', M, '--frobnicate'] },
  { name: 'bad-format', args: ['check', M, ...asOf, '-f', 'pdf'] },
  { name: 'validate-no-paths', args: ['validate'] },
];
