//! The template's identities (the 勾稽关系 of format.md) evaluated on one report's tables; the R
//! and L rules report from these outcomes.

use crate::report::{Cell, CellKind, CellMap, CellRef, Span, Tables};
pub use crate::template::Family;
use crate::template::{Identity, TableKey, Template};

#[derive(Debug, Clone)]
pub struct Term {
    pub cell: CellRef,
    pub value: Option<f64>,
    pub span: Option<Span>,
    /// The cell is in the table (even if not a number).
    pub present: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Holds,
    Fails {
        left: f64,
        right: f64,
    },
    /// An operand is blank, `/`, text: the identity cannot be judged exactly.
    NotJudgeable,
    /// An operand is not in the table at all (row missing or unreadable: R006's business).
    Incomplete,
}

/// One identity of the template with the report's values.
#[derive(Debug, Clone)]
pub struct Check {
    pub family: Family,
    /// The column (R001/R002) or row (R003) or block (L001) it is about, in Chinese.
    pub subject: &'static str,
    /// Column index (R001/R002), row index (R003) or block index (L001).
    pub index: usize,
    /// The left side's terms, then the right side's: one list (a list per side was two
    /// allocations per identity, the most of any part of a check).
    terms: Vec<Term>,
    /// Where the right side's terms start.
    split: usize,
    pub outcome: Outcome,
}

impl Check {
    pub fn left(&self) -> &[Term] {
        &self.terms[..self.split]
    }

    pub fn right(&self) -> &[Term] {
        &self.terms[self.split..]
    }

    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter()
    }

    pub fn cells(&self) -> Vec<CellRef> {
        self.terms().map(|t| t.cell).collect()
    }

    pub fn spans(&self) -> Vec<Span> {
        self.terms().filter_map(|t| t.span).collect()
    }

    /// The operands that are present but not numbers.
    pub fn unjudgeable_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms().filter(|t| t.present && t.value.is_none())
    }
}

fn term(rows: &RowIndex, at: &CellRef) -> Term {
    let cell = rows.cell(at);
    Term {
        cell: *at,
        value: cell.filter(|c| c.kind == CellKind::Number).and_then(|c| c.value),
        span: cell.map(|c| c.span),
        present: cell.is_some(),
    }
}

/// The outcome of the terms, the left side's the first `split`: one pass (incomplete when a
/// cell is not in the table, not judgeable when one is not a number, else the sums compared).
fn evaluate(terms: &[Term], split: usize) -> Outcome {
    let (mut missing, mut unjudgeable) = (false, false);
    // From -0.0, as `Iterator::sum` adds floats.
    let mut sums = [-0.0; 2];
    for (k, t) in terms.iter().enumerate() {
        missing |= !t.present;
        match t.value {
            Some(v) => sums[usize::from(k >= split)] += v,
            None => unjudgeable = true,
        }
    }
    let [l, r] = sums;
    if missing {
        Outcome::Incomplete
    } else if unjudgeable {
        Outcome::NotJudgeable
    } else if crate::template::same(l, r) {
        Outcome::Holds
    } else {
        Outcome::Fails { left: l, right: r }
    }
}

fn check(rows: &RowIndex, id: &'static Identity) -> Check {
    let terms: Vec<Term> = id.left.iter().chain(&id.right).map(|c| term(rows, c)).collect();
    let split = id.left.len();
    let outcome = evaluate(&terms, split);
    Check { family: id.family, subject: &id.subject, index: id.index, terms, split, outcome }
}

/// Every identity on the tables the report has, in the form its section 三 follows.
pub fn evaluate_all(tables: &Tables) -> Vec<Check> {
    let template = Template::of(tables.applications.as_ref().map_or(crate::report::Format::F2021, |t| t.template));
    let rows = RowIndex::new(tables);
    template
        .identities
        .iter()
        .filter(|id| id.left.first().is_some_and(|c| tables.table(c.table).is_some()))
        .map(|id| check(&rows, id))
        .collect()
}

/// Each (table, row key, column)'s cell, looked up directly: the identities read over three
/// hundred cells per report.
struct RowIndex<'a>(CellMap<Option<&'a Cell>>);

impl<'a> RowIndex<'a> {
    fn new(tables: &'a Tables) -> Self {
        let mut index = CellMap::new();
        for &key in TableKey::ALL {
            for row in tables.table(key).map_or(&[][..], |t| &t.rows) {
                // The first row of a key, and its first cell of a column, as `Table::cell` finds.
                let Some(block) = index.new_row(key, row.key) else { continue };
                for cell in row.cells.iter().rev() {
                    block[cell.col as usize] = Some(cell);
                }
            }
        }
        RowIndex(index)
    }

    /// What `Tables::cell` finds.
    fn cell(&self, at: &CellRef) -> Option<&'a Cell> {
        self.0.get(at).copied().flatten()
    }
}

/// `3`, `12.5`: how numbers appear in messages.
pub fn fmt_num(v: f64) -> String {
    let mut out = String::new();
    push_num(&mut out, v);
    out
}

/// [`fmt_num`], appended to `out`.
fn push_num(out: &mut String, v: f64) {
    crate::text::push_decimal(out, v, 4);
}

/// "1+0+2 = 3"
pub fn sum_text(terms: &[Term]) -> String {
    let sum: f64 = terms.iter().filter_map(|t| t.value).sum();
    if terms.len() == 1 {
        return fmt_num(sum);
    }
    // Written into one string: a `format!` and a string per term were most of a failing
    // identity's message.
    let mut out = String::with_capacity(4 * terms.len() + 8);
    for (k, t) in terms.iter().enumerate() {
        if k > 0 {
            out.push('+');
        }
        match t.value {
            Some(v) => push_num(&mut out, v),
            None => out.push('?'),
        }
    }
    out.push_str(" = ");
    push_num(&mut out, sum);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Format;

    /// The index finds what `Tables::cell` finds, for every cell an identity reads in both
    /// forms and every (table, row, column) there is, on tables read from every layout fixture
    /// (some with a row twice, some with rows or tables missing), and with a row and a cell
    /// given twice.
    #[test]
    fn row_index_is_tables_cell() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/layouts");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let mut report = crate::validate(&std::fs::read_to_string(&path).unwrap());
            if let Some(t) = report.tables.applications.as_mut().filter(|t| t.rows.len() > 2) {
                // A row given again, and a row's first cell given again at its end (another
                // value: the first is the one read).
                let again = t.rows[1].clone();
                t.rows.push(again);
                let mut cell = t.rows[2].cells[0].clone();
                cell.value = Some(-1.0);
                t.rows[2].cells.push(cell);
            }
            let index = RowIndex::new(&report.tables);
            for format in [Format::F2021, Format::F2019] {
                for at in Template::of(format).identities.iter().flat_map(Identity::cells) {
                    assert_eq!(index.cell(at), report.tables.cell(at), "{path:?} {at:?}");
                    compared += usize::from(index.cell(at).is_some());
                }
            }
            for &table in TableKey::ALL {
                for &row in crate::template::RowKey::ALL {
                    for &col in crate::template::ColKey::ALL {
                        let at = CellRef::new(table, row, col);
                        assert_eq!(index.cell(&at), report.tables.cell(&at), "{path:?} {at:?}");
                    }
                }
            }
        }
        assert!(compared > 1000, "{compared} cells found");
    }
}
