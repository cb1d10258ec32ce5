use super::figures::candidates;
use super::prelude::*;
use crate::narrative::Subject;
use crate::repair::{self, Equations, Unlocalised, Var};
use crate::report::{CellChange, CellMap, Repair, TextChange};
use crate::template::{Template, GROUPS};

pub const RULE: RuleInfo = RuleInfo {
    code: "R007",
    severity: Severity::Info,
    title: rule_title!("最可能的更正（需要改哪几个单元格）"),
    doc: rule_doc!(
        r#"# R007 最可能的更正（info）

**检查什么**：当第三部分或第四部分表格的勾稽关系（R001、R002、R003、L001）不成立时，找出
**改动最少、最可能**的一组单元格（以及正文中所述的数字），改动之后所有勾稽关系和正文所述数字
都成立，并给出每个单元格应改成的值（非负整数）。这是统计部门的“错误定位”方法
（Fellegi–Holt；荷兰统计局 errorlocate）：勾稽关系是一组线性等式，不成立的等式指出候选单元格，
在所有能使等式全部成立的改法中选权重之和最小的一组。

**权重**（越小越可能；一组改法的权重是各项之和）：

| 改动 | 权重 | 理由 |
|---|---|---|
| “总计”列或“（七）总计”行、第四部分各“总计”的单元格 | 0.6 | 最常见的真实错误是分项改了、合计没有跟着改 |
| 其他单元格 | 1.0 | |
| 正文所述的数字（N001 比较的数字） | 2.0 | 正文是另写的一份证据：与表格一致的改法更可能 |

最好的一组总是给出；次好的一组权重与最好的一组相差不超过 0.6 时也给出。空白、“/”或文字
单元格所在的勾稽关系不参与（R005 另行提示）。

**不通过的例子**：正文“受理依申请公开1件”；表格“一、本年新收”自然人 1、总计 0，
“（一）予以公开”自然人 1、总计 0，“（七）总计”全为 0。最可能的更正：把“一、本年新收”“（一）
予以公开”“（七）总计”的总计和“（七）总计”的自然人都改为 1（4 个合计单元格，权重 2.4）；
而把两个自然人改为 0 还得改正文（权重 4.0）。

**通过的例子**：所有勾稽关系都成立时，本规则不报告。

**无法定位时**：不成立的勾稽关系超过 12 个（一处笔误最多使 3 个不成立）、改 8 个单元格仍不能全部成立、或可能的组合
太多（尝试超过 5000 组）时，说明无法定位及其原因，不给出更正。

**如何修改**：核对建议改动的单元格；建议只是最可能的解释，以原始台账为准。
"#
    ),
    check,
};

/// Weights, in tenths (see the table in the documentation above).
const TOTAL_WEIGHT: u32 = 6;
const CELL_WEIGHT: u32 = 10;
const TEXT_WEIGHT: u32 = 20;

/// What the solver found: None when no identity fails.
pub(crate) type Localised = Option<Result<Vec<Repair>, Unlocalised>>;

/// A value the repair may change: a cell, or a figure the text states (its span, normalized).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Cell(CellRef),
    Stated(usize, usize),
}

impl Value {
    /// What changing it costs: a total more than another cell, a stated figure its own weight.
    fn weight(self, totals: &Totals) -> u32 {
        match self {
            Value::Cell(cell) => weight(&cell, totals),
            Value::Stated(..) => TEXT_WEIGHT,
        }
    }
}

/// Which rows and columns are a group's total, by key: looked up for every variable, worked out
/// once per system.
struct Totals {
    rows: [bool; RowKey::ALL.len()],
    cols: [bool; ColKey::ALL.len()],
}

impl Totals {
    fn new() -> Totals {
        let mut totals = Totals { rows: [false; RowKey::ALL.len()], cols: [false; ColKey::ALL.len()] };
        for g in &GROUPS {
            if let Some(r) = g.total_row {
                totals.rows[r as usize] = true;
            }
            if let Some(c) = g.total_col {
                totals.cols[c as usize] = true;
            }
        }
        totals
    }
}

