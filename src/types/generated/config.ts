/* eslint-disable */
/**
 * Generated from schemas/config.schema.json by scripts/generate-types.js.
 * DO NOT MODIFY IT BY HAND: edit the schema and run `npm run generate:types`.
 */

/**
 * A size in bytes, or with a unit: 64MiB, 500KB, 1GB.
 * 
 * This interface was referenced by `DfftConfig`'s JSON-Schema
 * via the `definition` "Size".
 */
export type Size = (number | string)

/**
 * The project's dfft configuration: dfft.config.yaml, .yml, .json, .js or .cjs, or the "dfft" key of package.json, found by searching upward from the current folder to the repository's root. Paths in it are relative to the folder it is in. Command-line flags override it.
 */
export interface DfftConfig {
/**
 * The JSON Schema this file is written against (for editors).
 */
$schema?: string
/**
 * What `dfft check` checks when it is given no paths: manifest files, or folders searched for them (default: the folder of this file).
 * 
 * @minItems 1
 */
paths?: [string, ...(string)[]]
/**
 * Files and folders not to look in for manifests, in .gitignore syntax, relative to the folder of this file; added to those of a .dfftignore file beside it. A file named on the command line is checked even when a pattern matches it.
 * 
 * @maxItems 1000
 */
ignore?: string[]
/**
 * The organisation policy file, as --policy.
 */
policy?: string
/**
 * Exactly these built-in rule packs, as --packs.
 * 
 * @minItems 1
 */
packs?: [string, ...(string)[]]
/**
 * Built-in rule packs applied as well as the default ones, as --add-packs.
 * 
 * @minItems 1
 */
addPacks?: [string, ...(string)[]]
/**
 * The waiver file, as --waivers.
 */
waivers?: string
/**
 * A JSON report of an earlier run, as --baseline.
 */
baseline?: string
/**
 * Output formats, as repeated -f: a format name (to stdout) or name=file (the file relative to the folder of this file). Any -f on the command line replaces this list.
 * 
 * @minItems 1
 */
formats?: [string, ...(string)[]]
/**
 * The lowest severity that makes the exit code 1, as --fail-on (default: error).
 */
failOn?: ("error" | "warning" | "info" | "none")
/**
 * As --horizon: also warn about bases and flows that end within this period (e.g. 180d, 26w, 6m, 1y).
 */
horizon?: string
/**
 * The language of the reports' texts (as --lang): en (English, the default) or ja (Japanese: rule titles, messages, remediations, bases, headings, registers and the summary line, in the PPC's terms). Ids, codes and citations stay as written.
 */
lang?: ("en" | "ja")
/**
 * As --cache: reuse the results of unchanged flows.
 */
cache?: boolean
/**
 * As --cache-location (default .dfftcache in the current folder).
 */
cacheLocation?: string
/**
 * As --pretty: indented json and sarif.
 */
pretty?: boolean
/**
 * As --full: the full report in json and ndjson.
 */
full?: boolean
/**
 * As --project: also check the flows declared in this TypeScript project (tsconfig.json). The extraction keys below (system, hosts, ignoreHosts, modules) configure it.
 */
project?: string
/**
 * Bounds on a run, as the --max-* flags.
 */
limits?: {
/**
 * As --max-file-size.
 */
maxFileSize?: (number | string)
/**
 * As --max-files.
 */
maxFiles?: number
/**
 * As --max-flows.
 */
maxFlows?: number
/**
 * As --max-condition-cost.
 */
maxConditionCost?: number
/**
 * As --max-report-size.
 */
maxReportSize?: (number | string)
}
/**
 * Extraction (dfft extract, check --project): the system of the extracted manifest.
 */
system?: {
id: string
}
/**
 * Extraction: host pattern → party id.
 */
hosts?: {
[k: string]: string | undefined
}
/**
 * Extraction: host patterns that are not egress.
 */
ignoreHosts?: string[]
/**
 * Extraction: more modules the declaration helpers are imported from.
 */
modules?: string[]
/**
 * Extension field, ignored by dfft.
 * 
 * This interface was referenced by `DfftConfig`'s JSON-Schema definition
 * via the `patternProperty` "^x-".
 */
[k: string]: unknown | undefined
}
