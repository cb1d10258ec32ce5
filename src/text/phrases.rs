//! A set of phrases found in one pass over a text: each phrase carries tags (bits of a `u64`),
//! and a scan tells which tags' phrases occur, or where each occurrence is. Built once (in a
//! `OnceLock`) for a fixed keyword list, it replaces one `contains` per phrase with one look at
//! each character: the phrases are indexed by their first character, and most characters of a
//! report start none of them.

/// Phrases indexed by their first character: the mechanism under [`PhraseSet`] and the tables'
/// label phrases. A text is looked at a character at a time, and most characters of a report
/// start no phrase.
pub struct FirstChars {
    /// The phrases by first character, ordered by bucket, code point and index.
    firsts: Vec<First>,
    /// Per bucket, where its entries in `firsts` begin (`u16::MAX`: none).
    slots: Vec<u16>,
    /// Whether some phrase's first byte is this byte: the others (the digits of a table, most
    /// punctuation) are passed over without decoding.
    starts: [bool; 256],
    /// The three-byte first characters (all of CJK) by their first two bytes' low bits, a bit
    /// for each last byte: most characters of a report are passed over with one look here,
    /// where their lead byte alone (E4–E9) would pass nearly all of them.
    wide: Box<[u64; WIDE_SLOTS]>,
}

/// A phrase in [`FirstChars`]: its first character, its index, and up to eight of the bytes
/// after that character, so that a phrase sharing only its first character with the text
/// (公开 at 公示) is turned down with one comparison of words.
struct First {
    code: u32,
    k: usize,
    /// The bytes after the first character (at most eight, little-endian) and which of a
    /// word's bytes they are.
    next: u64,
    mask: u64,
}

impl First {
    /// Whether the bytes of `bytes` from `at` (after the first character) may be the phrase's:
    /// they agree with its next eight (or fewer) bytes, or fewer than eight are left to compare.
    #[inline(always)]
    fn may_continue(&self, bytes: &[u8], at: usize) -> bool {
        match bytes.get(at..at + 8) {
            Some(w) => {
                (u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]) ^ self.next) & self.mask == 0
            }
            None => true,
        }
    }
}

/// Slots of [`FirstChars::wide`]: a three-byte character's lead byte's low four bits and its
/// second byte's low six.
const WIDE_SLOTS: usize = 1 << 10;

/// A three-byte character's slot in [`FirstChars::wide`] and its bit there.
#[inline(always)]
fn wide_slot(b0: u8, b1: u8, b2: u8) -> (usize, u64) {
    (usize::from(b0 & 0x0F) << 6 | usize::from(b1 & 0x3F), 1 << (b2 & 0x3F))
}

/// The buckets first characters are looked up in (a power of two).
const BUCKETS: usize = 4096;

/// The bucket of the character with code point `code`.
fn bucket(code: u32) -> usize {
    code as usize % BUCKETS
}

impl FirstChars {
    /// The index of `phrases`, numbered in their order (empty ones are never found).
    pub fn new<'p>(phrases: impl IntoIterator<Item = &'p str>) -> FirstChars {
        let mut firsts: Vec<First> = Vec::new();
        let mut starts = [false; 256];
        let mut wide = Box::new([0; WIDE_SLOTS]);
        for (k, phrase) in phrases.into_iter().enumerate() {
            let Some(c) = phrase.chars().next() else { continue };
            let b = phrase.as_bytes();
            starts[usize::from(b[0])] = true;
            if c.len_utf8() == 3 {
                let (slot, bit) = wide_slot(b[0], b[1], b[2]);
                wide[slot] |= bit;
            }
            let (mut next, mut mask) = (0, 0);
            for (i, &byte) in b[c.len_utf8()..].iter().take(8).enumerate() {
                next |= u64::from(byte) << (8 * i);
                mask |= 0xFF << (8 * i);
            }
            firsts.push(First { code: u32::from(c), k, next, mask });
        }
        crate::sort::sort_by_key(&mut firsts, |f| (bucket(f.code), f.code, f.k));
        let mut slots = vec![u16::MAX; BUCKETS];
        for (at, f) in firsts.iter().enumerate().rev() {
            slots[bucket(f.code)] = at as u16;
        }
        FirstChars { firsts, slots, starts, wide }
    }

    /// Calls `candidate(at, k)` for each phrase `k` whose first character is the one at byte
    /// `at` of `text` and whose next bytes may follow (see [`First::may_continue`]), in order
    /// of `at` and then `k`; the caller compares the rest ([`super::rest_at`]).
    pub fn each_candidate(&self, text: &str, mut candidate: impl FnMut(usize, usize)) {
        let (bytes, mut next) = (text.as_bytes(), 0);
        while next < bytes.len() {
            let lead = bytes[next];
            // A byte no phrase starts with: on to the next character (a continuation byte, after
            // a four-byte character's three, starts none either).
            if !self.starts[usize::from(lead)] {
                next += super::step(lead);
                continue;
            }
            let at = next;
            let code = if let [0xE0..=0xEF, b1, b2, ..] = bytes[at..] {
                next += 3;
                let (slot, bit) = wide_slot(lead, b1, b2);
                if self.wide[slot] & bit == 0 {
                    continue;
                }
                u32::from(lead & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F)
            } else {
                let (code, len) = super::code_at(text, at);
                next += len;
                code
            };
            let b = bucket(code);
            let from = self.slots[b];
            if from == u16::MAX {
                continue;
            }
            for f in &self.firsts[usize::from(from)..] {
                if bucket(f.code) != b {
                    break;
                }
                if f.code == code && f.may_continue(bytes, next) {
                    candidate(at, f.k);
                }
            }
        }
    }
}

