// Benchmark: a 10-page PDF opened and checked in the page (index.html), through the file input as
// a person opens it: pdf.js reads every page's text runs, the full wasm build lays them out
// (`pdf_runs_to_text`), the page shows the text and checks it. The 10 pages are two of the
// project's LibreOffice PDFs joined with poppler's `pdfunite` (filled-short.pdf, 7 pages, and
// filled-libreoffice.pdf, 3 pages); without pdfunite the 7-page one alone. Prints the first open
// (pdf.js and the full build loaded on demand) and the mean of the next ones; asserts nothing.
//   node tests/browser/bench-pdf.mjs [RUNS]
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, openPage, ROOT } from './lib.mjs';

const runs = Number(process.argv[2] || 5);
const fixtures = path.join(ROOT, 'tests/fixtures/files');
const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-pdf-'));
let file = path.join(dir, 'ten-pages.pdf');
try {
  execFileSync('pdfunite', [path.join(fixtures, 'filled-short.pdf'), path.join(fixtures, 'filled-libreoffice.pdf'), file]);
} catch {
  console.log('pdfunite not found (Debian poppler-utils): the 7-page filled-short.pdf alone');
  file = path.join(fixtures, 'filled-short.pdf');
}
const bytes = await readFile(file);
let pages = '?';
try {
  pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1];
} catch {
  // pdfinfo is optional: the page count is only printed.
}

const srv = await startServer();
const b = await openPage(srv.url);
const { page } = b;
/** Opens the PDF through the file input; ms until its text is checked, and the text's length. */
async function open(n) {
  const t0 = await page.evaluate(() => performance.now());
  await page.setInputFiles('#file-input', { name: `报告-${n}.pdf`, mimeType: 'application/pdf', buffer: bytes });
  await page.waitForFunction(
    (n) =>
      document.documentElement.dataset.nbState === 'done' &&
      window.nianbaoPage.report?.source?.name === `报告-${n}.pdf`,
    n,
    { timeout: 120_000 },
  );
  return page.evaluate((t0) => ({ ms: performance.now() - t0, chars: window.nianbaoPage.text.length }), t0);
}
try {
  const first = await open(0);
  const next = [];
  for (let i = 1; i <= runs; i++) next.push((await open(i)).ms);
  const mean = next.reduce((a, b) => a + b, 0) / next.length;
  console.log(`PDF opened and checked in the page (${pages} pages, ${(bytes.length / 1000).toFixed(1)} KB, ${first.chars} characters of text)`);
  console.log(`  first open (pdf.js and pkg/full/ loaded on demand)  ${first.ms.toFixed(0)} ms`);
  console.log(`  next ${runs} opens, mean                              ${mean.toFixed(0)} ms`);
} finally {
  await b.close();
  await srv.stop();
  await rm(dir, { recursive: true, force: true });
}
