import { Command, CommanderError, Option } from 'commander';
import { LANGS } from '../index';
import { type Diagnostic } from '../index';
import { internalErrorText, processIo, type CliIo } from './io';
import { parseCount, parseSize, splitList } from './parse-args';

const SEVERITIES = ['error', 'warning', 'info', 'none'] as const;

/**
 * The built-in packs applied when neither --packs nor a policy's `extends` names any (those whose
 * YAML says `default: true`; test/cli/help.test.ts keeps this list in step with them). Named
 * here so that --help, which loads no pack, can say which they are.
 */
export const DEFAULT_PACKS = ['eu-gdpr', 'jp-appi', 'eu-jp-supplementary'] as const;

/**
 * Runs the dfft command line and returns its exit code: 0 clean, 1 findings at or above
 * --fail-on, 2 bad input or usage. Heavy modules load only in the command that needs them.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = new Command('dfft')
    .description('Check cross-border personal data flows against EU GDPR Chapter V, Japan\'s APPI and the EU-Japan Supplementary Rules.')
    .version(require('../version').VERSION, '-V, --version') // eslint-disable-line @typescript-eslint/no-require-imports
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  const outcome = { code: 0 };
  addCheckCommand(program, io, outcome);
  addMergeCommand(program, io, outcome);
  addCodeCommands(program, io, outcome);
  addManifestCommands(program, io, outcome);
  addPolicyCommands(program, io, outcome);
  addImportAndServeCommands(program, io, outcome);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return outcome.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with code 0; anything else is a usage error.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (isDiagnosticError(err)) {
      const { printDiagnostics } = await import('./print-errors');
      printDiagnostics(err.diagnostics, io);
      return 2;
    }
    const problem = environmentProblem(err);
    if (problem !== undefined) {
      io.stderr(`dfft: ${problem}\n`);
      return 2;
    }
    io.stderr(internalErrorText(err));
    return 2;
  }
}

/** `dfft check`: its many options are the run's. */
function addCheckCommand(program: Command, io: CliIo, outcome: { code: number }): void {
  const check = program
    .command('check')
    .description('Check manifests (files or directories) against the policy and report findings.')
    .argument('[paths...]', 'manifest files (.json, .yaml, .yml) or directories of them (default: the paths of the config file, or its folder)')
    .option('-c, --config <file>', 'the config file (default: dfft.config.yaml, .yml, .json, .js, .cjs or .mjs, or "dfft" in package.json, searched from the current folder up to the repository\'s root)')
    .option('--no-config', 'use no config file')
    .option('--project <tsconfig>', 'also check the flows declared in this TypeScript project (declareFlow…); their findings point at the code')
    .option('--extract-config <file>', 'extraction config for --project (default: dfft.config.json beside the tsconfig)')
    .option('-p, --policy <file>', 'organisation policy file (extends built-in packs, adds rules)')
    .option('--packs <ids>', `exactly these built-in rule packs, comma-separated: they replace the default packs (${DEFAULT_PACKS.join(', ')}) and those the policy extends; a preset names several (default; dfft-partners: the other DFFT partners' packs); dfft rules lists them all`, splitList)
    .option('--add-packs <ids>', 'built-in rule packs to apply as well as the default packs (or those the policy extends, or --packs), comma-separated, e.g. uk-gdpr,ch-fadp,cn-pipl', splitList)
    .option('--as-of <date>', 'the date to apply the law for, YYYY-MM-DD (default: today, UTC)')
    .addOption(langOption())
    .option(...FORMAT_OPTION)
    .option('-o, --output <file>', 'write the format given without =file to this file instead of stdout ("-": stdout; a regular file is replaced atomically, a device or FIFO written through)')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices([...SEVERITIES]).default('error'))
    .option('--waivers <file>', 'waiver file (YAML or JSON): accepted findings with reason, approver and expiry; they stay in the report but do not fail the run')
    .option('--baseline <file>', 'JSON report of an earlier run: only findings whose fingerprint is not in it fail the run')
    .option('--horizon <duration>', 'also warn about bases (adequacy end dates, transitions, waivers) and flows that end within this time, e.g. 180d, 6m, 1y')
    .option('--cache', 'reuse the results of flows unchanged since the last run with --cache, kept in .dfftcache in the current folder')
    .option('--cache-location <file>', 'the file --cache keeps its results in (default .dfftcache)')
    .option('--max-file-size <size>', 'largest manifest file, e.g. 64MiB or 500KB (default 64MiB)', parseSize)
    .option('--max-files <n>', 'most manifest files in one run (default 20000)', parseCount)
    .option('--max-flows <n>', 'most flows in one run (default 2000000)', parseCount)
    .option('--max-condition-cost <n>', 'highest estimated cost of one policy condition per flow (default 1000000)', parseCount)
    .option('--max-report-size <size>', 'largest report written, per format, e.g. 1GiB (default: 256MiB or 8 times the size of the manifests, whichever is more); a larger one is an error, exit 2', parseSize);
  withLayoutOptions(check)
    .option('-q, --quiet', 'no progress output or warnings on stderr')
    .option('--shard <i/n>', 'judge only shard i of n (a contiguous range of the flows); every file is still read and origins cover every flow; dfft merge unions the shards\' JSON reports')
    .option('--import-origins <file>', 'add the origins of an origin table (from --export-origins) for data that flows not in this run bring; repeat for several', (value: string, previous: string[] = []) => [...previous, value])
    .option('--export-origins <file>', 'also write this run\'s origin table (JSON, schemas/origins.schema.json) to this file')
    .option('-w, --watch', 'check again whenever an input changes (manifests, policy, waivers, baseline, --project folder): the text report on stdout, files rewritten after each run that brings no new input error; Ctrl-C to quit (exit 0)')
    .action(async (paths: string[], opts: import('./check-command').CheckCommandOptions, command: Command) => {
      const given = (option: string): boolean => command.getOptionValueSource(option) === 'cli';
      outcome.code = await (await import('./check-command')).checkCommand(paths, opts, io, given);
    });

}

