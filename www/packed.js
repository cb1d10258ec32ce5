// The report as `validate_packed` (the wasm) gives it, unpacked into the report `validate` gives:
// each table's rows come as their number, and the rows and cells as numbers in `report.packed`
// (a Float64Array): per row the key's and the label's index into `pack_keys()`, the span's start
// and end (NaN: no span) and the number of cells; per cell the column's index, the kind (+4 when
// inferred), the value (NaN: null) and the span. A cell's text is the text at its span. No JSON
// is written or parsed for them; the objects built here have the same fields in the same order
// as `JSON.parse` of the unpacked report, so an export is byte for byte the same.

const KINDS = ['number', 'blank', 'na', 'text'];

/**
 * Unpacks `report` in place and returns it.
 * @param {object} report what `validate_packed(text)` returned
 * @param {string} text the text it checked
 * @param {{columns: string[], rows: string[], labels: (string|null)[]}} keys `pack_keys()`
 */
export function unpackReport(report, text, keys) {
  const p = report.packed;
  // Unpacked already (the wasm sends the report unpacked when it could not pack it).
  if (!p) return report;
  delete report.packed;
  let at = 0;
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    const rows = [];
    for (let r = table.rows; r > 0; r--) {
      const key = keys.rows[p[at]];
      const label = keys.labels[p[at + 1]];
      const span = Number.isNaN(p[at + 2]) ? null : { start: p[at + 2], end: p[at + 3] };
      const n = p[at + 4];
      at += 5;
      const cells = [];
      for (let c = 0; c < n; c++, at += 5) {
        const start = p[at + 3];
        const end = p[at + 4];
        const value = Number.isNaN(p[at + 2]) ? null : p[at + 2];
        const cell = { col: keys.columns[p[at]], raw: text.slice(start, end), value, kind: KINDS[p[at + 1] & 3], span: { start, end } };
        if (p[at + 1] & 4) cell.inferred = true;
        cells.push(cell);
      }
      rows.push({ key, label, span, cells });
    }
    table.rows = rows;
  }
  return report;
}
