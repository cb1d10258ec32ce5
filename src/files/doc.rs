//! `.doc` (Word 97–2003, and WPS saving in that format): the main text read as the text a person
//! would paste, in the shape [`super::docx`] gives:
//!
//! - the `WordDocument` stream's FIB gives the main text's length (`ccpText`; headers, footers,
//!   footnotes and comments follow it and are left out) and where, in the `0Table`/`1Table`
//!   stream, the piece table (CLX) and the paragraph properties' index (PlcBtePapx) are;
//! - the piece table maps character positions to the text: 8-bit (Windows-1252) or UTF-16 pieces;
//! - paragraphs end with `\r`, table cells with `\x07`; a row's end mark is told from a cell's
//!   (an empty cell is also a bare `\x07`) by its paragraph properties (`sprmPFTtp`,
//!   `sprmPFInnerTtp`), read from the PAPX pages (FKPs); nested cells by `sprmPFInnerTableCell`;
//! - a row is one line of TAB-separated cells; a cell wider than the table's narrowest columns
//!   (Word's merged cells, `sprmTDefTable`'s boundaries) is followed by empty fields, as
//!   `w:gridSpan` is in a `.docx`; a table that holds another is layout, its cells' paragraphs
//!   written as lines;
//! - field codes (`\x13` … `\x14`) are dropped and their results (`\x14` … `\x15`) kept; other
//!   control characters (pictures, objects, note marks) dropped;
//! - automatic list numbers (a paragraph's `sprmPIlfo`/`sprmPIlvl`, the lists in PlfLst and
//!   PlfLfo) are written as Word shows them, counted as in a `.docx` ([`super::numbering`]).
//!
//! Not read, and refused with a message asking for a `.docx`: encrypted files, Word 6/95 files,
//! and fast-saved ("complex") files, whose paragraph properties may live in the piece table.
//! Bounded: sizes and offsets checked against the streams, loops bounded by the streams' sizes.

use super::cfb::{u32_at, Cfb};
use super::numbering::{Level, Numbering};
use super::{append_joined, FileError};

/// How many characters of main text a document may have (a report has ~20 000).
const MAX_CHARS: usize = 16 << 20;
/// Fields nested deeper than this are not told apart (their text is dropped).
const MAX_FIELD_DEPTH: usize = 32;
/// Tables nested deeper than this are read as the deepest.
const MAX_TABLE_DEPTH: usize = 16;
/// How many empty fields spans may add in all (as in the `.docx` reader).
const SPAN_BUDGET: usize = 1_000_000;
/// A cell is followed by at most this many empty fields.
const MAX_SPAN: usize = 64;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

pub fn text(bytes: &[u8]) -> Result<String, FileError> {
    let cfb = Cfb::open(bytes)?;
    let word = cfb.stream("WordDocument")?.ok_or(FileError::Damaged)?;
    let fib = Fib::read(&word)?;
    let table_name = if fib.which_table { "1Table" } else { "0Table" };
    let table = cfb.stream(table_name)?.ok_or(FileError::Damaged)?;
    let pieces = pieces(&table, fib.clx)?;
    let chars = main_text(&word, &pieces, fib.ccp_text)?;
    // Paragraph properties too large for their page are in the `Data` stream.
    let data = cfb.stream("Data")?.unwrap_or_default();
    let papx = paragraph_runs(&word, &table, &data, fib.bte_papx)?;
    let lists = fib.lists.map_or_else(Numbering::default, |(lst, lfo)| lists(&table, lst, lfo));
    write(&chars, &papx, lists)
}

struct Fib {
    ccp_text: usize,
    which_table: bool,
    clx: (usize, usize),
    bte_papx: (usize, usize),
    /// The list definitions (PlfLst) and the lists' instances (PlfLfo), when there are lists.
    lists: Option<((usize, usize), (usize, usize))>,
}

