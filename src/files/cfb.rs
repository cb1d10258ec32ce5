//! Just enough of a Compound File (OLE, MS-CFB) reader for a `.doc`: the header, the FAT (with
//! its DIFAT), the directory, the mini stream, and one stream of the root storage read by name.
//! Our own (~150 lines) rather than the `cfb` crate: read-only, no allocation beyond the streams
//! asked for, and every chain bounded by the file's sector count, so a cyclic or hostile chain
//! is [`FileError::Damaged`], never a hang or a panic.

use super::FileError;

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const NO_STREAM: u32 = 0xFFFF_FFFF;
const HEADER: usize = 512;
const DIR_ENTRY: usize = 128;
const MINI_SECTOR: usize = 64;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

pub(super) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

pub struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    /// Sectors the file holds after its header: the bound on every chain.
    sectors: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    mini_cutoff: u64,
    dir: Vec<u8>,
}

struct Entry {
    name: Vec<u16>,
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

impl<'a> Cfb<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, FileError> {
        let damaged = FileError::Damaged;
        if bytes.len() < HEADER || !bytes.starts_with(super::OLE) {
            return Err(damaged);
        }
        let shift = u16_at(bytes, 0x1E).ok_or(damaged)?;
        let sector = match shift {
            9 => 512,
            12 => 4096,
            _ => return Err(damaged),
        };
        let sectors = (bytes.len() - HEADER).div_ceil(sector);
        let field = |at| u32_at(bytes, at).ok_or(damaged);
        // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
        let fat_sectors = (field(0x2C)? as usize).min(sectors);
        let mut fat_list: Vec<u32> = (0..109).map(|i| field(0x4C + 4 * i)).collect::<Result<_, _>>()?;
        let mut difat = field(0x44)?;
        let mut hops = 0;
        while fat_list.len() < fat_sectors && difat != END_OF_CHAIN && difat != FREE {
            hops += 1;
            if hops > sectors {
                return Err(damaged);
            }
            let block = Self::sector_at(bytes, sector, difat).ok_or(damaged)?;
            let per = sector / 4 - 1;
            fat_list.extend((0..per).map(|i| u32_at(block, 4 * i).unwrap_or(FREE)));
            difat = u32_at(block, 4 * per).unwrap_or(END_OF_CHAIN);
        }
        fat_list.truncate(fat_sectors);
        let mut fat = Vec::with_capacity(fat_sectors * sector / 4);
        for &s in &fat_list {
            let block = Self::sector_at(bytes, sector, s).ok_or(damaged)?;
            fat.extend(block.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        }
        let mut cfb = Cfb {
            bytes,
            sector,
            sectors,
            fat,
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            mini_cutoff: u64::from(field(0x38)?),
            dir: Vec::new(),
        };
        cfb.dir = cfb.chain(field(0x30)?, None)?;
        let root = cfb.entry(0).ok_or(damaged)?;
        if root.kind != 5 {
            return Err(damaged);
        }
        let mini_fat_sectors = field(0x40)? as usize;
        let mini_fat_bytes = cfb.chain(field(0x3C)?, Some(mini_fat_sectors.min(sectors) as u64 * sector as u64))?;
        cfb.mini_fat = mini_fat_bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        cfb.mini_stream = cfb.chain(root.start, Some(root.size))?;
        Ok(cfb)
    }

    /// Sector `n` (after the header), checked against the file (and 32-bit overflow, in wasm).
    fn sector_at(bytes: &[u8], sector: usize, n: u32) -> Option<&[u8]> {
        let at = (n as usize).checked_add(1)?.checked_mul(sector)?;
        bytes.get(at..at.checked_add(sector)?)
    }

    /// The bytes of a chain in the FAT from `start`, cut to `size` (all of it when `None`). A
    /// chain longer than the file has sectors goes round a cycle.
    fn chain(&self, start: u32, size: Option<u64>) -> Result<Vec<u8>, FileError> {
        let want = size.map_or(usize::MAX, |s| usize::try_from(s).unwrap_or(usize::MAX));
        if want != usize::MAX && want > self.bytes.len() {
            return Err(FileError::Damaged);
        }
        let mut out = Vec::new();
        let mut s = start;
        let mut hops = 0;
        while out.len() < want && s != END_OF_CHAIN {
            hops += 1;
            if hops > self.sectors {
                return Err(FileError::Damaged);
            }
            out.extend_from_slice(Self::sector_at(self.bytes, self.sector, s).ok_or(FileError::Damaged)?);
            s = *self.fat.get(s as usize).ok_or(FileError::Damaged)?;
        }
        if want != usize::MAX {
            if out.len() < want {
                return Err(FileError::Damaged);
            }
            out.truncate(want);
        }
        Ok(out)
    }

    /// The bytes of a small stream, in the mini stream's 64-byte sectors.
    fn mini_chain(&self, start: u32, size: usize) -> Result<Vec<u8>, FileError> {
        let mut out = Vec::with_capacity(size);
        let mut s = start;
        let limit = self.mini_stream.len() / MINI_SECTOR;
        let mut hops = 0;
        while out.len() < size {
            hops += 1;
            if hops > limit || s == END_OF_CHAIN {
                return Err(FileError::Damaged);
            }
            let chunk = (s as usize)
                .checked_mul(MINI_SECTOR)
                .and_then(|at| self.mini_stream.get(at..at.checked_add(MINI_SECTOR)?));
            out.extend_from_slice(chunk.ok_or(FileError::Damaged)?);
            s = *self.mini_fat.get(s as usize).ok_or(FileError::Damaged)?;
        }
        out.truncate(size);
        Ok(out)
    }

    fn entry(&self, n: u32) -> Option<Entry> {
        let at = (n as usize).checked_mul(DIR_ENTRY)?;
        let e = self.dir.get(at..at + DIR_ENTRY)?;
        let len = (usize::from(u16_at(e, 0x40)?) / 2).saturating_sub(1).min(31);
        Some(Entry {
            name: (0..len).filter_map(|i| u16_at(e, 2 * i)).collect(),
            kind: e[0x42],
            left: u32_at(e, 0x44)?,
            right: u32_at(e, 0x48)?,
            child: u32_at(e, 0x4C)?,
            start: u32_at(e, 0x74)?,
            size: u32_at(e, 0x78)? as u64 | (u64::from(u32_at(e, 0x7C)?) << 32),
        })
    }

    /// A stream of the root storage by name, or `None` when there is none. The directory is a
    /// tree (left, right, child); each entry is visited at most once.
    pub fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, FileError> {
        let root = self.entry(0).ok_or(FileError::Damaged)?;
        let count = self.dir.len() / DIR_ENTRY;
        let mut seen = vec![false; count];
        let mut todo = vec![root.child];
        while let Some(n) = todo.pop() {
            if n == NO_STREAM {
                continue;
            }
            let seen_n = seen.get_mut(n as usize).ok_or(FileError::Damaged)?;
            if std::mem::replace(seen_n, true) {
                return Err(FileError::Damaged);
            }
            let e = self.entry(n).ok_or(FileError::Damaged)?;
            if e.kind == 2 && e.name.iter().copied().eq(name.encode_utf16()) {
                let size = usize::try_from(e.size).map_err(|_| FileError::Damaged)?;
                if size > self.bytes.len() {
                    return Err(FileError::Damaged);
                }
                return if e.size < self.mini_cutoff {
                    self.mini_chain(e.start, size).map(Some)
                } else {
                    self.chain(e.start, Some(e.size)).map(Some)
                };
            }
            todo.push(e.left);
            todo.push(e.right);
        }
        Ok(None)
    }
}
