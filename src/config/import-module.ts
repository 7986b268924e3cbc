/**
 * import() of a file URL, as Node's module loader runs it: a project's dfft.config.mjs or .cjs.
 * Built with `new Function` because TypeScript's CommonJS output would make an import() a require,
 * which cannot load .mjs; and kept out of the CLI's bundle (scripts/bundle-cli.js), because code
 * compiled outside Node's loader has no import() of its own.
 */
export const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<{ default?: unknown }>;
