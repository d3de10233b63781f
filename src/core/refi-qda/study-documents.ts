/**
 * From a loaded study to what the exporters take: each readable transcript's text and
 * sidecar. A transcript whose sidecar is broken or whose text cannot be read is left
 * out and said so — an export never guesses at codes it could not read.
 */
import { problem, type Problem } from '../problems';
import type { Study } from '../study';
import type { ExportDocument } from './export-project';
import { countOutsideBmp } from './export-names';

export function exportDocumentsFromStudy(study: Study): { documents: ExportDocument[]; problems: Problem[] } {
  const documents: ExportDocument[] = [];
  const problems: Problem[] = [];
  for (const record of study.records) {
    if (record.sidecar.status !== 'ok') {
      problems.push(
        problem('export-left-out', record.sidecarPath, 1, 1, 'error', `left out of the export: the sidecar cannot be read (${record.sidecar.reason}); run \`transcript-coder validate\``),
      );
      continue;
    }
    if (record.transcript === undefined) {
      problems.push(problem('export-left-out', record.sidecarPath, 1, 1, 'error', `left out of the export: its transcript ${record.transcriptPath} could not be read`));
      continue;
    }
    const lines = record.transcript.transcript.lines.map((line) => line.text);
    const document: ExportDocument = {
      path: record.transcriptPath,
      text: lines.length === 0 ? '' : lines.join('\n') + '\n',
      sidecar: record.sidecar.data,
    };
    if (record.agency !== undefined) document.agency = record.agency;
    documents.push(document);
  }
  return { documents, problems };
}

/**
 * The transcripts holding characters outside the BMP (emoji and the like), where code
 * points and UTF-16 units part: the export then asks which the receiving tool counts.
 */
export function transcriptsOutsideBmp(study: Study): string[] {
  return exportDocumentsFromStudy(study).documents.filter((document) => countOutsideBmp(document.text) > 0).map((document) => document.path);
}
