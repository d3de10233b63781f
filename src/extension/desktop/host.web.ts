/** Web twin of host.ts: in a browser's web worker no program can be run. */
export const hostRunsPrograms: boolean = false;
