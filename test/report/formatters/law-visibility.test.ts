import { formatters, joinChunks } from '../../../src/report/formatters';
import { toSarif } from '../../../src/report/formatters/sarif';
import { exitCodeOf } from '../../../src/report/exit-code';
import type { Finding, Report } from '../../../src/types';
import { fixtureReport } from '../support/fixtures';

// Formatters from a fixed report (no engine): a policy that disabled one built-in rule and lowered
// another, and a flow that no pack of the run judged. Every format must show all three.

const DISABLED_REASON = 'Vendor list signed off by Legal <LEGAL-7> | "all"';
const LOWERED_REASON = 'Japanese entity winding down';

/** The fixture with support's finding under a disabled rule, jp-ads's lowered to info, and a not-assessed Swiss flow. */
function lawOffReport(): Report {
  const r = fixtureReport();
  const support = r.findings.find((f) => f.flowId === 'support')!;
  support.policyOverride = { change: 'disabled', ruleSeverity: 'error', reason: DISABLED_REASON, file: 'policy.yaml' };
  const jp = r.findings.find((f) => f.flowId === 'jp-ads')!;
  jp.severity = 'info';
  jp.policyOverride = { change: 'lowered', ruleSeverity: 'error', reason: LOWERED_REASON, file: 'policy.yaml' };
  r.flows.find((f) => f.id === 'support')!.verdict = 'allowed';
  r.flows.find((f) => f.id === 'jp-ads')!.verdict = 'allowed';
  const template = r.flows.find((f) => f.id === 'hosting')!;
  const location = { ...template.location, line: 90, pointer: '/flows/9' };
  r.flows.push({ ...template, id: 'ch-export', from: 'shop-ch', to: 'mail-us', exporterCountry: 'CH', importerCountry: 'US', regimes: [], basis: [], verdict: 'not-assessed', wouldApply: ['ch-fadp'], location });
  const notAssessed: Finding = {
    ruleId: 'dfft/not-assessed', regime: 'dfft', severity: 'warning', flowId: 'ch-export', path: ['ch-export'],
    message: 'Flow ch-export (CH to US) leaves the country, and no built-in rule pack of this run judges it; the built-in pack ch-fadp would: it was not assessed.',
    citation: { law: 'dfft', article: 'fail-closed evaluation (README, "Bail or report")' },
    remediation: 'Add ch-fadp to the run (--add-packs ch-fadp).', location, fingerprint: 'f'.repeat(28),
  };
  r.findings.push(notAssessed);
  r.policy.overrides = [
    { rule: 'eu-gdpr/transfer-without-basis', enabled: false, reason: DISABLED_REASON, builtin: true, ruleSeverity: 'error', location: { file: 'policy.yaml', line: 5, column: 11, pointer: '/overrides/0/rule' } },
    { rule: 'jp-appi/foreign-provision-without-basis', severity: 'info', reason: LOWERED_REASON, builtin: true, ruleSeverity: 'error', location: { file: 'policy.yaml', line: 8, column: 11, pointer: '/overrides/1/rule' } },
  ];
  r.summary = { ...r.summary, flows: 9, verdicts: { allowed: 5, review: 1, violation: 2, 'not-assessed': 1 }, findings: { error: 2, warning: 2, info: 2 }, disabled: 1, lowered: 1, warnings: 2 };
  r.warnings = [
    { code: 'policy/law-disabled', message: `the policy disables built-in rule eu-gdpr/transfer-without-basis ("${DISABLED_REASON}"); it would have fired on 1 flow: support`, location: r.policy.overrides[0].location },
    { code: 'policy/law-lowered', message: `the policy lowers the severity of built-in rule jp-appi/foreign-provision-without-basis from error to info ("${LOWERED_REASON}"); it fired on 1 flow: jp-ads`, location: r.policy.overrides[1].location },
  ];
  return r;
}

/** A report where every flow is allowed and only the policy's overrides could tell otherwise. */
function quietLawOffReport(): Report {
  const r = lawOffReport();
  r.errors = [];
  r.findings = r.findings.filter((f) => f.policyOverride);
  r.flows = r.flows.filter((f) => f.verdict !== 'not-assessed').map((f) => ({ ...f, verdict: 'allowed' }));
  r.summary = { ...r.summary, flows: r.flows.length, errors: 0, verdicts: { allowed: r.flows.length, review: 0, violation: 0, 'not-assessed': 0 }, findings: { error: 0, warning: 0, info: 1 } };
  return r;
}

