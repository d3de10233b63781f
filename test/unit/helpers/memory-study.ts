import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadStudy, type Study, type StudyReader } from '../../../src/core/study';

/** A study held in memory (path → text), read through the same loadStudy as the CLI and the editor. */
export function memoryReader(files: ReadonlyMap<string, string>): StudyReader {
  return {
    listFiles: () => Promise.resolve([...files.keys()]),
    readFile: (path) => Promise.resolve(files.has(path) ? new TextEncoder().encode(files.get(path)) : undefined),
  };
}

export function loadMemoryStudy(files: ReadonlyMap<string, string>): Promise<Study> {
  return loadStudy(memoryReader(files), { transcripts: 'all' });
}

/** Every file under `root` (a folder of the repository), as study-relative path → text, under `prefix`. */
export function filesOf(root: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string, relative: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const studyPath = relative === '' ? name : `${relative}/${name}`;
      if (statSync(path).isDirectory()) walk(path, studyPath);
      else if (!name.endsWith('.md') || studyPath.includes('/')) files.set(prefix + studyPath, readFileSync(path, 'utf8'));
    }
  };
  walk(root, '');
  return files;
}
