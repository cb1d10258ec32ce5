// The page: paste / open / drop a report, check it in the worker, draw the result.

import { Checker, htmlHasTable } from './checker.js';
import { h, clear, debounce, download, copyText, selectInTextarea, onFileDrop } from './dom.js';
import { renderMarkdown, stripTitle } from './markdown.js';
import { TABLES, loadTemplate, tableShortName } from './template.js';
import {
  summaryText, summaryLevel, coverageText, repairHeadline, metaText, counts, cellIndex, cellId, buildTable, buildFinding, describeCellRef,
  findCell, sevLabel, SEVERITY, listEntries, buildFold, buildLegend, buildCellDetails, buildSourceLine,
} from './render.js';
import { CellPopover } from './cellpop.js';
import { reportJson, findingsCsv, tablesCsv, tableTsv } from './export.js';

const $ = (id) => document.getElementById(id);
const ta = $('report-text');
const checker = new Checker();

const FINDINGS_SHOWN = 200;
/** Above this size, text is inserted without the undo stack (execCommand is slow on huge text). */
const UNDOABLE_INSERT_LIMIT = 1_000_000;

const state = {
  text: '', // the text the current report is for
  report: null,
  index: new Map(),
  ms: 0,
  showAll: false,
  active: -1, // index of the selected finding
  filter: null, // the severity the findings list shows, or null for all
  merged: null, // the whole text while one of two reports in it is checked on its own
  source: null, // {kind, name, text}: the file last opened, and the text read from it
  unfolded: new Set(), // the tables whose folded blank-cell notes are shown one by one
};

const popover = new CellPopover(document.body);

// A handle for tests and for people poking at the page from the console.
window.nianbaoPage = {
  get report() { return state.report; },
  get text() { return state.text; },
  get busy() { return checker.busy; },
};

// ---------------------------------------------------------------- checking

function setState(s) {
  document.documentElement.dataset.nbState = s;
}

async function runCheck() {
  const text = ta.value;
  if (!text.trim()) {
    state.text = text;
    state.report = null;
    state.index = new Map();
    setState('empty');
    render();
    status('');
    return;
  }
  setState('checking');
  status(`正在检查…（${fmtLen(text.length)}）`, 'busy');
  let res;
  try {
    res = await checker.check(text);
    await loadTemplate(checker);
  } catch (err) {
    setState('error');
    status(`检查失败：${err.message}`, 'error');
    return;
  }
  if (!res) return; // a newer text replaced this one
  state.text = text;
  state.report = res.report;
  state.checkedAt = new Date().toISOString();
  // While the text is the opened file's, the result names the file (schema.md `source`).
  if (state.source?.text === text) res.report.source = { kind: state.source.kind, name: state.source.name };
  state.index = cellIndex(res.report);
  state.ms = res.ms;
  state.showAll = false;
  state.active = -1;
  render();
  const stale = ta.value !== text;
  status(`已检查 ${fmtLen(text.length)} · 用时 ${fmtMs(res.ms)}`);
  setState(stale ? 'stale' : 'done');
}

const fmtLen = (n) => `${n.toLocaleString('zh-CN')} 字`;
const fmtMs = (ms) => (ms < 1000 ? `${Math.max(1, Math.round(ms))} 毫秒` : `${(ms / 1000).toFixed(1)} 秒`);

// Re-check after the user pauses; longer pauses for longer texts.
const scheduleCheck = debounce(runCheck, () => Math.min(1200, 300 + ta.value.length / 20_000));

function checkNow() {
  scheduleCheck.cancel();
  runCheck();
}

// Chrome recomputes a textarea's caret position on every repaint of the page, in time that grows
// with the caret's offset: with the caret at the end of a pasted 10 MB text, every repaint of
// the page (status, results) stalls for a few hundred ms. After a huge paste, the caret goes back
// to where the paste began (usually the top, which is also where a reader starts).
const HUGE_TEXT = 1_000_000;
let pasteStart = -1;
ta.addEventListener('paste', () => (pasteStart = ta.selectionStart), { capture: true });

