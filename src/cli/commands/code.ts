/**
 * `transcript-coder code [dir] --search PATTERN [--regex | --whole-word] [--speaker NAME]
 * [--agency A] [--folder F] [--attribute KEY=VALUE ...] --code PATH --polarity P
 * --factor TEXT [--memo TEXT] [--coder NAME] [--write]` (issue 18): the CLI twin of
 * find-and-code. Prints every hit as `path:line: text`; with `--write` codes them, one
 * code per run of consecutive hit lines in a transcript, through the study store. A
 * second run adds nothing. Exit 0; 1 when a sidecar is broken or could not be written
 * (named), or a transcript could not be searched; 2 on a bad pattern or bad arguments.
 *
 * Its options are its own (parsed here, not in main.ts): `--polarity` takes a value here
 * but is a switch of `agreement`.
 */
import { parseArgs } from 'node:util';
import { allCodePaths, type Codebook, resolveCodePath } from '../../core/codebook';
import { codeHitsInSidecar, type FindAndCodeFields, type SearchQuery, SearchQueryError, type SearchResult, searchStudy, uncodedRuns } from '../../core/search';
import type { TranscriptRecord } from '../../core/study';
import { decodeText } from '../../core/transcript';
import { gitUserName } from '../../node/git';
import { nodeStudyStore } from '../../node/node-study-files';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, type CliContext } from '../context';
import { loadStudyFolder, studyFolder } from '../study-folder';

const OPTIONS = {
  search: { type: 'string' },
  regex: { type: 'boolean' },
  'whole-word': { type: 'boolean' },
  speaker: { type: 'string' },
  agency: { type: 'string' },
  folder: { type: 'string' },
  attribute: { type: 'string', multiple: true },
  code: { type: 'string' },
  polarity: { type: 'string' },
  factor: { type: 'string' },
  memo: { type: 'string' },
  coder: { type: 'string' },
  codebook: { type: 'string' },
  write: { type: 'boolean' },
} as const;

interface CodeRequest {
  dir: string;
  query: SearchQuery;
  codebookPath: string | undefined;
  write: boolean;
  code?: string;
  polarity?: string;
  factor?: string;
  memo?: string;
  coder?: string;
}