/** `--lang`, as check, explain and serve take it. */
function langOption(): Option {
  return new Option('--lang <lang>', 'the language of the report\'s texts: en (English, default) or ja (Japanese: rule titles, messages, remediations, bases, headings, registers and the summary line)').choices([...LANGS]);
}

/** `-f`, as check and merge take it. */
const FORMAT_OPTION = [
  '-f, --format <format[=file]>',
  'output format: text, json, ndjson, sarif, github, gitlab, junit, markdown, html, csv, appi-csv or xlsx; format=file writes it to that file; repeat for several (default: text)',
  (value: string, previous: string[]) => [...previous, value],
  [] as string[],
] as const;

/** How a report is laid out, as check and merge take it. */
function withLayoutOptions(command: Command): Command {
  return command
    .option('--pretty', 'indented json, sarif and gitlab, for people to read (default: compact)')
    .option('--full', 'the full report in json and ndjson: names and categories on every row, not only ids')
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output');
}

/** `dfft merge`: the shard reports of one run made into its report (docs/scale.md). */
function addMergeCommand(program: Command, io: CliIo, outcome: { code: number }): void {
  const merge = program
    .command('merge')
    .description('Merge the JSON reports of every shard of one run (dfft check --shard i/n -f json) into the report of the whole run.')
    .argument('<reports...>', 'the shard reports (JSON), in any order')
    .option(...FORMAT_OPTION)
    .option('-o, --output <file>', 'write the format given without =file to this file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices([...SEVERITIES]).default('error'))
    .option('--waivers <file>', 'waiver file, applied to the merged report')
    .option('--baseline <file>', 'JSON report of an earlier run, applied to the merged report')
    .option('--max-file-size <size>', 'largest shard report read, e.g. 1GiB (default 64MiB)', parseSize)
    .option('--max-report-size <size>', 'largest report written, per format (default: 256MiB or 8 times the size of the shard reports, whichever is more)', parseSize);
  withLayoutOptions(merge)
    .option('-q, --quiet', 'accepted as for check (merge shows no progress)')
    .action(async (reports: string[], opts: import('./merge-command').MergeCommandOptions) => {
      outcome.code = await (await import('./merge-command')).mergeCommand(reports, opts, io);
    });
}

/** Commands on TypeScript code: `extract` and `diff`. */
function addCodeCommands(program: Command, io: CliIo, outcome: { code: number }): void {
  program
    .command('extract')
    .description('Extract the flows, parties and datasets declared in TypeScript code (declareFlow…) into a manifest, and report egress no declared flow covers.')
    .option('--project <tsconfig>', 'the TypeScript project', 'tsconfig.json')
    .option('--config <file>', 'extraction config: system, host patterns → parties, ignored hosts (default: dfft.config.json beside the tsconfig)')
    .option('-o, --out <file>', 'write the manifest to this file instead of stdout (a regular file is replaced atomically, a device or FIFO written through)')
    .option('--fail-on-egress', 'exit 1 when a call sends data to a host no declared flow covers')
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (opts: import('./extract-command').ExtractCliOptions) => {
      outcome.code = await (await import('./extract-command')).extractCommand(opts, io);
    });


  program
    .command('diff')
    .description('Compare the flows declared in TypeScript code with those of manifests: exit 1 when they differ.')
    .argument('<paths...>', 'manifest files or directories')
    .option('--project <tsconfig>', 'the TypeScript project', 'tsconfig.json')
    .option('--config <file>', 'extraction config (default: dfft.config.json beside the tsconfig)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], opts: import('./diff-command').DiffCliOptions) => {
      outcome.code = await (await import('./diff-command')).diffCommand(paths, opts, io);
    });

}

