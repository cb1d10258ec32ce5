// Draws a Report (schema.md) as the page and the widget show it: summary line, findings list,
// the three tables as the official template draws them, and a cell's findings.

import { h } from './dom.js';
import { grid, TABLES, colLabel, rowLabel, tableShortName } from './template.js';

export const SEVERITY = {
  error: { label: '错误', short: '错', rank: 3 },
  warning: { label: '警告', short: '警', rank: 2 },
  info: { label: '提示', short: '注', rank: 1 },
};

export const sevLabel = (s) => (SEVERITY[s] || SEVERITY.info).label;

export function counts(report) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const d of report?.diagnostics || []) if (d.severity in c) c[d.severity]++;
  return c;
}

export const hasTables = (report) =>
  !!report && TABLES.some(([k]) => report.tables && report.tables[k]);

/** "表三 14/175 格已读取 · 检查不完整" when a table was not read in full (`coverage`), else ''. */
export function coverageText(report) {
  const cov = report?.coverage;
  // Of a text with no section and no table nothing was to be read.
  if (!cov || (!hasTables(report) && !(report.sections || []).length)) return '';
  const partial = TABLES.map(([k]) => [k, cov[k]])
    .filter(([, c]) => c && c.read < c.expected)
    .map(([k, c]) => `${tableShortName(k)} ${c.read}/${c.expected}`);
  return partial.length ? `${partial.join('，')} 格已读取 · 检查不完整` : '';
}

/**
 * "发现 3 个错误、1 个警告" / "未发现问题" / "未识别到报告内容", followed by how much was read when
 * a table was not read in full: "未发现问题" only when every cell was read.
 */
export function summaryText(report, text) {
  const c = counts(report);
  const partial = coverageText(report);
  if (!c.error && !c.warning && !c.info) {
    if (!text || !text.trim()) return '请粘贴报告全文';
    if (!hasTables(report) && !(report.sections || []).length) return '未识别到报告内容';
    return partial || '未发现问题';
  }
  const parts = [];
  if (c.error) parts.push(`${c.error} 个错误`);
  if (c.warning) parts.push(`${c.warning} 个警告`);
  if (c.info) parts.push(`${c.info} 个提示`);
  return `发现 ${parts.join('、')}${partial ? `；${partial}` : ''}`;
}

/** The summary line's level: the worst finding, or 'warning' for an incomplete check. */
export function summaryLevel(report) {
  const c = counts(report);
  if (c.error) return 'error';
  if (c.warning || coverageText(report)) return 'warning';
  return c.info ? 'info' : 'ok';
}

/** The likeliest repair as a headline: R007's message ("可能只需改 4 个单元格：…") and its index. */
export function repairHeadline(report) {
  // Only a repair found: R007 saying it could not localise one is a finding, not a headline.
  if (!report?.repairs?.length) return null;
  const i = (report?.diagnostics || []).findIndex((d) => d.code === 'R007');
  return i < 0 ? null : { index: i, text: report.diagnostics[i].message };
}

/** "2021 年版格式 · 2024 年度 · 临江新区" */
export function metaText(report) {
  if (!report) return '';
  const parts = [];
  if (report.body) parts.push(report.body);
  if (report.year) parts.push(`${report.year} 年度`);
  if (report.format === '2021') parts.push('2021 年版表格');
  else if (report.format === '2019') parts.push('2019 年版（试行）表格');
  const s = (report.sections || []).length;
  if (s) parts.push(`识别到 ${s} 个部分`);
  return parts.join(' · ');
}

export const cellId = (table, row, col) => `${table}|${row}|${col}`;

/** Map "table|row|col" → indices of the diagnostics that name that cell. */
export function cellIndex(report) {
  const m = new Map();
  (report?.diagnostics || []).forEach((d, i) => {
    for (const c of d.cells || []) {
      const id = cellId(c.table, c.row, c.col);
      if (!m.has(id)) m.set(id, []);
      m.get(id).push(i);
    }
  });
  return m;
}