impl Fib {
    fn read(w: &[u8]) -> Result<Fib, FileError> {
        let damaged = FileError::Damaged;
        if u16_at(w, 0) != Some(0xA5EC) {
            return Err(damaged);
        }
        // Word 97 and later: nFib 193 (0xC1) or more; Word 6/95 files have another layout.
        let n_fib = u16_at(w, 2).ok_or(damaged)?;
        let flags = u16_at(w, 0x0A).ok_or(damaged)?;
        if flags & 0x0100 != 0 || flags & 0x8000 != 0 {
            return Err(FileError::DocEncrypted);
        }
        if n_fib < 0xC1 || flags & 0x0004 != 0 {
            return Err(FileError::Doc);
        }
        let csw = usize::from(u16_at(w, 0x20).ok_or(damaged)?);
        let lw = 0x22 + 2 * csw + 2;
        let cslw = usize::from(u16_at(w, lw - 2).ok_or(damaged)?);
        let ccp_text = u32_at(w, lw + 12).ok_or(damaged)? as usize;
        let fc_lcb = lw + 4 * cslw + 2;
        let count = usize::from(u16_at(w, fc_lcb - 2).ok_or(damaged)?);
        let pair = |i: usize| -> Result<(usize, usize), FileError> {
            if i >= count {
                return Err(damaged);
            }
            let at = fc_lcb + 8 * i;
            Ok((u32_at(w, at).ok_or(damaged)? as usize, u32_at(w, at + 4).ok_or(damaged)? as usize))
        };
        if ccp_text > MAX_CHARS {
            return Err(FileError::TooLarge);
        }
        let lists = pair(73).and_then(|lst| Ok((lst, pair(74)?))).ok().filter(|(lst, _)| lst.1 > 0);
        Ok(Fib { ccp_text, which_table: flags & 0x0200 != 0, clx: pair(33)?, bte_papx: pair(13)?, lists })
    }
}

/// One piece of the text: characters `cp..cp_end` are at byte `fc` of the `WordDocument`
/// stream, one byte each (Windows-1252) when `compressed`, else two (UTF-16LE).
struct Piece {
    cp: usize,
    cp_end: usize,
    fc: usize,
    compressed: bool,
}

fn slice(b: &[u8], (at, len): (usize, usize)) -> Result<&[u8], FileError> {
    b.get(at..at.checked_add(len).ok_or(FileError::Damaged)?).ok_or(FileError::Damaged)
}

/// The piece table from the CLX: property runs (`Prc`, skipped), then the `PlcPcd`.
fn pieces(table: &[u8], clx: (usize, usize)) -> Result<Vec<Piece>, FileError> {
    let clx = slice(table, clx)?;
    let damaged = FileError::Damaged;
    let mut at = 0;
    while clx.get(at) == Some(&1) {
        let len = u16_at(clx, at + 1).ok_or(damaged)? as i16;
        at += 3 + usize::try_from(len).map_err(|_| damaged)?;
    }
    if clx.get(at) != Some(&2) {
        return Err(damaged);
    }
    let lcb = u32_at(clx, at + 1).ok_or(damaged)? as usize;
    let plc = slice(clx, (at + 5, lcb))?;
    if lcb < 4 || (lcb - 4) % 12 != 0 {
        return Err(damaged);
    }
    let n = (lcb - 4) / 12;
    let cp = |i: usize| u32_at(plc, 4 * i).map(|v| v as usize).ok_or(damaged);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let fc = u32_at(plc, 4 * (n + 1) + 8 * i + 2).ok_or(damaged)?;
        let compressed = fc & 0x4000_0000 != 0;
        let fc = (fc & 0x3FFF_FFFF) as usize;
        let (start, end) = (cp(i)?, cp(i + 1)?);
        if end < start || out.last().is_some_and(|p: &Piece| p.cp_end != start) {
            return Err(damaged);
        }
        out.push(Piece { cp: start, cp_end: end, fc: if compressed { fc / 2 } else { fc }, compressed });
    }
    Ok(out)
}

/// Windows-1252's characters for bytes 0x80–0x9F (the rest are Latin-1).
const CP1252: [u16; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D,
    0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
    0x017E, 0x0178,
];

/// The main text's characters (UTF-16 units), each with the byte position of its character in
/// the `WordDocument` stream (where paragraph properties are indexed).
fn main_text(word: &[u8], pieces: &[Piece], ccp_text: usize) -> Result<Vec<(u16, usize)>, FileError> {
    let mut out = Vec::with_capacity(ccp_text.min(word.len()));
    for p in pieces {
        if p.cp >= ccp_text {
            break;
        }
        let n = p.cp_end.min(ccp_text) - p.cp;
        let width = if p.compressed { 1 } else { 2 };
        let bytes = slice(word, (p.fc, n.checked_mul(width).ok_or(FileError::Damaged)?))?;
        for (i, c) in bytes.chunks_exact(width).enumerate() {
            let unit = match *c {
                [b @ 0x80..=0x9F] => CP1252[usize::from(b - 0x80)],
                [b] => u16::from(b),
                [lo, hi] => u16::from_le_bytes([lo, hi]),
                _ => 0,
            };
            out.push((unit, p.fc + i * width));
        }
    }
    Ok(out)
}

