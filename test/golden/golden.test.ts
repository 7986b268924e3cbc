// Golden outputs: every output a user sees (CLI, library reports of the scenario suite, HTTP API)
// must stay byte-identical to test/golden/{out,scenarios,server}/ (rewrite them with
// `npm run golden` when a change of output is intended). The CLI cases run the build (dist/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cases } from './cases';
import { caseFile, runCases, SCENARIOS_DIR, SERVER_DIR } from './run-cases';
import { scenarioFiles, scenarioGolden, serverGoldens, serverRequests } from './run-library';

const read = (file: string): string => fs.readFileSync(file, 'utf8');

describe('CLI golden outputs', () => {
  let results: Map<string, string>;
  beforeAll(async () => {
    results = await runCases(cases, 2);
  }, 600_000); // all the cases, two at a time: ~50 s on an idle 2-core machine, a few minutes on a loaded one

  it('has one stored output per case, and no other', () => {
    expect(fs.readdirSync(path.dirname(caseFile('x'))).sort()).toEqual(cases.map((c) => `${c.name}.txt`).sort());
  });

  it.each(cases.map((c) => [c.name]))('%s', (name) => {
    expect(results.get(name)).toBe(read(caseFile(name)));
  });
});

describe('library golden reports of the scenario suite', () => {
  const files = scenarioFiles();
  it('has one stored file per scenario file', () => {
    expect(fs.readdirSync(SCENARIOS_DIR).sort()).toEqual(files.map((f) => `${path.basename(f, '.yaml')}.json`).sort());
  });
  it.each(files.map((f) => [f]))('%s', async (file) => {
    expect(await scenarioGolden(file)).toBe(read(path.join(SCENARIOS_DIR, `${path.basename(file, '.yaml')}.json`)));
  }, 60_000);
});

describe('server golden answers', () => {
  let answers: Map<string, string>;
  beforeAll(async () => {
    answers = await serverGoldens();
  }, 60_000);
  it('has one stored answer per request', () => {
    expect(fs.readdirSync(SERVER_DIR).sort()).toEqual(serverRequests.map((r) => `${r.name}.txt`).sort());
  });
  it.each(serverRequests.map((r) => [r.name]))('%s', (name) => {
    expect(answers.get(name)).toBe(read(path.join(SERVER_DIR, `${name}.txt`)));
  });
});
