//! The Chinese numerals 一 … 十 that number sections and list items.

const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The numeral for `n` in 1..=10 ("三" for 3). Panics outside that range.
pub fn numeral(n: u8) -> char {
    NUMERALS[usize::from(n) - 1]
}

/// The number a numeral stands for ('三' → 3), None for any other character.
pub fn numeral_value(c: char) -> Option<u8> {
    NUMERALS.iter().position(|&n| n == c).map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for n in 1..=10 {
            assert_eq!(numeral_value(numeral(n)), Some(n));
        }
        assert_eq!(numeral(6), '六');
        assert_eq!(numeral_value('零'), None);
        assert_eq!(numeral_value('1'), None);
    }
}