/** Commands that read manifests without a report: `validate` and `explain`. */
function addManifestCommands(program: Command, io: CliIo, outcome: { code: number }): void {
  program
    .command('validate')
    .description('Validate manifests against the schema and resolve their references, without applying any law.')
    .argument('<paths...>', 'manifest files or directories')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], opts: { format: 'text' | 'json' }) => {
      outcome.code = await (await import('./validate-command')).validateCommand(paths, opts, io);
    });


  program
    .command('explain')
    .description('Explain one flow: every rule considered, whether it applied, and why it passed or failed.')
    .argument('<paths...>', 'manifest files or directories (all manifests the flow depends on)')
    .requiredOption('--flow <id>', 'the flow to explain')
    .option('-p, --policy <file>', 'organisation policy file')
    .option('--packs <ids>', 'exactly these built-in rule packs, comma-separated: they replace the default packs and those the policy extends', splitList)
    .option('--add-packs <ids>', 'built-in rule packs to apply as well as the default packs (or those the policy extends, or --packs), comma-separated', splitList)
    .option('--as-of <date>', 'the date to apply the law for, YYYY-MM-DD (default: today, UTC)')
    .addOption(langOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], opts: import('./explain-command').ExplainCliOptions) => {
      outcome.code = await (await import('./explain-command')).explainCommand(paths, opts, io);
    });

}

/** Commands for writing manifests and policies: `init`, `schema`, `rules` and `test`. */
function addPolicyCommands(program: Command, io: CliIo, outcome: { code: number }): void {
  program
    .command('init')
    .description('Write a config file, a starter manifest, a policy extending the built-in packs, a waiver file, a policy test, the schemas for editors and a CI job (never overwrites).')
    .argument('[dir]', 'where to write them', '.')
    .option('--ci <system>', 'the CI job to write: github (a workflow using the dfft Action), gitlab (.gitlab-ci.yml) or none', 'github')
    .action(async (dir: string, opts: { ci?: string }) => {
      outcome.code = await (await import('./init-command')).initCommand(dir, opts, io);
    });


  program
    .command('schema')
    .description('Print a JSON Schema (manifest, policy, report, waivers, policy-test or config), or write them into the repository for editors.')
    .argument('[name]', 'manifest, policy, report, waivers, policy-test or config')
    .option('--write [dir]', 'write every schema into this folder (default .dfft/schemas), replacing older copies')
    .action(async (name: string | undefined, opts: { write?: string | true }) => {
      outcome.code = await (await import('./schema-command')).schemaCommand(name, opts, io);
    });


  program
    .command('rules')
    .description('List the rules of the active packs with severity and citation, or show one rule in full.')
    .argument('[id]', 'a rule id, e.g. eu-gdpr/transfer-without-basis')
    .option('-p, --policy <file>', 'organisation policy file')
    .option('--packs <ids>', 'exactly these built-in rule packs, comma-separated: they replace the default packs and those the policy extends', splitList)
    .option('--add-packs <ids>', 'built-in rule packs to apply as well as the default packs (or those the policy extends, or --packs), comma-separated', splitList)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (id: string | undefined, opts: { policy?: string; packs?: string[]; addPacks?: string[]; format: 'text' | 'json' }) => {
      outcome.code = await (await import('./rules-command')).rulesCommand(id, opts, io);
    });


  program
    .command('test')
    .description('Run policy tests: small manifests with the findings expected and those that must not appear.')
    .argument('[paths...]', 'test files, or directories searched for YAML files with a top-level "tests:" key (default: .)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], opts: { format: 'text' | 'json' }) => {
      outcome.code = await (await import('./test-command')).testCommand(paths, opts, io);
    });

}

