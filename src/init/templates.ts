import { loadSchema, type SchemaName } from '../source/schemas';
import { VERSION } from '../version';

/** The CI systems `dfft init --ci` writes a job for. */
export const CI_SYSTEMS = ['github', 'gitlab', 'none'] as const;
export type CiSystem = (typeof CI_SYSTEMS)[number];

/** Where `dfft init` and `dfft schema --write` put the schemas, relative to the project's root (a hidden folder, so no check reads them as manifests). */
export const SCHEMA_DIR = '.dfft/schemas';

/** The schemas of the files a user writes, which editors validate and complete against. */
export const EDITOR_SCHEMAS: readonly SchemaName[] = ['manifest', 'policy', 'waivers', 'policy-test', 'config'];

/** The repository dfft is installed from, and the tag of this version. */
const REPOSITORY = 'dfft-dev/dfft';
const TAG = `v${VERSION}`;

/** A schema's file name in {@link SCHEMA_DIR}. */
export function schemaFileName(name: SchemaName): string {
  return `${name}.schema.json`;
}

/**
 * The files `dfft init` writes: the config file, a starter manifest, a policy that extends the
 * built-in packs, a waiver file, a policy test, the schemas (in the repository, so that editors
 * need no node_modules) and a CI job. Each YAML file names its schema in a
 * `# yaml-language-server: $schema=` comment (the YAML language server of VS Code, Neovim, Zed
 * and JetBrains reads it), relative to the file.
 */
export function initFiles(ci: CiSystem = 'github'): Record<string, string> {
  const files: Record<string, string> = {
    'dfft.config.yaml': CONFIG,
    'dataflows/example.yaml': MANIFEST,
    'dfft-policy.yaml': POLICY,
    'dfft-waivers.yaml': WAIVERS,
    'dfft-policy.test.yaml': POLICY_TEST,
  };
  for (const name of EDITOR_SCHEMAS) files[`${SCHEMA_DIR}/${schemaFileName(name)}`] = `${JSON.stringify(loadSchema(name), null, 2)}\n`;
  if (ci === 'github') files['.github/workflows/dfft.yml'] = GITHUB_WORKFLOW;
  if (ci === 'gitlab') files['.gitlab-ci.yml'] = GITLAB_JOB;
  return files;
}

/** The language server's schema comment for a file `depth` folders below the project's root. */
const schemaComment = (name: SchemaName, depth = 0): string => `# yaml-language-server: $schema=${'../'.repeat(depth)}${SCHEMA_DIR}/${schemaFileName(name)}`;

const CONFIG = `${schemaComment('config')}
# dfft's settings for this repository, found by \`dfft check\` from here or any folder below.
# Flags on the command line override them. Paths are relative to this file.
paths: [dataflows]
policy: dfft-policy.yaml
waivers: dfft-waivers.yaml
failOn: error
# Files and folders not to look in (also: a .dfftignore file, in .gitignore syntax):
# ignore: [dataflows/drafts/]
# Reports written on every run, besides the text on the terminal:
# formats: [text, sarif=dfft.sarif, markdown=dfft.md]
`;

const MANIFEST = `${schemaComment('manifest', 1)}
# A data-flow manifest: the parties a system deals with, its datasets, and the flows between
# them with the legal mechanisms they rely on.
manifestVersion: 1
system:
  id: my-service
  name: My service
  owner: privacy@example.com
parties:
  - { id: example-de, name: Example GmbH, country: DE, role: controller }
  - { id: hosting, name: Hosting Provider Inc., country: US, role: processor, certifications: [eu-us-dpf] }
datasets:
  - id: customers
    name: Customer accounts
    categories: [contact.email, identifiers.name]
    subjects: [customers]
    collectedIn: [DE]
    purposes: [service-delivery]
flows:
  - id: hosting
    from: example-de
    to: hosting
    datasets: [customers]
    purposes: [service-delivery]
`;

const POLICY = `${schemaComment('policy')}
# The organisation's policy: the law (built-in packs) plus its own rules and overrides.
policyVersion: 1
name: org
extends: ["dfft:eu-gdpr", "dfft:jp-appi", "dfft:eu-jp-supplementary"]
lists:
  approvedProcessors: [hosting]
rules:
  - id: org/approved-processors
    title: Personal data goes only to approved processors
    severity: warning
    citation: { law: Vendor policy, article: "§ 1" }
    when: personal() && importer.role in ["processor", "sub-processor"]
    require: importer.id in lists.approvedProcessors
    message: "Flow {{ flow.id }} sends personal data to {{ importer.name }}, which is not an approved processor."
    remediation: Put {{ importer.name }} through vendor onboarding and add it to lists.approvedProcessors.
overrides: []
`;

const WAIVERS = `${schemaComment('waivers')}
# Accepted findings: each names the rule and the flow (or a finding's fingerprint), why it is
# accepted, who approved it and until when. A waived finding stays in reports but does not fail the
# run; from its expiry date on it counts again. Example:
#   - ruleId: eu-gdpr/missing-tia
#     flowId: hosting
#     reason: TIA in progress with the vendor, due end of quarter
#     approver: dpo@example.com
#     expires: 2026-12-31
waiversVersion: 1
waivers: []
`;

const POLICY_TEST = `${schemaComment('policy-test')}
# Tests of the organisation's rules: run with \`dfft test dfft-policy.test.yaml\`.
policy: ./dfft-policy.yaml
asOf: 2026-01-01
tests:
  - name: An approved processor passes; any other is flagged
    why: Vendor policy § 1
    manifests:
      example.yaml: ./dataflows/example.yaml
    expect:
      flows:
        hosting: { verdict: allowed, fires: [] }
      absent:
        - { rule: org/approved-processors, flow: hosting }
`;

const GITHUB_WORKFLOW = `# Checks the data-flow manifests on pull requests and on pushes to the default branch (once each:
# a pull request's own pushes run as the pull request), writes the report to the job summary and
# uploads the findings to code scanning (Security tab, and annotations on pull requests).
# Settings are in dfft.config.yaml. If your default branch is not main, change it below.
name: dfft
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
  # upload-sarif: code scanning needs security-events, and actions to read the run in private repositories.
  security-events: write
  actions: read
concurrency:
  group: dfft-\${{ github.ref }}
  cancel-in-progress: true
jobs:
  dfft:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: lts/*
      - uses: ${REPOSITORY}@${TAG}
        with:
          policy-tests: dfft-policy.test.yaml
`;

const GITLAB_JOB = `# Checks the data-flow manifests in merge requests and on the default branch, and shows the
# findings in the merge request (Code Quality) and its test report (JUnit).
# Settings are in dfft.config.yaml.
dfft:
  image: node:lts
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - npm install --global --no-audit --no-fund "git+https://github.com/${REPOSITORY}.git#${TAG}"
    - dfft test dfft-policy.test.yaml
    - dfft check -f text -f gitlab=gl-code-quality-report.json -f junit=dfft-junit.xml
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
      junit: dfft-junit.xml
`;
