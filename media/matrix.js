// The study matrix webview (src/extension/matrix/matrix-panel.ts posts the data).
// Builds a real <table>: one focusable cell per agency × dimension, arrow keys move
// between cells, Enter or Space lists a cell's segments, Enter on a segment opens it.
// Text from transcripts and sidecars is set with textContent only; colours (webview-colors.js) are set
// through the CSSOM (allowed by the page's Content Security Policy, unlike inline styles).
/* global acquireVsCodeApi, document, window, Image, btoa, MutationObserver */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const matrixElement = document.getElementById('matrix');
  const list = document.getElementById('segment-list');
  const hint = document.getElementById('segments-hint');
  const heading = document.getElementById('segments-heading');
  const defaultHeading = heading.textContent;
  const filter = document.getElementById('filter');
  const SHOWN = ['supporting', 'inhibiting', 'effort'];
  let data;
  let focused = vscode.getState() || { row: 0, column: 0, selected: undefined };

  // Colour scale: the core's cellFill (PuOr, mixed toward the background by how full
  // the cell is), with lighter ends on dark themes so counts stay readable.
  const LIGHT = { supporting: [0x5e, 0x3c, 0x99], inhibiting: [0xe6, 0x61, 0x01], neutral: [0x9e, 0x9e, 0x9e] };
  const DARK = { supporting: [0xb2, 0xab, 0xd2], inhibiting: [0xfd, 0xb8, 0x63], neutral: [0x9e, 0x9e, 0x9e] };

  const { mix, css, ink, background, isLightTheme } = window.transcriptCoderColors;

  function palette() {
    return isLightTheme() ? LIGHT : DARK;
  }

  function fill(cell) {
    const colors = palette();
    const base = background();
    if (cell.balance === null) return undefined;
    const hue = cell.balance >= 0 ? mix(colors.neutral, colors.supporting, cell.balance) : mix(colors.neutral, colors.inhibiting, -cell.balance);
    return mix(base, hue, 0.2 + 0.8 * cell.intensity);
  }

  function paintLegend() {
    const colors = palette();
    const base = background();
    const set = (selector, rgb) => {
      const element = document.querySelector(selector);
      if (element) element.style.backgroundColor = css(mix(base, rgb, 1));
    };
    set('.swatch-supporting', colors.supporting);
    set('.swatch-balanced', colors.neutral);
    set('.swatch-inhibiting', colors.inhibiting);
  }

  function text(tag, content, className) {
    const element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  function polarityLabel(id) {
    const found = data.polarities.find((p) => p.id === id);
    return found ? found.label : id;
  }

  function render() {
    if (!data) return;
    paintLegend();
    filter.hidden = data.filter === '';
    filter.textContent = data.filter;
    matrixElement.replaceChildren();
    if (data.agencies.length === 0) {
      matrixElement.appendChild(text('p', data.words.empty, 'empty-study'));
      return;
    }
    const table = document.createElement('table');
    table.className = 'matrix';
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-labelledby', 'matrix-title');
    const notes = [data.words.unassigned, data.words.leftOut].filter(Boolean).join(' ');
    if (notes) table.appendChild(text('caption', notes));
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    headRow.appendChild(text('th', data.words.agency));
    headRow.lastChild.setAttribute('scope', 'col');
    for (const dimension of data.dimensions) {
      const th = text('th', dimension.label);
      th.setAttribute('scope', 'col');
      th.title = dimension.path;
      th.style.borderBottomColor = dimension.color;
      headRow.appendChild(th);
    }
    head.appendChild(headRow);
    table.appendChild(head);
    const body = document.createElement('tbody');
    focused.row = Math.min(focused.row, data.agencies.length - 1);
    focused.column = Math.min(focused.column, data.dimensions.length - 1);
    data.agencies.forEach((agency, row) => {
      const tr = document.createElement('tr');
      const th = text('th', agency);
      th.setAttribute('scope', 'row');
      tr.appendChild(th);
      data.dimensions.forEach((dimension, column) => {
        const cell = data.cells[row][column];
        const td = document.createElement('td');
        td.dataset.row = String(row);
        td.dataset.column = String(column);
        td.tabIndex = row === focused.row && column === focused.column ? 0 : -1;
        td.setAttribute('role', 'gridcell');
        const selected = focused.selected && focused.selected.row === row && focused.selected.column === column;
        td.setAttribute('aria-selected', selected ? 'true' : 'false');
        const parts = SHOWN.map((id) => `${polarityLabel(id)} ${cell.counts[id] || 0}`);
        td.setAttribute('aria-label', `${agency} × ${dimension.label}: ${parts.join(', ')}; ${data.words.total} ${cell.total}, ${data.words.informants} ${cell.informants}`);
        for (const id of SHOWN) {
          const line = document.createElement('span');
          line.className = 'count';
          line.appendChild(document.createTextNode(`${polarityLabel(id)}: `));
          line.appendChild(text('span', String(cell.counts[id] || 0), 'number'));
          td.appendChild(line);
        }
        const rgb = fill(cell);
        if (rgb) {
          td.style.backgroundColor = css(rgb);
          td.style.color = ink(rgb);
        } else {
          td.classList.add('empty');
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    matrixElement.appendChild(table);
    const selected = focused.selected;
    if (selected && selected.row < data.agencies.length && selected.column < data.dimensions.length) {
      heading.textContent = `${data.agencies[selected.row]} × ${data.dimensions[selected.column].label}`;
      vscode.postMessage({ type: 'cell', row: selected.row, column: selected.column });
    } else {
      focused.selected = undefined;
      heading.textContent = defaultHeading;
      list.replaceChildren();
    }
  }

  function cellAt(row, column) {
    return matrixElement.querySelector(`td[data-row="${row}"][data-column="${column}"]`);
  }

  function focusCell(row, column) {
    if (!data || data.agencies.length === 0) return;
    const r = Math.max(0, Math.min(data.agencies.length - 1, row));
    const c = Math.max(0, Math.min(data.dimensions.length - 1, column));
    const previous = cellAt(focused.row, focused.column);
    if (previous) previous.tabIndex = -1;
    focused.row = r;
    focused.column = c;
    const cell = cellAt(r, c);
    if (cell) {
      cell.tabIndex = 0;
      cell.focus();
    }
    vscode.setState(focused);
  }

  function selectCell(row, column) {
    focused.selected = { row, column };
    vscode.setState(focused);
    for (const td of matrixElement.querySelectorAll('td[aria-selected="true"]')) td.setAttribute('aria-selected', 'false');
    const cell = cellAt(row, column);
    if (cell) cell.setAttribute('aria-selected', 'true');
    heading.textContent = `${data.agencies[row]} × ${data.dimensions[column].label}`;
    vscode.postMessage({ type: 'cell', row, column });
  }

  function showSegments(message) {
    list.replaceChildren();
    hint.hidden = message.segments.length > 0;
    if (message.segments.length === 0) {
      hint.hidden = false;
      hint.textContent = data.words.noSegments;
    }
    for (const segment of message.segments) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'segment';
      const lines = segment.lines[0] === segment.lines[1] ? `${segment.lines[0]}` : `${segment.lines[0]}–${segment.lines[1]}`;
      button.appendChild(text('span', `${segment.polarity} · ${segment.factor}`, 'factor'));
      button.appendChild(text('span', `“${segment.text}”`, 'quote'));
      button.appendChild(text('span', [segment.informant, segment.source, `${segment.file}:${lines}`].filter(Boolean).join(' · '), 'meta'));
      button.addEventListener('click', () => vscode.postMessage({ type: 'open', sidecarPath: segment.sidecarPath, id: segment.id }));
      button.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          focusCell(focused.row, focused.column);
        }
      });
      item.appendChild(button);
      list.appendChild(item);
    }
    // Codes of this cell that are not on their text: flagged, never counted, not opened as evidence.
    if (message.leftOut.length > 0) list.appendChild(text('li', data.words.leftOutHeading, 'left-out-heading'));
    for (const code of message.leftOut) {
      const item = document.createElement('li');
      item.className = 'left-out';
      const lines = code.lines[0] === code.lines[1] ? `${code.lines[0]}` : `${code.lines[0]}–${code.lines[1]}`;
      item.appendChild(text('span', `${code.polarity} · ${code.factor}`, 'factor'));
      item.appendChild(text('span', `“${code.quote}”`, 'quote'));
      item.appendChild(text('span', code.reason, 'reason'));
      item.appendChild(text('span', [code.informant, `${code.file}:${lines}`].filter(Boolean).join(' · '), 'meta'));
      list.appendChild(item);
    }
  }

  matrixElement.addEventListener('click', (event) => {
    const td = event.target.closest('td[data-row]');
    if (!td) return;
    const row = Number(td.dataset.row);
    const column = Number(td.dataset.column);
    focusCell(row, column);
    selectCell(row, column);
  });

  matrixElement.addEventListener('keydown', (event) => {
    const td = event.target.closest('td[data-row]');
    if (!td) return;
    const row = Number(td.dataset.row);
    const column = Number(td.dataset.column);
    const moves = {
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      Home: [row, 0],
      End: [row, data.dimensions.length - 1],
    };
    if (moves[event.key]) {
      event.preventDefault();
      focusCell(moves[event.key][0], moves[event.key][1]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      selectCell(row, column);
      const first = list.querySelector('button');
      if (first && event.key === 'Enter') window.setTimeout(() => list.querySelector('button')?.focus(), 50);
    }
  });

  document.getElementById('export-svg').addEventListener('click', () => vscode.postMessage({ type: 'export-svg' }));
  document.getElementById('export-png').addEventListener('click', () => vscode.postMessage({ type: 'export-png' }));

  function renderPng(message) {
    const image = new Image();
    image.onload = () => {
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth * scale;
      canvas.height = image.naturalHeight * scale;
      const context = canvas.getContext('2d');
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      vscode.postMessage({ type: 'png', request: message.request, dataUrl: canvas.toDataURL('image/png') });
    };
    image.onerror = () => vscode.postMessage({ type: 'png', request: message.request, dataUrl: '' });
    const bytes = new TextEncoder().encode(message.svg);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'matrix') {
      data = message;
      render();
    } else if (message.type === 'segments') {
      if (focused.selected && focused.selected.row === message.row && focused.selected.column === message.column) showSegments(message);
    } else if (message.type === 'render-png') {
      renderPng(message);
    }
  });

  // A theme change swaps body classes and CSS variables: repaint with the new colours.
  new MutationObserver(() => render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  vscode.postMessage({ type: 'ready' });
})();
