// The only module of test/golden that imports dfft's library code: when src/ files move, only
// these imports change.
export { createChecker } from '../../src/library/checker';
export { checkerOptionsFor, loadTestFile, runTestFile } from '../../src/policy-test/run-tests';
export { createServer } from '../../src/server/app';
