/**
 * dfft as another team uses it: an ES module in TypeScript (module nodenext) that imports 'dfft'
 * by its package name and compiles against the published declarations. test/api/library-consumer.test.ts
 * compiles and runs it against the built package.
 */
import {
  createChecker,
  exitCodeOf,
  DiagnosticError,
  formatDiagnostic,
  formatters,
  joinChunks,
  loadPolicy,
  validateManifest,
  type Finding,
  type ManifestInput,
  type Report,
  type Verdict,
} from 'dfft';
import { vendorManifest } from './vendor-manifest.js';

const AS_OF = '2026-11-28';
const input: ManifestInput = { file: 'crm.json', manifest: vendorManifest };

// 1. An onboarding form validates what it is given before storing it (no law needed).
const validation = validateManifest(input);
console.log(`valid: ${validation.valid} (${validation.counts.flows} flows)`);

// 2. A pipeline compiles the policy once, then checks synchronously as often as it likes.
const checker = await createChecker({ asOf: AS_OF, packs: ['eu-gdpr', 'jp-appi', 'eu-jp-supplementary'] });
const report: Report = checker.check([input]);
const verdicts: Record<string, Verdict> = Object.fromEntries(report.flows.map((f) => [f.id, f.verdict]));
for (const [flow, verdict] of Object.entries(verdicts)) console.log(`${flow}: ${verdict}`);
const errors: Finding[] = report.findings.filter((f) => f.severity === 'error');
for (const f of errors) console.log(`${f.ruleId} on ${f.flowId} (${f.citation.law} ${f.citation.article})`);

// 3. The formatters, for a pull-request comment or a code-scanning upload. SARIF (like json,
// ndjson, junit, csv and text) comes in pieces, to write one by one or join.
const markdown = await formatters.markdown(report);
const sarif = JSON.parse(joinChunks(formatters.sarif(report))) as { version: string };
console.log(`markdown: ${markdown.split('\n')[0]}`);
console.log(`sarif: ${sarif.version}`);

// 4. Why one flow got its verdict.
const why = checker.explain([input], 'hotline');
console.log(`explain hotline: ${why.verdict}, decided by ${why.decisive.join(', ')}`);

// 5. What a policy contains, and its errors when it is wrong (every one located).
const policy = await loadPolicy({ packs: ['eu-gdpr'] });
console.log(`eu-gdpr rules: ${policy.packs[0]?.rules.length ?? 0}`);
try {
  await createChecker({ packs: ['eu-gdp'] });
} catch (err) {
  if (!(err instanceof DiagnosticError)) throw err;
  for (const d of err.diagnostics) console.log(`policy error: ${formatDiagnostic(d)}`);
}

process.exitCode = exitCodeOf(report, 'error');
