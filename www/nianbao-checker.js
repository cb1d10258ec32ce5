// <nianbao-checker>: the checker as a custom element for portals and CMS pages.
//
//   <script type="module" src="https://your-host/nianbao/www/nianbao-checker.js"></script>
//   <nianbao-checker source="#editor" compact></nianbao-checker>
//
// Attributes
//   source="CSS selector"  check the text of another element (textarea, input, contenteditable
//                          editor, or a same-origin editor iframe) instead of its own text box;
//                          re-checks when that element's text changes. An <input type="file">
//                          (a portal's attachment field): checks the attached file when it changes.
//   compact                summary and findings only (no tables), for a sidebar.
//   debounce="ms"          pause after the last edit before re-checking (default 400).
// Properties / methods
//   el.text (get/set)      the text checked (own text box, or the source's text).
//   el.result              the last Report (schema.md), or null.
//   el.check([text])       checks now; resolves with the Report.
//   el.checkFile(file)     checks a File (.docx, .txt, .html; recognised by its bytes); resolves
//                          with the Report, which carries `source` {kind, name} and `text` (the
//                          text read from the file, which its spans point into). Dropping a file
//                          on the widget does the same.
// Events
//   nianbao-result         bubbles, composed; detail: the Report (spans are UTF-16 offsets into
//                          the text checked).
//   nianbao-error          bubbles, composed; detail: {message}.
//
// Everything renders inside a shadow root with its own styles: the page's CSS does not reach in
// (`:host { all: initial }` also stops inherited fonts and colours) and the widget's CSS does
// not leak out.

import { Checker, htmlHasTable } from './checker.js';
import { h, clear, debounce, selectInTextarea } from './dom.js';
import { renderMarkdown, stripTitle } from './markdown.js';
import { TABLES, loadTemplate } from './template.js';
import {
  summaryText, summaryLevel, repairHeadline, metaText, cellIndex, buildTable, buildFinding, describeCellRef, findCell, sevLabel,
  listEntries, buildFold, buildLegend, buildCellDetails,
} from './render.js';
import { CellPopover } from './cellpop.js';

const STYLES = ['./components.css', './widget.css'].map((f) => new URL(f, import.meta.url).href);
const COMPACT_FINDINGS = 20;

const isFileInput = (el) => el instanceof HTMLInputElement && el.type === 'file';

/** The text of an editor element as a user sees it (table cells separated by tabs). */
function readSource(el) {
  if (!el || isFileInput(el)) return '';
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
  if (el instanceof HTMLIFrameElement) {
    try {
      return el.contentDocument?.body?.innerText ?? '';
    } catch {
      return ''; // another origin's iframe cannot be read
    }
  }
  return el.innerText ?? el.textContent ?? '';
}

export class NianbaoChecker extends HTMLElement {
  static get observedAttributes() {
    return ['source', 'compact', 'debounce'];
  }

  constructor() {
    super();
    this._report = null;
    this._text = '';
    this._checker = null;
    this._source = null;
    this._unbind = null;
    this._waiter = null;
    this._merged = null; // the whole text while one of two reports in it is checked on its own
    this._partStart = 0; // where that report starts in the source element's text (not written to)
    this._unfolded = new Set(); // tables whose folded blank-cell notes are shown one by one
    this._schedule = debounce(() => this.check(), () => this._delay());
    const root = this.attachShadow({ mode: 'open' });
    let pending = STYLES.length;
    this._ui = h('div', { class: 'nb-root nb-scope', lang: 'zh-CN', hidden: true, part: 'root' });
    const shown = () => {
      if (--pending === 0) this._ui.hidden = false;
    };
    for (const href of STYLES) {
      root.append(h('link', { rel: 'stylesheet', href, onload: shown, onerror: shown }));
    }
    root.append(this._ui);
    // A file dropped on the widget is checked (its text replaces the widget's own box).
    const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
    this._ui.addEventListener('dragover', (e) => {
      if (hasFiles(e)) e.preventDefault();
    });
    this._ui.addEventListener('drop', (e) => {
      if (!hasFiles(e) || !e.dataTransfer.files[0]) return;
      e.preventDefault();
      this.checkFile(e.dataTransfer.files[0]).catch(() => {});
    });
    this._build();
  }