/**
 * The notes that cells are blank, "/" or text and so an identity could not be judged (R005): in the
 * list they are folded into one line per table, and in the tables they get a light mark of their
 * own instead of the 注 of a finding, so that a clean report with blank cells is not a sea of marks.
 */
export const FOLDED = new Set(['R005']);

const isFolded = (d) => FOLDED.has(d.code) && !!d.cells?.[0]?.table;

/**
 * The findings list's entries for `items` ([finding, index] pairs in report order): one entry
 * ({index}) per finding, except the folded notes, which become one entry ({table, indices}) per
 * table, in the place of that table's first.
 */
export function listEntries(items) {
  const out = [];
  const groups = new Map();
  for (const [d, i] of items) {
    if (!isFolded(d)) {
      out.push({ index: i });
      continue;
    }
    const table = d.cells[0].table;
    let g = groups.get(table);
    if (!g) {
      g = { table, indices: [] };
      groups.set(table, g);
      out.push(g);
    }
    g.indices.push(i);
  }
  return out;
}

/** "表三：125 个单元格为空（未填写），相关的勾稽关系无法精确判断" for a folded entry. */
export function foldText(report, { table, indices }) {
  const seen = new Set();
  const kinds = { blank: 0, na: 0, text: 0 };
  for (const i of indices) {
    for (const ref of report.diagnostics[i].cells || []) {
      const id = cellId(ref.table, ref.row, ref.col);
      if (seen.has(id)) continue;
      seen.add(id);
      const cell = findCell(report.tables[ref.table], ref.row, ref.col);
      const kind = !cell || cell.kind === 'blank' || cellText(cell) === '' ? 'blank' : cell.kind === 'na' ? 'na' : 'text';
      kinds[kind]++;
    }
  }
  const parts = [];
  if (kinds.blank) parts.push(`${kinds.blank} 个单元格为空（未填写）`);
  if (kinds.na) parts.push(`${kinds.na} 个单元格为“/”等不适用标记`);
  if (kinds.text) parts.push(`${kinds.text} 个单元格不是数字`);
  return { text: `${tableShortName(table)}：${parts.join('，')}，相关的勾稽关系无法精确判断`, cells: seen.size };
}

/**
 * The folded line of one table: what the notes say in one sentence, how many there are, and a
 * button that unfolds them (each then a finding of its own, in a nested list).
 */
export function buildFold(report, entry, { expanded, onToggle, ...opts }) {
  const { text } = foldText(report, entry);
  const n = entry.indices.length;
  const code = report.diagnostics[entry.indices[0]].code;
  const li = h(
    'li',
    { class: 'finding fold sev-info', dataset: { foldTable: entry.table, count: n } },
    h('span', { class: 'badge sev-info' }, sevLabel('info')),
    h('button', { type: 'button', class: 'code', title: `查看规则 ${code} 的说明`, 'aria-label': `规则 ${code} 说明`, onclick: () => opts.onCode(code) }, code),
    h(
      'button',
      { type: 'button', class: 'locate fold-toggle', 'aria-expanded': String(!!expanded), onclick: () => onToggle(entry.table) },
      h('span', { class: 'msg' }, text),
      h('span', { class: 'where' }, `${n} 条提示 · ${expanded ? '收起' : '展开逐条查看'}`),
    ),
  );
  if (expanded) {
    const ol = h('ol', { class: 'findings compact folded', 'aria-label': `${tableShortName(entry.table)}空白单元格提示` });
    for (const i of entry.indices) ol.append(buildFinding(report.diagnostics[i], i, opts));
    li.append(ol);
  }
  return li;
}

function worst(report, idx) {
  let best = null;
  for (const i of idx) {
    const s = report.diagnostics[i].severity;
    if (!best || SEVERITY[s].rank > SEVERITY[best].rank) best = s;
  }
  return best;
}

/** The cell object for (row, col) of a report table, or undefined. */
export function findCell(table, row, col) {
  const r = table?.rows?.find((x) => x.key === row);
  return r?.cells?.find((c) => c.col === col);
}

/** Display text of a cell: its raw text without surrounding space. */
export const cellText = (cell) => (cell ? String(cell.raw ?? '').trim() : '');

