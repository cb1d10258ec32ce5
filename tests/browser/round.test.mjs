// The review round (round.html): a folder of reports of several types set on the folder input,
// the summary table, filters, one report and back, the round kept across a reload, the problem
// list as CSV, the X rules across the round, the 整改 notices printed to PDF; and the wasm
// `round()` export itself.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, startServer, openPage, exampleText } from './lib.mjs';

/** Where the screenshots and the notices' PDF go (NIANBAO_ROUND_OUT to keep them). */
let out = () => tmpdir();

const fixture = (p) => readFile(path.join(ROOT, 'tests/fixtures', p), 'utf8');

/** UTF-16LE with a byte-order mark. */
const utf16 = (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

/** The folder: last year's and this year's report of one body (this year's 上年结转 off by one
 * in the 自然人 column), a duplicate, other units, an .html page, a UTF-16 file, a .docx. */
async function makeFolder(dir) {
  const ex = await exampleText();
  const thisYear = ex
    .replaceAll('2024', '2025')
    .replace('二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2', '二、上年结转政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3');
  assert.notEqual(thisYear, ex.replaceAll('2024', '2025'), 'the carried-over row was changed');
  const files = {
    '南泽县/2024年报.txt': ex,
    '南泽县/2025年报.txt': thisYear,
    '南泽县/2024年报（重复）.txt': ex,
    '其他单位/北岭县.txt': ex.replaceAll('南泽县', '北岭县'),
    '其他单位/白沙区2019格式.txt': await fixture('layouts/format_2019.txt'),
    '其他单位/青禾县.txt': utf16(await fixture('rules/base_2021.txt')),
    '其他单位/网页.html': await fixture('html/web_page.html'),
    '其他单位/说明.docx': await readFile(path.join(ROOT, 'tests/fixtures/files/hostile-truncated.docx')),
    '其他单位/填报稿.docx': await readFile(path.join(ROOT, 'tests/fixtures/files/filled-wps.docx')),
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return Object.keys(files).length;
}

const waitDone = (page, n) =>
  page.waitForFunction(
    (n) => window.nianbaoRound?.state === 'done' && window.nianbaoRound.items.length === n,
    n,
    { timeout: 60_000 },
  );

/** The summary table as [{file, body, year, format, errors, warnings, infos, first}]. */
const tableRows = (page) =>
  page.$$eval('#round-rows tr', (trs) =>
    trs.map((tr) => {
      const t = [...tr.children].map((td) => td.textContent);
      return { file: t[0], body: t[1], year: t[2], format: t[3], errors: t[4], warnings: t[5], infos: t[6], first: t[7] };
    }),
  );

describe('round page', () => {
  let srv, b, page, dir, n;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-round-'));
    n = await makeFolder(path.join(dir, '报告'));
    out = () => process.env.NIANBAO_ROUND_OUT || dir;
    srv = await startServer();
    b = await openPage(new URL('round.html', srv.url).href);
    page = b.page;
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('checks a folder of reports of several types and shows one row per report', async () => {
    await page.waitForFunction(() => window.nianbaoRound?.state === 'empty');
    await page.setInputFiles('#folder-input', path.join(dir, '报告'));
    await waitDone(page, n);
    const rows = await tableRows(page);
    assert.equal(rows.length, n);
    const by = Object.fromEntries(rows.map((r) => [r.file, r]));
    assert.equal(by['报告/南泽县/2024年报.txt'].body, '南泽县人民政府');
    assert.equal(by['报告/南泽县/2024年报.txt'].year, '2024');
    assert.equal(by['报告/南泽县/2025年报.txt'].year, '2025');
    assert.equal(by['报告/其他单位/白沙区2019格式.txt'].format, '2019');
    assert.equal(by['报告/其他单位/青禾县.txt'].body, '青禾县自然资源局', 'UTF-16 decoded');
    assert.equal(by['报告/其他单位/网页.html'].body, '青溪县交通运输局', 'HTML read through the worker');
    // Files are read by their bytes (open_file): a real .docx is checked, a fake one is refused.
    assert.ok(by['报告/其他单位/填报稿.docx'].body, 'a .docx read in the worker');
    assert.notEqual(by['报告/其他单位/填报稿.docx'].errors, '—');
    assert.ok(by['报告/其他单位/说明.docx'].first.length > 4, by['报告/其他单位/说明.docx'].first);
    assert.equal(by['报告/其他单位/说明.docx'].errors, '—');
    assert.match(await page.textContent('#progress-text'), new RegExp(`已检查 ${n} / ${n} 份`));
    await page.screenshot({ path: path.join(out(), 'round-summary.png') });
    assert.deepEqual(b.errors, []);
  });

  it('adds the X findings across the round: X001 on the changed cell, X005 on the duplicate', async () => {
    const x = await page.evaluate(() =>
      Object.fromEntries(window.nianbaoRound.items.map((i) => [i.file, (i.x || []).map((d) => ({ code: d.code, cells: d.cells, counterpart: d.counterpart?.file }))])),
    );
    const x001 = x['报告/南泽县/2025年报.txt'].filter((d) => d.code === 'X001');
    assert.deepEqual(
      x001.flatMap((d) => d.cells.map((c) => `${c.row}.${c.col}`)).sort(),
      ['carried_over.natural_person', 'carried_over.total'],
    );
    assert.ok(x001.every((d) => d.counterpart === '报告/南泽县/2024年报.txt'));
    const x005 = x['报告/南泽县/2024年报（重复）.txt'].filter((d) => d.code === 'X005');
    assert.equal(x005.length, 1);
    assert.equal(x005[0].counterpart, '报告/南泽县/2024年报.txt');
    assert.ok(!x['报告/南泽县/2024年报.txt'].some((d) => d.code === 'X005'), 'the first of two is not the duplicate');
    assert.ok(!x['报告/其他单位/青禾县.txt'].some((d) => d.code === 'X001' || d.code === 'X005'));
    // The row counts include them.
    const rows = await tableRows(page);
    assert.match(rows.find((r) => r.file === '报告/南泽县/2025年报.txt').first, /X001|R\d+/);
  });

  it('sorts, filters by errors and year, and searches', async () => {
    await page.click('th[data-key="errors"] button');
    const sorted = (await tableRows(page)).map((r) => (r.errors === '—' ? -1 : Number(r.errors)));
    assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a), 'most errors first');
    await page.check('#only-errors');
    const withErrors = await tableRows(page);
    assert.ok(withErrors.length > 0 && withErrors.length < n);
    assert.ok(withErrors.every((r) => Number(r.errors) > 0));
    await page.uncheck('#only-errors');
    await page.selectOption('#year-filter', '2025');
    assert.deepEqual((await tableRows(page)).map((r) => r.file), ['报告/南泽县/2025年报.txt']);
    await page.selectOption('#year-filter', '');
    await page.fill('#search', '北岭');
    await page.waitForFunction(() => document.querySelectorAll('#round-rows tr').length === 1);
    assert.equal((await tableRows(page))[0].body, '北岭县人民政府');
    await page.fill('#search', '');
    await page.waitForFunction((n) => document.querySelectorAll('#round-rows tr').length === n, n);
  });

  it('opens one report with its findings and text, and comes back to the round', async () => {
    await page.click('#round-rows tr:has-text("2025年报.txt")');
    await page.waitForSelector('#detail:not([hidden])');
    assert.equal(await page.isHidden('#round-panel'), true);
    assert.equal(await page.textContent('#detail-title'), '报告/南泽县/2025年报.txt');
    const codes = await page.$$eval('#detail-findings .code', (els) => els.map((e) => e.textContent));
    assert.ok(codes.includes('X001'), codes.join());
    // Locating a finding marks its span in the text.
    await page.click(`#detail-findings li:nth-child(${codes.indexOf('X001') + 1}) .locate`);
    assert.equal(await page.textContent('#detail-text mark'), '3');
    await page.screenshot({ path: path.join(out(), 'round-detail.png') });
    await page.click('#back');
    await page.waitForSelector('#round-panel:not([hidden])');
    assert.equal(await page.isHidden('#detail'), true);
    assert.equal((await tableRows(page)).length, n);
  });

  it('keeps the round across a reload', async () => {
    await page.reload();
    await waitDone(page, n);
    const rows = await tableRows(page);
    assert.equal(rows.length, n);
    const x = await page.evaluate(() => window.nianbaoRound.items.find((i) => i.file.endsWith('2025年报.txt')).x.map((d) => d.code));
    assert.ok(x.includes('X001'));
    assert.deepEqual(b.errors, []);
  });

  it('exports the problem list as CSV, one row per finding, with the CLI columns', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = await readFile(await dl.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeff文件,单位,年度,代码,级别,问题,部分,行号,单元格,建议值,如何修改\r\n'));
    const lines = csv.slice(1).trimEnd().split('\r\n');
    const expected = await page.evaluate(() =>
      window.nianbaoRound.items.reduce((s, i) => s + (i.problem ? 0 : i.diagnostics.length + i.x.length), 0),
    );
    assert.equal(lines.length - 1, expected);
    const x001 = lines.filter((l) => l.startsWith('报告/南泽县/2025年报.txt,南泽县人民政府,2025,X001,错误,'));
    assert.equal(x001.length > 0, true, csv.slice(0, 2000));
    assert.match(x001[0], /（对照：报告\/南泽县\/2024年报\.txt）,第三部分,\d+,“二、上年结转政府信息公开申请数量”行 · “自然人”列/);
    assert.ok(lines.some((l) => /,X005,/.test(l)));
    // Every own finding row says where: its line, and how to fix it from the rule's documentation.
    const r = lines.find((l) => l.includes(',R') && l.startsWith('报告/南泽县/2024年报.txt'));
    assert.ok(r, 'an R finding of the example');
    assert.match(r, /,第[一二三四五六]部分,\d+,/);
  });

  it('prints one 整改 notice per report', async () => {
    await page.evaluate(() => window.nianbaoRound.buildNotices());
    const notices = await page.$$eval('#notices .notice', (els) => els.map((e) => e.textContent));
    assert.equal(notices.length, n - 1, 'every readable report');
    assert.ok(notices.some((t) => t.includes('南泽县人民政府') && t.includes('X001') && t.includes('检查日期')));
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('#notices'), true);
    assert.equal(await page.isVisible('#round-panel'), false);
    const pdf = await page.pdf({ path: path.join(out(), 'notices.pdf'), format: 'A4' });
    assert.ok(pdf.length > 10_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('clears the round', async () => {
    page.once('dialog', (d) => d.accept());
    await page.click('#clear-round');
    await page.waitForFunction(() => window.nianbaoRound.state === 'empty');
    assert.equal((await tableRows(page)).length, 0);
    await page.reload();
    await page.waitForFunction(() => window.nianbaoRound?.state === 'empty');
    assert.equal((await tableRows(page)).length, 0);
    assert.deepEqual(b.errors, []);
  });
});

describe('wasm round()', () => {
  let srv, b;
  before(async () => {
    srv = await startServer();
    b = await openPage(new URL('round.html', srv.url).href);
  });
  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  it('gives each text its X findings with UTF-16 spans, and rejects mismatched arrays', async () => {
    const ex = await exampleText();
    const res = await b.page.evaluate(async (ex) => {
      const m = await import('../pkg/full/nianbao.js');
      await m.default({ module_or_path: new URL('../pkg/full/nianbao_bg.wasm', location.href) });
      const twice = m.round(['a.txt', 'b.txt'], [ex, ex]);
      let err = null;
      try {
        m.round(['a.txt'], []);
      } catch (e) {
        err = e instanceof Error ? e.message : String(e);
      }
      return { twice, empty: m.round([], []), err, ex };
    }, ex);
    assert.deepEqual(res.empty, []);
    assert.equal(res.twice.length, 2);
    assert.deepEqual(res.twice[0].filter((d) => d.code === 'X005'), []);
    const x005 = res.twice[1].filter((d) => d.code === 'X005');
    assert.equal(x005.length, 1);
    assert.equal(x005[0].counterpart.file, 'a.txt');
    for (const d of res.twice.flat()) {
      for (const s of d.spans) assert.ok(s.start <= s.end && s.end <= ex.length, 'a UTF-16 span inside the text');
    }
    assert.match(res.err, /one name per text/);
  });
});
