//! Decimal numbers as reports write them (counts, 万元 amounts), parsed and printed with integer
//! arithmetic. The values are whole numbers or have a few decimals; core's float parser and
//! printer (dragon4/grisu, ~25 KB of wasm) are not needed for them.

/// `"1234"`, `"12.5"`, `"0.35"` (ASCII digits, at most one `.`, no sign) as a number; `None` for
/// anything else. The same value as `str::parse::<f64>` up to 15 significant digits (the digits
/// form a whole number below 2^53, and one division by an exact power of ten rounds once); up to
/// 38 digits the value is within one rounding of it. Longer figures are no report's.
pub fn parse_decimal(s: &str) -> Option<f64> {
    // Most figures are a few digits: a whole number below 2^53, the general path's value.
    if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64);
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() || frac.len() >= POW10.len() {
        return None;
    }
    // In u64 while the digits fit (every count and amount in a report), else in u128: the same
    // whole number either way, so the same value.
    let mut small: u64 = 0;
    let mut mantissa: Option<u128> = None;
    for b in int.bytes().chain(frac.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        let digit = b - b'0';
        match &mut mantissa {
            None => match small.checked_mul(10).and_then(|m| m.checked_add(u64::from(digit))) {
                Some(m) => small = m,
                None => mantissa = Some(u128::from(small) * 10 + u128::from(digit)),
            },
            Some(m) => *m = m.checked_mul(10)?.checked_add(u128::from(digit))?,
        }
    }
    let whole = match mantissa {
        Some(m) => m as f64,
        None => small as f64,
    };
    Some(whole / POW10[frac.len()])
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// `v` with at most `decimals` decimals (rounded half away from zero), trailing zeros and a
/// trailing `.` left out: `3` → "3", `2.50` → "2.5", `-0.125` with 2 → "-0.13".
pub fn fmt_decimal(v: f64, decimals: u32) -> String {
    let mut out = String::new();
    push_decimal(&mut out, v, decimals);
    out
}

/// [`fmt_decimal`], appended to `out`. The digits are written here, not by `core::fmt`, whose
/// machinery was a few hundred instructions a number in a report's messages and JSON.
pub fn push_decimal(out: &mut String, v: f64, decimals: u32) {
    if !v.is_finite() {
        out.push_str(if v.is_nan() {
            "NaN"
        } else if v > 0.0 {
            "inf"
        } else {
            "-inf"
        });
        return;
    }
    let scale = 10u64.pow(decimals.min(9));
    let scaled = (v.abs() * scale as f64).round();
    if scaled >= 1e18 {
        // Saturates as `v as i64` does (no report has such a figure).
        let n = v as i64;
        if n < 0 {
            out.push('-');
        }
        push_digits(out, n.unsigned_abs(), 1);
        return;
    }
    let scaled = scaled as u64;
    let (int, mut frac) = (scaled / scale, scaled % scale);
    if v < 0.0 && scaled != 0 {
        out.push('-');
    }
    push_digits(out, int, 1);
    if frac != 0 {
        let mut width = decimals.min(9) as usize;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        out.push('.');
        push_digits(out, frac, width);
    }
}

