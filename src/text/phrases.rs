//! A set of phrases found in one pass over a text: each phrase carries tags (bits of a `u64`),
//! and a scan tells which tags' phrases occur, or where each occurrence is. Built once (in a
//! `OnceLock`) for a fixed keyword list, it replaces one `contains` per phrase with one look at
//! each character: the phrases are indexed by their first character, and most characters of a
//! report start none of them.

/// The phrases of a [`PhraseSet`], with their tags, by first character.
pub struct PhraseSet {
    /// (first character, phrase, tags), ordered by bucket and first character; a phrase given
    /// several times is one entry with the union of its tags.
    entries: Vec<(char, &'static str, u64)>,
    /// Per bucket, where its entries begin (`u16::MAX`: none).
    slots: Vec<u16>,
}

/// The buckets first characters are looked up in (a power of two).
const BUCKETS: usize = 1024;

/// The bucket of the character with code point `code`.
fn bucket(code: u32) -> usize {
    code as usize % BUCKETS
}

impl PhraseSet {
    /// The set of `phrases` (empty ones ignored: they say nothing), each with its tags.
    pub fn new(phrases: impl IntoIterator<Item = (&'static str, u64)>) -> PhraseSet {
        let mut entries: Vec<(char, &'static str, u64)> = Vec::new();
        for (phrase, tags) in phrases {
            let Some(first) = phrase.chars().next() else { continue };
            match entries.iter_mut().find(|e| e.1 == phrase) {
                Some(e) => e.2 |= tags,
                None => entries.push((first, phrase, tags)),
            }
        }
        crate::sort::sort_by_key(&mut entries, |&(c, p, _)| (bucket(u32::from(c)), c, p));
        let mut slots = vec![u16::MAX; BUCKETS];
        for (at, &(c, _, _)) in entries.iter().enumerate().rev() {
            slots[bucket(u32::from(c))] = at as u16;
        }
        PhraseSet { entries, slots }
    }

    /// Calls `hit(start, end, tags)` for every occurrence of every phrase in `text` (overlapping
    /// ones too), in order of `start`.
    pub fn each_hit(&self, text: &str, mut hit: impl FnMut(usize, usize, u64)) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (c, len) = super::code_at(text, i);
            let at = i;
            i += len;
            let from = self.slots[bucket(c)];
            if from == u16::MAX {
                continue;
            }
            for &(first, phrase, tags) in &self.entries[usize::from(from)..] {
                if bucket(u32::from(first)) != bucket(c) {
                    break;
                }
                if u32::from(first) == c && super::bytes_at(bytes, at, phrase.as_bytes()) {
                    hit(at, at + phrase.len(), tags);
                }
            }
        }
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
        let texts = ["", "申", "共受理申请人申请21件，办结20件", "均获维持", "aaa", "办办结", "café", "无"];
        for t in texts {
            assert_eq!(set.tags(t), tags_by_contains(&PHRASES, t), "{t}");
            let mut hits = Vec::new();
            set.each_hit(t, |s, e, _| hits.push((s, e)));
            hits.sort();
            assert_eq!(hits, hits_by_match_indices(&PHRASES, t), "{t}");
        }
        assert_eq!(set.tags("申请"), 65);
    }

    #[test]
    fn generated_text_agrees_with_contains() {
        // Characters that start phrases, share buckets with them (办 + BUCKETS) or neither.
        let alphabet: Vec<char> =
            "申请人办结维持a,é无".chars().chain([char::from_u32('办' as u32 + 1024).unwrap()]).collect();
        let set = PhraseSet::new(PHRASES);
        let mut seed = 0x2545_f491_u64;
        for _ in 0..3000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 12) {
                t.push(alphabet[((seed >> (k * 4)) % alphabet.len() as u64) as usize]);
            }
            assert_eq!(set.tags(&t), tags_by_contains(&PHRASES, &t), "{t}");
        }
    }
}
