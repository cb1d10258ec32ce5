// Benchmark of the review round page (round.html): N generated reports (default 500: the example
// with changed body names, two years per body so the X rules pair them, every tenth one as .html,
// the prose lines rewritten per report so no two narratives are copies — with `--same-prose`
// every report keeps the example's prose and X004 pairs every report with every other)
// set on the folder input. Prints the time to check them all, the time of the X rules across the
// round, the longest main-thread task while it ran (the page's responsiveness), the page's JS heap,
// and the time to restore the round after a reload. Prints figures only; asserts nothing.
//   node tests/browser/bench-round.mjs [N]
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, openPage, exampleText } from './lib.mjs';

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) || 500);
const sameProse = args.includes('--same-prose');
const POOL = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
/** The example with its prose lines (not the title, no tab, not a heading) rewritten for report `seed`. */
const rewriteProse = (text, seed) =>
  text
    .split('\n')
    .map((line, l) => {
      if (l === 0 || line.includes("\t") || line.length < 20 || /^[一二三四五六七八九十（(]/.test(line)) return line;
      let k = 0;
      return line.replace(/[\u4e00-\u9fff]/g, () => POOL[(seed * 7919 + l * 104729 + k++ * 31) % POOL.length]);
    })
    .join('\n');
const ex = await exampleText();
const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-bench-round-'));
const folder = path.join(dir, 'round');
await mkdir(folder);
let bytes = 0;
for (let i = 0; i < n; i++) {
  const body = `第${String(Math.floor(i / 2)).padStart(3, '0')}号县`;
  let text = ex.replaceAll('南泽县', body);
  if (!sameProse) text = rewriteProse(text, i + 1);
  if (i % 2) text = text.replaceAll('2024', '2025');
  if (i % 10 === 9) text = `<!doctype html><html><body><pre>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`;
  bytes += Buffer.byteLength(text);
  await writeFile(path.join(folder, `${String(i).padStart(4, '0')}.${i % 10 === 9 ? 'html' : 'txt'}`), text);
}

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
  const r = await page.evaluate(() => ({ t: window.nianbaoRound.timings, long: window.__long, cores: navigator.hardwareConcurrency }));
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
  console.log(`round of ${n} reports${sameProse ? ' (all with the same prose)' : ''} (${(bytes / 1e6).toFixed(1)} MB of text), ${Math.min(4, r.cores)} workers (${r.cores} cores)`);
  console.log(`  checked all            ${s(r.t.checked - t0)}  (${((r.t.checked - t0) / n).toFixed(1)} ms per report)`);
  console.log(`  X rules across round   ${s(r.t.compared - r.t.checked)}  (${x} X findings)`);
  console.log(`  main-thread long tasks ${r.long.length}, longest ${Math.round(Math.max(0, ...r.long.map((l) => l[1])))} ms`);
  console.log(`  page JS heap after GC  ${(heap / 1e6).toFixed(1)} MB`);
  if (process.env.DEBUG) console.log(JSON.stringify({ t0, long: r.long, t: r.t }));
  console.log(`  restore after reload   ${s(restore)}`);
} finally {
  await b.close();
  await srv.stop();
  await rm(dir, { recursive: true, force: true });
}
