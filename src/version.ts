/** dfft's version, from package.json (read once; the report names the tool that made it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION: string = (require('../package.json') as { version: string }).version;
