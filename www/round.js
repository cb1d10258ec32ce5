// The review round (round.html): many reports checked in parallel workers, a summary table, the
// X rules across the round, one report's findings, the problem list as CSV and printable 整改
// notices. Everything stays in this browser; the round is kept in IndexedDB across reloads.

import { h, clear, debounce, download, onFileDrop } from './dom.js';
import { fileContents, Unreadable } from './filetext.js';
import { TABLES, loadTemplate, colLabel, rowLabel } from './template.js';
import { buildFinding, buildTable, cellIndex, describeCellRef, sevLabel, SEVERITY } from './render.js';

const $ = (id) => document.getElementById(id);
// `?full`: the worker loads the full build, which has round() (pkg/full/).
const WORKER_URL = new URL('./worker.js?full', import.meta.url);
const POOL_SIZE = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
/** Above this many bytes of texts and results, the page says how much memory the round holds. */
const MEMORY_NOTE_BYTES = 20e6;
const FIRST_PROBLEMS = 2;
/** Rows drawn at first and per 显示更多: the table of a large round lays out quickly. */
const PAGE_ROWS = 200;

// ---------------------------------------------------------------- workers

/** `POOL_SIZE` workers (worker.js); `run(msg)` resolves the answer of whichever is free first. */
class Pool {
  constructor(size) {
    this.size = size;
    this.slots = [];
    this.queue = [];
    this.seq = 0;
  }

  _spawn(slot) {
    const w = new Worker(WORKER_URL, { type: 'module' });
    w.onmessage = (e) => {
      const m = e.data;
      if (m?.id === undefined) {
        if (m?.type === 'ready' && m.error) this._fail(slot, new Error(`校验引擎加载失败：${m.error.message}`));
        return;
      }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      if (m.ok) job.resolve(m);
      else job.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      this._next();
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      this._fail(slot, new Error(`校验引擎出错：${e.message || '无法加载 worker.js'}`));
    };
    slot.worker = w;
  }

  /** A worker failed: its job fails, it is replaced at the next job. */
  _fail(slot, err) {
    slot.worker?.terminate();
    slot.worker = null;
    const job = slot.job;
    slot.job = null;
    job?.reject(err);
    this._next();
  }

  _next() {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) this.slots.push((slot = { worker: null, job: null }));
      if (!slot) return;
      const job = this.queue.shift();
      slot.job = job;
      if (!slot.worker) this._spawn(slot);
      slot.worker.postMessage({ ...job.msg, id: job.id });
    }
  }

  run(msg) {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: ++this.seq, msg, resolve, reject });
      this._next();
    });
  }
}

const pool = new Pool(POOL_SIZE);
/** A file read by a worker (`open_file`): {text, kind}, for a zip archive when `expand` its
 * {members} (`unzip`), or a FileError saying what it is. */
const openFile = async (file, { expand = false } = {}) =>
  pool.run({ type: 'file', name: String(file.name || ''), bytes: await file.arrayBuffer(), expand });
const templateReady = loadTemplate({ template: () => pool.run({ type: 'template' }).then((m) => m.template) });
let catalog = null; // {rules: Map code → RuleInfo, version}
const catalogReady = pool.run({ type: 'rules' }).then((m) => {
  catalog = { rules: new Map(m.rules.map((r) => [r.code, r])), version: m.version };
  $('version').textContent = `版本 ${m.version}`;
});

// ---------------------------------------------------------------- storage

