/** exports: the public face of src/core/exports; modules outside it import from here. */
export { EXPORT_FORMATS, exportFormat, type ExportFormat, type ExportRequest, renderExport } from './formats';
