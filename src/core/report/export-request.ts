/** What every report export takes: the loaded study, its name, the report's language. */
import type { LoadedMemos } from '../study/memos';
import type { Study } from '../study/study';

export interface ReportExportRequest {
  study: Study;
  name: string;
  language: string;
  memos?: LoadedMemos;
  /** `YYYY-MM-DD`; the report leaves the date out when there is none. */
  exportedOn?: string;
}