/** `import fides` and `serve`. */
function addImportAndServeCommands(program: Command, io: CliIo, outcome: { code: number }): void {
  program
    .command('import')
    .description('Convert data maps kept in other tools into dfft manifests.')
    .command('fides')
    .description('Import Fides (fideslang) system, dataset and taxonomy YAML as a manifest v1. Every gap is reported (stderr and x-fides-import.gaps); exit 1 when there are gaps.')
    .argument('<paths...>', 'Fides files (.yml, .yaml, .json) or directories of them')
    .option('--party-countries <file>', 'YAML file: Fides system fides_key → country, and optionally role and other party fields (schemas/party-countries.schema.json)')
    .option('-o, --output <file>', 'write the manifest to a file instead of stdout (a regular file is replaced atomically, a device or FIFO written through)')
    .addOption(new Option('--out <file>').hideHelp())
    .addOption(new Option('-f, --format <format>', 'manifest format (default: json for an --output ending in .json, else yaml)').choices(['yaml', 'json']))
    .option('--system-id <id>', "the manifest's system.id (default: fides-import)")
    .option('-q, --quiet', 'print gaps only, not notes')
    .action(async (paths: string[], opts: import('./import-command').ImportFidesCliOptions) => {
      outcome.code = await (await import('./import-command')).importCommand('fides', paths, opts, io);
    });


  program
    .command('serve')
    .description('Serve the checker as a JSON HTTP API (OpenAPI document at /openapi.json). The policy is compiled at start and reloaded on SIGHUP; set DFFT_TOKEN to require a bearer token on /v1/*.')
    .option('--port <port>', 'TCP port; 0 picks a free one', '8080')
    .option('--host <host>', 'interface to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('-p, --policy <file>', 'organisation policy file (extends built-in packs, adds rules)')
    .option('--packs <ids>', 'exactly these built-in rule packs, comma-separated: they replace the default packs and those the policy extends', splitList)
    .option('--add-packs <ids>', 'built-in rule packs to apply as well as the default packs (or those the policy extends, or --packs), comma-separated', splitList)
    .option('--as-of <date>', 'a fixed date to apply the law for, YYYY-MM-DD (default: today, UTC, at each request)')
    .option('--body-limit <size>', 'largest request body, e.g. 1048576, 512kb or 4mb', '1mb')
    .option('--request-timeout <ms>', 'most milliseconds to receive a whole request', '30000')
    .option('--request-cpu-budget <ms>', 'most milliseconds a request may run in its worker; then it is stopped (503)', '10000')
    .option('--workers <n>', 'worker threads that run checks (default: one per CPU but one, at least one)')
    .option('--max-queue <n>', 'requests that may wait for a worker; more get 503 with Retry-After', '64')
    .option('--max-report-size <size>', 'largest report the service answers with, e.g. 32mb; a larger one is a 422 report/too-large', '32mb')
    .addOption(new Option('--log-level <level>', 'level of the JSON logs on stdout').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
    .action(async (opts: import('./serve-command').ServeCommandOptions) => {
      (require('../index') as typeof import('../index')).assertPeers('serve'); // eslint-disable-line @typescript-eslint/no-require-imports
      outcome.code = await (await import('./serve-command')).serveCommand(opts, io);
    });
}

/**
 * The one-line message of an error that comes from the machine rather than from dfft: an output
 * that cannot be written (OutputError), an optional peer dependency that is not installed
 * (MissingPeerError), or any failed system call (a file, a folder, an address).
 * Those end the run with exit 2 and no stack; anything else is an internal error.
 */
function environmentProblem(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as NodeJS.ErrnoException & { hostname?: string };
  if (e.name === 'OutputError' || e.name === 'MissingPeerError') return e.message;
  if (typeof e.code !== 'string' || typeof e.syscall !== 'string') return undefined;
  const { describeFsError, escapeControl } = require('../index') as typeof import('../index'); // eslint-disable-line @typescript-eslint/no-require-imports
  const subject = e.path ?? e.hostname;
  return escapeControl(`${e.syscall}${subject !== undefined ? ` ${subject}` : ''}: ${describeFsError(e)}`);
}

function isDiagnosticError(err: unknown): err is { diagnostics: Diagnostic[] } {
  return typeof err === 'object' && err !== null && (err as Error).name === 'DiagnosticError';
}
