/**
 * The floor the cold index is compared with: list the study, read every transcript and
 * every sidecar, and parse each sidecar with js-yaml (the fastest YAML parser on the npm
 * registry) — or, as the physical reference, JSON.parse the same data. Nothing else:
 * no validation, no positions, no summary.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import { createFsStudyReader } from '../../src/node/fs-study-reader';

const decoder = new TextDecoder('utf-8');

async function readText(file: string): Promise<string> {
  return decoder.decode(await readFile(file));
}

/** Sidecar and transcript paths of the study, listed as the CLI lists them. */
export async function listStudy(root: string): Promise<{ sidecars: string[]; transcripts: string[] }> {
  const files = await createFsStudyReader(root).listFiles();
  const sidecars = files.filter((file) => file.endsWith('.codes.yaml'));
  return { sidecars, transcripts: sidecars.map((file) => file.slice(0, -'.codes.yaml'.length)) };
}

/** Read every transcript, read and js-yaml-parse every sidecar. Returns the number of codes, so nothing is optimised away. */
export async function floorJsYaml(root: string): Promise<number> {
  const { sidecars, transcripts } = await listStudy(root);
  const texts = await Promise.all(transcripts.map((file) => readText(path.join(root, file))));
  const parsed = await Promise.all(sidecars.map(async (file) => load(await readText(path.join(root, file))) as { codes?: unknown[] }));
  return texts.length + parsed.reduce((sum, data) => sum + (data.codes?.length ?? 0), 0);
}

/** The same with the sidecars as JSON files under `jsonRoot`. */
export async function floorJson(root: string, jsonRoot: string): Promise<number> {
  const { sidecars, transcripts } = await listStudy(root);
  const texts = await Promise.all(transcripts.map((file) => readText(path.join(root, file))));
  const parsed = await Promise.all(sidecars.map(async (file) => JSON.parse(await readText(path.join(jsonRoot, `${file}.json`))) as { codes?: unknown[] }));
  return texts.length + parsed.reduce((sum, data) => sum + (data.codes?.length ?? 0), 0);
}
