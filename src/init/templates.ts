/**
 * The files `dfft init` writes: a starter manifest, a policy that extends the built-in packs, a
 * waiver file, a policy test, and a GitHub Actions workflow that uploads SARIF to code scanning.
 * `$schema` paths assume dfft is installed in the project's node_modules (editors then offer
 * completion and hover docs).
 */
export const INIT_FILES: Record<string, string> = {
  'dataflows/example.yaml': `# A data-flow manifest: the parties a system deals with, its datasets, and the flows between
# them with the legal mechanisms they rely on. See node_modules/dfft/schemas/manifest.schema.json.
$schema: ../node_modules/dfft/schemas/manifest.schema.json
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
`,
  'dfft-policy.yaml': `# The organisation's policy: the law (built-in packs) plus its own rules and overrides.
$schema: ./node_modules/dfft/schemas/policy.schema.json
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
`,
  'dfft-waivers.yaml': `# Accepted findings: each names the rule and the flow (or a finding's fingerprint), why it is
# accepted, who approved it and until when. A waived finding stays in reports but does not fail the
# run; from its expiry date on it counts again. Example:
#   - ruleId: eu-gdpr/missing-tia
#     flowId: hosting
#     reason: TIA in progress with the vendor, due end of quarter
#     approver: dpo@example.com
#     expires: 2026-12-31
$schema: ./node_modules/dfft/schemas/waivers.schema.json
waiversVersion: 1
waivers: []
`,
  'dfft-policy.test.yaml': `# Tests of the organisation's rules: run with \`npx dfft test dfft-policy.test.yaml\`.
$schema: ./node_modules/dfft/schemas/policy-test.schema.json
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
`,
  '.github/workflows/dfft.yml': `# Checks the data-flow manifests on every push and pull request, and uploads the findings to
# GitHub code scanning (Security tab, and annotations on pull requests).
name: dfft
on:
  push:
  pull_request:
permissions:
  contents: read
  security-events: write
jobs:
  dfft:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - name: Policy tests
        run: npx dfft test dfft-policy.test.yaml
      - name: Check data flows
        run: npx dfft check dataflows --policy dfft-policy.yaml --waivers dfft-waivers.yaml -f text -f sarif=dfft.sarif
      - name: Upload SARIF to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: dfft.sarif
          category: dfft
`,
};
