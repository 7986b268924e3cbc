/* eslint-disable */
/**
 * Generated from schemas/report.schema.json by scripts/generate-types.js.
 * DO NOT MODIFY IT BY HAND: edit the schema and run `npm run generate:types`.
 */

/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Severity".
 */
export type Severity = ("error" | "warning" | "info")
/**
 * A flow as a report file gives it, lean or full: the fields of FlowResult (the same property schemas), of which a lean report leaves out exporterName, importerName, exporterCountry, importerCountry, categories and subjects (they are in parties and datasets). The library holds every flow as a FlowResult.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "ReportFlow".
 */
export type ReportFlow = FlowResult
/**
 * violation: an error-level finding; not-assessed: the flow is not in force on asOf (active: false, not judged), or it leaves a country and no active rule pack judged it while a built-in pack not in the run would (a warning for --fail-on); neither is ever counted as allowed; review: the worst is a warning; allowed: otherwise. Findings of rules the policy disabled do not count.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Verdict".
 */
export type Verdict = ("allowed" | "review" | "violation" | "not-assessed")

/**
 * The result of `dfft check`: every flow with its verdict and basis, every finding, and what the check was run on. The json format writes it lean by default (names, countries, categories and subjects once, in parties and datasets, not on every flow; locations of flows and findings without endLine and endColumn) and in full with --full; both shapes validate against this schema. docs/report-format.md describes both.
 */
export interface Report {
/**
 * Version of the report format: 2 since the lean report (parties and datasets tables; per-flow names, countries, categories and subjects only in the full report).
 */
reportVersion: 2
tool: ToolInfo
/**
 * The date the law was applied for.
 */
asOf: string
/**
 * The language of the report's texts (rule titles, messages, remediations, bases, country and category names): en (English) or ja (Japanese). Absent: English. Ids, codes and citations' law names do not change with it.
 */
lang?: ("en" | "ja")
policy: PolicyInfo
/**
 * The manifests checked, with their sha256.
 */
inputs: InputFile[]
summary: Summary
/**
 * The parties the flows name, once each, sorted by id: where a lean flow's exporter and importer names and countries are.
 */
parties?: PartyInfo[]
/**
 * The datasets the flows carry, once each, sorted by id: a lean flow's categories and subjects are the sorted union of those of its datasets.
 */
datasets?: DatasetInfo[]
/**
 * The categories of the report's datasets that a law treats as special, once each, sorted by id, with the taxonomy's flags (rules/data/taxonomy.yaml): GDPR Art. 9(1) special categories and Art. 10 criminal-offence data, APPI Art. 2(3) special care-required personal information. The transfer register names them apart from the other categories (GDPR Art. 30(1)(c), Art. 9, Art. 10; APPI Art. 2(3)).
 */
specialCategories?: SpecialCategoryInfo[]
/**
 * One entry per flow, in input order.
 */
flows: ReportFlow[]
/**
 * Findings, sorted by file, position and rule.
 */
findings: Finding[]
/**
 * Input errors (bad files, schema errors, unknown references). Any error makes the exit code 2.
 */
errors: InputErrorEntry[]
/**
 * Problems that do not stop the run nor fail it, e.g. an expired waiver or a waiver that matches no finding.
 */
warnings?: ReportWarning[]
/**
 * With a baseline: the findings of the baseline that this run no longer has (fixed, or their flow changed or left), sorted by rule, flow and fingerprint. Present when a baseline was applied.
 */
fixedSinceBaseline?: FixedFinding[]
/**
 * The rules that produced the findings of the report, with their titles and citations (for SARIF rule metadata and readers).
 */
rules?: RuleInfo[]
/**
 * With --horizon: the last day of the horizon; bases and flows ending by then are reported as warnings.
 */
horizon?: string
/**
 * With --shard i/n: this report covers only shard `index` of `count`: the flows start..end-1 (0-based, in the model's order) of `flows`. Every file was read, validated and resolved and origins were computed over all flows; `errors` and the warnings that do not depend on findings are the whole run's. dfft merge unions the n shard reports into the unsharded report.
 */
shard?: {
/**
 * This shard, 1-based.
 */
index: number
/**
 * How many shards the run was split into.
 */
count: number
/**
 * The first flow of this shard (0-based index in the model's order).
 */
start: number
/**
 * One past the last flow of this shard.
 */
end: number
/**
 * Flows in the whole run (every shard's model).
 */
flows: number
}
}
/**
 * The tool that made the report.
 */
export interface ToolInfo {
/**
 * Always "dfft".
 */
name: string
/**
 * dfft version.
 */
version: string
}
/**
 * The packs and policy files that were applied.
 */
