import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../../src/cli/main';

/** A study folder in the temp directory, filled from a map of path → content. */
export class TempStudy {
  private constructor(readonly root: string) {}

  static async create(files: Record<string, string | Uint8Array>): Promise<TempStudy> {
    const study = new TempStudy(await mkdtemp(join(tmpdir(), 'tc-study-')));
    for (const [path, content] of Object.entries(files)) await study.write(path, content);
    return study;
  }

  path(relative: string): string {
    return join(this.root, ...relative.split('/'));
  }

  async write(relative: string, content: string | Uint8Array): Promise<void> {
    await mkdir(dirname(this.path(relative)), { recursive: true });
    await writeFile(this.path(relative), content);
  }

  async read(relative: string): Promise<string> {
    return readFile(this.path(relative), 'utf8');
  }

  async readBytes(relative: string): Promise<Buffer> {
    return readFile(this.path(relative));
  }

  /** Runs the CLI in-process in the study folder; returns exit code and output. */
  async cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      cwd: this.root,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

export const SMALL_CODEBOOK = `version: 1
frameworks:
  - id: jones
    label: {en: "Charles O. Jones", id: "Charles O. Jones"}
    dimensions:
      - id: organization
        label: {en: Organization, id: Organisasi}
        color: "#4e79a7"
        indicators:
          - id: coordination
            label: {en: Coordination between parties, id: Koordinasi antar pihak}
          - id: apparatus-resources
            label: {en: Apparatus resources, id: Sumber daya aparatur}
      - id: application
        label: {en: Application, id: Aplikasi}
        color: "#59a14f"
`;
