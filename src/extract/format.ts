import { formatDiagnostic, type Diagnostic } from '../source/diagnostic';
import { codeFrame } from '../report/formatters/code-frame';

/**
 * Diagnostics as text, one per entry: "file:line:col severity: message (hint)  [code]" and a
 * code frame of the TypeScript source when its text is at hand. Returns the text; prints nothing.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sourceText: (file: string) => string | undefined = () => undefined): string {
  let out = '';
  for (const d of diagnostics) {
    out += `${formatDiagnostic(d, { severity: 'colon', code: true })}\n`;
    const frame = d.location ? codeFrame(d.location, sourceText(d.location.file)) : undefined;
    if (frame) out += `${frame.split('\n').map((l) => `  ${l}`).join('\n')}\n`;
  }
  return out;
}
