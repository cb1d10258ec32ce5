//! The template's identities (the 勾稽关系 of format.md) evaluated on one report's tables; the R
//! and L rules report from these outcomes.

use crate::report::{Cell, CellKind, CellRef, Row, Span, Tables};
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

fn evaluate(left: &[Term], right: &[Term]) -> Outcome {
    if left.iter().chain(right).any(|t| !t.present) {
        return Outcome::Incomplete;
    }
    if left.iter().chain(right).any(|t| t.value.is_none()) {
        return Outcome::NotJudgeable;
    }
    let l: f64 = left.iter().filter_map(|t| t.value).sum();
    let r: f64 = right.iter().filter_map(|t| t.value).sum();
    if crate::template::same(l, r) {
        Outcome::Holds
    } else {
        Outcome::Fails { left: l, right: r }
    }
}

fn check(rows: &RowIndex, id: &'static Identity) -> Check {
    let terms: Vec<Term> = id.left.iter().chain(&id.right).map(|c| term(rows, c)).collect();
    let split = id.left.len();
    let outcome = evaluate(&terms[..split], &terms[split..]);
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

/// Each (table, row key)'s row, looked up directly: the identities read over a thousand cells
/// per report, and a search through the rows for each was a few per cent of the check.
struct RowIndex<'a> {
    rows: Vec<Option<&'a Row>>,
}

impl<'a> RowIndex<'a> {
    fn new(tables: &'a Tables) -> Self {
        let mut rows = vec![None; CellRef::ROW_SLOTS];
        for &key in TableKey::ALL {
            for row in tables.table(key).map_or(&[][..], |t| &t.rows) {
                // The first row of a key, as `Table::row` finds it.
                rows[CellRef::row_slot(key, row.key)].get_or_insert(row);
            }
        }
        RowIndex { rows }
    }

    /// What `Tables::cell` finds.
    fn cell(&self, at: &CellRef) -> Option<&'a Cell> {
        self.rows[CellRef::row_slot(at.table, at.row)]?.cell(at.col)
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
    /// forms, on tables read from every layout fixture (some with a row twice, some with rows
    /// or tables missing).
    #[test]
    fn row_index_is_tables_cell() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/layouts");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let report = crate::validate(&std::fs::read_to_string(&path).unwrap());
            let index = RowIndex::new(&report.tables);
            for format in [Format::F2021, Format::F2019] {
                for at in Template::of(format).identities.iter().flat_map(Identity::cells) {
                    assert_eq!(index.cell(at), report.tables.cell(at), "{path:?} {at:?}");
                    compared += usize::from(index.cell(at).is_some());
                }
            }
        }
        assert!(compared > 1000, "{compared} cells found");
    }
}
