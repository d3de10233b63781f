/** One open transcript's coding session: codes at their live lines while the user types, undo and redo, and the sidecar text to write. */
export { type CodeChanges, CodingSession, type SessionCode, type SidecarReload } from './session';
