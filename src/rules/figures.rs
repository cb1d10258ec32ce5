//! The table figures the narrative rules (N001, N003) compare the text with.

use super::prelude::*;
use crate::narrative::Subject;

/// A figure read from the tables: exact when every cell it adds up is a number, otherwise a lower
/// bound (counts are never negative, so a blank or `/` cell can only add to it).
#[derive(Debug, Clone)]
pub struct Figure {
    pub value: f64,
    pub exact: bool,
    /// Half the last decimal place the table wrote (fees), 0 for counts.
    pub tolerance: f64,
    /// What it is, in the report's words ("“一、本年新收政府信息公开申请数量”总计").
    pub label: String,
    pub cells: Vec<CellRef>,
    pub spans: Vec<Span>,
}

impl Figure {
    /// Whether a stated value can be this figure.
    pub fn admits(&self, stated: f64, stated_tolerance: f64) -> bool {
        let slack = self.tolerance.max(stated_tolerance) + 1e-9;
        if self.exact {
            (stated - self.value).abs() <= slack
        } else {
            stated >= self.value - slack
        }
    }

    /// "75 件", or "至少 75 件（另有空白或“/”单元格）".
    pub fn describe(&self, unit: &str) -> String {
        if self.exact {
            format!("{} {unit}", fmt_num(self.value))
        } else {
            format!("至少 {} {unit}（另有空白或“/”单元格）", fmt_num(self.value))
        }
    }

    fn plus(mut self, other: Figure, label: String) -> Figure {
        self.value += other.value;
        self.exact &= other.exact;
        self.tolerance = self.tolerance.max(other.tolerance);
        self.label = label;
        self.cells.extend(other.cells);
        self.spans.extend(other.spans);
        self
    }
}

const APPLICATIONS: &str = "applications";
const REVIEWS: &str = "reviews_litigation";

/// A row's total cell; when it is blank or `/`, what its part cells add up to (a lower bound).
/// None when the total or a part holds text.
fn total_or_parts(table: &str, row: &Row, total: &Cell, parts: &[&Cell], label: String) -> Option<Figure> {
    match total.kind {
        CellKind::Number => Some(Figure {
            value: total.value?,
            exact: true,
            tolerance: 0.0,
            label,
            cells: vec![CellRef::new(table, &row.key, &total.col)],
            spans: vec![total.span],
        }),
        CellKind::Blank | CellKind::Na => {
            if parts.iter().any(|c| c.kind == CellKind::Text) {
                return None;
            }
            let numbers: Vec<&&Cell> = parts.iter().filter(|c| c.kind == CellKind::Number).collect();
            Some(Figure {
                value: numbers.iter().filter_map(|c| c.value).sum(),
                exact: false,
                tolerance: 0.0,
                label,
                cells: numbers.iter().map(|c| CellRef::new(table, &row.key, &c.col)).collect(),
                spans: numbers.iter().map(|c| c.span).chain([total.span]).collect(),
            })
        }
        CellKind::Text => None,
    }
}

/// A section 三 row's 总计, or its applicant cells as a lower bound.
fn application_row(ctx: &Context, key: &str) -> Option<Figure> {
    let row = ctx.tables.applications.as_ref()?.row(key)?;
    let total = row.cell("total")?;
    let parts: Vec<&Cell> = row.cells.iter().filter(|c| c.col != "total").collect();
    total_or_parts(APPLICATIONS, row, total, &parts, format!("“{}”总计", row.label))
}

/// The rows of a result group (（三）不予公开 1–8 …) added up; None unless every row was read.
fn application_group(ctx: &Context, prefix: &str, name: &str) -> Option<Figure> {
    let table = ctx.tables.applications.as_ref()?;
    let keys: Vec<&str> = table.rows.iter().map(|r| r.key.as_str()).filter(|k| k.starts_with(prefix)).collect();
    let mut sum: Option<Figure> = None;
    for key in keys {
        let row = application_row(ctx, key)?;
        sum = Some(match sum {
            None => row,
            Some(s) => s.plus(row, String::new()),
        });
    }
    sum.map(|mut f| {
        f.label = format!("“{name}”各项之和");
        f
    })
}

fn sum2(a: Option<Figure>, b: Option<Figure>, label: &str) -> Option<Figure> {
    Some(a?.plus(b?, label.to_string()))
}

