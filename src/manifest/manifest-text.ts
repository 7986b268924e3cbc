/**
 * The text of a manifest given as an object: pretty JSON (two spaces) and a final newline. Every
 * place that turns a manifest object into text uses this, so positions in messages and code
 * frames point into the same text whoever made it.
 */
export function manifestText(manifest: unknown): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
