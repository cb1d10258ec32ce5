//! The arithmetic a report's tables must satisfy (the 勾稽关系 of format.md), evaluated once;
//! the R and L rules report from these outcomes.

use crate::report::{CellKind, CellRef, Span, Table, Tables};
use crate::template::{RowRole, APPLICATION_COLUMNS, REVIEW_BLOCKS, REVIEW_PART_NAMES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// 一 + 二 = （七）+ 四, per column (R001).
    Balance,
    /// Σ results = （七）总计, per column (R002).
    Results,
    /// Σ applicants = 总计, per row (R003).
    RowTotal,
    /// Σ parts = 总计, per block of section 四 (L001).
    ReviewBlock,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub cell: CellRef,
    /// How the message names the operand ("一", "（七）总计", "自然人" …).
    pub name: String,
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

#[derive(Debug, Clone)]
pub struct Check {
    pub family: Family,
    /// The column (R001/R002) or row (R003) or block (L001) it is about, in Chinese.
    pub subject: String,
    /// Column index (R001/R002), row index (R003) or block index (L001).
    pub index: usize,
    pub left: Vec<Term>,
    pub right: Vec<Term>,
    pub outcome: Outcome,
}

impl Check {
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.left.iter().chain(self.right.iter())
    }

    pub fn cells(&self) -> Vec<CellRef> {
        self.terms().map(|t| t.cell.clone()).collect()
    }

    pub fn spans(&self) -> Vec<Span> {
        self.terms().filter_map(|t| t.span).collect()
    }

    /// The operands that are present but not numbers.
    pub fn unjudgeable_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms().filter(|t| t.present && t.value.is_none())
    }
}

fn term(table: &Table, table_key: &str, row: &str, col: &str, name: String) -> Term {
    let cell = table.cell(row, col);
    Term {
        cell: CellRef::new(table_key, row, col),
        name,
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
    if (l - r).abs() < 1e-9 {
        Outcome::Holds
    } else {
        Outcome::Fails { left: l, right: r }
    }
}

fn check(family: Family, subject: String, index: usize, left: Vec<Term>, right: Vec<Term>) -> Check {
    let outcome = evaluate(&left, &right);
    Check { family, subject, index, left, right, outcome }
}

/// Every identity of the applications and reviews tables.
pub fn evaluate_all(tables: &Tables, roles: &[(String, RowRole)]) -> Vec<Check> {
    let mut out = Vec::new();
    if let Some(t) = &tables.applications {
        let role_of = |key: &str| roles.iter().find(|(k, _)| k == key).map(|r| r.1);
        let key_of = |role: RowRole| roles.iter().find(|(_, r)| *r == role).map(|r| r.0.clone());
        let (Some(nr), Some(co), Some(tp), Some(cf)) = (
            key_of(RowRole::NewReceived),
            key_of(RowRole::CarriedOver),
            key_of(RowRole::TotalProcessed),
            key_of(RowRole::CarriedForward),
        ) else {
            return out;
        };
        let result_rows: Vec<&str> =
            t.rows.iter().filter(|r| role_of(&r.key) == Some(RowRole::Result)).map(|r| r.key.as_str()).collect();
        for (ci, (col, col_name)) in APPLICATION_COLUMNS.iter().enumerate() {
            let a = "applications";
            out.push(check(
                Family::Balance,
                format!("“{col_name}”列"),
                ci,
                vec![term(t, a, &nr, col, "一".into()), term(t, a, &co, col, "二".into())],
                vec![term(t, a, &tp, col, "（七）总计".into()), term(t, a, &cf, col, "四".into())],
            ));
            out.push(check(
                Family::Results,
                format!("“{col_name}”列"),
                ci,
                result_rows.iter().map(|r| term(t, a, r, col, r.to_string())).collect(),
                vec![term(t, a, &tp, col, "（七）总计".into())],
            ));
        }
        for (ri, row) in t.rows.iter().enumerate() {
            let a = "applications";
            let left = APPLICATION_COLUMNS[..6].iter().map(|(c, n)| term(t, a, &row.key, c, n.to_string())).collect();
            let right = vec![term(t, a, &row.key, "total", "总计".into())];
            let name = row.label.split("（区分").next().unwrap_or(&row.label);
            out.push(check(Family::RowTotal, format!("“{name}”行"), ri, left, right));
        }
    }
    if let Some(t) = &tables.reviews_litigation {
        for (bi, (block, cols)) in REVIEW_BLOCKS.iter().enumerate() {
            let r = "reviews_litigation";
            let left =
                cols[..4].iter().zip(REVIEW_PART_NAMES).map(|(c, n)| term(t, r, "counts", c, n.into())).collect();
            let right = vec![term(t, r, "counts", cols[4], "总计".into())];
            out.push(check(Family::ReviewBlock, block.to_string(), bi, left, right));
        }
    }
    out
}

/// `3`, `12.5`: how numbers appear in messages.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// "1+0+2 = 3"
pub fn sum_text(terms: &[Term]) -> String {
    let sum: f64 = terms.iter().filter_map(|t| t.value).sum();
    if terms.len() == 1 {
        return fmt_num(sum);
    }
    let parts: Vec<String> = terms.iter().map(|t| t.value.map_or("?".into(), fmt_num)).collect();
    format!("{} = {}", parts.join("+"), fmt_num(sum))
}
