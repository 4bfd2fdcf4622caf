// Helpers that drive the VS Code web workbench (code-server) the way a person
// does: keyboard shortcuts, the command palette, clicks on list rows. They read
// back only what the screen shows (the DOM), never VS Code internals.
//
// Selector policy (short version; details at each helper):
//  - Prefer stable ids and ARIA: status bar items carry ids such as
//    `status.editor.selection`; list rows carry `aria-label`; tabs carry
//    `aria-label` = file name.
//  - Where VS Code gives no ARIA hook we use its long-lived structural class
//    names (`.quick-input-widget`, `.markers-panel`, `.view-lines`,
//    `.suggest-widget`, `.action-widget`, `.outline-pane`, `.monaco-hover`):
//    these have been stable across many VS Code releases and are what VS Code's
//    own smoke tests (test/automation) use.
//  - We never match on English UI text where the text could be localised,
//    except command titles / language names the caller passes in.
//  - Every wait is a DOM condition with a timeout; no fixed sleeps.

const DEFAULT_TIMEOUT = Number(process.env.E2E_STEP_TIMEOUT_MS || 15_000);

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;
const QUICK_INPUT_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;
// The editor of the active group; `.editor-instance > .monaco-editor` skips the
// small editors embedded in hovers / peek views.
const ACTIVE_EDITOR = '.editor-group-container.active .editor-instance > .monaco-editor';

export class UIError extends Error {}