export interface PolicyInfo {
packs: PackInfo[]
/**
 * Organisation policy files, with their sha256.
 */
files: InputFile[]
/**
 * Rules changed by the policy.
 */
overrides: AppliedOverride[]
waivers?: InputFile
baseline?: InputFile
/**
 * Parameters of the packs that an organisation policy set to another value than the pack's default (absent when none is).
 */
parameters?: SetParameter[]
}
/**
 * A rule pack.
 */
export interface PackInfo {
/**
 * Pack id.
 */
id: string
/**
 * Law or policy.
 */
title: string
/**
 * Pack version.
 */
version: string
/**
 * State of the law the pack encodes.
 */
effective: string
}
/**
 * A file read by the run.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "InputFile".
 */
export interface InputFile {
/**
 * Path as given.
 */
file: string
sha256: string
}
/**
 * A rule changed by the policy.
 */
export interface AppliedOverride {
/**
 * Rule id.
 */
rule: string
severity?: Severity
enabled?: boolean
/**
 * Why.
 */
reason: string
/**
 * Whether the rule belongs to a built-in rule pack (the law as dfft encodes it), not to an organisation policy.
 */
builtin: boolean
/**
 * The severity the rule has in its pack, before the override.
 */
ruleSeverity?: ("error" | "warning" | "info")
location?: SourceLocation
}
/**
 * A place in an input file; lines and columns are 1-based.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "SourceLocation".
 */
export interface SourceLocation {
/**
 * Path as given.
 */
file: string
line: number
column: number
/**
 * Where the located value ends. Full report only (--full) in the locations of flows and findings.
 */
endLine?: number
/**
 * Where the located value ends (exclusive). Full report only (--full) in the locations of flows and findings.
 */
endColumn?: number
/**
 * RFC 6901 JSON Pointer into the file, e.g. /flows/1/to.
 */
pointer: string
}
/**
 * A parameter set by the policy.
 */
export interface SetParameter {
/**
 * Parameter name (params.<name>).
 */
name: string
/**
 * The value the run used.
 */
value: number | boolean | string
/**
 * The default the pack declares.
 */
default: number | boolean | string
location?: SourceLocation
}
/**
 * Counts.
 */
export interface Summary {
/**
 * Number of flows judged.
 */
flows: number
verdicts: VerdictCounts
findings: SeverityCounts
/**
 * Number of input errors.
 */
errors: number
/**
 * Findings under an active waiver (present when waivers were applied).
 */
waived?: number
/**
 * Findings already in the baseline (present when a baseline was applied).
 */
baselined?: number
/**
 * Flows not in force on asOf (active: false): listed with the verdict not-assessed, not judged, and counted here rather than in verdicts (present when there are any).
 */
inactive?: number
/**
 * Findings of rules the policy disabled: kept in the report with policyOverride, out of the verdicts, the severity counts and the exit code (present when the policy overrides rules).
 */
disabled?: number
/**
 * Findings whose severity the policy lowered: counted at the lowered severity (present when the policy overrides rules).
 */
lowered?: number
/**
 * Number of warnings (present when there are any).
 */
warnings?: number
/**
 * Findings of the baseline that this run no longer has (present when a baseline was applied): fixedSinceBaseline lists them.
 */
fixed?: number
}
/**
 * Flows by verdict.
 */
export interface VerdictCounts {
allowed: number
review: number
violation: number
/**
 * Flows that leave a country and that no active rule pack judged (the built-in packs that would are in each flow's wouldApply).
 */
"not-assessed": number
}
/**
 * Findings by severity, not counting those of rules the policy disabled (summary.disabled).
 */
export interface SeverityCounts {
error: number
warning: number
info: number
}
/**
 * A party that a flow of the report names.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "PartyInfo".
 */
export interface PartyInfo {
/**
 * Party id.
 */
id: string
/**
 * Party name.
 */
name?: string
/**
 * Country (ISO 3166-1 alpha-2), or the code of an international organisation.
 */
country: string
}
/**
 * A dataset that a flow of the report carries.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "DatasetInfo".
 */
export interface DatasetInfo {
/**
 * Dataset id.
 */
id: string
/**
 * Dataset name.
 */
name?: string
/**
 * Its data categories, sorted, each once.
 */
categories: string[]
/**
 * Its kinds of data subjects, sorted, each once.
 */
subjects: string[]
/**
 * The titles of its categories in the taxonomy (rules/data/taxonomy.yaml), by category id, for readers: "E-mail address" for contact.email. A category the taxonomy does not have is left out (show its id).
 */
categoryTitles?: {
[k: string]: string | undefined
}
}
/**
 * A data category that a law treats as special, with its flags from the taxonomy (inherited from its parent where it sets none).
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "SpecialCategoryInfo".
 */
