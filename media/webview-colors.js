// Colour arithmetic shared by the webviews that paint counts on cells (media/matrix.js,
// media/cooccurrence.js): reading a theme colour, mixing toward the editor background,
// and the ink (black or white) that reads best on a fill — whichever of the two has the
// higher contrast, so a count always has at least 4.5:1 on its cell.
/* global window, document, getComputedStyle */
(function () {
  'use strict';

  function parseColor(text) {
    const value = (text || '').trim();
    let match = /^#([0-9a-f]{6})/i.exec(value);
    if (match) return [0, 2, 4].map((i) => parseInt(match[1].slice(i, i + 2), 16));
    match = /^#([0-9a-f]{3})$/i.exec(value);
    if (match) return [0, 1, 2].map((i) => parseInt(match[1][i] + match[1][i], 16));
    match = /rgba?\(\s*(\d+)[ ,]+(\d+)[ ,]+(\d+)/i.exec(value);
    if (match) return [Number(match[1]), Number(match[2]), Number(match[3])];
    return [255, 255, 255];
  }

  function mix(from, to, share) {
    const t = Math.min(1, Math.max(0, share));
    return [0, 1, 2].map((i) => Math.round(from[i] + (to[i] - from[i]) * t));
  }

  function css(rgb) {
    return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
  }

  function luminance(rgb) {
    const [r, g, b] = rgb.map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function ink(rgb) {
    return luminance(rgb) > 0.179 ? '#000000' : '#ffffff';
  }

  function background() {
    return parseColor(getComputedStyle(document.body).getPropertyValue('--vscode-editor-background'));
  }

  function isLightTheme() {
    const classes = document.body.classList;
    return classes.contains('vscode-light') || classes.contains('vscode-high-contrast-light');
  }

  window.transcriptCoderColors = { parseColor, mix, css, ink, background, isLightTheme };
})();