  _delay() {
    const d = parseInt(this.getAttribute('debounce') || '', 10);
    const base = Number.isFinite(d) && d >= 0 ? d : 400;
    // The length of the last text checked: reading a rich editor's text costs a layout.
    return base + Math.min(800, this._text.length / 20_000);
  }

  get compact() {
    return this.hasAttribute('compact');
  }

  get result() {
    return this._report;
  }

  get text() {
    if (this._source && isFileInput(this._source)) return this._text;
    return this._source ? readSource(this._source) : this._ta ? this._ta.value : this._text;
  }

  set text(v) {
    if (this._source && 'value' in this._source) this._source.value = String(v);
    else if (this._ta) this._ta.value = String(v);
    this._text = String(v);
    this.check(String(v));
  }

  connectedCallback() {
    if (!this._checker) this._checker = new Checker();
    this._bindSource();
  }

  disconnectedCallback() {
    this._unbindSource();
    this._schedule.cancel();
    if (this._checker) this._checker.terminate();
    this._checker = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'source' && this.isConnected) this._bindSource();
    if (name === 'compact') this._build();
  }

  // ------------------------------------------------------------ source element

  _bindSource() {
    this._unbindSource();
    const sel = this.getAttribute('source');
    if (!sel) {
      this._build();
      return;
    }
    let el = null;
    try {
      el = document.querySelector(sel);
    } catch {
      el = document.getElementById(sel);
    }
    if (!el) {
      // The editor may be created after the widget: wait for it.
      this._waiter = new MutationObserver(() => {
        let found = null;
        try {
          found = document.querySelector(sel);
        } catch {
          found = document.getElementById(sel);
        }
        if (found) this._bindSource();
      });
      this._waiter.observe(document.documentElement, { childList: true, subtree: true });
      this._build();
      return;
    }
    this._source = el;
    this._build();
    const onEdit = () => this._schedule();
    const offs = [];
    const on = (target, type, fn) => {
      target.addEventListener(type, fn);
      offs.push(() => target.removeEventListener(type, fn));
    };
    if (el instanceof HTMLIFrameElement) {
      const hook = () => {
        try {
          const doc = el.contentDocument;
          if (doc) {
            on(doc, 'input', onEdit);
            const mo = new MutationObserver(onEdit);
            mo.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
            offs.push(() => mo.disconnect());
          }
        } catch {
          /* cross-origin editor: not readable */
        }
        onEdit();
      };
      on(el, 'load', hook);
      hook();
    } else if (isFileInput(el)) {
      const onFile = () => {
        if (el.files?.[0]) this.checkFile(el.files[0]).catch(() => {});
      };
      on(el, 'change', onFile);
      this._unbind = () => offs.forEach((f) => f());
      onFile();
      return;
    } else {
      on(el, 'input', onEdit);
      on(el, 'change', onEdit);
      if (!('value' in el)) {
        const mo = new MutationObserver(onEdit);
        mo.observe(el, { childList: true, subtree: true, characterData: true });
        offs.push(() => mo.disconnect());
      }
    }
    this._unbind = () => offs.forEach((f) => f());
    if (this.text.trim()) this._schedule();
  }

  _unbindSource() {
    if (this._unbind) this._unbind();
    if (this._waiter) this._waiter.disconnect();
    this._unbind = null;
    this._waiter = null;
    this._source = null;
  }

  // ------------------------------------------------------------ checking

  /**
   * Checks a File: recognised by its bytes in the worker (the CLI's reader) — a .docx read, a
   * text file decoded, HTML flattened. Resolves with the Report plus `source` and `text`; rejects
   * (and fires nianbao-error) with a message saying what the file is and what to do otherwise.
   */
  async checkFile(file) {
    this._schedule.cancel();
    if (!this._checker) this._checker = new Checker();
    let opened;
    try {
      opened = await this._checker.openFile(file);
    } catch (err) {
      const message = `${file?.name || '文件'}：${err.message}`;
      this._status(message, 'error');
      this.dispatchEvent(new CustomEvent('nianbao-error', { bubbles: true, composed: true, detail: { message } }));
      throw Object.assign(new Error(message), { name: err.name });
    }
    // In the widget's own box the text can be seen, and findings select in it.
    if (this._ta) this._ta.value = opened.text;
    return this.check(opened.text, { source: { kind: opened.kind, name: String(file.name || '') }, text: opened.text });
  }

  /** Checks `text` (default: the current text) now; resolves with the Report. */
  async check(text, fromFile) {
    this._schedule.cancel();
    const t = text === undefined ? this.text : String(text);
    // The portal's editor is never written to: after an edit there, its whole text is checked.
    if (text === undefined && this._source && this._merged != null) {
      this._merged = null;
      this._partStart = 0;
    }
    if (!this._checker) this._checker = new Checker();
    if (!t.trim()) {
      this._report = null;
      this._text = t;
      this._render();
      return null;
    }
    this._busy(true);
    let res;
    try {
      res = await this._checker.check(t);
      await loadTemplate(this._checker);
    } catch (err) {
      this._busy(false);
      this._status(`检查失败：${err.message}`, 'error');
      this.dispatchEvent(new CustomEvent('nianbao-error', { bubbles: true, composed: true, detail: { message: err.message } }));
      throw err;
    }
    if (!res) return this._report; // replaced by a newer check
    this._busy(false);
    if (fromFile) Object.assign(res.report, fromFile);
    this._report = res.report;
    this._text = t;
    this._render();
    this.dispatchEvent(new CustomEvent('nianbao-result', { bubbles: true, composed: true, detail: res.report }));
    return res.report;
  }

  // ------------------------------------------------------------ UI

  _build() {
    const ui = clear(this._ui);
    ui.classList.toggle('compact', this.compact);
    const head = h('div', { class: 'nb-head' },
      h('span', { class: 'nb-title' }, '年报校验'),
      (this._summary = h('span', { class: 'nb-summary', role: 'status', 'aria-live': 'polite', dataset: { level: 'empty' } }, '')));
    ui.append(head);
    // The likeliest correction (R007) first; clicking it shows that finding.
    this._repair = h('button', { type: 'button', class: 'nb-repair', hidden: true, onclick: () => this._locate(repairHeadline(this._report)?.index) });
    ui.append(this._repair);
    this._meta = h('p', { class: 'nb-meta' });
    ui.append(this._meta);
    // Two reports in one text (P005): check each on its own, and come back to the whole.
    this._split = h('p', { class: 'nb-split', hidden: true },
      h('button', { type: 'button', class: 'nb-btn', dataset: { part: 'first' }, onclick: () => this._checkPart('first') }, '单独检查第一份'),
      h('button', { type: 'button', class: 'nb-btn', dataset: { part: 'second' }, onclick: () => this._checkPart('second') }, '单独检查第二份'));
    this._splitBack = h('p', { class: 'nb-split', hidden: true },
      (this._partNote = h('span', { class: 'nb-part-note' })),
      h('button', { type: 'button', class: 'nb-btn', dataset: { part: 'whole' }, onclick: () => this._checkWhole() }, '恢复合并的全文'));
    ui.append(this._split, this._splitBack);
    this._note = h('p', { class: 'nb-note', role: 'status', 'aria-live': 'polite' });
    ui.append(this._note);
    this._ta = null;
    if (!this.getAttribute('source')) {
      this._ta = h('textarea', {
        class: 'nb-text',
        'aria-label': '报告全文',
        spellcheck: 'false',
        placeholder: '在此粘贴政府信息公开工作年度报告全文',
      });
      this._ta.value = this._text;
      this._ta.addEventListener('input', () => this._schedule());
      this._ta.addEventListener('paste', (e) => {
        const html = e.clipboardData?.getData('text/html') || '';
        if (!htmlHasTable(html)) return;
        e.preventDefault();
        // The worker's HTML reader (the CLI's) turns the tables into tab rows; the result goes in
        // as text where the paste was, or the plain-text flavour should the reader fail.
        const ta = this._ta;
        const plain = e.clipboardData.getData('text/plain');
        const [start, end, before] = [ta.selectionStart, ta.selectionEnd, ta.value];
        if (!this._checker) this._checker = new Checker();
        const insert = (text) => {
          const [s, t] = ta.value === before ? [start, end] : [ta.selectionStart, ta.selectionEnd];
          ta.setRangeText(text, s, t, 'end');
          this._schedule();
        };
        this._checker.htmlToText(html).then(insert, () => insert(plain));
      });
      ui.append(this._ta);
    }
    this._findings = h('ol', { class: 'findings', 'aria-label': '问题列表' });
    ui.append(this._findings);
    this._tables = this.compact ? null : h('div', { class: 'nb-tables' });
    if (this._tables) ui.append(this._tables);
    if (this._tables) {
      // A cell's details beside it (a bottom sheet on a phone).
      this._tables.addEventListener('click', (e) => {
        const td = e.target.closest('td.v');
        if (td) this._showCell(td);
      });
      this._tables.addEventListener('keydown', (e) => {
        const td = e.target.closest?.('td.v');
        if (td && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          this._showCell(td);
        }
      });
    }
    this._popover?.close(false);
    this._popover?.el.remove();
    this._popover = new CellPopover(ui);
    this._dialog = h('dialog', { class: 'nb-dialog', 'aria-label': '规则说明' });
    this._dialog.addEventListener('click', (e) => {
      if (e.target === this._dialog) this._dialog.close();
    });
    ui.append(this._dialog);
    this._render();
  }

  _busy(on) {
    this._ui.classList.toggle('busy', on);
    if (on) this._status('正在检查…', 'busy');
  }

  _status(text, level) {
    this._summary.textContent = text;
    this._summary.dataset.level = level;
  }

  _render() {
    const r = this._report;
    if (!r) this._status(this.text.trim() ? '' : '等待报告全文', 'empty');
    else this._status(summaryText(r, this._text), summaryLevel(r));
    this._meta.textContent = metaText(r);
    const repair = repairHeadline(r);
    this._repair.hidden = !repair;
    this._repair.textContent = repair ? repair.text : '';
    const second = r?.diagnostics.find((d) => d.code === 'P005')?.spans?.[0];
    this._split.hidden = !second;
    this._splitBack.hidden = this._merged == null;
    this._note.textContent = '';
    this._popover?.close(false);
    const list = clear(this._findings);
    const ds = r?.diagnostics || [];
    // The blank-cell notes fold into one entry per table; the summary's counts count each.
    const entries = listEntries(ds.map((d, i) => [d, i]));
    const shown = this.compact ? entries.slice(0, COMPACT_FINDINGS) : entries;
    const opts = {
      onLocate: (i) => this._locate(i),
      onCode: (code) => this._openRule(code),
      describeCell: (ref) => describeCellRef(r, ref),
      // Line numbers in the portal editor's whole text while a part of it is checked.
      text: this._source && this._merged != null ? this._merged : this._text,
      spanShift: this._source ? this._partStart : 0,
    };
    const fold = (e) => buildFold(r, e, { ...opts, expanded: this._unfolded.has(e.table), onToggle });
    const onToggle = (table) => {
      if (!this._unfolded.delete(table)) this._unfolded.add(table);
      const old = list.querySelector(`li.fold[data-fold-table="${CSS.escape(table)}"]`);
      const li = fold(entries.find((e) => e.table === table));
      old.replaceWith(li);
      li.querySelector('.fold-toggle').focus({ preventScroll: true });
    };
    for (const e of shown) list.append(e.table ? fold(e) : buildFinding(ds[e.index], e.index, opts));
    if (shown.length < entries.length) {
      const rest = entries.slice(shown.length).reduce((n, e) => n + (e.table ? e.indices.length : 1), 0);
      list.append(h('li', { class: 'more' }, `另有 ${rest} 条，请在完整页面中查看`));
    }
    if (this._tables) {
      const box = clear(this._tables);
      if (r) {
        const index = cellIndex(r);
        for (const [key, title] of TABLES) {
          box.append(h('h3', { class: 'nb-table-title' }, title));
          box.append(r.tables[key]
            ? h('div', { class: 'table-scroll' }, buildTable(r, key, index, { flat: this.clientWidth < 700 }))
            : h('p', { class: 'nb-empty' }, '未识别到表格'));
        }
        box.append(buildLegend());
        for (const table of box.querySelectorAll('table')) {
          const start = table.querySelector('td.v[class*="sev-"]') || table.querySelector('td.v');
          if (start) start.tabIndex = 0;
        }
      }
    }
  }

  /** One of the two reports in the text (P005) on its own; the whole text can be brought back. */
  _checkPart(which) {
    const at = this._report?.diagnostics.find((d) => d.code === 'P005')?.spans?.[0];
    if (!at) return;
    const whole = this._text;
    const start = which === 'first' ? 0 : at.start;
    const part = which === 'first' ? whole.slice(0, at.start) : whole.slice(at.start);
    if (this._ta) this._merged = whole;
    else this._merged ??= whole;
    this._partNote.textContent = which === 'first' ? '正在单独检查第一份报告' : '正在单独检查第二份报告';
    // The widget's own box shows the part, as the page does; a portal's editor is left alone.
    if (this._ta) this._ta.value = part;
    else this._partStart += start;
    return this.check(part);
  }

  _checkWhole() {
    const whole = this._merged;
    if (whole == null) return;
    this._merged = null;
    this._partStart = 0;
    if (this._ta) this._ta.value = whole;
    return this.check(this._ta ? whole : this.text);
  }

  _showCell(td) {
    const r = this._report;
    if (!r) return;
    for (const el of this._ui.querySelectorAll('td.selected')) el.classList.remove('selected');
    td.classList.add('selected');
    const ref = { table: td.dataset.table, row: td.dataset.row, col: td.dataset.col };
    const content = buildCellDetails(r, ref, cellIndex(r), {
      text: this._text,
      onLocate: (i) => this._locate(i),
      onCode: (code) => this._openRule(code),
      onSource: (span) => this._select(span),
    });
    this._popover.open(td, describeCellRef(r, ref), content, { reveal: true });
  }

  _locate(i) {
    const r = this._report;
    const d = r?.diagnostics[i];
    if (!d) return;
    for (const el of this._ui.querySelectorAll('.selected, .active')) el.classList.remove('selected', 'active');
    this._findings.querySelector(`li[data-index="${i}"]`)?.classList.add('active');
    for (const ref of d.cells || []) {
      this._ui
        .querySelector(`td.v[data-table="${CSS.escape(ref.table)}"][data-row="${CSS.escape(ref.row)}"][data-col="${CSS.escape(ref.col)}"]`)
        ?.classList.add('selected');
    }
    let span = d.spans?.[0];
    for (const ref of d.cells || []) {
      if (span) break;
      span = findCell(r.tables[ref.table], ref.row, ref.col)?.span;
    }
    this._note.textContent = !span && !(d.cells || []).length ? '此问题没有对应的位置' : '';
    if (span) this._select(span);
  }

  /** Selects `span` of the checked text in the text box or the portal's editor. */
  _select(span) {
    const target = this._source || this._ta;
    if (!target) return;
    const off = this._source ? this._partStart : 0;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
      if (target.value.slice(off, off + this._text.length) === this._text) selectInTextarea(target, span.start + off, span.end + off);
      else target.focus();
    } else {
      target.scrollIntoView({ block: 'nearest' });
      target.focus?.();
    }
  }

  async _openRule(code) {
    const dlg = clear(this._dialog);
    const title = h('h2', null, `规则 ${code}`);
    const close = h('button', { type: 'button', class: 'nb-close', onclick: () => dlg.close() }, '关闭');
    const body = h('div', { class: 'markdown' });
    dlg.append(h('div', { class: 'nb-dialog-head' }, title, close), body);
    if (!dlg.open) dlg.showModal();
    close.focus();
    try {
      const { rules } = await this._checker.rules();
      const rule = rules.find((x) => x.code.toUpperCase() === String(code).toUpperCase());
      if (!rule) {
        body.append(h('p', null, `规则目录中还没有 ${code} 的说明。`));
        return;
      }
      title.textContent = `${rule.code} · ${rule.title}`;
      body.append(h('p', null, h('span', { class: `badge sev-${rule.severity}` }, sevLabel(rule.severity))), renderMarkdown(stripTitle(rule.doc, rule.code)));
    } catch (err) {
      body.append(h('p', null, `规则目录载入失败：${err.message}`));
    }
  }
}

if (!customElements.get('nianbao-checker')) customElements.define('nianbao-checker', NianbaoChecker);
