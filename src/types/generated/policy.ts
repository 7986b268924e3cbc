/* eslint-disable */
/**
 * Generated from schemas/policy.schema.json by scripts/generate-types.js.
 * DO NOT MODIFY IT BY HAND: edit the schema and run `npm run generate:types`.
 */

/**
 * Name of the law or policy the pack encodes.
 */
export type LocalizedTitle = (string | TitleByLanguage)
/**
 * Parameters this file declares.
 */
export type ParameterDeclarations = ParameterDeclaration[]
/**
 * A parameter's value: a number, a boolean or a string.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "ParameterValue".
 */
export type ParameterValue = number | boolean | string
/**
 * One line saying what the rule checks.
 */
export type LocalizedTitle1 = (string | TitleByLanguage)
/**
 * A CEL expression (https://cel.dev) over flow, exporter, importer, data, asOf, lists and params, with the dfft functions.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "Expression".
 */
export type Expression = string
/**
 * The basis it gives, e.g. "adequacy: Commission Implementing Decision (EU) 2019/419".
 */
export type LocalizedTemplate = (Template | TemplateByLanguage)
/**
 * Text with {{ CEL expression }} placeholders.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "Template".
 */
export type Template = string
/**
 * The finding's message, naming the flow, the countries and the data.
 */
export type LocalizedTemplate1 = (Template | TemplateByLanguage)
/**
 * How to fix it.
 */
export type LocalizedTemplate2 = (Template | TemplateByLanguage)
/**
 * Calendar date, YYYY-MM-DD.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "Date".
 */
export type Date = string
/**
 * Rule id: <pack or policy>/<kebab-case-name>.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "RuleId".
 */
export type RuleId = string
/**
 * error: a violation; warning: needs review; info: for the record.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "Severity".
 */
export type Severity = ("error" | "warning" | "info")
/**
 * A template in one language for every reader, or one per language: {en: ..., ja: ...}. English is required; a language left out falls back to English. The built-in packs give every language, with the same placeholders in each (a lawyer reviews them side by side).
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "LocalizedTemplate".
 */
export type LocalizedTemplate3 = (Template | TemplateByLanguage)
/**
 * A one-line title in one language, or one per language: {en: ..., ja: ...}. English is required; a language left out falls back to English.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "LocalizedTitle".
 */
export type LocalizedTitle2 = (string | TitleByLanguage)

/**
 * A dfft policy file: a rule pack (with `pack`) or an organisation policy that extends packs, adds rules and overrides them. Conditions are CEL expressions; messages are templates with {{ CEL }} placeholders.
 */
