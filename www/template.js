// Drawing geometry of the three tables as the official template draws them (国办公开办函〔2021〕30号,
// and the 2019 格式（试行）): which header cells merge, how many label columns a table has, the
// narrow-screen flat layout. What the template holds — tables, row and column keys, labels,
// groups, the 2019 form — comes from the wasm module (`template()` in src/template.rs, the one
// place it is declared), fetched once through the worker and handed to `setTemplate`.
// Rendering, CSV and TSV all read the grids made here.

/** `{"2021": Form, "2019": Form}` from `template()`; set once at start-up. */
let FORMS = null;

/** [[key, title]] of the three tables, in order. Filled by `setTemplate`. */
export const TABLES = [];
/** {key: title}. Filled by `setTemplate`. */
export const TABLE_TITLES = {};

/** Takes the template description (`template()` of the wasm module, TemplateInfo). */
export function setTemplate(info) {
  FORMS = info.formats;
  TABLES.length = 0;
  for (const t of FORMS['2021'].tables) {
    TABLES.push([t.key, t.title]);
    TABLE_TITLES[t.key] = t.title;
  }
}

let loading = null;
/** Fetches the template through `checker` (a Checker) once, and sets it; resolves when set. */
export function loadTemplate(checker) {
  loading ||= checker.template().then(setTemplate, (err) => {
    loading = null; // asked again at the next check
    throw err;
  });
  return loading;
}

function tableInfo(key, template) {
  const form = FORMS[template === '2019' ? '2019' : '2021'];
  return form.tables.find((t) => t.key === key);
}

/** "表三" for a table: its section number as the report numbers it. */
export function tableShortName(key) {
  const t = FORMS && tableInfo(key, '2021');
  return t ? `表${'一二三四五六'[t.section - 1]}` : '';
}

const byKey = (list) => new Map(list.map((x) => [x.key, x]));

/** The label of a column, prefixed by its innermost group where one is needed to tell it apart. */
function columnPath(t, col) {
  const groups = byKey(t.column_groups);
  const g = col.groups.length ? groups.get(col.groups[col.groups.length - 1]).label : '';
  return [g, col.label];
}

/**
 * Header rows for columns with nested groups: a group is one cell over its columns; a column
 * without deeper groups spans down to the last header row.
 */
function groupedHeader(t) {
  const groups = byKey(t.column_groups);
  const depth = 1 + Math.max(0, ...t.columns.map((c) => c.groups.length));
  const rows = [];
  for (let level = 0; level < depth; level++) {
    const row = [];
    let last = null;
    for (const c of t.columns) {
      if (c.groups.length > level) {
        const g = c.groups[level];
        if (last && last.group === g) last.cell.colspan += 1;
        else {
          last = { group: g, cell: { text: groups.get(g).label, colspan: 1, th: true } };
          row.push(last.cell);
        }
      } else {
        last = null;
        if (c.groups.length === level) row.push({ text: c.label, rowspan: depth - level, th: true });
      }
    }
    rows.push(row.map((cell) => (cell.colspan === 1 ? { text: cell.text, th: true } : cell)));
  }
  return rows;
}

/**
 * A table of labelled rows (section 三): the note in the corner, the column groups above, the row
 * groups as merged label cells on the left. `flat` (narrow screens): one label column, the
 * innermost group named in the label cell.
 */
function rowsGrid(t, flat) {
  const rowGroups = byKey(t.row_groups);
  const labelCols = 1 + Math.max(0, ...t.rows.map((r) => r.groups.length));
  const cols = t.columns.map((c) => [c.key, c.label]);
  const header = groupedHeader(t);
  header[0].unshift({ text: t.note || '', colspan: flat ? 1 : labelCols, rowspan: header.length, th: true, cls: 'corner' });
  const body = [];
  const seen = new Set();
  t.rows.forEach((r, i) => {
    const cells = [];
    if (flat) {
      const g = r.groups.length > 1 ? rowGroups.get(r.groups[r.groups.length - 1]).label : '';
      cells.push({ text: r.label, group: g, th: true, cls: 'label', rowKey: r.key });
    } else {
      // Merged label cells start at the first row of their group.
      for (const g of r.groups) {
        if (seen.has(g)) continue;
        seen.add(g);
        const span = t.rows.slice(i).filter((x) => x.groups.includes(g)).length;
        cells.push({ text: rowGroups.get(g).label, rowspan: span, th: true, cls: 'group' });
      }
      cells.push({ text: r.label, colspan: labelCols - r.groups.length, th: true, cls: 'label', rowKey: r.key });
    }
    for (const [col] of cols) cells.push({ row: r.key, col });
    body.push({ key: r.key, label: r.label, cells });
  });
  return { key: t.key, header, body, labelCols: flat ? 1 : labelCols, cols };
}

