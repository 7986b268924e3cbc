// What the dfft executable runs. The build bundles this module, with everything it imports, into
// dist/cli/dfft-cli.js (scripts/bundle-cli.js), which bin.ts loads through load-cli.ts.
export { run } from './main';
export { ignoreClosedPipes, internalErrorText } from './io';
