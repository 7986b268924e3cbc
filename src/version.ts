// eslint-disable-next-line @typescript-eslint/no-require-imports
const PACKAGE = require('../package.json') as { version: string; homepage: string };

/** dfft's version, from package.json (read once; the report names the tool that made it). */
export const VERSION: string = PACKAGE.version;

/** dfft's homepage, from package.json's `homepage` (the SARIF driver's informationUri). */
export const HOMEPAGE: string = PACKAGE.homepage;

/**
 * The build's identity (a digest of dist/, written by scripts/postbuild.js), or "source" when dfft
 * runs from its TypeScript sources. A result cache is keyed by it beside VERSION.
 */
export function buildId(): string {
  if (build === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      build = (require('./build-id.json') as { build: string }).build;
    } catch {
      build = 'source';
    }
  }
  return build;
}

let build: string | undefined;
