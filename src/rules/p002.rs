use super::prelude::*;
use crate::text::count_cjk;

pub const RULE: RuleInfo = RuleInfo {
    code: "P002",
    severity: Severity::Warning,
    title: rule_title!("看似表格但无法按格式读取"),
    doc: rule_doc!(
        r#"# P002 看似表格但无法按格式读取（warning）

**检查什么**：文本中有成行的数字，看起来是表格，但不在第二、三、四部分的表格中，无法对应到格式；
或者第二部分的表格缺少某些行、某一行的数值个数不对。

**为什么重要**：这些数字没有被检查。常见原因是章节标题丢失、表格被拆散（如 PDF 转换时标签和数字分离），
或在其他章节插入了自制表格。

**不通过的例子**：第二部分只找到“规章”“行政规范性文件”两行，其余行缺失。

**通过的例子**：第二部分四个小表齐全，每行数值个数与表头一致。

**如何修改**：检查粘贴是否完整、章节标题是否正确；从原始 Word 文档复制通常能保留表格结构。
"#
    ),
    check,
};

/// Lines with this many separate numbers look like table rows.
const NUMBERS_PER_ROW: usize = 5;

/// Cells like "62%" or "1.5万" that hold a number with a sign or unit.
fn count_numeric_cells(line: &str) -> usize {
    line.split(['\t', '|']).filter(|c| crate::text::trim_start(c).starts_with(|ch: char| ch.is_ascii_digit())).count()
}

/// The pieces of `line` between white space and `|` that are numbers, a byte at a time
/// (continuation bytes are neither).
fn count_numbers(line: &str) -> usize {
    let (bytes, mut numbers, mut piece, mut i) = (line.as_bytes(), 0, 0, 0);
    while i <= line.len() {
        let gap = match bytes.get(i) {
            None => 1,
            Some(b'|') => 1,
            Some(_) => crate::text::space_len_at(line, i),
        };
        if gap == 0 {
            i += 1;
            continue;
        }
        if piece < i && crate::layout::cells::parse_number(&line[piece..i]).is_some() {
            numbers += 1;
        }
        i += gap;
        piece = i;
    }
    numbers
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if let Some(table) = ctx.active.filter(|t| t.any_label_found()) {
        incomplete_rows(ctx, table, &RULE, "第二部分表格", out);
    }
    let norm = &ctx.norm.text;
    // Where tables are expected, as sorted ranges walked once alongside the lines (a paste
    // holding many reports has many sections).
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for t in [ctx.active, ctx.applications, ctx.reviews].into_iter().flatten() {
        covered.push((t.start, t.end));
    }
    for s in ctx.sections.iter().filter(|s| (2..=4).contains(&s.number)) {
        covered.push((s.start, s.end));
    }
    crate::sort::sort(&mut covered);
    let mut next_range = 0;
    // The end of a range that holds `pos`, if one does.
    let mut in_table = |pos: usize| {
        while next_range < covered.len() && covered[next_range].1 <= pos {
            next_range += 1;
        }
        covered[next_range..].iter().take_while(|r| r.0 <= pos).find(|r| pos < r.1).map(|r| r.1)
    };
    let bytes = norm.as_bytes();
    // The first line start at or after `pos`.
    let line_start_from = |pos: usize| {
        if pos == 0 || pos >= bytes.len() || bytes[pos - 1] == b'\n' {
            return pos.min(bytes.len());
        }
        crate::text::find_byte(&bytes[pos..], b'\n').map_or(bytes.len(), |i| pos + i + 1)
    };
    let mut block: Option<(usize, usize, usize)> = None;
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < norm.len() {
        let start = at;
        at = line_start_from(start + 1);
        let line = &norm[start..at];
        // Lines in the tables, and lines without a digit, are not looked at further; every line
        // that starts in a table's range is in the table, and is skipped with it.
        let table_end = in_table(start);
        if let Some(end) = table_end {
            at = at.max(line_start_from(end));
        }
        // A row of a TAB or `|` table with a number in it, or a line of bare numbers (the
        // cheaper count first: most lines with a digit are prose, with more than 12 ideographs).
        let tabular = table_end.is_none() && crate::text::has_digit(line.as_bytes()) && {
            // Two TABs, or three `|` (two cells between rules), at least.
            let at_least = |sep: u8, n: usize| crate::text::count_byte_up_to(line.as_bytes(), sep, n) == n;
            if at_least(b'\t', 2) || at_least(b'|', 3) {
                count_numbers(line) + count_numeric_cells(line) >= 1
            } else {
                count_cjk(line, 13) <= 12 && count_numbers(line) >= NUMBERS_PER_ROW
            }
        };
        match (&mut block, tabular) {
            (Some(b), true) => {
                b.1 = start + crate::text::trim_end(line).len();
                b.2 += 1;
            }
            (None, true) => block = Some((start, start + crate::text::trim_end(line).len(), 1)),
            (Some(_), false) => blocks.extend(block.take()),
            (None, false) => {}
        }
        if blocks.len() > 20 {
            break;
        }
    }
    blocks.extend(block);
    // A single line of bare numbers is a table row too; a single TAB line is not a table.
    for (s, e, _) in blocks
        .into_iter()
        .filter(|b| b.2 >= 2 || ctx.norm.text[b.0..b.1].split_whitespace().count() >= NUMBERS_PER_ROW)
        .take(20)
    {
        out.push(
            RULE.finding("这里有成行的数字，看起来是表格，但不在第二、三、四部分的表格中，未能按格式读取和检查")
                .span(ctx.norm.span(s, e)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::count_numbers;

    #[test]
    fn counts_numbers_as_a_split_at_white_space_and_bars_does() {
        let lines = [
            "",
            "1 2 3",
            "| 1 | 2 |3|",
            "总计\t12\t0.5\t/\t—\t3%",
            "1\u{3000}2\u{A0}3\u{2028}4 年5 6万元",
            " 12 ",
            "||",
            "一、 100 200 300 400 500 600",
            "1\u{85}2\u{200B}3",
        ];
        for line in lines {
            let expected = line
                .split(|c: char| c.is_whitespace() || c == '|')
                .filter(|t| !t.is_empty() && crate::layout::cells::parse_number(t).is_some())
                .count();
            assert_eq!(count_numbers(line), expected, "{line:?}");
        }
    }
}
