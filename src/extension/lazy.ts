/**
 * The heavy, rarely used parts of the extension (file formats in and out, team work,
 * report pictures) are bundles of their own beside dist/extension.js, required on first
 * use: activation then reads, compiles and runs only what it needs. Each bundle is a
 * module under ./lazy/ whose exports callers reach through the loaders here, typed by
 * the module itself. scripts/build.mjs turns each `require('./lazy/x')` into a require
 * of the sibling bundle dist/x.js; run from the sources, it loads the module itself.
 * Node caches a required module, so calling a loader again costs nothing.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a require at call time is how a bundle is loaded on first use */

/** Importing transcripts and REFI-QDA projects, and every export format (docx, qdpx, csv…). */
export const interop = (): typeof import('./lazy/interop') => require('./lazy/interop');

/** Inter-coder agreement, merging sidecars, setting up git's merge driver. */
export const team = (): typeof import('./lazy/team') => require('./lazy/team');

/** The study matrix and its picture. */
export const reports = (): typeof import('./lazy/reports') => require('./lazy/reports');