/// A section 四 block's 总计, or its four parts as a lower bound.
fn review_block(ctx: &Context, block: usize) -> Option<Figure> {
    let row = ctx.tables.reviews_litigation.as_ref()?.row("counts")?;
    let (name, cols) = crate::template::REVIEW_BLOCKS[block];
    let total = row.cell(cols[4])?;
    let parts: Vec<&Cell> = cols[..4].iter().filter_map(|c| row.cell(c)).collect();
    if parts.len() < 4 && total.kind != CellKind::Number {
        return None;
    }
    total_or_parts(REVIEWS, row, total, &parts, format!("“{name}”总计"))
}

/// A section 二 cell (2021 template only: the 2019 columns count other things).
fn active_cell(ctx: &Context, row: &str, col: &str) -> Option<Figure> {
    let table = ctx.tables.active_disclosure.as_ref().filter(|t| t.template == Format::F2021)?;
    let r = table.row(row)?;
    let cell = r.cell(col)?;
    if cell.kind != CellKind::Number {
        return None;
    }
    let decimals = cell.raw.split_once('.').map_or(0, |(_, d)| d.chars().take_while(char::is_ascii_digit).count());
    Some(Figure {
        value: cell.value?,
        exact: true,
        tolerance: if col == "amount" { 0.5 * 10f64.powi(-(decimals as i32)) } else { 0.0 },
        label: format!("第二部分“{}”{}", r.label, column_label(ctx, row, col)),
        cells: vec![CellRef::new("active_disclosure", row, col)],
        spans: vec![cell.span],
    })
}

/// The table figures a stated count may be, in order of likelihood. Empty when the subject has
/// no figure in this report's tables; a `None` entry is a figure that could not be read.
pub fn candidates(ctx: &Context, subject: Subject) -> Vec<Option<Figure>> {
    use Subject::*;
    let new = || application_row(ctx, "new_received");
    let carried = || application_row(ctx, "carried_over");
    let on_hand = || sum2(new(), carried(), "“本年新收”与“上年结转”之和");
    match subject {
        Received => vec![new(), on_hand()],
        CarriedOver => vec![carried()],
        Concluded => vec![application_row(ctx, "total_processed")],
        Handled => vec![application_row(ctx, "total_processed"), on_hand(), new()],
        CarriedForward => vec![application_row(ctx, "carried_forward")],
        Granted => vec![application_row(ctx, "granted")],
        PartlyGranted => vec![application_row(ctx, "partially_granted")],
        GrantedOrPartly => vec![sum2(
            application_row(ctx, "granted"),
            application_row(ctx, "partially_granted"),
            "“（一）予以公开”与“（二）部分公开”总计之和",
        )],
        Denied => vec![application_group(ctx, "denied_", "（三）不予公开")],
        Unable => vec![application_group(ctx, "unable_", "（四）无法提供")],
        NotProcessed => vec![application_group(ctx, "rejected_", "（五）不予处理")],
        OtherProcessing => vec![application_group(ctx, "other", "（六）其他处理")],
        Reviews => vec![review_block(ctx, 0)],
        // Some reports count only the suits filed directly.
        Suits => vec![sum2(review_block(ctx, 1), review_block(ctx, 2), "两类“行政诉讼”总计之和"), review_block(ctx, 1)],
        NormativeIssued => vec![active_cell(ctx, "normative_documents", "issued")],
        LicensingDecisions => vec![active_cell(ctx, "licensing", "decisions")],
        PenaltyDecisions => vec![active_cell(ctx, "penalty", "decisions")],
        CoercionDecisions => vec![active_cell(ctx, "coercion", "decisions")],
        Fees => vec![active_cell(ctx, "fees", "amount")],
    }
}

/// The cells of section 四's 结果纠正, 其他结果 and 尚未审结 columns in the given blocks that
/// hold a number above zero.
pub fn unfavourable_review_cells(
    ctx: &Context,
    reviews: bool,
    suits: bool,
) -> Vec<(&'static str, &'static str, f64, Span)> {
    let Some(row) = ctx.tables.reviews_litigation.as_ref().and_then(|t| t.row("counts")) else { return Vec::new() };
    let mut out = Vec::new();
    for (block, (_, cols)) in crate::template::REVIEW_BLOCKS.iter().enumerate() {
        if (block == 0 && !reviews) || (block > 0 && !suits) {
            continue;
        }
        for (i, col) in cols[1..4].iter().enumerate() {
            if let Some(cell) = row.cell(col) {
                if let Some(v) = number(cell).filter(|v| *v > 0.0) {
                    out.push((*col, crate::template::REVIEW_PART_NAMES[i + 1], v, cell.span));
                }
            }
        }
    }
    out
}
