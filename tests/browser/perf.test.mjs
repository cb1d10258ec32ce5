// Off the main thread: a 10 MB paste is checked in the worker while the page keeps running.
// Timings are printed as figures (t.diagnostic), not asserted: speed is measured, not tested
// against a clock that depends on the machine's load. What is asserted is that the main thread
// kept running (timer ticks fired) while the check was under way.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openPage, exampleText, waitChecked } from './lib.mjs';

const MB = 1024 * 1024;

describe('10 MB paste', () => {
  let srv, b, page;

  before(async () => {
    srv = await startServer();
    b = await openPage(srv.url);
    page = b.page;
    await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.origin });
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  it('does not block the main thread while it is checked', async (t) => {
    const example = await exampleText();
    const bytes = await page.evaluate(
      async ({ example, target }) => {
        const one = new TextEncoder().encode(example).length;
        const big = example.repeat(Math.ceil(target / one));
        await navigator.clipboard.writeText(big);
        return new TextEncoder().encode(big).length;
      },
      { example, target: 10 * MB },
    );
    assert.ok(bytes >= 10 * MB, `${bytes} bytes`);

    // Watch the main thread from the moment the paste has landed until the result is drawn:
    // a timer that should fire every 10 ms, and animation frames.
    await page.evaluate(() => {
      const ta = document.querySelector('#report-text');
      window.__gaps = { timer: 0, frame: 0, states: [], done: false, ticksWhileChecking: 0 };
      ta.addEventListener(
        'input',
        () => {
          let last = performance.now();
          let lastFrame = 0;
          const tick = () => {
            const now = performance.now();
            window.__gaps.timer = Math.max(window.__gaps.timer, now - last);
            last = now;
            const s = document.documentElement.dataset.nbState;
            if (window.__gaps.states.at(-1) !== s) window.__gaps.states.push(s);
            if (s === 'checking') window.__gaps.ticksWhileChecking += 1;
            if (s === 'done') window.__gaps.done = true;
            else setTimeout(tick, 10);
          };
          const frame = (t) => {
            if (lastFrame) window.__gaps.frame = Math.max(window.__gaps.frame, t - lastFrame);
            lastFrame = t;
            if (!window.__gaps.done) requestAnimationFrame(frame);
          };
          // Start after the browser has laid out the pasted text (its own cost, not ours).
          requestAnimationFrame(() => requestAnimationFrame(() => {
            last = performance.now();
            setTimeout(tick, 10);
            requestAnimationFrame(frame);
          }));
        },
        { once: true },
      );
    });
    await page.focus('#report-text');
    await page.keyboard.press('Control+V');
    await page.waitForFunction((n) => document.querySelector('#report-text').value.length >= n, example.length * 100, { timeout: 60_000 });
    await page.waitForFunction(() => window.__gaps.done, null, { timeout: 120_000 });
    await waitChecked(page, 120_000);
    const gaps = await page.evaluate(() => window.__gaps);
    t.diagnostic(
      `${(bytes / MB).toFixed(1)} MB; longest timer gap ${gaps.timer.toFixed(0)} ms, longest frame ${gaps.frame.toFixed(0)} ms, ` +
        `${gaps.ticksWhileChecking} main-thread ticks while checking`,
    );
    assert.ok(gaps.states.includes('checking'), `went through checking: ${gaps.states}`);
    // Were the check on the main thread, no timer could fire until it finished.
    assert.ok(gaps.ticksWhileChecking >= 2, `main thread ran while checking: ${gaps.ticksWhileChecking} ticks`);
    assert.match(await page.textContent('#status'), /已检查/);
    assert.match(await page.textContent('#summary'), /^(发现|未发现)/);
  });

  it('typing stays responsive in a large text: the check waits for a pause', async (t) => {
    await page.evaluate(() => {
      const ta = document.querySelector('#report-text');
      ta.setSelectionRange(0, 0);
    });
    await page.focus('#report-text');
    const t0 = Date.now();
    await page.keyboard.type('南泽县', { delay: 30 });
    const typing = Date.now() - t0;
    assert.equal(await page.evaluate(() => document.documentElement.dataset.nbState), 'editing');
    await waitChecked(page, 120_000);
    t.diagnostic(`typing 3 characters into the 10 MB text took ${typing} ms`);
    assert.ok((await page.inputValue('#report-text')).startsWith('南泽县南泽县人民政府'));
  });
});