export interface PolicyFile {
/**
 * URI or path of this JSON Schema, for editors.
 */
$schema?: string
/**
 * Version of the policy format. Always 1.
 */
policyVersion: 1
pack?: PackInfo
/**
 * Name of an organisation policy (default "policy"): the regime its own rules report under.
 */
name?: string
/**
 * Built-in packs ("dfft:eu-gdpr") or policy files (relative paths) whose rules this policy starts from.
 */
extends?: string[]
/**
 * Named lists of strings, usable in conditions as lists.<name>.
 */
lists?: {
[k: string]: string[] | undefined
}
/**
 * Named values, usable in conditions as params.<name>. A pack declares them (a list, each with its default and the source of that default); an organisation policy sets them (an object of name: value) without touching the rules. A value must have the type of the default; an unknown name is an error.
 */
parameters?: (ParameterDeclarations | ParameterSettings)
/**
 * Named CEL expressions, evaluated at most once per flow (or once per counterparty, with scope: counterparty) and usable in this file's conditions and templates as variables.<name> (as in Kubernetes ValidatingAdmissionPolicy). A variable may use the ones before it.
 */
variables?: Variable[]
/**
 * Rules this file adds.
 */
rules?: Rule[]
/**
 * Changes to rules of the extended packs.
 */
overrides?: RuleOverride[]
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
/**
 * Makes this file a rule pack: a named, versioned set of rules for one regime.
 */
export interface PackInfo {
/**
 * Pack id; the prefix of its rule ids and the name of the regime in reports.
 */
id: string
title: LocalizedTitle
/**
 * Semantic version of the pack.
 */
version: string
/**
 * Date of the state of the law the pack encodes.
 */
effective: string
/**
 * What the pack covers and what it leaves out.
 */
description?: string
/**
 * Official source of the law.
 */
url?: string
/**
 * When the regime applies to a flow. Rules of the pack are evaluated only then; the flow lists the pack among its regimes.
 */
appliesWhen: string
/**
 * Whether the pack is applied when a run names no policy and no packs.
 */
default?: boolean
/**
 * Names of pack groups this built-in pack belongs to: `--packs <preset>` (or `--add-packs <preset>`) applies every pack of the group, e.g. dfft-partners for the other DFFT partners' transfer rules. `default` names the default packs.
 * 
 * @maxItems 16
 */
presets?: []|[string]|[string, string]|[string, string, string]|[string, string, string, string]|[string, string, string, string, string]|[string, string, string, string, string, string]|[string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]|[string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string]
/**
 * Packs whose law this pack adds conditions to (the Supplementary Rules to the APPI): an error of this pack on a flow also rejects the bases those packs gave it, which the report then lists as failed (failedBasis) rather than as what made the flow lawful.
 */
amends?: string[]
}
export interface TitleByLanguage {
/**
 * English.
 */
en: string
/**
 * Japanese (日本語).
 */
ja?: string
}
/**
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "ParameterDeclaration".
 */
export interface ParameterDeclaration {
/**
 * Name, used as params.<name>.
 */
name: string
/**
 * What the parameter decides, for readers and dfft rules.
 */
description: string
/**
 * The value when no policy sets it; its type (integer, number, boolean or string) is the parameter's type.
 */
default: number | boolean | string
/**
 * Where the default comes from (law, guidance), or why it was chosen.
 */
source?: string
}
/**
 * Values for parameters declared by the extended packs or policies.
 */
export interface ParameterSettings {
[k: string]: ParameterValue | undefined
}
export interface Variable {
/**
 * Name, used as variables.<name>.
 */
name: string
/**
 * The CEL expression.
 */
expression: string
/**
 * What the value depends on. flow (the default): evaluated at most once per flow, with everything a condition sees. counterparty: evaluated once for all the flows between the same exporter and the same importer (each party with the other parties of its legalEntity), for laws that add up the transactions with one counterparty over a period (28 CFR 202.205); it may use asOf, lists, params, counterpartyData(), counterpartyFlows(), the functions that do not read the flow, and the counterparty variables before it. counterpartyData() and counterpartyFlows() may be called only here, so that the work stays linear in the number of flows.
 */
scope?: ("flow" | "counterparty")
/**
 * What the variable means, for readers and dfft explain.
 */
description?: string
}
/**
 * When `when` holds for a flow and `require` does not, the rule reports a finding.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "Rule".
 */
export interface Rule {
/**
 * Stable id of the rule, <pack or policy name>/<kebab-case-name>; reports, waivers and overrides refer to it.
 */
id: string
title: LocalizedTitle1
/**
 * error: the flow is a violation; warning: it needs review; info: for the record.
 */
severity: ("error" | "warning" | "info")
citation: Citation
/**
 * Longer explanation of the rule and the law behind it.
 */
description?: string
/**
 * Caveats, e.g. facts marked UNCONFIRMED in the sources.
 */
notes?: string
inForce?: RuleInForce
/**
 * When the rule applies to a flow (default: always, within its regime).
 */
when?: string
/**
 * What must hold when the rule applies: a CEL expression, or alternatives each naming the basis that makes the flow lawful. Without `require`, the rule reports whenever `when` holds.
 */
require?: (Expression | Alternatives)
message: LocalizedTemplate1
remediation: LocalizedTemplate2
/**
 * A country group (e.g. EEA): the finding's path traces the data back to the flow where data of that origin entered the chain. Without it, the path traces the first personal dataset back to where it was collected.
 */
chainFrom?: string
}
/**
 * The law, article and official URL the rule encodes (for an organisation rule, its own policy).
 */
export interface Citation {
/**
 * The law or policy, e.g. "GDPR".
 */
law: string
/**
 * Article, recital or section, e.g. "Art. 44".
 */
article: string
/**
 * Official URL of the text.
 */
url?: string
urls?: CitationUrls
}
/**
 * The text in a reader's language, where it differs from `url`: a report in that language links to it (the APPI's own text on e-Gov in Japanese reports, where `url` is the PPC's English translation).
 */
export interface CitationUrls {
/**
 * The text in Japanese (e.g. e-Gov 法令検索).
 */
ja?: string
}
/**
 * The dates the law this rule encodes applies, when not the whole life of its pack (an article added by an amendment, a regime replaced by another). The rule judges a flow only when asOf is on or after `from` and on or before `until`; before or after, it does not apply. `dfft rules` shows these dates.
 */
export interface RuleInForce {
/**
 * The first day the law applies (inclusive).
 */
from?: string
/**
 * The last day the law applies (inclusive).
 */
until?: string
/**
 * Where the dates come from: the act, its commencement provision, an official page.
 */
source?: string
}
export interface Alternatives {
/**
 * The first alternative that holds makes the flow lawful under this rule and is reported as its basis.
 * 
 * @minItems 1
 */
anyOf: [Alternative, ...(Alternative)[]]
}
export interface Alternative {
/**
 * A CEL expression (https://cel.dev) over flow, exporter, importer, data, asOf, lists and params, with the dfft functions.
 */
if: string
basis: LocalizedTemplate
/**
 * A CEL expression (https://cel.dev) over flow, exporter, importer, data, asOf, lists and params, with the dfft functions.
 */
until?: string
/**
 * Text with {{ CEL expression }} placeholders.
 */
dpv?: string
}
export interface TemplateByLanguage {
/**
 * Text with {{ CEL expression }} placeholders.
 */
en: string
/**
 * Text with {{ CEL expression }} placeholders.
 */
ja?: string
}
export interface RuleOverride {
/**
 * Id of the rule to change.
 */
rule: string
/**
 * New severity.
 */
severity?: ("error" | "warning" | "info")
/**
 * false turns the rule off.
 */
enabled?: boolean
/**
 * Why the rule is changed (kept in the report).
 */
reason: string
}
/**
 * The legal (or internal policy) source of a rule.
 * 
 * This interface was referenced by `PolicyFile`'s JSON-Schema
 * via the `definition` "Citation".
 */
export interface Citation1 {
/**
 * The law or policy, e.g. "GDPR".
 */
law: string
/**
 * Article, recital or section, e.g. "Art. 44".
 */
article: string
/**
 * Official URL of the text.
 */
url?: string
urls?: CitationUrls
}
