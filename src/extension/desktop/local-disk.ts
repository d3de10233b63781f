/**
 * Desktop adapter (web twin: local-disk.web.ts): files on this machine's disk are written
 * atomically (temp + rename, src/node/atomic-write.ts) and their links resolved
 * (src/node/study-file.ts), so nothing is written through a link leaving the study.
 */
import { writeFileAtomic } from '../../node/atomic-write';
import { realPathInside } from '../../node/study-file';
import type { LocalDisk } from './ports';

export const localDisk: LocalDisk | undefined = {
  writeAtomic: (path, bytes, within) => writeFileAtomic(path, bytes, within === undefined ? {} : { within }),
  realPathInside,
};