ta.addEventListener('input', (e) => {
  if (e.inputType === 'insertFromPaste' && pasteStart >= 0 && ta.value.length > HUGE_TEXT) {
    ta.setSelectionRange(pasteStart, pasteStart);
    if (pasteStart === 0) ta.scrollTop = 0;
  }
  pasteStart = -1;
  if (state.report) $('results').classList.add('stale');
  setState('editing');
  scheduleCheck();
});

/** Replaces the whole text (example, opened file) and checks it at once. */
function setText(text, note) {
  ta.value = text;
  ta.scrollTop = 0;
  ta.setSelectionRange(0, 0);
  if (note) toast(note);
  checkNow();
}

/** Inserts text at the caret like a paste, keeping undo where the browser allows. */
function insertText(text) {
  ta.focus();
  let done = false;
  if (text.length <= UNDOABLE_INSERT_LIMIT) {
    try {
      done = document.execCommand('insertText', false, text);
    } catch {
      done = false;
    }
  }
  if (!done) {
    ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, 'end');
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

// A paste that carries HTML with a table (web page, Word, WPS) keeps its cells: the worker's
// HTML reader (the CLI's) makes it one line per row with tab-separated cells, inserted as text
// where the paste was. Should the reader fail, the plain-text flavour is pasted instead.
ta.addEventListener('paste', (e) => {
  const dt = e.clipboardData;
  if (!dt) return;
  const html = dt.types.includes('text/html') ? dt.getData('text/html') : '';
  if (!html || !htmlHasTable(html)) return;
  e.preventDefault();
  const plain = dt.getData('text/plain');
  const [start, end, before] = [ta.selectionStart, ta.selectionEnd, ta.value];
  const insertAtPaste = (text) => {
    if (ta.value === before) ta.setSelectionRange(start, end);
    insertText(text);
  };
  checker.htmlToText(html).then(
    (text) => {
      insertAtPaste(text);
      toast('已按表格粘贴：保留了网页 / Word 表格的单元格');
    },
    (err) => {
      insertAtPaste(plain);
      toast(`未能按表格粘贴（${err.message}），已按纯文本粘贴`, 'error');
    },
  );
});

// ---------------------------------------------------------------- files

async function openFile(file) {
  if (!file) return;
  let opened;
  try {
    opened = await checker.openFile(file);
  } catch (err) {
    // The text area is left as it was.
    toast(err.name === 'FileError' ? `${file.name}：${err.message}` : `无法读取 ${file.name}：${err.message}`, 'error');
    return;
  }
  const hadText = ta.value.trim() !== '';
  replaceText(opened.text);
  state.source = { kind: opened.kind, name: file.name, text: ta.value };
  toast(hadText ? `已打开 ${file.name}（Ctrl+Z 可恢复原来的文字）` : `已打开 ${file.name}`);
  checkNow();
}

/** Replaces the whole text as one edit the browser can undo (Ctrl+Z brings the old text back). */
function replaceText(text) {
  ta.focus();
  ta.select();
  insertText(text);
  if (ta.value !== text) ta.value = text;
  ta.scrollTop = 0;
  ta.setSelectionRange(0, 0);
}

$('open-file').addEventListener('click', () => $('file-input').click());
$('file-input').addEventListener('change', (e) => {
  openFile(e.target.files[0]);
  e.target.value = '';
});

onFileDrop($('drop-overlay'), (dt) => openFile(dt.files[0]));

$('load-example').addEventListener('click', async () => {
  try {
    const res = await fetch(new URL('./example.txt', import.meta.url));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    setText(await res.text(), '已载入示例报告（虚构单位，表三中有一处故意写错的数字）');
  } catch (err) {
    toast(`示例报告载入失败：${err.message}`, 'error');
  }
});

$('clear-text').addEventListener('click', () => {
  setText('');
  ta.focus();
});

// ---------------------------------------------------------------- rendering

function render() {
  const r = state.report;
  $('results').classList.remove('stale');
  const summary = $('summary');
  summary.textContent = r ? summaryText(r, state.text) : state.text.trim() ? '…' : '请粘贴报告全文';
  const c = counts(r);
  const recognized = r && (TABLES.some(([k]) => r.tables[k]) || r.sections.length > 0);
  summary.dataset.level = !r ? 'empty' : recognized || c.error || c.warning || c.info ? summaryLevel(r) : 'empty';
  $('meta').textContent = metaText(r);
  // The repair first: "可能只需改 4 个单元格：…"; clicking it shows that finding.
  const repair = repairHeadline(r);
  $('repair').hidden = !repair;
  $('repair-locate').textContent = repair ? repair.text : '';
  // Two reports in one text (P005): offer to check each on its own; the whole text is kept.
  const second = r?.diagnostics.find((d) => d.code === 'P005')?.spans?.[0];
  $('split').hidden = !second;
  $('split-back').hidden = state.merged == null;
  $('print-meta').textContent = r
    ? `检查时间 ${new Date(state.checkedAt).toLocaleString('zh-CN')} · nianbao ${r.version || ''}`
    : '';
  const hasReport = !!r;
  const anyTable = hasReport && TABLES.some(([k]) => r.tables[k]);
  $('export-json').disabled = !hasReport;
  $('export-findings').disabled = !hasReport;
  $('export-csv').disabled = !anyTable;
  $('print').disabled = !hasReport;
  renderFindings();
  renderTables();
}

function renderFindings() {
  const list = clear($('findings'));
  const r = state.report;
  const ds = r?.diagnostics || [];
  $('findings-count').textContent = ds.length ? `（${ds.length}）` : '';
  if (!r) {
    list.append(h('li', { class: 'empty' }, '检查后，问题会列在这里。'));
    return;
  }
  if (!ds.length) {
    const partial = coverageText(r);
    list.append(h('li', { class: partial ? 'empty' : 'empty ok' }, partial ? `未发现问题，但${partial}。` : '未发现问题。'));
    return;
  }
  // A filter that matches nothing any more (after an edit) is dropped.
  const c = counts(r);
  if (state.filter && !c[state.filter]) state.filter = null;
  renderFilter(c, ds.length);
  // Findings keep their index in the report (locate, the cell details), whatever is shown.
  // The blank-cell notes fold into one entry per table (the counts above still count each).
  const matching = listEntries(ds.map((d, i) => [d, i]).filter(([d]) => !state.filter || d.severity === state.filter));
  const shown = state.showAll ? matching : matching.slice(0, FINDINGS_SHOWN);
  const opts = { onLocate: locate, onCode: openRule, describeCell: (ref) => describeCellRef(r, ref), text: state.text };
  const onToggle = (table) => {
    if (!state.unfolded.delete(table)) state.unfolded.add(table);
    const old = list.querySelector(`li.fold[data-fold-table="${CSS.escape(table)}"]`);
    const entry = matching.find((e) => e.table === table);
    const li = buildFold(r, entry, { ...opts, expanded: state.unfolded.has(table), onToggle });
    old.replaceWith(li);
    li.querySelector('.fold-toggle').focus({ preventScroll: true });
  };
  const frag = document.createDocumentFragment();
  for (const e of shown) {
    frag.append(e.table ? buildFold(r, e, { ...opts, expanded: state.unfolded.has(e.table), onToggle }) : buildFinding(ds[e.index], e.index, opts));
  }
  list.append(frag);
  if (shown.length < matching.length) {
    list.append(
      h(
        'li',
        { class: 'more' },
        h('button', { type: 'button', class: 'btn', onclick: () => { state.showAll = true; renderFindings(); } },
          `显示全部 ${matching.length} 条`),
      ),
    );
  }
}

/** The severity filter: 全部 and one button per severity present, each with its count. */
function renderFilter(c, total) {
  const bar = clear($('severity-filter'));
  bar.hidden = !total;
  const button = (sev, label, n) =>
    h('button', {
      type: 'button',
      class: `btn btn-small filter${sev ? ` sev-${sev}` : ''}`,
      'aria-pressed': String(state.filter === sev),
      dataset: { severity: sev || 'all' },
      onclick: () => {
        state.filter = sev;
        state.showAll = false;
        renderFindings();
      },
    }, `${label} ${n}`);
  bar.append(button(null, '全部', total));
  for (const sev of ['error', 'warning', 'info']) if (c[sev]) bar.append(button(sev, SEVERITY[sev].label, c[sev]));
}

function renderTables() {
  popover.close(false); // its cell is about to be redrawn
  const box = clear($('tables'));
  const r = state.report;
  if (!r) {
    box.append(h('p', { class: 'empty-state' }, '粘贴报告后，这里会按官方模板画出第二、三、四部分的三张表格，每格显示识别到的数值。'));
    return;
  }
  for (const [key, title] of TABLES) {
    const t = r.tables[key];
    const headId = `t-${key}`;
    const sec = h('section', { class: 'table-section', 'aria-labelledby': headId, dataset: { table: key } });
    const head = h('div', { class: 'table-head' }, h('h3', { id: headId }, title));
    if (t) {
      head.append(
        h(
          'div',
          { class: 'toolbar small', role: 'group', 'aria-label': `${title} 表格操作` },
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => copyTable(key) }, '复制为表格（TSV）'),
          h('button', { type: 'button', class: 'btn btn-small', onclick: () => exportCsv(key) }, '导出 CSV'),
        ),
      );
      if (t.template && r.format !== 'unknown' && t.template !== r.format) {
        head.append(h('p', { class: 'note' }, `此表按 ${t.template} 年版格式识别`));
      }
    }
    sec.append(head);
    if (t) {
      const table = buildTable(r, key, state.index, { flat: narrow.matches });
      initRoving(table);
      sec.append(h('div', { class: 'table-scroll' }, table));
    } else {
      sec.append(h('p', { class: 'empty-state' }, '未识别到表格'));
    }
    box.append(sec);
  }
  box.append(buildLegend());
}

