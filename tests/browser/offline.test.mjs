// Offline and static hosting: the service worker keeps the page working with the network off,
// and www/ + pkg/ copied side by side work from any static server, under any path.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startServer, openPage, loadExample, waitChecked } from './lib.mjs';

describe('service worker', () => {
  let srv, b, page;

  it('precaches every file of www/ and the two files of pkg/ the page needs', async () => {
    const sw = await readFile(path.join(ROOT, 'www/sw.js'), 'utf8');
    const listed = new Set([...sw.matchAll(/'(\.{1,2}\/[^']*)'/g)].map((m) => m[1]));
    // www/vendor/ (built by scripts/build.sh) too: the xlsx writer and pdf.js's two modules work
    // offline; pdf.js's character maps and fonts are cached as a PDF first fetches them.
    for (const f of await readdir(path.join(ROOT, 'www'), { recursive: true, withFileTypes: true })) {
      if (f.name === 'sw.js' || f.isDirectory()) continue;
      const rel = path.relative(path.join(ROOT, 'www'), path.join(f.parentPath ?? f.path, f.name));
      if (/^vendor\/pdfjs\/(cmaps|standard_fonts|LICENSE)/.test(rel)) continue;
      assert.ok(listed.has(`./${rel}`), `sw.js lists ./${rel}`);
    }
    assert.ok(listed.has('./vendor/write-excel-file.min.js'));
    assert.ok(listed.has('./vendor/pdfjs/pdf.min.mjs') && listed.has('./vendor/pdfjs/pdf.worker.min.mjs'));
    assert.ok(listed.has('../pkg/nianbao.js') && listed.has('../pkg/nianbao_bg.wasm'));
  });

  before(async () => {
    srv = await startServer();
    b = await openPage(srv.url);
    page = b.page;
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  it('after one visit, the page works with the network off', async () => {
    // First visit: the service worker installs, caches the files and takes control.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    assert.equal(await page.textContent('#offline-note'), '已可离线使用');
    const cached = await page.evaluate(async () => {
      const keys = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) keys.push(new URL(r.url).pathname);
      return keys;
    });
    for (const f of ['/www/', '/www/index.html', '/www/app.js', '/www/worker.js', '/pkg/nianbao.js', '/pkg/nianbao_bg.wasm', '/www/example.txt']) {
      assert.ok(cached.includes(f), `${f} cached`);
    }

    await b.context.setOffline(true);
    try {
      // Prove the network is really off for this context.
      const online = await page.evaluate(() => fetch('/www/no-such-file', { cache: 'no-store' }).then(() => true, () => false));
      assert.equal(online, false, 'network is off');
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.nbState === 'empty');
      await loadExample(page);
      assert.match(await page.textContent('#summary'), /^发现/);
      assert.equal(await page.locator('table.nb-applications td.v').count(), 175);
      // Typing still re-checks in the worker, offline.
      await page.focus('#report-text');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('\n附：本报告离线检查。');
      await waitChecked(page);
      assert.deepEqual(b.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)), []);
    } finally {
      await b.context.setOffline(false);
    }
  });
});

describe('static hosting', () => {
  let dir, child, b;

  before(async () => {
    // www/ and pkg/ copied side by side, deep inside some other site.
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-static-'));
    const site = path.join(dir, 'portal', 'tools', 'nianbao');
    await mkdir(site, { recursive: true });
    await cp(path.join(ROOT, 'www'), path.join(site, 'www'), { recursive: true });
    await mkdir(path.join(site, 'pkg'));
    for (const f of ['nianbao.js', 'nianbao_bg.wasm']) await cp(path.join(ROOT, 'pkg', f), path.join(site, 'pkg', f));
  });

  after(async () => {
    await b?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('works from a plain static server under a sub-path', async () => {
    // Python's stock static server (no CSP header, no special routes): only the <meta> CSP and
    // the relative paths hold the page together.
    child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const port = await new Promise((resolve, reject) => {
      let out = '';
      const t = setTimeout(() => reject(new Error(`http.server: ${out}`)), 15_000);
      child.stdout.on('data', (d) => {
        out += d;
        const m = /port (\d+)/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1]);
        }
      });
    });
    b = await openPage(`http://127.0.0.1:${port}/portal/tools/nianbao/www/index.html`);
    await loadExample(b.page);
    assert.match(await b.page.textContent('#summary'), /^发现/);
    assert.equal(await b.page.locator('table.nb-applications td.v').count(), 175);
    assert.deepEqual(b.errors, []);
  });
});
