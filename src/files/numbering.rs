//! Word's automatic list numbers (`w:numPr` + `word/numbering.xml`), rendered as the text Word
//! shows: headings like "一、总体情况" and "（一）主动公开…" are often numbered this way, and
//! without their numbers the section reader would miss them.
//!
//! A paragraph's `w:numPr` (or its style's, in `word/styles.xml`) names a `w:num` and a level;
//! the `w:num` names a `w:abstractNum` whose `w:lvl` gives the format (`w:numFmt`), the text
//! (`w:lvlText`, "%1、", "（%1）", "%1.%2") and the start. Counters are kept per abstract list and
//! level (as Word continues a list across the `w:num`s that share it); a `w:startOverride`
//! restarts its level the first time its `w:num` is used; a level restarts after any higher level.
//! Bullets, `none` and formats not listed in [`render`] give no number (the text as before).

use super::xml::{Event, Reader, Tag};

const LEVELS: usize = 9;
/// More list definitions than this are not a report's.
const MAX_DEFS: usize = 10_000;
const MAX_ELEMENTS: usize = 1_000_000;
/// How many `w:basedOn` links a style's numbering is looked for through.
const MAX_BASED_ON: usize = 16;

#[derive(Clone, Default)]
pub(super) struct Level {
    pub start: u32,
    /// `w:numFmt`'s name ("chineseCounting").
    pub format: String,
    /// "%1、": `%n` is level n's number.
    pub text: String,
    /// What follows the number: `tab` (the default), `space` or `nothing`.
    pub suffix: String,
}

struct Abstract {
    id: u32,
    levels: [Level; LEVELS],
    counters: [Option<u32>; LEVELS],
}

struct Num {
    id: u32,
    abstract_id: u32,
    overrides: [Option<u32>; LEVELS],
    used: bool,
}

struct Style {
    id: String,
    based_on: Option<String>,
    num: Option<(u32, usize)>,
}

#[derive(Default)]
pub struct Numbering {
    abstracts: Vec<Abstract>,
    nums: Vec<Num>,
    styles: Vec<Style>,
}

fn attr(e: &Tag<'_>, name: &[u8]) -> Option<String> {
    e.attr(name).map(|v| v.into_owned())
}

fn number(e: &Tag<'_>, name: &[u8]) -> Option<u32> {
    attr(e, name)?.trim().parse().ok()
}

/// Calls `f(Some(element), name)` at every element's start and `f(None, name)` at its end; a
/// document too deep, too large or malformed stops the walk (what was read is kept).
/// (`dyn`: one copy of the XML reader's code in the wasm, not one per caller.)
fn walk(xml: &str, f: &mut dyn FnMut(Option<&Tag<'_>>, &[u8])) {
    let mut reader = Reader::new(xml);
    let (mut depth, mut elements) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                elements += 1;
                if depth > 64 || elements > MAX_ELEMENTS {
                    return;
                }
                f(Some(&e), e.local_name());
            }
            Ok(Event::Empty(e)) => {
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return;
                }
                f(Some(&e), e.local_name());
                f(None, e.local_name());
            }
            Ok(Event::End(e)) => {
                f(None, super::xml::local_name(e));
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Eof) | Err(_) => return,
            _ => {}
        }
    }
}