// Narrow screens (phones, 200 % zoom) get tables with one sticky label column.
const narrow = matchMedia('(max-width: 760px)');
narrow.addEventListener('change', () => {
  popover.close(false);
  if (!state.report) return;
  renderTables();
  if (state.active >= 0) {
    for (const ref of state.report.diagnostics[state.active].cells || []) tdFor(ref)?.classList.add('selected');
  }
});

// ---------------------------------------------------------------- selection

function clearSelection() {
  for (const el of document.querySelectorAll('#tables .selected')) el.classList.remove('selected');
  for (const el of document.querySelectorAll('#findings .active')) {
    el.classList.remove('active');
    el.querySelector('.locate')?.removeAttribute('aria-current');
  }
}

function tdFor(ref) {
  return document.querySelector(
    `#tables td.v[data-table="${CSS.escape(ref.table)}"][data-row="${CSS.escape(ref.row)}"][data-col="${CSS.escape(ref.col)}"]`,
  );
}

/**
 * The panes side by side (wide, tall enough): text, findings and tables each scroll on their own,
 * so a finding's text and cells are shown without the list moving. Otherwise (a phone) a finding's
 * place is shown in the bottom sheet. Matches the media query in style.css.
 */
const panes = matchMedia('(min-width: 1100px) and (min-height: 640px)');

