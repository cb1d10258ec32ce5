//! Inflate (RFC 1951, raw deflate) for the zip reader: stored, fixed and dynamic Huffman blocks,
//! decoded one bit at a time from canonical code counts (as zlib's `puff.c`). A few KB of wasm
//! instead of miniz_oxide's table-driven inflate (−12.7 KB of code); a `.docx` member is a few
//! hundred KB at most, so the slower decoding costs about a millisecond per file.
//!
//! Every read is checked: a truncated or hostile stream is an error, never a panic, and the
//! output never grows past `limit`.

/// Why a stream could not be inflated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// It would inflate to more than the limit.
    TooLarge,
    /// Not a valid deflate stream (or cut short).
    Damaged,
}

use InflateError::{Damaged, TooLarge};

/// `data` inflated, at most `limit` bytes of it. Bytes after the final block are ignored.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut s = State { data, at: 0, bits: 0, held: 0, out: Vec::new(), limit };
    loop {
        let last = s.take(1)? == 1;
        match s.take(2)? {
            0 => s.stored()?,
            1 => s.codes(&fixed_lengths(), &fixed_distances())?,
            2 => s.dynamic()?,
            _ => return Err(Damaged),
        }
        if last {
            return Ok(s.out);
        }
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; 16],
    symbol: [u16; 288],
}

impl Huffman {
    /// The code for `lengths` (one per symbol, 0 = unused), and how many codes of the longest
    /// length it lacks to be complete (0: complete). Over-subscribed lengths are an error.
    fn new(lengths: &[u8]) -> Result<(Huffman, i32), InflateError> {
        let mut h = Huffman { count: [0; 16], symbol: [0; 288] };
        for &l in lengths {
            h.count[usize::from(l)] += 1;
        }
        let mut left = 1i32;
        for len in 1..16 {
            left = 2 * left - i32::from(h.count[len]);
            if left < 0 {
                return Err(Damaged);
            }
        }
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            offsets[len + 1] = offsets[len] + h.count[len];
        }
        for (symbol, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let o = &mut offsets[usize::from(l)];
                h.symbol[usize::from(*o)] = symbol as u16;
                *o += 1;
            }
        }
        Ok((h, left))
    }

    /// A code for a block's literals/lengths or distances: complete, or (as zlib allows) a
    /// single code of one bit.
    fn for_block(lengths: &[u8]) -> Result<Huffman, InflateError> {
        let (h, left) = Huffman::new(lengths)?;
        if left > 0 && lengths.len() != usize::from(h.count[0] + h.count[1]) {
            return Err(Damaged);
        }
        Ok(h)
    }
}

fn fixed_lengths() -> Huffman {
    let mut lengths = [8u8; 288];
    lengths[144..256].fill(9);
    lengths[256..280].fill(7);
    Huffman::new(&lengths).map(|(h, _)| h).unwrap_or(Huffman { count: [0; 16], symbol: [0; 288] })
}

fn fixed_distances() -> Huffman {
    Huffman::new(&[5; 30]).map(|(h, _)| h).unwrap_or(Huffman { count: [0; 16], symbol: [0; 288] })
}

const LENGTH_BASE: [u16; 29] =
    [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/// The order in which a dynamic block lists the code lengths of its code-length code.
const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

struct State<'a> {
    data: &'a [u8],
    /// The next byte of `data` to read bits from.
    at: usize,
    /// Bits read from `data` and not used yet, the next one lowest.
    bits: u32,
    held: u32,
    out: Vec<u8>,
    limit: usize,
}

