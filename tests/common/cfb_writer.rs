// A Compound File (the container of a `.doc`) holding given streams in its root storage, for
// the `.doc` reader's tests (`src/files/doc.rs`) and its fuzz target (`fuzz/fuzz_targets/doc.rs`):
// 512-byte sectors, no mini stream; the FAT's sectors first (sector 0 on), then the directory,
// then each stream in its own chain.

const END: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const FAT_SECTOR: u32 = 0xFFFF_FFFD;

pub fn cfb(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let dir_len = (128 * (streams.len() + 1)).div_ceil(512) * 512;
    let mut dir = vec![0u8; dir_len];
    let mut entry = |n: usize, name: &str, kind: u8, right: u32, child: u32, start: u32, size: usize| {
        let e = &mut dir[128 * n..128 * (n + 1)];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&(2 * units.len() as u16 + 2).to_le_bytes());
        e[0x42] = kind;
        e[0x44..0x48].copy_from_slice(&FREE.to_le_bytes());
        e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
        e[0x74..0x78].copy_from_slice(&start.to_le_bytes());
        e[0x78..0x7C].copy_from_slice(&(size as u32).to_le_bytes());
    };
    // Sectors after the FAT's: the directory's, then each stream's (at least one each).
    let sectors_of = |len: usize| len.div_ceil(512).max(1);
    let data_sectors = dir_len / 512 + streams.iter().map(|(_, d)| sectors_of(d.len())).sum::<usize>();
    // Each FAT sector covers 128 sectors, its own included.
    let fat_count = (data_sectors + 1).div_ceil(127);
    assert!(fat_count <= 109, "no DIFAT sectors: at most 109 FAT sectors");
    let mut fat = vec![FAT_SECTOR; fat_count];
    let chain = |fat: &mut Vec<u32>, len: usize| -> u32 {
        let start = fat.len() as u32;
        let n = sectors_of(len) as u32;
        fat.extend((1..=n).map(|k| if k == n { END } else { start + k }));
        start
    };
    let dir_start = chain(&mut fat, dir_len);
    entry(0, "Root Entry", 5, FREE, 1, END, 0);
    let mut body = Vec::new();
    for (i, (name, data)) in streams.iter().enumerate() {
        let start = chain(&mut fat, data.len());
        let right = if i + 1 < streams.len() { i as u32 + 2 } else { FREE };
        entry(i + 1, name, 2, right, FREE, start, data.len());
        let mut padded = data.to_vec();
        padded.resize(sectors_of(data.len()) * 512, 0);
        body.extend(padded);
    }
    fat.resize(128 * fat_count, FREE);
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    header[0x18..0x21].copy_from_slice(&[0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6]);
    header[0x2C..0x30].copy_from_slice(&(fat_count as u32).to_le_bytes());
    header[0x30..0x34].copy_from_slice(&dir_start.to_le_bytes());
    header[0x3C..0x40].copy_from_slice(&END.to_le_bytes());
    header[0x44..0x48].copy_from_slice(&END.to_le_bytes());
    for i in 0..109 {
        let v = if i < fat_count { i as u32 } else { FREE };
        header[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let mut out = header;
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(dir);
    out.extend(body);
    out
}