/// A set of phrases, each with its tags, found in one pass over a text.
pub struct PhraseSet {
    /// (phrase, tags), in the order of the phrases; a phrase given several times is one entry
    /// with the union of its tags.
    entries: Vec<(&'static str, u64)>,
    index: FirstChars,
}

impl PhraseSet {
    /// The set of `phrases` (empty ones ignored: they say nothing), each with its tags.
    pub fn new(phrases: impl IntoIterator<Item = (&'static str, u64)>) -> PhraseSet {
        let mut entries: Vec<(&'static str, u64)> = Vec::new();
        for (phrase, tags) in phrases {
            if phrase.is_empty() {
                continue;
            }
            match entries.iter_mut().find(|e| e.0 == phrase) {
                Some(e) => e.1 |= tags,
                None => entries.push((phrase, tags)),
            }
        }
        crate::sort::sort_by_key(&mut entries, |&(p, _)| p);
        let index = FirstChars::new(entries.iter().map(|&(p, _)| p));
        PhraseSet { entries, index }
    }

    /// Calls `hit(start, end, tags)` for every occurrence of every phrase in `text` (overlapping
    /// ones too), in order of `start`.
    pub fn each_hit(&self, text: &str, mut hit: impl FnMut(usize, usize, u64)) {
        let bytes = text.as_bytes();
        self.index.each_candidate(text, |at, k| {
            let (phrase, tags) = self.entries[k];
            if super::rest_at(bytes, at, phrase.as_bytes()) {
                hit(at, at + phrase.len(), tags);
            }
        });
    }

    /// The union of the tags of the phrases `text` contains.
    pub fn tags(&self, text: &str) -> u64 {
        let mut found = 0;
        self.each_hit(text, |_, _, tags| found |= tags);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain search a set replaces: one `contains` per phrase.
    fn tags_by_contains(phrases: &[(&str, u64)], text: &str) -> u64 {
        phrases.iter().filter(|(p, _)| !p.is_empty() && text.contains(p)).fold(0, |t, (_, tags)| t | tags)
    }

    fn hits_by_match_indices(phrases: &[(&'static str, u64)], text: &str) -> Vec<(usize, usize)> {
        let mut seen: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for &(p, _) in phrases {
            if p.is_empty() || seen.contains(&p) {
                continue;
            }
            seen.push(p);
            // Every occurrence, overlapping ones too.
            let mut from = 0;
            while let Some(i) = text[from..].find(p) {
                out.push((from + i, from + i + p.len()));
                from += i + text[from + i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out.sort();
        out
    }

    /// Asserts that `set` (of `phrases`) finds in `text` what one plain search per phrase finds.
    fn agrees_with_plain_search(set: &PhraseSet, phrases: &[(&'static str, u64)], text: &str) {
        assert_eq!(set.tags(text), tags_by_contains(phrases, text), "{text}");
        let mut hits = Vec::new();
        set.each_hit(text, |s, e, _| hits.push((s, e)));
        hits.sort();
        assert_eq!(hits, hits_by_match_indices(phrases, text), "{text}");
    }

    /// 3 000 texts of up to `most` pieces drawn from `pieces`.
    fn generated_texts(pieces: &[&str], most: u64) -> Vec<String> {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        (0..3000)
            .map(|_| {
                crate::text::xorshift(&mut seed);
                (0..seed % (most + 1)).map(|k| pieces[((seed >> (k * 5)) % pieces.len() as u64) as usize]).collect()
            })
            .collect()
    }

    const PHRASES: [(&str, u64); 9] = [
        ("申请", 1),
        ("申请人", 2),
        ("办结", 4),
        ("办", 8),
        ("维持", 16),
        ("aa", 32),
        ("申请", 64),
        ("", 128),
        ("é", 256),
    ];

    #[test]
    fn finds_what_contains_finds() {
        let set = PhraseSet::new(PHRASES);
        for t in ["", "申", "共受理申请人申请21件，办结20件", "均获维持", "aaa", "办办结", "café", "无"]
        {
            agrees_with_plain_search(&set, &PHRASES, t);
        }
        assert_eq!(set.tags("申请"), 65);
    }

    #[test]
    fn generated_text_agrees_with_contains() {
        // Characters that start phrases, share buckets with them (办 + BUCKETS) or neither.
        // And 寷 (E5 AF B7), in the bucket of 请 (E8 AF B7): the same low twelve bits.
        let shares_a_bucket = char::from_u32('办' as u32 + BUCKETS as u32).unwrap().to_string();
        let mut alphabet = vec!["申", "请", "人", "办", "结", "维", "持", "a", ",", "é", "无", "寷"];
        alphabet.push(&shares_a_bucket);
        let set = PhraseSet::new(PHRASES);
        for t in generated_texts(&alphabet, 11) {
            agrees_with_plain_search(&set, &PHRASES, &t);
        }
    }

    #[test]
    fn phrases_longer_than_a_word_and_texts_ending_inside_one() {
        // Phrases whose bytes after the first character fill a word, pass it, or stop short
        // of it; texts built of their pieces, so that near misses (一致 beside 一至) and
        // phrases cut off by the end of the text come often.
        const LONG: [(&str, u64); 7] = [
            ("予以公开及部分公开", 1),
            ("予以公开", 2),
            ("部分公开", 4),
            ("abcdefghij", 8),
            ("abcdefghi", 16),
            ("一至", 32),
            ("公开及", 64),
        ];
        let pieces = ["予以", "公开", "及", "部分", "公", "abcde", "fghi", "j", "一", "至", "致", "abcdefgh", "x"];
        let set = PhraseSet::new(LONG);
        for t in generated_texts(&pieces, 9) {
            agrees_with_plain_search(&set, &LONG, &t);
        }
    }
}