/// The system's variables as R007 names them: `keys[v]` is variable v's value. A cell's is found
/// in a [`CellMap`], a stated figure's among the few there are.
struct Variables {
    vars: Vec<Var>,
    keys: Vec<Value>,
    /// Each cell's variable, plus one (0: none yet).
    cells: CellMap<u32>,
    /// Each stated figure's clause and variable.
    stated: Vec<((usize, usize), usize)>,
    totals: Totals,
}

impl Variables {
    /// The variable of `cell`, made with `value` the first time it is named (the identities
    /// name each cell many times).
    fn cell(&mut self, cell: CellRef, value: f64) -> usize {
        let place = self.cells.place(&cell);
        if let Some(v) = place.checked_sub(1) {
            return v as usize;
        }
        *place = self.vars.len() as u32 + 1;
        self.add(Value::Cell(cell), value)
    }

    /// The variable of the figure the text states at `clause`.
    fn stated(&mut self, clause: (usize, usize), value: f64) -> usize {
        if let Some(&(_, v)) = self.stated.iter().find(|s| s.0 == clause) {
            return v;
        }
        let v = self.add(Value::Stated(clause.0, clause.1), value);
        self.stated.push((clause, v));
        v
    }

    fn add(&mut self, key: Value, value: f64) -> usize {
        self.vars.push(Var { value, weight: key.weight(&self.totals) });
        self.keys.push(key);
        self.vars.len() - 1
    }
}

/// Builds the system (the judged identities, and each stated figure = its table cells) and
/// localises the failing identities.
pub(crate) fn localise(ctx: &Context) -> Localised {
    if !ctx.checks.iter().any(|c| matches!(c.outcome, Outcome::Fails { .. })) {
        return None;
    }
    // At most one variable per term named, and one per figure stated.
    let named = ctx.checks.iter().map(|c| c.terms().count()).sum::<usize>() + ctx.narrative.claims.len();
    let mut vars = Variables {
        vars: Vec::with_capacity(named),
        keys: Vec::with_capacity(named),
        cells: CellMap::new(),
        stated: Vec::new(),
        totals: Totals::new(),
    };
    let mut equations = Equations::with_capacity(ctx.checks.len() + ctx.narrative.claims.len(), named);
    for c in ctx.checks.iter().filter(|c| matches!(c.outcome, Outcome::Holds | Outcome::Fails { .. })) {
        // The left side's terms positive, the right side's negative.
        for (side, sign) in [(c.left(), 1.0), (c.right(), -1.0)] {
            for t in side.iter() {
                equations.push_term(vars.cell(t.cell, t.value.unwrap_or(0.0)), sign);
            }
        }
        equations.end_equation();
    }
    for claim in ctx.narrative.claims.iter().filter(|c| c.subject != Subject::Fees) {
        let Some(figures) = candidates(ctx, claim.subject).into_iter().collect::<Option<Vec<_>>>() else { continue };
        let Some(main) = figures.first() else { continue };
        // Evidence only about exact figures, and not when the text means another reading.
        let agrees = |f: &super::figures::Figure| f.admits(claim.value, claim.tolerance);
        if !main.exact || figures.iter().any(|f| f.partial) || (!agrees(main) && figures.iter().any(agrees)) {
            continue;
        }
        for cell in &main.cells {
            let Some(v) = ctx.cell(cell).and_then(number) else { continue };
            equations.push_term(vars.cell(*cell, v), 1.0);
        }
        equations.push_term(vars.stated(claim.clause, claim.value), -1.0);
        equations.end_equation();
    }
    let Variables { vars, keys, .. } = vars;
    let found = repair::localise_system(&vars, &equations);
    Some(found.map(|solutions| {
        solutions
            .into_iter()
            .map(|s| {
                let mut repair =
                    Repair { changes: Vec::new(), text_changes: Vec::new(), weight: f64::from(s.weight) / 10.0 };
                for (v, to) in s.changes {
                    match keys[v] {
                        Value::Cell(c) => repair.changes.push(CellChange {
                            table: c.table,
                            row: c.row,
                            col: c.col,
                            from: vars[v].value,
                            to,
                        }),
                        Value::Stated(start, end) => repair.text_changes.push(TextChange {
                            span: ctx.norm.span(start, end),
                            from: vars[v].value,
                            to,
                        }),
                    }
                }
                crate::sort::sort_by_key(&mut repair.changes, CellChange::cell);
                repair
            })
            .collect()
    }))
}

