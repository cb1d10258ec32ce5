// Speed and size of the wasm build in Node: `node scripts/bench-wasm.mjs PKG_DIR [REPORT...]`.
// PKG_DIR is a `wasm-pack build --target web` output (scripts/bench.sh builds one in a temp dir).
// Prints the size of the wasm and the JS glue (raw and gzip -9), then the time of `validate(text)`
// per report (the median of interleaved rounds): the JS→wasm string copy, the check, and the result turned into
// plain JS objects with UTF-16 offsets — what the page's worker pays per check. A .docx or .doc
// is read with `open_file` and then checked.
// Prints figures only; asserts nothing about time.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { unpackReport } from '../www/packed.js';

const [pkgDir, ...reportArgs] = process.argv.slice(2);
if (!pkgDir) {
  console.error('usage: node scripts/bench-wasm.mjs PKG_DIR [REPORT_FILE_OR_DIR...]');
  process.exit(2);
}

const wasmPath = join(pkgDir, 'nianbao_bg.wasm');
const gluePath = join(pkgDir, 'nianbao.js');
const wasmBytes = readFileSync(wasmPath);
const glueBytes = readFileSync(gluePath);
const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' KB';
const gz = (b) => gzipSync(b, { level: 9 }).length;
console.log(`wasm size (${pkgDir}; a --features bench build is a little larger than pkg/, whose size the build prints)`);
console.log(`  nianbao_bg.wasm      ${kb(wasmBytes.length)} raw ${kb(gz(wasmBytes))} gzip`);
console.log(`  nianbao.js (glue)    ${kb(glueBytes.length)} raw ${kb(gz(glueBytes))} gzip`);
console.log(`  wasm + glue          ${kb(wasmBytes.length + glueBytes.length)} raw ${kb(gz(wasmBytes) + gz(glueBytes))} gzip`);
const optimized = join(pkgDir, 'nianbao_bg.opt.wasm');
try {
  const o = readFileSync(optimized);
  console.log(`  after wasm-opt -Oz   ${kb(o.length)} raw ${kb(gz(o))} gzip (wasm only; not what the build ships)`);
} catch {
  // No optimized copy: scripts/bench.sh makes one only when wasm-opt is available.
}

const glue = await import(pathToFileURL(gluePath).href);
let start = performance.now();
glue.initSync({ module: wasmBytes });
console.log(`  compile + instantiate ${(performance.now() - start).toFixed(1)} ms`);
const firstText = reportArgs.length ? firstReport(reportArgs[0]) : null;
if (firstText) {
  // The first check after load: V8 runs the wasm in its baseline tier until it has tiered up.
  start = performance.now();
  glue.validate(firstText);
  console.log(`  first check after load ${(performance.now() - start).toFixed(2)} ms`);
}

function firstReport(arg) {
  const f = statSync(arg).isDirectory()
    ? readdirSync(arg).sort().filter((n) => /\.(txt|md)$/.test(n) && n !== 'INDEX.md').map((n) => join(arg, n))[0]
    : /\.(txt|md)$/.test(arg) ? arg : null;
  return f ? readFileSync(f, 'utf8') : null;
}

const files = [];
for (const arg of reportArgs) {
  if (statSync(arg).isDirectory()) {
    for (const f of readdirSync(arg).sort()) {
      if (/\.(txt|md|docx|doc)$/.test(f) && f !== 'INDEX.md') files.push(join(arg, f));
    }
  } else {
    files.push(arg);
  }
}
if (files.length === 0) {
  console.log('\nno reports given: no latency figures');
  process.exit(0);
}

// The mean of at least `minRuns` runs and `minMs` in all: one round's figure for one measure.
function time(f, minRuns, minMs) {
  let runs = 0;
  start = performance.now();
  while (runs < minRuns || performance.now() - start < minMs) {
    f();
    runs++;
  }
  return (performance.now() - start) / runs;
}

