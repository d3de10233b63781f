/**
 * Every format a study can be exported to, by id: `transcript-coder export --format ID`
 * and the extension's export command both look the format up here. Adding a format is
 * one entry: an id, the file extension, one line for the help, and a function from the
 * loaded study to bytes plus what was left out.
 */
import type { LoadedMemos, Study } from '../study';
import type { Problem } from '../problems';
import { exportDocumentsFromStudy, exportQdpx, renderCodebookQdc } from '../refi-qda';
import { exportFindingsDocx, exportFindingsMarkdown, exportMatrixSvg, renderCodeMatrixCsv, renderSegmentsCsv } from '../report';

export interface ExportRequest {
  /** Loaded with `transcripts: 'all'`. */
  study: Study;
  /** The study's name, e.g. its folder's name. */
  name: string;
  /** Language of labels where a format shows one language (`en`, `id`). */
  language: string;
  /** The study's analytic memos (`loadMemos`), for the findings report. */
  memos?: LoadedMemos;
  /** The day of the export, `YYYY-MM-DD`, printed in the report: the core has no clock. */
  exportedOn?: string;
  /** What REFI-QDA selection positions count: code points (the spec, default) or UTF-16 units (NVivo on Windows). */
  positions?: 'code-points' | 'utf16';
}

interface ExportResult {
  bytes?: Uint8Array;
  /**
   * Instead of `bytes`, for a format whose encoder is asynchronous (the .docx packer):
   * `renderExport` awaits it. Undefined bytes still mean nothing worth writing.
   */
  pendingBytes?: Promise<Uint8Array>;
  problems: Problem[];
}

export interface ExportFormat {
  id: string;
  /** Without the dot. */
  extension: string;
  description: string;
  /** `bytes` is undefined when there is nothing worth writing; `problems` then say why. */
  render(request: ExportRequest): ExportResult;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'qdpx',
    extension: 'qdpx',
    description: 'REFI-QDA project',
    render({ study, name, language, positions }) {
      const { documents, problems } = exportDocumentsFromStudy(study);
      const result = exportQdpx({ name, codebook: study.codebook.codebook, documents, language, ...(positions === undefined ? {} : { positions }) });
      // A missing or broken codebook still exports (codes under their ids), but the user must know why.
      return { bytes: result.bytes, problems: [...study.codebook.problems, ...problems, ...result.problems] };
    },
  },
  {
    id: 'qdc',
    extension: 'qdc',
    description: 'REFI-QDA codebook',
    render({ study, language }) {
      const codebook = study.codebook.codebook;
      // Without a readable codebook there is nothing to exchange; its problems say why.
      if (codebook === undefined) return { problems: study.codebook.problems };
      return { bytes: new TextEncoder().encode(renderCodebookQdc(codebook, language)), problems: [] };
    },
  },
  {
    id: 'md',
    extension: 'md',
    description: 'findings report, Markdown',
    render: (request) => exportFindingsMarkdown(request),
  },
  {
    id: 'docx',
    extension: 'docx',
    description: 'findings report, Word',
    render: (request) => exportFindingsDocx(request),
  },
  {
    id: 'csv',
    extension: 'csv',
    description: 'one row per coded segment, for R, SPSS and Excel',
    render: ({ study, language }) => renderSegmentsCsv(study, language),
  },
  {
    id: 'matrix-csv',
    extension: 'csv',
    description: 'codes × agencies segment counts, overall and per polarity',
    render: ({ study, language }) => renderCodeMatrixCsv(study, language),
  },
  {
    id: 'matrix-svg',
    extension: 'svg',
    description: 'study matrix, agencies × dimensions, as a picture',
    render: (request) => exportMatrixSvg(request),
  },
];

/** Renders and waits for the bytes, whether the format makes them at once or later. */
export async function renderExport(format: ExportFormat, request: ExportRequest): Promise<{ bytes?: Uint8Array; problems: Problem[] }> {
  const { bytes, pendingBytes, problems } = format.render(request);
  return { bytes: bytes ?? (await pendingBytes), problems };
}

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.id === id);
}

