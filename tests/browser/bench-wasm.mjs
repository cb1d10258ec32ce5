// The wasm check in Chromium (scripts/bench-wasm.mjs measures it in Node): a `--features bench`
// build served with the site's headers (scripts/serve.py, its CSP included), loaded in a page of
// headless Chromium, and timed there on the main thread. Prints, per report, the best of 5
// interleaved rounds of the mean time of
// the check alone (`check_only`), of `validate` (check + conversion to JS objects) and of the
// page worker's way, `validate_packed` unpacked by `www/packed.js` (the same objects), and the
// first check after load (before V8 has tiered the wasm up). Figures only; asserts nothing.
//   node tests/browser/bench-wasm.mjs PKG_DIR [REPORT...]   (default: ../shared/corpus/seeds)
// PKG_DIR: `wasm-pack build --target web --release --out-dir PKG_DIR . -- --no-default-features
// --features bench` (with scripts/setup.sh's NIANBAO_WASM_ENV, as scripts/bench.sh builds it).
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startServer, openPage } from './lib.mjs';

const [pkgDir, ...args] = process.argv.slice(2);
if (!pkgDir) {
  console.error('usage: node tests/browser/bench-wasm.mjs PKG_DIR [REPORT_FILE_OR_DIR...]');
  process.exit(2);
}
const files = [];
for (const arg of args.length ? args : [path.join(ROOT, '../shared/corpus/seeds')]) {
  if ((await stat(arg)).isDirectory()) {
    for (const f of (await readdir(arg)).sort()) if (/\.(txt|md)$/.test(f) && f !== 'INDEX.md') files.push(path.join(arg, f));
  } else files.push(arg);
}
const reports = await Promise.all(files.map(async (f) => ({ name: path.basename(f), text: await readFile(f, 'utf8') })));

// A site of its own: an empty page beside the bench build, served as the real site is.
const root = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-wasm-'));
await mkdir(path.join(root, 'www'));
await writeFile(path.join(root, 'www', 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title>');
await cp(pkgDir, path.join(root, 'pkg'), { recursive: true });
await cp(path.join(ROOT, 'www', 'packed.js'), path.join(root, 'www', 'packed.js'));
const srv = await startServer({ root });
const b = await openPage(srv.url);
try {
  const r = await b.page.evaluate(async (reports) => {
    const glue = await import('/pkg/nianbao.js');
    const { unpackReport } = await import('/www/packed.js');
    let t = performance.now();
    await glue.default();
    const load = performance.now() - t;
    t = performance.now();
    glue.validate(reports[0].text);
    const first = performance.now() - t;
    if (!glue.check_only) throw new Error('not a --features bench build: no check_only()');
    let sink = 0;
    const keys = glue.pack_keys();
    const time = (f) => {
      let runs = 0;
      const start = performance.now();
      while (runs < 50 || performance.now() - start < 100) {
        f();
        runs++;
      }
      return (performance.now() - start) / runs;
    };
    // Warm: V8 compiles the hot wasm functions again in its optimizing tier after a while, and
    // the first report timed would otherwise pay for it.
    for (let i = 0; i < 100; i++) for (const { text } of reports) sink += glue.validate(text).diagnostics.length;
    // The best of 5 rounds, the three ways interleaved in each: a shared machine's noise only
    // ever adds time.
    const rows = reports.map(({ name }) => ({ name, check: Infinity, validate: Infinity, packed: Infinity }));
    for (let round = 0; round < 5; round++) {
      reports.forEach(({ text }, k) => {
        const row = rows[k];
        row.check = Math.min(row.check, time(() => (sink += glue.check_only(text))));
        row.validate = Math.min(row.validate, time(() => (sink += glue.validate(text).diagnostics.length)));
        row.packed = Math.min(row.packed, time(() => (sink += unpackReport(glue.validate_packed(text), text, keys).diagnostics.length)));
      });
    }
    return { load, first, rows, sink };
  }, reports);
  console.log(`wasm in Chromium (${pkgDir}): fetch + compile + instantiate ${r.load.toFixed(1)} ms, first check after load ${r.first.toFixed(2)} ms`);
  for (const row of r.rows) {
    console.log(
      `  ${row.name.padEnd(40)} check ${row.check.toFixed(3)} ms + conversion ${(row.validate - row.check).toFixed(3)} ms = validate ${row.validate.toFixed(3)} ms;` +
        ` packed ${(row.packed - row.check).toFixed(3)} ms = ${row.packed.toFixed(3)} ms (the worker's way)`,
    );
  }
  // Issue 14's budget: the check of a report in wasm ≤ 0.5 ms.
  const slowest = Math.max(...r.rows.map((row) => row.check));
  if (r.rows.length) console.log(`  budget: slowest check ${slowest.toFixed(3)} ms (≤ 0.5 ms: ${slowest <= 0.5 ? 'met' : 'NOT met'})`);
} finally {
  await b.close();
  await srv.stop();
  await rm(root, { recursive: true, force: true });
}
