import type { Severity, SourceLocation } from '../../types';
import { ciSeverity, findingSummary, problemSummary } from './ci-text';
import { repositoryPath } from './shared';
import type { StreamFormatter } from './types';

/** The workflow command of each severity. */
const COMMANDS: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands, one line (one piece) each, that GitHub shows as annotations
 * on the pull request: the input errors (`::error`), then every finding in report order
 * (`::error`, `::warning`, `::notice` by severity; a finding that does not fail the run, being
 * waived, in the baseline or of a rule the policy disabled, is a `::notice` that says so), then
 * the run's warnings (`::warning`). Each names the file, line and column, and the rule id or the
 * error's code as title; its text is the message, the citation and the fix. A problem with no
 * location has no file properties. Nothing else is written: a report with nothing to say gives
 * no line. GitHub shows at most 10 annotations of each kind per step and 50 per job
 * (actions/toolkit docs/problem-matchers.md, "Limitations"); every line is written anyway, for
 * the log and for other readers, in the report's order.
 */
export const formatGithub: StreamFormatter = function* (report) {
  for (const e of report.errors) yield annotation('error', e.code, problemSummary(e), e.location);
  for (const f of report.findings) yield annotation(COMMANDS[ciSeverity(f)], f.ruleId, findingSummary(f), f.location);
  for (const w of report.warnings ?? []) yield annotation('warning', w.code, problemSummary(w), w.location);
};

/** One workflow command: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. */
export function annotation(command: 'error' | 'warning' | 'notice', title: string, message: string, location?: SourceLocation): string {
  const properties = [...(location ? locationProperties(location) : []), `title=${escapeProperty(title)}`];
  return `::${command} ${properties.join(',')}::${escapeData(message)}\n`;
}

/**
 * A location as annotation properties: where the problem starts (line and column), and its end
 * when it ends on the same line. The runner keeps columns only on a one-line span (actions/runner,
 * ActionCommandManager.cs, IssueCommandExtension.ValidateLinesAndColumns), and GitHub shows an
 * annotation under the last line of its span: a flow's whole span (its lines, without columns)
 * would put the annotation under the flow's last line, away from its id, so a span over several
 * lines is given by its start alone. An end before the start is left out, as in SARIF.
 */
function locationProperties(location: SourceLocation): string[] {
  const { line, column, endLine, endColumn } = location;
  const file = `file=${escapeProperty(repositoryPath(location.file).path)}`;
  if (endLine === line && endColumn !== undefined && endColumn > column) return [file, `line=${line}`, `col=${column}`, `endLine=${endLine}`, `endColumn=${endColumn}`];
  return [file, `line=${line}`, `col=${column}`];
}

// Escaping as GitHub's own toolkit does it: escapeData and escapeProperty of @actions/core,
// packages/core/src/command.ts (https://github.com/actions/toolkit/blob/a944251692e50709e44d95e64d43c80236b9f6af/packages/core/src/command.ts).
// The runner reads a command up to the end of its line, its properties up to "::" and each
// property up to ",".

/** A command's message: `%`, CR and LF escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property's value: as a message, and `:` and `,` as well. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
