/**
 * A label is a plain string or a map of language tags (BCP 47, e.g. `en`, `id`) to text.
 * Researchers in these studies write in Indonesian and report in English, so every
 * label can carry both.
 */
export type Label = string | Readonly<Record<string, string>>;

/**
 * The label in `language`, falling back to its primary subtag (`id-ID` → `id`), then
 * English, then the first language present, then `fallback`.
 */
export function resolveLabel(label: Label | undefined, language: string, fallback = ''): string {
  if (label === undefined) return fallback;
  if (typeof label === 'string') return label;
  const primary = language.split('-')[0] ?? language;
  for (const tag of [language, primary, 'en']) {
    const text = label[tag];
    if (text !== undefined && text !== '') return text;
  }
  const first = Object.values(label).find((text) => text !== '');
  return first ?? fallback;
}

/** Every text of a label, for searching in both languages at once. */
export function labelTexts(label: Label | undefined): string[] {
  if (label === undefined) return [];
  return typeof label === 'string' ? [label] : Object.values(label);
}
