/**
 * The codebook data contract, version 1 (DESIGN §3): the shapes and the constants every
 * part of the tool shares. Reading the file lives in `reader.ts`.
 */
import type { Label } from '../text';

export interface Indicator {
  id: string;
  label: Label;
  description?: Label;
}

export interface Dimension {
  id: string;
  label: Label;
  /** Always `#rrggbb` in lowercase, so adapters can append an alpha channel. */
  color: string;
  description?: Label;
  indicators: Indicator[];
}

export interface Framework {
  id: string;
  label: Label;
  description?: Label;
  dimensions: Dimension[];
}

export interface Polarity {
  id: string;
  label: Label;
}

export interface Codebook {
  version: 1;
  frameworks: Framework[];
  polarities: Polarity[];
}

export const CODEBOOK_VERSION = 1;

export const DEFAULT_POLARITIES: Polarity[] = [
  { id: 'supporting', label: { en: 'Supporting', id: 'Pendukung' } },
  { id: 'inhibiting', label: { en: 'Inhibiting', id: 'Penghambat' } },
  { id: 'effort', label: { en: 'Effort to overcome', id: 'Upaya' } },
  { id: 'neutral', label: { en: 'Descriptive', id: 'Deskriptif' } },
];

/**
 * Dimension colours: Tableau 10 with the yellow darkened and the pink deepened, so every
 * colour keeps a 2:1 contrast against both light and dark editor themes.
 */
export const DIMENSION_PALETTE: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#c9a227', '#b07aa1', '#ef7fa0', '#9c755f', '#bab0ac',
];

/** The keys each level of the file may hold; anything else is warned about. */
export const CODEBOOK_KEYS = {
  codebook: ['version', 'frameworks', 'polarities'],
  framework: ['id', 'label', 'description', 'dimensions'],
  dimension: ['id', 'label', 'color', 'description', 'indicators'],
  indicator: ['id', 'label', 'description'],
  polarity: ['id', 'label'],
} as const;

/** Aliases may be used, but a file that expands beyond this is refused (billion laughs). */
export const MAX_ALIAS_COUNT = 100;

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}
