// The report as `validate_packed` (the wasm) gives it, unpacked into the report `validate` gives:
// each row's cells come as five numbers each (column, kind + 4 when inferred, value, span start,
// span end) and the cell's text is the text at its span. Packing makes the JSON written, handed
// over and parsed a fraction of its size; the objects built here have the same fields in the same
// order as `JSON.parse` of the unpacked report, so an export is byte for byte the same.

const KINDS = ['number', 'blank', 'na', 'text'];

/**
 * Unpacks `report` in place and returns it.
 * @param {object} report what `validate_packed(text)` returned
 * @param {string} text the text it checked
 * @param {string[]} columns `column_keys()`
 */
export function unpackReport(report, text, columns) {
  for (const table of Object.values(report.tables)) {
    for (const row of table ? table.rows : []) {
      const p = row.cells;
      // Unpacked already (the wasm sends cells unpacked when it could not pack them).
      if (p.length === 0 || typeof p[0] !== 'number') continue;
      const cells = [];
      for (let i = 0; i < p.length; i += 5) {
        const start = p[i + 3];
        const end = p[i + 4];
        const cell = { col: columns[p[i]], raw: text.slice(start, end), value: p[i + 2], kind: KINDS[p[i + 1] & 3], span: { start, end } };
        if (p[i + 1] & 4) cell.inferred = true;
        cells.push(cell);
      }
      row.cells = cells;
    }
  }
  return report;
}
