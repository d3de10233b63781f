/**
 * The parts of project.qde that read-project.ts does not turn into study data: Sets,
 * the Transcripts of audio and video sources, GUIDs used twice, and every other
 * top-level element (Links, Graphs, a project Description…) so that an import can name
 * what it leaves out instead of dropping it without a word.
 */
import { childNamed, childrenNamed, type XmlElement } from '../xml';
import { normalizeGuid, readSelection, type QdeSelection } from './read-project';

interface QdeSet {
  guid: string;
  name: string;
  memberSources: string[];
  memberCodes: string[];
  line: number;
  column: number;
}

export interface QdeSyncPoint {
  guid: string;
  /** Milliseconds from the start of the media. */
  timeStamp: number;
  /** Code point offset in the transcript text. */
  position: number;
}

export interface QdeTranscript {
  guid: string;
  name: string;
  mediaKind: string;
  mediaName: string;
  mediaGuid: string;
  plainTextPath?: string;
  content?: string;
  syncPoints: QdeSyncPoint[];
  /** TranscriptSelections as plain selections (sync point positions), and their count. */
  selections: QdeSelection[];
  line: number;
  column: number;
}

interface ElementAt {
  kind: string;
  name: string;
  line: number;
  column: number;
}

export interface ProjectExtras {
  sets: QdeSet[];
  transcripts: QdeTranscript[];
  /** Top-level elements an import does not turn into study data, one entry per item. */
  unsupported: ElementAt[];
  duplicateGuids: Array<ElementAt & { guid: string; first: ElementAt }>;
}

const UNDERSTOOD = new Set(['Users', 'CodeBook', 'Variables', 'Cases', 'Sources', 'Notes', 'Sets']);
/** Containers whose children are the items worth counting. */
const CONTAINERS: Record<string, string> = { Links: 'link', Graphs: 'graph' };

export function readExtras(root: XmlElement, file: string): ProjectExtras {
  const sets = childrenNamed(childNamed(root, 'Sets') ?? emptyElement(), 'Set').map((set) => ({
    guid: normalizeGuid(set.attributes['guid']),
    name: set.attributes['name'] ?? '',
    memberSources: childrenNamed(set, 'MemberSource').map((member) => normalizeGuid(member.attributes['targetGUID'])),
    memberCodes: childrenNamed(set, 'MemberCode').map((member) => normalizeGuid(member.attributes['targetGUID'] ?? member.attributes['guid'])),
    line: set.line,
    column: set.column,
  }));
  const transcripts: QdeTranscript[] = [];
  for (const source of (childNamed(root, 'Sources') ?? emptyElement()).children) {
    for (const transcript of childrenNamed(source, 'Transcript')) transcripts.push(readTranscript(transcript, source, file));
  }
  const unsupported: ElementAt[] = [];
  for (const child of root.children) {
    if (UNDERSTOOD.has(child.name)) continue;
    // An empty project Description (QualCoder always writes one) holds nothing to leave out.
    if (child.name === 'Description' && child.text.trim() === '' && child.children.length === 0) continue;
    const itemKind = CONTAINERS[child.name];
    if (itemKind === undefined) unsupported.push(at(child, child.name === 'Description' ? 'project description' : child.name));
    else for (const item of child.children) unsupported.push(at(item, itemKind));
  }
  return { sets, transcripts, unsupported, duplicateGuids: duplicates(root) };
}

function readTranscript(element: XmlElement, media: XmlElement, file: string): QdeTranscript {
  const syncPoints = childrenNamed(element, 'SyncPoint').map((point) => ({
    guid: normalizeGuid(point.attributes['guid']),
    timeStamp: Number(point.attributes['timeStamp'] ?? Number.NaN),
    position: Number(point.attributes['position'] ?? Number.NaN),
  }));
  const byGuid = new Map(syncPoints.map((point) => [point.guid, point]));
  const selections = childrenNamed(element, 'TranscriptSelection').map((selection) => {
    const from = byGuid.get(normalizeGuid(selection.attributes['fromSyncPoint']));
    const to = byGuid.get(normalizeGuid(selection.attributes['toSyncPoint']));
    // A TranscriptSelection spans sync points; as a plain selection it spans their positions.
    const asPlain: XmlElement = {
      ...selection,
      attributes: { ...selection.attributes, startPosition: String(from?.position ?? -1), endPosition: String(to?.position ?? -1) },
    };
    return readSelection(asPlain, file);
  });
  const transcript: QdeTranscript = {
    guid: normalizeGuid(element.attributes['guid']),
    name: element.attributes['name'] ?? '',
    mediaKind: media.name,
    mediaName: media.attributes['name'] ?? '',
    mediaGuid: normalizeGuid(media.attributes['guid']),
    syncPoints: syncPoints.filter((point) => Number.isFinite(point.timeStamp) && Number.isFinite(point.position)),
    selections,
    line: element.line,
    column: element.column,
  };
  const path = element.attributes['plainTextPath'];
  if (path !== undefined) transcript.plainTextPath = path;
  const content = childNamed(element, 'PlainTextContent')?.text;
  if (content !== undefined) transcript.content = content;
  return transcript;
}

/** Every element whose `guid` attribute another element already used (GUIDs are unique per project, §3). */
function duplicates(root: XmlElement): ProjectExtras['duplicateGuids'] {
  const seen = new Map<string, ElementAt>();
  const found: ProjectExtras['duplicateGuids'] = [];
  const visit = (element: XmlElement): void => {
    const raw = element.attributes['guid'];
    if (raw !== undefined) {
      const guid = normalizeGuid(raw);
      const here = at(element, element.name);
      const first = seen.get(guid);
      // A Code sharing a Case's GUID is how NVivo (and exports for QualCoder) link a case to its text, not a clash.
      const caseAndCode = first !== undefined && [first.kind, here.kind].sort().join() === 'Case,Code';
      if (first === undefined) seen.set(guid, here);
      else if (!caseAndCode) found.push({ ...here, guid, first });
    }
    for (const child of element.children) visit(child);
  };
  visit(root);
  return found;
}

function at(element: XmlElement, kind: string): ElementAt {
  return { kind, name: element.attributes['name'] ?? element.attributes['guid'] ?? '', line: element.line, column: element.column };
}

function emptyElement(): XmlElement {
  return { name: '', uri: '', attributes: {}, children: [], text: '', line: 0, column: 0 };
}

