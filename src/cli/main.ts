/**
 * `transcript-coder`: the command-line twin of the extension, on the same core.
 */
import { parseArgs } from 'node:util';
import { EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CliContext } from './context';
import { WriteRefusedError } from '../node/atomic-write';
import { terminalSafe } from '../core/text';
import { runAgreement } from './commands/agreement';
import { runCheckIntegrity } from './commands/check-integrity';
import { runCooccurrence } from './commands/cooccurrence';
import { runCode } from './commands/code';
import { exportFormatsHelp, runExport } from './commands/export';
import { runGitSetup } from './commands/git-setup';
import { runImport } from './commands/import';
import { runInit } from './commands/init';
import { runMergeDriver } from './commands/merge-driver';
import { runReanchor } from './commands/reanchor';
import { runRelink } from './commands/relink';
import { runResolve } from './commands/resolve';
import { runSummary } from './commands/summary';
import { runValidate } from './commands/validate';

const USAGE = `Usage: transcript-coder <command> [options]

Commands:
  init [dir] --framework ID [--framework ID ...]   write codebook.yaml from built-in frameworks
  validate [dir]                                   check every codebook, sidecar and code; exit 1 on errors
  summary [dir] [--json] [--lang en|id] [--coder NAME ...]
                                                   factors per agency and dimension
  reanchor [dir] [--write] [--accept-similar]      find codes whose transcript changed; --write saves moves;
                                                   --accept-similar also takes similar text at a code's place
  relink [dir] [--write]                           match sidecars whose transcript was renamed or moved to the
                                                   transcript holding their quotes; --write moves them
  code [dir] --search PATTERN [--regex|--whole-word] [--speaker NAME] [--agency A] [--folder F]
       [--attribute KEY=VALUE ...] --code PATH --polarity P --factor TEXT [--memo TEXT]
       [--coder NAME] [--write]                    print every hit as path:line: text (case and accents folded);
                                                   --write codes them, one code per run of consecutive hit lines;
                                                   lines already coded with PATH are left alone
  check-integrity [dir]                            compare every sidecar with its transcript; exit 1 on any inconsistency
  agreement [dir] --coders A,B[,C...] [--json] [--polarity] [--unit line|character]
            [--report md|docx [--out FILE]]        inter-coder agreement per dimension: on line units
                                                   (percent, kappa, alpha) and unitized (|uα, cuα, Cu-α,
                                                   Krippendorff 2004 uα), whether coding was blind;
                                                   --report writes the report for a methods chapter
  cooccurrence [dir] [--by agency] [--level dimension|indicator|factor] [--json] [--lang en|id]
                                                   pairs coded on the same lines: lines coded with both and
                                                   overlapping segment pairs, for the study or per agency
  git-setup [dir] [--cli-path PATH]                let git merge sidecars by code id (.gitattributes, git config)
  merge-driver %O %A %B %P                         the merge driver git runs (set up by git-setup)
  resolve FILE [--take ours|theirs]                merge conflict markers in a sidecar; decide recorded conflicts
  export [dir] --format ID [-o FILE] [--lang en|id] [--positions code-points|utf16]
                                                   the study as ${exportFormatsHelp()};
                                                   qdpx positions count code points as REFI-QDA says,
                                                   or UTF-16 units for NVivo on Windows
  import FILE -o DIR                               a .qdpx project as a new study in DIR, or a transcript (.docx,
         [--agency A --informant I --role R        .vtt, .srt, .txt, .md) added to DIR with an empty sidecar
          --date D --source S]                     holding these attributes

Common options:
  --codebook PATH   the codebook, relative to the study folder (default codebook.yaml)
  --where KEY=VALUE | KEY=FROM..TO
                    summary, cooccurrence and export: only transcripts whose case attribute (sidecar,
                    else front matter) is VALUE (folded; repeat a key for any of several values) or within
                    FROM..TO (either end may be empty; numbers as numbers, ISO dates as text); every key must pass
  -h, --help        this help
`;

type Options = {
  help?: boolean;
  json?: boolean;
  write?: boolean;
  'accept-similar'?: boolean;
  force?: boolean;
  lang?: string;
  codebook?: string;
  framework?: string[];
  coder?: string[];
  coders?: string;
  where?: string[];
  by?: string;
  level?: string;
  polarity?: boolean;
  unit?: string;
  report?: string;
  out?: string;
  take?: string;
  'cli-path'?: string;
  format?: string;
  positions?: string;
  output?: string;
  agency?: string;
  informant?: string;
  role?: string;
  date?: string;
  source?: string;
};