/**
 * Selects finding `i`: its text in the paste area, its cells in the tables, each scrolled into
 * view in its own pane; the findings list and the page do not move.
 */
function locate(i) {
  const r = state.report;
  const d = r?.diagnostics[i];
  if (!d) return;
  clearSelection();
  state.active = i;
  const li = document.querySelector(`#findings li[data-index="${i}"]`);
  li?.classList.add('active');
  li?.querySelector('.locate')?.setAttribute('aria-current', 'true');
  let first = null;
  for (const ref of d.cells || []) {
    const td = tdFor(ref);
    if (td) {
      td.classList.add('selected');
      first ||= td;
    }
  }
  // The finding's first span; else the span of its first cell that has one.
  let span = d.spans?.[0];
  if (!span) {
    for (const ref of d.cells || []) {
      const c = findCell(r.tables[ref.table], ref.row, ref.col);
      if (c?.span) {
        span = c.span;
        break;
      }
    }
  }
  if (!first && !span) {
    toast('此问题没有对应的位置');
    return;
  }
  if (first) revealInPanes(first);
  if (panes.matches) {
    popover.close(false);
    if (span) selectSpan(span);
    return;
  }
  // One column (a phone): the text box and the tables are off screen; the sheet shows the place.
  if (span) selectSpan(span, { focus: false });
  if (first) showCell(first, { focus: false, select: false });
  else {
    popover.open(null, `${d.code} 在原文中的位置`, [buildSourceLine(state.text, span)], { focus: false });
  }
}