/// A paragraph's table properties, for the paragraphs whose marks are at bytes `fc..fc_end`.
#[derive(Clone, Copy, Default)]
struct Para {
    fc: usize,
    fc_end: usize,
    in_table: bool,
    depth: usize,
    row_end: bool,
    inner_cell: bool,
    inner_row_end: bool,
    /// The paragraph's list instance (1-based; 0: none) and level (`sprmPIlfo`, `sprmPIlvl`).
    ilfo: u16,
    ilvl: u8,
    /// The row's cell boundaries (`sprmTDefTable`), on a row's end mark: an index into
    /// [`Runs::bounds`].
    bounds: Bounds,
}

struct Runs {
    paras: Vec<Para>,
    bounds: Vec<i16>,
}

/// The paragraph property runs of every PAPX page (FKP) the PlcBtePapx lists, sorted by position.
fn paragraph_runs(word: &[u8], table: &[u8], data: &[u8], bte: (usize, usize)) -> Result<Runs, FileError> {
    let plc = slice(table, bte)?;
    let damaged = FileError::Damaged;
    if plc.len() < 4 || (plc.len() - 4) % 8 != 0 {
        return Err(damaged);
    }
    let n = (plc.len() - 4) / 8;
    let mut runs = Runs { paras: Vec::new(), bounds: Vec::new() };
    for i in 0..n {
        let page = (u32_at(plc, 4 * (n + 1) + 4 * i).ok_or(damaged)? & 0x003F_FFFF) as usize;
        let fkp = slice(word, (page * 512, 512))?;
        let crun = usize::from(fkp[511]);
        if 4 * (crun + 1) + 13 * crun > 511 {
            return Err(damaged);
        }
        for r in 0..crun {
            let fc = u32_at(fkp, 4 * r).ok_or(damaged)? as usize;
            let fc_end = u32_at(fkp, 4 * (r + 1)).ok_or(damaged)? as usize;
            let mut para = Para { fc, fc_end, ..Para::default() };
            let b_offset = 2 * usize::from(fkp[4 * (crun + 1) + 13 * r]);
            if b_offset != 0 {
                let grpprl = papx_sprms(fkp, b_offset).ok_or(damaged)?;
                read_sprms(grpprl, data, &mut para, &mut runs.bounds);
            }
            // In order, as Word writes them (so a lookup is a binary search, with no sort).
            if runs.paras.last().is_some_and(|last| last.fc > fc) {
                return Err(damaged);
            }
            runs.paras.push(para);
        }
    }
    Ok(runs)
}

/// The sprms of a PapxInFkp at `at` in its page (after the style index).
fn papx_sprms(fkp: &[u8], at: usize) -> Option<&[u8]> {
    let cb = usize::from(*fkp.get(at)?);
    let (start, len) = if cb == 0 { (at + 2, 2 * usize::from(*fkp.get(at + 1)?)) } else { (at + 1, 2 * cb - 1) };
    let grpprl = fkp.get(start..start.checked_add(len)?)?;
    grpprl.get(2..) // istd
}

const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_F_INNER_TABLE_CELL: u16 = 0x244B;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_P_ILFO: u16 = 0x460B;
const SPRM_P_ILVL: u16 = 0x260A;
const SPRM_P_CHG_TABS: u16 = 0xC615;
/// The paragraph's sprms are in the `Data` stream at this offset (a `PrcData`).
const SPRM_P_HUGE_PAPX: u16 = 0x6646;