function esc(s) {
  return String(s).replace(/["\\]/g, '\\$&');
}

/**
 * CSS for list rows whose aria-label is `label` or starts with "`label`, "
 * (VS Code appends details: ", file results", ", Control+Alt+N", ...).
 * Resolved again at click time, so a list that re-renders is no problem.
 */
function rowsLabelled(rowSelector, label) {
  // "seed-000.md, file results", or for a file in a subfolder "配置示例.md 本地配置, file results".
  return `${rowSelector}[aria-label="${esc(label)}"], ${rowSelector}[aria-label^="${esc(label)}, "], ${rowSelector}[aria-label^="${esc(label)} "]`;
}

function matches(text, m) {
  if (m == null) return true;
  if (m instanceof RegExp) return m.test(text);
  if (typeof m === 'function') return m(text);
  return text.includes(String(m));
}

/** Normalise DOM text: Monaco renders spaces as U+00A0. */
function norm(s) {
  return (s ?? '').replace(/\u00a0/g, ' ');
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, { timeout = DEFAULT_TIMEOUT } = {}) {
    this.page = page;
    this.timeout = timeout;
    this.lastRead = {}; // what the helpers last read, for failure reports
  }

  // ------------------------------------------------------------------ basics

  /** Polls `fn` (async, returns a value) until `ok(value)`; returns the value. */
  async poll(what, fn, ok = (v) => !!v, { timeout = this.timeout, interval = 150 } = {}) {
    const t0 = Date.now();
    const deadline = t0 + timeout;
    let last;
    let lastErr;
    for (;;) {
      try {
        last = await fn();
        lastErr = undefined;
        if (ok(last)) {
          if (process.env.E2E_TRACE) console.log(`      [trace] ${what}: ${Date.now() - t0} ms`);
          return last;
        }
      } catch (e) {
        lastErr = e;
      }
      if (Date.now() > deadline) {
        const seen = lastErr ? `error: ${lastErr.message}` : `last seen: ${JSON.stringify(last, null, 1)?.slice(0, 3000)}`;
        throw new UIError(`timed out after ${timeout} ms waiting for ${what}\n${seen}`);
      }
      // Re-check a DOM condition at an interval (the condition is the wait, not the sleep).
      await this.page.waitForTimeout(interval);
    }
  }

  async waitVisible(selector, what = selector, timeout = this.timeout) {
    try {
      await this.page.locator(selector).first().waitFor({ state: 'visible', timeout });
    } catch {
      throw new UIError(`timed out after ${timeout} ms waiting for ${what} (${selector})`);
    }
  }

  async waitHidden(selector, what = selector, timeout = this.timeout) {
    try {
      await this.page.locator(selector).first().waitFor({ state: 'hidden', timeout });
    } catch {
      throw new UIError(`timed out after ${timeout} ms waiting for ${what} to close (${selector})`);
    }
  }

  /**
   * Waits until the workbench has opened the folder: the Explorer tree has rows
   * (`.explorer-folders-view` is the Explorer's file tree container).
   */
  async waitReady({ timeout = 90_000 } = {}) {
    await this.waitVisible('.monaco-workbench', 'the workbench', timeout);
    await this.waitVisible('.explorer-folders-view .monaco-list-row', 'the Explorer to list the folder', timeout);
  }

  /** Closes whatever widget is open (hover, suggest, quick input, action menu). */
  async escape(times = 2) {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  async editorHasFocus() {
    return this.page.evaluate((sel) => {
      const ed = document.querySelector(sel);
      return !!ed && ed.contains(document.activeElement);
    }, ACTIVE_EDITOR);
  }

  /** Waits until keyboard focus is in the active editor's text input. */
  async waitEditorFocused() {
    await this.poll('keyboard focus in the editor', () => this.editorHasFocus());
  }

  /**
   * Puts the keyboard focus back into the active editor (e.g. after the
   * Problems panel took it): Ctrl+1 = "Focus First Editor Group", else the
   * palette command "View: Focus Active Editor Group".
   */
  async focusEditor() {
    if (await this.editorHasFocus()) return;
    await this.page.keyboard.press('Control+1');
    try {
      await this.poll('keyboard focus in the editor', () => this.editorHasFocus(), (v) => v, { timeout: 2000 });
    } catch {
      await this.runCommand('View: Focus Active Editor Group');
      await this.waitEditorFocused();
    }
  }

  // ------------------------------------------------------------------ quick input

  /** The quick input box is shown with focus in it. */
  async waitQuickInput() {
    await this.waitVisible(QUICK_INPUT_BOX, 'the quick input box');
    await this.poll('focus in the quick input box',
      () => this.page.evaluate((sel) => document.activeElement === document.querySelector(sel), QUICK_INPUT_BOX));
  }

  /**
   * Types a value over what the quick input box holds (a path in VS Code's own
   * open dialog) and accepts it. The dialog fills its box with the folder's
   * path when it has listed the folder, which may come after the box is shown:
   * it is waited for (a row listed), and the value typed again if the dialog
   * wrote over it before Enter took it.
   */
  async acceptQuickInput(text, { attempts = 3 } = {}) {
    await this.waitQuickInput();
    await this.poll('the quick input to list its entries', () => this.quickInputRows(), (rs) => rs.length > 0);
    for (let attempt = 1; ; attempt++) {
      await this.page.locator(QUICK_INPUT_BOX).fill(text);
      await this.poll('the quick input to hold the value', () => this.page.locator(QUICK_INPUT_BOX).inputValue(), (v) => v === text);
      await this.page.keyboard.press('Enter');
      try {
        await this.waitHidden(QUICK_INPUT, 'the quick input', 5000);
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
      }
    }
  }

  /** Rows of the quick input list: their aria-label is "<label>, <detail/keybinding>". */
  async quickInputRows() {
    return this.page.$$eval(QUICK_INPUT_ROWS, (els) => els.map((e) => ({
      aria: e.getAttribute('aria-label') ?? '',
      focused: e.classList.contains('focused'),
      index: Number(e.getAttribute('data-index')),
    })));
  }

  /** Clicks the quick input row whose label is `label` (exactly, before the first ", "). */
  async pickQuickInputRow(label, { timeout = this.timeout } = {}) {
    const want = (aria) => aria === label || aria.startsWith(`${label}, `);
    const rows = await this.poll(`a row "${label}" in the quick input`, () => this.quickInputRows(),
      (rs) => rs.some((r) => want(r.aria)), { timeout });
    this.lastRead.quickInput = rows.map((r) => r.aria);
    await this.page.locator(rowsLabelled(QUICK_INPUT_ROWS, label)).first().click();
  }

  /**
   * Quick Open (Ctrl+P): types a file name and opens the matching file; waits
   * until its tab is the active one (tabs have aria-label = file name).
   */
  async openFile(fileName) {
    await this.escape(1);
    await this.page.keyboard.press('Control+P');
    await this.waitQuickInput();
    await this.page.keyboard.type(fileName);
    // File rows: aria-label "seed-000.md, file results" (or "..., recently opened").
    const base = fileName.split('/').pop();
    await this.poll(`Quick Open to list ${fileName}`, () => this.quickInputRows(),
      (rs) => rs.some((r) => r.aria === base || r.aria.startsWith(`${base}, `) || r.aria.startsWith(`${base} `)));
    await this.page.locator(rowsLabelled(QUICK_INPUT_ROWS, base)).first().click();
    await this.waitActiveTab(base);
    await this.waitEditorFocused();
  }

  /** Active editor tab: `.tab.active` inside the active group; aria-label starts with the name. */
  async waitActiveTab(name) {
    await this.poll(`the active tab to be ${name}`, () => this.activeTab(),
      (t) => t === name || t?.startsWith(`${name}`));
  }

  async activeTab() {
    return this.page.evaluate(() =>
      document.querySelector('.editor-group-container.active .tabs-container .tab.active')?.getAttribute('aria-label') ?? null);
  }

  /**
   * Runs a command from the palette (F1) by its title as shown there
   * ("Category: Title"). `titles` may list alternatives (e.g. an English and a
   * Chinese title); the first one the palette shows is used. Returns the title used.
   */
  async runCommand(titles, { timeout = this.timeout } = {}) {
    const list = Array.isArray(titles) ? titles : [titles];
    await this.escape(1);
    await this.page.keyboard.press('F1');
    await this.waitQuickInput();
    const tried = [];
    for (const title of list) {
      // Replace the whole input with ">" + title (">" = command mode).
      await this.page.locator(QUICK_INPUT_BOX).fill(`>${title}`);
      const want = (aria) => aria === title || aria.startsWith(`${title}, `);
      let rows;
      try {
        rows = await this.poll(`the palette to list "${title}"`, () => this.quickInputRows(),
          (rs) => rs.some((r) => want(r.aria)), { timeout: list.length > 1 ? Math.min(timeout, 4000) : timeout });
      } catch (e) {
        tried.push(...(await this.quickInputRows()).map((r) => r.aria));
        continue;
      }
      // Click the exact row: the first (focused) row is often a different, fuzzier match.
      await this.page.locator(rowsLabelled(QUICK_INPUT_ROWS, title)).first().click();
      return title;
    }
    this.lastRead.quickInput = tried;
    await this.escape(1);
    throw new UIError(`command not found in the palette: ${list.map((t) => `"${t}"`).join(' / ')}\npalette showed: ${JSON.stringify(tried)}`);
  }

  // ------------------------------------------------------------------ cursor

  /** Cursor position from the status bar item `status.editor.selection` ("Ln 15, Col 31"). */
  async cursor() {
    const text = await this.page.evaluate(() => {
      const el = document.getElementById('status.editor.selection');
      return el ? (el.getAttribute('aria-label') || el.textContent) : null;
    });
    const m = /(\d+)\D+(\d+)/.exec(text ?? '');
    return m ? { line: Number(m[1]), col: Number(m[2]) } : null;
  }

  /**
   * Moves the cursor to line/column (1-based, columns in characters as the
   * status bar counts them). Ctrl+G goes to the line; the column is reached
   * with arrow keys because Go to Line counts CJK characters as 2 columns.
   */
  async goTo(line, col = 1) {
    await this.escape(1);
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.waitQuickInput();
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.waitHidden(QUICK_INPUT, 'the Go to Line box');
    await this.poll(`the cursor on line ${line}`, () => this.cursor(), (c) => c?.line === line);
    await this.page.keyboard.press('Home');
    let pos = await this.poll('the cursor at the line start', async () => {
      const c = await this.cursor();
      if (c && c.col !== 1) await this.page.keyboard.press('Home'); // Home toggles indent/col 1
      return c;
    }, (c) => c?.line === line && c.col === 1);
    for (let attempt = 0; attempt < 3 && pos.col !== col; attempt++) {
      const key = pos.col < col ? 'ArrowRight' : 'ArrowLeft';
      for (let i = Math.abs(col - pos.col); i > 0; i--) await this.page.keyboard.press(key);
      try {
        pos = await this.poll(`the cursor at ${line}:${col}`, () => this.cursor(), (c) => c?.line === line && c.col === col, { timeout: 2000 });
      } catch {
        pos = await this.cursor();
      }
    }
    if (pos.line !== line || pos.col !== col) {
      throw new UIError(`could not move the cursor to ${line}:${col}; it is at ${pos.line}:${pos.col} (is the line that short?)`);
    }
  }

  // ------------------------------------------------------------------ editor text

  /**
   * Lines the active editor has rendered, as [{line, text}]. Monaco positions
   * each `.view-line` (text) and each margin row (line number) with the same
   * CSS `top`, which is how a text line is paired with its number.
   */
  async visibleLines() {
    return this.page.evaluate((sel) => {
      const ed = document.querySelector(sel);
      if (!ed) return [];
      const byTop = new Map();
      for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
        const top = n.parentElement.style.top;
        const num = Number(n.textContent.trim());
        if (num) byTop.set(top, num);
      }
      const out = [];
      for (const v of ed.querySelectorAll('.view-lines > .view-line')) {
        const num = byTop.get(v.style.top);
        if (num) out.push({ line: num, text: v.textContent.replace(/\u00a0/g, ' ') });
      }
      return out.sort((a, b) => a.line - b.line);
    }, ACTIVE_EDITOR);
  }

  /** Text of one document line as rendered (moves the cursor there so it is in view). */
  async lineText(line) {
    const visible = await this.visibleLines();
    let hit = visible.find((l) => l.line === line);
    if (!hit) {
      await this.goTo(line, 1);
      hit = (await this.poll(`line ${line} to be rendered`, () => this.visibleLines(), (ls) => ls.some((l) => l.line === line)))
        .find((l) => l.line === line);
    }
    this.lastRead.line = hit;
    return norm(hit.text);
  }

  /** Waits until line `line` matches `matcher` (string contained / RegExp / predicate). */
  async waitLineText(line, matcher, opts) {
    await this.lineText(line);
    return this.poll(`line ${line} to match ${matcher}`, async () => {
      const l = (await this.visibleLines()).find((x) => x.line === line);
      this.lastRead.line = l;
      return l?.text;
    }, (t) => t != null && matches(t, matcher), opts);
  }

  /** Types text into the focused editor (auto-closing/auto-indent apply as for a person). */
  async type(text) {
    await this.focusEditor();
    await this.page.keyboard.type(text);
  }

  /** Selects all text in the editor and deletes it. */
  async clearEditor() {
    await this.focusEditor();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.poll('the editor to be empty', () => this.visibleLines(), (ls) => ls.length === 1 && ls[0].text === '');
  }

  // ------------------------------------------------------------------ squiggles

  /**
   * Squiggles on a line: decorations `.squiggly-<severity>` in the editor's
   * `.view-overlays` row whose `top` equals the line's. Returns their pixel
   * spans; `squiggleCovers` maps a column to pixels via the cursor.
   */
  async squiggles(line, severity = 'error') {
    return this.page.evaluate(({ sel, line, severity }) => {
      const ed = document.querySelector(sel);
      if (!ed) return [];
      let top = null;
      for (const n of ed.querySelectorAll('.margin-view-overlays .line-numbers')) {
        if (Number(n.textContent.trim()) === line) top = n.parentElement.style.top;
      }
      if (top == null) return [];
      const out = [];
      for (const row of ed.querySelectorAll('.view-overlays > div')) {
        if (row.style.top !== top) continue;
        for (const s of row.querySelectorAll(`.squiggly-${severity}`)) {
          const r = s.getBoundingClientRect();
          out.push({ left: r.left, right: r.right });
        }
      }
      return out;
    }, { sel: ACTIVE_EDITOR, line, severity });
  }

  /** True when a squiggle of `severity` covers the character at line:col. */
  async squiggleCovers(line, col, severity = 'error') {
    await this.goTo(line, col);
    const x = await this.poll('the cursor to be drawn', () => this.page.evaluate((sel) => {
      const c = document.querySelector(sel)?.querySelector('.cursors-layer .cursor');
      if (!c) return null;
      const r = c.getBoundingClientRect();
      // The caret is ~2px wide and centred on the boundary before the character.
      return r.height > 0 ? r.left + r.width / 2 : null;
    }, ACTIVE_EDITOR), (v) => v != null);
    const spans = await this.squiggles(line, severity);
    this.lastRead.squiggles = { line, col, cursorX: x, spans };
    return spans.some((s) => s.left - 2 <= x && x < s.right - 1);
  }

  async waitSquiggleAt(line, col, severity = 'error') {
    // Diagnostics may arrive after the file opens: re-check until covered.
    return this.poll(`a ${severity} squiggle under ${line}:${col}`, async () => {
      const ok = await this.squiggleCovers(line, col, severity);
      if (process.env.E2E_TRACE) console.log('      [trace] squiggles', JSON.stringify(this.lastRead.squiggles));
      return ok || this.lastRead.squiggles;
    }, (v) => v === true);
  }

  // ------------------------------------------------------------------ hover

  /**
   * Shows the editor hover at the cursor with the keyboard (Ctrl+K Ctrl+I) and
   * returns its text once it matches `matcher`. The editor hover is the
   * `.monaco-hover` inside `.monaco-resizable-hover` (workbench tooltips are
   * separate `.workbench-hover` elements).
   */
  async hover(matcher = /\S/, what = String(matcher)) {
    await this.focusEditor();
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    return this.poll(`the hover to show ${what}`, () => this.hoverText(),
      (t) => t != null && !/^Loading\.\.\.$/.test(t.trim()) && matches(t, matcher));
  }

  async hoverText() {
    const t = await this.page.evaluate(() => {
      const h = document.querySelector('.monaco-resizable-hover > .monaco-hover:not(.hidden)')
        ?? document.querySelector('.monaco-editor .monaco-hover:not(.hidden)');
      return h ? h.innerText : null;
    });
    this.lastRead.hover = t;
    return t == null ? null : norm(t);
  }

  // ------------------------------------------------------------------ quick fix

  /**
   * Ctrl+. at the cursor and picks the code action whose text matches `matcher`.
   * The menu is the `.action-widget` list (role=listbox); action rows are
   * `.monaco-list-row.action` with aria-label "<title>, <kind>".
   */
  async quickFix(matcher) {
    await this.focusEditor();
    let rows;
    // The menu opens once the language server has answered; if it did not open
    // (a key press that raced the server), press Ctrl+. again, as a person would.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        rows = await this.poll(`a code action matching ${matcher}`, () => this.codeActions(),
          (rs) => rs.some((r) => matches(r.text, matcher)), { timeout: attempt < 3 ? 5000 : this.timeout });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
        await this.escape(1);
        await this.focusEditor();
      }
    }
    const i = rows.findIndex((r) => matches(r.text, matcher));
    await this.page.locator('.action-widget .monaco-list-row.action').nth(i).click();
    await this.waitHidden('.action-widget .monaco-list-row.action', 'the code action menu');
    return rows[i].text;
  }

  async codeActions() {
    const rows = await this.page.$$eval('.action-widget .monaco-list-row.action', (els) =>
      els.map((e) => ({ text: e.innerText.trim(), aria: e.getAttribute('aria-label'), disabled: e.classList.contains('option-disabled') })));
    this.lastRead.codeActions = rows;
    return rows;
  }

  // ------------------------------------------------------------------ problems

  /**
   * Shows the Problems panel (Ctrl+Shift+M toggles it, so only when hidden).
   * `.markers-panel` is the Problems view's body.
   */
  async openProblems() {
    const visible = await this.page.locator('.markers-panel').first().isVisible().catch(() => false);
    if (!visible) {
      await this.page.keyboard.press('Control+Shift+M');
      await this.waitVisible('.markers-panel', 'the Problems panel');
    }
  }

  /**
   * Reads every row of the Problems panel (scrolling the virtual list) as
   * [{file, severity, message, source, code, line, col}]. File rows carry the
   * `.resource-label-container`; problem rows carry `.marker-message-details-container`
   * with `.marker-message`, `.marker-source`, `.marker-code`, `.marker-line` ("[Ln 15, Col 31]").
   */
  async readProblems({ file } = {}) {
    await this.openProblems();
    // With no problems at all the tree is hidden and a message is shown instead.
    const listVisible = await this.page.locator('.markers-panel .monaco-list').first().isVisible().catch(() => false);
    if (!listVisible) {
      this.lastRead.problems = [];
      return [];
    }
    const raw = await this.collectListRows('.markers-panel .monaco-list', (e) => {
      const q = (s) => e.querySelector(s);
      if (q('.resource-label-container')) {
        return { kind: 'file', file: (q('.label-name')?.textContent ?? '').trim(), path: q('.monaco-icon-label')?.getAttribute('aria-label') ?? '' };
      }
      if (q('.marker-message-details-container')) {
        const sev = q('.marker-icon')?.className.match(/\b(error|warning|info)\b/)?.[1] ?? 'unknown';
        const pos = /(\d+)\D+(\d+)/.exec(q('.marker-line')?.textContent ?? '');
        return {
          kind: 'marker',
          severity: sev,
          message: [...e.querySelectorAll('.marker-message')].map((m) => m.textContent).join('\n').trim(),
          source: (q('.marker-source')?.textContent ?? '').trim(),
          code: (q('.marker-code')?.textContent ?? '').trim().replace(/^\(|\)$/g, ''),
          line: pos ? Number(pos[1]) : null,
          col: pos ? Number(pos[2]) : null,
        };
      }
      if (q('.related-info-resource')) {
        // A related-information row under a problem: "file [Ln, Col]: text".
        const pos = /(\d+)\D+(\d+)/.exec(q('.marker-line')?.textContent ?? '');
        return {
          kind: 'related',
          file: q('.related-info-resource').textContent.trim(),
          line: pos ? Number(pos[1]) : null,
          col: pos ? Number(pos[2]) : null,
          message: (q('.marker-description')?.textContent ?? '').trim(),
        };
      }
      return { kind: 'other', text: e.textContent };
    });
    const out = [];
    let current = null;
    for (const { kind, index, ...r } of raw) {
      if (kind === 'file') current = r;
      else if (kind === 'marker') out.push({ file: current?.file ?? null, path: current?.path ?? null, ...r, related: [] });
      else if (kind === 'related' && out.length) out[out.length - 1].related.push(r);
    }
    // `file` matches the label shown (file name) or the last segment of the
    // row's resource path (e.g. "Untitled-1").
    const rows = file ? out.filter((r) => r.file === file || r.path === file || r.path?.split('/').pop() === file) : out;
    this.lastRead.problems = rows;
    return rows;
  }

  /** Polls the Problems panel until `predicate(rows)` holds; returns the rows. */
  async waitProblems(predicate, { file, timeout = Math.max(this.timeout, 30_000), what = 'the expected problems' } = {}) {
    return this.poll(`${what}${file ? ` for ${file}` : ''} in the Problems panel`,
      () => this.readProblems({ file }), predicate, { timeout, interval: 300 });
  }

  /**
   * Reads all rows of a virtualised Monaco list (`listSelector` = the
   * `.monaco-list` element), scrolling it with the mouse wheel. `mapRow` runs in
   * the page on each `.monaco-list-row`. Rows are keyed by `data-index`.
   */
  async collectListRows(listSelector, mapRow) {
    const list = this.page.locator(listSelector).first();
    // A list that is hidden (e.g. the Problems tree when there are no problems) has no rows.
    if (!(await list.isVisible().catch(() => false))) return [];
    const fnSrc = mapRow.toString();
    const readVisible = () => this.page.evaluate(({ listSelector, fnSrc }) => {
      // eslint-disable-next-line no-new-func
      const f = new Function(`return (${fnSrc})`)();
      const l = document.querySelector(listSelector);
      if (!l) return { rows: [], scrollTop: 0, scrollMax: 0 };
      const rows = [...l.querySelectorAll('.monaco-list-row')].map((e) => ({ index: Number(e.getAttribute('data-index')), ...f(e) }));
      const content = l.querySelector('.monaco-list-rows');
      const viewport = l.querySelector('.monaco-scrollable-element') ?? l;
      const height = content ? parseFloat(content.style.height) || content.scrollHeight : 0;
      const top = content ? -(parseFloat(content.style.top) || 0) : 0;
      return { rows, scrollTop: top, scrollMax: Math.max(0, height - viewport.clientHeight) };
    }, { listSelector, fnSrc });

    const seen = new Map();
    let state = await readVisible();
    for (const r of state.rows) seen.set(r.index, r);
    if (state.scrollMax > 0) {
      // The mouse wheel with the pointer on the list's right edge (its vertical
      // scrollbar): over a row, a tooltip pops up under the resting pointer and
      // swallows the next wheel events.
      const box = await list.boundingBox();
      const wheel = async (dy) => {
        await this.page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
        await this.page.mouse.wheel(0, dy);
      };
      const toTop = async () => {
        for (let i = 0; i < 200 && state.scrollTop > 0; i++) {
          const before = state.scrollTop;
          await wheel(-Math.max(40, box.height * 0.8));
          await this.poll('the list to scroll up', async () => (state = await readVisible()).scrollTop, (t) => t < before, { timeout: 2000, interval: 50 }).catch(() => {});
        }
      };
      await toTop();
      for (let i = 0; i < 200; i++) {
        state = await readVisible();
        for (const r of state.rows) seen.set(r.index, r);
        if (state.scrollTop >= state.scrollMax - 1) break;
        const before = state.scrollTop;
        await wheel(Math.max(40, box.height * 0.8));
        await this.poll('the list to scroll', async () => (state = await readVisible()).scrollTop, (t) => t !== before, { timeout: 2000, interval: 50 }).catch(() => {});
      }
      state = await readVisible();
      for (const r of state.rows) seen.set(r.index, r);
      await toTop(); // leave the list as a person would find it
    }
    return [...seen.values()].sort((a, b) => a.index - b.index);
  }

  // ------------------------------------------------------------------ outline

  /** Shows the Outline view (Explorer section) via its palette command. */
  async openOutline() {
    await this.runCommand(['Explorer: Focus on Outline View', 'Outline: Focus on Outline View']);
    await this.waitVisible('.outline-pane', 'the Outline view');
    // Give the Outline the Explorer's height: collapse the folder section
    // (its header's aria-label is "Explorer Section: <folder>").
    const folder = this.page.locator('.pane-header[aria-label^="Explorer Section"][aria-expanded="true"]').first();
    if (await folder.isVisible().catch(() => false)) {
      await folder.click();
      await this.waitHidden('.explorer-folders-view .monaco-list-row', 'the folder section to collapse', 5000).catch(() => {});
    }
  }

  /**
   * Outline rows as [{label, level}] (`.outline-pane` tree; label from the row's
   * `.label-name`, level 1 = top). With several symbol providers the level-1
   * rows are the providers' names (ours shows as "年度报告", the built-in one
   * as "Markdown Language Features").
   */
  async readOutline() {
    const rows = await this.collectListRows('.outline-pane .monaco-list', (e) => ({
      label: (e.querySelector('.label-name')?.textContent ?? e.textContent).trim(),
      // aria-level is missing on some rows; the indent (8px a level, the
      // `workbench.tree.indent` the runner sets) is always there.
      level: Math.round((parseFloat(e.querySelector('.monaco-tl-indent')?.style.width) || 0) / 8) + 1,
      aria: e.getAttribute('aria-label'),
    }));
    this.lastRead.outline = rows;
    return rows;
  }

  async waitOutline(predicate, { what = 'the expected outline', timeout } = {}) {
    await this.openOutline();
    return this.poll(`${what} in the Outline view`, () => this.readOutline(), predicate, { timeout });
  }

  // ------------------------------------------------------------------ new files, suggest

  /**
   * New untitled file via the palette; optionally sets its language through
   * "Change Language Mode" (rows there have aria-label "Markdown, (markdown)").
   */
  async newUntitledFile({ language } = {}) {
    const before = await this.activeTab();
    await this.runCommand(['File: New Untitled Text File']);
    await this.poll('a new Untitled tab', () => this.activeTab(), (t) => t && t !== before && /^Untitled/.test(t));
    await this.waitEditorFocused();
    if (language) {
      await this.runCommand(['Change Language Mode']);
      await this.waitQuickInput();
      await this.page.keyboard.type(language);
      await this.pickQuickInputRow(language);
      // The status bar language item `status.editor.mode` shows the new mode.
      await this.poll(`the language mode ${language}`, () => this.page.evaluate(() =>
        document.getElementById('status.editor.mode')?.textContent?.trim()), (t) => t === language);
      await this.waitEditorFocused();
    }
    return this.activeTab();
  }

  /**
   * Types `prefix`, opens the suggest widget (Ctrl+Space) and accepts the item
   * whose label is `label` (default: the prefix). Suggest rows
   * (`.suggest-widget .monaco-list-row`) have aria-label "<label>, <detail>, <kind>".
   */
  async typeAndAcceptSuggestion(prefix, label = prefix) {
    await this.type(prefix);
    await this.page.keyboard.press('Control+Space');
    const want = (aria) => aria === label || aria?.startsWith(`${label},`);
    const read = () => this.page.$$eval('.suggest-widget.visible .monaco-list-row', (els) =>
      els.map((e) => ({ aria: e.getAttribute('aria-label'), focused: e.classList.contains('focused'), index: Number(e.getAttribute('data-index')) })));
    let rows = await this.poll(`the suggestion "${label}"`, read, (rs) => rs.some((r) => want(r.aria)));
    this.lastRead.suggest = rows.map((r) => r.aria);
    // Move the focus onto the item with the arrow keys, then Enter (as a person would).
    for (let i = 0; i < 30; i++) {
      const focused = rows.find((r) => r.focused);
      if (focused && want(focused.aria)) break;
      const target = rows.find((r) => want(r.aria));
      await this.page.keyboard.press(!focused || target.index > focused.index ? 'ArrowDown' : 'ArrowUp');
      rows = await read();
    }
    if (!want(rows.find((r) => r.focused)?.aria)) throw new UIError(`could not focus suggestion "${label}"; rows: ${JSON.stringify(rows)}`);
    await this.page.keyboard.press('Enter');
    await this.waitHidden('.suggest-widget.visible', 'the suggest widget');
  }

  // ------------------------------------------------------------------ trust / status

  async statusBarItems() {
    return this.page.$$eval('.statusbar-item', (els) => els.map((e) => ({ id: e.id, text: (e.getAttribute('aria-label') || e.textContent || '').trim() })).filter((x) => x.text));
  }

  /** Restricted Mode shows a status bar item with id `status.workspaceTrust`. */
  async isRestrictedMode() {
    return this.page.evaluate(() => {
      const el = document.getElementById('status.workspaceTrust');
      return !!el && el.offsetParent !== null;
    });
  }

  // ------------------------------------------------------------------ failure report

  /** A plain-text summary of what the screen shows, for failure messages. */
  async describeScreen() {
    const page = this.page;
    const parts = [];
    const add = (k, v) => { if (v != null && v !== '' && !(Array.isArray(v) && !v.length)) parts.push(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v, null, 1)}`); };
    try {
      const d = await page.evaluate((sel) => {
        const vis = (e) => e && e.offsetParent !== null;
        const text = (s) => { const e = document.querySelector(s); return vis(e) ? e.innerText.trim() : null; };
        const ed = document.querySelector(sel);
        return {
          activeTab: document.querySelector('.editor-group-container.active .tabs-container .tab.active')?.getAttribute('aria-label'),
          cursor: document.getElementById('status.editor.selection')?.textContent,
          problemsCount: document.getElementById('status.problems')?.getAttribute('aria-label'),
          quickInput: vis(document.querySelector('.quick-input-widget'))
            ? [document.querySelector('.quick-input-box input')?.value, ...[...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.getAttribute('aria-label'))]
            : null,
          hover: text('.monaco-resizable-hover > .monaco-hover:not(.hidden)'),
          codeActions: [...document.querySelectorAll('.action-widget .monaco-list-row')].map((r) => r.innerText.trim()),
          suggest: [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].map((r) => r.getAttribute('aria-label')),
          notifications: [...document.querySelectorAll('.notification-toast-container .notification-list-item')].map((n) => n.innerText.trim()),
          dialog: text('.monaco-dialog-box'),
          problemsPanel: text('.markers-panel'),
          outline: text('.outline-pane'),
          editorLines: ed ? [...ed.querySelectorAll('.view-lines > .view-line')]
            .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
            .map((v) => v.textContent.replace(/\u00a0/g, ' ')).slice(0, 60) : null,
        };
      }, ACTIVE_EDITOR);
      for (const [k, v] of Object.entries(d)) add(k, v);
    } catch (e) {
      parts.push(`(could not read the screen: ${e.message})`);
    }
    // What the helpers read last, minus what is already printed above.
    const shown = parts.join('\n');
    const extra = Object.fromEntries(Object.entries(this.lastRead).filter(([, v]) => !(typeof v === 'string' && shown.includes(v.trim().slice(0, 200)))));
    add('last read by the test', extra);
    return parts.join('\n');
  }
}
