import { codeFrame, escapeControl, type Diagnostic, readTextFile, type ReportWarning, formatDiagnostic } from '../index';
import type { CliIo } from './io';

// Errors about a file as a whole: no frame. Their file may be one dfft refused to read (a link
// leading out of the folder checked, a device), which must not be read to show it.
const WHOLE_FILE = new Set<string>(['source/unreadable', 'policy/unreadable', 'source/too-large']);

/** Prints input errors (policy or usage problems that stop a run) to stderr, with code frames. */
export function printDiagnostics(errors: readonly Diagnostic[], io: CliIo): void {
  for (const e of errors) {
    io.stderr(`${formatDiagnostic(e, { code: true })}\n`);
    if (e.location && !e.location.file.startsWith('<') && !WHOLE_FILE.has(e.code)) {
      // The same reader as the run's: regular files only, bounded in size.
      const read = readTextFile(e.location.file);
      const frame = codeFrame(e.location, read.ok ? read.value.text : undefined);
      if (frame) io.stderr(`${frame.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
    }
  }
  io.stderr(`dfft: ${errors.length} input error${errors.length === 1 ? '' : 's'}\n`);
}

/** Prints the files a folder walk skipped (special files, links to folders) as warnings on stderr. */
export function printSkipped(skipped: readonly ReportWarning[], io: CliIo): void {
  for (const w of skipped) {
    const at = w.location ? `${escapeControl(w.location.file)}:${w.location.line}:${w.location.column} ` : '';
    io.stderr(`dfft: warning: ${at}${w.message}${w.hint ? ` (${w.hint})` : ''}  [${w.code}]\n`);
  }
}

/** Files left out of a folder as not manifests are named, so that none is left out unseen. */
export function printNotManifests(files: readonly string[], io: CliIo): void {
  const shown = files.slice(0, 3).map(escapeControl).join(', ') + (files.length > 3 ? `, and ${files.length - 3} more` : '');
  io.stderr(`dfft: not checked (no manifestVersion, so not a manifest): ${shown}; name a file to check it\n`);
}
