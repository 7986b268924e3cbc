// Rewrites the golden outputs of test/golden/ from the current build (npm run golden):
// out/<case>.txt (CLI), scenarios/<file>.json (library reports), server/<request>.txt (HTTP API).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cases } from '../test/golden/cases';
import { caseFile, OUT_DIR, runCases, SCENARIOS_DIR, SERVER_DIR } from '../test/golden/run-cases';
import { scenarioFiles, scenarioGolden, serverGoldens } from '../test/golden/run-library';

function fresh(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

async function main(): Promise<void> {
  const started = Date.now();
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
    names.add(c.name);
  }
  fresh(OUT_DIR);
  const results = await runCases(cases, 2);
  for (const c of cases) fs.writeFileSync(caseFile(c.name), results.get(c.name)!);
  console.log(`${cases.length} CLI cases`);

  fresh(SCENARIOS_DIR);
  const files = scenarioFiles();
  for (const f of files) fs.writeFileSync(path.join(SCENARIOS_DIR, `${path.basename(f, '.yaml')}.json`), await scenarioGolden(f));
  console.log(`${files.length} scenario files`);

  fresh(SERVER_DIR);
  const answers = await serverGoldens();
  for (const [name, text] of answers) fs.writeFileSync(path.join(SERVER_DIR, `${name}.txt`), text);
  console.log(`${answers.size} server requests`);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
