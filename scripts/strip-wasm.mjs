// Drops a wasm module's custom sections (id 0: "name", "producers", ...) in place:
// `node scripts/strip-wasm.mjs FILE.wasm`. Nothing at run time reads them, and they are
// about 120 bytes of the gzipped module. Every other section is copied byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
const bytes = readFileSync(file);
const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) {
  throw new Error(`${file}: not a wasm module (version 1)`);
}

/** The unsigned LEB128 at `at`: [value, offset after it]. */
function leb(at) {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (at >= bytes.length) break;
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, at];
  }
  throw new Error(`${file}: a section size runs past the end`);
}

const kept = [bytes.subarray(0, 8)];
let dropped = 0;
for (let at = 8; at < bytes.length; ) {
  const [size, body] = leb(at + 1);
  const end = body + size;
  if (end > bytes.length) throw new Error(`${file}: a section runs past the end`);
  if (bytes[at] === 0) dropped += end - at;
  else kept.push(bytes.subarray(at, end));
  at = end;
}
if (dropped > 0) writeFileSync(file, Buffer.concat(kept));
