// <nianbao-checker> in the mock portal (www/embed.html): the nianbao-result event, compact mode,
// checking another element's text, and shadow DOM isolation both ways.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, openPage, exampleText } from './lib.mjs';

describe('<nianbao-checker>', () => {
  let srv, b, page;

  before(async () => {
    srv = await startServer();
    b = await openPage(new URL('embed.html', srv.url).href);
    page = b.page;
    await page.evaluate(() => customElements.whenDefined('nianbao-checker'));
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  it('checks the portal editor and emits a bubbling, composed nianbao-result', async () => {
    const event = page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener(
            'nianbao-result',
            (e) =>
              resolve({
                target: e.target.id,
                bubbles: e.bubbles,
                composed: e.composed,
                same: e.detail === e.target.result,
                format: e.detail.format,
                errors: e.detail.diagnostics.filter((d) => d.severity === 'error').length,
                tables: Object.values(e.detail.tables).filter(Boolean).length,
              }),
            { once: true },
          );
        }),
    );
    await page.click('#fill-example');
    const ev = await event;
    assert.deepEqual(ev, { target: 'side-checker', bubbles: true, composed: true, same: true, format: '2021', errors: ev.errors, tables: 3 });
    assert.ok(ev.errors > 0);
    // The portal's own script reacts to the event.
    assert.equal(await page.isDisabled('#publish'), true);
    assert.match(await page.textContent('#publish-note'), /错误/);
  });

  it('compact mode shows the summary and findings, no tables', async () => {
    const side = await page.evaluate(() => {
      const root = document.querySelector('#side-checker').shadowRoot;
      return {
        summary: root.querySelector('.nb-summary').textContent,
        findings: root.querySelectorAll('li.finding').length,
        tables: root.querySelectorAll('table').length,
        textarea: root.querySelectorAll('textarea').length,
        repair: root.querySelector('.nb-repair').hidden ? null : root.querySelector('.nb-repair').textContent,
        r007: document.querySelector('#side-checker').result.diagnostics.find((d) => d.code === 'R007')?.message ?? null,
      };
    });
    // The likeliest correction (the example has one) is the widget's headline.
    assert.match(side.r007, /^可能只需改 1 个单元格/);
    assert.equal(side.repair, side.r007);
    assert.match(side.summary, /^发现 \d+ 个错误/);
    assert.ok(side.findings > 0);
    assert.equal(side.tables, 0);
    assert.equal(side.textarea, 0, 'compact + source: no text box of its own');
  });

  it('clicking a finding selects its text in the portal editor', async () => {
    const report = await page.evaluate(() => document.querySelector('#side-checker').result);
    const i = report.diagnostics.findIndex((d) => d.spans.length > 0);
    await page.locator(`#side-checker li.finding[data-index="${i}"] .locate`).click();
    const sel = await page.evaluate(() => {
      const ed = document.querySelector('#portal-editor');
      return [ed.selectionStart, ed.selectionEnd, document.activeElement === ed];
    });
    assert.deepEqual(sel, [report.diagnostics[i].spans[0].start, report.diagnostics[i].spans[0].end, true]);
  });

  it('re-checks when the portal editor changes', async () => {
    const next = page.evaluate(
      () => new Promise((r) => document.querySelector('#side-checker').addEventListener('nianbao-result', (e) => r(e.detail.diagnostics.length), { once: true })),
    );
    await page.focus('#portal-editor');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n（完）');
    assert.equal(typeof (await next), 'number');
  });

  it('the full widget draws the tables; setting .text checks it', async () => {
    const text = await exampleText();
    const res = await page.evaluate(async (text) => {
      const el = document.querySelector('#full-checker');
      const got = new Promise((r) => el.addEventListener('nianbao-result', (e) => r(e.detail), { once: true }));
      el.text = text;
      const report = await got;
      const root = el.shadowRoot;
      return {
        cells: root.querySelectorAll('table.nb-applications td.v').length,
        own: root.querySelector('textarea').value === text,
        errors: report.diagnostics.filter((d) => d.severity === 'error').length,
      };
    }, text);
    assert.equal(res.cells, 175);
    assert.equal(res.own, true);
    assert.ok(res.errors > 0);
  });

  it('shadow DOM isolation holds both ways', async () => {
    const s = await page.evaluate(() => {
      const root = document.querySelector('#full-checker').shadowRoot;
      const cs = (el) => getComputedStyle(el);
      const inner = root.querySelector('td.v:not(.sev-error):not(.sev-warning):not(.sev-info)');
      const innerBtn = root.querySelector('button.code');
      const innerLi = root.querySelector('li.finding');
      const ui = root.querySelector('.nb-root');
      const portalTd = document.querySelector('#portal-table td');
      const portalBtn = document.querySelector('#fill-example');
      return {
        innerTdBg: cs(inner).backgroundColor,
        innerTdBorder: cs(inner).borderTopStyle,
        innerFont: cs(ui).fontFamily,
        innerFontSize: cs(ui).fontSize,
        innerColor: cs(ui).color,
        innerBtnTransform: cs(innerBtn).textTransform,
        innerListStyle: cs(innerLi).listStyleType,
        portalTdBg: cs(portalTd).backgroundColor,
        portalTdBorder: cs(portalTd).borderTopStyle,
        portalBtnTransform: cs(portalBtn).textTransform,
        portalFont: cs(document.body).fontFamily,
        lightFindings: document.querySelectorAll('.finding, .nb-table, .nb-root').length,
        docSheets: [...document.styleSheets].map((x) => x.href || 'inline'),
      };
    });
    // The portal's global styles do not reach into the widget …
    assert.notEqual(s.innerTdBg, 'rgb(255, 248, 220)');
    assert.notEqual(s.innerTdBorder, 'double');
    assert.doesNotMatch(s.innerFont, /Georgia/);
    assert.equal(s.innerFontSize, '15px');
    assert.notEqual(s.innerColor, 'rgb(59, 47, 47)');
    assert.equal(s.innerBtnTransform, 'none');
    assert.equal(s.innerListStyle, 'none');
    // … and the widget's styles do not leak out.
    assert.equal(s.portalTdBg, 'rgb(255, 248, 220)');
    assert.equal(s.portalTdBorder, 'double');
    assert.equal(s.portalBtnTransform, 'uppercase');
    assert.match(s.portalFont, /Georgia/);
    assert.equal(s.lightFindings, 0);
    assert.deepEqual(s.docSheets.map((h) => h.split('/').pop()), ['embed.css']);
    assert.deepEqual(b.errors, []);
  });

  it('a portal can restyle it through its CSS custom properties', async () => {
    const color = await page.evaluate(() => {
      const el = document.querySelector('#full-checker');
      el.style.setProperty('--nb-accent', 'rgb(1, 2, 3)');
      return getComputedStyle(el.shadowRoot.querySelector('.nb-title')).color;
    });
    assert.equal(color, 'rgb(1, 2, 3)');
  });

  it('a portal adds it with one script and one tag', async () => {
    const src = await (await fetch(new URL('embed.html', srv.url))).text();
    assert.match(src, /<script type="module" src="nianbao-checker.js"><\/script>/);
    assert.match(src, /<nianbao-checker id="side-checker" compact source="#portal-editor"><\/nianbao-checker>/);
  });
});
