/**
 * dfft as a library. Every export is named here; nothing else is public.
 */
export { createChecker, check, validateManifests, type Checker, type CheckerOptions, type CheckOptions, type ManifestInput, type ValidationResult } from './library/checker';
export { InputError, InputErrors, type InputErrorCode } from './source/input-error';
export { formatters, FORMAT_NAMES, type FormatName, type Formatter, type FormatOptions } from './report/formatters';
export type { SyncFormatter } from './report/formatters/types';
export { exitCodeOf, type FailOn } from './report/exit-code';
export { applyWaivers, type Waiver, type WaiverSet } from './report/waivers';
export { applyBaseline, type Baseline } from './report/baseline';
export { parseWaiverFile, parseBaselineFile } from './report/load-suppressions';
export { loadLaw } from './law/load-law';
export { loadPolicyDocuments, builtinPackIds, type PolicySelection } from './policy/load-policy';
export type { Report, Finding, FlowResult, SourceLocation, Citation, Basis, AppliedWaiver, ReportWarning, Severity, Verdict, SourceText, DataFlowManifest, Party, Dataset, Flow, Mechanism, PolicyFile, Rule } from './types';
export { createFidesImporter, formatManifest, formatDiagnostic, type FidesImporter, type FidesImporterOptions, type FidesImportOptions, type FidesImportResult, type ManifestFormat, type ImportDiagnostic, type ImportDiagnosticCode } from './import/fides';
export { declareFlow, declareParty, declareDataset, declaresFlow, type FlowDecorator } from './declare';
export { extractProject, loadProjectManifests, validateExtracted, relocateReport, diffFlows, ExtractDiagnostic, type ExtractOptions, type ExtractResult, type ProjectManifests, type ExtractDiagnosticCode, type ExtractConfig, type EgressFinding, type XSource, type FlowDifference, type FlowSide } from './extract';
export { validateManifest, loadPolicy, describePolicy, explain, type ManifestValidation, type ValidateManifestOptions, type PolicyDescription, type PackDescription, type RuleDescription, type Explanation, type ConditionExplanation, type DataExplanation, type PackExplanation, type RuleExplanation, type ExplanationRead } from './library/api';
export { formatExplanation } from './report/explain-text';
export type { Summary, ToolInfo, PolicyInfo, InputFile, InputErrorEntry, RuleInfo } from './types/generated/report';
export type { Limits } from './source/limits';
export { VERSION } from './version';

// A whole run, and what the command line and the service need to read input and show output.
export { checkRun, type RunOptions, type RunResult, type SuppressionText, type ReportFinisher } from './library/run';
export { readManifestPaths, readDeclaredFlows, readWaiverFile, readBaselineFile, type ManifestFiles, type ReadManifestPathsOptions, type DeclaredFlow } from './library/read-files';
export { formatDiagnostics as formatExtractDiagnostics } from './extract';
export { manifestText } from './manifest/manifest-text';
export type { ProgressListener } from './library/checker';
export type { Parsed } from './report/load-suppressions';
export { formatReport } from './report/format-report';
export { BINARY_FORMATS, isFormatName } from './report/formatters';
export { codeFrame } from './report/formatters/code-frame';
export { escapeControl } from './source/escape-control';
export { didYouMean } from './source/did-you-mean';
export { sortErrors } from './source/input-error';
export { readTextFile, describeFsError, describeKind } from './source/read-file';
export { loadSchema, type SchemaName } from './source/schemas';
export { describeRule } from './library/api';
export type { PolicyParameter } from './policy/parameters';
export { INIT_FILES } from './init/templates';
export { findTestFiles } from './policy-test/find-test-files';
export { checkerOptionsFor, loadTestFile, runTestFile, type LoadedTestFile, type TestResult } from './policy-test/run-tests';
