/**
 * Core types shared by every stage. The report shapes come from schemas/report.schema.json;
 * the manifest and policy shapes from their schemas (see ./generated).
 */
import type { Finding, FlowResult, Report, SourceLocation, Citation, Basis, InputErrorEntry, AppliedWaiver, ReportWarning, RuleInfo, PolicyOverrideMark } from './generated/report';

export type { Finding, FlowResult, Report, SourceLocation, Citation, Basis, InputErrorEntry, AppliedWaiver, ReportWarning, RuleInfo, PolicyOverrideMark };
export type { DataFlowManifest, Party, Dataset, Flow, Mechanism } from './generated/manifest';
export type { DfftConfig } from './generated/config';
export type { PolicyFile, Rule, RuleOverride, PackInfo as PolicyPackInfo, ParameterValue, ParameterDeclaration } from './generated/policy';

/** Severities are strings everywhere in data; never 0/1/2. */
export type Severity = 'error' | 'warning' | 'info';
export type Verdict = 'allowed' | 'review' | 'violation' | 'not-assessed';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Orders severities, worst first: error < warning < info. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}

/** A file given to a run: its name as the user gave it and its text. */
export interface SourceText {
  file: string;
  text: string;
  /** sha256 of the file's bytes, when read from disk (otherwise of the text as UTF-8). */
  sha256?: string;
}
