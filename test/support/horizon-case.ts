// One DE→IN flow without a basis and a waiver of it expiring 2027-03-01: the horizon tests of the
// CLI and of the library's checkRun use the same case, so that their reports can be compared.
export const manifest = `manifestVersion: 1
system: { id: horizon }
parties:
  - { id: de, country: DE }
  - { id: in, country: IN, role: processor }
datasets:
  - { id: customers, categories: [contact], collectedIn: [DE] }
flows:
  - { id: out, from: de, to: in, datasets: [customers] }
`;
export const waivers = `waiversVersion: 1
waivers:
  - ruleId: eu-gdpr/transfer-without-basis
    flowId: out
    reason: SCCs being signed
    approver: dpo@example.com
    expires: 2027-03-01
`;