/// Appends the decimal digits of `n`, at least `width` (at most 20) of them, zeros in front.
pub fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut at = digits.len();
    while n > 0 {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let from = at.min(digits.len() - width.clamp(1, 20));
    // One copy of the digits (ASCII), not a push for each: the wasm build calls `String::push`
    // out of line.
    out.push_str(std::str::from_utf8(&digits[from..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_as_std_does() {
        for s in ["0", "7", "007", "12.5", "0.35", "1234567.89", "0.1", "3.3", "99999999999999", "1.000", ".5", "5."] {
            assert_eq!(parse_decimal(s), s.parse::<f64>().ok(), "{s}");
        }
        for s in ["", ".", "1.2.3", "-1", "+1", "1e5", "1,000", "一"] {
            assert_eq!(parse_decimal(s), None, "{s}");
        }
        // Past u64 (20 digits and more) the whole number is exact up to u128's 38 digits.
        for s in ["18446744073709551615", "18446744073709551616", "123456789012345678901234", &"9".repeat(38)] {
            assert_eq!(parse_decimal(s), Some(s.parse::<u128>().unwrap() as f64), "{s}");
        }
        assert_eq!(parse_decimal(&"9".repeat(39)), None);
        // Beyond 15 digits, within one rounding.
        let (ours, std) = (parse_decimal("12345678901234567.5").unwrap(), 12345678901234567.5f64);
        assert!((ours - std).abs() <= std * f64::EPSILON);
    }

    #[test]
    fn formats_whole_numbers_and_trims_decimals() {
        assert_eq!(fmt_decimal(3.0, 4), "3");
        assert_eq!(fmt_decimal(2.5, 4), "2.5");
        assert_eq!(fmt_decimal(0.35, 4), "0.35");
        assert_eq!(fmt_decimal(1.1 + 2.2, 4), "3.3");
        assert_eq!(fmt_decimal(0.05, 4), "0.05");
        assert_eq!(fmt_decimal(-1.25, 1), "-1.3");
        assert_eq!(fmt_decimal(-0.00001, 4), "0");
        assert_eq!(fmt_decimal(80.0, 0), "80");
        assert_eq!(fmt_decimal(47.68, 1), "47.7");
        for v in [0.0, 1.0, 12.5, 0.125, 1234.5678, 99.99] {
            assert_eq!(fmt_decimal(v, 4), format!("{v:.4}").trim_end_matches('0').trim_end_matches('.'));
        }
        // Past 1e18 the figure is written as `v as i64` (saturating) would be.
        for v in [1e18, -1e18, 4.5e18, 1e19, -1e19, 1e300, -1e300] {
            assert_eq!(fmt_decimal(v, 0), format!("{}", v as i64), "{v}");
        }
        assert_eq!(fmt_decimal(-1e19, 2), "-9223372036854775808");
    }

    /// The writing `push_decimal` replaced: the same arithmetic, the digits by `core::fmt`.
    fn fmt_decimal_by_std(v: f64, decimals: u32) -> String {
        if !v.is_finite() {
            return format!("{v}");
        }
        let scale = 10u64.pow(decimals.min(9));
        let scaled = (v.abs() * scale as f64).round();
        if scaled >= 1e18 {
            return format!("{}", v as i64);
        }
        let scaled = scaled as u64;
        let (int, mut frac) = (scaled / scale, scaled % scale);
        let sign = if v < 0.0 && scaled != 0 { "-" } else { "" };
        if frac == 0 {
            return format!("{sign}{int}");
        }
        let mut width = decimals.min(9) as usize;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        format!("{sign}{int}.{frac:0width$}")
    }

    #[test]
    fn digits_written_here_are_core_fmt_digits() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut values = vec![0.0, -0.0, 1e-12, 0.5, 9.99995, 1e17, 9.999e17, 1e18, u64::MAX as f64, f64::NAN];
        values.extend([f64::INFINITY, f64::NEG_INFINITY, f64::MAX, f64::MIN_POSITIVE, -123.456789]);
        for _ in 0..20_000 {
            crate::text::xorshift(&mut seed);
            // Counts, amounts with decimals, and values of every magnitude.
            let v = match seed % 3 {
                0 => (seed >> 40) as f64,
                1 => (seed >> 30) as f64 / 10f64.powi((seed % 7) as i32),
                _ => f64::from_bits(seed >> 2),
            };
            values.push(if seed & 1 == 0 { v } else { -v });
        }
        for &v in &values {
            for decimals in [0, 1, 2, 4, 9, 12] {
                assert_eq!(fmt_decimal(v, decimals), fmt_decimal_by_std(v, decimals), "{v:e} {decimals}");
            }
        }
    }
}