/**
 * Scrolls the scrolling boxes around `el` (the tables pane, a table's own horizontal scroll) so
 * that `el` is visible in each, never the page itself.
 */
function revealInPanes(el) {
  const pad = 8;
  for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
    const cs = getComputedStyle(box);
    const scrollsY = /auto|scroll/.test(cs.overflowY) && box.scrollHeight > box.clientHeight;
    const scrollsX = /auto|scroll/.test(cs.overflowX) && box.scrollWidth > box.clientWidth;
    if (!scrollsX && !scrollsY) continue;
    const b = box.getBoundingClientRect();
    const e = el.getBoundingClientRect();
    if (scrollsY) {
      // The part of the box on screen.
      const top = Math.max(b.top, 0) + pad;
      const bottom = Math.min(b.bottom, innerHeight) - pad;
      if (e.top < top) box.scrollTop -= top - e.top;
      else if (e.bottom > bottom) box.scrollTop += Math.min(e.bottom - bottom, e.top - top);
    }
    if (scrollsX) {
      // A sticky label column covers the left of a narrow table.
      const sticky = box.querySelector('.flat th.label');
      const left = b.left + (sticky ? sticky.getBoundingClientRect().width : 0) + pad;
      const right = b.right - pad;
      if (e.left < left) box.scrollLeft -= left - e.left;
      else if (e.right > right) box.scrollLeft += Math.min(e.right - right, e.left - left);
    }
  }
}

/** Selects `span` in the text box, scrolled into view inside the box; `focus` as a caret would. */
function selectSpan(span, { focus = true } = {}) {
  if (ta.value !== state.text) {
    toast('原文已修改，位置可能已变化；请等待重新检查', 'warning');
  }
  selectInTextarea(ta, span.start, span.end, { focus });
}

// Cells: click / Enter shows the cell's findings; arrow keys move between cells.
$('tables').addEventListener('click', (e) => {
  const td = e.target.closest('td.v');
  if (td) {
    showCell(td);
    return;
  }
  const th = e.target.closest('th[data-row-key]');
  if (th) {
    const table = state.report?.tables[th.closest('table').dataset.table];
    const row = table?.rows.find((x) => x.key === th.dataset.rowKey);
    if (row?.span) selectSpan(row.span);
  }
});

$('tables').addEventListener('keydown', (e) => {
  const td = e.target.closest?.('td.v');
  if (!td) return;
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    showCell(td);
    return;
  }
  const next = neighbour(td, e.key);
  if (next) {
    e.preventDefault();
    moveFocus(td, next);
  }
});

function initRoving(table) {
  const cells = [...table.querySelectorAll('td.v')];
  const start = cells.find((c) => /\bsev-/.test(c.className)) || cells[0];
  if (start) start.tabIndex = 0;
}

