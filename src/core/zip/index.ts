/** zip: the public face of src/core/zip; modules outside it import from here. */
export { openZip, type ZipArchive, ZipError, type ZipLimits } from './zip-reader';
export { writeZip, type ZipFileEntry } from './zip-writer';
