//! Column-block text: what `pdftotext` gives in its default mode. It writes a table as text
//! blocks, one value per line, a blank line between blocks, and the row labels elsewhere
//! (often after their numbers). A row whose cells each stand in a block of their own comes as
//! seven one-line blocks (`21`, `0`, … `21`); rows that share a cell border come as seven taller
//! blocks, one per column, read down (`1 0 0 0 0 1 1 0 10 3` is the 自然人 column of ten rows).
//!
//! A table is read from its blocks only when the whole section is made of them and they fall
//! into the template's rows in exactly one way: groups of as many blocks as the table has
//! columns, the blocks of a group all of one height and separated by blank lines only, and as
//! many rows in all as the template has. Anything else is a [`BlockMismatch`]: the rows are
//! unreadable and say why. Numbers are never dealt out by counting them.

use crate::layout::cells::{is_page_footer, tokenize, ReadCell, TokKind};
use crate::report::CellKind;

/// Why column-block text could not be read as the template's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockMismatch {
    /// The blocks of one group are not all of one height.
    UnevenBlocks,
    /// Text stands between two blocks of one group.
    TextInsideGroup,
    /// The blocks make another number of rows than the template has.
    RowCount { found: usize, expected: usize },
    /// A group as tall as it is wide whose values read down differ from its values read across.
    Square,
    /// A row read by its label disagrees with the blocks.
    DisagreesWithLabels,
}

impl BlockMismatch {
    pub fn describe(&self) -> String {
        let why = match self {
            BlockMismatch::UnevenBlocks => "同一组数值块的高度不一".to_string(),
            BlockMismatch::TextInsideGroup => "同一组数值块之间夹有文字".to_string(),
            BlockMismatch::RowCount { found, expected } => format!("数值块合计 {found} 行，格式应为 {expected} 行"),
            BlockMismatch::Square => "数值块行数与列数相同，按行读与按列读结果不同".to_string(),
            BlockMismatch::DisagreesWithLabels => "按数值块读出的数与标签后的数不一致".to_string(),
        };
        format!("数值按列成块排列（PDF 默认文本），{why}，无法唯一对应到各行")
    }
}

/// One line of the section, as the block reader sees it.
enum Line {
    Blank,
    /// A line holding one number and nothing else.
    Value(ReadCell),
    /// Words (a label, a header, a page footer).
    Text,
}

/// Reads `rows` × `cols` cells from `norm[start..end]` when it is column-block text. `None`: it
/// is not (a line mixes numbers with words, or no group of blocks stands on its own), and the
/// labels' reading stands alone.
pub fn read_column_blocks(
    norm: &str,
    start: usize,
    end: usize,
    rows: usize,
    cols: usize,
) -> Option<Result<Vec<Vec<ReadCell>>, BlockMismatch>> {
    let lines = classify(norm, start, end)?;
    // Runs of value lines, and whether only blank lines stand between a run and the one before.
    let mut runs: Vec<(Vec<ReadCell>, bool)> = Vec::new();
    let mut current: Vec<ReadCell> = Vec::new();
    let mut text_since_run = true;
    for line in lines {
        match line {
            Line::Value(c) => current.push(c),
            Line::Blank | Line::Text => {
                if !current.is_empty() {
                    runs.push((std::mem::take(&mut current), !text_since_run));
                    text_since_run = false;
                }
                text_since_run |= matches!(line, Line::Text);
            }
        }
    }
    if !current.is_empty() {
        runs.push((current, !text_since_run));
    }
    // Column-block text shows itself by one group of blocks set apart by blank lines only.
    let signature = runs.windows(cols).any(|w| w[1..].iter().all(|(_, after_blank)| *after_blank));
    if cols < 2 || !signature {
        return None;
    }
    Some(read_groups(&runs, rows, cols))
}

fn read_groups(runs: &[(Vec<ReadCell>, bool)], rows: usize, cols: usize) -> Result<Vec<Vec<ReadCell>>, BlockMismatch> {
    let mut out: Vec<Vec<ReadCell>> = Vec::new();
    for group in runs.chunks(cols) {
        if group.len() < cols {
            return Err(BlockMismatch::RowCount { found: out.len(), expected: rows });
        }
        if group[1..].iter().any(|(_, after_blank)| !after_blank) {
            return Err(BlockMismatch::TextInsideGroup);
        }
        let height = group[0].0.len();
        if group.iter().any(|(run, _)| run.len() != height) {
            return Err(BlockMismatch::UnevenBlocks);
        }
        let down: Vec<Vec<ReadCell>> =
            (0..height).map(|r| group.iter().map(|(run, _)| run[r].clone()).collect()).collect();
        // Read across, the same group would be each block as one row.
        if height == cols && group.iter().zip(&down).any(|((run, _), row)| !same_values(run, row)) {
            return Err(BlockMismatch::Square);
        }
        out.extend(down);
        if out.len() > rows {
            break;
        }
    }
    if out.len() != rows {
        return Err(BlockMismatch::RowCount { found: out.len(), expected: rows });
    }
    Ok(out)
}

