/**
 * Every format a study can be exported to, by id: `transcript-coder export --format ID`
 * and the extension's export command both look the format up here. Adding a format is
 * one entry: an id, the file extension, one line for the help, and a function from the
 * loaded study to bytes plus what was left out.
 */
import type { Problem } from './problems';
import { exportQdpx } from './refi-qda/export-project';
import { renderCodebookQdc } from './refi-qda/export-qdc';
import { exportDocumentsFromStudy } from './refi-qda/study-documents';
import type { Study } from './study';

export interface ExportRequest {
  /** Loaded with `transcripts: 'all'`. */
  study: Study;
  /** The study's name, e.g. its folder's name. */
  name: string;
  /** Language of labels where a format shows one language (`en`, `id`). */
  language: string;
}

export interface ExportFormat {
  id: string;
  /** Without the dot. */
  extension: string;
  description: string;
  /** `bytes` is undefined when there is nothing worth writing; `problems` then say why. */
  render(request: ExportRequest): { bytes?: Uint8Array; problems: Problem[] };
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'qdpx',
    extension: 'qdpx',
    description: 'REFI-QDA project',
    render({ study, name, language }) {
      const { documents, problems } = exportDocumentsFromStudy(study);
      const result = exportQdpx({ name, codebook: study.codebook.codebook, documents, language });
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
];

export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.id === id);
}

export function exportFormatIds(): string[] {
  return EXPORT_FORMATS.map((format) => format.id);
}