// Each measure of each report is timed in ROUNDS rounds, the reports interleaved, and the median
// round is printed (native's bench takes the median of its batches too): one round slowed by the
// machine (another process, a garbage collection) does not move it. The range of the check's
// rounds is printed beside it. Everything runs once before the first round (V8
// compiles hot wasm functions again with its optimizing tier after a while).
const ROUNDS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const measures = files.map((file) => {
  // A .docx or .doc: read (open_file) and checked, as the worker does for a file.
  const bytes = readFileSync(file);
  const docx = /\.docx?$/.test(file);
  const text = docx ? null : bytes.toString('utf8');
  const m = { file, bytes, text, runs: {} };
  m.add = (name, f, minRuns = 20, minMs = 60) => (m.runs[name] = { f, minRuns, minMs, ms: [] });
  m.add('validate', docx
    ? () => { sink += glue.validate(glue.open_file(bytes).text).diagnostics.length; }
    : () => { sink += glue.validate(text).diagnostics.length; });
  // With check_only() (a --features bench build): the check alone, and the rest is the
  // conversion (the report written as JSON and parsed into JS objects, spans made UTF-16).
  if (glue.check_only && text !== null) {
    m.add('check', () => { sink += glue.check_only(text); });
    // The conversion's two big parts: the JSON written in Rust (100 writes of one report less
    // one, so the check drops out) and JSON.parse of it; the rest is the UTF-16 spans and the
    // copy of the JSON into a JS string.
    if (glue.to_json_repeated) {
      m.json = glue.to_json_repeated(text, 1);
      m.add('json1', () => { sink += glue.to_json_repeated(text, 1).length; }, 10);
      m.add('json101', () => { sink += glue.to_json_repeated(text, 101).length; }, 3);
      m.add('parse', () => { sink += JSON.parse(m.json).diagnostics.length; });
    }
    // The page's worker calls validate_packed and unpacks it (www/packed.js): the same objects.
    if (glue.validate_packed) {
      const keys = glue.pack_keys();
      m.add('packed', () => { sink += unpackReport(glue.validate_packed(text), text, keys).diagnostics.length; });
    }
  }
  return m;
});
let sink = 0;
for (const m of measures) for (const r of Object.values(m.runs)) for (let i = 0; i < 30; i++) r.f();
// One measure at a time, so the garbage one leaves (validate's objects) is not collected in
// another's rounds.
for (const name of ['check', 'validate', 'packed', 'json1', 'json101', 'parse']) {
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of measures.map((m) => m.runs[name]).filter(Boolean)) r.ms.push(time(r.f, r.minRuns, r.minMs));
  }
}

console.log(`\nwasm latency per report (validate(), median of ${ROUNDS} interleaved rounds)`);
const times = [];
// Issue 14's budget: the check of a report in wasm ≤ 0.5 ms (over the texts given, not the files).
let slowestCheck = 0;
for (const m of measures) {
  const at = (name) => median(m.runs[name].ms);
  const ms = at('validate');
  times.push(ms);
  const mbps = (m.bytes.length / 1e6) / (ms / 1000);
  let split = '';
  if (m.runs.check) {
    const core = at('check');
    slowestCheck = Math.max(slowestCheck, core);
    const range = `${Math.min(...m.runs.check.ms).toFixed(3)}–${Math.max(...m.runs.check.ms).toFixed(3)}`;
    split = `  (check ${core.toFixed(3)} ms [rounds ${range}] + conversion ${(ms - core).toFixed(3)} ms`;
    if (m.runs.json1) {
      const writes = (at('json101') - at('json1')) / 100;
      split += `: JSON ${(m.json.length / 1000).toFixed(1)}k chars written ${writes.toFixed(3)} ms, parsed ${at('parse').toFixed(3)} ms`;
    }
    split += ')';
    if (m.runs.packed) split += `; the worker's way (validate_packed + unpack) ${at('packed').toFixed(3)} ms`;
  }
  console.log(`  ${basename(m.file).padEnd(52)} ${kb(m.bytes.length)} ${ms.toFixed(3).padStart(9)} ms ${mbps.toFixed(1).padStart(7)} MB/s${split}`);
}
times.sort((a, b) => a - b);
console.log(`  ${files.length} reports: min ${times[0].toFixed(3)} ms, median ${times[times.length >> 1].toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms`);
if (slowestCheck > 0) {
  console.log(`  budget: slowest check of a text given ${slowestCheck.toFixed(3)} ms (≤ 0.5 ms: ${slowestCheck <= 0.5 ? 'met' : 'NOT met'})`);
}
if (sink < 0) console.log(sink); // keeps the results alive
