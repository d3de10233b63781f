/**
 * A REFI-QDA project (project.qde, from a .qdpx or standing alone) as the files of a new
 * study: `codebook.yaml`, a transcript and sidecar per text source and per transcript of
 * an audio/video source, and `imported-notes.md` for Notes attached to nothing that
 * line codes carry. Everything else is counted and named in the summary; the caller
 * exits with an error when codings were lost.
 */
import { decodeText } from '../transcript';
import { problem, type Problem } from '../problems';
import { serializeSidecar, sidecarPathFor } from '../sidecar';
import type { XmlElement } from '../xml';
import { codebookToYaml } from './codebook-yaml';
import { codebookFromCodes } from './import-codebook';
import { importSource, type SourceContext } from './import-source';
import { countOther, emptySummary, type ImportSummary } from './import-summary';
import { safeTranscriptPath } from './names';
import { chooseUnit, utf16ToCodePoints } from './position-unit';
import { readExtras, type QdeTranscript } from './read-extras';
import { applyMachineMap, MACHINE_MAP_FILE, readMachineMap } from './machine-map';
import { readProject, type QdeCode, type QdeTextSource } from './read-project';
import { resolveSourcePath, type SourceFiles } from './source-files';
import { codePointLength, layoutLines } from './text-positions';
import { timestampTranscript } from './transcript-timestamps';

interface ImportedFile {
  /** Relative, '/'-separated, inside the target folder. */
  path: string;
  content: string;
}

export interface ImportResult {
  files: ImportedFile[];
  /** What was left out, widened or guessed, pointing at project.qde lines. */
  notices: Problem[];
  transcripts: number;
  codes: number;
  widened: number;
  summary: ImportSummary;
  /** Coding elements that reached no sidecar: an import that loses any is a failed one. */
  lostCodings: number;
  /** For each source whose text holds characters outside the BMP: which unit its positions were read in, and why. */
  positionReadings: Array<{ source: string; unit: 'code-points' | 'utf16'; why: string }>;
}

export const CODEBOOK_FILE = 'codebook.yaml';
const NOTES_FILE = 'imported-notes.md';