/**
 * The table `key` of `report` as a <table> in the template's layout. Data cells carry
 * data-table/-row/-col, a severity class and a text mark when a finding names them.
 */
export function buildTable(report, key, index, { flat = false } = {}) {
  const table = report.tables[key];
  const tmpl = table.template === '2019' ? '2019' : '2021';
  const g = grid(key, tmpl, flat);
  const titleText = TABLES.find(([k]) => k === key)[1];
  const repaired = report.repairs?.length ? ' has-repair' : '';
  const el = h('table', { class: `nb-table nb-${key}${flat ? ' flat' : ''}${repaired}`, dataset: { table: key } });
  el.append(h('caption', { class: 'sr-only' }, `${titleText}（${tmpl} 年版）`));
  if (g.header.length) {
    el.append(
      h(
        'thead',
        null,
        g.header.map((row) => h('tr', null, row.map((c) => headCell(c, 'col')))),
      ),
    );
  }
  const tbody = h('tbody');
  const known = new Set();
  for (const r of g.body) {
    if (r.key) known.add(r.key);
    const tr = h('tr', { class: r.caption ? 'caption-row' : r.head ? 'head-row' : null });
    for (const c of r.cells) {
      if (c.row) tr.append(dataCell(report, key, table, c, index));
      else tr.append(headCell(c, r.caption || r.head ? 'col' : 'row', table));
    }
    tbody.append(tr);
  }
  // Rows the core found that this template does not draw (should not happen): show them plainly.
  for (const r of table.rows || []) {
    if (known.has(r.key) || g.labelCols === 0 || !(r.cells || []).length) continue;
    const tr = h('tr', { class: 'extra-row' });
    tr.append(h('th', { scope: 'row', colspan: g.labelCols || 1, class: 'label' }, r.label || r.key));
    for (const c of r.cells) tr.append(dataCell(report, key, table, { row: r.key, col: c.col }, index));
    tbody.append(tr);
  }
  el.append(tbody);
  return el;
}

function headCell(c, scope, table) {
  const attrs = { class: c.cls || null, colspan: c.colspan > 1 ? c.colspan : null, rowspan: c.rowspan > 1 ? c.rowspan : null };
  if (c.th) attrs.scope = c.colspan > 1 && scope === 'col' ? 'colgroup' : scope;
  const cell = h(c.th ? 'th' : 'td', attrs, c.group ? h('span', { class: 'group-name' }, c.group) : null, c.text);
  if (c.rowKey && table) {
    const row = table.rows?.find((x) => x.key === c.rowKey);
    if (!row || !row.span) cell.classList.add('label-missing');
    if (row && row.span) cell.title = '点击标签在原文中定位';
    cell.dataset.rowKey = c.rowKey;
  }
  return cell;
}

function dataCell(report, key, table, c, index) {
  const cell = findCell(table, c.row, c.col);
  const all = index.get(cellId(key, c.row, c.col)) || [];
  // The folded notes (a blank cell's identity not judgeable) mark a cell lightly, not with 注.
  const idx = all.filter((i) => !FOLDED.has(report.diagnostics[i].code));
  const sev = idx.length ? worst(report, idx) : null;
  const classes = ['v'];
  let text = cellText(cell);
  let hint = '';
  if (!cell) {
    classes.push('missing');
    hint = '文本中没有这个单元格';
  } else if (cell.kind === 'blank' || text === '') {
    classes.push('blank');
    hint = '空白单元格（不等于 0）';
  } else if (cell.kind === 'na') {
    classes.push('na');
  } else if (cell.kind === 'text') {
    classes.push('text');
  }
  if (cell?.inferred) {
    classes.push('inferred');
    hint = '单元格边界是推断的（原文数字连在一起）';
  }
  if (sev) classes.push(`sev-${sev}`);
  else if (all.length) {
    classes.push('unjudged');
    hint = [hint, '相关的勾稽关系因此无法精确判断'].filter(Boolean).join('；');
  }
  // The likeliest repair (R007) marks its cells strongly, with the value each would take.
  const fix = (report.repairs?.[0]?.changes || []).find((f) => f.table === key && f.row === c.row && f.col === c.col);
  if (fix) {
    classes.push('suspect');
    hint = `最可能需要修改：可能应为 ${fix.to}`;
  }
  const td = h('td', {
    class: classes.join(' '),
    colspan: c.colspan > 1 ? c.colspan : null,
    tabindex: '-1',
    dataset: { table: key, row: c.row, col: c.col },
    title: hint || null,
  });
  td.append(h('span', { class: 'val' }, text));
  if (fix) td.append(h('span', { class: 'fix', 'aria-label': `可能应为 ${fix.to}` }, `→${fix.to}`));
  if (sev) {
    td.append(h('span', { class: `mark sev-${sev}` }, SEVERITY[sev].short));
    td.append(h('span', { class: 'sr-only' }, `（${idx.length} 条${sevLabel(sev)}等问题）`));
  } else if (all.length) {
    td.append(h('span', { class: 'sr-only' }, '（相关的勾稽关系无法精确判断）'));
  }
  return td;
}