/** The round in IndexedDB: one record per report, keyed by its id (the order it was added). */
const store = {
  db: null,
  async open() {
    if (this.db !== null) return this.db;
    this.db = await new Promise((resolve) => {
      let req;
      try {
        req = indexedDB.open('nianbao-round', 1);
      } catch {
        return resolve(false);
      }
      req.onupgradeneeded = () => req.result.createObjectStore('reports', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(false); // no storage (private window): the round lives in the page
    });
    return this.db;
  },
  async tx(mode, fn) {
    const db = await this.open();
    if (!db) return undefined;
    return new Promise((resolve, reject) => {
      const t = db.transaction('reports', mode);
      const result = fn(t.objectStore('reports'));
      t.oncomplete = () => resolve(result?.result);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  },
  put: (items) => store.tx('readwrite', (s) => items.forEach((i) => s.put(i))).catch(storageFailed),
  all: () => store.tx('readonly', (s) => s.getAll()),
  clear: () => store.tx('readwrite', (s) => s.clear()).catch(storageFailed),
};

function storageFailed(err) {
  $('memory').hidden = false;
  $('memory').dataset.kind = 'error';
  $('memory').textContent = `本批结果未能保存到浏览器（${err?.message || err}），刷新后需要重新打开。`;
}

// ---------------------------------------------------------------- the round

/**
 * One report: {id, file, text, problem, body, year, format, tables, sections, diagnostics, x}.
 * `problem` is set when the file cannot be read or checked; `x` (the X findings) once the round
 * has been compared; `tables` only names each table's template (for the problem list's cells).
 */
const items = [];
let nextId = 1;
const progress = { total: 0, done: 0, started: 0 };
let generation = 0; // bumped by clearing the round: work for the old round is dropped

/** When the last round finished checking and comparing (performance.now()), for benchmarks. */
const timings = { checked: 0, compared: 0 };

window.nianbaoRound = {
  timings,
  get items() { return items; },
  get state() { return document.documentElement.dataset.roundState; },
  get memoryBytes() { return roundBytes(); },
};

function setState(s) {
  document.documentElement.dataset.roundState = s;
}

/** Adds files ([{file: File, name: path}]) to the round and checks them. */
async function addFiles(list) {
  list = list.filter((f) => !/(^|\/)\.[^/]*$/.test(f.name)); // hidden files (.DS_Store)
  if (!list.length) return;
  const gen = generation;
  const added = list.map((f) => ({ id: nextId++, file: f.name, text: null, problem: null, pending: true, source: f.file, depth: 0 }));
  items.push(...added);
  if (progress.done >= progress.total) Object.assign(progress, { total: 0, done: 0, started: performance.now() });
  progress.total += added.length;
  setState('checking');
  renderSoon();
  await Promise.all(added.map((item) => checkOne(item, gen)));
  if (gen !== generation) return;
  if (items.some((i) => i.pending)) return; // another batch is still running: it compares
  await compareRound(gen);
}

/** Reads and checks one file; a zip archive (not one inside another) is replaced by its files. */
async function checkOne(item, gen) {
  try {
    const got = await fileContents(item.source, openFile, { expand: item.depth === 0 });
    if (gen !== generation) return;
    if (got.members) return await expandArchive(item, got.members, gen);
    const text = got.text;
    item.text = text;
    const { report } = await pool.run({ type: 'validate', text });
    if (gen !== generation) return;
    Object.assign(item, summarize(report));
  } catch (err) {
    item.problem = err instanceof Unreadable ? err.message : `无法读取：${err.message}`;
  }
  if (gen !== generation) return;
  delete item.source;
  item.pending = false;
  changed(item);
  progress.done++;
  store.put([stored(item)]);
  renderSoon();
}

/** The files of an archive take its place in the round, named "archive.zip/folder/file.txt". */
async function expandArchive(item, members, gen) {
  const visible = members.filter((m) => !/(^|\/)\.[^/]*$/.test(m.name));
  if (!visible.length) throw new Unreadable('这个压缩包里没有文件。');
  const added = visible.map((m) => ({
    id: nextId++,
    file: `${item.file}/${m.name}`,
    text: null,
    problem: m.problem || null,
    pending: !m.problem,
    source: m.file,
    depth: item.depth + 1,
  }));
  items.splice(items.indexOf(item), 1, ...added);
  progress.total += added.length - 1;
  const unreadable = added.filter((a) => a.problem);
  progress.done += unreadable.length;
  store.put(unreadable.map(stored));
  renderSoon();
  await Promise.all(added.filter((a) => a.pending).map((a) => checkOne(a, gen)));
}

/** What the round keeps of a report. */
function summarize(report) {
  const tables = {};
  for (const [k, t] of Object.entries(report.tables || {})) if (t) tables[k] = t.template;
  return {
    body: report.body,
    year: report.year,
    format: report.format,
    tables,
    sections: report.sections.map((s) => ({ number: s.number, start: s.span.start })),
    coverage: coverageOf(report),
    diagnostics: report.diagnostics,
    // The likeliest correction's cell values (R007), for the problem list's 建议值.
    fixes: (report.repairs?.[0]?.changes || []).map((c) => ({ key: `${c.table}.${c.row}.${c.col}`, to: c.to })),
  };
}

/** Cells read and cells expected over the report's tables: {read, expected}. */
function coverageOf(report) {
  let read = 0;
  let expected = 0;
  for (const c of Object.values(report.coverage || {})) {
    read += c?.read || 0;
    expected += c?.expected || 0;
  }
  return { read, expected };
}

const stored = (item) => {
  const { source, pending, depth, ...rest } = item;
  return rest;
};

// ---------------------------------------------------------------- pairing by hand

/** Pairings made by hand: report id → the id of its report of the year before, or null for none.
 * Kept in localStorage (ids are stable across reloads), dropped with the round. */
const PAIRS_KEY = 'nianbao-round-pairs';
const pairs = new Map();
try {
  for (const [k, v] of JSON.parse(localStorage.getItem(PAIRS_KEY) || '[]')) pairs.set(k, v);
} catch {
  // no storage, or a damaged entry: no pairings by hand
}
function savePairs() {
  try {
    localStorage.setItem(PAIRS_KEY, JSON.stringify([...pairs]));
  } catch {
    // no storage: the pairings last as long as the page
  }
}

/** Pairs `id` with `lastId` (or with none when null; `undefined` back to body and year), then
 * compares the round again. */
async function setPair(id, lastId) {
  if (lastId === undefined) pairs.delete(id);
  else pairs.set(id, lastId);
  savePairs();
  await compareRound(generation);
  if (shown) showDetail(shown.item);
}

let compareSeq = 0; // only the latest comparison's findings are kept

/** The X rules over every readable report of the round (one worker). */
async function compareRound(gen) {
  const mine = ++compareSeq;
  const ready = items.filter((i) => i.text !== null && !i.problem);
  timings.checked = performance.now();
  setState('comparing');
  progressText();
  try {
    const at = new Map(ready.map((item, k) => [item.id, k]));
    const flat = [];
    for (const [id, last] of pairs) {
      if (!at.has(id) || (last !== null && !at.has(last))) continue;
      flat.push(at.get(id), last === null ? -1 : at.get(last));
    }
    const names = ready.map((i) => i.file);
    const { findings, lastYear } = await pool.run({ type: 'round', names, texts: ready.map((i) => i.text), pairs: flat });
    if (gen !== generation || mine !== compareSeq) return;
    ready.forEach((item, k) => {
      item.x = findings[k];
      item.lastYear = lastYear[k] >= 0 ? ready[lastYear[k]].id : null;
      changed(item);
    });
    // In slices, each its own task: storing copies every finding, and the page stays responsive.
    for (let k = 0; k < ready.length && gen === generation; k += 50) await store.put(ready.slice(k, k + 50).map(stored));
    if (gen !== generation) return;
  } catch (err) {
    if (gen !== generation || mine !== compareSeq) return;
    for (const item of ready) {
      item.x = [];
      changed(item);
    }
    $('memory').hidden = false;
    $('memory').dataset.kind = 'error';
    $('memory').textContent = `跨报告比对失败（${err.message}），各份报告自身的检查结果不受影响。`;
  }
  timings.compared = performance.now();
  setState(items.some((i) => i.pending) ? 'checking' : 'done'); // a newer batch compares again
  render();
}

async function restore() {
  let saved = [];
  try {
    saved = (await store.all()) || [];
  } catch (err) {
    storageFailed(err);
  }
  saved.sort((a, b) => a.id - b.id);
  items.push(...saved);
  nextId = saved.reduce((m, i) => Math.max(m, i.id + 1), 1);
  progress.total = progress.done = 0;
  render();
  if (items.some((i) => !i.problem && i.text !== null && !i.x)) await compareRound(generation);
  else setState(items.length ? 'done' : 'empty');
  openFromHash();
}

async function clearRound() {
  generation++;
  items.length = 0;
  pairs.clear();
  savePairs();
  Object.assign(progress, { total: 0, done: 0 });
  await store.clear();
  $('memory').hidden = true;
  delete $('memory').dataset.kind;
  setState('empty');
  location.hash = '';
  render();
}

// ---------------------------------------------------------------- the table

const view = { sort: { key: 'id', dir: 1 }, onlyErrors: false, year: '', search: '', limit: PAGE_ROWS };
const collator = new Intl.Collator('zh-CN', { numeric: true });
/** rowData per item, dropped whenever the item changes (`changed`). */
const rowCache = new WeakMap();
const changed = (item) => rowCache.delete(item);

function allFindings(item) {
  return [...(item.diagnostics || []), ...(item.x || [])];
}

function rowData(item) {
  let r = rowCache.get(item);
  if (!r) rowCache.set(item, (r = computeRow(item)));
  return r;
}

function computeRow(item) {
  const all = allFindings(item);
  const n = (s) => all.filter((d) => d.severity === s).length;
  const ranked = [...all].sort((a, b) => SEVERITY[b.severity].rank - SEVERITY[a.severity].rank);
  return {
    item,
    id: item.id,
    file: item.file,
    body: item.body || '',
    year: item.year ?? '',
    format: item.problem ? '' : { 2021: '2021', 2019: '2019' }[item.format] || '未识别',
    errors: item.problem ? -1 : n('error'),
    warnings: item.problem ? -1 : n('warning'),
    infos: item.problem ? -1 : n('info'),
    // Sorted by the share read; a report without tables or from before this column sorts first.
    coverage: item.coverage?.expected ? item.coverage.read / item.coverage.expected : -1,
    coverageText: item.coverage?.expected ? `${item.coverage.read}/${item.coverage.expected}` : '—',
    first: item.pending ? '正在检查…' : item.problem || ranked.slice(0, FIRST_PROBLEMS).map((d) => `${d.code} ${d.message}`).join('；'),
  };
}

function shownRows() {
  const q = view.search.trim().toLowerCase();
  const rows = items.map(rowData).filter(
    (r) =>
      (!view.onlyErrors || r.errors > 0) &&
      (!view.year || String(r.year) === view.year) &&
      (!q || r.file.toLowerCase().includes(q) || r.body.toLowerCase().includes(q)),
  );
  const { key, dir } = view.sort;
  const cmp = (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)));
  return rows.sort((a, b) => dir * cmp(a[key], b[key]) || a.id - b.id);
}

const count = (n) => (n < 0 ? '—' : String(n));

function render() {
  renderSoon.cancel();
  const rows = shownRows();
  const tbody = clear($('round-rows'));
  const frag = document.createDocumentFragment();
  for (const r of rows.slice(0, view.limit)) {
    frag.append(
      h(
        'tr',
        { class: r.errors > 0 ? 'has-errors' : r.item.problem ? 'unreadable' : '', dataset: { id: r.id } },
        h('td', { class: 'file' }, h('a', { href: `#report-${r.id}` }, r.file)),
        h('td', null, r.body),
        h('td', null, String(r.year)),
        h('td', null, r.format),
        h('td', { class: 'num' + (r.coverage >= 0 && r.coverage < 1 ? ' partial' : '') }, r.coverageText),
        h('td', { class: 'num' + (r.errors > 0 ? ' sev-error' : '') }, count(r.errors)),
        h('td', { class: 'num' }, count(r.warnings)),
        h('td', { class: 'num' }, count(r.infos)),
        h('td', { class: 'first' }, r.first),
      ),
    );
  }
  tbody.append(frag);
  const more = rows.length - Math.min(rows.length, view.limit);
  $('more-rows').hidden = more <= 0;
  $('more-rows').textContent = `再显示 ${Math.min(more, PAGE_ROWS)} 份（还有 ${more} 份）`;
  for (const th of document.querySelectorAll('#round-table th')) {
    th.setAttribute('aria-sort', th.dataset.key === view.sort.key ? (view.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  $('empty-note').hidden = items.length > 0;
  $('round-count').textContent = items.length ? `${items.length} 份` : '';
  $('shown-count').textContent = items.length ? `显示 ${rows.length} / ${items.length} 份` : '';
  const busy = items.some((i) => i.pending);
  $('export-csv').disabled = $('export-xlsx').disabled = $('print-notices').disabled = busy || !items.some((i) => !i.problem);
  $('clear-round').disabled = !items.length;
  renderYears();
  progressText();
  memoryNote();
}

const renderSoon = debounce(render, 200);

function renderYears() {
  const sel = $('year-filter');
  const years = [...new Set(items.map((i) => i.year).filter(Boolean))].sort((a, b) => b - a).map(String);
  const have = [...sel.options].slice(1).map((o) => o.value);
  if (have.join() === years.join()) return;
  const keep = sel.value;
  clear(sel).append(h('option', { value: '' }, '全部'), ...years.map((y) => h('option', { value: y }, y)));
  sel.value = years.includes(keep) ? keep : '';
  view.year = sel.value;
}

function progressText() {
  const { total, done, started } = progress;
  const comparing = document.documentElement.dataset.roundState === 'comparing';
  $('progress').hidden = !total && !comparing;
  if (!total && !comparing) return;
  $('progress-bar').max = total || 1;
  $('progress-bar').value = done;
  if (comparing) {
    $('progress-text').textContent = `已检查 ${done} / ${total} 份，正在跨报告比对…`;
    return;
  }
  if (done >= total) {
    $('progress-text').textContent = `已检查 ${done} / ${total} 份`;
    return;
  }
  const elapsed = (performance.now() - started) / 1000;
  const left = done ? Math.ceil((elapsed / done) * (total - done)) : null;
  $('progress-text').textContent = `已检查 ${done} / ${total} 份` + (left === null ? '' : `，约还需 ${left < 60 ? `${left} 秒` : `${Math.ceil(left / 60)} 分钟`}`);
}

/** About how many bytes the round holds: its texts (UTF-16) and findings. */
function roundBytes() {
  let bytes = 0;
  for (const i of items) bytes += 2 * (i.text?.length || 0) + 400 * allFindings(i).length;
  return bytes;
}

function memoryNote() {
  const bytes = roundBytes();
  const note = $('memory');
  if (note.dataset.kind === 'error') return; // a failure note stays
  if (bytes < MEMORY_NOTE_BYTES) {
    if (note.dataset.kind === 'memory') note.hidden = true;
    return;
  }
  note.hidden = false;
  note.dataset.kind = 'memory';
  note.textContent = `本批约占用 ${Math.round(bytes / 1e6)} MB 内存；不再需要时可点“清空本批”。`;
}

for (const th of document.querySelectorAll('#round-table th')) {
  th.querySelector('button').addEventListener('click', () => {
    const key = th.dataset.key;
    view.sort = { key, dir: view.sort.key === key ? -view.sort.dir : key === 'errors' || key === 'warnings' || key === 'infos' ? -1 : 1 };
    render();
  });
}
$('more-rows').addEventListener('click', () => {
  view.limit += PAGE_ROWS;
  render();
});
$('only-errors').addEventListener('change', (e) => {
  view.onlyErrors = e.target.checked;
  render();
});
$('year-filter').addEventListener('change', (e) => {
  view.year = e.target.value;
  render();
});
const searchSoon = debounce(render, 150);
$('search').addEventListener('input', (e) => {
  view.search = e.target.value;
  searchSoon();
});

// ---------------------------------------------------------------- one report

let shown = null; // {item, findings}
let roundScroll = 0; // where the round was scrolled to when a report was opened

function openFromHash() {
  const m = /^#report-(\d+)$/.exec(location.hash);
  const item = m && items.find((i) => i.id === Number(m[1]));
  if (item) showDetail(item);
  else hideDetail();
}

async function showDetail(item) {
  await templateReady.catch(() => {});
  const findings = allFindings(item);
  if (!shown) roundScroll = scrollY;
  shown = { item, findings };
  $('round-panel').hidden = true;
  $('detail').hidden = false;
  $('detail-title').textContent = item.file;
  $('detail-meta').textContent = [
    item.body,
    item.year && `${item.year} 年度`,
    item.problem || `${findings.length ? `${findings.length} 个问题` : '未发现问题'}`,
  ].filter(Boolean).join(' · ');
  const list = clear($('detail-findings'));
  const describeCell = (ref) => describeCellRef({ tables: {} }, ref);
  findings.forEach((d, i) => {
    const li = buildFinding(d, i, { onLocate: locate, onCode: () => locate(i), describeCell });
    if (d.counterpart) li.querySelector('.locate').append(h('span', { class: 'where' }, `对照：${d.counterpart.file}`));
    list.append(li);
  });
  showText(item.text ?? '', null);
  renderPair(item);
  renderDetailTables(item);
  $('detail').focus();
}

/** Which report this one was compared with as last year's, and the controls to pair by hand. */
function renderPair(item) {
  const box = clear($('detail-pair'));
  box.hidden = !!item.problem || item.text === null;
  if (box.hidden) return;
  const last = item.lastYear != null ? items.find((i) => i.id === item.lastYear) : null;
  const byHand = pairs.has(item.id);
  let status = '未找到同一单位上一年度的报告，不做跨年度比对';
  if (last) status = `与上一年度报告“${last.file}”比对（${byHand ? '人工配对' : '按单位和年度自动配对'}）`;
  else if (byHand) status = '已取消配对，不做跨年度比对';
  const others = items
    .filter((i) => i !== item && !i.problem && i.text !== null)
    .sort((a, b) => collator.compare(a.file, b.file));
  const select = h(
    'select',
    { id: 'pair-select', 'aria-label': '选择上一年度的报告' },
    h('option', { value: '' }, '指定上一年度的报告…'),
    others.map((o) => h('option', { value: String(o.id) }, [o.file, o.body && `（${o.body}${o.year ? ` ${o.year}` : ''}）`].filter(Boolean).join(''))),
  );
  const button = (id, label, onclick) => h('button', { type: 'button', id, class: 'btn btn-small', onclick }, label);
  box.append(
    h('span', { id: 'pair-status' }, status),
    last ? button('unpair', '取消配对', () => setPair(item.id, null)) : null,
    select,
    button('pair', '配对', () => select.value && setPair(item.id, Number(select.value))),
    byHand ? button('pair-auto', '恢复自动配对', () => setPair(item.id, undefined)) : null,
  );
}

let tablesSeq = 0;
const narrow = matchMedia('(max-width: 760px)');

/** The report's three tables as the single-report page draws them, its own findings and those
 * across the round marked on their cells. The round keeps no tables: the text is checked again. */
async function renderDetailTables(item) {
  const box = clear($('detail-tables'));
  const mine = ++tablesSeq;
  if (item.problem || !item.text) return;
  box.append(h('p', { class: 'hint' }, '正在读取表格…'));
  let report;
  try {
    [{ report }] = await Promise.all([pool.run({ type: 'validate', text: item.text }), templateReady]);
  } catch (err) {
    if (mine === tablesSeq) clear(box).append(h('p', { class: 'hint' }, `无法显示表格：${err.message}`));
    return;
  }
  if (mine !== tablesSeq || shown?.item !== item) return;
  clear(box);
  const merged = { ...report, diagnostics: [...report.diagnostics, ...(item.x || [])] };
  const index = cellIndex(merged);
  for (const [key, title] of TABLES) {
    const t = report.tables?.[key];
    box.append(
      h(
        'section',
        { class: 'table-section', dataset: { table: key } },
        h('h3', null, title),
        t ? h('div', { class: 'table-scroll' }, buildTable(merged, key, index, { flat: narrow.matches })) : h('p', { class: 'empty-state' }, '未识别到表格'),
      ),
    );
  }
}

function hideDetail() {
  const was = shown;
  shown = null;
  $('detail').hidden = true;
  $('round-panel').hidden = false;
  if (was) scrollTo(0, roundScroll);
}

function showText(text, span) {
  const pre = clear($('detail-text'));
  if (!span) {
    pre.textContent = text;
    return;
  }
  const mark = h('mark', null, text.slice(span.start, span.end) || ' ');
  pre.append(text.slice(0, span.start), mark, text.slice(span.end));
  mark.scrollIntoView({ block: 'center' });
}

function locate(i) {
  if (!shown) return;
  for (const li of $('detail-findings').children) li.classList.toggle('selected', Number(li.dataset.index) === i);
  showText(shown.item.text ?? '', shown.findings[i]?.spans?.[0] || null);
}

$('back').addEventListener('click', () => {
  if (history.state?.fromRound) history.back();
  else location.hash = '';
});
window.addEventListener('hashchange', openFromHash);
document.addEventListener('click', (e) => {
  const tr = e.target.closest?.('#round-rows tr');
  if (!tr) return;
  e.preventDefault();
  history.pushState({ fromRound: true }, '', `#report-${tr.dataset.id}`);
  openFromHash();
});
window.addEventListener('popstate', openFromHash);

// ---------------------------------------------------------------- the problem list

export const FINDING_HEADER = ['文件', '单位', '年度', '代码', '级别', '问题', '部分', '行号', '单元格', '建议值', '如何修改'];

/** What the likeliest correction (R007) sets the finding's cells to: "1" or "1、0". */
function suggested(item, d) {
  const fixes = new Map((item.fixes || []).map((f) => [f.key, f.to]));
  return (d.cells || [])
    .map((c) => fixes.get(`${c.table}.${c.row}.${c.col}`))
    .filter((v) => v !== undefined)
    .join('、');
}
const NUMERALS = ['', '一', '二', '三', '四', '五', '六'];

/** The "how to fix" paragraph of a rule's documentation (as the CLI's problem list has it). */
function howToFix(code) {
  const doc = catalog?.rules.get(code)?.doc || '';
  const at = doc.indexOf('**如何修改**：');
  if (at < 0) return '';
  const rest = doc.slice(at + '**如何修改**：'.length);
  const end = rest.indexOf('\n\n');
  return (end < 0 ? rest : rest.slice(0, end)).split(/\s+/).join('');
}

/** "第三部分", "12", "“（七）总计”行 · “总计”列" for a finding: where the unit finds it. */
function place(item, d) {
  const at = d.spans?.[0]?.start;
  let section = '';
  let line = '';
  if (at !== undefined) {
    const s = (item.sections || []).filter((x) => x.start <= at).pop();
    if (s) section = `第${NUMERALS[s.number] || s.number}部分`;
    let n = 1;
    const text = item.text || '';
    for (let k = text.indexOf('\n'); k !== -1 && k < at; k = text.indexOf('\n', k + 1)) n++;
    line = String(n);
  }
  const c = d.cells?.[0];
  let cell = '';
  if (c) {
    const tmpl = item.tables?.[c.table] === '2019' ? '2019' : '2021';
    const more = d.cells.length > 1 ? ` 等 ${d.cells.length} 格` : '';
    const row = rowLabel(c.table, c.row, tmpl, '');
    const col = colLabel(c.table, c.col, tmpl);
    cell = row ? `“${row}”行 · “${col}”列${more}` : `“${col}”${more}`;
  }
  return { section, line, cell };
}

function findingRows(list) {
  const out = [];
  for (const item of list) {
    if (item.problem) continue;
    for (const d of allFindings(item)) {
      const p = place(item, d);
      const other = d.counterpart ? `（对照：${d.counterpart.file}）` : '';
      out.push([item.file, item.body || '', item.year ?? '', d.code, sevLabel(d.severity), d.message + other, p.section, p.line, p.cell, suggested(item, d), howToFix(d.code)]);
    }
  }
  return out;
}

/** A CSV field, quoted when needed and defused when a spreadsheet would read it as a formula. */
function field(v) {
  let s = String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The problem list as the CLI's `--problems FILE.csv` writes it: BOM, CRLF, one row per finding. */
export function problemsCsv(list) {
  return '\ufeff' + [FINDING_HEADER, ...findingRows(list)].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

$('export-csv').addEventListener('click', async () => {
  await Promise.all([catalogReady, templateReady]).catch(() => {});
  download(`问题清单-${today()}.csv`, problemsCsv(shownRows().map((r) => r.item)), 'text/csv;charset=utf-8');
});

export const REPORT_HEADER = ['文件', '单位', '年度', '格式', '错误', '警告', '提示', '无法检查的原因'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The problem list as the CLI's `--problems FILE.xlsx` writes it: a sheet 报告 (one row per
 * report) and a sheet 问题 (one row per finding), bold headers that stay in view, the counts and
 * line numbers as numbers, everything else as text (never a formula). The writer
 * (write-excel-file, www/vendor/) is loaded the first time a workbook is made.
 */
export async function problemsXlsx(list) {
  if (!globalThis.writeXlsxFile) await import('./vendor/write-excel-file.min.js'); // UMD: sets the global
  const text = (v) => ({ type: String, value: String(v ?? '') });
  const number = (v) => (v === '' || v === null || v === undefined || v < 0 ? null : { type: Number, value: Number(v) });
  const header = (names) => names.map((value) => ({ type: String, value, fontWeight: 'bold' }));
  const reports = list.map((item) => {
    const r = rowData(item);
    return [text(item.file), text(r.body), text(r.year), text(r.format), number(r.errors), number(r.warnings), number(r.infos), text(item.problem || '')];
  });
  const findings = findingRows(list).map((row) => row.map((v, c) => (c === 7 ? number(v) : text(v))));
  const widths = (w) => w.map((width) => ({ width }));
  return globalThis
    .writeXlsxFile([
      { sheet: '报告', data: [header(REPORT_HEADER), ...reports], columns: widths([30, 24, 6, 8, 6, 6, 6, 30]), stickyRowsCount: 1 },
      { sheet: '问题', data: [header(FINDING_HEADER), ...findings], columns: widths([30, 20, 6, 6, 6, 60, 8, 6, 24, 8, 50]), stickyRowsCount: 1 },
    ])
    .toBlob();
}

$('export-xlsx').addEventListener('click', async (e) => {
  const button = e.currentTarget;
  button.disabled = true;
  try {
    await Promise.all([catalogReady, templateReady]).catch(() => {});
    download(`问题清单-${today()}.xlsx`, await problemsXlsx(shownRows().map((r) => r.item)), XLSX_TYPE);
  } catch (err) {
    $('memory').hidden = false;
    $('memory').dataset.kind = 'error';
    $('memory').textContent = `无法生成 Excel 问题清单（${err.message}），可改用“导出问题清单 CSV”。`;
  } finally {
    button.disabled = false;
  }
});

// ---------------------------------------------------------------- 整改 notices

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** One notice per report of the current view, each on its own printed page. */
function buildNotices(list) {
  const root = clear($('notices'));
  for (const item of list) {
    if (item.problem) continue;
    const findings = allFindings(item);
    root.append(
      h(
        'article',
        { class: 'notice' },
        h('h1', null, '政府信息公开工作年度报告整改通知'),
        h(
          'dl',
          { class: 'notice-meta' },
          h('dt', null, '单位'), h('dd', null, item.body || '（未识别）'),
          h('dt', null, '年度'), h('dd', null, item.year ? `${item.year} 年度` : '（未识别）'),
          h('dt', null, '文件'), h('dd', null, item.file),
          h('dt', null, '检查日期'), h('dd', null, today()),
          h('dt', null, '校验工具版本'), h('dd', null, catalog?.version || ''),
        ),
        findings.length
          ? h('p', null, `经检查，贵单位报告有以下 ${findings.length} 处问题，请逐条核对修改后重新报送。`)
          : h('p', null, '经检查，未发现问题。'),
        findings.length
          ? h(
              'table',
              { class: 'notice-table' },
              h('thead', null, h('tr', null, ['序号', '级别', '问题', '位置', '如何修改'].map((t) => h('th', null, t)))),
              h(
                'tbody',
                null,
                findings.map((d, k) => {
                  const p = place(item, d);
                  const where = [p.section, p.line && `第 ${p.line} 行`, p.cell].filter(Boolean).join(' · ');
                  const other = d.counterpart ? `（对照：${d.counterpart.file}）` : '';
                  return h(
                    'tr',
                    null,
                    h('td', null, String(k + 1)),
                    h('td', null, sevLabel(d.severity)),
                    h('td', null, `${d.code} ${d.message}${other}`),
                    h('td', null, where),
                    h('td', null, howToFix(d.code)),
                  );
                }),
              ),
            )
          : null,
      ),
    );
  }
}

$('print-notices').addEventListener('click', async () => {
  await Promise.all([catalogReady, templateReady]).catch(() => {});
  buildNotices(shownRows().map((r) => r.item));
  window.print();
});
window.nianbaoRound.buildNotices = () => buildNotices(shownRows().map((r) => r.item));

// ---------------------------------------------------------------- opening files

const named = (files) => [...files].map((file) => ({ file, name: file.webkitRelativePath || file.name }));

$('open-files').addEventListener('click', () => $('files-input').click());
$('open-folder').addEventListener('click', () => $('folder-input').click());
for (const id of ['files-input', 'folder-input']) {
  $(id).addEventListener('change', (e) => {
    addFiles(named(e.target.files));
    e.target.value = '';
  });
}
$('clear-round').addEventListener('click', () => {
  if (confirm('清空本批全部报告和检查结果？')) clearRound();
});

/** Every file under a dropped entry (folders walked), named by its path. */
async function entryFiles(entry) {
  if (!entry) return [];
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject)).catch(() => null);
    return file ? [{ file, name: entry.fullPath.replace(/^\//, '') }] : [];
  }
  const reader = entry.createReader();
  const out = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => []);
    if (!batch.length) break;
    for (const e of batch) out.push(...(await entryFiles(e)));
  }
  return out;
}

onFileDrop($('drop-overlay'), async (dt) => {
  // Entries must be taken synchronously, before the event ends.
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  const files = entries.length ? (await Promise.all(entries.map(entryFiles))).flat() : named(dt.files);
  addFiles(files);
});

// The same service worker as the main page: after one visit the round works offline too.
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}

restore();
