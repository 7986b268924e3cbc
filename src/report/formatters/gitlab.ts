import { Hasher } from '../../source/hasher';
import type { InputErrorEntry, Report, ReportWarning, Severity, SourceLocation } from '../../types';
import { ciSeverity, findingSummary, problemSummary } from './ci-text';
import { jsonChunks, StreamedArray } from './json-chunks';
import { repositoryPath } from './shared';
import type { StreamFormatter } from './types';

/** GitLab's severities, lowest first (docs.gitlab.com/ci/testing/code_quality, "Implement a custom tool"). */
export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** One issue of a GitLab Code Quality report: the fields GitLab reads (it ignores the rest of the Code Climate spec). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number; end?: number } };
}

/**
 * A finding's severity in GitLab: an error is `critical` (a transfer the law does not allow, the
 * worst dfft finds in a flow, and it fails the run), a warning `minor`, info `info`. `major` is
 * left unused so that the two levels that fail a run under the default --fail-on stand apart.
 */
const SEVERITIES: Record<Severity, CodeQualitySeverity> = { error: 'critical', warning: 'minor', info: 'info' };

/**
 * GitLab's Code Quality report (`artifacts: reports: codequality:`): a JSON array of issues, one
 * piece each, in the order of the github format: input errors (`blocker`: the check could not
 * judge that input, and the run exits 2), findings in report order (by severity, a finding that
 * does not fail the run as `info` with the reason in its description), then the run's warnings
 * (`minor`). A finding's fingerprint is dfft's, which does not move with line numbers, so the
 * merge request widget matches findings across commits; an error's or warning's is a hash of its
 * code, file, pointer and message. GitLab keeps one issue per fingerprint, so a repeated one is
 * made unique, in report order. Paths are as given, relative to the repository root where the
 * job runs; a problem with no location points at the root (`.`, line 1). Compact, or indented
 * with `pretty`. GitLab checks each issue against its app/validators/json_schemas/codeclimate.json
 * (a copy in test/fixtures/gitlab, which the tests hold the output to).
 */
export const formatGitlab: StreamFormatter = function* (report, options = {}) {
  yield* jsonChunks(new StreamedArray(codeQualityIssues(report)), options.pretty ?? false);
  yield '\n';
};

/** The issues of a report, made one at a time as they are written. */
export function* codeQualityIssues(report: Report): Generator<CodeQualityIssue> {
  const unique = uniqueFingerprints();
  for (const e of report.errors) yield problemIssue(e, 'blocker', 'dfft/input-error', unique);
  for (const f of report.findings) {
    yield { description: findingSummary(f), check_name: f.ruleId, fingerprint: unique(f.fingerprint), severity: SEVERITIES[ciSeverity(f)], location: locationOf(f.location) };
  }
  for (const w of report.warnings ?? []) yield problemIssue(w, 'minor', 'dfft/warning', unique);
}

function problemIssue(p: InputErrorEntry | ReportWarning, severity: CodeQualitySeverity, kind: string, unique: (fingerprint: string) => string): CodeQualityIssue {
  const hash = new Hasher();
  for (const part of [kind, p.code, p.location?.file ?? '', p.location?.pointer ?? '', p.message]) hash.text(part);
  return { description: problemSummary(p), check_name: p.code, fingerprint: unique(hash.hex()), severity, location: locationOf(p.location) };
}

function locationOf(location: SourceLocation | undefined): CodeQualityIssue['location'] {
  if (!location) return { path: '.', lines: { begin: 1 } };
  const { line, endLine } = location;
  return { path: repositoryPath(location.file).path, lines: endLine !== undefined && endLine > line ? { begin: line, end: endLine } : { begin: line } };
}

/** Each fingerprint as given the first time; a repeat gets a hash of it and its count, in order. */
function uniqueFingerprints(): (fingerprint: string) => string {
  const seen = new Set<string>();
  return (fingerprint) => {
    let out = fingerprint;
    for (let n = 2; seen.has(out); n++) {
      const hash = new Hasher();
      hash.text('dfft/repeat');
      hash.text(fingerprint);
      hash.number(n);
      out = hash.hex();
    }
    seen.add(out);
    return out;
  };
}
