/** session: the public face of src/core/session; modules outside it import from here. */
export { type CodeChanges, CodingSession, type SessionCode, type SidecarReload } from './session';
