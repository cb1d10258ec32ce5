// Which of two wasm builds checks faster, on a machine whose speed drifts: both `--features bench`
// builds (wasm-pack --target web) in one Node process, timed in alternating batches (ten checks
// of each report given, A then B, 61 pairs after 30 to warm up), so a drift slows both alike.
// Prints the median time per check of each and the median of the pairs' ratios B/A, with its
// quartiles. Figures only; asserts nothing.
//   node scripts/ab-wasm.mjs PKG_A PKG_B REPORT...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [a, b, ...files] = process.argv.slice(2);
if (!a || !b || files.length === 0) {
  console.error('usage: node scripts/ab-wasm.mjs PKG_A PKG_B REPORT...');
  process.exit(2);
}
async function load(dir) {
  // A query string per build: Node caches modules by URL.
  const glue = await import(`${pathToFileURL(join(dir, 'nianbao.js')).href}?${encodeURIComponent(dir)}`);
  glue.initSync({ module: readFileSync(join(dir, 'nianbao_bg.wasm')) });
  if (!glue.check_only) throw new Error(`${dir}: not a --features bench build (no check_only)`);
  return glue;
}
const [A, B] = [await load(a), await load(b)];
const texts = files.map((f) => readFileSync(f, 'utf8'));
let sink = 0;
// Mean time of one check over a batch: ten of each report.
const batch = (glue) => {
  const start = performance.now();
  for (let k = 0; k < 10; k++) for (const t of texts) sink += glue.check_only(t);
  return (performance.now() - start) / (10 * texts.length);
};
for (let i = 0; i < 30; i++) {
  batch(A);
  batch(B);
}
const [ta, tb, ratios] = [[], [], []];
for (let r = 0; r < 61; r++) {
  const x = batch(A);
  const y = batch(B);
  ta.push(x);
  tb.push(y);
  ratios.push(y / x);
}
const sorted = (v) => [...v].sort((p, q) => p - q);
const median = (v) => sorted(v)[v.length >> 1];
const r = sorted(ratios);
console.log(`A ${median(ta).toFixed(3)} ms  B ${median(tb).toFixed(3)} ms per check`);
console.log(`B/A ${median(ratios).toFixed(3)} (quartiles ${r[15].toFixed(3)}–${r[45].toFixed(3)})`);
if (sink < 0) console.log(sink); // keeps the results alive