export async function runCli(argv: readonly string[], cliContext: CliContext): Promise<number> {
  // Transcripts and sidecars are text anyone can write: what they hold is printed, never obeyed by the terminal.
  const context: CliContext = { ...cliContext, stdout: (text) => cliContext.stdout(terminalSafe(text)), stderr: (text) => cliContext.stderr(terminalSafe(text)) };
  try {
    // `code` reads its own options (its --polarity takes a value; agreement's is a switch).
    if (argv[0] === 'code') return await runCode(argv.slice(1), context);
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        write: { type: 'boolean' },
        'accept-similar': { type: 'boolean' },
        force: { type: 'boolean' },
        lang: { type: 'string' },
        codebook: { type: 'string' },
        framework: { type: 'string', multiple: true },
        coder: { type: 'string', multiple: true },
        coders: { type: 'string' },
        by: { type: 'string' },
        level: { type: 'string' },
        polarity: { type: 'boolean' },
        unit: { type: 'string' },
        report: { type: 'string' },
        out: { type: 'string' },
        take: { type: 'string' },
        'cli-path': { type: 'string' },
        format: { type: 'string' },
        positions: { type: 'string' },
        output: { type: 'string', short: 'o' },
        agency: { type: 'string' },
        informant: { type: 'string' },
        role: { type: 'string' },
        date: { type: 'string' },
        source: { type: 'string' },
        where: { type: 'string', multiple: true },
      },
    });
    const options = values as Options;
    const [command, ...rest] = positionals;
    if (options.help === true || command === undefined || command === 'help') {
      context.stdout(USAGE);
      return command === undefined && options.help !== true ? EXIT_USAGE : 0;
    }
    // git gives the merge driver four paths; every other command takes at most one.
    if (command === 'merge-driver') return await runMergeDriver(rest, context);
    if (rest.length > 1) throw new UsageError(`${command} takes at most one folder, got: ${rest.join(' ')}`);
    const dir = rest[0] ?? '.';
    switch (command) {
      case 'init':
        return await runInit(dir, options.framework ?? [], options.force === true, options.codebook, context);
      case 'validate':
        return await runValidate(dir, options.codebook, context);
      case 'summary':
        return await runSummary(dir, { json: options.json === true, language: options.lang ?? 'en', codebookPath: options.codebook, coders: options.coder, where: options.where }, context);
      case 'reanchor':
        return await runReanchor(dir, { write: options.write === true, acceptSimilar: options['accept-similar'] === true }, options.codebook, context);
      case 'relink':
        return await runRelink(dir, options.write === true, options.codebook, context);
      case 'check-integrity':
        return await runCheckIntegrity(dir, context);
      case 'agreement':
        return await runAgreement(
          dir,
          {
            coders: options.coders,
            json: options.json === true,
            byPolarity: options.polarity === true,
            codebookPath: options.codebook,
            unit: options.unit,
            report: options.report,
            out: options.out ?? options.output,
          },
          context,
        );
      case 'cooccurrence':
        return await runCooccurrence(dir, { by: options.by, level: options.level, json: options.json === true, language: options.lang ?? 'en', codebookPath: options.codebook, where: options.where }, context);
      case 'git-setup':
        return await runGitSetup(dir, options['cli-path'], context);
      case 'resolve':
        return await runResolve(rest[0], options.take, context);
      case 'export':
        return await runExport(dir, { format: options.format, positions: options.positions, output: options.output, language: options.lang ?? 'en', codebookPath: options.codebook, where: options.where }, context);
      case 'import':
        return await runImport(rest[0], { output: options.output, attributes: attributeFlags(options) }, context);
      case 'code':
        throw new UsageError('put `code` first: transcript-coder code [dir] --search PATTERN …');
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      context.stderr(`transcript-coder: ${(error as Error).message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof WriteRefusedError) {
      context.stderr(`transcript-coder: ${terminalSafe(error.message)}\n`);
      return EXIT_PROBLEMS;
    }
    throw error;
  }
}

/** The attributes a transcript import was given as flags, in sidecar order. */
function attributeFlags(options: Options): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const key of ['agency', 'informant', 'role', 'date', 'source'] as const) {
    const value = options[key];
    if (value !== undefined) attributes[key] = value;
  }
  return attributes;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(terminalSafe(`transcript-coder: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
      process.exitCode = 3;
    },
  );
}
