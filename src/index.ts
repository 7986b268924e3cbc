/**
 * dfft as a library. Every export is named here; nothing else is public.
 */
export { createChecker, check, validateManifests, type Checker, type CheckerOptions, type CheckOptions, type ManifestInput, type ValidationResult } from './library/checker';
export { diagnostic, DiagnosticError, errorEntry, formatDiagnostic, sortDiagnostics, type Diagnostic, type DiagnosticCode, type DiagnosticLike, type DiagnosticSeverity, type LineStyle, type Result } from './source/diagnostic';
export { formatters, FORMAT_NAMES, joinChunks, type Chunks, type FormatName, type Formatter, type FormatOptions, type StreamFormatter } from './report/formatters';
export type { SyncFormatter } from './report/formatters/types';
export { exitCodeOf, type FailOn } from './report/exit-code';
export { applyWaivers, type Waiver, type WaiverSet } from './report/waivers';
export { applyBaseline, type Baseline } from './report/baseline';
export { mergeReports } from './report/merge-reports';
export { shardRange, parseShard, type ShardSpec, type ShardInfo } from './report/shard';
export { readReportFile, parseReportText } from './library/read-report';
export { exportOrigins, formatOrigins, parseOriginsFile, readOriginsFile, type OriginImport, type OriginTableFile } from './library/origin-table-file';
export type { ImportedOrigin, ImportedFlow } from './resolve/origin';
export { parseWaiverFile, parseBaselineFile } from './report/load-suppressions';
export { loadLaw } from './law/load-law';
export { loadPolicyDocuments, builtinPackIds, type PolicySelection } from './policy/load-policy';
export type { Report, Finding, FlowResult, SourceLocation, Citation, Basis, AppliedWaiver, ReportWarning, Severity, Verdict, SourceText, DataFlowManifest, Party, Dataset, Flow, Mechanism, PolicyFile, Rule, DfftConfig } from './types';
export { createFidesImporter, formatManifest, type FidesImporter, type FidesImporterOptions, type FidesImportOptions, type FidesImportResult, type ManifestFormat } from './import/fides';
export { declareFlow, declareParty, declareDataset, declaresFlow, type FlowDecorator } from './declare';
export { extractProject, loadProjectManifests, validateExtracted, relocateReport, diffFlows, type ExtractOptions, type ExtractResult, type ProjectManifests, type ExtractConfig, type EgressFinding, type XSource, type FlowDifference, type FlowSide } from './extract';
export { validateManifest, loadPolicy, describePolicy, explain, type ManifestValidation, type ValidateManifestOptions, type PolicyDescription, type PackDescription, type RuleDescription, type Explanation, type ConditionExplanation, type DataExplanation, type PackExplanation, type RuleExplanation, type ExplanationRead } from './library/api';
export { formatExplanation } from './report/explain-text';
export type { Summary, ToolInfo, PolicyInfo, InputFile, InputErrorEntry, RuleInfo } from './types/generated/report';
export type { Limits } from './source/limits';
export { VERSION } from './version';
export { LANGS, DEFAULT_LANG, isLang, type Lang, type Localized } from './i18n/lang';

// A whole run, and what the command line and the service need to read input and show output.
export { checkRun, runWithChecker, type RunWithCheckerOptions, type RunOptions, type RunResult, type SuppressionText, type ReportFinisher } from './library/run';
export { readManifestPaths, readDeclaredFlows, readWaiverFile, readBaselineFile, type ManifestFiles, type ReadManifestPathsOptions, type DeclaredFlow } from './library/read-files';
export { formatDiagnostics as formatExtractDiagnostics } from './extract';
export { manifestText } from './manifest/manifest-text';
export type { ProgressListener } from './library/checker';
export { createResultCache, ResultCache, type CachedEvaluation, type CacheStats } from './library/cache/result-cache';
export { readResultCache, writeResultCache, DEFAULT_CACHE_FILE } from './library/cache/cache-file';
export { isFormatName } from './report/formatters';
export { codeFrame } from './report/formatters/code-frame';
export { escapeControl } from './source/escape-control';
export { didYouMean } from './source/did-you-mean';
export { readTextFile, describeFsError, describeKind, pathExists } from './source/read-file';
export { findConfig, CONFIG_FILES, type LoadedConfig, type FindConfigOptions } from './config/find-config';
export { loadIgnore, IGNORE_FILE } from './config/ignore-file';
export { assertPeers, MissingPeerError, OPTIONAL_PEERS, type PeerFeature } from './source/peer-dependency';
export { describeRule } from './library/api';
export type { PolicyParameter } from './policy/parameters';
export { initFiles, CI_SYSTEMS, SCHEMA_DIR, EDITOR_SCHEMAS, schemaFileName, type CiSystem } from './init/templates';
export { findTestFiles } from './policy-test/find-test-files';
export { checkerOptionsFor, loadTestFile, runTestFile, type LoadedTestFile, type TestResult } from './policy-test/run-tests';

// What the service (src/server) needs beyond the calls above: dates as the CLI checks them, the
// report in the service's formats, and the located parsing of request bodies; for dfft's own
// front ends, not a stable API.
export { today, assertDate } from './library/checker';
export { validateWithLaw } from './library/api';
export type { Law } from './law/law';
export { BINARY_FORMATS } from './report/formatters';
export { formatReport, reportChunks, compactJsonReport, REPORT_BATCH_BYTES, DEFAULT_MAX_REPORT_BYTES } from './report/format-report';
export { loadSchema, type SchemaName } from './source/schemas';
export { createAjv } from './source/ajv';
export { toDiagnostics } from './source/schema-errors';
export { decodeUtf8 } from './source/parse-source';
export { SourceDocument } from './source/source-document';
export { toPointer, pointerToPath } from './source/pointer';
export { scanJson, type JsonScanResult } from './source/json-scan';
export { scanJsonStructure } from './source/json-structure';
