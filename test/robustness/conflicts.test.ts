import * as path from 'node:path';
import type { Report } from '../../src/types';
import { runCli } from '../support/cli';

// A party declared differently by two teams: whatever the order of the files on the command line,
// the flows that use it get no verdict (here, health data to China would otherwise pass as
// DPF-adequate under the first team's definition), the rest is judged, and the exit code is 2.
const dir = path.join(__dirname, '..', 'fixtures', 'hostile', 'conflict');

describe('hostile input: a conflicting party', () => {
  it.each([
    ['a-vendors.yaml', 'b-clinic.yaml'],
    ['b-clinic.yaml', 'a-vendors.yaml'],
  ])('check %s %s judges nothing from the conflict', async (...files) => {
    const { code, stdout } = await runCli(['check', '--as-of', '2026-11-28', '-f', 'json', ...files.map((f) => path.join(dir, f))]);
    expect(code).toBe(2);
    const r = JSON.parse(stdout) as Report;
    expect(r.flows.map((f) => [f.id, f.verdict])).toEqual([['local-copy', 'allowed']]);
    expect(r.errors.map((e) => `${path.basename(e.location!.file)}:${e.location!.line}:${e.location!.column} ${e.message}`)).toEqual([
      'a-vendors.yaml:11:11 flow "hosting" is not judged: party "vendor" has conflicting definitions',
      `b-clinic.yaml:6:11 party "vendor" is declared with a different definition than at ${path.join(dir, 'a-vendors.yaml')}:6:5; flows that use it are not judged`,
      'b-clinic.yaml:8:11 flow "records-abroad" is not judged: party "vendor" has conflicting definitions',
    ]);
  });
});
