/**
 * The study matrix as a standalone SVG, for papers and slides: one row per agency, one
 * column per dimension, each cell filled on the diverging scale of `cellFill` and
 * labelled with its supporting, inhibiting and effort counts.
 *
 * Theme-neutral on purpose: an exported picture is pasted into documents of any colour,
 * so it carries its own white background and black text instead of the editor's theme.
 * Every name in it is XML-escaped; a `<title>` on each cell gives the full counts,
 * informants included, to screen readers and as a tooltip.
 */
import { escapeAttribute, escapeText } from '../xml';
import { reportLanguage, reportWords, type ReportLanguage, type ReportWords } from './report-labels';
import { cellFill, textColorOn, type MatrixCell, type StudyMatrix } from './study-matrix';

const FONT = 'font-family="Segoe UI, Helvetica, Arial, sans-serif"';
const CELL_WIDTH = 170;
const CELL_HEIGHT = 66;
const HEADER_HEIGHT = 44;
const ROW_LABEL_WIDTH = 260;
const MARGIN = 12;
const LEGEND_HEIGHT = 40;
/** Roughly how many characters of 12 px text fit a width, for cutting long names. */
const CHARS_PER_PIXEL = 1 / 6.6;
const SHOWN_POLARITIES = ['supporting', 'inhibiting', 'effort'];

const LEGEND: Record<ReportLanguage, { title: string; legend: (max: number) => string }> = {
  en: {
    title: 'Study matrix: coded segments per agency and dimension',
    legend: (max) => `Purple: more supporting; orange: more inhibiting; grey: balanced. The stronger the colour, the more segments (fullest cell: ${max}).`,
  },
  id: {
    title: 'Matriks penelitian: segmen berkode per instansi dan dimensi',
    legend: (max) => `Ungu: lebih banyak pendukung; jingga: lebih banyak penghambat; abu-abu: seimbang. Makin pekat, makin banyak segmen (sel terpenuh: ${max}).`,
  },
};

export function renderMatrixSvg(matrix: StudyMatrix, language: string): string {
  const words = LEGEND[reportLanguage(language)];
  const counts = reportWords(reportLanguage(language));
  const columns = Math.max(1, matrix.dimensions.length);
  const width = MARGIN * 2 + ROW_LABEL_WIDTH + columns * CELL_WIDTH;
  const height = MARGIN * 2 + HEADER_HEIGHT + matrix.agencies.length * CELL_HEIGHT + LEGEND_HEIGHT;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ${FONT} font-size="12">`,
    `<title>${escapeText(words.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  matrix.dimensions.forEach((dimension, column) => {
    const x = MARGIN + ROW_LABEL_WIDTH + column * CELL_WIDTH;
    out.push(
      `<rect x="${x + 4}" y="${MARGIN + HEADER_HEIGHT - 8}" width="${CELL_WIDTH - 8}" height="4" fill="${escapeAttribute(dimension.color)}"/>`,
      textElement(x + CELL_WIDTH / 2, MARGIN + HEADER_HEIGHT - 16, dimension.label, CELL_WIDTH - 8, 'middle', '#000000', 'bold'),
    );
  });
  matrix.cells.forEach((row, rowIndex) => {
    const y = MARGIN + HEADER_HEIGHT + rowIndex * CELL_HEIGHT;
    out.push(textElement(MARGIN, y + CELL_HEIGHT / 2 + 4, matrix.agencies[rowIndex] ?? '', ROW_LABEL_WIDTH - 8, 'start', '#000000', 'bold'));
    row.forEach((cell, column) => out.push(cellElement(cell, matrix, counts, MARGIN + ROW_LABEL_WIDTH + column * CELL_WIDTH, y)));
  });
  const legendY = MARGIN + HEADER_HEIGHT + matrix.agencies.length * CELL_HEIGHT + 24;
  out.push(textElement(MARGIN, legendY, words.legend(matrix.maxCellSegments), width - 2 * MARGIN, 'start', '#333333'), '</svg>');
  return out.join('\n') + '\n';
}

function cellElement(cell: MatrixCell, matrix: StudyMatrix, counts: ReportWords, x: number, y: number): string {
  const fill = cellFill(cell);
  const ink = textColorOn(fill);
  const label = (id: string): string => matrix.polarities.find((p) => p.id === id)?.label ?? id;
  const lines = SHOWN_POLARITIES.map((id) => `${label(id)}: ${cell.byPolarity[id]?.segments ?? 0}`);
  const detail = Object.entries(cell.byPolarity)
    .map(([id, count]) => `${label(id)}: ${counts.segments(count.segments)}, ${counts.informants(count.informants)}`)
    .join('; ');
  return [
    '<g>',
    `<title>${escapeText(`${cell.agency} × ${cell.dimension}: ${detail}`)}</title>`,
    `<rect x="${x + 2}" y="${y + 2}" width="${CELL_WIDTH - 4}" height="${CELL_HEIGHT - 4}" rx="3" fill="${fill}" stroke="#bdbdbd"/>`,
    ...lines.map((line, index) => textElement(x + 10, y + 20 + index * 16, line, CELL_WIDTH - 20, 'start', ink)),
    '</g>',
  ].join('');
}

function textElement(x: number, y: number, text: string, maxWidth: number, anchor: 'start' | 'middle', fill: string, weight?: 'bold'): string {
  const maxChars = Math.max(4, Math.floor(maxWidth * CHARS_PER_PIXEL));
  const characters = Array.from(text);
  const cut = characters.length > maxChars;
  const shown = cut ? `${characters.slice(0, maxChars - 1).join('')}…` : text;
  // A name cut to fit keeps its whole text as a tooltip.
  const fullText = cut ? `<title>${escapeText(text)}</title>` : '';
  const weightAttribute = weight === undefined ? '' : ` font-weight="${weight}"`;
  return `<text x="${x}" y="${y}" text-anchor="${anchor}" fill="${fill}"${weightAttribute}>${fullText}${escapeText(shown)}</text>`;
}
