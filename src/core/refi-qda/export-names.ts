/**
 * Names the export gives what other tools copy or key by name.
 *
 * A source's name becomes a file name in QualCoder: refi.py load_text_source copies the
 * text to `documents/{name}.txt` (shutil.copyfile), which fails when the name holds a
 * `/` (a study path like `interviews/a.txt`), and its source table is unique on name.
 * So the name is the path with its folders joined by " - " and characters no file
 * system allows replaced; the path itself travels in the machine map (machine-map.ts).
 */
// Control characters too (\p{Cc}): no file system takes them in a name.
const UNSAFE = /[\\:*?"<>|\p{Cc}]/gu;

export function exportSourceNames(paths: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const path of paths) {
    const wanted = path.split('/').filter((part) => part !== '').join(' - ').replace(UNSAFE, '-') || 'transcript';
    const dot = wanted.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
    let name = wanted;
    for (let counter = 2; taken.has(name.toLowerCase()); counter++) name = `${stem} (${counter})${extension}`;
    taken.add(name.toLowerCase());
    names.set(path, name);
  }
  return names;
}

/** UTF-16 offset of each code-point offset of `text` (index 0..length in code points). */
export function utf16Offsets(text: string): number[] {
  const offsets = [0];
  let units = 0;
  for (const character of text) {
    units += character.length;
    offsets.push(units);
  }
  return offsets;
}

/** Characters outside the Basic Multilingual Plane (emoji, historic scripts): where code points and UTF-16 units part. */
export function countOutsideBmp(text: string): number {
  let count = 0;
  for (const character of text) if (character.length > 1) count++;
  return count;
}
