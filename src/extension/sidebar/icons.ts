/**
 * Colour icons for codes: a filled circle (dimension) or a small dot (indicator) in the
 * codebook's colour, as SVG data URIs. The colour comes from codebook.yaml, which anyone
 * can edit: only `#rrggbb` is put into the SVG.
 */
import * as vscode from 'vscode';
import { toBase64 } from '../base64';

const HEX = /^#[0-9a-f]{6}$/iu;
const FALLBACK = '#8c8c8c';

export function colorIcon(color: string, size: 'dimension' | 'indicator' | 'framework'): vscode.Uri {
  const fill = HEX.test(color) ? color.toLowerCase() : FALLBACK;
  const shape =
    size === 'dimension'
      ? `<circle cx="8" cy="8" r="5" fill="${fill}"/>`
      : size === 'indicator'
        ? `<circle cx="8" cy="8" r="3" fill="${fill}"/>`
        : `<rect x="3" y="3" width="10" height="10" rx="2" fill="${fill}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">${shape}</svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${toBase64(svg)}`);
}

const POLARITY_ICONS: Record<string, [string, string]> = {
  supporting: ['arrow-up', 'charts.purple'],
  inhibiting: ['arrow-down', 'charts.orange'],
  effort: ['tools', 'charts.blue'],
  neutral: ['circle-outline', 'descriptionForeground'],
};

/** Supporting purple and inhibiting orange, as in the study matrix. */
export function polarityIcon(polarity: string): vscode.ThemeIcon {
  const [icon, color] = POLARITY_ICONS[polarity] ?? ['circle-outline', 'descriptionForeground'];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}
