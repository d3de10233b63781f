/** Zip archives read with bounds (sizes, counts, ratios, no paths leaving the archive) and written: for .qdpx and .docx. */
export { openZip, type ZipArchive, ZipError, type ZipLimits } from './zip-reader';
export { writeZip, type ZipFileEntry } from './zip-writer';