impl Numbering {
    /// The list definitions of `numbering.xml` and the numbered styles of `styles.xml`.
    pub fn read(numbering: &str, styles: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut level: Option<usize> = None;
        // Inside a `w:abstractNum` (a `w:lvl` in a `w:lvlOverride` is not its level).
        let mut in_abstract = false;
        walk(numbering, &mut |e, name| {
            let Some(e) = e else {
                match name {
                    b"abstractNum" => in_abstract = false,
                    b"lvl" | b"lvlOverride" | b"num" => level = None,
                    _ => {}
                }
                return;
            };
            match name {
                b"abstractNum" => {
                    in_abstract = false;
                    if let (true, Some(id)) = (n.abstracts.len() < MAX_DEFS, number(e, b"abstractNumId")) {
                        n.abstracts.push(Abstract { id, levels: Default::default(), counters: [None; LEVELS] });
                        in_abstract = true;
                    }
                }
                b"num" if n.nums.len() < MAX_DEFS => {
                    if let Some(id) = number(e, b"numId") {
                        n.nums.push(Num { id, abstract_id: u32::MAX, overrides: [None; LEVELS], used: false });
                    }
                }
                b"abstractNumId" if !in_abstract => {
                    if let (Some(num), Some(v)) = (n.nums.last_mut(), number(e, b"val")) {
                        num.abstract_id = v;
                    }
                }
                b"lvl" | b"lvlOverride" => {
                    level = number(e, b"ilvl").map(|l| l as usize).filter(|&l| l < LEVELS);
                    if let (b"lvl", true, Some(l), Some(a)) = (name, in_abstract, level, n.abstracts.last_mut()) {
                        a.levels[l] = Level { start: 1, format: "decimal".into(), ..Level::default() };
                    }
                }
                b"startOverride" if !in_abstract => {
                    if let (Some(l), Some(num), Some(v)) = (level, n.nums.last_mut(), number(e, b"val")) {
                        num.overrides[l] = Some(v);
                    }
                }
                b"start" | b"numFmt" | b"lvlText" | b"suff" if in_abstract => {
                    let (Some(l), Some(a), Some(v)) = (level, n.abstracts.last_mut(), attr(e, b"val")) else { return };
                    let lvl = &mut a.levels[l];
                    match name {
                        b"start" => lvl.start = v.trim().parse().unwrap_or(1),
                        b"numFmt" => lvl.format = v,
                        b"lvlText" => lvl.text = v,
                        _ => lvl.suffix = v,
                    }
                }
                _ => {}
            }
        });
        let mut num_pr = (None, 0usize);
        walk(styles, &mut |e, name| {
            let Some(e) = e else {
                if name == b"numPr" {
                    if let (Some(s), Some(id)) = (n.styles.last_mut(), num_pr.0) {
                        s.num = Some((id, num_pr.1));
                    }
                    num_pr = (None, 0);
                }
                return;
            };
            match name {
                b"style" if n.styles.len() < MAX_DEFS => {
                    n.styles.push(Style { id: attr(e, b"styleId").unwrap_or_default(), based_on: None, num: None });
                    num_pr = (None, 0);
                }
                b"basedOn" => {
                    if let Some(s) = n.styles.last_mut() {
                        s.based_on = attr(e, b"val");
                    }
                }
                b"numId" => num_pr.0 = number(e, b"val"),
                b"ilvl" => num_pr.1 = number(e, b"val").map_or(0, |l| l as usize),
                _ => {}
            }
        });
        n
    }

    /// Lists given directly (a `.doc`'s): `lists[i]`'s levels; `num_lists[k]` is the list of
    /// number `k + 1` (its LFO), if any. Only the .doc reader (the `full` feature) uses it.
    #[cfg(feature = "full")]
    pub(super) fn from_lists(lists: Vec<Vec<Level>>, num_lists: &[Option<usize>]) -> Numbering {
        let abstracts = lists
            .into_iter()
            .enumerate()
            .map(|(i, levels)| {
                let mut all: [Level; LEVELS] = Default::default();
                for (slot, l) in all.iter_mut().zip(levels) {
                    *slot = l;
                }
                Abstract { id: i as u32, levels: all, counters: [None; LEVELS] }
            })
            .collect();
        let nums = num_lists
            .iter()
            .enumerate()
            .map(|(k, list)| Num {
                id: k as u32 + 1,
                abstract_id: list.map_or(u32::MAX, |l| l as u32),
                overrides: [None; LEVELS],
                used: false,
            })
            .collect();
        Numbering { abstracts, nums, styles: Vec::new() }
    }

    /// The list a paragraph of style `style` is numbered in, when its own `w:numPr` is absent.
    pub fn style_num(&self, style: &str) -> Option<(u32, usize)> {
        let mut id = style;
        for _ in 0..MAX_BASED_ON {
            let s = self.styles.iter().find(|s| s.id == id)?;
            if s.num.is_some() {
                return s.num;
            }
            id = s.based_on.as_deref()?;
        }
        None
    }

    /// The next number of list `num_id` at `level` as Word shows it ("三、", "（二）"), counting
    /// it; `None` for no list, a bullet, or a format not rendered.
    pub fn next(&mut self, num_id: u32, level: usize) -> Option<String> {
        if num_id == 0 || level >= LEVELS {
            return None;
        }
        let num = self.nums.iter_mut().find(|n| n.id == num_id)?;
        let a = self.abstracts.iter_mut().find(|a| a.id == num.abstract_id)?;
        if !std::mem::replace(&mut num.used, true) {
            for (l, o) in num.overrides.iter().enumerate() {
                if let Some(start) = o {
                    a.counters[l] = Some(start.saturating_sub(1));
                    a.levels[l].start = *start;
                }
            }
        }
        let value = a.counters[level].map_or(a.levels[level].start, |c| c.saturating_add(1));
        a.counters[level] = Some(value);
        for c in &mut a.counters[level + 1..] {
            *c = None;
        }
        let lvl = &a.levels[level];
        render(value, &lvl.format)?;
        let mut out = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=LEVELS as u32).contains(d));
            match (c, digit) {
                ('%', Some(d)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let v = a.counters[l].unwrap_or(a.levels[l].start);
                    // A lower level's number in a higher one's text ("%1.%2") in its own format.
                    out.push_str(&render(v, &a.levels[l].format)?);
                }
                _ => out.push(c),
            }
        }
        if out.is_empty() {
            return None;
        }
        let wide_end = out.chars().next_back().is_some_and(crate::text::is_wide_cjk);
        match lvl.suffix.as_str() {
            "nothing" => {}
            "space" => out.push(' '),
            // A tab after "一、" is no gap a reader sees; after "1." it is one.
            _ if wide_end => {}
            _ => out.push(' '),
        }
        Some(out)
    }
}