/// Walks a grpprl, noting the table properties; stops at the first sprm that does not fit.
fn read_sprms(g: &[u8], data: &[u8], para: &mut Para, bounds: &mut Vec<i16>) {
    let mut at = 0;
    while let Some(sprm) = u16_at(g, at) {
        let op = at + 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                SPRM_T_DEF_TABLE => match u16_at(g, op) {
                    Some(cb) => 2 + usize::from(cb).saturating_sub(1),
                    None => return,
                },
                SPRM_P_CHG_TABS if g.get(op) == Some(&255) => {
                    let Some(&del) = g.get(op + 1) else { return };
                    let add_at = op + 2 + 4 * usize::from(del);
                    let Some(&add) = g.get(add_at) else { return };
                    add_at - op + 1 + 3 * usize::from(add)
                }
                _ => match g.get(op) {
                    Some(&cb) => 1 + usize::from(cb),
                    None => return,
                },
            },
        };
        let Some(operand) = g.get(op..op + len) else { return };
        let flag = operand.first().is_some_and(|&b| b != 0);
        match sprm {
            SPRM_P_F_IN_TABLE => para.in_table = flag,
            SPRM_P_F_TTP => para.row_end = flag,
            SPRM_P_F_INNER_TABLE_CELL => para.inner_cell = flag,
            SPRM_P_F_INNER_TTP => para.inner_row_end = flag,
            SPRM_P_ILFO => para.ilfo = u16_at(operand, 0).unwrap_or(0),
            SPRM_P_ILVL => para.ilvl = operand[0],
            SPRM_P_ITAP => para.depth = u32_at(operand, 0).map_or(0, |d| (d as usize).min(MAX_TABLE_DEPTH)),
            SPRM_T_DEF_TABLE => {
                let cells = usize::from(*operand.get(2).unwrap_or(&0));
                let xs: Vec<i16> = (0..=cells).map_while(|i| u16_at(operand, 3 + 2 * i).map(|v| v as i16)).collect();
                if xs.len() == cells + 1 {
                    para.bounds = Some((bounds.len(), xs.len()));
                    bounds.extend(xs);
                }
            }
            SPRM_P_HUGE_PAPX => {
                // Not followed further from there: a huge PAPX holds no other huge PAPX.
                let huge = u32_at(operand, 0).and_then(|at| {
                    let at = at as usize;
                    let len = usize::from(u16_at(data, at)?);
                    data.get(at.checked_add(2)?..at.checked_add(2 + len)?)
                });
                if let Some(huge) = huge {
                    read_sprms(huge, &[], para, bounds);
                }
            }
            _ => {}
        }
        at = op + len;
    }
}

/// The list formats (`nfc`) as `w:numFmt` names them; the rest give no number.
fn number_format(nfc: u8) -> &'static str {
    match nfc {
        0 => "decimal",
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        10 => "ideographDigital",
        11 => "japaneseCounting",
        14 => "decimalFullWidth",
        18 => "decimalEnclosedCircle",
        19 => "decimalFullWidth2",
        22 => "decimalZero",
        26 => "decimalEnclosedFullstop",
        27 => "decimalEnclosedParen",
        28 => "decimalEnclosedCircleChinese",
        30 => "ideographTraditional",
        31 => "ideographZodiac",
        33 => "taiwaneseCounting",
        37 => "chineseCounting",
        38 => "chineseLegalSimplified",
        39 => "chineseCountingThousand",
        _ => "none",
    }
}

/// Word's automatic list numbers: the lists (PlfLst: LSTF records, then each list's one or nine
/// LVLs) and the instances paragraphs name (PlfLfo), as [`Numbering`] counts them. What cannot be
/// read gives no lists (the text without numbers, as before), never a wrong number.
fn lists(table: &[u8], lst: (usize, usize), lfo: (usize, usize)) -> Numbering {
    let read = || -> Option<Numbering> {
        // The LVLs follow the PlfLst, outside its length.
        slice(table, lst).ok()?;
        let lst = table.get(lst.0..)?;
        let count = usize::try_from(u16_at(lst, 0)? as i16).ok()?;
        let mut at = 2 + 28 * count;
        let mut ids = Vec::with_capacity(count.min(lst.len() / 28));
        let mut lists = Vec::new();
        for i in 0..count {
            let lstf = lst.get(2 + 28 * i..2 + 28 * (i + 1))?;
            ids.push(u32_at(lstf, 0)?);
            let simple = lstf[26] & 1 != 0;
            let mut levels = Vec::new();
            for _ in 0..if simple { 1 } else { 9 } {
                let lvlf = lst.get(at..at + 28)?;
                let (chpx, papx) = (usize::from(lvlf[24]), usize::from(lvlf[25]));
                let xst = at + 28 + papx + chpx;
                let cch = usize::from(u16_at(lst, xst)?);
                let units = lst.get(xst + 2..xst + 2 + 2 * cch)?;
                let mut text = String::new();
                for c in char::decode_utf16(units.chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]]))) {
                    match c.unwrap_or('\u{FFFD}') {
                        // A placeholder: level n's number.
                        d @ '\0'..='\u{8}' => {
                            text.push('%');
                            text.push(char::from(b'1' + d as u8));
                        }
                        c => text.push(c),
                    }
                }
                let suffix = match lvlf[15] {
                    0 => "tab",
                    1 => "space",
                    _ => "nothing",
                };
                levels.push(Level {
                    start: u32_at(lvlf, 0)?,
                    format: number_format(lvlf[4]).into(),
                    text,
                    suffix: suffix.into(),
                });
                at = xst + 2 + 2 * cch;
            }
            lists.push(levels);
        }
        let lfo = slice(table, lfo).ok()?;
        let n = (u32_at(lfo, 0)? as usize).min(lfo.len() / 16);
        let num_lists: Vec<Option<usize>> =
            (0..n).map(|k| u32_at(lfo, 4 + 16 * k).and_then(|lsid| ids.iter().position(|&id| id == lsid))).collect();
        Some(Numbering::from_lists(lists, &num_lists))
    };
    read().unwrap_or_default()
}

