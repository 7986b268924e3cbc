// The order jest starts test files in. Without timings from an earlier run (a fresh clone in CI),
// jest starts the largest files first, and the package tests, small files that wait minutes on npm
// and pre-commit, started last and ran alone at the end. They start first here, so that the other
// worker runs the rest meanwhile.
const Sequencer = require('@jest/test-sequencer').default;

/** Files known to take a minute or more on a 2-core machine, longest first. */
const SLOW_FIRST = ['test/package/pre-commit.test.ts', 'test/package/install.test.ts', 'test/golden/golden.test.ts'];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (t) => {
      const i = SLOW_FIRST.findIndex((f) => t.path.replace(/\\/g, '/').endsWith(f));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    const sorted = super.sort(tests);
    // Array.prototype.sort is stable: within each rank, jest's own order is kept.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
