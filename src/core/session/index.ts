/** One open transcript's coding session: codes at their live lines while the user types, undo and redo, and the sidecar text to write. */
export { type CodeChanges, type CodeFields, type ReanchorInput, ReadOnlySidecarError, type SessionCode, type SidecarReload } from './model';
export { reanchorTranscriptText } from './placing';
export { CodingSession } from './session';
