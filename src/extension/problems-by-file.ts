/**
 * Which problems lie on which file, kept per source (one sidecar's record, a study's
 * codebook), so that when one source changes only its files are worked out again: one
 * changed sidecar costs that sidecar, not the 200,000 codes of the study. Several
 * sources may put problems on one file; a file's problems are those of all its sources.
 * No `vscode` import: the diagnostics are a thin adapter over this.
 */
export class ProblemsByFile<T> {
  /** Per source, its problems per file. */
  private readonly bySource = new Map<string, Map<string, T[]>>();
  /** Per file, the sources with problems on it, in the order they first had some. */
  private readonly sourcesByFile = new Map<string, Set<string>>();

  /**
   * Replaces everything a source says (no problems: the source has none, or is gone) and
   * returns the files whose problems may have changed: to be shown again with `of`.
   */
  set(source: string, problems: ReadonlyMap<string, readonly T[]>): string[] {
    const before = this.bySource.get(source);
    const touched = new Set<string>(before?.keys() ?? []);
    for (const file of touched) this.sourcesByFile.get(file)?.delete(source);
    const kept = new Map<string, T[]>();
    for (const [file, items] of problems) {
      if (items.length === 0) continue;
      kept.set(file, [...items]);
      touched.add(file);
      const sources = this.sourcesByFile.get(file) ?? new Set<string>();
      sources.add(source);
      this.sourcesByFile.set(file, sources);
    }
    if (kept.size === 0) this.bySource.delete(source);
    else this.bySource.set(source, kept);
    for (const file of touched) if (this.sourcesByFile.get(file)?.size === 0) this.sourcesByFile.delete(file);
    return [...touched];
  }

  /** The sources that say something now, for dropping those that no longer exist. */
  sources(): string[] {
    return [...this.bySource.keys()];
  }

  /** A file's problems, from all its sources. */
  of(file: string): T[] {
    const found: T[] = [];
    for (const source of this.sourcesByFile.get(file) ?? []) found.push(...(this.bySource.get(source)?.get(file) ?? []));
    return found;
  }
}
