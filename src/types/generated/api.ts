/* eslint-disable */
/**
 * Generated from schemas/api.schema.json by scripts/generate-types.js.
 * DO NOT MODIFY IT BY HAND: edit the schema and run `npm run generate:types`.
 */

import type { DataFlowManifest } from './manifest';
import type { Basis, Finding, InputFile, Severity, SourceLocation, Verdict } from './report';

/**
 * One manifest: its text as in a file (YAML or JSON), or the manifest as a JSON object. Give every manifest a flow depends on in the same request: party and dataset ids are global across them.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ManifestInput".
 */
export type ManifestInput = (ManifestInput1 & ManifestInput2)
export type ManifestInput1 = (TextTheManifestAsYAMLOrJSONText | ManifestTheManifestAsAnObject)
/**
 * @minItems 1
 * @maxItems 1000
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ManifestList".
 */
export type ManifestList = [ManifestInput, ...(ManifestInput)[]]
/**
 * The date the law is applied for, YYYY-MM-DD (default: the server's --as-of, else today, UTC).
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "AsOf".
 */
export type AsOf = string
/**
 * The language of the answer's texts, as `--lang`: en (English, the default) or ja (Japanese: rule titles, messages, remediations, bases, headings and registers). Ids, codes and citations stay as written; errors in the request stay English.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "Lang".
 */
export type Lang = ("en" | "ja")
/**
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "InputFiles".
 */
export type InputFiles = InputFile[]
/**
 * One alternative of a rule's require: its condition and, when it held, the basis it gives.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "AlternativeExplanation".
 */
export type AlternativeExplanation = (ConditionExplanation & {
basis?: string
})

/**
 * The bodies of the HTTP API (`dfft serve`): requests, answers and errors. Manifests and reports are schemas/manifest.schema.json and schemas/report.schema.json, referenced by their $id.
 */
export interface DfftApi {
[k: string]: unknown | undefined
}
export interface TextTheManifestAsYAMLOrJSONText {
text: string
}
export interface ManifestTheManifestAsAnObject {
manifest: {

}
}
export interface ManifestInput2 {
/**
 * A name for the manifest in messages and reports, e.g. "crm.yaml"; with `text`, a .json or .yaml ending picks the parser. The service never opens a file of that name.
 */
file: string
/**
 * The manifest as YAML or JSON text; errors are located by line and column in it.
 */
text?: string
manifest?: DataFlowManifest
}
/**
 * Manifests to check against the server's policy, as `dfft check` does.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "CheckRequest".
 */
export interface CheckRequest {
manifests: ManifestList
asOf?: AsOf
lang?: Lang
/**
 * The form of the answer: json (the report, the default) or one of text, sarif, github, gitlab, junit, markdown, html, csv, appi-csv, xlsx.
 */
format?: ("text" | "json" | "sarif" | "github" | "gitlab" | "junit" | "markdown" | "html" | "csv" | "appi-csv" | "xlsx")
/**
 * The lowest severity that makes the dfft-exit-code header 1, as `--fail-on` (default: error).
 */
failOn?: ("error" | "warning" | "info" | "none")
/**
 * Waivers, as the content of a waiver file (schemas/waivers.schema.json), applied as `dfft check --waivers` does. Errors in it are located in its JSON text, named <request>/waivers.json, and answered with 422.
 */
waivers?: {

}
/**
 * A baseline: an earlier JSON report (schemas/report.schema.json), applied as `dfft check --baseline` does: findings it holds are unchanged and do not set dfft-exit-code. Errors in it are located in its JSON text, named <request>/baseline.json.
 */
baseline?: {

}
/**
 * As `--horizon`: also report bases and flows that end within this period after asOf (e.g. 180d, 26w, 6m, 1y).
 */
horizon?: string
}
/**
 * Manifests to validate (syntax, schema and references) without applying any law, as `dfft validate` does.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ValidateRequest".
 */
export interface ValidateRequest {
manifests: ManifestList
}
/**
 * Manifests and the id of one flow to explain, as `dfft explain --flow` does.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ExplainRequest".
 */
export interface ExplainRequest {
manifests: ManifestList
/**
 * Id of the flow to explain.
 */
flow: string
asOf?: AsOf
lang?: Lang
}
/**
 * The manifests are valid: what they declare.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ValidationResponse".
 */
export interface ValidationResponse {
valid: true
inputs: InputFiles
counts: {
parties: number
datasets: number
flows: number
}
}
/**
 * Why one flow got its verdict: every pack and rule considered, the values their conditions read, and the origin of each dataset (as `dfft explain --format json`).
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "Explanation".
 */
export interface Explanation {
asOf: string
flow: {
id: string
/**
 * Whether the date is within the flow's startsOn..endsOn.
 */
active: boolean
from: PartyView
to: PartyView
mechanisms: string[]
purposes: string[]
frequency: string
access: string
}
verdict: Verdict
/**
 * The rules that decided the verdict.
 */
decisive: string[]
data: DataExplanation[]
packs: PackExplanation[]
basis: Basis[]
findings: Finding[]
/**
 * For a not-assessed flow: the built-in packs, not in the run, that would judge it.
 */
wouldApply?: string[]
}
/**
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "PartyView".
 */
