/**
 * The script of the GitHub Action (action.yml at the repository's root): reads the Action's inputs
 * from the environment (INPUT_<NAME>, as the composite step maps them), runs `dfft test` on the
 * policy tests and `dfft check` in-process, writes the Markdown report to the job summary
 * ($GITHUB_STEP_SUMMARY) and the step's outputs ($GITHUB_OUTPUT), and exits with check's exit
 * code. Annotations go to stdout as workflow commands (the `github` format) and the text report
 * follows them in the log.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ignoreClosedPipes, processIo, type CliIo } from './io';
import { run } from './main';

/** GitHub shows at most 1 MiB of a step's summary; a longer one fails the upload of all of it. */
export const SUMMARY_LIMIT = 1024 * 1024;

/** The Action's inputs, as action.yml declares them (underscores for dashes). */
export interface ActionInputs {
  paths: string[];
  config?: string;
  policy?: string;
  packs?: string;
  addPacks?: string;
  failOn?: string;
  asOf?: string;
  waivers?: string;
  baseline?: string;
  formats: string[];
  sarif?: string;
  annotations: boolean;
  summary: boolean;
  policyTests: string[];
  /** The file `--cache` keeps flow results in (the workflow restores and saves it with actions/cache). */
  cache?: string;
}

/** Reads the inputs from the environment: an empty input is no input. */
export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  const value = (name: string): string | undefined => {
    const v = env[`INPUT_${name}`]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const list = (name: string): string[] => (value(name) ?? '').split(/\s*[\n,]\s*|\s+/).filter(Boolean);
  const flag = (name: string, otherwise: boolean): boolean => {
    const v = value(name);
    if (v === undefined) return otherwise;
    if (!/^(true|false)$/i.test(v)) throw new Error(`input ${name.toLowerCase().replace(/_/g, '-')}: expected true or false, got "${v}"`);
    return v.toLowerCase() === 'true';
  };
  return {
    paths: list('PATHS'),
    config: value('CONFIG'),
    policy: value('POLICY'),
    packs: value('PACKS'),
    addPacks: value('ADD_PACKS'),
    failOn: value('FAIL_ON'),
    asOf: value('AS_OF'),
    waivers: value('WAIVERS'),
    baseline: value('BASELINE'),
    formats: (value('FORMATS') ?? '').split(/\s*\n\s*|\s+/).filter(Boolean),
    sarif: value('SARIF'),
    annotations: flag('ANNOTATIONS', true),
    summary: flag('SUMMARY', true),
    policyTests: list('POLICY_TESTS'),
    cache: value('CACHE'),
  };
}

/** The `dfft check` command line for the inputs, writing Markdown and text to `temp`. */
export function checkArguments(inputs: ActionInputs, temp: string): string[] {
  const args = ['check', ...inputs.paths];
  const option = (flag: string, v: string | undefined) => (v === undefined ? [] : [flag, v]);
  args.push(
    ...option('--config', inputs.config), ...option('--policy', inputs.policy), ...option('--packs', inputs.packs),
    ...option('--add-packs', inputs.addPacks), ...option('--fail-on', inputs.failOn), ...option('--as-of', inputs.asOf),
    ...option('--waivers', inputs.waivers), ...option('--baseline', inputs.baseline),
    ...(inputs.cache === undefined ? [] : ['--cache', '--cache-location', inputs.cache]),
  );
  args.push('-f', inputs.annotations ? 'github' : 'text', '-f', `text=${path.join(temp, 'dfft.txt')}`);
  if (inputs.summary) args.push('-f', `markdown=${path.join(temp, 'dfft-summary.md')}`);
  if (inputs.sarif !== undefined) args.push('-f', `sarif=${inputs.sarif}`);
  for (const f of inputs.formats) args.push('-f', f);
  return args;
}

/**
 * Appends Markdown to the job summary, cut at a line before {@link SUMMARY_LIMIT} bytes (with a
 * note) rather than losing the whole summary.
 */
export function appendSummary(file: string, markdown: string, limit = SUMMARY_LIMIT): void {
  const bytes = Buffer.from(markdown, 'utf8');
  if (bytes.length <= limit) {
    fs.appendFileSync(file, markdown);
    return;
  }
  const note = '\n\n> The report was longer than GitHub shows in a job summary; the rest is in the log and in the report files.\n';
  const room = limit - Buffer.byteLength(note);
  const cut = bytes.lastIndexOf(0x0a, room);
  fs.appendFileSync(file, `${bytes.subarray(0, cut > 0 ? cut : room).toString('utf8')}${note}`);
}

/** Writes a step output; values with a newline use GitHub's heredoc form. */
function setOutput(env: Record<string, string | undefined>, name: string, value: string): void {
  if (env.GITHUB_OUTPUT === undefined) return;
  const line = value.includes('\n') ? `${name}<<DFFT_EOF\n${value}\nDFFT_EOF\n` : `${name}=${value}\n`;
  fs.appendFileSync(env.GITHUB_OUTPUT, line);
}

/** Runs the Action; returns the exit code of the step. */
export async function runAction(env: Record<string, string | undefined> = process.env, io: CliIo = processIo()): Promise<number> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (err) {
    io.stdout(`::error title=dfft::${(err as Error).message}\n`);
    return 2;
  }
  const temp = fs.mkdtempSync(path.join(env.RUNNER_TEMP ?? require('node:os').tmpdir(), 'dfft-')); // eslint-disable-line @typescript-eslint/no-require-imports
  let testCode = 0;
  if (inputs.policyTests.length > 0) {
    io.stdout('::group::dfft test\n');
    testCode = await run(['test', ...inputs.policyTests], io);
    io.stdout('::endgroup::\n');
  }
  const checkCode = await run(checkArguments(inputs, temp), io);
  const text = path.join(temp, 'dfft.txt');
  if (fs.existsSync(text)) io.stdout(fs.readFileSync(text, 'utf8'));
  const markdown = path.join(temp, 'dfft-summary.md');
  if (inputs.summary && env.GITHUB_STEP_SUMMARY !== undefined) {
    // No report at all (a usage error, a config that cannot be read): the summary says so.
    appendSummary(env.GITHUB_STEP_SUMMARY, fs.existsSync(markdown) ? fs.readFileSync(markdown, 'utf8') : '## dfft\n\ndfft could not check the manifests (exit code 2): the errors are in the log of this step.\n');
  }
  setOutput(env, 'exit-code', String(checkCode));
  if (inputs.sarif !== undefined && fs.existsSync(inputs.sarif)) setOutput(env, 'sarif-file', path.resolve(inputs.sarif));
  fs.rmSync(temp, { recursive: true, force: true });
  // Bad input (2) outranks findings (1); a failed policy test fails the step too.
  return Math.max(checkCode, testCode === 0 ? 0 : testCode === 2 ? 2 : 1);
}

if (require.main === module) {
  ignoreClosedPipes();
  void runAction().then((code) => {
    process.exitCode = code;
  });
}