export function importProjectXml(root: XmlElement, qdeFile: string, files: SourceFiles): ImportResult {
  const project = readProject(root, qdeFile);
  const machineMap = readMachineMap(files.inArchive(MACHINE_MAP_FILE));
  applyMachineMap(project, machineMap);
  const extras = readExtras(root, qdeFile);
  const summary = emptySummary();
  // Codes with a Case's GUID stand for that case (NVivo's cases are nodes; our export writes them for QualCoder).
  const caseGuids = new Set(project.cases.map((entry) => entry.guid));
  const caseCodes = project.codes.filter((code) => caseGuids.has(code.guid));
  const codebook = codebookFromCodes(
    project.codes.filter((code) => !caseGuids.has(code.guid)),
    project.name,
  );
  const notices: Problem[] = codebook.notices.map((notice) => problem('import-adjusted', qdeFile, notice.line, notice.column ?? 1, 'warning', notice.message));
  const warn = (at: { line: number; column: number }, message: string): void => {
    notices.push(problem('import-adjusted', qdeFile, at.line, at.column, 'warning', message));
  };
  for (const duplicate of extras.duplicateGuids) {
    warn(duplicate, `${duplicate.kind} "${duplicate.name}" reuses the GUID ${duplicate.guid} of the ${duplicate.first.kind} at line ${duplicate.first.line}; references to it reach the first`);
  }

  const readText = (path: string): { text: string; notice?: string } | { why: string } => {
    const found = resolveSourcePath(path, files);
    if ('why' in found) return found;
    return decodeSourceBytes(found.bytes);
  };
  const noteCache = new Map<string, string | undefined>();
  const noteText = (guid: string): string | undefined => {
    if (noteCache.has(guid)) return noteCache.get(guid);
    const note = project.notes.get(guid);
    let text = note?.content;
    if (text === undefined && note?.plainTextPath !== undefined) {
      const read = readText(note.plainTextPath);
      text = 'text' in read ? read.text : undefined;
    }
    noteCache.set(guid, text);
    return text;
  };
  const setsOfSource = new Map<string, string[]>();
  for (const set of extras.sets) {
    for (const member of set.memberSources) setsOfSource.set(member, [...(setsOfSource.get(member) ?? []), set.name]);
  }
  const context: SourceContext = { project, codebook, qdeFile, noteText, setsOfSource, arrivedCases: new Set(), arrivedNotes: new Set(), caseGuids, merged: machineMap.merged };

  const result: ImportResult = { files: [], notices, transcripts: 0, codes: 0, widened: 0, summary, lostCodings: 0, positionReadings: [] };
  const taken = new Set<string>([CODEBOOK_FILE, NOTES_FILE]);
  const importedSources = new Set<string>();
  const addSource = (source: QdeTextSource, text: string, fallbackName: string): void => {
    const choice = chooseUnit(text, source.selections, project.origin);
    let selections = source.selections;
    if (choice.readingsDiffer) {
      result.positionReadings.push({ source: source.name, unit: choice.unit, why: choice.why });
      if (choice.unit === 'utf16') {
        // Not what the spec says, so a warning: the user should know the file was read differently.
        warn(source, `text source "${source.name}" holds characters outside the BMP; its positions were read as UTF-16 code units, not code points as REFI-QDA says: ${choice.why}`);
      }
      if (choice.selections > 0 && choice.fit[choice.unit] * 2 < choice.selections) {
        warn(source, `text source "${source.name}": fewer than half its selections fall on word boundaries under either reading; its positions may be misread, check the widened selections`);
      }
      if (choice.unit === 'utf16') {
        const toPoints = utf16ToCodePoints(text);
        selections = selections.map((selection) => ({ ...selection, start: toPoints(selection.start), end: toPoints(selection.end) }));
      }
      context.positionReading = `positions read as ${choice.unit === 'utf16' ? 'UTF-16 units' : 'code points'}`;
    } else {
      delete context.positionReading;
    }
    const path = safeTranscriptPath(source.name, taken, fallbackName);
    const imported = importSource({ ...source, selections }, path, layoutLines(text), codePointLength(text), context, notices);
    if (source.sourceCodings > 0) {
      warn(source, `${path}: ${source.sourceCodings} coding(s) of the whole document left out; codes here belong to lines`);
    }
    result.files.push({ path, content: imported.text }, { path: sidecarPathFor(path), content: serializeSidecar(imported.sidecar) });
    result.transcripts++;
    result.codes += imported.sidecar.codes.length;
    result.widened += imported.widened;
    summary.tallies.codings.arrived += imported.codingsArrived;
    importedSources.add(source.guid);
  };

  project.textSources.forEach((source, index) => {
    const text = source.content ?? (source.plainTextPath === undefined ? undefined : readText(source.plainTextPath));
    if (text === undefined) {
      warn(source, `text source "${source.name}" left out: it has no plain-text representation (only rich text), so its selections cannot be placed`);
      return;
    }
    if (typeof text !== 'string' && 'why' in text) {
      warn(source, `text source "${source.name}" left out: ${text.why}`);
      return;
    }
    const content = typeof text === 'string' ? text : text.text;
    if (typeof text !== 'string' && text.notice !== undefined) warn(source, `text source "${source.name}": ${text.notice}, so its positions may be off`);
    addSource(source, content, `source-${index + 1}.txt`);
  });
  for (const transcript of extras.transcripts) importTranscript(transcript, readText, addSource, warn);
  for (const other of project.otherSources) {
    const transcripts = extras.transcripts.filter((transcript) => transcript.mediaGuid === normalize(other.element.attributes['guid']));
    if (transcripts.length > 0 && importedSources.has(transcripts[0]?.mediaGuid ?? '')) continue;
    countOther(summary, other.kind);
    warn(other, `${other.kind} "${other.name}" left out: only text and the transcripts of audio and video become transcripts`);
  }

  tallySources(summary, root, importedSources, project.otherSources.length + project.textSources.length);
  tallyCodes(summary, project.codes, codebook.targets, new Set(caseCodes.map((code) => code.guid)));
  summary.tallies.codings.found = countElements(root, 'Coding', 'Sources');
  summary.tallies.codings.leftOut = summary.tallies.codings.found - summary.tallies.codings.arrived;
  result.lostCodings = summary.tallies.codings.leftOut;

  summary.tallies.cases = { found: project.cases.length, arrived: context.arrivedCases.size, leftOut: project.cases.length - context.arrivedCases.size };
  for (const entry of project.cases) {
    if (context.arrivedCases.has(entry.guid)) continue;
    // QualCoder's exporter writes a case's SourceRef only for a link stored as positions 0–0, not for a whole text.
    const linksNothing = entry.sourceRefs.length === 0 && entry.selectionRefs.length === 0 && !caseCodes.some((code) => code.guid === entry.guid);
    warn(entry, `case "${entry.name}" left out: ${linksNothing ? 'it links to no source (no SourceRef, no selection, no code of it)' : 'none of its sources was imported'}`);
  }

  const sourceSets = extras.sets.filter((set) => set.memberSources.some((guid) => importedSources.has(guid)));
  summary.tallies.sets = { found: extras.sets.length, arrived: sourceSets.length, leftOut: extras.sets.length - sourceSets.length };
  for (const set of extras.sets) {
    if (sourceSets.includes(set)) continue;
    warn(set, set.memberCodes.length > 0 ? `set "${set.name}" of ${set.memberCodes.length} code(s) left out: code sets have no place in a codebook` : `set "${set.name}" left out: none of its sources was imported`);
  }

  const referencedNotes = noteRefTargets(root);
  const loose = [...project.notes.values()].filter((note) => !context.arrivedNotes.has(note.guid) && !referencedNotes.has(note.guid));
  const notesText = loose.map((note) => ({ note, text: noteText(note.guid) })).filter((entry) => entry.text !== undefined);
  if (notesText.length > 0) {
    const body = notesText.map(({ note, text }) => `## ${note.name.trim() === '' ? note.guid : note.name.trim()}\n\n${(text ?? '').trim()}\n`).join('\n');
    result.files.push({ path: NOTES_FILE, content: `# Notes imported from "${project.name}"\n\n${body}` });
    for (const { note } of notesText) context.arrivedNotes.add(note.guid);
  }
  summary.tallies.memos = { found: project.notes.size, arrived: context.arrivedNotes.size, leftOut: project.notes.size - context.arrivedNotes.size };
  for (const note of project.notes.values()) if (!context.arrivedNotes.has(note.guid)) warn(note, `note "${note.name}" left out: what it is attached to was left out, or its text cannot be read`);

  for (const item of extras.unsupported) {
    countOther(summary, item.kind);
    warn(item, `${item.kind} "${item.name}" left out: a study has no place for it`);
  }

  const header = [
    `Transcript Coder codebook, imported from the REFI-QDA project "${project.name}"${project.origin === undefined ? '' : ` (written by ${project.origin})`}.`,
    'Code paths are framework/dimension or framework/dimension/indicator; see the sidecars (*.codes.yaml).',
    '',
  ];
  result.files.unshift({ path: CODEBOOK_FILE, content: codebookToYaml(codebook.codebook, header) });
  return result;
}

