// One HTML reader: the page (a text/html paste, an opened .html file), the widget (a text/html
// paste) and the CLI (`nianbao check --format json FILE.html`) read the same HTML files into the
// same text and the same cells. The fixtures are tests/fixtures/html/*.html: a Word-like paste
// (rowspan/colspan, <br> and paragraphs in cells, a spacer row, mso-hide), a web page (<title>,
// navigation, hidden elements and a hidden old table, script, select, buttons, thead/tbody) and
// a WPS-like export (upper-case tags, <col>, x:num, &nbsp; cells).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, openPage, waitChecked, cli, reading, startWithCli } from './lib.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/html');
describe('one HTML reader: page, widget and CLI', () => {
  let srv, b, page, names, tmp;

  before(async () => {
    names = (await readdir(FIXTURES)).filter((f) => f.endsWith('.html')).sort();
    assert.ok(names.length >= 3, 'the HTML fixtures are there');
    tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-html-'));
    ({ srv, b, page } = await startWithCli());
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Pastes `html` (with a plain-text flavour the page must not use) into an empty text box. */
  async function pasteHtml(html) {
    await page.click('#clear-text');
    await page.waitForFunction(() => document.documentElement.dataset.nbState === 'empty');
    await page.focus('#report-text');
    const handled = await page.evaluate((html) => {
      const dt = new DataTransfer();
      dt.setData('text/html', html);
      dt.setData('text/plain', 'PLAIN TEXT FALLBACK');
      const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      document.querySelector('#report-text').dispatchEvent(ev);
      return ev.defaultPrevented;
    }, html);
    assert.equal(handled, true, 'the page took over the HTML paste');
    await page.waitForFunction(() => document.querySelector('#report-text').value !== '');
    await waitChecked(page);
    return page.evaluate(() => ({ text: document.querySelector('#report-text').value, report: window.nianbaoPage.report }));
  }

  async function openHtml(name, html) {
    await page.click('#clear-text');
    await page.waitForFunction(() => document.documentElement.dataset.nbState === 'empty');
    await page.setInputFiles('#file-input', { name, mimeType: 'text/html', buffer: Buffer.from(html) });
    await page.waitForFunction(() => document.querySelector('#report-text').value !== '');
    await waitChecked(page);
    return page.evaluate(() => ({ text: document.querySelector('#report-text').value, report: window.nianbaoPage.report }));
  }

  const seen = {};

  it('the page reads each fixture into the same text and the same cells as the CLI', async () => {
    for (const name of names) {
      const file = path.join(FIXTURES, name);
      const html = await readFile(file, 'utf8');
      const pasted = await pasteHtml(html);
      const opened = await openHtml(name, html);
      seen[name] = pasted.text;

      // The same text through both page paths, and nothing of the markup in it.
      assert.equal(opened.text, pasted.text, `${name}: paste and open give the same text`);
      assert.doesNotMatch(pasted.text, /<\/?[a-z]+[\s>]|&nbsp;|PLAIN TEXT FALLBACK/i, name);
      // Every cell's span on the page is its raw text in the text box.
      for (const t of Object.values(pasted.report.tables)) {
        for (const row of t?.rows || []) {
          for (const c of row.cells) assert.equal(pasted.text.slice(c.span.start, c.span.end), c.raw, `${name}: ${row.key}/${c.col}`);
        }
      }

      // The CLI on the HTML file reads what the page read: same report, cell by cell.
      const fromHtml = reading(cli(file));
      assert.ok(Object.keys(fromHtml.cells).length > 150, `${name}: the CLI reads the tables (${Object.keys(fromHtml.cells).length} cells)`);
      assert.deepEqual(reading(pasted.report), fromHtml, `${name}: page and CLI read the same`);
      // And the page's text is the CLI's text: the CLI on that text, as a .txt file, reads the same.
      const txt = path.join(tmp, name.replace(/\.html$/, '.txt'));
      await writeFile(txt, pasted.text);
      assert.deepEqual(reading(cli(txt)), fromHtml, `${name}: the CLI on the page's text reads the same`);
    }
  });

  it('the decisions of the reader show in the text', () => {
    const word = seen['word_paste.html'].split('\n');
    // <br> and paragraphs inside a cell stay on the row's line; between CJK they join. A cell
    // merged across columns writes its text in the last column it covers: its row's cells follow.
    assert.ok(word.some((l) => /^\t\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t(\d+\t){6}\d+$/.test(l)), 'merged label row');
    // Outside a table a <br> is a line break, as on screen.
    assert.equal(word[word.indexOf('青溪县自然资源局2024年政府信息公开') + 1], '工作年度报告', 'a <br> outside cells breaks the line');
    // Merged cells keep grid positions; rows without text (Word spacer rows) are dropped.
    assert.ok(word.some((l) => l.startsWith('\t\t\t\t商业企业\t科研机构\t')), 'header row under rowspans');
    assert.ok(!word.some((l) => /^\t*$/.test(l) && l.includes('\t')), 'no bare-TAB rows');
    assert.ok(!seen['word_paste.html'].includes('批注'), 'mso-hide:all is hidden');

    const web = seen['web_page.html'];
    // The <title> is the first line; hidden elements, scripts, selects and buttons are not text.
    assert.match(web, /^青溪县交通运输局2024年政府信息公开工作年度报告_青溪县人民政府门户网站\n/);
    for (const gone of ['浏览次数', '分享到', 'dataLayer', '相关链接', '打印本页', '7\t7\t7']) assert.ok(!web.includes(gone), gone);

    const wps = seen['wps_export.html'];
    assert.match(wps, /\n\t\t一、本年新收政府信息公开申请数量\t(\d+\t){6}\d+\n/);
  });

  it('an HTML paste keeps the undo history and the text around it', async () => {
    await page.click('#clear-text');
    await page.focus('#report-text');
    await page.keyboard.type('前文后文');
    await page.evaluate(() => document.querySelector('#report-text').setSelectionRange(2, 2));
    const before = await page.inputValue('#report-text');
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/html', '<table><tr><td>甲</td><td>1</td></tr></table>');
      document.querySelector('#report-text').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction((b) => document.querySelector('#report-text').value !== b, before);
    assert.equal(await page.inputValue('#report-text'), '前文甲\t1\n后文');
    await page.keyboard.press('Control+Z');
    assert.equal(await page.inputValue('#report-text'), before);
  });

  it('the widget pastes the same text as the page', async () => {
    const w = await openPage(new URL('embed.html', srv.url).href);
    try {
      for (const name of names) {
        const html = await readFile(path.join(FIXTURES, name), 'utf8');
        const text = await w.page.evaluate(async (html) => {
          const el = document.querySelector('#full-checker');
          const ta = el.shadowRoot.querySelector('textarea');
          ta.value = '';
          const got = new Promise((r) => el.addEventListener('nianbao-result', () => r(ta.value), { once: true }));
          const dt = new DataTransfer();
          dt.setData('text/html', html);
          dt.setData('text/plain', 'PLAIN TEXT FALLBACK');
          ta.focus();
          ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
          return got;
        }, html);
        assert.equal(text, seen[name], `${name}: widget and page`);
      }
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });

  it('logs no errors', () => {
    assert.deepEqual(b.errors, []);
  });
});