impl Runs {
    /// The properties of the paragraph whose mark is at byte `fc`.
    fn at(&self, fc: usize) -> Para {
        let i = self.paras.partition_point(|p| p.fc <= fc);
        match i.checked_sub(1).map(|i| self.paras[i]) {
            Some(p) if fc < p.fc_end => p,
            _ => Para::default(),
        }
    }
}

#[derive(Default)]
struct Cell {
    /// The cell as one field: paragraphs joined by a space (none between CJK).
    inline: String,
    /// The cell as lines, for a layout table.
    lines: String,
}

/// A row's cell boundaries: where in [`Runs::bounds`], how many.
type Bounds = Option<(usize, usize)>;

#[derive(Default)]
struct Table {
    rows: Vec<(Vec<Cell>, Bounds)>,
    row: Vec<Cell>,
    cell: Cell,
    layout: bool,
}

struct Writer<'r> {
    out: String,
    tables: Vec<Table>,
    runs: &'r Runs,
    span_budget: usize,
    /// Cells no row-end mark closed: the row marks were not read right.
    unclosed: bool,
}

impl Writer<'_> {
    fn paragraph(&mut self, para: &str, depth: usize) {
        while self.tables.len() > depth {
            self.end_table();
        }
        while self.tables.len() < depth {
            for t in &mut self.tables {
                t.layout = true;
            }
            self.tables.push(Table::default());
        }
        let Some(t) = self.tables.last_mut() else {
            self.out.push_str(para);
            self.out.push('\n');
            return;
        };
        // A line break in a cell joins as a paragraph does (as `w:br` in a `.docx` cell).
        for line in para.split('\n') {
            append_joined(&mut t.cell.inline, &line.replace('\t', " "));
        }
        t.cell.lines.push_str(para);
        t.cell.lines.push('\n');
    }

    fn end_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            let cell = std::mem::take(&mut t.cell);
            t.row.push(cell);
        }
    }

    fn end_row(&mut self, bounds: Bounds) {
        if let Some(t) = self.tables.last_mut() {
            t.cell = Cell::default();
            let row = std::mem::take(&mut t.row);
            t.rows.push((row, bounds));
        }
    }

    fn end_table(&mut self) {
        let Some(mut table) = self.tables.pop() else { return };
        if !table.row.is_empty() || !table.cell.inline.is_empty() {
            self.unclosed = true;
            let cell = std::mem::take(&mut table.cell);
            table.row.push(cell);
            table.rows.push((std::mem::take(&mut table.row), None));
        }
        // The table's columns: every boundary of every row, as `w:tblGrid` would list them.
        let mut grid: Vec<i16> = Vec::new();
        for (_, b) in &table.rows {
            if let Some((at, n)) = *b {
                for &x in &self.runs.bounds[at..at + n] {
                    let i = grid.partition_point(|&g| g < x);
                    if grid.get(i) != Some(&x) {
                        grid.insert(i, x);
                    }
                }
            }
        }
        let mut text = String::new();
        for (row, b) in table.rows {
            if table.layout {
                for cell in row {
                    text.push_str(&cell.lines);
                }
                continue;
            }
            if row.iter().all(|c| c.inline.trim().is_empty()) {
                continue;
            }
            // Fields before each cell and after it, from the grid; none when the row's boundaries
            // do not match its cells.
            let xs = b.map(|(at, n)| &self.runs.bounds[at..at + n]).filter(|xs| xs.len() == row.len() + 1);
            let columns = |from: i16, to: i16| grid.iter().filter(|&&g| g > from && g <= to).count();
            if let Some(xs) = xs {
                let before = self.extra(columns(grid.first().copied().unwrap_or(xs[0]), xs[0]));
                text.extend(std::iter::repeat_n('\t', before));
            }
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    text.push('\t');
                }
                text.push_str(&cell.inline);
                if let Some(xs) = xs {
                    let after = self.extra(columns(xs[i], xs[i + 1]).saturating_sub(1));
                    text.extend(std::iter::repeat_n('\t', after));
                }
            }
            text.push('\n');
        }
        match self.tables.last_mut() {
            None => self.out.push_str(&text),
            Some(t) => t.cell.lines.push_str(&text),
        }
    }

    fn extra(&mut self, n: usize) -> usize {
        let n = n.min(MAX_SPAN).min(self.span_budget);
        self.span_budget -= n;
        n
    }
}

