// Exports: the result as JSON, the tables as CSV (one file, or one table) and a table as TSV for
// pasting into Excel / WPS. Rows follow the official template's order and labels.

import { grid, TABLES } from './template.js';
import { findCell, cellText, lineAt } from './render.js';

/** The result (schema.md, with `version`), and when the page checked it. */
export function reportJson(report, { checkedAt } = {}) {
  const out = checkedAt ? { ...report, checked_at: checkedAt } : report;
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * The findings as CSV, one row per finding: code, severity, message, line, cell, suggested value
 * (from the likeliest repair, R007). UTF-8 with BOM for Excel; a field that a spreadsheet would
 * run as a formula gets a leading '.
 */
export function findingsCsv(report, text = '') {
  const fixes = new Map((report?.repairs?.[0]?.changes || []).map((f) => [`${f.table}.${f.row}.${f.col}`, f.to]));
  const rows = [['code', 'severity', 'message', 'line', 'cell', 'suggested_value']];
  for (const d of report?.diagnostics || []) {
    const at = d.spans?.[0];
    const cells = (d.cells || []).map((c) => `${c.table}.${c.row}.${c.col}`);
    const suggested = cells.filter((c) => fixes.has(c)).map((c) => `${c}=${fixes.get(c)}`);
    rows.push([d.code, d.severity, d.message, at ? lineAt(text, at.start) : '', cells.join(' '), suggested.join(' ')]);
  }
  const defuse = (s) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
  return '\ufeff' + toCsv(rows.map((r) => r.map((c) => defuse(String(c))))) + '\r\n';
}

/**
 * The table as rows of strings: a header row, then one row per data row
 * (label, values…). Section 二 gives one block per caption.
 */
export function tableMatrix(report, key) {
  const table = report?.tables?.[key];
  if (!table) return [];
  const tmpl = table.template === '2019' ? '2019' : '2021';
  const g = grid(key, tmpl);
  const value = (row, col) => cellText(findCell(table, row, col));
  if (g.labelCols === 0) {
    // One row of counts under grouped headers (section 四).
    return [g.cols.map(([, l, b]) => `${b}·${l}`), g.cols.map(([c]) => value(g.body[0].key, c))];
  }
  if (!g.blocks) {
    const out = [['', ...g.cols.map(([, l]) => l)]];
    for (const r of g.body) out.push([r.label, ...g.cols.map(([c]) => value(r.key, c))]);
    return out;
  }
  const out = [];
  for (const [caption, cols, rows] of g.blocks) {
    if (out.length) out.push([]);
    out.push([caption]);
    out.push(['信息内容', ...cols.map(([, l]) => l)]);
    for (const [row, label] of rows) out.push([label, ...cols.map(([c]) => value(row, c))]);
  }
  return out;
}

const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function toCsv(rows) {
  return rows.map((r) => r.map((c) => csvField(String(c ?? ''))).join(',')).join('\r\n');
}

/** CSV of one table, or of all three (blocks separated by a blank line); UTF-8 with BOM for Excel. */
export function tablesCsv(report, only) {
  const blocks = [];
  for (const [key, title] of TABLES) {
    if (only && key !== only) continue;
    const m = tableMatrix(report, key);
    if (!m.length) continue;
    blocks.push(toCsv([[title], ...m]));
  }
  return '\ufeff' + blocks.join('\r\n\r\n') + '\r\n';
}

/** TSV of one table, for pasting into a spreadsheet: tabs and line breaks inside cells become spaces. */
export function tableTsv(report, key) {
  return (
    tableMatrix(report, key)
      .map((r) => r.map((c) => String(c ?? '').replace(/[\t\r\n]+/g, ' ')).join('\t'))
      .join('\n') + '\n'
  );
}
