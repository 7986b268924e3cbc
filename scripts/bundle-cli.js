#!/usr/bin/env node
// Part of the build (after tsc): bundles the CLI into dist/cli/dfft-cli.js and writes V8's code for
// it, so that the executable loads one precompiled file instead of 220 modules (src/cli/load-cli.ts).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');
const { escapeNonAscii } = require('./ascii');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const { BUNDLE_FILE, bundleText, compileBundle, runBundle, writeCodeCache } = require(path.join(dist, 'cli', 'load-cli.js'));

/** Leaves a file of dist/ out of the bundle: the bundle, in dist/cli/, requires it by its path from there. */
function keepFile(file, filter) {
  return { name: file, setup: (build) => build.onResolve({ filter }, () => ({ path: `../${file}`, external: true })) };
}

async function bundle() {
  await esbuild.build({
    entryPoints: [path.join(dist, 'cli', 'entry.js')],
    outfile: BUNDLE_FILE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Loaded from their own files when used: the service (its worker threads run dist/server
    // files by path), the large optional peers (ts-morph, Graphviz in WebAssembly), and the
    // importer's country names in every language (a check uses en and ja, which are bundled).
    external: ['./serve-command', 'ts-morph', 'typescript', '@viz-js/viz', 'i18n-iso-countries'],
    // import() works only in code that Node's loader compiled (see the module). The build's identity
    // is a digest of dist/ written after the bundle: inlined, the bundle would hold the last build's.
    plugins: [keepFile('config/import-module.js', /\/import-module$/), keepFile('build-id.json', /^\.\/build-id\.json$/)],
    // ASCII loads several times faster than UTF-8 (src/cli/load-cli.ts): esbuild escapes every
    // string, and without whitespace no comment is left. Not keepNames: it wraps every closure
    // made in a hot loop in a call (2% of a 100k check); see renamedErrors below.
    charset: 'ascii',
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // esbuild renames a class whose name another module uses too (re2js's Parser becomes Parser3). An
  // error told by its name (commander's take this.constructor.name) must keep it.
  const text = fs.readFileSync(BUNDLE_FILE, 'utf8');
  const renamedErrors = text.match(/\bclass [A-Za-z_$][\w$]*Error\d+\b/g);
  if (renamedErrors) throw new Error(`the bundle renamed ${renamedErrors.join(', ')}: bundle with keepNames, or rename the class`);
  // What esbuild leaves unescaped is in regular expressions.
  const bytes = Buffer.from(escapeNonAscii(text), 'latin1');
  fs.writeFileSync(BUNDLE_FILE, bytes);
  return bytes;
}

/**
 * V8 writes the code of the functions that have run, so the bundle first runs the checks users run
 * most (the bundled examples, text and json).
 */
async function writeWarmCode(bytes) {
  const script = compileBundle(bundleText(bytes));
  const cli = runBundle(script);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dfft-build-'));
  let stderr = '';
  const io = { stdout() {}, stderr: (t) => (stderr += t), stdoutIsTTY: false, stderrIsTTY: false, env: {} };
  try {
    for (const format of ['text', 'json']) {
      const code = await cli.run(['check', path.join(root, 'examples', 'manifests'), '--as-of', '2026-06-01', '-f', format, '-o', path.join(tmp, `report.${format}`), '--quiet'], io);
      // The examples have findings (exit 1); an exit 2 means that the bundle does not work.
      if (code !== 0 && code !== 1) throw new Error(`the bundled CLI's check of the examples ended with exit ${code}:\n${stderr}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return writeCodeCache(bytes, script);
}

bundle()
  .then(async (bytes) => {
    const code = await writeWarmCode(bytes);
    process.stdout.write(`bundle-cli: ${path.relative(root, BUNDLE_FILE)} (${(bytes.length / 1048576).toFixed(1)} MB) and its compiled code (${(code / 1048576).toFixed(1)} MB)\n`);
  })
  .catch((err) => {
    process.stderr.write(`bundle-cli: ${err.stack ?? err}\n`);
    process.exit(1);
  });
