/**
 * The heavy, rarely used parts of the extension (file formats in and out, team work,
 * report pictures) are bundles of their own beside dist/extension.js, loaded on first
 * use: activation then reads, compiles and runs only what it needs. Each bundle is a
 * module under ./lazy/ of pure core code (no `vscode`, no Node built-in: scripts/build.mjs
 * builds them for any platform and fails otherwise), so the desktop and the web build load
 * the same files: the desktop requires them, a browser's web worker reads and runs them
 * (desktop/lazy-bundles.ts and its web twin). A loader resolves to the module, typed by the
 * module itself; calling it again costs nothing.
 *
 * Each bundle has its own copy of the core it uses: an error class to test with
 * `instanceof` must come from the bundle that threw it.
 */
import { loadLazyBundle } from './desktop/lazy-bundles';

/** Importing transcripts and REFI-QDA projects, and every export format (docx, qdpx, csv…). */
export const interop = (): Promise<typeof import('./lazy/interop')> => loadLazyBundle('interop');

/** Inter-coder agreement, merging sidecars. */
export const team = (): Promise<typeof import('./lazy/team')> => loadLazyBundle('team');

/** The study matrix and its picture. */
export const reports = (): Promise<typeof import('./lazy/reports')> => loadLazyBundle('reports');