export async function runCode(argv: readonly string[], context: CliContext): Promise<number> {
  const request = readRequest(argv);
  try {
    // The pattern is checked before the study is read: a bad one costs nothing.
    searchStudy([], request.query);
  } catch (error) {
    if (error instanceof SearchQueryError) return usageFailure(context, error.message);
    throw error;
  }
  const root = await studyFolder(request.dir, context);
  const coder = request.write ? (request.coder ?? (await gitUserName(root))) : request.coder;
  if (request.write && coder === undefined) {
    throw new UsageError('name the coder with --coder NAME (git has no user.name here to take it from)');
  }
  const { study } = await loadStudyFolder(request.dir, { transcripts: 'all', ...(request.codebookPath ? { codebookPath: request.codebookPath } : {}) }, context);
  if (request.code !== undefined) checkAgainstCodebook(study.codebook.codebook, study.codebook.path, request);

  let results: SearchResult[];
  try {
    results = [...searchStudy(study.records, request.query)];
  } catch (error) {
    if (error instanceof SearchQueryError) return usageFailure(context, error.message);
    throw error;
  }
  const records = new Map(study.records.map((record) => [record.sidecarPath, record]));
  let problems = 0;
  let hitCount = 0;
  let transcripts = 0;
  for (const result of results) {
    if (result.kind === 'too-slow') return usageFailure(context, result.message);
    if (result.kind === 'not-searched') {
      problems++;
      context.stderr(`${result.transcriptPath}: not searched: ${result.reason}\n`);
      continue;
    }
    transcripts++;
    hitCount += result.hits.length;
    for (const hit of result.hits) context.stdout(`${result.transcriptPath}:${hit.line}: ${hit.text}\n`);
  }

  const found = `${hitCount} ${hitCount === 1 ? 'hit' : 'hits'} in ${transcripts} ${transcripts === 1 ? 'transcript' : 'transcripts'}`;
  const fields = request.code === undefined ? undefined : fieldsOf(request, coder ?? '');
  if (fields === undefined) {
    context.stderr(`${found}\n`);
    return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
  }
  const hitsOnly = results.filter((result): result is Extract<SearchResult, { kind: 'hits' }> => result.kind === 'hits');
  const tally = request.write ? await writeCodes(root, hitsOnly, records, fields, context) : planCodes(hitsOnly, records, fields, context);
  problems += tally.problems;
  const verb = request.write ? 'added' : 'to add (run again with --write to code them)';
  context.stderr(`${found}: ${tally.added} ${tally.added === 1 ? 'code' : 'codes'} of ${fields.code} ${verb}, ${tally.alreadyCoded} hit lines already coded with it\n`);
  return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

interface Tally {
  added: number;
  alreadyCoded: number;
  problems: number;
}

type Hits = Extract<SearchResult, { kind: 'hits' }>;

/** Without --write: what would be coded, from the sidecars as read. */
function planCodes(results: readonly Hits[], records: ReadonlyMap<string, TranscriptRecord>, fields: FindAndCodeFields, context: CliContext): Tally {
  const tally: Tally = { added: 0, alreadyCoded: 0, problems: 0 };
  for (const result of results) {
    const record = records.get(result.sidecarPath);
    if (result.brokenSidecar !== undefined || record === undefined || record.sidecar.status !== 'ok') {
      context.stderr(`${result.brokenSidecar ?? `${result.sidecarPath}: unreadable`}; its hits cannot be coded\n`);
      tally.problems++;
      continue;
    }
    const { runs, alreadyCoded } = uncodedRuns(result.hits.map((hit) => hit.line), record.sidecar.data.codes, fields.code);
    tally.added += runs.length;
    tally.alreadyCoded += alreadyCoded.length;
  }
  return tally;
}

/** With --write: each sidecar read, coded and written in one step of the store's queue for it. */
async function writeCodes(root: string, results: readonly Hits[], records: ReadonlyMap<string, TranscriptRecord>, fields: FindAndCodeFields, context: CliContext): Promise<Tally> {
  const store = nodeStudyStore(root);
  const tally: Tally = { added: 0, alreadyCoded: 0, problems: 0 };
  for (const result of results) {
    const bodies = records.get(result.sidecarPath)?.transcript?.bodies;
    if (result.brokenSidecar !== undefined || bodies === undefined) {
      context.stderr(`${result.brokenSidecar ?? `${result.sidecarPath}: unreadable`}; its hits were not coded\n`);
      tally.problems++;
      continue;
    }
    let refused: string | undefined;
    try {
      await store.updateBytes(result.sidecarPath, (bytes) => {
        const text = bytes === undefined ? undefined : sidecarTextOf(bytes);
        if (text === undefined) {
          refused = `${result.sidecarPath}: the sidecar disappeared or is not text`;
          return undefined;
        }
        const coding = codeHitsInSidecar({ sidecarText: text, sidecarPath: result.sidecarPath, bodies, hitLines: result.hits.map((hit) => hit.line) }, fields, Math.random);
        refused = coding.refused;
        tally.added += coding.added.length;
        tally.alreadyCoded += coding.alreadyCoded.length;
        return coding.newText === undefined ? undefined : new TextEncoder().encode(coding.newText);
      });
    } catch (error) {
      refused = `${result.sidecarPath}: not written: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (refused !== undefined) {
      context.stderr(`${refused}; its hits were not coded\n`);
      tally.problems++;
    }
  }
  return tally;
}

/**
 * A sidecar's text with its own line endings, so a CRLF file is written back CRLF (the
 * writer keeps what the previous text used). Undefined when the bytes are not text.
 */
function sidecarTextOf(bytes: Uint8Array): string | undefined {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return undefined;
  return decoded.lineEnding === 'crlf' ? decoded.text.replace(/\n/gu, '\r\n') : decoded.text;
}

function fieldsOf(request: CodeRequest, coder: string): FindAndCodeFields {
  const fields: FindAndCodeFields = { code: request.code ?? '', polarity: request.polarity ?? '', factor: request.factor ?? '', coder };
  if (request.memo !== undefined && request.memo !== '') fields.memo = request.memo;
  return fields;
}

function readRequest(argv: readonly string[]): CodeRequest {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  if (positionals.length > 1) throw new UsageError(`code takes at most one folder, got: ${positionals.join(' ')}`);
  if (values.regex === true && values['whole-word'] === true) throw new UsageError('--regex and --whole-word do not go together: put \\b or lookarounds in the regular expression instead');
  const query: SearchQuery = { pattern: values.search ?? '', mode: values.regex === true ? 'regex' : values['whole-word'] === true ? 'whole-word' : 'words' };
  if (values.speaker !== undefined) query.speaker = values.speaker;
  if (values.agency !== undefined) query.agency = values.agency;
  if (values.folder !== undefined) query.folder = values.folder;
  if (values.attribute !== undefined) query.attributes = attributePairs(values.attribute);
  const write = values.write === true;
  if (write) {
    const missing = (['code', 'polarity', 'factor'] as const).filter((name) => (values[name] ?? '').trim() === '');
    if (missing.length > 0) throw new UsageError(`code --write needs ${missing.map((name) => `--${name}`).join(', ')}: the code, polarity and factor every hit is coded with`);
  }
  const request: CodeRequest = { dir: positionals[0] ?? '.', query, codebookPath: values.codebook, write };
  for (const name of ['code', 'polarity', 'factor', 'memo', 'coder'] as const) {
    const value = values[name]?.trim();
    if (value !== undefined && value !== '') request[name] = value;
  }
  return request;
}

function attributePairs(pairs: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--attribute ${pair}: write it as KEY=VALUE, e.g. --attribute source=interview`);
    attributes[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return attributes;
}

/** An unknown code path or polarity is a usage error naming the codebook's own. */
function checkAgainstCodebook(codebook: Codebook | undefined, codebookPath: string, request: CodeRequest): void {
  if (codebook === undefined) throw new UsageError(`${codebookPath} could not be read, so --code ${request.code ?? ''} cannot be checked: run \`transcript-coder validate\``);
  const code = request.code ?? '';
  if (resolveCodePath(codebook, code) === undefined) {
    throw new UsageError(`--code ${code} is not in ${codebookPath}; its codes are: ${allCodePaths(codebook).join(', ')}`);
  }
  const polarities = codebook.polarities.map((polarity) => polarity.id);
  if (request.polarity !== undefined && !polarities.includes(request.polarity)) {
    throw new UsageError(`--polarity ${request.polarity} is not in ${codebookPath}; its polarities are: ${polarities.join(', ')}`);
  }
}

function usageFailure(context: CliContext, message: string): number {
  context.stderr(`transcript-coder: ${message}\n`);
  return EXIT_USAGE;
}