export interface SpecialCategoryInfo {
/**
 * Category id, e.g. health.diagnosis.
 */
id: string
/**
 * art9: a special category of GDPR Art. 9(1); art10: personal data relating to criminal convictions and offences (Art. 10).
 */
gdpr?: ("art9" | "art10")
/**
 * Special care-required personal information (要配慮個人情報) under APPI Art. 2(3) and Cabinet Order Art. 2; present only when true.
 */
appiSpecialCare?: boolean
}
/**
 * A legal problem with a flow.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Finding".
 */
export interface Finding {
/**
 * Stable rule id.
 */
ruleId: string
/**
 * Pack or policy the rule belongs to.
 */
regime: string
severity: Severity
/**
 * The flow.
 */
flowId: string
/**
 * Chain of flow ids that brought the data here (onward transfers); ends with flowId.
 */
path: string[]
/**
 * What is wrong.
 */
message: string
citation: Citation
/**
 * How to fix it.
 */
remediation: string
location: SourceLocation
/**
 * What a baseline or a waiver by fingerprint accepts: a hash of the rule (its id and a digest of its definition: conditions, severity, chain group and the policy variables they use, not its wording), the chain of flow ids, and the facts of every flow on the chain (the flow's fields and mechanisms, its exporter's and importer's countries, roles, sectors and certifications, the categories, subjects and identifiability of the data it carries and their origin). It changes when those facts change; it does not change with names, descriptions, x- extensions, the ids of parties and datasets, positions, or the order of files, declarations and lists.
 */
fingerprint: string
waiver?: AppliedWaiver
/**
 * Set when a baseline was applied: unchanged when the baseline has a finding with the same fingerprint. Unchanged findings do not fail the run.
 */
baselineState?: ("new" | "unchanged")
policyOverride?: PolicyOverrideMark
}
/**
 * Legal source.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Citation".
 */
export interface Citation {
/**
 * Law.
 */
law: string
/**
 * Article.
 */
article: string
url?: string
}
/**
 * The waiver that matched a finding. An active waiver keeps the finding in the report but out of the exit code; an expired one (expires on or before asOf) does not.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "AppliedWaiver".
 */
export interface AppliedWaiver {
/**
 * active: the finding is waived; expired: it counts again.
 */
status: ("active" | "expired")
/**
 * Why the finding is accepted.
 */
reason: string
/**
 * Who accepted it.
 */
approver: string
/**
 * First day on which the waiver no longer applies.
 */
expires: string
location: SourceLocation
}
/**
 * Set on a finding of a rule the policy overrode. A disabled rule is still evaluated: its findings are kept with their own severity, but count in no verdict, no severity total and no exit code.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "PolicyOverrideMark".
 */
export interface PolicyOverrideMark {
/**
 * disabled: enabled: false; lowered or raised: the policy changed the severity (the finding carries the new one).
 */
change: ("disabled" | "lowered" | "raised")
/**
 * The severity the rule has in its pack.
 */
ruleSeverity: ("error" | "warning" | "info")
/**
 * The reason the policy gives.
 */
reason: string
/**
 * The policy file of the override.
 */
file?: string
}
/**
 * Bad input.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "InputErrorEntry".
 */
export interface InputErrorEntry {
/**
 * Error code, e.g. manifest/schema.
 */
code: string
/**
 * What is wrong and what was expected.
 */
message: string
/**
 * A suggestion.
 */
hint?: string
location?: SourceLocation
}
/**
 * A problem that neither stops nor fails the run.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "ReportWarning".
 */
export interface ReportWarning {
/**
 * Warning code, e.g. waiver/expired.
 */
code: string
/**
 * What is wrong.
 */
message: string
/**
 * A suggestion.
 */
hint?: string
location?: SourceLocation
}
/**
 * A finding of the baseline that this run no longer has, as the baseline gave it.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "FixedFinding".
 */
export interface FixedFinding {
/**
 * Its fingerprint in the baseline.
 */
fingerprint: string
/**
 * The rule that gave it, when the baseline says.
 */
ruleId?: string
/**
 * Its flow, when the baseline says.
 */
flowId?: string
severity?: Severity
/**
 * Its message in the baseline.
 */
message?: string
}
/**
 * A rule, as a report names it.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "RuleInfo".
 */
export interface RuleInfo {
/**
 * Rule id.
 */
id: string
/**
 * One line saying what the rule checks.
 */
title: string
severity: Severity
/**
 * Pack or policy of the rule.
 */
regime: string
citation: Citation
/**
 * Longer explanation of the rule and the law behind it.
 */
description?: string
}
/**
 * What made a flow lawful under one rule: a basis no error of the run rejected (see FailedBasis).
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Basis".
 */