/// The text, paragraph by paragraph, fields reduced to their results; refused when a table's
/// cells are not closed by a row-end mark (the rows would run together: a wrong reading).
fn write(chars: &[(u16, usize)], runs: &Runs, mut lists: Numbering) -> Result<String, FileError> {
    let mut w = Writer { out: String::new(), tables: Vec::new(), runs, span_budget: SPAN_BUDGET, unclosed: false };
    let mut units: Vec<u16> = Vec::new();
    // Open fields: `true` once past the separator (the result, which is kept).
    let mut fields: Vec<bool> = Vec::new();
    let mut too_deep = 0usize;
    for &(c, fc) in chars {
        match c {
            0x13 => {
                if fields.len() < MAX_FIELD_DEPTH {
                    fields.push(false);
                } else {
                    too_deep += 1;
                }
            }
            0x14 => {
                if too_deep == 0 {
                    if let Some(f) = fields.last_mut() {
                        *f = true;
                    }
                }
            }
            0x15 => {
                if too_deep > 0 {
                    too_deep -= 1;
                } else {
                    fields.pop();
                }
            }
            0x0D | 0x07 => {
                let p = runs.at(fc);
                let depth = if p.depth > 0 && p.in_table { p.depth } else { usize::from(p.in_table || c == 0x07) };
                let row_end = if depth > 1 { p.inner_row_end } else { p.row_end };
                if row_end {
                    units.clear();
                    w.paragraph("", depth);
                    w.end_row(p.bounds);
                    continue;
                }
                let mut para = String::new();
                if p.ilfo != 0 {
                    para.extend(lists.next(u32::from(p.ilfo), usize::from(p.ilvl)));
                }
                para.push_str(&String::from_utf16_lossy(&units));
                units.clear();
                w.paragraph(&para, depth);
                if depth > 0 && (c == 0x07 || p.inner_cell) {
                    w.end_cell();
                }
            }
            _ if too_deep > 0 || fields.iter().any(|&result| !result) => {}
            0x09 => units.push(c),
            // A line break, a page or section break, a column break.
            0x0B | 0x0C | 0x0E => units.push(u16::from(b'\n')),
            0x1E => units.push(u16::from(b'-')),
            // Pictures, objects, note and comment marks, optional hyphens, other controls.
            0x00..=0x1F => {}
            _ => units.push(c),
        }
    }
    if !units.is_empty() {
        let para = String::from_utf16_lossy(&units);
        w.paragraph(&para, 0);
    }
    while !w.tables.is_empty() {
        w.end_table();
    }
    if w.unclosed {
        return Err(FileError::Doc);
    }
    Ok(w.out)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    mod cfb_writer {
        include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/common/cfb_writer.rs"));
    }
    use cfb_writer::cfb;

    /// A paragraph of the synthetic document: its text (the mark included) and properties.
    pub enum P<'a> {
        Body(&'a str),
        Cell(&'a str),
        /// A row's end mark, with the row's cell boundaries.
        RowEnd(&'a [i16]),
    }

    fn sprm(out: &mut Vec<u8>, id: u16, operand: &[u8]) {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(operand);
    }

    /// A `.doc`: `intro` as one 8-bit piece, `paras` as one UTF-16 piece, then `notes` after the
    /// main text (as a footnote's text is).
    pub fn doc(intro: &[u8], paras: &[P], notes: &str) -> Vec<u8> {
        let (intro_fc, text_fc, fkp_page) = (1024usize, 1536usize, 8usize);
        let mut word = vec![0u8; fkp_page * 512 + 512];
        word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        word[2..4].copy_from_slice(&0xC1u16.to_le_bytes());
        word[0x20..0x22].copy_from_slice(&14u16.to_le_bytes());
        word[0x3E..0x40].copy_from_slice(&22u16.to_le_bytes());
        word[0x98..0x9A].copy_from_slice(&93u16.to_le_bytes());
        word[intro_fc..intro_fc + intro.len()].copy_from_slice(intro);
        let mut units: Vec<u16> = Vec::new();
        // (fc of the paragraph's start, fc after its mark, its sprms)
        let mut runs: Vec<(usize, usize, Vec<u8>)> = Vec::new();
        for p in paras {
            let start = text_fc + 2 * units.len();
            let mut g = Vec::new();
            match p {
                P::Body(t) => units.extend(t.encode_utf16()),
                P::Cell(t) => {
                    units.extend(t.encode_utf16());
                    sprm(&mut g, SPRM_P_F_IN_TABLE, &[1]);
                }
                P::RowEnd(xs) => {
                    units.push(7);
                    sprm(&mut g, SPRM_P_F_IN_TABLE, &[1]);
                    sprm(&mut g, SPRM_P_F_TTP, &[1]);
                    let mut op = ((1 + 2 * xs.len()) as u16 + 1).to_le_bytes().to_vec();
                    op.push(xs.len() as u8 - 1);
                    op.extend(xs.iter().flat_map(|x| x.to_le_bytes()));
                    sprm(&mut g, SPRM_T_DEF_TABLE, &op);
                }
            }
            runs.push((start, text_fc + 2 * units.len(), g));
        }
        let ccp_text = intro.len() + units.len();
        units.extend(notes.encode_utf16());
        for (i, u) in units.iter().enumerate() {
            word[text_fc + 2 * i..text_fc + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        word[0x4C..0x50].copy_from_slice(&(ccp_text as u32).to_le_bytes());
        // The PAPX page.
        let fkp = &mut word[fkp_page * 512..fkp_page * 512 + 512];
        let crun = runs.len();
        let mut free = 511;
        for (r, (start, end, g)) in runs.iter().enumerate() {
            fkp[4 * r..4 * r + 4].copy_from_slice(&(*start as u32).to_le_bytes());
            fkp[4 * r + 4..4 * r + 8].copy_from_slice(&(*end as u32).to_le_bytes());
            let mut papx = vec![0u8, 0, 0, 0]; // cb 0, cb', istd
            papx.extend(g);
            if papx.len() % 2 == 1 {
                papx.push(0);
            }
            papx[1] = ((papx.len() - 2) / 2) as u8;
            free = (free - papx.len()) & !1;
            fkp[free..free + papx.len()].copy_from_slice(&papx);
            fkp[4 * (crun + 1) + 13 * r] = (free / 2) as u8;
        }
        fkp[511] = crun as u8;
        // The table stream: the CLX, then the PlcBtePapx.
        let mut table = vec![2u8];
        let mut plc = Vec::new();
        for cp in [0, intro.len(), ccp_text + notes.encode_utf16().count()] {
            plc.extend((cp as u32).to_le_bytes());
        }
        for (fc, compressed) in [(intro_fc, true), (text_fc, false)] {
            let fc = if compressed { (2 * fc as u32) | 0x4000_0000 } else { fc as u32 };
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0, 0]);
        }
        table.extend((plc.len() as u32).to_le_bytes());
        table.extend(plc);
        let clx = (0, table.len());
        let bte_at = table.len();
        for v in [text_fc as u32, (text_fc + 2 * units.len()) as u32, fkp_page as u32] {
            table.extend(v.to_le_bytes());
        }
        let blob = |word: &mut Vec<u8>, i: usize, (fc, lcb): (usize, usize)| {
            let at = 0x9A + 8 * i;
            word[at..at + 4].copy_from_slice(&(fc as u32).to_le_bytes());
            word[at + 4..at + 8].copy_from_slice(&(lcb as u32).to_le_bytes());
        };
        blob(&mut word, 33, clx);
        blob(&mut word, 13, (bte_at, 12));
        cfb(&[("WordDocument", &word), ("0Table", &table)])
    }

    fn sample() -> Vec<u8> {
        doc(
            b"A\x93B\x94 \x13 PAGE \\* MERGEFORMAT \x143\x15\x01\r",
            &[
                P::Body("一、总体情况\r"),
                P::Cell("甲\x07"),
                P::Cell("\x07"),
                P::RowEnd(&[0, 1000, 3000]),
                P::Cell("（三）不予\r"),
                P::Cell("公开\x07"),
                P::Cell("\x13 =1+2 \x14\x153\x07"),
                P::RowEnd(&[0, 2000, 3000]),
                P::Body("后\x0B记\r"),
            ],
            "脚注\r",
        )
    }

    #[test]
    fn pieces_fields_cells_and_rows() {
        let file = sample();
        assert_eq!(super::super::sniff(&file), super::super::Kind::Doc);
        assert_eq!(text(&file).unwrap(), "A\u{201C}B\u{201D} 3\n一、总体情况\n甲\t\t\n（三）不予公开\t\t3\n后\n记\n");
    }

    #[test]
    fn lists_read_or_none() {
        // One simple list (LSTF, then its one LVL: decimal from 3, "%1." then nothing), one
        // instance (LFO) of it.
        let mut t = vec![1, 0];
        let mut lstf = [0u8; 28];
        lstf[0..4].copy_from_slice(&7u32.to_le_bytes());
        lstf[26] = 1;
        t.extend(lstf);
        let mut lvlf = [0u8; 28];
        lvlf[0..4].copy_from_slice(&3u32.to_le_bytes());
        lvlf[15] = 2;
        t.extend(lvlf);
        t.extend([2, 0, 0, 0, b'.', 0]);
        let lfo_at = t.len();
        t.extend(1u32.to_le_bytes());
        t.extend(7u32.to_le_bytes());
        t.extend([0; 12]);
        let mut n = lists(&t, (0, 30), (lfo_at, 20));
        assert_eq!([n.next(1, 0), n.next(1, 0), n.next(2, 0)], [Some("3.".into()), Some("4.".into()), None]);
        // Cut anywhere, or a count of 32767 lists: no lists, quickly.
        for cut in 0..t.len() {
            let mut n = lists(&t[..cut], (0, 30.min(cut)), (lfo_at.min(cut), 0));
            assert_eq!(n.next(1, 0), None);
        }
        t[0..2].copy_from_slice(&0x7FFFu16.to_le_bytes());
        assert_eq!(lists(&t, (0, 30), (lfo_at, 20)).next(1, 0), None);
    }

    #[test]
    fn old_encrypted_and_fast_saved_files_are_refused() {
        let file = sample();
        let word = file.windows(2).position(|w| w == [0xEC, 0xA5]).unwrap();
        let with = |at: usize, v: u16| {
            let mut f = file.clone();
            f[word + at..word + at + 2].copy_from_slice(&v.to_le_bytes());
            f
        };
        assert_eq!(text(&with(0x0A, 0x0100)), Err(FileError::DocEncrypted));
        assert_eq!(text(&with(0x0A, 0x0004)), Err(FileError::Doc));
        assert_eq!(text(&with(2, 0x65)), Err(FileError::Doc));
    }

    #[test]
    fn hostile_files_are_damaged_not_a_panic() {
        let file = sample();
        for n in 0..file.len() {
            let _ = text(&file[..n]);
            for bits in [0x01, 0xFF] {
                let mut f = file.clone();
                f[n] ^= bits;
                let _ = text(&f);
            }
        }
        let word = file.windows(2).position(|w| w == [0xEC, 0xA5]).unwrap();
        let with = |at: usize, v: u32| {
            let mut f = file.clone();
            f[at..at + 4].copy_from_slice(&v.to_le_bytes());
            f
        };
        // The CLX, the PAPX index and ccpText pointing anywhere; a stream larger than the file.
        for v in [0x7FFF_FFF0, u32::MAX, 4096] {
            assert!(text(&with(word + 0x9A + 8 * 33, v)).is_err());
            assert!(text(&with(word + 0x9A + 8 * 33 + 4, v)).is_err());
            assert!(text(&with(word + 0x9A + 8 * 13, v)).is_err());
            assert!(text(&with(1024 + 128 + 0x78, v)).is_err());
        }
        assert_eq!(text(&with(word + 0x4C, u32::MAX)), Err(FileError::TooLarge));
        // A FAT whose chains loop, a directory whose tree loops.
        assert_eq!(text(&with(512 + 4, 1)), Err(FileError::Damaged));
        let mut looped = file.clone();
        looped[1024 + 128 + 0x48..1024 + 128 + 0x4C].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(text(&looped), Err(FileError::Damaged));
        // Cells with no row-end mark after them: refused, not run together.
        let open = doc(b"", &[P::Cell("1\x07"), P::Cell("2\x07"), P::Body("x\r")], "");
        assert_eq!(text(&open), Err(FileError::Doc));
        // Fields nested past the bound and never closed: text dropped, no growth.
        let deep = doc(&[0x13; 400], &[P::Body("x\r")], "");
        assert_eq!(text(&deep).unwrap(), "\n");
    }
}
