//! What rule files share: imports and small helpers for walking tables and reporting checks.

pub use super::context::Context;
pub(crate) use super::declare::{rule_doc, rule_title, RuleInfo};
pub use crate::layout::cells::{RowRead, Unreadable};
pub use crate::report::{Cell, CellKind, CellRef, ColKey, Diagnostic, Format, Row, RowKey, Severity, Span, TableKey};
pub use crate::tables::identities::{fmt_num, sum_text, Check, Family, Outcome};
pub use crate::tables::ReadTable;
pub use crate::template::{active_rows, ValueKind, SECTIONS};

impl Context<'_> {
    pub fn cell(&self, r: &CellRef) -> Option<&Cell> {
        self.tables.cell(r)
    }
}

/// A number cell's value.
pub fn number(c: &Cell) -> Option<f64> {
    if c.kind == CellKind::Number {
        c.value
    } else {
        None
    }
}

/// Every section 二 cell with the kind of value its column holds.
pub fn active_cells<'a>(ctx: &'a Context) -> Vec<(&'a Row, &'a Cell, ValueKind)> {
    let Some(t) = &ctx.tables.active_disclosure else { return Vec::new() };
    let defs = active_rows(t.template);
    let mut out = Vec::with_capacity(t.rows.iter().map(|r| r.cells.len()).sum());
    for row in &t.rows {
        let Some(def) = defs.iter().find(|d| d.key == row.key) else { continue };
        for cell in &row.cells {
            let kind = def.columns.iter().find(|c| c.key == cell.col).map_or(ValueKind::Count, |c| c.kind);
            out.push((row, cell, kind));
        }
    }
    out
}

/// The Chinese header of a section 二 column.
pub fn column_label(ctx: &Context, row: RowKey, col: ColKey) -> &'static str {
    let template = ctx.tables.active_disclosure.as_ref().map_or(Format::F2021, |t| t.template);
    crate::template::column_def(template, TableKey::ActiveDisclosure, row, col).map_or("", |c| c.label)
}

/// Reports each failed identity of a family with the message `text(check, left, right)`.
pub fn report_failures(
    ctx: &Context,
    family: Family,
    rule: &RuleInfo,
    out: &mut Vec<Diagnostic>,
    text: impl Fn(&Check, f64, f64) -> String,
) {
    for c in ctx.checks.iter().filter(|c| c.family == family) {
        if let Outcome::Fails { left, right } = c.outcome {
            out.push(rule.finding(text(c, left, right)).spans(c.spans()).cells(c.cells()));
        }
    }
}

/// Reports a table's missing and unreadable rows as one finding.
pub fn incomplete_rows(ctx: &Context, table: &ReadTable, rule: &RuleInfo, what: &str, out: &mut Vec<Diagnostic>) {
    // A label not found where the template puts it may still be in the table, out of order
    // (PDF text that printed labels after their numbers): say so rather than "missing".
    let compact_text = table.compact.as_ref().map_or("", |c| c.text.as_str());
    let somewhere = |r: &&crate::tables::ReadRow| {
        r.anchors.iter().any(|a| crate::text::contains(compact_text, &crate::normalize::label_key(a)))
    };
    let (mut missing, mut misplaced) = (Vec::new(), Vec::new());
    for r in table.rows.iter().filter(|r| r.found.is_none()) {
        if somewhere(&r) {
            misplaced.push(r.label);
        } else {
            missing.push(r.label);
        }
    }
    let mut spans = Vec::new();
    let mut bad = Vec::new();
    for r in &table.rows {
        let (Some(f), Some(RowRead::Unreadable(why))) = (&r.found, &r.read) else { continue };
        spans.push(ctx.norm.span(f.start, f.end));
        bad.push(why.describe_row(r.label, r.columns.len()));
    }
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("缺少{}{}", first_few(&missing, 8, "、"), more_rows(missing.len(), 8)));
        if spans.is_empty() {
            let last = table.rows.iter().filter_map(|r| r.found.as_ref()).next_back();
            if let Some(f) = last {
                spans.push(ctx.norm.span(f.start, f.end));
            }
        }
    }
    if !misplaced.is_empty() {
        parts.push(format!(
            "{}{}的标签不在格式规定的位置（与数字分离或顺序错乱），未能读取",
            first_few(&misplaced, 8, "、"),
            more_rows(misplaced.len(), 8)
        ));
        if spans.is_empty() {
            spans.push(ctx.norm.span(table.start, table.start));
        }
    }
    if !bad.is_empty() {
        let shown: Vec<&str> = bad.iter().map(String::as_str).collect();
        parts.push(first_few(&shown, 6, "；") + &more_rows(bad.len(), 6));
    }
    if parts.is_empty() {
        return;
    }
    out.push(
        rule.finding(format!("{what}不完整：{}；相关的勾稽关系未作判断", crate::text::join(&parts, "；"))).spans(spans),
    );
}

/// The first `n` of `items` joined by `sep`.
fn first_few(items: &[&str], n: usize, sep: &str) -> String {
    items[..items.len().min(n)].join(sep)
}

/// "等 N 行" when more than `shown` rows are listed, else nothing.
fn more_rows(count: usize, shown: usize) -> String {
    if count > shown {
        format!("等 {count} 行")
    } else {
        String::new()
    }
}

/// A stated total whose listed parts add up to `sum` instead (N002, N006): the sentence, the
/// total, the parts and `how` the two differ ("相差", "多出"), on the total's and the parts' spans.
pub fn enumeration_finding(
    rule: &RuleInfo,
    ctx: &Context,
    e: &crate::narrative::Enumeration,
    sum: f64,
    how: &str,
) -> Diagnostic {
    let mut terms = String::new();
    let mut spans = vec![ctx.norm.span(e.total_span.0, e.total_span.1)];
    for &(value, (a, b)) in &e.parts {
        if !terms.is_empty() {
            terms.push('+');
        }
        terms.push_str(&fmt_num(value));
        spans.push(ctx.norm.span(a, b));
    }
    rule.finding(format!(
        "“{}…”：总数为 {} {}，所列分项之和 {} = {}，{how} {}",
        e.text,
        fmt_num(e.total),
        e.unit,
        terms,
        fmt_num(sum),
        fmt_num((sum - e.total).abs())
    ))
    .spans(spans)
}
