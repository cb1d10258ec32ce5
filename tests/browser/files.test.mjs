// Files as people have them, in the page and the widget: the shared blank template filled in
// with our own numbers (tests/fixtures/files, saved by WPS and by LibreOffice) read into the same
// text and the same cells as the CLI (`nianbao text` / `check`), every cell as written; a changed
// cell caught through the widget's checkFile; PDFs read with pdf.js into the CLI's text (the
// layout step is the same Rust), scans and damaged PDFs refused; UTF-16 text; files the checker
// does not read (a PNG renamed .docx, a truncated .docx) get their message and leave the text alone.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, openPage, waitChecked, cli, reading, startWithCli } from './lib.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/files');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const fixture = (name) => path.join(FIXTURES, name);

/** Every cell the fixture filled, by table/row/column, as `reading()` keys them. */
async function expectedCells() {
  const want = JSON.parse(await readFile(fixture('filled.expected.json'), 'utf8'));
  const out = {};
  for (const [table, rows] of Object.entries(want)) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, value] of Object.entries(cols)) out[`${table}/${row}/${col}`] = value;
    }
  }
  return out;
}

describe('files in the page and the widget', () => {
  let srv, b, page;

  before(async () => {
    ({ srv, b, page } = await startWithCli());
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  async function open(name, buffer, mimeType = DOCX) {
    const before = await page.inputValue('#report-text');
    await page.evaluate(() => {
      const t = document.querySelector('#toast');
      t.textContent = '';
      t.dataset.kind = '';
    });
    await page.setInputFiles('#file-input', { name, mimeType, buffer });
    // Done when the text changed, or when a toast said why not.
    await page.waitForFunction(
      (b) => {
        const t = document.querySelector('#toast');
        return document.querySelector('#report-text').value !== b || (t.dataset.kind === 'error' && t.textContent !== '');
      },
      before,
    );
    return page.evaluate(() => ({
      text: document.querySelector('#report-text').value,
      toast: document.querySelector('#toast').textContent,
      kind: document.querySelector('#toast').dataset.kind,
    }));
  }

  it('a .docx from WPS and from LibreOffice, and a .doc: the CLI\'s text, every cell exact', async () => {
    const want = await expectedCells();
    assert.equal(Object.keys(want).length, 200);
    for (const name of ['filled-wps.docx', 'filled-libreoffice.docx', 'filled-libreoffice.doc']) {
      await page.click('#clear-text');
      const opened = await open(name, await readFile(fixture(name)));
      await waitChecked(page);
      const report = await page.evaluate(() => window.nianbaoPage.report);
      assert.equal(opened.text, cli(fixture(name), 'text'), `${name}: the page's text is the CLI's`);
      assert.deepEqual(report.source, { kind: name.endsWith('.doc') ? 'doc' : 'docx', name });
      assert.deepEqual(reading(report), reading(cli(fixture(name))), `${name}: page and CLI read the same`);
      const got = reading(report).cells;
      for (const [key, value] of Object.entries(want)) {
        assert.deepEqual([got[key]?.kind, got[key]?.value], ['number', value], `${name}: ${key}`);
      }
      assert.deepEqual(report.diagnostics.map((d) => d.code), [], name);
      // Spans point into the text shown.
      for (const t of Object.values(report.tables)) {
        for (const row of t.rows) for (const c of row.cells) assert.equal(opened.text.slice(c.span.start, c.span.end), c.raw);
      }
    }
    await page.screenshot({ path: path.join(ROOT, 'target/browser-files-docx.png'), fullPage: false });
  });

  it('opening a file over one\'s own text can be undone', async () => {
    await page.click('#clear-text');
    await page.focus('#report-text');
    await page.keyboard.type('我自己的草稿');
    await open('filled-wps.docx', await readFile(fixture('filled-wps.docx')));
    assert.match(await page.inputValue('#report-text'), /青岚县水务局/);
    await page.focus('#report-text');
    await page.keyboard.press('Control+Z');
    assert.equal(await page.inputValue('#report-text'), '我自己的草稿');
  });

  it('UTF-16 text (Notepad\'s “Unicode”) and GBK are decoded', async () => {
    const text = '青岚县水务局2024年政府信息公开工作年度报告\n一、总体情况\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, buf] of [['le.txt', le], ['be.txt', be]]) {
      await page.click('#clear-text');
      const opened = await open(name, buf, 'text/plain');
      assert.equal(opened.text.replace(/^\ufeff/, ''), text, name);
    }
    // 一、总体情况 in GBK.
    await page.click('#clear-text');
    const gbk = await open('gbk.txt', Buffer.from('d2bba1a2d7dccce5c7e9bff60a', 'hex'), 'text/plain');
    assert.equal(gbk.text, '一、总体情况\n');
  });

  it('files it does not read: a message, and the text area as it was', async () => {
    await page.click('#clear-text');
    await page.focus('#report-text');
    await page.keyboard.type('原来的文字');
    const cases = [
      ['hostile-png.docx', await readFile(fixture('hostile-png.docx')), /图片（PNG）/],
      ['hostile-truncated.docx', await readFile(fixture('hostile-truncated.docx')), /不完整或已损坏/],
      ['hostile-bomb.docx', await readFile(fixture('hostile-bomb.docx')), /过大/],
      ['report.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), /PDF/],
      ['old.doc', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.from('WordDocument', 'utf16le')]), /另存为/],
    ];
    for (const [name, buf, message] of cases) {
      const r = await open(name, buf);
      assert.equal(r.kind, 'error', name);
      assert.match(r.toast, message, name);
      assert.equal(r.text, '原来的文字', `${name}: the text is untouched`);
    }
    await page.screenshot({ path: path.join(ROOT, 'target/browser-files-refused.png'), fullPage: false });
  });

  it('a PDF (pdf.js in the page): the CLI\'s text, every cell exact; scans and damaged PDFs refused', async () => {
    const want = await expectedCells();
    // filled-short: every table broken over pages; word_paste: narrow columns, wrapped labels,
    // one character per line headers.
    for (const name of ['filled-libreoffice.pdf', 'filled-short.pdf', 'word_paste.pdf']) {
      await page.click('#clear-text');
      const opened = await open(name, await readFile(fixture(name)), 'application/pdf');
      await waitChecked(page);
      const report = await page.evaluate(() => window.nianbaoPage.report);
      assert.equal(opened.text, cli(fixture(name), 'text'), `${name}: the page's text is the CLI's`);
      assert.deepEqual(report.source, { kind: 'pdf', name });
      assert.deepEqual(reading(report), reading(cli(fixture(name))), `${name}: page and CLI read the same`);
      if (name.startsWith('filled')) {
        const got = reading(report).cells;
        for (const [key, value] of Object.entries(want)) {
          assert.deepEqual([got[key]?.kind, got[key]?.value], ['number', value], `${name}: ${key}`);
        }
      }
    }
    // pdf.js rebuilds a broken cross-reference table by scanning the file (the CLI's reader
    // refuses it): its text is the intact file's.
    await page.click('#clear-text');
    const repaired = await open('hostile-xref.pdf', await readFile(fixture('hostile-xref.pdf')), 'application/pdf');
    assert.equal(repaired.text, cli(fixture('filled-libreoffice.pdf'), 'text'));
    await page.click('#clear-text');
    await page.focus('#report-text');
    await page.keyboard.type('原来的文字');
    for (const [name, message] of [
      ['hostile-scan.pdf', /这是扫描件或图片，没有可读取的文字/],
      ['hostile-truncated.pdf', /PDF 文件不完整或已损坏/],
    ]) {
      const r = await open(name, await readFile(fixture(name)), 'application/pdf');
      assert.equal(r.kind, 'error', name);
      assert.match(r.toast, message, name);
      assert.equal(r.text, '原来的文字', `${name}: the text is untouched`);
    }
  });

  it('the widget: checkFile, a changed cell, an attachment field', async () => {
    const w = await openPage(new URL('embed.html', srv.url).href);
    try {
      const files = {};
      for (const name of ['filled-wps.docx', 'filled-changed.docx', 'hostile-png.docx', 'filled-wps.doc', 'filled-changed.doc', 'filled-changed.pdf']) {
        files[name] = [...(await readFile(fixture(name)))];
      }
      const results = await w.page.evaluate(async (files) => {
        const el = document.querySelector('#full-checker');
        const file = (name) => new File([new Uint8Array(files[name])], name);
        const ok = await el.checkFile(file('filled-wps.docx'));
        const pdf = await el.checkFile(file('filled-changed.pdf'));
        const changed = await el.checkFile(file('filled-changed.docx'));
        const refused = await el.checkFile(file('hostile-png.docx')).then(() => null, (e) => e.message);
        const doc = await el.checkFile(file('filled-wps.doc'));
        const changedDoc = await el.checkFile(file('filled-changed.doc'));
        // A portal's attachment field as the source.
        const input = Object.assign(document.createElement('input'), { type: 'file', id: 'attachment' });
        document.body.append(input);
        const att = document.createElement('nianbao-checker');
        att.setAttribute('source', '#attachment');
        att.setAttribute('compact', '');
        document.body.append(att);
        const viaField = new Promise((r) => att.addEventListener('nianbao-result', (e) => r(e.detail), { once: true }));
        const dt = new DataTransfer();
        dt.items.add(file('filled-changed.docx'));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return { ok, changed, refused, doc, changedDoc, pdf, field: await viaField, box: el.shadowRoot.querySelector('textarea').value };
      }, files);
      assert.deepEqual(results.ok.source, { kind: 'docx', name: 'filled-wps.docx' });
      assert.equal(results.ok.text, cli(fixture('filled-wps.docx'), 'text'));
      assert.equal(results.box, results.changed.text, 'the widget shows the text it checked');
      assert.deepEqual(reading(results.ok), reading(cli(fixture('filled-wps.docx'))));
      assert.deepEqual(results.ok.diagnostics, []);
      const errors = results.changed.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => d.code), ['R002', 'R003']);
      for (const d of errors) {
        assert.ok(d.cells.some((c) => c.table === 'applications' && c.row === 'granted' && c.col === 'natural_person'), d.message);
      }
      assert.match(results.refused, /hostile-png\.docx：这是一张图片/);
      // A Word 97–2003 .doc: the CLI's text, the same cells as the .docx it was saved from.
      assert.deepEqual(results.doc.source, { kind: 'doc', name: 'filled-wps.doc' });
      assert.equal(results.doc.text, cli(fixture('filled-wps.doc'), 'text'));
      assert.deepEqual(reading(results.doc), reading(results.ok));
      assert.deepEqual(results.changedDoc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['R002', 'R003']);
      assert.deepEqual(results.pdf.source, { kind: 'pdf', name: 'filled-changed.pdf' });
      assert.equal(results.pdf.text, cli(fixture('filled-changed.pdf'), 'text'));
      assert.deepEqual(results.pdf.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), ['R002', 'R003']);
      assert.equal(results.field.source.name, 'filled-changed.docx');
      assert.deepEqual(results.field.diagnostics.map((d) => d.code), ['R002', 'R003', 'R007']);
      // R007's likeliest correction is exactly the changed cell, back to its value (it was +1).
      const fix = results.field.repairs[0].changes;
      assert.deepEqual(fix.map((c) => `${c.table}.${c.row}.${c.col}`), ['applications.granted.natural_person']);
      assert.equal(fix[0].to, fix[0].from - 1);
      assert.deepEqual(w.errors, []);
    } finally {
      await w.close();
    }
  });

  it('logs no errors', () => {
    assert.deepEqual(b.errors, []);
  });
});
