// The page script of 预览年报（标准版式） (client/src/preview.ts): puts the body the
// extension sends in place (the scroll position stays), applies the tables'
// column widths (the Content-Security-Policy forbids inline styles in the
// markup, not styles set from here), tells the extension which source line a
// click or a scroll is at, and scrolls to the line the editor shows. A scroll
// it made itself is not sent back.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('nb-root');
  const SCROLL_ECHO_MS = 300;
  let scrolledByEditor = 0;

  function applyWidths() {
    for (const col of root.querySelectorAll('col[data-width]')) col.style.width = col.dataset.width;
  }

  /** The elements that stand for a source line, in document order (not the report's whole article). */
  function lineElements() {
    return Array.from(root.querySelectorAll('[data-line]')).filter((e) => e.tagName !== 'ARTICLE');
  }

  function scrollToLine(line) {
    let target;
    for (const e of lineElements()) {
      const at = Number(e.dataset.line);
      if (at <= line && (!target || at >= Number(target.dataset.line))) target = e;
    }
    if (!target) return;
    scrolledByEditor = Date.now() + SCROLL_ECHO_MS;
    window.scrollTo(0, Math.max(0, target.getBoundingClientRect().top + window.scrollY - 8));
  }

  /** The first line shown at the top of the page. */
  function topLine() {
    for (const e of lineElements()) {
      const rect = e.getBoundingClientRect();
      if (rect.bottom > 0 && rect.height > 0) return Number(e.dataset.line);
    }
    return undefined;
  }

  // Where the page was when it was last hidden or reloaded: scrolled back there once the body comes.
  let restoreLine = (vscode.getState() || {}).line;
  let uri = (vscode.getState() || {}).uri;

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'update') {
      if (message.uri !== uri) restoreLine = undefined;
      uri = message.uri;
      root.innerHTML = message.html;
      applyWidths();
      vscode.setState({ uri, line: restoreLine });
      if (restoreLine !== undefined) scrollToLine(restoreLine);
      restoreLine = undefined;
    } else if (message.type === 'scrollTo') {
      scrollToLine(message.line);
    }
  });

  let pending = false;
  window.addEventListener('scroll', () => {
    if (Date.now() < scrolledByEditor || pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const line = topLine();
      if (line === undefined) return;
      vscode.setState({ uri, line });
      vscode.postMessage({ type: 'scroll', line });
    });
  });

  root.addEventListener('click', (event) => {
    const element = event.target instanceof Element ? event.target.closest('[data-line]') : null;
    if (!element || element.tagName === 'ARTICLE') return;
    vscode.postMessage({ type: 'reveal', line: Number(element.dataset.line), range: element.dataset.range });
  });

  vscode.postMessage({ type: 'ready' });
})();