export interface PartyView {
id: string
name: string
country: string
role: string
sector?: string
}
/**
 * A dataset the flow carries: its categories and its origin at the exporter, with the flows that brought it there.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "DataExplanation".
 */
export interface DataExplanation {
id: string
identifiability: string
categories: string[]
/**
 * Origin at the exporter.
 */
origin: string[]
/**
 * Flows that brought it to the exporter, oldest first, with their endpoints.
 */
chain: {
flow: string
from: string
fromCountry: string
to: string
toCountry: string
}[]
}
/**
 * One pack considered for the flow: whether its appliesWhen held, and its rules.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "PackExplanation".
 */
export interface PackExplanation {
id: string
title: string
applies: (true | false | "undecidable")
condition: ConditionExplanation
rules: RuleExplanation[]
}
/**
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ConditionExplanation".
 */
export interface ConditionExplanation {
/**
 * The CEL expression.
 */
source: string
/**
 * What it gave.
 */
value?: unknown
/**
 * Why it could not be evaluated.
 */
error?: string
reads: Read[]
}
/**
 * A value an expression read, as `dfft explain` shows it: the sub-expression and what it gave.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "Read".
 */
export interface Read {
expression: string
value?: unknown
error?: string
}
/**
 * One rule considered for the flow: whether it applied, and why it passed or failed.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "RuleExplanation".
 */
export interface RuleExplanation {
id: string
title: string
severity: Severity
outcome: ("not-applicable" | "passed" | "failed" | "undecidable")
error?: string
/**
 * Set when the rule's law does not apply on asOf: the dates it applies (inclusive).
 */
notInForce?: {
from?: string
until?: string
}
when?: ConditionExplanation
require?: ConditionExplanation
alternatives?: AlternativeExplanation[]
message?: string
/**
 * The policy disabled the rule: it is judged all the same, and its findings count in no verdict.
 */
disabled?: boolean
}
/**
 * The server's policy: every pack and rule, as `dfft rules --format json`.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "PolicyDescription".
 */
export interface PolicyDescription {
packs: PackDescription[]
files: InputFiles
overrides: {
rule: string
severity?: Severity
enabled?: boolean
reason: string
/**
 * Whether the rule is of a built-in pack (the law), not of an organisation policy.
 */
builtin: boolean
ruleSeverity?: Severity
}[]
}
/**
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "PackDescription".
 */
export interface PackDescription {
id: string
kind: ("pack" | "policy")
title: string
version: string
effective: string
url?: string
rules: RuleDescription[]
}
/**
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "RuleDescription".
 */
export interface RuleDescription {
id: string
pack: string
title: string
severity: Severity
citation: RuleCitation
description?: string
notes?: string
/**
 * The dates the law the rule encodes applies (both inclusive), when not the whole life of its pack.
 */
inForce?: {
from?: string
until?: string
source?: string
}
/**
 * CEL condition under which the rule applies.
 */
when?: string
/**
 * CEL condition that must hold, or alternatives each giving a basis.
 */
require?: (string | {
if: string
basis: string
}[])
message: string
remediation: string
chainFrom?: string
/**
 * Where the rule is written: file#pointer.
 */
source: string
override?: {
reason: string
file: string
change?: ("disabled" | "lowered" | "raised")
ruleSeverity?: Severity
}
}
/**
 * A rule's citation as its pack writes it: the law, the article, the official URL, and `urls.ja` where a Japanese report links elsewhere (the APPI on e-Gov).
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "RuleCitation".
 */
export interface RuleCitation {
law: string
article: string
url?: string
urls?: {
ja?: string
}
}
/**
 * Every 4xx and 5xx answer. `errors` lists each problem, located where it can be.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ErrorResponse".
 */
export interface ErrorResponse {
statusCode: number
/**
 * HTTP reason phrase.
 */
error: string
/**
 * A summary.
 */
message: string
errors: ApiInputError[]
}
/**
 * One piece of bad input, as the CLI reports it.
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ApiInputError".
 */
export interface ApiInputError {
/**
 * Error code: manifest/schema, source/syntax, request/invalid-json, ...
 */
code: string
/**
 * What is wrong and what was expected.
 */
message: string
/**
 * A suggestion ("did you mean ...").
 */
hint?: string
location?: SourceLocation
/**
 * The line the CLI prints: "file:line:column message (hint)". Requests are named <request>.
 */
text: string
}
/**
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "HealthResponse".
 */
export interface HealthResponse {
status: "ok"
}
/**
 * Ready: the policy in use, and the outcome of the last reload (SIGHUP).
 * 
 * This interface was referenced by `DfftApi`'s JSON-Schema
 * via the `definition` "ReadinessResponse".
 */
export interface ReadinessResponse {
status: ("ready" | "closing")
policy: {
/**
 * 1 at start, one more at each successful reload.
 */
generation: number
loadedAt: string
packs: {
id: string
version: string
}[]
files: InputFiles
}
lastReload?: {
at: string
ok: boolean
/**
 * Number of policy errors of a failed reload (the old policy stays in use; the log has them).
 */
errors?: number
}
}