function moveFocus(from, to) {
  from.tabIndex = -1;
  to.tabIndex = 0;
  to.focus();
}

function neighbour(td, key) {
  const table = td.closest('table');
  const rows = [...table.querySelectorAll('tbody tr')].filter((tr) => tr.querySelector('td.v'));
  const tr = td.closest('tr');
  const ri = rows.indexOf(tr);
  const inRow = [...tr.querySelectorAll('td.v')];
  const ci = inRow.indexOf(td);
  switch (key) {
    case 'ArrowLeft': return inRow[ci - 1];
    case 'ArrowRight': return inRow[ci + 1];
    case 'Home': return inRow[0];
    case 'End': return inRow[inRow.length - 1];
    case 'ArrowUp':
    case 'ArrowDown': {
      const step = key === 'ArrowUp' ? -1 : 1;
      for (let i = ri + step; i >= 0 && i < rows.length; i += step) {
        const cells = [...rows[i].querySelectorAll('td.v')];
        const same = cells.find((c) => c.dataset.col === td.dataset.col);
        if (same || cells.length) return same || cells[Math.min(ci, cells.length - 1)];
      }
      return null;
    }
    default: return null;
  }
}

/** Shows a cell's details in the popover beside it (a bottom sheet on a phone). */
function showCell(td, { focus = true, select = true } = {}) {
  const r = state.report;
  if (!r) return;
  const { table: key, row, col } = td.dataset;
  if (select) {
    for (const el of document.querySelectorAll('#tables td.selected')) el.classList.remove('selected');
    td.classList.add('selected');
  }
  if (td.tabIndex !== 0) {
    td.closest('table').querySelectorAll('td.v[tabindex="0"]').forEach((c) => (c.tabIndex = -1));
    td.tabIndex = 0;
  }
  const ref = { table: key, row, col };
  const content = buildCellDetails(r, ref, state.index, {
    text: state.text,
    onLocate: locate,
    onCode: openRule,
    onSource: (span) => selectSpan(span, { focus: panes.matches }),
  });
  // A cell tapped (not a finding's place) may move the page up above the sheet.
  popover.open(td, describeCellRef(r, ref), content, { focus, reveal: select });
}

// ---------------------------------------------------------------- rules

let rulesPromise = null;
function loadRules() {
  rulesPromise ||= checker.rules().catch((err) => {
    rulesPromise = null;
    throw err;
  });
  return rulesPromise;
}

async function openRule(code, fromCatalog = false) {
  const dlg = $('rule-dialog');
  const body = clear($('rule-body'));
  $('rule-title').textContent = `规则 ${code}`;
  showDialog(dlg);
  if (fromCatalog) {
    body.append(h('p', null, h('button', { type: 'button', class: 'link-btn', onclick: openCatalog }, '← 返回全部规则')));
  }
  let rules = [];
  try {
    ({ rules } = await loadRules());
  } catch (err) {
    body.append(h('p', { class: 'error' }, `规则目录载入失败：${err.message}`));
    return;
  }
  const rule = rules.find((x) => x.code.toUpperCase() === String(code).toUpperCase());
  if (!rule) {
    body.append(h('p', null, `规则目录中还没有 ${code} 的说明。`));
    return;
  }
  $('rule-title').textContent = `${rule.code} · ${rule.title}`;
  body.append(
    h('p', { class: 'rule-meta' }, h('span', { class: `badge sev-${rule.severity}` }, sevLabel(rule.severity)), ` 规则代码 ${rule.code}`),
    h('div', { class: 'markdown' }, renderMarkdown(stripTitle(rule.doc, rule.code))),
  );
}

