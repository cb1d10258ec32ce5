#!/usr/bin/env python3
"""Seeds for the `doc` fuzz target: each .doc given, as a whole file (a leading byte 0x01) and
split into its streams (a leading byte 0x20, then [word_len u16][table_len u16] WordDocument,
the table stream, Data). Usage: fuzz/doc_seeds.py OUT_DIR FILE.doc…"""
import os, struct, sys

def streams(b):
    ssz = 1 << struct.unpack_from("<H", b, 0x1E)[0]
    sector = lambda n: b[512 + n * ssz:512 + (n + 1) * ssz]
    fat = []
    for s in struct.unpack_from("<109I", b, 0x4C)[:struct.unpack_from("<I", b, 0x2C)[0]]:
        fat += struct.unpack(f"<{ssz // 4}I", sector(s))
    def chain(s, table, get):
        out = b""
        while s < 0xFFFFFFFA and len(out) < len(b):
            out += get(s)
            s = table[s]
        return out
    d = chain(struct.unpack_from("<I", b, 0x30)[0], fat, sector)
    mini_fat_bytes = chain(struct.unpack_from("<I", b, 0x3C)[0], fat, sector)
    mini_fat = struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes)
    cutoff = struct.unpack_from("<I", b, 0x38)[0]
    entries = {}
    for i in range(len(d) // 128):
        e = d[128 * i:128 * (i + 1)]
        n = struct.unpack_from("<H", e, 0x40)[0]
        name = e[:max(n - 2, 0)].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<II", e, 0x74)
        entries[name] = (e[0x42], start, size)
    root = entries["Root Entry"]
    mini = chain(root[1], fat, sector)[:root[2]]
    out = {}
    for name, (kind, start, size) in entries.items():
        if kind != 2:
            continue
        if size < cutoff:
            out[name] = chain(start, mini_fat, lambda n: mini[64 * n:64 * (n + 1)])[:size]
        else:
            out[name] = chain(start, fat, sector)[:size]
    return out

out_dir = sys.argv[1]
for path in sys.argv[2:]:
    b = open(path, "rb").read()
    if not b.startswith(bytes.fromhex("d0cf11e0a1b11ae1")):
        continue
    base = os.path.basename(path)
    open(os.path.join(out_dir, base), "wb").write(b"\x01" + b)
    s = streams(b)
    word = s["WordDocument"]
    table = s.get("1Table") if struct.unpack_from("<H", word, 0x0A)[0] & 0x200 else s.get("0Table")
    data = s.get("Data", b"")
    if len(word) < 65536 and len(table) < 65536:
        seed = b"\x20" + struct.pack("<HH", len(word), len(table)) + word + table + data
        open(os.path.join(out_dir, base + ".streams"), "wb").write(seed)
