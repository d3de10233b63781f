/**
 * A transcript from a transcriber's tool as a new transcript of the study: Word (.docx),
 * captions (.vtt, .srt) or plain text in any encoding (.txt, .md), converted to UTF-8
 * text with LF line endings, plus an empty sidecar carrying the attributes the user
 * gave. Nothing is written here; the caller writes both files or neither.
 */
import { decodeText } from '../transcript';
import { safeTranscriptPath } from '../refi-qda';
import { emptySidecar, serializeSidecar, sidecarPathFor } from '../sidecar';
import { XmlError } from '../xml';
import { ZipError } from '../zip';
import { DocxError, docxToText } from './docx-text';
import { SubtitleError, subtitlesToText } from './subtitles';

type TranscriptFormat = 'docx' | 'vtt' | 'srt' | 'text';

const FORMATS_BY_EXTENSION: Record<string, TranscriptFormat> = {
  '.docx': 'docx',
  '.vtt': 'vtt',
  '.srt': 'srt',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.markdown': 'text',
};

export const TRANSCRIPT_IMPORT_EXTENSIONS = Object.keys(FORMATS_BY_EXTENSION);

function transcriptFormatOf(fileName: string): TranscriptFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : FORMATS_BY_EXTENSION[fileName.slice(dot).toLowerCase()];
}

export interface TranscriptImport {
  /** File name of the new transcript: the source's name, ending in .txt unless it was .md. */
  transcriptName: string;
  sidecarName: string;
  text: string;
  sidecarText: string;
  /** What was left out or how the file was read. */
  notices: string[];
}

/** The file cannot be read as a transcript; the message names it and says why. */
export class TranscriptImportError extends Error {}

export function importTranscript(fileName: string, bytes: Uint8Array, attributes: Record<string, string>): TranscriptImport {
  const baseName = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const format = transcriptFormatOf(baseName);
  if (format === undefined) {
    throw new TranscriptImportError(
      `${fileName}: not a format that can be imported as a transcript (${TRANSCRIPT_IMPORT_EXTENSIONS.join(', ')}, or .qdpx for a REFI-QDA project)`,
    );
  }
  const { text, notices } = convert(format, baseName, bytes);
  if (text.trim() === '') throw new TranscriptImportError(`${fileName}: holds no text to import`);
  const wanted = format === 'text' ? baseName : baseName.replace(/\.[^.]+$/u, '.txt');
  const transcriptName = safeTranscriptPath(wanted.replace(/[/\\]/gu, '-'), new Set(), 'transcript.txt');
  const sidecar = emptySidecar(transcriptName, attributes);
  return { transcriptName, sidecarName: sidecarPathFor(transcriptName), text, sidecarText: serializeSidecar(sidecar), notices };
}

function convert(format: TranscriptFormat, fileName: string, bytes: Uint8Array): { text: string; notices: string[] } {
  try {
    if (format === 'docx') return docxToText(bytes, fileName);
    const decoded = decodeText(bytes);
    if (!decoded.ok) throw new TranscriptImportError(`${fileName}${decoded.line === undefined ? '' : `:${decoded.line}`}: ${decoded.message}`);
    // Converting it to UTF-8 would make garbled text permanent: refuse, and say why.
    if (decoded.unknownEncoding === true) throw new TranscriptImportError(`${fileName}: ${decoded.notice ?? 'unknown encoding'}`);
    const notices = decoded.notice === undefined ? [] : [`${fileName}: ${decoded.notice}; written as UTF-8`];
    if (format === 'text') return { text: decoded.text === '' || decoded.text.endsWith('\n') ? decoded.text : `${decoded.text}\n`, notices };
    const converted = subtitlesToText(decoded.text, format, fileName);
    return { text: converted.text, notices: [...notices, ...converted.notices] };
  } catch (error) {
    if (error instanceof ZipError || error instanceof XmlError || error instanceof DocxError || error instanceof SubtitleError) {
      throw new TranscriptImportError(error.message);
    }
    throw error;
  }
}