/** One findings-list entry. */
/** 1-based line of a UTF-16 offset into `text`. */
export function lineAt(text, offset) {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function buildFinding(d, i, { onLocate, onCode, describeCell, text, spanShift = 0 }) {
  const where = (d.cells || []).slice(0, 3).map(describeCell).filter(Boolean);
  const extra = (d.cells || []).length > 3 ? ` 等 ${(d.cells || []).length} 格` : '';
  const canLocate = (d.spans || []).length > 0 || (d.cells || []).length > 0;
  // The line beside the finding, when the text is at hand.
  const at = d.spans?.[0];
  const line = text && at ? `第 ${lineAt(text, at.start + spanShift)} 行` : '';
  return h(
    'li',
    { class: `finding sev-${d.severity}`, dataset: { index: i } },
    h('span', { class: `badge sev-${d.severity}` }, sevLabel(d.severity)),
    h(
      'button',
      {
        type: 'button',
        class: 'code',
        title: `查看规则 ${d.code} 的说明`,
        'aria-label': `规则 ${d.code} 说明`,
        onclick: () => onCode(d.code),
      },
      d.code,
    ),
    h(
      'button',
      {
        type: 'button',
        // A finding without a place stays clickable: clicking it says so.
        class: canLocate ? 'locate' : 'locate no-place',
        title: canLocate ? '在原文和表格中定位' : '此问题没有对应的位置',
        onclick: () => onLocate(i),
      },
      h('span', { class: 'msg' }, d.message),
      where.length || line
        ? h('span', { class: 'where' }, [line, where.join('；') + (where.length ? extra : '')].filter(Boolean).join(' · '))
        : null,
      canLocate ? null : h('span', { class: 'where' }, '（没有对应的位置）'),
    ),
  );
}

/** "表三 <row label> <column label>" for a CellRef (labels shortened). */
export function describeCellRef(report, ref) {
  const table = report?.tables?.[ref.table];
  const tmpl = table?.template === '2019' ? '2019' : '2021';
  const row = table?.rows?.find((r) => r.key === ref.row);
  const rl = rowLabel(ref.table, ref.row, tmpl, row?.label);
  const cl = colLabel(ref.table, ref.col, tmpl);
  const sec = tableShortName(ref.table);
  return [sec, shorten(rl), cl].filter(Boolean).join(' ');
}

function shorten(s) {
  s = String(s || '');
  return s.length > 14 ? s.slice(0, 13) + '…' : s;
}

/** The line of `text` around `span` as [before, the span's text, after], cut to about `max` characters. */
export function sourceLine(text, span, max = 90) {
  if (!text || !span || span.start > text.length) return null;
  const start = text.lastIndexOf('\n', Math.max(0, span.start - 1)) + 1;
  let end = text.indexOf('\n', span.end);
  if (end < 0) end = text.length;
  const s0 = Math.min(span.start, text.length);
  const s1 = Math.max(s0, Math.min(span.end, end));
  let from = start;
  let to = end;
  // Long lines (a table row, a paragraph) are cut around the span.
  if (to - from > max) {
    from = Math.max(start, s0 - Math.floor(max / 3));
    to = Math.min(end, Math.max(s1, from + max));
  }
  return {
    line: lineAt(text, span.start),
    before: (from > start ? '…' : '') + text.slice(from, s0),
    hit: text.slice(s0, s1),
    after: text.slice(s1, to) + (to < end ? '…' : ''),
  };
}

/** "原文第 12 行：…1.本机关不掌握相关政府信息→8←…" as a paragraph, the span's text marked. */
export function buildSourceLine(text, span) {
  const src = sourceLine(text, span);
  if (!src) return null;
  return h('p', { class: 'source-line' },
    h('span', { class: 'source-label' }, `原文第 ${src.line} 行`),
    h('code', null, src.before.replace(/\t/g, ' ⇥ '), h('mark', null, src.hit || ' '), src.after.replace(/\t/g, ' ⇥ ')));
}

/**
 * A cell's details, as the cell popover shows them: what was read, the value the likeliest
 * correction would give it, its source line, and every finding that names it.
 */
export function buildCellDetails(report, ref, index, { text, onLocate, onCode, onSource }) {
  const cell = findCell(report.tables[ref.table], ref.row, ref.col);
  const idx = index.get(cellId(ref.table, ref.row, ref.col)) || [];
  const fix = (report.repairs?.[0]?.changes || []).find((f) => f.table === ref.table && f.row === ref.row && f.col === ref.col);
  const read = !cell ? '原文中没有这个单元格' : cellText(cell) === '' ? '（空白，不等于 0）' : cellText(cell);
  const notes = [
    cell?.kind === 'text' ? '不是数字' : '',
    cell?.kind === 'na' ? '不适用标记，不当作 0' : '',
    cell?.inferred ? '原文数字连写，单元格边界是推断的' : '',
  ].filter(Boolean);
  const dl = h('dl', { class: 'cell-facts' },
    h('dt', null, '读到的内容'), h('dd', null, h('span', { class: 'cell-value' }, read), notes.length ? `（${notes.join('；')}）` : ''));
  if (fix) dl.append(h('dt', null, '可能应为'), h('dd', { class: 'cell-fix' }, String(fix.to), `（原为 ${fix.from ?? read}，见 R007）`));
  const out = [dl];
  const line = cell?.span ? buildSourceLine(text, cell.span) : null;
  if (line) {
    if (onSource) line.append(' ', h('button', { type: 'button', class: 'link-btn', onclick: () => onSource(cell.span) }, '在原文中选中'));
    out.push(line);
  }
  if (!idx.length) out.push(h('p', { class: 'muted' }, '这个单元格没有问题。'));
  else {
    const ul = h('ul', { class: 'findings compact' });
    for (const i of idx) ul.append(buildFinding(report.diagnostics[i], i, { onLocate, onCode, describeCell: () => null }));
    out.push(ul);
  }
  return out;
}

/** What the tables' marks mean (the page and the widget). */
export function buildLegend() {
  const item = (swatch, text) => h('span', null, swatch, text);
  return h('p', { class: 'legend' },
    item(h('span', { class: 'mark sev-error' }, SEVERITY.error.short), '错误'),
    item(h('span', { class: 'mark sev-warning' }, SEVERITY.warning.short), '警告'),
    item(h('span', { class: 'mark sev-info' }, SEVERITY.info.short), '提示'),
    item(h('span', { class: 'legend-swatch blank' }, '空'), '空白单元格（不等于 0）'),
    item(h('span', { class: 'legend-swatch unjudged' }, '空'), '空白，相关勾稽关系无法精确判断（问题列表中每张表合为一行）'),
    item(h('span', { class: 'legend-swatch missing' }, '缺'), '原文没有此格'),
    item(h('span', { class: 'legend-swatch inferred' }, '12'), '虚下划线：原文数字连写（如“1203”），按列数拆成单元格，格线是推断的'),
    item(h('span', { class: 'legend-swatch suspect' }, '→9'), '最可能需要修改的单元格和它可能的值（R007）'));
}
