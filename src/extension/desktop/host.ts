/**
 * Desktop adapter (web twin: host.web.ts): the extension runs in Node here — in the desktop
 * editor, or in a remote's server (code-server, a tunnel) — where it can run git and the
 * command line. The web build says otherwise. Set as the context key
 * `transcriptCoder.runsPrograms`, which shows the commands that need it (package.json);
 * VS Code's own `isWeb` cannot tell, being true in any browser, code-server's included.
 */
export const hostRunsPrograms: boolean = true;
