/** The session's codes at their live lines, and the cache that spares rebuilding them on every keystroke. */
import type { TrackedCode } from '../anchoring';
import type { CodeEntry, SidecarData } from '../sidecar';
import type { SessionCode } from './model';


/** A code at its live position (its own lines when it is not tracked). */
export function sessionCode(entry: CodeEntry, position: TrackedCode | undefined): SessionCode {
  const lines: [number, number] = position === undefined ? entry.lines : [position.first, position.last];
  return { entry: { ...entry, lines }, detached: position?.detached ?? false };
}

/**
 * codes() as last built, with what it was built from. The editor asks for the codes on
 * every keystroke and cursor move, and typing inside a line moves none: comparing the
 * live positions (a few microseconds for 2,000 codes) is far cheaper than building and
 * sorting them again. The sidecar data is replaced, never changed in place, on every
 * coding change, so its identity says whether it changed.
 */
export class CodesCache {
  constructor(
    private readonly data: SidecarData,
    private readonly positions: readonly TrackedCode[],
    readonly codes: readonly SessionCode[],
  ) {}

  isFor(data: SidecarData, positions: readonly TrackedCode[]): boolean {
    if (data !== this.data || positions.length !== this.positions.length) return false;
    for (let index = 0; index < positions.length; index++) {
      const now = positions[index] as TrackedCode;
      const then = this.positions[index] as TrackedCode;
      if (now.id !== then.id || now.first !== then.first || now.last !== then.last || now.detached !== then.detached) return false;
    }
    return true;
  }
}
