// The co-occurrence webview (src/extension/matrix/cooccurrence-panel.ts posts the data).
// Builds a real <table>: a focusable cell per pair of rows, arrow keys move, Enter or
// Space lists the overlapping segments of a cell, Enter on a segment opens it. When there
// are too many rows for a table, a list of the heaviest pairs, each a button. Text from
// transcripts and sidecars is set with textContent only; colours through the CSSOM.
/* global acquireVsCodeApi, document, window, MutationObserver */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('cooccurrence');
  const list = document.getElementById('segment-list');
  const hint = document.getElementById('segments-hint');
  const heading = document.getElementById('segments-heading');
  const defaultHeading = heading.textContent;
  const defaultHint = hint.textContent;
  const filter = document.getElementById('filter');
  const levelSelect = document.getElementById('level');
  const scopeSelect = document.getElementById('scope');
  let data;
  let focused = { row: 0, column: 1, selected: undefined };

  // One hue (teal in light themes, lighter on dark ones), mixed toward the background by
  // the share of the fullest cell; the ink is black or white, whichever reads better.
  const LIGHT = [0x01, 0x85, 0x71];
  const DARK = [0x80, 0xcd, 0xc1];

  const { mix, css, ink, background, isLightTheme } = window.transcriptCoderColors;

  function hue() {
    return isLightTheme() ? LIGHT : DARK;
  }

  function paint(element, lines) {
    if (!lines || data.maxLines === 0) {
      element.classList.add('empty');
      return;
    }
    const rgb = mix(background(), hue(), 0.2 + 0.8 * (lines / data.maxLines));
    element.style.backgroundColor = css(rgb);
    element.style.color = ink(rgb);
  }

  function text(tag, content, className) {
    const element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  function pairTitle(row, column) {
    return `${data.units[row].label} × ${data.units[column].label}`;
  }

  function renderScopes() {
    scopeSelect.replaceChildren();
    const study = text('option', data.words.study);
    study.value = '';
    scopeSelect.appendChild(study);
    for (const agency of data.agencies) {
      const option = text('option', agency);
      option.value = agency;
      scopeSelect.appendChild(option);
    }
    scopeSelect.value = data.agency === null ? '' : data.agency;
    levelSelect.value = data.level;
  }

  function render() {
    if (!data) return;
    renderScopes();
    filter.hidden = data.filter === '';
    filter.textContent = data.filter;
    root.replaceChildren();
    if (data.maxLines === 0) {
      root.appendChild(text('p', data.words.empty, 'empty-study'));
      clearSelection();
      return;
    }
    if (data.pairs) renderPairList();
    else renderTable();
    const selected = focused.selected;
    if (selected && selected.row < data.units.length && selected.column < data.units.length) selectCell(selected.row, selected.column);
    else clearSelection();
  }

  function clearSelection() {
    focused.selected = undefined;
    heading.textContent = defaultHeading;
    hint.hidden = false;
    hint.textContent = defaultHint;
    list.replaceChildren();
  }

  function renderTable() {
    const table = document.createElement('table');
    table.className = 'matrix cooccurrence';
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-labelledby', 'cooccurrence-title');
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    headRow.appendChild(text('th', ''));
    for (const unit of data.units) {
      const th = text('th', unit.label);
      th.setAttribute('scope', 'col');
      th.title = unit.dimension;
      headRow.appendChild(th);
    }
    head.appendChild(headRow);
    table.appendChild(head);
    const body = document.createElement('tbody');
    focused.row = Math.min(focused.row, data.units.length - 1);
    focused.column = Math.min(focused.column, data.units.length - 1);
    data.units.forEach((unit, row) => {
      const tr = document.createElement('tr');
      const th = text('th', unit.label);
      th.setAttribute('scope', 'row');
      th.title = unit.dimension;
      tr.appendChild(th);
      data.units.forEach((other, column) => {
        const td = document.createElement('td');
        td.dataset.row = String(row);
        td.dataset.column = String(column);
        td.tabIndex = row === focused.row && column === focused.column ? 0 : -1;
        td.setAttribute('role', 'gridcell');
        td.setAttribute('aria-selected', 'false');
        const lines = data.cells[row][column];
        if (row === column) {
          td.classList.add('diagonal');
          td.setAttribute('aria-label', `${unit.label}: ${lines} ${data.words.ownLines}`);
          td.appendChild(text('span', String(lines), 'number own'));
        } else {
          const overlaps = data.overlaps[row][column];
          td.setAttribute('aria-label', `${pairTitle(row, column)}: ${lines} ${data.words.lines}, ${overlaps} ${data.words.overlaps}`);
          td.title = `${lines} ${data.words.lines} · ${overlaps} ${data.words.overlaps}`;
          td.appendChild(text('span', String(lines), 'number'));
          paint(td, lines);
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    root.appendChild(table);
  }

  function renderPairList() {
    root.appendChild(text('p', data.words.tooMany, 'help'));
    const pairs = document.createElement('ol');
    pairs.className = 'pair-list';
    for (const pair of data.pairs) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'pair';
      button.dataset.row = String(pair.a);
      button.dataset.column = String(pair.b);
      button.appendChild(text('span', String(pair.lines), 'number'));
      button.appendChild(text('span', pairTitle(pair.a, pair.b), 'label'));
      button.appendChild(text('span', `${pair.overlaps} ${data.words.overlaps}`, 'meta'));
      paint(button.firstChild, pair.lines);
      button.addEventListener('click', () => selectCell(pair.a, pair.b));
      item.appendChild(button);
      pairs.appendChild(item);
    }
    root.appendChild(pairs);
  }

  function cellAt(row, column) {
    return root.querySelector(`td[data-row="${row}"][data-column="${column}"]`);
  }

  function focusCell(row, column) {
    const r = Math.max(0, Math.min(data.units.length - 1, row));
    const c = Math.max(0, Math.min(data.units.length - 1, column));
    const previous = cellAt(focused.row, focused.column);
    if (previous) previous.tabIndex = -1;
    focused.row = r;
    focused.column = c;
    const cell = cellAt(r, c);
    if (cell) {
      cell.tabIndex = 0;
      cell.focus();
    }
  }

  function selectCell(row, column) {
    focused.selected = { row, column };
    for (const td of root.querySelectorAll('td[aria-selected="true"]')) td.setAttribute('aria-selected', 'false');
    const cell = cellAt(row, column);
    if (cell) cell.setAttribute('aria-selected', 'true');
    heading.textContent = row === column ? data.units[row].label : pairTitle(row, column);
    vscode.postMessage({ type: 'cell', row, column });
  }

  function segmentButton(segment) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'segment';
    const lines = segment.lines[0] === segment.lines[1] ? `${segment.lines[0]}` : `${segment.lines[0]}–${segment.lines[1]}`;
    button.appendChild(text('span', `${segment.code} · ${segment.polarity} · ${segment.factor}`, 'factor'));
    button.appendChild(text('span', `“${segment.text}”`, 'quote'));
    button.appendChild(text('span', [segment.informant, segment.source, `${segment.file}:${lines}`].filter(Boolean).join(' · '), 'meta'));
    button.addEventListener('click', () => vscode.postMessage({ type: 'open', sidecarPath: segment.sidecarPath, id: segment.id }));
    return button;
  }

  function showOverlaps(message) {
    list.replaceChildren();
    hint.hidden = message.overlaps.length > 0;
    if (message.overlaps.length === 0) hint.textContent = data.words.noPairs;
    for (const pair of message.overlaps) {
      const item = document.createElement('li');
      item.className = 'overlap';
      item.appendChild(segmentButton(pair.first));
      item.appendChild(segmentButton(pair.second));
      list.appendChild(item);
    }
  }

  root.addEventListener('click', (event) => {
    const td = event.target.closest('td[data-row]');
    if (!td) return;
    focusCell(Number(td.dataset.row), Number(td.dataset.column));
    selectCell(Number(td.dataset.row), Number(td.dataset.column));
  });

  root.addEventListener('keydown', (event) => {
    const td = event.target.closest('td[data-row]');
    if (!td) return;
    const row = Number(td.dataset.row);
    const column = Number(td.dataset.column);
    const moves = { ArrowUp: [row - 1, column], ArrowDown: [row + 1, column], ArrowLeft: [row, column - 1], ArrowRight: [row, column + 1], Home: [row, 0], End: [row, data.units.length - 1] };
    if (moves[event.key]) {
      event.preventDefault();
      focusCell(moves[event.key][0], moves[event.key][1]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      selectCell(row, column);
      if (event.key === 'Enter') window.setTimeout(() => list.querySelector('button')?.focus(), 50);
    }
  });

  list.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && data && !data.pairs) {
      event.preventDefault();
      focusCell(focused.row, focused.column);
    }
  });

  levelSelect.addEventListener('change', () => {
    focused = { row: 0, column: 1, selected: undefined };
    vscode.postMessage({ type: 'level', level: levelSelect.value });
  });
  scopeSelect.addEventListener('change', () => vscode.postMessage({ type: 'scope', agency: scopeSelect.value }));

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'cooccurrence') {
      data = message;
      render();
    } else if (message.type === 'overlaps') {
      if (focused.selected && focused.selected.row === message.row && focused.selected.column === message.column) showOverlaps(message);
    }
  });

  // A theme change swaps body classes and CSS variables: repaint with the new colours.
  new MutationObserver(() => render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  vscode.postMessage({ type: 'ready' });
})();