describe('formats of a report whose policy overrides the law', () => {
  it('text: never ✔ when every flow is allowed only because the policy disabled or lowered built-in rules', async () => {
    const out = joinChunks(formatters.text(quietLawOffReport()));
    const last = out.trimEnd().split('\n').pop()!;
    expect(last).toMatch(/^! 0 problems \(0 errors, 0 warnings, 1 info\); 8 flows: 8 allowed, 0 to review, 0 in violation; the policy overrides the law: eu-gdpr\/transfer-without-basis disabled \(1 finding on this run; reason: Vendor list signed off by Legal <LEGAL-7> \| "all"\), jp-appi\/foreign-provision-without-basis severity error → info \(1 finding on this run; reason: Japanese entity winding down\)/);
    expect(out).toContain('rule disabled by policy\n    policy: rule disabled by the policy: Vendor list signed off by Legal <LEGAL-7> | "all" (policy.yaml)');
    expect(out).toContain('policy: severity lowered by the policy from error to info: Japanese entity winding down (policy.yaml)');
  });

  it('exit code: a disabled rule\'s finding does not fail the run, a lowered one counts at its new severity', () => {
    expect(exitCodeOf(quietLawOffReport(), 'error')).toBe(0);
    expect(exitCodeOf(quietLawOffReport(), 'info')).toBe(1); // the lowered finding is an info now
    const onlyDisabled = { ...quietLawOffReport(), findings: quietLawOffReport().findings.filter((f) => f.policyOverride?.change === 'disabled') };
    expect(exitCodeOf(onlyDisabled, 'info')).toBe(0);
  });

  it('text: counts the not-assessed flow on its own and names the pack that would judge it', async () => {
    const last = joinChunks(formatters.text(lawOffReport())).trimEnd().split('\n').pop()!;
    expect(last).toContain('9 flows: 5 allowed, 1 to review, 2 in violation, 1 not assessed; not assessed: no built-in rule pack of this run judges that flow; ch-fadp would (--add-packs ch-fadp)');
  });

  it('sarif: the disabled rule\'s result is suppressed by the policy with its reason; the lowered one keeps its original severity in properties', () => {
    const run = toSarif(lawOffReport()).runs[0];
    const disabled = run.results!.find((r) => r.properties?.flowId === 'support')!;
    expect(disabled.level).toBe('error');
    expect(disabled.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: `rule eu-gdpr/transfer-without-basis disabled by the policy policy.yaml: ${DISABLED_REASON}`, location: { physicalLocation: expect.objectContaining({ region: { startLine: 5, startColumn: 11 } }) } }]);
    const lowered = run.results!.find((r) => r.properties?.flowId === 'jp-ads')!;
    expect(lowered.level).toBe('note');
    expect(lowered.suppressions).toBeUndefined();
    expect(lowered.properties?.policyOverride).toEqual({ change: 'lowered', ruleSeverity: 'error', reason: LOWERED_REASON, file: 'policy.yaml' });
    expect(run.properties?.policyOverrides).toEqual(lawOffReport().policy.overrides);
    expect((run.properties?.summary as Report['summary']).verdicts['not-assessed']).toBe(1);
    expect(run.invocations![0].toolExecutionNotifications!.map((n) => n.descriptor!.id)).toEqual(expect.arrayContaining(['policy/law-disabled', 'policy/law-lowered']));
  });

  it('junit: the disabled finding does not fail its case but is in its output with the reason; the pack\'s suite names the override', async () => {
    const xml = joinChunks(formatters.junit(lawOffReport()));
    const supportCase = /<testcase classname="eu-gdpr" name="support [^>]*>[\s\S]*?<\/testcase>/.exec(xml)![0];
    expect(supportCase).not.toContain('<failure');
    expect(supportCase).toContain(`error eu-gdpr/transfer-without-basis [rule disabled by the policy: Vendor list signed off by Legal &lt;LEGAL-7&gt; | "all" (policy.yaml)]`);
    expect(xml).toContain('<property name="policyOverride eu-gdpr/transfer-without-basis" value="disabled: Vendor list signed off by Legal &lt;LEGAL-7&gt; | &quot;all&quot;"/>');
    expect(xml).toContain('<property name="policyOverride jp-appi/foreign-provision-without-basis" value="severity error → info: Japanese entity winding down"/>');
    expect(xml).toMatch(/<testcase classname="dfft" name="ch-export [^>]*>\n\s*<failure message="Flow ch-export \(CH to US\) leaves the country/);
  });

  it('markdown: a caution block names each overridden built-in rule with its reason, and the not-assessed count is bold', async () => {
    const md = (await formatters.markdown(lawOffReport())) as string;
    expect(md).toContain('> [!CAUTION]\n> The policy overrides the law:\n> - `eu-gdpr/transfer-without-basis` disabled: Vendor list signed off by Legal &lt;LEGAL-7&gt; \\| "all"\n> - `jp-appi/foreign-provision-without-basis` severity error → info: Japanese entity winding down');
    expect(md).toContain('**1 not assessed**');
    expect(md).toContain('`ch-fadp` would judge it');
    expect(md).toContain(' · _rule disabled by the policy_');
    expect(md).toContain('| Regulation | Flows | Allowed | Review | Violation | Not assessed | Errors | Warnings | Info |');
  });

  it('html: the page head says the policy overrides the law, with the reason; findings carry the policy\'s mark', async () => {
    const html = (await formatters.html(lawOffReport())) as string;
    expect(html).toContain('<p class="status status-review">The policy overrides built-in rule eu-gdpr/transfer-without-basis: disabled. Reason given: Vendor list signed off by Legal &lt;LEGAL-7&gt; | &quot;all&quot;</p>');
    expect(html).toContain('<span class="badge badge-waived">rule disabled by policy</span>');
    expect(html).toContain('<dt>Policy</dt><dd>severity lowered by the policy from error to info: Japanese entity winding down (policy.yaml)</dd>');
    expect(html).toMatch(/<div class="card-value">1<\/div><div class="card-label">Not assessed<\/div>/);
    expect(html).toContain('Not assessed: <code>ch-fadp</code> would judge this flow.');
  });

  it('csv: the register row of a flow carries what the policy did to its findings, and the not-assessed flow says so', async () => {
    const csv = joinChunks(formatters.csv(lawOffReport()));
    const row = (id: string) => csv.split('\n').find((l) => l.startsWith(`${id},`))!;
    expect(row('support')).toContain(`eu-gdpr/transfer-without-basis (error; rule disabled by the policy: ${DISABLED_REASON.replace(/"/g, '""')} (policy.yaml))`);
    expect(row('jp-ads')).toContain('jp-appi/foreign-provision-without-basis (info; severity lowered by the policy from error to info: Japanese entity winding down (policy.yaml))');
    expect(row('ch-export')).toContain('not assessed: no built-in rule pack of this run judges it; ch-fadp would');
    expect(row('ch-export')).toContain(',not-assessed,');
  });

  it('xlsx: the About sheet lists the overrides with their reasons and the warnings', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await formatters.xlsx(lawOffReport())) as unknown as ArrayBuffer);
    const about: string[] = [];
    wb.getWorksheet('About')!.eachRow((r) => about.push((r.values as unknown[]).slice(1).join(' | ')));
    expect(about).toEqual(expect.arrayContaining([
      `Policy override of eu-gdpr/transfer-without-basis (built-in rule) | disabled: ${DISABLED_REASON}`,
      'Policy override of jp-appi/foreign-provision-without-basis (built-in rule) | severity error → info: Japanese entity winding down',
      expect.stringMatching(/^Warning policy\/law-disabled \| the policy disables built-in rule eu-gdpr\/transfer-without-basis/),
    ]));
  });

  it('json: keeps every mark as it is', async () => {
    const json = JSON.parse(joinChunks(formatters.json(lawOffReport()))) as Report;
    expect(json.findings.filter((f) => f.policyOverride).map((f) => f.policyOverride!.change)).toEqual(['disabled', 'lowered']);
    expect(json.summary).toMatchObject({ disabled: 1, lowered: 1, verdicts: { 'not-assessed': 1 } });
  });
});
