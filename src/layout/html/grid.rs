//! Row/column bookkeeping of a data table: rowspan and colspan become grid positions, and every
//! position a merged cell covers is written as an empty field (a cell merged across columns
//! writes its text in the last of them).

use super::tokenizer::Tag;
use super::Output;

/// Spans starting further right are written but not tracked (keeps per-table state small).
const MAX_GRID_COLUMNS: usize = 1024;

pub(super) enum OpenTable {
    /// Contains other tables: its rows and cells only break lines.
    Layout,
    Data(Grid),
}

/// Row/column bookkeeping of a data table, like a browser's table layout.
#[derive(Default)]
pub(super) struct Grid {
    /// Index of the current row (or of the next one when no row is open).
    row: u32,
    row_open: bool,
    row_has_cell: bool,
    /// Next field position in the current row.
    col: usize,
    /// Per column: first row index no longer covered by a merged cell.
    covered_until: Vec<u32>,
}

impl Grid {
    pub(super) fn in_cell(&self) -> bool {
        self.row_open && self.row_has_cell
    }

    fn is_covered(&self, col: usize) -> bool {
        self.covered_until.get(col).is_some_and(|&until| until > self.row)
    }

    pub(super) fn start_row(&mut self, out: &mut Output, offset: usize) {
        self.end_row(out, offset);
        out.soft_break(offset);
        out.begin_row();
        self.row_open = true;
        self.row_has_cell = false;
        self.col = 0;
    }

    pub(super) fn end_row(&mut self, out: &mut Output, offset: usize) {
        if !self.row_open {
            return;
        }
        // Spans ended at the right edge shape neither this row nor later ones.
        while self.covered_until.last().is_some_and(|&until| until <= self.row) {
            self.covered_until.pop();
        }
        if self.col < self.covered_until.len() && !self.row_has_cell {
            out.soft_break(offset);
        }
        // Positions right of the last cell that merged cells still cover (holes between them
        // too) are written as empty fields, so the row keeps the table's column positions.
        while self.col < self.covered_until.len() {
            if !self.empty_field(out, offset) {
                break;
            }
        }
        out.end_row(offset);
        self.row = self.row.saturating_add(1);
        self.row_open = false;
        self.row_has_cell = false;
    }

    pub(super) fn start_cell(&mut self, out: &mut Output, tag: Tag) {
        if !self.row_open {
            self.start_row(out, tag.offset);
        }
        if !self.row_has_cell {
            // Stray text written before the row's first cell keeps a line of its own.
            out.soft_break(tag.offset);
        }
        while self.is_covered(self.col) {
            if !self.empty_field(out, tag.offset) {
                break;
            }
        }
        // A cell merged across columns writes its text in the last position it covers, its
        // padding before it: the fields after a row label are then the row's own cells, and an
        // empty field at the end of a row is an empty cell, never the label's padding.
        let first = self.col;
        for _ in 1..tag.colspan.min(MAX_GRID_COLUMNS as u32) {
            if !self.empty_field(out, tag.offset) {
                break;
            }
        }
        if self.col > 0 {
            out.field(tag.offset);
        }
        self.cover(first, tag, out.fill_budget);
        self.col += 1;
        self.row_has_cell = true;
    }

    /// Writes the empty field at `self.col`; false (and spans forgotten) once over budget.
    fn empty_field(&mut self, out: &mut Output, offset: usize) -> bool {
        if out.fill_budget == 0 {
            self.covered_until.clear();
            return false;
        }
        out.fill_budget -= 1;
        if self.col > 0 {
            out.field(offset);
        }
        self.col += 1;
        true
    }

    /// Marks the grid positions a merged cell starting at (`self.row`, `col`) covers.
    fn cover(&mut self, col: usize, tag: Tag, fill_budget: usize) {
        if (tag.rowspan <= 1 && tag.colspan <= 1) || fill_budget == 0 {
            return;
        }
        let end = (col + tag.colspan as usize).min(MAX_GRID_COLUMNS);
        if end <= col {
            return;
        }
        if self.covered_until.len() < end {
            self.covered_until.resize(end, 0);
        }
        let until = self.row.saturating_add(tag.rowspan);
        for slot in &mut self.covered_until[col..end] {
            *slot = (*slot).max(until);
        }
    }
}
