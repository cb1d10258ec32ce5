// Content-Security-Policy, no request to any other host, text always inserted as text.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, startServer, openPage, loadExample, waitChecked } from './lib.mjs';

const WWW = path.join(ROOT, 'www');

function parseCsp(csp) {
  return Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v]),
  );
}

function assertStrictCsp(csp, where) {
  const p = parseCsp(csp);
  assert.deepEqual(p['default-src'], ["'self'"], where);
  assert.deepEqual(p['script-src'], ["'self'", "'wasm-unsafe-eval'"], where);
  assert.deepEqual(p['connect-src'], ["'self'"], where);
  assert.deepEqual(p['object-src'], ["'none'"], where);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*|https?:/, where);
}

describe('Content-Security-Policy', () => {
  it('every page carries a strict CSP <meta> and has no inline script, style or handler', async () => {
    const pages = (await readdir(WWW)).filter((f) => f.endsWith('.html'));
    assert.ok(pages.includes('index.html') && pages.includes('embed.html'));
    for (const f of pages) {
      const html = await readFile(path.join(WWW, f), 'utf8');
      const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
      assert.ok(m, `${f}: CSP meta`);
      assertStrictCsp(m[1], f);
      for (const s of html.match(/<script\b[^>]*>/g) || []) assert.match(s, /\bsrc="[^"]+"/, `${f}: inline script ${s}`);
      assert.doesNotMatch(html, /<style\b/i, `${f}: inline <style>`);
      assert.doesNotMatch(html, /\sstyle="/i, `${f}: style attribute`);
      assert.doesNotMatch(html, /\son[a-z]+="/i, `${f}: inline event handler`);
      assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, `${f}: absolute URL to another host`);
    }
  });

  it('the scripts never turn text into markup', async () => {
    for (const f of (await readdir(WWW)).filter((f) => f.endsWith('.js'))) {
      const js = await readFile(path.join(WWW, f), 'utf8');
      assert.doesNotMatch(js, /\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\b/, f);
    }
  });
});

describe('in the browser', () => {
  let srv, b, page;
  const requests = [];

  before(async () => {
    srv = await startServer();
    b = await openPage(null);
    page = b.page;
    b.context.on('request', (r) => requests.push(r.url()));
    await b.context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  it('the server sends the CSP header and serves wasm as application/wasm', async () => {
    const res = await fetch(srv.url);
    assertStrictCsp(res.headers.get('content-security-policy') || '', 'header');
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const wasm = await fetch(new URL('../pkg/nianbao_bg.wasm', srv.url));
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    const js = await fetch(new URL('app.js', srv.url));
    assert.match(js.headers.get('content-type'), /^text\/javascript/);
    // Only www/ and pkg/ are served, not the rest of the repository.
    assert.equal((await fetch(new URL('/Cargo.toml', srv.url))).status, 404);
    assert.equal((await fetch(new URL('/src/lib.rs', srv.url))).status, 404);
  });

  it('a whole session makes no request to any other host and breaks no CSP rule', async () => {
    await page.goto(srv.url);
    await loadExample(page);
    await page.click('#findings li.finding >> nth=0 >> .locate');
    await page.click('#findings li.finding >> nth=0 >> button.code');
    await page.waitForFunction(() => document.querySelector('#rule-body').textContent.length > 20);
    await page.keyboard.press('Escape');
    await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    await page.click('td.v.sev-error >> nth=0');
    await page.goto(new URL('embed.html', srv.url).href);
    await page.click('#fill-example');
    await page.waitForFunction(() => document.querySelectorAll('#event-log li').length > 0, null, { timeout: 30_000 });
    const violations = await page.evaluate(() => window.__violations);
    assert.deepEqual(violations, []);
    assert.ok(requests.length > 10, `${requests.length} requests recorded`);
    const foreign = requests.filter((u) => !u.startsWith(srv.origin + '/') && !/^(data|blob):/.test(u));
    assert.deepEqual(foreign, []);
  });

  it('the CSP blocks requests to other hosts', async () => {
    await page.goto(srv.url);
    const blocked = await page.evaluate(() =>
      fetch('https://example.org/collect', { mode: 'no-cors' }).then(() => false, () => true),
    );
    assert.equal(blocked, true);
    const violations = await page.evaluate(() => window.__violations);
    assert.ok(violations.some((v) => v.startsWith('connect-src')), violations.join(', '));
  });

  it('pasted markup stays text', async () => {
    await page.goto(srv.url);
    await loadExample(page);
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await page.evaluate((h) => {
      const ta = document.querySelector('#report-text');
      ta.value = ta.value.replace('1.本机关不掌握相关政府信息\t8', `1.本机关不掌握相关政府信息\t${h}`).replace('南泽县人民政府2024年', `${h}南泽县人民政府2024年`);
      ta.dispatchEvent(new Event('input', { bubbles: true }));
    }, hostile);
    await waitChecked(page);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('#results img, #results script').count(), 0);
    // The same markup inside an HTML paste is read as text, too.
    await page.evaluate((h) => {
      const dt = new DataTransfer();
      dt.setData('text/html', `<table><tr><td>${h.replace(/</g, '&lt;')}</td><td><img src=x onerror="window.__pwned=3">1</td></tr></table>`);
      document.querySelector('#report-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, hostile);
    await waitChecked(page);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.ok((await page.inputValue('#report-text')).includes('<img src=x onerror="window.__pwned=1">'));
  });
});