impl State<'_> {
    /// The next `n` bits (n ≤ 16), the first one lowest.
    fn take(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.held < n {
            let byte = *self.data.get(self.at).ok_or(Damaged)?;
            self.at += 1;
            self.bits |= u32::from(byte) << self.held;
            self.held += 8;
        }
        let v = self.bits & ((1 << n) - 1);
        self.bits >>= n;
        self.held -= n;
        Ok(v)
    }

    /// One symbol of `h`, its code read one bit at a time.
    fn decode(&mut self, h: &Huffman) -> Result<usize, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= self.take(1)? as i32;
            let count = i32::from(h.count[len]);
            if code - count < first {
                return Ok(usize::from(h.symbol[(index + code - first) as usize]));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(Damaged)
    }

    fn room_for(&self, n: usize) -> Result<(), InflateError> {
        if self.out.len().saturating_add(n) > self.limit {
            return Err(TooLarge);
        }
        Ok(())
    }

    /// A stored block: from the next byte boundary, LEN, its complement and LEN bytes.
    fn stored(&mut self) -> Result<(), InflateError> {
        // `take` never holds a whole unread byte, so dropping the held bits goes to the boundary.
        self.bits = 0;
        self.held = 0;
        let header = self.data.get(self.at..self.at + 4).ok_or(Damaged)?;
        let len = usize::from(u16::from_le_bytes([header[0], header[1]]));
        if u16::from_le_bytes([header[2], header[3]]) != !(len as u16) {
            return Err(Damaged);
        }
        self.at += 4;
        let bytes = self.data.get(self.at..self.at + len).ok_or(Damaged)?;
        self.room_for(len)?;
        self.out.extend_from_slice(bytes);
        self.at += len;
        Ok(())
    }

    /// A dynamic block: its two codes, described by a third, then its data.
    fn dynamic(&mut self) -> Result<(), InflateError> {
        let literals = self.take(5)? as usize + 257;
        let distances = self.take(5)? as usize + 1;
        let code_lengths = self.take(4)? as usize + 4;
        if literals > 286 || distances > 30 {
            return Err(Damaged);
        }
        let mut lengths = [0u8; 316];
        for &i in &ORDER[..code_lengths] {
            lengths[i] = self.take(3)? as u8;
        }
        let (lengths_code, left) = Huffman::new(&lengths[..19])?;
        if left != 0 {
            return Err(Damaged);
        }
        let total = literals + distances;
        let mut i = 0;
        while i < total {
            let symbol = self.decode(&lengths_code)?;
            if symbol < 16 {
                lengths[i] = symbol as u8;
                i += 1;
                continue;
            }
            let (value, repeat) = match symbol {
                16 => (*lengths[..i].last().ok_or(Damaged)?, 3 + self.take(2)? as usize),
                17 => (0, 3 + self.take(3)? as usize),
                _ => (0, 11 + self.take(7)? as usize),
            };
            if i + repeat > total {
                return Err(Damaged);
            }
            lengths[i..i + repeat].fill(value);
            i += repeat;
        }
        // A block without an end-of-block code could never end.
        if lengths[256] == 0 {
            return Err(Damaged);
        }
        let literal_code = Huffman::for_block(&lengths[..literals])?;
        let distance_code = Huffman::for_block(&lengths[literals..total])?;
        self.codes(&literal_code, &distance_code)
    }

    /// A Huffman-coded block's data: literals, and copies of what came before, to its end code.
    fn codes(&mut self, literals: &Huffman, distances: &Huffman) -> Result<(), InflateError> {
        loop {
            let symbol = self.decode(literals)?;
            if symbol < 256 {
                self.room_for(1)?;
                self.out.push(symbol as u8);
                continue;
            }
            if symbol == 256 {
                return Ok(());
            }
            let s = symbol - 257;
            let (&base, &extra) = LENGTH_BASE.get(s).zip(LENGTH_EXTRA.get(s)).ok_or(Damaged)?;
            let len = usize::from(base) + self.take(u32::from(extra))? as usize;
            let d = self.decode(distances)?;
            let (&base, &extra) = DISTANCE_BASE.get(d).zip(DISTANCE_EXTRA.get(d)).ok_or(Damaged)?;
            let distance = usize::from(base) + self.take(u32::from(extra))? as usize;
            let start = self.out.len().checked_sub(distance).ok_or(Damaged)?;
            self.room_for(len)?;
            if distance >= len {
                self.out.extend_from_within(start..start + len);
            } else {
                // Byte by byte: the copy overlaps what it writes (a run).
                for k in start..start + len {
                    let b = self.out[k];
                    self.out.push(b);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::core::{compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush};

    /// `data` deflated by miniz_oxide at `level` (0 = stored blocks), with fixed Huffman codes
    /// only when `fixed`.
    fn deflate(data: &[u8], level: i32, fixed: bool) -> Vec<u8> {
        let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(level, -15, if fixed { 4 } else { 0 }));
        let mut out = vec![0; data.len() * 2 + 1024];
        let (_, _, written) = compress(&mut c, data, &mut out, TDEFLFlush::Finish);
        out.truncate(written);
        out
    }

    /// Text like a report's XML, a run, and bytes with no pattern (a small LCG: no rand crate).
    fn samples() -> Vec<Vec<u8>> {
        let xml = "<w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r><w:tc><w:t>12</w:t></w:tc></w:p>\n".repeat(300);
        let mut seed = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..70_000)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16) as u8
            })
            .collect();
        vec![Vec::new(), b"a".to_vec(), b"hello hello hello".to_vec(), xml.into_bytes(), vec![b'x'; 100_000], noise]
    }

    #[test]
    fn inflates_what_miniz_deflates() {
        for data in samples() {
            for level in [0, 1, 6, 10] {
                for fixed in [false, true] {
                    let z = deflate(&data, level, fixed);
                    assert_eq!(inflate(&z, usize::MAX).as_deref(), Ok(&data[..]), "level {level} fixed {fixed}");
                    assert_eq!(inflate(&z, data.len()).as_deref(), Ok(&data[..]), "exactly at the limit");
                    if !data.is_empty() {
                        assert_eq!(inflate(&z, data.len() - 1), Err(TooLarge), "one byte over");
                    }
                }
            }
        }
    }

    #[test]
    fn damaged_streams_are_errors_and_agree_with_miniz() {
        let data = samples().swap_remove(3);
        let z = deflate(&data[..4000], 6, false);
        // Every prefix is cut short.
        for n in 0..z.len() {
            assert_eq!(inflate(&z[..n], usize::MAX), Err(Damaged), "prefix {n}");
        }
        // Flipped bits: never a panic; when both inflaters accept the stream, the same bytes.
        for bit in 0..z.len() * 8 {
            let mut bad = z.clone();
            bad[bit / 8] ^= 1 << (bit % 8);
            let ours = inflate(&bad, 1 << 20);
            if let (Ok(ours), Ok(theirs)) = (&ours, miniz_oxide::inflate::decompress_to_vec_with_limit(&bad, 1 << 20)) {
                assert_eq!(ours, &theirs, "bit {bit}");
            }
        }
        // A stored block whose length and complement disagree; the reserved block type 3.
        assert_eq!(inflate(&[1, 5, 0, 0, 0, b'a'], 100), Err(Damaged));
        assert_eq!(inflate(&[0b111], 100), Err(Damaged));
        // A fixed block that starts with a copy (length 3, distance 1) of nothing yet written.
        assert_eq!(inflate(&[0b0000_0011, 0b0000_0010, 0], 100), Err(Damaged));
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let z = deflate(&vec![0u8; 10 << 20], 10, false);
        assert!(z.len() < 20_000);
        assert_eq!(inflate(&z, 1 << 20), Err(TooLarge));
    }
}
