/**
 * Restricted mode (VS Code's untrusted workspaces). The manifest declares
 * `capabilities.untrustedWorkspaces: limited`: in a folder the user has not trusted,
 * Transcript Coder reads and shows codes — hovers, decorations, the sidebar, the
 * Problems panel — but writes nothing: no sidecar, no codebook, no memo, no setting of
 * the workspace, and `transcriptCoder.codebookPath` is taken only from the user's own
 * settings (`restrictedConfigurations`), so a folder cannot point the extension at a
 * file outside it. These are the rules, as pure functions the unit tests check; the
 * extension asks `vscode.workspace.isTrusted` and applies them at its one write path
 * (src/extension/file-io.ts `writeText`) and before any coding operation
 * (src/extension/coded-documents.ts `CodedDocuments.change`).
 */

/** Settings a workspace may not set while it is untrusted (package.json `restrictedConfigurations`). */
export const RESTRICTED_SETTINGS = ['transcriptCoder.codebookPath'] as const;

/** What restricted mode turns off, as the manifest says it and the user is told. */
export const RESTRICTED_MODE_DESCRIPTION =
  'In an untrusted workspace Transcript Coder shows codes, hovers, the sidebar and problems, but does not write: ' +
  'no sidecar, codebook or memo is created or changed, coding commands are refused, and the codebook path is taken ' +
  'only from your user settings. Trust the workspace to code.';

/** A write refused because the workspace is not trusted; nothing was written. */
export class UntrustedWorkspaceError extends Error {
  constructor(readonly path: string) {
    super(`${path} was not written: this workspace is not trusted (restricted mode), so Transcript Coder only shows codes. Trust the workspace to code.`);
  }
}

/** Throws UntrustedWorkspaceError unless the workspace is trusted: every write goes through this. */
export function assertMayWrite(isTrusted: boolean, path: string): void {
  if (!isTrusted) throw new UntrustedWorkspaceError(path);
}

export type WriteDecision = { write: true } | { write: false; tellUser: boolean };

/**
 * Whether to write, and whether to tell the user that nothing is written: once per
 * untrusted period, not on every keystroke's save. Granting trust (VS Code cannot take
 * it back without a reload) lets writes through again.
 */
export class WorkspaceWriteGate {
  private told = false;

  constructor(private readonly isTrusted: () => boolean) {}

  decide(): WriteDecision {
    if (this.isTrusted()) {
      this.told = false;
      return { write: true };
    }
    const tellUser = !this.told;
    this.told = true;
    return { write: false, tellUser };
  }
}
