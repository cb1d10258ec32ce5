// The review round (round.html): a folder of reports of several types (and a .zip of more, with
// folders and GBK names) set on the folder input, the summary table with its coverage column,
// filters, one report with its tables and back, pairing by hand, the round kept across a reload,
// the problem list as CSV and as an .xlsx workbook read back by LibreOffice, the X rules across
// the round, the 整改 notices printed to PDF; and the wasm `round()` and `unzip()` exports.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT, startServer, openPage, exampleText } from './lib.mjs';

/** Where the screenshots and the notices' PDF go (NIANBAO_ROUND_OUT to keep them). */
let out = () => tmpdir();

const fixture = (p) => readFile(path.join(ROOT, 'tests/fixtures', p), 'utf8');

/** UTF-16LE with a byte-order mark. */
const utf16 = (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

/** A zip archive of [name (Buffer), data, utf8 flag, deflate] members. Names without the flag
 * are in GBK, as Chinese Windows writes them. */
function zipOf(members) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, raw, utf8, deflate] of members) {
    const data = deflate ? deflateRawSync(raw) : raw;
    const head = (sig, size) => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(sig, 0);
      return b;
    };
    const flags = utf8 ? 0x800 : 0;
    const local = head(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = head(0x02014b50, 46);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(deflate ? 8 : 0, 10);
    cd.writeUInt32LE(crc32(raw), 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(raw.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(cd, name);
    offset += local.length + name.length + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

/** "县级/东山县2024.txt" in GBK, for the names of this test only (ASCII and a few characters). */
const GBK = { 县: 'cfd8', 级: 'bcb6', 东: 'b6ab', 山: 'c9bd' };
const gbk = (s) => Buffer.concat([...s].map((c) => (GBK[c] ? Buffer.from(GBK[c], 'hex') : Buffer.from(c))));

/** An RFC 4180 CSV (as LibreOffice writes it) as rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

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
    // Four rows: a GBK-named text in a folder, a UTF-8-named HTML page deeper down, a .docx, and
    // a zip inside the zip (refused: archives are opened one level deep); no row for the folder
    // entry or the macOS resource fork.
    '打包.zip': zipOf([
      [gbk('县级/'), Buffer.alloc(0), false],
      [gbk('县级/东山县2024.txt'), Buffer.from(ex.replaceAll('南泽县', '东山县')), false, true],
      [Buffer.from('县级/部门/西林县2024.html'), Buffer.from(`<!doctype html><html><body><pre>${ex.replaceAll('南泽县', '西林县')}</pre></body></html>`), true],
      [Buffer.from('填报稿（LibreOffice）.docx'), await readFile(path.join(ROOT, 'tests/fixtures/files/filled-libreoffice.docx')), true],
      [Buffer.from('内层.zip'), zipOf([[Buffer.from('a.txt'), Buffer.from(ex), true]]), true],
      [Buffer.from('__MACOSX/县级/._东山县2024.txt'), Buffer.from('x'), true],
    ]),
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return Object.keys(files).length - 1 + 4;
}

const waitDone = (page, n) =>
  page.waitForFunction(
    (n) => window.nianbaoRound?.state === 'done' && window.nianbaoRound.items.length === n,
    n,
    { timeout: 60_000 },
  );

/** The summary table as [{file, body, year, format, coverage, errors, warnings, infos, first}]. */
const tableRows = (page) =>
  page.$$eval('#round-rows tr', (trs) =>
    trs.map((tr) => {
      const t = [...tr.children].map((td) => td.textContent);
      return { file: t[0], body: t[1], year: t[2], format: t[3], coverage: t[4], errors: t[5], warnings: t[6], infos: t[7], first: t[8] };
    }),
  );

/** Each readable report's X findings: file → [{code, cells, counterpart}]. */
const xFindings = (page) =>
  page.evaluate(() =>
    Object.fromEntries(window.nianbaoRound.items.map((i) => [i.file, (i.x || []).map((d) => ({ code: d.code, cells: d.cells, counterpart: d.counterpart?.file }))])),
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
    // The zip's files, named by their paths inside it; the GBK name decoded.
    assert.equal(by['报告/打包.zip/县级/东山县2024.txt']?.body, '东山县人民政府', Object.keys(by).join());
    assert.equal(by['报告/打包.zip/县级/部门/西林县2024.html'].body, '西林县人民政府');
    assert.ok(by['报告/打包.zip/填报稿（LibreOffice）.docx'].body, 'a .docx inside the zip');
    assert.match(by['报告/打包.zip/内层.zip'].first, /压缩包/);
    assert.ok(!Object.keys(by).some((f) => f.includes('__MACOSX') || f.endsWith('县级/')));
    // Coverage: cells read / cells of the tables.
    assert.match(by['报告/南泽县/2024年报.txt'].coverage, /^\d+\/\d+$/);
    const [read, all] = by['报告/南泽县/2024年报.txt'].coverage.split('/').map(Number);
    assert.ok(read === all && all > 100, `the example is read in full: ${read}/${all}`);
    assert.equal(by['报告/其他单位/说明.docx'].coverage, '—');
    assert.match(await page.textContent('#progress-text'), new RegExp(`已检查 ${n} / ${n} 份`));
    await page.screenshot({ path: path.join(out(), 'round-summary.png') });
    assert.deepEqual(b.errors, []);
  });

  it('adds the X findings across the round: X001 on the changed cell, X005 on the duplicate', async () => {
    const x = await xFindings(page);
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
    // By coverage: the share read, unreadable files first.
    await page.click('th[data-key="coverage"] button');
    const shares = (await tableRows(page)).map((r) => (r.coverage === '—' ? -1 : eval(r.coverage)));
    assert.deepEqual(shares, [...shares].sort((a, b) => a - b));
    assert.equal(await page.getAttribute('th[data-key="coverage"]', 'aria-sort'), 'ascending');
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
    // The three tables as the single-report page draws them, the X001 cell marked.
    await page.waitForSelector('#detail-tables table.nb-table');
    assert.equal(await page.locator('#detail-tables table.nb-table').count(), 3);
    const cell = page.locator('#detail-tables td[data-row="carried_over"][data-col="natural_person"]');
    assert.equal(await cell.locator('.val').textContent(), '3');
    assert.match(await cell.getAttribute('class'), /sev-error/);
    assert.match(await page.textContent('#pair-status'), /2024年报\.txt.*自动配对/);
    await page.screenshot({ path: path.join(out(), 'round-detail.png') });
    await page.locator('#detail-tables').screenshot({ path: path.join(out(), 'round-detail-tables.png') });
    await page.click('#back');
    await page.waitForSelector('#round-panel:not([hidden])');
    assert.equal(await page.isHidden('#detail'), true);
    assert.equal((await tableRows(page)).length, n);
  });

  it('pairs and unpairs two reports by hand, and the X findings follow', async () => {
    const thisYear = '报告/南泽县/2025年报.txt';
    await page.click(`#round-rows tr:has-text("2025年报.txt")`);
    await page.waitForSelector('#detail:not([hidden]) #unpair');
    await page.click('#unpair');
    await page.waitForFunction(() => window.nianbaoRound.state === 'done' && !document.querySelector('#unpair'));
    let x = await xFindings(page);
    assert.ok(!x[thisYear].some((d) => ['X001', 'X002', 'X003'].includes(d.code)), 'unpaired: compared with no report');
    assert.match(await page.textContent('#pair-status'), /已取消配对/);
    // Paired by hand with the duplicate of last year's report: X001 again, naming it.
    const dup = await page.evaluate(() => String(window.nianbaoRound.items.find((i) => i.file.endsWith('2024年报（重复）.txt')).id));
    await page.selectOption('#pair-select', dup);
    await page.click('#pair');
    await page.waitForFunction(() => window.nianbaoRound.state === 'done' && document.querySelector('#pair-auto'));
    x = await xFindings(page);
    const x001 = x[thisYear].filter((d) => d.code === 'X001');
    assert.equal(x001.length, 2, JSON.stringify(x[thisYear]));
    assert.ok(x001.every((d) => d.counterpart === '报告/南泽县/2024年报（重复）.txt'));
    assert.match(await page.textContent('#pair-status'), /2024年报（重复）\.txt.*人工配对/);
    await page.screenshot({ path: path.join(out(), 'round-pair.png') });
    await page.click('#back');
    await page.waitForSelector('#round-panel:not([hidden])');
  });

  it('keeps the round across a reload', async () => {
    await page.reload();
    await waitDone(page, n);
    const rows = await tableRows(page);
    assert.equal(rows.length, n);
    const x = await page.evaluate(() => window.nianbaoRound.items.find((i) => i.file.endsWith('2025年报.txt')).x.map((d) => d.code));
    assert.ok(x.includes('X001'));
    // The pairing by hand too.
    const x001 = (await xFindings(page))['报告/南泽县/2025年报.txt'].filter((d) => d.code === 'X001');
    assert.ok(x001.length && x001.every((d) => d.counterpart === '报告/南泽县/2024年报（重复）.txt'));
    // Back to the pairing by body and year.
    await page.click('#round-rows tr:has-text("2025年报.txt")');
    await page.click('#pair-auto');
    await page.waitForFunction(() => window.nianbaoRound.state === 'done' && !document.querySelector('#pair-auto'));
    const auto = (await xFindings(page))['报告/南泽县/2025年报.txt'].filter((d) => d.code === 'X001');
    assert.ok(auto.length === 2 && auto.every((d) => d.counterpart === '报告/南泽县/2024年报.txt'));
    await page.click('#back');
    await page.waitForSelector('#round-panel:not([hidden])');
    assert.deepEqual(b.errors, []);
  });

  it('exports the problem list as an .xlsx workbook that LibreOffice reads back', async (t) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    assert.match(dl.suggestedFilename(), /^问题清单-\d{4}-\d\d-\d\d\.xlsx$/);
    const xlsx = path.join(out(), 'problems.xlsx');
    await writeFile(xlsx, await readFile(await dl.path()));
    // The writer came from this origin, loaded only now.
    const vendor = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/vendor/')));
    assert.equal(vendor.length, 1, vendor.join());
    assert.ok(vendor[0].startsWith(new URL('vendor/', page.url()).href));
    const expected = await page.evaluate(() => {
      const ready = window.nianbaoRound.items.filter((i) => !i.problem);
      return {
        reports: window.nianbaoRound.items.length,
        findings: ready.reduce((s, i) => s + i.diagnostics.length + i.x.length, 0),
        codes: [...new Set(ready.flatMap((i) => [...i.diagnostics, ...i.x].map((d) => d.code)))].sort(),
      };
    });
    // LibreOffice with Calc (Debian: libreoffice-calc-nogui; writer alone cannot open a workbook).
    const calc = '/usr/lib/libreoffice/share/registry/calc.xcd';
    if (spawnSync('soffice', ['--version']).status !== 0 || !existsSync(calc)) {
      return t.skip('LibreOffice Calc not installed (soffice, libreoffice-calc-nogui)');
    }
    const csvDir = path.join(out(), 'problems-csv');
    const lo = spawnSync('soffice', [
      `-env:UserInstallation=file://${path.join(out(), 'lo-profile')}`, '--headless', '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', csvDir, xlsx,
    ], { encoding: 'utf8', timeout: 120_000 });
    const sheet = async (name) => parseCsv(await readFile(path.join(csvDir, `problems-${name}.csv`), 'utf8').catch(() => ''));
    const reports = await sheet('报告');
    const findings = await sheet('问题');
    assert.ok(reports.length, `LibreOffice opened the workbook: ${lo.stdout} ${lo.stderr}`);
    assert.deepEqual(reports[0], ['文件', '单位', '年度', '格式', '错误', '警告', '提示', '无法检查的原因']);
    assert.equal(reports.length - 1, expected.reports, 'one row per report');
    assert.deepEqual(findings[0], ['文件', '单位', '年度', '代码', '级别', '问题', '部分', '行号', '单元格', '建议值', '如何修改']);
    assert.equal(findings.length - 1, expected.findings, 'one row per finding');
    assert.deepEqual([...new Set(findings.slice(1).map((r) => r[3]))].sort(), expected.codes, 'every code present');
    const x001 = findings.find((r) => r[0] === '报告/南泽县/2025年报.txt' && r[3] === 'X001');
    assert.deepEqual(x001.slice(6, 9).map((v, k) => (k === 1 ? /^\d+$/.test(v) : v)), ['第三部分', true, '“二、上年结转政府信息公开申请数量”行 · “自然人”列']);
    assert.ok(findings.slice(1).every((r) => r[10]), 'every row says how to fix');
    const unreadable = reports.find((r) => r[0] === '报告/其他单位/说明.docx');
    assert.ok(unreadable[7] && !unreadable[4], 'an unreadable file says why, with no counts');
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
    assert.equal(notices.length, n - 2, 'every readable report (not the fake .docx, not the zip in the zip)');
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

describe('wasm round() and unzip()', () => {
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
      const both = m.round(['a.txt', 'b.txt'], [ex, ex]);
      const paired = m.round(['a.txt', 'b.txt'], [ex, ex], Int32Array.from([1, 0]));
      let err = null;
      try {
        m.round(['a.txt'], []);
      } catch (e) {
        err = e instanceof Error ? e.message : String(e);
      }
      return { twice: both.findings, lastYear: both.lastYear, paired, empty: m.round([], []), err, ex };
    }, ex);
    assert.deepEqual(res.empty, { findings: [], lastYear: [] });
    assert.deepEqual(res.lastYear, [-1, -1], 'the same year twice: no pairing');
    assert.deepEqual(res.paired.lastYear, [-1, 0], 'paired by hand');
    assert.ok(!res.paired.findings[1].some((d) => d.code === 'X005'), 'a pair by hand is no duplicate');
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

  it('unzips the files of an archive within the caps: bytes names, a bomb refused', async () => {
    const zip = zipOf([
      [gbk('县级/'), Buffer.alloc(0), false],
      [gbk('县级/东山县.txt'), Buffer.from('东山'), false, true],
      [Buffer.from('炸弹.txt'), Buffer.alloc(8 << 20, 97), true, true],
      [Buffer.from('b.txt'), Buffer.from('b'), true],
    ]);
    assert.ok(zip.length < 64 << 10);
    const res = await b.page.evaluate(async (bytes) => {
      const m = await import('../pkg/full/nianbao.js');
      const { memberName } = await import('./filetext.js');
      await m.default({ module_or_path: new URL('../pkg/full/nianbao_bg.wasm', location.href) });
      const members = m.unzip(Uint8Array.from(bytes));
      let err = null;
      try {
        m.unzip(Uint8Array.from([1, 2, 3]));
      } catch (e) {
        err = e.message;
      }
      const kind = m.open_file(Uint8Array.from(bytes)).kind;
      return {
        kind,
        err,
        members: members.map((x) => ({ name: memberName(x.name, x.utf8), utf8: x.utf8, text: x.data && new TextDecoder().decode(x.data), message: x.message })),
      };
    }, [...zip]);
    assert.equal(res.kind, 'zip');
    assert.deepEqual(res.members.map((x) => x.name), ['县级/东山县.txt', '炸弹.txt', 'b.txt']);
    assert.deepEqual(res.members[0], { name: '县级/东山县.txt', utf8: false, text: '东山', message: undefined });
    assert.match(res.members[1].message, /过大/);
    assert.equal(res.members[1].text, undefined);
    assert.equal(res.members[2].text, 'b');
    assert.match(res.err, /损坏/);
  });
});
