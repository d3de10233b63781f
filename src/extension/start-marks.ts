/**
 * The performance marks of the web build's start (desktop/start.web.ts), in order:
 * activate() began; the turn that runs the workbench's code began and ended; the turn
 * that starts the workbench began and ended. `npm run bench` reads them in the web worker
 * (bench/vscode/web/suite.ts).
 */
export const START_MARKS = {
  activating: 'transcript-coder/start/activating',
  loading: 'transcript-coder/start/loading',
  loaded: 'transcript-coder/start/loaded',
  starting: 'transcript-coder/start/starting',
  started: 'transcript-coder/start/started',
} as const;
