/** store: the one write path of a study — the port, its in-memory adapter, trust, the queue, sidecar saves. */
export { MemoryStudyFiles, sameBytes, type StudyFiles } from './files';
export { SessionSidecar, type SidecarSave,  } from './session-sidecar';
export { StudyStore } from './store';
export {  UntrustedWorkspaceError,   } from './trust';
