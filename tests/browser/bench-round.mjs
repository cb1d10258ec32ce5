// Benchmark of the review round page (round.html): N generated reports (default 500, see
// gen-round.mjs: two years per body so the X rules pair them, every third a .docx and every tenth
// an .html page, the prose rewritten per report so no two narratives are copies — with
// `--same-prose` every report keeps the example's prose and X004 pairs every report with every
// other) set on the folder input. Prints the time to check them all, the time of the X rules
// across the round, the longest main-thread task while it ran (the page's responsiveness), the
// page's memory (JS heap as performance.memory says, after GC, and the round's own estimate that
// the page shows past 20 MB), and the time to restore the round after a reload. Prints figures
// only; asserts nothing.
//   node tests/browser/bench-round.mjs [N] [--same-prose]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, openPage } from './lib.mjs';
import { writeRound } from './gen-round.mjs';

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) || 500);
const sameProse = args.includes('--same-prose');
const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-round-'));
const folder = path.join(dir, 'round');
const made = await writeRound(folder, n, { sameProse });
const bytes = made.bytes;

const srv = await startServer();
const b = await openPage(new URL('round.html', srv.url).href);
const { page } = b;
try {
  await page.waitForFunction(() => window.nianbaoRound?.state === 'empty');
  await page.evaluate(() => {
    window.__long = []; // [start, duration] of every main-thread task over 50 ms
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => [Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask' });
  });
  const t0 = await page.evaluate(() => performance.now());
  await page.setInputFiles('#folder-input', folder);
  await page.waitForFunction((n) => window.nianbaoRound.state === 'done' && window.nianbaoRound.items.length === n, n, { timeout: 600_000 });
  const r = await page.evaluate(() => ({
    t: window.nianbaoRound.timings,
    long: window.__long,
    cores: navigator.hardwareConcurrency,
    used: performance.memory?.usedJSHeapSize,
    estimate: window.nianbaoRound.memoryBytes,
  }));
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const x = await page.evaluate(() => window.nianbaoRound.items.reduce((s, i) => s + (i.x?.length || 0), 0));
  const t1 = Date.now();
  await page.reload();
  await page.waitForFunction((n) => window.nianbaoRound?.state === 'done' && window.nianbaoRound.items.length === n, n, { timeout: 600_000 });
  const restore = Date.now() - t1;
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`round of ${n} reports (${made.docx} .docx, ${made.html} .html)${sameProse ? ', all with the same prose' : ''} (${(bytes / 1e6).toFixed(1)} MB of text), ${Math.min(4, r.cores)} workers (${r.cores} cores)`);
  console.log(`  checked all            ${s(r.t.checked - t0)}  (${((r.t.checked - t0) / n).toFixed(1)} ms per report)`);
  console.log(`  X rules across round   ${s(r.t.compared - r.t.checked)}  (${x} X findings)`);
  console.log(`  main-thread long tasks ${r.long.length}, longest ${Math.round(Math.max(0, ...r.long.map((l) => l[1])))} ms`);
  console.log(`  page JS heap           ${(r.used / 1e6).toFixed(1)} MB (performance.memory), ${(heap / 1e6).toFixed(1)} MB after GC`);
  console.log(`  round's own estimate   ${(r.estimate / 1e6).toFixed(1)} MB (texts and findings; the page says so past 20 MB)`);
  if (process.env.DEBUG) console.log(JSON.stringify({ t0, long: r.long, t: r.t }));
  console.log(`  restore after reload   ${s(restore)}`);
} finally {
  await b.close();
  await srv.stop();
  await rm(dir, { recursive: true, force: true });
}