/// A total (a group's total row or column) is the likeliest cell to have been left un-updated.
fn weight(cell: &CellRef, totals: &Totals) -> u32 {
    if totals.rows[cell.row as usize] || totals.cols[cell.col as usize] {
        TOTAL_WEIGHT
    } else {
        CELL_WEIGHT
    }
}

/// "“一、本年新收政府信息公开申请数量”总计", "行政复议·总计".
fn cell_name(ctx: &Context, c: &CellRef) -> String {
    let col = Template::columns(c.table).iter().find(|d| d.key == c.col);
    match c.table {
        TableKey::Applications => {
            let row = ctx.tables.applications.as_ref().and_then(|t| t.row(c.row)).map_or("", |r| &*r.label);
            let row = crate::text::before(row, "（区分");
            format!("“{row}”{}", col.map_or("", |d| d.label))
        }
        TableKey::ReviewsLitigation => {
            let group = col.and_then(|d| d.groups.last()).map(|g| g.full_name()).unwrap_or_default();
            format!("{group}·{}", col.map_or("", |d| d.label))
        }
        TableKey::ActiveDisclosure => column_label(ctx, c.row, c.col).to_string(),
    }
}

fn describe(ctx: &Context, r: &Repair) -> String {
    let mut parts: Vec<String> = r
        .changes
        .iter()
        .map(|c| format!("{} {} → {}", cell_name(ctx, &c.cell()), fmt_num(c.from), fmt_num(c.to)))
        .collect();
    for t in &r.text_changes {
        let said = ctx.input.get(t.span.start..t.span.end).unwrap_or("").split_whitespace().collect::<String>();
        parts.push(format!("正文“{said}”中的 {} → {}", fmt_num(t.from), fmt_num(t.to)));
    }
    let cells = r.changes.len();
    let what = match (cells, r.text_changes.len()) {
        (n, 0) => format!("可能只需改 {n} 个单元格"),
        (0, t) => format!("可能只需改正文中的 {t} 个数字"),
        (n, t) => format!("可能只需改 {n} 个单元格和正文中的 {t} 个数字"),
    };
    format!("{what}：{}", crate::text::join(&parts, "，"))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(found) = ctx.repair else { return };
    match found {
        Ok(repairs) => {
            let Some(best) = repairs.first() else { return };
            let mut message = describe(ctx, best);
            if best.changes.is_empty() && best.text_changes.is_empty() {
                return;
            }
            if let Some(next) = repairs.get(1) {
                // Equal weights: the identities cannot tell the two apart.
                let how = if next.weight == best.weight { "同样可能" } else { "也可能" };
                message.push_str(&format!("；{how}是（{}）", describe(ctx, next)));
            }
            message.push_str(&format!("（权重 {}）", fmt_num(best.weight)));
            let spans = best
                .changes
                .iter()
                .filter_map(|c| ctx.cell(&c.cell()).map(|cell| cell.span))
                .chain(best.text_changes.iter().map(|t| t.span));
            out.push(RULE.finding(message).spans(spans).cells(best.changes.iter().map(CellChange::cell)));
        }
        Err(why) => {
            let reason = match why {
                Unlocalised::TooManyFailures(n) => {
                    format!("有 {n} 个勾稽关系不成立（超过 {} 个），表格离一致太远", repair::MAX_FAILING)
                }
                Unlocalised::TooManyChanges => {
                    format!("改 {} 个单元格仍不能使所有勾稽关系成立", repair::MAX_CHANGES)
                }
                Unlocalised::SearchLimit => format!("可能的改法太多（已尝试 {} 组）", repair::STATE_LIMIT),
            };
            let failing = ctx.checks.iter().filter(|c| matches!(c.outcome, Outcome::Fails { .. }));
            let spans: Vec<Span> = failing.flat_map(|c| c.spans()).take(1).collect();
            out.push(RULE.finding(format!("无法定位需要修改的单元格：{reason}")).spans(spans));
        }
    }
}
