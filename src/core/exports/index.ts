/** Every format a study exports to, by id: the one registry the CLI's `export --format` and the extension's export commands share. */
export { EXPORT_FORMATS, exportFormat, type ExportFormat, type ExportRequest, renderExport } from './formats';
