/**
 * The report and table formats of `transcript-coder export` (and the extension's export
 * command), as the export registry calls them: the loaded study in, bytes and what was
 * left out back.
 */
import type { Problem } from '../problems';
import { buildFindingsReport } from './findings';
import { renderFindingsDocx } from './findings-docx';
import { renderFindingsMarkdown } from './findings-markdown';
import type { ReportExportRequest } from './export-request';

// The matrix picture has a module of its own so that drawing it does not load the .docx writer.
;

export type { ReportExportRequest } from './export-request';

export function exportFindingsMarkdown(request: ReportExportRequest): { bytes: Uint8Array; problems: Problem[] } {
  const report = buildFindingsReport({ ...request, exportedOn: request.exportedOn ?? '' });
  return { bytes: new TextEncoder().encode(renderFindingsMarkdown(report)), problems: report.problems };
}

export function exportFindingsDocx(request: ReportExportRequest): { pendingBytes: Promise<Uint8Array>; problems: Problem[] } {
  const report = buildFindingsReport({ ...request, exportedOn: request.exportedOn ?? '' });
  return { pendingBytes: renderFindingsDocx(report), problems: report.problems };
}
