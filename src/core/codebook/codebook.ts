/**
 * The codebook (DESIGN §3): which frameworks, dimensions and indicators a study codes
 * against, and how a code path such as `jones/organization/coordination` resolves.
 */
import { resolveLabel } from '../text';
import type { Codebook, Dimension, Framework, Indicator } from './model';

export {
  CODEBOOK_KEYS,
  
  DEFAULT_POLARITIES,
  DIMENSION_PALETTE,
  
  isValidId,
  type Codebook,
  
  type Framework,
  
  
} from './model';
export { parseCodebook } from './reader';

export interface ResolvedCode {
  path: string;
  /** `framework/dimension` */
  dimensionPath: string;
  framework: Framework;
  dimension: Dimension;
  indicator?: Indicator;
}

/** Looks up `framework/dimension` or `framework/dimension/indicator`; exact ids only. */
export function resolveCodePath(codebook: Codebook, path: string): ResolvedCode | undefined {
  const parts = path.split('/');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [frameworkId, dimensionId, indicatorId] = parts;
  const framework = codebook.frameworks.find((f) => f.id === frameworkId);
  const dimension = framework?.dimensions.find((d) => d.id === dimensionId);
  if (framework === undefined || dimension === undefined) return undefined;
  const dimensionPath = `${framework.id}/${dimension.id}`;
  if (indicatorId === undefined) return { path, dimensionPath, framework, dimension };
  const indicator = dimension.indicators.find((i) => i.id === indicatorId);
  return indicator === undefined ? undefined : { path, dimensionPath, framework, dimension, indicator };
}

/** `jones/organization/coordination` → `jones/organization`; shorter paths are returned as they are. */
export function dimensionPathOf(path: string): string {
  return path.split('/').slice(0, 2).join('/');
}

/** "Organization › Coordination between parties", or just "Organization" for a dimension. */
export function codeLabel(resolved: ResolvedCode, language: string): string {
  const dimension = resolveLabel(resolved.dimension.label, language, resolved.dimension.id);
  const indicator = resolved.indicator;
  return indicator === undefined ? dimension : `${dimension} › ${resolveLabel(indicator.label, language, indicator.id)}`;
}

/** Every dimension path followed by its indicators' paths, in codebook order. */
export function allCodePaths(codebook: Codebook): string[] {
  const paths: string[] = [];
  for (const framework of codebook.frameworks) {
    for (const dimension of framework.dimensions) {
      const dimensionPath = `${framework.id}/${dimension.id}`;
      paths.push(dimensionPath, ...dimension.indicators.map((indicator) => `${dimensionPath}/${indicator.id}`));
    }
  }
  return paths;
}
