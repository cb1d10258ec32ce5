//! The table figures the narrative rules (N001, N003) compare the text with.

use super::prelude::*;
use crate::narrative::Subject;
use crate::template::{unfavourable_outcomes, GroupKey, Template, REVIEW_BLOCKS, REVIEW_COLUMNS};

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
    /// A part of the sum was not read (a paste cut after the row that was): `value` is a lower
    /// bound, counts being never below zero.
    pub partial: bool,
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
        } else if self.partial {
            format!("至少 {} {unit}（其中一项未能读出）", fmt_num(self.value))
        } else {
            format!("至少 {} {unit}（另有空白或“/”单元格）", fmt_num(self.value))
        }
    }

    fn plus(mut self, other: Figure, label: String) -> Figure {
        self.value += other.value;
        self.exact &= other.exact;
        self.partial |= other.partial;
        self.tolerance = self.tolerance.max(other.tolerance);
        self.label = label;
        self.cells.extend(other.cells);
        self.spans.extend(other.spans);
        self
    }
}

/// A row's total cell; when it is blank or `/`, what its part cells add up to (a lower bound).
/// None when the total or a part holds text.
fn total_or_parts(table: TableKey, row: &Row, total: &Cell, parts: &[&Cell], label: String) -> Option<Figure> {
    match total.kind {
        CellKind::Number => Some(Figure {
            value: total.value?,
            exact: true,
            tolerance: 0.0,
            label,
            cells: vec![CellRef::new(table, row.key, total.col)],
            spans: vec![total.span],
            partial: false,
        }),
        CellKind::Blank | CellKind::Na => {
            if parts.iter().any(|c| c.kind == CellKind::Text) {
                return None;
            }
            // One pass over the parts (this was three iterator chains, each its own wasm copy);
            // the sum starts at -0.0 as `Iterator::sum` does.
            let mut figure = Figure {
                value: -0.0,
                exact: false,
                tolerance: 0.0,
                label,
                cells: Vec::new(),
                spans: Vec::new(),
                partial: false,
            };
            for c in parts.iter().filter(|c| c.kind == CellKind::Number) {
                if let Some(v) = c.value {
                    figure.value += v;
                }
                figure.cells.push(CellRef::new(table, row.key, c.col));
                figure.spans.push(c.span);
            }
            figure.spans.push(total.span);
            Some(figure)
        }
        CellKind::Text => None,
    }
}

/// A section 三 row's 总计, or its applicant cells as a lower bound.
fn application_row(ctx: &Context, key: RowKey) -> Option<Figure> {
    let row = ctx.tables.applications.as_ref()?.row(key)?;
    let total_col = GroupKey::Applicant.def().total_col?;
    let total = row.cell(total_col)?;
    let mut parts: Vec<&Cell> = Vec::with_capacity(row.cells.len());
    for c in row.cells.iter().filter(|c| c.col != total_col) {
        parts.push(c);
    }
    total_or_parts(TableKey::Applications, row, total, &parts, format!("“{}”总计", row.label))
}

/// The rows of a result group (（三）不予公开 1–8 …) added up; None unless every row was read.
fn application_group(ctx: &Context, group: GroupKey) -> Option<Figure> {
    let table = ctx.tables.applications.as_ref()?;
    let mut sum: Option<Figure> = None;
    for key in Template::of(table.template).group_rows(group) {
        let row = application_row(ctx, key)?;
        sum = Some(match sum {
            None => row,
            Some(s) => s.plus(row, String::new()),
        });
    }
    sum.map(|mut f| {
        f.label = format!("“{}”各项之和", group.def().label);
        f
    })
}

/// The sum of two figures; when only one of them was read, at least that one (counts are never
/// below zero), so a count stated below it is still judged.
fn sum2(a: Option<Figure>, b: Option<Figure>, label: &str) -> Option<Figure> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.plus(b, label.to_string())),
        (Some(known), None) | (None, Some(known)) => {
            Some(Figure { exact: false, partial: true, label: label.to_string(), ..known })
        }
        (None, None) => None,
    }
}

/// A section 四 block's 总计, or its four parts as a lower bound.
fn review_block(ctx: &Context, block: GroupKey) -> Option<Figure> {
    let row = ctx.tables.reviews_litigation.as_ref()?.row(RowKey::Counts)?;
    let total_col = block.def().total_col?;
    let total = row.cell(total_col)?;
    let (mut parts, mut members) = (Vec::new(), 0);
    for c in REVIEW_COLUMNS.iter().filter(|c| c.groups.contains(&block) && c.key != total_col) {
        members += 1;
        parts.extend(row.cell(c.key));
    }
    if parts.len() < members && total.kind != CellKind::Number {
        return None;
    }
    total_or_parts(TableKey::ReviewsLitigation, row, total, &parts, format!("“{}”总计", block.full_name()))
}

