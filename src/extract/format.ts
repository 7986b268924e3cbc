import type { InputError } from '../source/input-error';
import { codeFrame } from '../report/formatters/code-frame';
import type { ExtractDiagnostic } from './diagnostics';

/**
 * Diagnostics as text, one per entry: "file:line:col severity: message (hint)  [code]" and a
 * code frame of the TypeScript source when its text is at hand. Returns the text; prints nothing.
 */
export function formatDiagnostics(diagnostics: ReadonlyArray<ExtractDiagnostic | InputError>, sourceText: (file: string) => string | undefined = () => undefined): string {
  let out = '';
  for (const d of diagnostics) {
    const severity = 'severity' in d ? d.severity : 'error';
    const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column} ` : '';
    out += `${where}${severity}: ${d.message}${d.hint ? ` (${d.hint})` : ''}  [${d.code}]\n`;
    const frame = d.location ? codeFrame(d.location, sourceText(d.location.file)) : undefined;
    if (frame) out += `${frame.split('\n').map((l) => `  ${l}`).join('\n')}\n`;
  }
  return out;
}
