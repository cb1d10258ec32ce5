// Proves a change kept the wasm's output: `validate()` of two wasm-pack builds (--target web)
// over every seed, corpus text and text fixture (as scripts/same-output.sh reads them), compared
// as JSON. The wasm has its own code paths (text::find scans bytes there), so the CLI's
// comparison does not cover it.
//   node scripts/same-output-wasm.mjs PKG_A PKG_B      exit 0 when every output is identical
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [a, b] = process.argv.slice(2);
if (!a || !b) {
  console.error('usage: node scripts/same-output-wasm.mjs PKG_A PKG_B');
  process.exit(2);
}
async function load(dir) {
  // A query string per build: Node caches modules by URL.
  const glue = await import(`${pathToFileURL(join(dir, 'nianbao.js')).href}?${encodeURIComponent(dir)}`);
  glue.initSync({ module: readFileSync(join(dir, 'nianbao_bg.wasm')) });
  return glue;
}
const [A, B] = [await load(a), await load(b)];
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d).sort()) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(txt|md|html?)$/.test(f)) files.push(p);
  }
};
for (const d of ['../shared/corpus/seeds', '../shared/corpus/real', 'tests/fixtures']) {
  if (existsSync(join(root, d))) walk(join(root, d));
}
let differ = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  if (JSON.stringify(A.validate(text)) !== JSON.stringify(B.validate(text))) {
    differ++;
    console.log(`differs: ${f}`);
  }
}
console.log(`${files.length} inputs, ${differ} with a different validate() output`);
process.exit(differ ? 1 : 0);