/// A section 二 cell (2021 template only: the 2019 columns count other things).
fn active_cell(ctx: &Context, row: RowKey, col: ColKey) -> Option<Figure> {
    let table = ctx.tables.active_disclosure.as_ref().filter(|t| t.template == Format::F2021)?;
    let r = table.row(row)?;
    let cell = r.cell(col)?;
    if cell.kind != CellKind::Number {
        return None;
    }
    let decimals = cell.raw.split_once('.').map_or(0, |(_, d)| d.chars().take_while(char::is_ascii_digit).count());
    let amount = crate::template::column_def(table.template, TableKey::ActiveDisclosure, row, col)
        .is_some_and(|c| c.kind == ValueKind::Amount);
    Some(Figure {
        value: cell.value?,
        exact: true,
        tolerance: if amount { 0.5 * 10f64.powi(-(decimals as i32)) } else { 0.0 },
        label: format!("第二部分“{}”{}", r.label, column_label(ctx, row, col)),
        cells: vec![CellRef::new(TableKey::ActiveDisclosure, row, col)],
        spans: vec![cell.span],
        partial: false,
    })
}

/// The table figures a stated count may be, in order of likelihood. Empty when the subject has
/// no figure in this report's tables; a `None` entry is a figure that could not be read.
pub fn candidates(ctx: &Context, subject: Subject) -> Vec<Option<Figure>> {
    use RowKey as R;
    use Subject::*;
    let row = |key| application_row(ctx, key);
    let new = || row(R::NewReceived);
    let carried = || row(R::CarriedOver);
    let on_hand = || sum2(new(), carried(), "“本年新收”与“上年结转”之和");
    let [review, direct_suit, suit_after_review] = REVIEW_BLOCKS;
    match subject {
        Received => vec![new(), on_hand()],
        CarriedOver => vec![carried()],
        Concluded => vec![row(R::TotalProcessed)],
        Handled => vec![row(R::TotalProcessed), on_hand(), new()],
        CarriedForward => vec![row(R::CarriedForward)],
        Granted => vec![row(R::Granted)],
        PartlyGranted => vec![row(R::PartiallyGranted)],
        GrantedOrPartly => {
            vec![sum2(row(R::Granted), row(R::PartiallyGranted), "“（一）予以公开”与“（二）部分公开”总计之和")]
        }
        Denied => vec![application_group(ctx, GroupKey::Denied)],
        Unable => vec![application_group(ctx, GroupKey::Unable)],
        NotProcessed => vec![application_group(ctx, GroupKey::Rejected)],
        OtherProcessing => vec![application_group(ctx, GroupKey::Other)],
        Reviews => vec![review_block(ctx, review)],
        // Some reports count only the suits filed directly.
        Suits => vec![
            sum2(review_block(ctx, direct_suit), review_block(ctx, suit_after_review), "两类“行政诉讼”总计之和"),
            review_block(ctx, direct_suit),
        ],
        NormativeIssued => vec![active_cell(ctx, R::NormativeDocuments, ColKey::Issued)],
        LicensingDecisions => vec![active_cell(ctx, R::Licensing, ColKey::Decisions)],
        PenaltyDecisions => vec![active_cell(ctx, R::Penalty, ColKey::Decisions)],
        CoercionDecisions => vec![active_cell(ctx, R::Coercion, ColKey::Decisions)],
        Fees => vec![active_cell(ctx, R::Fees, ColKey::Amount)],
    }
}

/// The cells of section 四's 结果纠正, 其他结果 and 尚未审结 columns in the given blocks that
/// hold a number above zero.
pub fn unfavourable_review_cells(ctx: &Context, reviews: bool, suits: bool) -> Vec<(ColKey, &'static str, f64, Span)> {
    let Some(row) = ctx.tables.reviews_litigation.as_ref().and_then(|t| t.row(RowKey::Counts)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, block) in REVIEW_BLOCKS.into_iter().enumerate() {
        if (i == 0 && !reviews) || (i > 0 && !suits) {
            continue;
        }
        for col in unfavourable_outcomes(block) {
            if let Some(cell) = row.cell(col.key) {
                if let Some(v) = number(cell).filter(|v| *v > 0.0) {
                    out.push((col.key, col.label, v, cell.span));
                }
            }
        }
    }
    out
}