/// `n` in a list number format; `None` for bullets, `none` and formats not rendered.
pub fn render(n: u32, format: &str) -> Option<String> {
    let from = |set: &[char]| set.get((n as usize).wrapping_sub(1)).map(|c| c.to_string());
    Some(match format {
        "decimal" => n.to_string(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
        }
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "ideographDigital" => chinese(n, false)?,
        "chineseLegalSimplified" => chinese(n, true)?,
        "ideographTraditional" => from(&['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'])?,
        "ideographZodiac" => from(&['子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥'])?,
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)?.to_string()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1)?.to_string(),
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => char::from_u32(0x2488 + n - 1)?.to_string(),
        // Past 20 Word writes these as plain numbers.
        "decimalEnclosedCircle"
        | "decimalEnclosedCircleChinese"
        | "decimalEnclosedParen"
        | "decimalEnclosedFullstop" => n.to_string(),
        "lowerLetter" | "upperLetter" if n >= 1 => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let c = (base + ((n - 1) % 26) as u8) as char;
            c.to_string().repeat(((n - 1) / 26 + 1).min(100) as usize)
        }
        "lowerRoman" | "upperRoman" if (1..4000).contains(&n) => {
            let mut s = roman(n);
            if format == "lowerRoman" {
                s.make_ascii_lowercase();
            }
            s
        }
        _ => return None,
    })
}

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (up to 9999); the financial digits
/// (壹贰叁) when `legal`.
fn chinese(n: u32, legal: bool) -> Option<String> {
    let digits: [char; 10] = if legal {
        ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖']
    } else {
        ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九']
    };
    let units: [char; 4] = if legal { ['\0', '拾', '佰', '仟'] } else { ['\0', '十', '百', '千'] };
    if n == 0 || n > 9999 {
        return (n == 0).then(|| if legal { "零" } else { "〇" }.to_string());
    }
    let mut out = String::new();
    let mut zero = false;
    for p in (0..4).rev() {
        let d = (n / 10u32.pow(p)) % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push(digits[0]);
            zero = false;
        }
        // 十一, not 一十一, when ten leads.
        if !(p == 1 && d == 1 && out.is_empty() && !legal) {
            out.push(digits[d as usize]);
        }
        if p > 0 {
            out.push(units[p as usize]);
        }
    }
    // "零" for Word's 一百零五; within the number only.
    Some(out.replace('〇', "零"))
}

fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let r = |n, f| render(n, f).unwrap_or_default();
        assert_eq!(
            [1, 2, 10, 11, 20, 21, 100, 105, 110].map(|n| r(n, "chineseCounting")),
            ["一", "二", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"]
        );
        assert_eq!(r(3, "ideographTraditional"), "丙");
        assert_eq!(r(11, "ideographTraditional"), "");
        assert_eq!(
            [r(1, "decimalEnclosedCircle"), r(20, "decimalEnclosedCircle"), r(21, "decimalEnclosedCircle")],
            ["①", "⑳", "21"]
        );
        assert_eq!([r(2, "decimalEnclosedParen"), r(3, "decimalEnclosedFullstop")], ["⑵", "⒊"]);
        assert_eq!(
            [r(12, "decimalFullWidth"), r(7, "decimalZero"), r(28, "lowerLetter"), r(14, "upperRoman")],
            ["１２", "07", "bb", "XIV"]
        );
        assert_eq!(r(12, "chineseLegalSimplified"), "壹拾贰");
        assert_eq!(render(1, "bullet"), None);
        assert_eq!(render(1, "none"), None);
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    #[test]
    fn counters_levels_restarts_and_styles() {
        let styles = r#"<w:styles xmlns:w="w"><w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="H1b"><w:basedOn w:val="H1"/></w:style><w:style w:styleId="loop"><w:basedOn w:val="loop"/></w:style></w:styles>"#;
        let mut n = Numbering::read(NUMBERING, styles);
        assert_eq!(n.style_num("H1b"), Some((1, 0)));
        assert_eq!(n.style_num("loop"), None);
        let seq: Vec<_> = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 0), (1, 1), (2, 1), (3, 0), (9, 0), (0, 0)]
            .iter()
            .map(|&(id, l)| n.next(id, l).unwrap_or_default())
            .collect();
        assert_eq!(seq, ["一、", "（一）", "（二）", "一.1. ", "二、", "（一）", "（三）", "", "", ""]);
    }
}