function importTranscript(
  transcript: QdeTranscript,
  readText: (path: string) => { text: string } | { why: string },
  addSource: (source: QdeTextSource, text: string, fallbackName: string) => void,
  warn: (at: { line: number; column: number }, message: string) => void,
): void {
  const name = transcript.name.trim() === '' ? transcript.mediaName : transcript.name;
  let text = transcript.content;
  if (text === undefined && transcript.plainTextPath !== undefined) {
    const read = readText(transcript.plainTextPath);
    if ('why' in read) {
      warn(transcript, `transcript "${name}" of ${transcript.mediaKind} "${transcript.mediaName}" left out: ${read.why}`);
      return;
    }
    text = read.text;
  }
  if (text === undefined) {
    warn(transcript, `transcript "${name}" of ${transcript.mediaKind} "${transcript.mediaName}" left out: it has no text`);
    return;
  }
  const stamped = timestampTranscript(text, transcript.syncPoints);
  const source: QdeTextSource = {
    guid: transcript.mediaGuid,
    name: /\.[a-z0-9]{1,5}$/iu.test(name) ? name.replace(/\.[a-z0-9]{1,5}$/iu, '.txt') : `${name}.txt`,
    selections: transcript.selections.map((selection) => ({ ...selection, start: stamped.map(selection.start), end: stamped.map(selection.end) })),
    sourceCodings: 0,
    variables: [],
    noteRefs: [],
    line: transcript.line,
    column: transcript.column,
  };
  addSource(source, stamped.text, 'transcript.txt');
}

/** REFI-QDA wants UTF-8; anything else is decoded as a transcript would be and said so. */
function decodeSourceBytes(bytes: Uint8Array): { text: string; notice?: string } | { why: string } {
  const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(withoutBom) };
  } catch {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return { why: decoded.message };
    if (decoded.unknownEncoding === true) return { why: decoded.notice ?? 'its encoding is unknown' };
    return { text: decoded.text, notice: `it is not UTF-8 as REFI-QDA requires; ${decoded.notice ?? 'decoded'}` };
  }
}

function tallySources(summary: ImportSummary, root: XmlElement, imported: Set<string>, found: number): void {
  const arrived = (root.children.find((child) => child.name === 'Sources')?.children ?? []).filter((source) => imported.has(normalize(source.attributes['guid']))).length;
  summary.tallies.sources = { found, arrived, leftOut: found - arrived };
}

function tallyCodes(summary: ImportSummary, codes: readonly QdeCode[], targets: ReadonlyMap<string, unknown>, caseCodes: ReadonlySet<string>): void {
  let found = 0;
  let arrived = 0;
  const visit = (code: QdeCode): void => {
    found++;
    // A case's code arrives as the case (the agency of its sources).
    if (targets.has(code.guid) || caseCodes.has(code.guid)) arrived++;
    code.children.forEach(visit);
  };
  codes.forEach(visit);
  summary.tallies.codes = { found, arrived, leftOut: found - arrived };
}

function countElements(root: XmlElement, name: string, under: string): number {
  let count = 0;
  const visit = (element: XmlElement): void => {
    if (element.name === name) count++;
    element.children.forEach(visit);
  };
  root.children.filter((child) => child.name === under).forEach(visit);
  return count;
}

/** Notes some NoteRef points at: they belong to that element, not to the loose notes. */
function noteRefTargets(root: XmlElement): Set<string> {
  const targets = new Set<string>();
  const visit = (element: XmlElement): void => {
    if (element.name === 'NoteRef') targets.add(normalize(element.attributes['targetGUID']));
    element.children.forEach(visit);
  };
  visit(root);
  return targets;
}

function normalize(guid: string | undefined): string {
  return (guid ?? '').replace(/[{}]/gu, '').trim().toLowerCase();
}