async function openCatalog() {
  const dlg = $('rule-dialog');
  const body = clear($('rule-body'));
  $('rule-title').textContent = '全部规则';
  showDialog(dlg);
  try {
    const { rules } = await loadRules();
    if (!rules.length) {
      body.append(h('p', null, '规则目录为空。'));
      return;
    }
    body.append(
      h('ul', { class: 'rule-list' },
        rules.map((rule) =>
          h('li', null,
            h('button', { type: 'button', class: 'code', onclick: () => openRule(rule.code, true) }, rule.code),
            h('span', { class: `badge sev-${rule.severity}` }, sevLabel(rule.severity)),
            ' ', rule.title))),
    );
  } catch (err) {
    body.append(h('p', { class: 'error' }, `规则目录载入失败：${err.message}`));
  }
}

function showDialog(dlg) {
  if (!dlg.open) dlg.showModal();
  $('rule-close').focus();
}

$('rule-close').addEventListener('click', () => $('rule-dialog').close());
$('rule-dialog').addEventListener('click', (e) => {
  if (e.target === e.currentTarget) e.currentTarget.close(); // click on the backdrop
});
$('all-rules').addEventListener('click', openCatalog);

// ---------------------------------------------------------------- export

const baseName = () => {
  const r = state.report;
  return ['年报校验', r?.body, r?.year].filter(Boolean).join('-');
};

$('export-json').addEventListener('click', () => {
  if (state.report) download(`${baseName()}.json`, reportJson(state.report, { checkedAt: state.checkedAt }), 'application/json');
});
$('export-findings').addEventListener('click', () => {
  if (state.report) download(`${baseName()}-问题.csv`, findingsCsv(state.report, state.text), 'text/csv;charset=utf-8');
});
/** Checks one of the two reports on its own; the whole text stays restorable. */
function splitAt(which) {
  const at = state.report?.diagnostics.find((d) => d.code === 'P005')?.spans?.[0];
  if (!at) return;
  const whole = state.text;
  const part = which === 'first' ? whole.slice(0, at.start) : whole.slice(at.start);
  state.merged = whole;
  setText(part, which === 'first' ? '正在单独检查第一份报告' : '正在单独检查第二份报告');
}
$('split-first').addEventListener('click', () => splitAt('first'));
$('split-second').addEventListener('click', () => splitAt('second'));
$('split-restore').addEventListener('click', () => {
  const whole = state.merged;
  state.merged = null;
  if (whole != null) setText(whole, '已恢复合并的全文');
});
$('repair-locate').addEventListener('click', () => {
  const repair = repairHeadline(state.report);
  if (repair) locate(repair.index);
});
$('export-csv').addEventListener('click', () => exportCsv());
$('print').addEventListener('click', () => window.print());

function exportCsv(key) {
  if (!state.report) return;
  const n = tableShortName(key);
  download(`${baseName()}${n ? `-${n}` : '-表格'}.csv`, tablesCsv(state.report, key), 'text/csv;charset=utf-8');
}

async function copyTable(key) {
  const ok = await copyText(tableTsv(state.report, key));
  const n = tableShortName(key);
  toast(ok ? `已复制${n}，可直接粘贴到 Excel / WPS 表格` : '复制失败：浏览器不允许写入剪贴板', ok ? '' : 'error');
}

// ---------------------------------------------------------------- status, toast

function status(text, kind = '') {
  const el = $('status');
  el.textContent = text;
  el.dataset.kind = kind;
}

let toastTimer = 0;
function toast(text, kind = '') {
  const el = $('toast');
  el.textContent = text;
  el.dataset.kind = kind;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 4000);
}

// ---------------------------------------------------------------- start

loadRules().then(
  ({ version }) => ($('version').textContent = `nianbao ${version}`),
  () => {},
);

if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register('./sw.js').then(
    () => navigator.serviceWorker.ready.then(() => ($('offline-note').textContent = '已可离线使用')),
    () => ($('offline-note').textContent = '离线缓存不可用'),
  );
}

setState('empty');
render();
if (ta.value.trim()) checkNow(); // text restored by the browser after a reload
