// The page: example report, paste (plain and text/html), findings ↔ text selection, cells,
// rule documentation, exports, print view.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startServer, openPage, loadExample, waitChecked, exampleText } from './lib.mjs';

describe('page', () => {
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

  it('starts with sensible empty states', async () => {
    assert.equal(await page.textContent('#summary'), '请粘贴报告全文');
    assert.match(await page.textContent('#tables'), /三张表格/);
    assert.equal(await page.isDisabled('#export-json'), true);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  });

  it('loads the example report and shows the summary and the three tables', async () => {
    await loadExample(page);
    const summary = await page.textContent('#summary');
    assert.match(summary, /^发现 \d+ 个错误/, summary);
    for (const key of ['active_disclosure', 'applications', 'reviews_litigation']) {
      assert.equal(await page.locator(`table.nb-${key}`).count(), 1, `table ${key} drawn`);
    }
    // The 25 × 7 grid of section 三, every value cell present.
    assert.equal(await page.locator('table.nb-applications tbody tr').count(), 25);
    assert.equal(await page.locator('table.nb-applications td.v').count(), 175);
    assert.equal(await page.locator('table.nb-applications td.v.missing').count(), 0);
    // Merged headers as in the official template.
    assert.equal(await page.getAttribute('table.nb-applications th.group >> nth=0', 'rowspan'), '22');
    assert.equal(await page.locator('table.nb-reviews_litigation td.v').count(), 15);
    assert.equal(await page.locator('table.nb-active_disclosure td.v').count(), 10);
    // Cell values as in the text.
    const v = (row, col) => page.textContent(`td.v[data-row="${row}"][data-col="${col}"] .val`);
    assert.equal(await v('new_received', 'total'), '52');
    assert.equal(await v('unable_not_held', 'natural_person'), '8');
    assert.equal(await page.textContent('td.v[data-table="active_disclosure"][data-row="fees"][data-col="amount"] .val'), '86.3150');
    // The deliberate error is flagged, with a text mark, not colour alone.
    const flagged = page.locator('td.v.sev-error[data-row="unable_not_held"][data-col="natural_person"]');
    assert.equal(await flagged.count(), 1);
    assert.equal(await flagged.locator('.mark').textContent(), '错');
    assert.ok((await page.locator('#findings li.finding').count()) >= 1);
    assert.equal(await page.isDisabled('#export-csv'), false);
    assert.deepEqual(b.errors, []);
  });

  it('clicking a finding selects its text in the paste area and its cells in the tables', async () => {
    const report = await page.evaluate(() => window.nianbaoPage.report);
    const i = report.diagnostics.findIndex((d) => d.spans.length > 0 && d.cells.length > 0);
    assert.ok(i >= 0, 'a finding with spans and cells');
    const d = report.diagnostics[i];
    await page.click(`#findings li[data-index="${i}"] .locate`);
    const sel = await page.evaluate(() => {
      const ta = document.querySelector('#report-text');
      return { start: ta.selectionStart, end: ta.selectionEnd, focused: document.activeElement === ta };
    });
    assert.deepEqual(sel, { start: d.spans[0].start, end: d.spans[0].end, focused: true });
    const selected = await page.$$eval('#tables td.selected', (tds) => tds.map((td) => `${td.dataset.table}|${td.dataset.row}|${td.dataset.col}`));
    const drawn = new Set(await page.$$eval('#tables td.v', (tds) => tds.map((td) => `${td.dataset.table}|${td.dataset.row}|${td.dataset.col}`)));
    assert.deepEqual(selected.sort(), d.cells.map((c) => `${c.table}|${c.row}|${c.col}`).filter((id) => drawn.has(id)).sort());
    assert.equal(await page.getAttribute(`#findings li[data-index="${i}"]`, 'class'), `finding sev-${d.severity} active`);
  });

  it('clicking a cell shows its findings beside it, and Enter / arrow keys work on cells', async () => {
    const cell = page.locator('td.v.sev-error[data-row="unable_not_held"][data-col="natural_person"]');
    await cell.click();
    const box = page.locator('.cell-pop');
    assert.equal(await box.isVisible(), true);
    assert.match(await box.textContent(), /自然人/);
    assert.ok((await box.locator('li.finding').count()) >= 1);
    // "在原文中选中" selects the cell's own text.
    await box.locator('button', { hasText: '在原文中选中' }).click();
    const selected = await page.evaluate(() => {
      const ta = document.querySelector('#report-text');
      return ta.value.slice(ta.selectionStart, ta.selectionEnd);
    });
    assert.equal(selected.trim(), '8');
    // Keyboard: focus a cell, move right, open with Enter.
    await cell.focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.col), 'commercial');
    await page.keyboard.press('Enter');
    assert.match(await box.locator('.cell-pop-title').textContent(), /商业企业/);
    await page.keyboard.press('Escape');
    assert.equal(await box.isVisible(), false);
  });

  it('each rule code opens its documentation', async () => {
    await page.click('#findings li.finding >> nth=0 >> button.code');
    const dlg = page.locator('#rule-dialog');
    await dlg.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelector('#rule-body').textContent.length > 20);
    const code = await page.textContent('#findings li.finding >> nth=0 >> button.code');
    assert.match(await page.textContent('#rule-title'), new RegExp(code));
    assert.doesNotMatch(await page.textContent('#rule-body'), /还没有/);
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'hidden' });
  });

  it('exports the result as JSON and the tables as CSV', async () => {
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const parsed = JSON.parse(await readFile(await json.path(), 'utf8'));
    assert.equal(parsed.format, '2021');
    assert.ok(Array.isArray(parsed.diagnostics) && parsed.diagnostics.length > 0);
    assert.match(json.suggestedFilename(), /\.json$/);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const text = await readFile(await csv.path(), 'utf8');
    assert.ok(text.startsWith('\ufeff'), 'BOM for Excel');
    assert.match(text, /一、本年新收政府信息公开申请数量,46,3,0,1,2,0,52/);
    assert.match(text, /行政事业性收费,86\.3150/);
    assert.match(text, /行政复议·结果维持/);
    assert.match(csv.suggestedFilename(), /\.csv$/);
  });

  it('puts the likeliest repair first and marks its cell strongly; exports the findings as CSV', async () => {
    // (The example's deliberate slip: 1.本机关不掌握相关政府信息 自然人 8 where 9 belongs.)
    await loadExample(page);
    assert.equal(await page.isHidden('#repair'), false);
    const headline = await page.textContent('#repair');
    assert.match(headline, /^可能只需改 1 个单元格：“1\.本机关不掌握相关政府信息”自然人 8 → 9/, headline);
    const suspect = page.locator('td.v.suspect');
    assert.equal(await suspect.count(), 1);
    assert.equal(await suspect.getAttribute('data-row'), 'unable_not_held');
    assert.equal(await suspect.getAttribute('data-col'), 'natural_person');
    assert.equal(await suspect.locator('.fix').textContent(), '→9');
    // The other cells of the failing identities are marked lightly, not as the suspect.
    assert.ok((await page.locator('table.has-repair td.v.sev-error:not(.suspect)').count()) > 0);
    await page.locator('#results').screenshot({ path: path.join(tmpdir(), 'nianbao-repair-suspect.png') });
    // Clicking the headline shows the R007 finding.
    await page.click('#repair-locate');
    assert.equal((await page.textContent('#findings li.finding.active .code')).trim(), 'R007');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-findings')]);
    const text = await readFile(await csv.path(), 'utf8');
    assert.ok(text.startsWith('\ufeffcode,severity,message,line,cell,suggested_value\r\n'), text.slice(0, 80));
    assert.match(text, /\r\nR007,info,[^\r\n]*,\d+,applications\.unable_not_held\.natural_person,applications\.unable_not_held\.natural_person=9\r\n/);
    const rows = text.trim().split('\r\n').length - 1;
    assert.equal(rows, await page.evaluate(() => window.nianbaoPage.report.diagnostics.length));
    assert.match(csv.suggestedFilename(), /-问题\.csv$/);

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const parsed = JSON.parse(await readFile(await json.path(), 'utf8'));
    assert.match(parsed.version, /^\d+\.\d+\.\d+$/);
    assert.ok(!Number.isNaN(Date.parse(parsed.checked_at)));
    assert.equal(parsed.repairs[0].changes[0].to, 9);
    assert.deepEqual(b.errors, []);
  });

  it('filters the findings by severity with clickable counts', async () => {
    await loadExample(page);
    const buttons = await page.locator('#severity-filter button').allTextContents();
    assert.deepEqual(buttons, ['全部 3', '错误 2', '提示 1']);
    await page.click('#severity-filter button[data-severity="info"]');
    assert.equal(await page.getAttribute('#severity-filter button[data-severity="info"]', 'aria-pressed'), 'true');
    assert.deepEqual((await page.locator('#findings li.finding .code').allTextContents()).map((t) => t.trim()), ['R007']);
    // The line beside the finding: the line of the suspect cell.
    const line = (await exampleText()).split('\n').findIndex((l) => l.includes('1.本机关不掌握相关政府信息\t8')) + 1;
    assert.match(await page.textContent('#findings li.finding .where'), new RegExp(`^第 ${line} 行 · 表三`));
    // A filtered finding still locates its own cell.
    await page.click('#findings li.finding .locate');
    assert.equal(await page.locator('td.v.selected[data-row="unable_not_held"][data-col="natural_person"]').count(), 1);
    await page.click('#severity-filter button[data-severity="error"]');
    assert.deepEqual((await page.locator('#findings li.finding .code').allTextContents()).map((t) => t.trim()), ['R002', 'R003']);
    await page.screenshot({ path: path.join(tmpdir(), 'nianbao-filter.png'), fullPage: false });
    await page.click('#severity-filter button[data-severity="all"]');
    assert.equal(await page.locator('#findings li.finding').count(), 3);
    assert.deepEqual(b.errors, []);
  });

  it('copies a table as TSV for Excel / WPS', async () => {
    await page.click('section[data-table="applications"] button:has-text("TSV")');
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    const lines = tsv.replace(/\n$/, '').split('\n');
    assert.equal(lines.length, 26);
    assert.equal(lines[0].split('\t').length, 8);
    assert.equal(lines[1], '一、本年新收政府信息公开申请数量\t46\t3\t0\t1\t2\t0\t52');
  });

  it('has a print view with the results only', async () => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('.input-panel'), false);
    assert.equal(await page.isVisible('#export-json'), false);
    assert.equal(await page.isVisible('table.nb-applications'), true);
    assert.equal(await page.isVisible('#findings'), true);
    // The date and the version on paper.
    assert.equal(await page.isVisible('#print-meta'), true);
    assert.match(await page.textContent('#print-meta'), /^检查时间 .+ · nianbao \d+\.\d+\.\d+$/);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.isVisible('#print-meta'), false);
  });

  it('re-checks in the worker after a plain-text paste (real clipboard, Ctrl+V)', async () => {
    await page.click('#clear-text');
    await page.waitForFunction(() => document.documentElement.dataset.nbState === 'empty');
    const text = await exampleText();
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.focus('#report-text');
    await page.keyboard.press('Control+V');
    await waitChecked(page);
    assert.equal(await page.inputValue('#report-text'), text);
    assert.match(await page.textContent('#summary'), /^发现/);
    assert.equal(await page.locator('table.nb-applications td.v').count(), 175);
  });

  it('a text/html paste keeps the table cells (synthetic ClipboardEvent)', async () => {
    await page.click('#clear-text');
    await page.waitForFunction(() => document.documentElement.dataset.nbState === 'empty');
    // The example's section 三 as an HTML table, as a web page or Word would put it on the clipboard.
    const text = await exampleText();
    const html = await page.evaluate((t) => {
      const lines = t.split('\n');
      const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      const out = ['<html><head><style>p.MsoNormal { margin: 0 }</style></head><body>'];
      for (const line of lines) {
        if (line.includes('\t')) {
          if (!out[out.length - 1].startsWith('<tr')) out.push('<table border="1">');
          out.push(`<tr>${line.split('\t').map((c) => `<td style="border:solid windowtext 1.0pt"><p class="MsoNormal" style='text-align:center'>${esc(c)}<span style='display:none'>隐藏</span></p></td>`).join('')}</tr>`);
        } else {
          if (out[out.length - 1].startsWith('<tr')) out.push('</table>');
          out.push(`<p>${esc(line)}&nbsp;</p>`);
        }
      }
      out.push('</body></html>');
      return out.join('\n');
    }, text);
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
    await waitChecked(page);
    const value = await page.inputValue('#report-text');
    assert.doesNotMatch(value, /PLAIN TEXT FALLBACK|<td|&nbsp;/);
    assert.match(value, /一、本年新收政府信息公开申请数量\t46\t3\t0\t1\t2\t0\t52\n/);
    assert.match(value, /^南泽县人民政府2024年政府信息公开工作年度报告\n/);
    assert.equal(await page.locator('table.nb-applications td.v:not(.missing)').count(), 175);
    assert.match(await page.textContent('#summary'), /^发现/);
  });

  it('opens a GBK-encoded .txt file', async () => {
    const text = await exampleText();
    const gbk = execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))'], { input: text });
    assert.notDeepEqual(gbk, Buffer.from(text, 'utf8'));
    await page.setInputFiles('#file-input', { name: '年报.txt', mimeType: 'text/plain', buffer: gbk });
    // The file is read in the worker: wait for its text to arrive, not for the previous check.
    await page.waitForFunction((t) => document.querySelector('#report-text').value === t, text, { timeout: 30_000 });
    await waitChecked(page);
    assert.equal(await page.inputValue('#report-text'), text);
    assert.equal(await page.locator('table.nb-applications td.v:not(.missing)').count(), 175);
  });

  it('opens a dropped .html file with its tables kept', async () => {
    const text = await exampleText();
    const rows = text.split('\n').map((l) => (l.includes('\t') ? `<tr>${l.split('\t').map((c) => `<td>${c}</td>`).join('')}</tr>` : `</table><p>${l}</p><table>`));
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title><style>p{}</style></head><body><table>${rows.join('\n')}</table></body></html>`;
    await page.evaluate((html) => {
      const dt = new DataTransfer();
      dt.items.add(new File([html], '年报.html', { type: 'text/html' }));
      document.querySelector('#report-text').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, html);
    await page.waitForFunction(() => document.querySelector('#report-text').value.startsWith('年报\n南泽县人民政府2024年'));
    await waitChecked(page);
    const value = await page.inputValue('#report-text');
    assert.doesNotMatch(value, /<|p\{\}/);
    assert.match(value, /四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\n/);
    assert.equal(await page.locator('table.nb-applications td.v:not(.missing)').count(), 175);
  });

  it('editing re-checks after a pause (debounced)', async () => {
    const before = await page.evaluate(() => window.nianbaoPage.report.diagnostics.length);
    // Fix the deliberate error: 8 → 9 in 1.本机关不掌握相关政府信息.
    const pos = await page.evaluate(() => {
      const ta = document.querySelector('#report-text');
      const i = ta.value.indexOf('1.本机关不掌握相关政府信息\t8\t');
      return i + '1.本机关不掌握相关政府信息\t'.length;
    });
    await page.evaluate((p) => document.querySelector('#report-text').setSelectionRange(p, p + 1), pos);
    await page.keyboard.type('9');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.nbState), 'editing');
    await waitChecked(page);
    const after = await page.evaluate(() => window.nianbaoPage.report.diagnostics.filter((d) => d.severity === 'error').length);
    assert.ok(after < before, `errors ${before} → ${after}`);
    assert.equal(await page.textContent('td.v[data-row="unable_not_held"][data-col="natural_person"] .val'), '9');
    assert.deepEqual(b.errors, []);
  });

  it('shows no repair headline when R007 could not localise the slips', async () => {
    // A Word paste whose tables are far from consistent: R007 says it cannot localise.
    const text = await readFile(path.join(ROOT, 'tests/fixtures/office/word_paste.default.txt'), 'utf8');
    await page.fill('#report-text', text);
    await waitChecked(page);
    const r007 = await page.evaluate(() => window.nianbaoPage.report.diagnostics.filter((d) => d.code === 'R007').map((d) => d.message));
    assert.equal(r007.length, 1);
    assert.match(r007[0], /^无法定位/);
    assert.equal(await page.evaluate(() => window.nianbaoPage.report.repairs.length), 0);
    assert.equal(await page.isHidden('#repair'), true);
    assert.deepEqual(b.errors, []);
  });

  it('says how complete the check was: a paste cut inside section 三 is not "未发现问题"', async () => {
    const text = await exampleText();
    await page.fill('#report-text', text.slice(0, text.indexOf('（三）不予公开')));
    await waitChecked(page);
    const summary = await page.textContent('#summary');
    const cov = await page.evaluate(() => window.nianbaoPage.report.coverage.applications);
    assert.ok(cov.read < cov.expected && cov.expected === 175, JSON.stringify(cov));
    assert.match(summary, new RegExp(`表三 ${cov.read}/175(，表四 0/15)? 格已读取 · 检查不完整`), summary);
    assert.doesNotMatch(summary, /未发现问题/);
    assert.equal(await page.getAttribute('#summary', 'data-level'), summary.startsWith('发现') && /错误/.test(summary) ? 'error' : 'warning');
    assert.deepEqual(b.errors, []);
  });

  it('two reports in one text: one P005, and each can be checked on its own without losing the text', async () => {
    const one = await exampleText();
    const second = one.replace('2024', '2023');
    const whole = `${one}\n${second}`;
    await page.fill('#report-text', whole);
    await waitChecked(page);
    const codes = await page.evaluate(() => window.nianbaoPage.report.diagnostics.map((d) => d.code));
    assert.equal(codes.filter((c) => c === 'P005').length, 1, codes.join(' '));
    assert.equal(codes.filter((c) => c === 'S002').length, 0, codes.join(' '));
    assert.equal(await page.isVisible('#split'), true);
    await page.click('#split-second');
    await waitChecked(page);
    assert.equal(await page.inputValue('#report-text'), whole.slice(whole.indexOf(second.split('\n')[0], one.length - 1)));
    assert.equal(await page.evaluate(() => window.nianbaoPage.report.year), 2023);
    assert.equal(await page.isVisible('#split'), false);
    await page.click('#split-restore');
    await waitChecked(page);
    assert.equal(await page.inputValue('#report-text'), whole);
    assert.deepEqual(b.errors, []);
  });
});