/// Same values and kinds, cell by cell.
pub fn same_values(a: &[ReadCell], b: &[ReadCell]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.kind == y.kind && x.value == y.value)
}

/// The section's lines; `None` when a line mixes digits with words (not column-block text).
fn classify(norm: &str, start: usize, end: usize) -> Option<Vec<Line>> {
    let mut out = Vec::new();
    let mut at = start;
    for line in crate::text::lines_inclusive(norm.get(start..end)?) {
        let ls = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            out.push(Line::Blank);
            continue;
        }
        if is_page_footer(body) {
            out.push(Line::Text);
            continue;
        }
        let tokens = tokenize(norm, ls, ls + body.len());
        match tokens.as_slice() {
            [t] if t.kind == TokKind::Value(CellKind::Number) => {
                // The same number reader as every other cell (no float parser in the wasm).
                let value = crate::layout::cells::parse_number(&norm[t.start..t.end])?;
                out.push(Line::Value(ReadCell {
                    kind: CellKind::Number,
                    value: Some(value),
                    start: t.start,
                    end: t.end,
                    inferred: false,
                }));
            }
            _ if digits_only_in_numbering(body) => out.push(Line::Text),
            _ => return None,
        }
    }
    Some(out)
}

/// Words whose only digits are a leading numbering (`1.属于国家秘密`, `2、重复申请`).
fn digits_only_in_numbering(line: &str) -> bool {
    let t = line.trim_start();
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest =
        if rest.len() < t.len() { rest.strip_prefix(['.', '．', '、', ')', '）']).unwrap_or("x0") } else { rest };
    !rest.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, rows: usize) -> Option<Result<Vec<Vec<f64>>, BlockMismatch>> {
        read_column_blocks(text, 0, text.len(), rows, 3)
            .map(|r| r.map(|rows| rows.iter().map(|r| r.iter().map(|c| c.value.unwrap()).collect()).collect()))
    }

    #[test]
    fn one_line_blocks_are_one_row_each_and_tall_blocks_are_read_down() {
        let text = "表头\n\n5\n\n0\n\n5\n标签\n1\n2\n\n0\n0\n\n1\n2\n\n标签二\n";
        assert_eq!(read(text, 3), Some(Ok(vec![vec![5.0, 0.0, 5.0], vec![1.0, 0.0, 1.0], vec![2.0, 0.0, 2.0]])));
    }

    #[test]
    fn a_structure_that_is_not_the_template_is_a_mismatch_not_a_guess() {
        let uneven = "5\n\n0\n\n5\n标签\n1\n2\n\n0\n\n1\n2\n";
        assert_eq!(read(uneven, 3), Some(Err(BlockMismatch::UnevenBlocks)));
        let short = "5\n\n0\n\n5\n";
        assert_eq!(read(short, 2), Some(Err(BlockMismatch::RowCount { found: 1, expected: 2 })));
        let text_inside = "5\n\n0\n\n5\n\n1\n标签\n0\n\n1\n";
        assert_eq!(read(text_inside, 2), Some(Err(BlockMismatch::TextInsideGroup)));
        // Three blocks of three: read down or across differ.
        let square = "1\n2\n3\n\n4\n5\n6\n\n7\n8\n9\n";
        assert_eq!(read(square, 3), Some(Err(BlockMismatch::Square)));
        let symmetric = "1\n2\n3\n\n2\n5\n6\n\n3\n6\n9\n";
        assert!(matches!(read(symmetric, 3), Some(Ok(_))));
    }

    #[test]
    fn rows_on_lines_with_their_labels_are_not_column_blocks() {
        assert_eq!(read("一、新收 5 0 5\n二、结转 1 0 1\n", 2), None);
        // One value per line with labels between rows (a web table copied cell by cell): no group
        // of blocks set apart by blank lines.
        assert_eq!(read("一、新收\n5\n0\n5\n二、结转\n1\n0\n1\n", 2), None);
        assert_eq!(read("2023 年共收到 5 件\n\n5\n\n0\n\n5\n", 1), None);
    }

    #[test]
    fn numbering_is_not_a_value() {
        assert!(digits_only_in_numbering("1.属于国家秘密"));
        assert!(digits_only_in_numbering("（三）不予公开"));
        assert!(!digits_only_in_numbering("收到 21 件"));
        assert!(!digits_only_in_numbering("21 0"));
    }
}