export interface Basis {
/**
 * Pack id.
 */
regime: string
/**
 * Rule id.
 */
ruleId: string
/**
 * The basis, e.g. "adequacy: Commission Implementing Decision (EU) 2019/419 (Japan)".
 */
text: string
/**
 * The basis in English, given when the report is in another language: the register reads the legal reference from it.
 */
en?: string
/**
 * W3C DPV identifier of the basis (prefix eu-gdpr: is https://w3id.org/dpv/legal/eu/gdpr#).
 */
dpv?: string
/**
 * The last day the basis applies, where it has an end (an adequacy decision with an end date, a transition).
 */
until?: string
}
/**
 * A basis a rule passed on that did not make the flow lawful on the date: an error of its pack (or of a pack that adds conditions to it, such as the Supplementary Rules to the APPI) on the same flow rejected it.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "FailedBasis".
 */
export interface FailedBasis {
/**
 * Pack id.
 */
regime: string
/**
 * Rule id.
 */
ruleId: string
/**
 * The basis, e.g. "adequacy: Commission Implementing Decision (EU) 2019/419 (Japan)".
 */
text: string
/**
 * The basis in English, given when the report is in another language: the register reads the legal reference from it.
 */
en?: string
/**
 * W3C DPV identifier of the basis (prefix eu-gdpr: is https://w3id.org/dpv/legal/eu/gdpr#).
 */
dpv?: string
/**
 * The last day the basis applies, where it has an end (an adequacy decision with an end date, a transition).
 */
until?: string
/**
 * The rules whose error-level findings on this flow rejected the basis, sorted.
 * 
 * @minItems 1
 */
rejectedBy: [string, ...(string)[]]
}
/**
 * The verdict on one flow, as the library gives it and a full report (--full) writes it.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "FlowResult".
 */
export interface FlowResult {
/**
 * Flow id.
 */
id: string
/**
 * Exporter party id.
 */
from: string
/**
 * Importer party id.
 */
to: string
/**
 * Exporter country. Full report only (--full): a lean report gives it once, in parties.
 */
exporterCountry: string
/**
 * Importer country. Full report only (--full): a lean report gives it once, in parties.
 */
importerCountry: string
datasets: string[]
/**
 * false when asOf is outside startsOn..endsOn; such a flow is not judged, and its verdict is not-assessed.
 */
active: boolean
verdict: Verdict
/**
 * Packs whose regime applied to the flow.
 */
regimes: string[]
/**
 * What made the flow lawful, per rule that passed on a named basis.
 */
basis: Basis[]
/**
 * Bases rules passed on that an error on the same flow rejected: evidence of what was relied on and failed, never of what made the flow lawful. Left out when there are none.
 */
failedBasis?: FailedBasis[]
location: SourceLocation
/**
 * Exporter name. Full report only (--full): a lean report gives it once, in parties.
 */
exporterName?: string
/**
 * Importer name. Full report only (--full): a lean report gives it once, in parties.
 */
importerName?: string
/**
 * The data categories the flow carries (of all its datasets). Full report only (--full): a lean report gives it once per dataset, in datasets.
 */
categories?: string[]
/**
 * The kinds of data subjects (of all its datasets). Full report only (--full): a lean report gives it once per dataset, in datasets.
 */
subjects?: string[]
/**
 * The purposes the flow declares, as written (absent when it declares none).
 */
purposes?: string[]
/**
 * Whether the flow leaves a jurisdiction: the countries differ, or the importer is an international organisation.
 */
crossBorder?: boolean
/**
 * For a not-assessed flow: the built-in rule packs, not active in the run, whose scope covers the flow.
 */
wouldApply?: string[]
/**
 * The first day of the flow, as declared (absent when it declares none).
 */
startsOn?: string
/**
 * The last day of the flow, as declared (absent when it declares none).
 */
endsOn?: string
/**
 * The legal tools the flow declares, as the manifest writes them (type, decision, module, signedOn, completedOn, ...), for the transfer register: the references and dates of its safeguards. What made the flow lawful is in basis; a tool listed here may not hold (see the findings). Absent when it declares none.
 */
mechanisms?: DeclaredMechanism[]
encryption?: DeclaredEncryption
}
/**
 * A legal tool as a manifest declares it (schemas/manifest.schema.json, Mechanism): its type and the fields of that type.
 * 
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "DeclaredMechanism".
 */
export interface DeclaredMechanism {
/**
 * The kind of tool: scc, bcr, tia, derogation, appi-consent, ...
 */
type: string
[k: string]: unknown | undefined
}
/**
 * The flow's encryption, as the manifest declares it (absent when it declares none).
 */
export interface DeclaredEncryption {
inTransit?: boolean
atRest?: boolean
keysHeldIn?: string
[k: string]: unknown | undefined
}
