import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { importedRecordingLink, MEDIA_ATTRIBUTE } from '../../core/media';
import { formatProblem, TargetNotFreeError } from '../../core/problems';
import { describeSummary, importQdc, importQde, importQdpx, ImportRefusedError, type ImportResult } from '../../core/refi-qda';
import { besideReader } from '../../node/beside-reader';
import { importTranscript, TranscriptImportError } from '../../core/transcript-import';
import { addFilesWithoutOverwriting, writeNewFolder } from '../../node/import-writer';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliContext } from '../context';

export interface ImportOptions {
  output: string | undefined;
  /** From --agency, --informant, --role, --date, --source; for transcripts only. */
  attributes: Record<string, string>;
}

/** A .qdpx larger than this is refused before it is read: media belongs outside the project. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

/**
 * `import FILE -o DIR`. A .qdpx becomes a new study in DIR, which must be new or empty;
 * a transcript (.docx, .vtt, .srt, .txt, .md) is added to DIR with an empty sidecar,
 * never replacing a file that is there.
 */
export async function runImport(file: string | undefined, options: ImportOptions, context: CliContext): Promise<number> {
  if (file === undefined) throw new UsageError('import needs the file to import');
  if (options.output === undefined) throw new UsageError('import needs -o DIR, the folder to import into');
  const source = resolve(context.cwd, file);
  const target = resolve(context.cwd, options.output);
  const info = await stat(source).catch(() => undefined);
  if (info === undefined || !info.isFile()) throw new UsageError(`${file} is not a file`);
  const targetInfo = await stat(target).catch(() => undefined);
  if (targetInfo !== undefined && !targetInfo.isDirectory()) throw new UsageError(`${options.output} is a file; -o names the folder to import into`);
  const kind = /\.(qdpx|qde|qdc)$/iu.exec(file)?.[1]?.toLowerCase();
  const isProject = kind !== undefined;
  if (isProject && Object.keys(options.attributes).length > 0) {
    throw new UsageError('--agency, --informant, --role, --date and --source describe one transcript; a .qdpx brings its own cases and variables (so do .qde and .qdc)');
  }
  if (info.size > MAX_ARCHIVE_BYTES) {
    context.stderr(`transcript-coder: ${file} is larger than 1 GiB; nothing was written\n`);
    return EXIT_PROBLEMS;
  }

  try {
    const bytes = new Uint8Array(await readFile(source));
    if (isProject) {
      // Sources named outside the archive are read beside the project file, never outside its folder.
      const beside = besideReader(dirname(source));
      const result: ImportResult = kind === 'qdc' ? importQdc(bytes, file) : kind === 'qde' ? importQde(bytes, file, beside) : importQdpx(bytes, file, {}, beside);
      for (const notice of result.notices) context.stderr(`${formatProblem(notice)}\n`);
      await writeNewFolder(target, result.files);
      const widened = result.widened > 0 ? `; ${result.widened} selection(s) widened to whole lines, see above` : '';
      for (const reading of result.positionReadings) {
        context.stdout(`${reading.source}: positions read as ${reading.unit === 'utf16' ? 'UTF-16 code units' : 'code points'} (${reading.why})\n`);
      }
      context.stdout(`imported ${result.transcripts} transcript(s) with ${result.codes} code(s) into ${target}${widened}\n`);
      context.stdout(`${describeSummary(result.summary)}\n`);
      if (result.lostCodings > 0) {
        context.stderr(`transcript-coder: ${result.lostCodings} of ${result.summary.tallies.codings.found} coding(s) were not imported (see the warnings above); what could be imported was written\n`);
        return EXIT_PROBLEMS;
      }
      return EXIT_OK;
    }
    const attributes = await withRecordingLink(source, target, options.attributes);
    const transcript = importTranscript(file, bytes, attributes);
    for (const notice of transcript.notices) context.stderr(`${notice}\n`);
    if (attributes[MEDIA_ATTRIBUTE] !== options.attributes[MEDIA_ATTRIBUTE]) context.stderr(`linked the recording ${attributes[MEDIA_ATTRIBUTE]} (media: in the sidecar)\n`);
    await addFilesWithoutOverwriting(target, [
      { path: transcript.transcriptName, content: transcript.text },
      { path: transcript.sidecarName, content: transcript.sidecarText },
    ]);
    context.stdout(`wrote ${resolve(target, transcript.transcriptName)} and its sidecar ${transcript.sidecarName}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ImportRefusedError || error instanceof TranscriptImportError || error instanceof TargetNotFreeError) {
      const message = error.message.endsWith('nothing was written') ? error.message : `${error.message}; nothing was written`;
      context.stderr(`transcript-coder: ${message}\n`);
      return EXIT_PROBLEMS;
    }
    throw error;
  }
}

/** Captions beside a recording of the same name (kaban.vtt, kaban.m4a): the sidecar links it (issue 17). */
async function withRecordingLink(source: string, target: string, attributes: Record<string, string>): Promise<Record<string, string>> {
  if (attributes[MEDIA_ATTRIBUTE] !== undefined) return attributes;
  const siblings = await readdir(dirname(source)).catch(() => []);
  const link = importedRecordingLink(basename(source), siblings, dirname(source), target);
  return link === undefined ? attributes : { ...attributes, [MEDIA_ATTRIBUTE]: link };
}