/**
 * A table of one row of many grouped columns (section 四): the header carries every label, the
 * row has no label cell. `flat` (narrow screens): one row per value.
 */
function countsGrid(t, flat) {
  const row = t.rows[0];
  const cols = t.columns.map((c) => [c.key, c.label, columnPath(t, c)[0]]);
  if (flat) {
    const body = cols.map(([col, label, group]) => ({
      key: row.key,
      label: `${group} ${label}`,
      cells: [
        { text: label, group, th: true, cls: 'label' },
        { row: row.key, col },
      ],
    }));
    return { key: t.key, header: [], body, labelCols: 1, cols };
  }
  const body = [{ key: row.key, label: '', cells: cols.map(([col]) => ({ row: row.key, col })) }];
  return { key: t.key, header: groupedHeader(t), body, labelCols: 0, cols };
}

/** Section 二: one small table per block, its value columns sharing three grid columns. */
function blocksGrid(t) {
  const columns = byKey(t.columns);
  const rows = byKey(t.rows);
  const blocks = t.blocks.map((b) => [
    b.caption,
    b.columns.map((c) => [c, columns.get(c).label]),
    b.rows.map((r) => [r, rows.get(r).label]),
  ]);
  const body = [];
  const cols = [];
  for (const [caption, bcols, brows] of blocks) {
    body.push({ caption: true, cells: [{ text: caption, colspan: 4, th: true, cls: 'caption' }] });
    // Value columns share the 3 grid columns; the last one absorbs what is left.
    const widths = bcols.map((_, i) => (i === bcols.length - 1 ? 3 - i : 1));
    body.push({
      head: true,
      cells: [
        { text: '信息内容', th: true, cls: 'head' },
        ...bcols.map(([, l], i) => ({ text: l, th: true, colspan: widths[i], cls: 'head' })),
      ],
    });
    for (const [key, label] of brows) {
      body.push({
        key,
        label,
        cols: bcols,
        cells: [
          { text: label, th: true, cls: 'label', rowKey: key },
          ...bcols.map(([col], i) => ({ row: key, col, colspan: widths[i] })),
        ],
      });
    }
    for (const c of bcols) if (!cols.some(([k]) => k === c[0])) cols.push(c);
  }
  return { key: t.key, header: [], body, labelCols: 1, cols, blocks };
}

/**
 * The grid of table `key` in `template` ("2021" | "2019"). `flat` gives the narrow-screen
 * layout: one label column (labelled rows), one row per value (a single row of counts).
 */
export function grid(key, template, flat = false) {
  const t = tableInfo(key, template);
  if (t.blocks.length) return blocksGrid(t);
  if (t.rows.length === 1 && t.column_groups.length) return countsGrid(t, flat);
  return rowsGrid(t, flat);
}

/** Chinese name of a column key in table `key` (for messages, CSV headers and cell details). */
export function colLabel(key, col, template) {
  const t = tableInfo(key, template);
  const c = t.columns.find((x) => x.key === col);
  if (!c) return col;
  const g = grid(key, template);
  return g.labelCols === 0 ? columnPath(t, c).join('·') : c.label;
}

/** Official label of a row key (falls back to the report's own label). */
export function rowLabel(key, row, template, fallback) {
  const g = grid(key, template);
  if (g.labelCols === 0) return '';
  const r = g.body.find((b) => b.key === row);
  return r ? r.label : fallback || row;
}
