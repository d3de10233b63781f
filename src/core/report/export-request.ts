/** What every report export takes: the loaded study, its name, the report's language. */
import type { LoadedMemos, Study } from '../study';

export interface ReportExportRequest {
  study: Study;
  name: string;
  language: string;
  memos?: LoadedMemos;
  /** `YYYY-MM-DD`; the report leaves the date out when there is none. */
  exportedOn?: string;
}
