// Working through the findings (issue 11), on a desktop and on a phone-sized viewport: the
// blank-cell notes folded into one line per table, clicking a finding without the list moving,
// a finding without a place, the cell popover beside the cell (a bottom sheet on a phone), the
// legend, and the widget's offer to check two pasted reports one at a time. Screenshots go to
// the system temp directory (nianbao-diag-*.png).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, openPage, waitChecked, exampleText } from './lib.mjs';

const shot = (name) => path.join(tmpdir(), `nianbao-diag-${name}.png`);

/** The example with the zeros of the tables of 三 and 四 left blank (not filled in). */
function blanked(text) {
  const blankZeros = (t, from, to) => {
    const a = t.indexOf(from);
    const b = t.indexOf(to, a);
    assert.ok(a >= 0 && b > a, `${from} … ${to}`);
    // Every 0 that has a cell after it on its line (the totals column keeps its 0s).
    return t.slice(0, a) + t.slice(a, b).replace(/(^|\t)0(?=\t)/gm, '$1') + t.slice(b);
  };
  return blankZeros(blankZeros(text, '三、收到和处理', '四、政府信息公开行政复议'), '四、政府信息公开行政复议', '五、');
}

/** The example with nine applicant cells changed by 3: many failing identities, a long list. */
function manyErrors(text) {
  const labels = ['1.属于国家秘密', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息',
    '7.属于行政执法案卷', '8.属于行政查询事项', '1.信访举报投诉类申请', '2.重复申请'];
  for (const label of labels) {
    const at = text.indexOf(`${label}\t`);
    assert.ok(at >= 0, label);
    const start = at + label.length + 1;
    const end = text.indexOf('\t', start);
    text = text.slice(0, start) + String(Number(text.slice(start, end)) + 3) + text.slice(end);
  }
  return text;
}

/** A notice that is no annual report (the page gets P004, which has no place in the text). */
const NOTICE = '关于做好今冬明春农田水利建设的通知\n各乡镇：为抓好冬春农田水利建设，现将有关事项通知如下。一是清淤沟渠，二是修缮泵站。\n县农业农村局\n';

async function setText(page, text) {
  await page.fill('#report-text', text);
  await waitChecked(page);
}

const rect = (page, sel) => page.$eval(sel, (el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
});

const popRect = (page) => page.evaluate(() => {
  const el = document.querySelector('.cell-pop');
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, open: !el.hidden, placement: el.dataset.placement };
});

/** Where the findings list is and how far it is scrolled, and the page's own scroll. */
const listState = (page) => page.evaluate(() => {
  const list = document.querySelector('#findings');
  return { scrollTop: list.scrollTop, top: list.getBoundingClientRect().top, pageY: scrollY };
});

/** (In the page) scrolls the findings list so that `li` is a little below its top. */
const scrollListTo = (li) => {
  const list = li.closest('#findings');
  list.scrollTop += li.getBoundingClientRect().top - list.getBoundingClientRect().top - 40;
};

const viewport = (page) => page.evaluate(() => ({ w: document.documentElement.clientWidth, h: document.documentElement.clientHeight }));

function assertInside(r, vp, what) {
  assert.ok(r.left >= 0 && r.top >= 0 && r.right <= vp.w + 0.5 && r.bottom <= vp.h + 0.5, `${what} inside the viewport: ${JSON.stringify(r)} in ${JSON.stringify(vp)}`);
}

/** The popover `p` touches the cell `c` (within a gap of a few pixels) on the side its placement says. */
function assertBeside(p, c) {
  const near = (gap) => gap >= 0 && gap <= 12;
  const overlapX = p.left < c.right && p.right > c.left;
  const overlapY = p.top < c.bottom && p.bottom > c.top;
  const ok = {
    below: near(p.top - c.bottom) && overlapX,
    above: near(c.top - p.bottom) && overlapX,
    side: (near(p.left - c.right) || near(c.left - p.right)) && overlapY,
  }[p.placement];
  assert.ok(ok, `popover ${JSON.stringify(p)} beside the cell ${JSON.stringify(c)}`);
}

describe('working through the findings (desktop 1400×900)', () => {
  let srv, b, page, example;

  before(async () => {
    srv = await startServer();
    b = await openPage(srv.url, { viewport: { width: 1400, height: 900 } });
    page = b.page;
    example = await exampleText();
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  it('folds the blank-cell notes into one line per table, with truthful counts and light marks', async () => {
    await setText(page, blanked(example));
    const report = await page.evaluate(() => window.nianbaoPage.report);
    const notes = report.diagnostics.filter((d) => d.code === 'R005');
    const tables = [...new Set(notes.map((d) => d.cells[0].table))];
    assert.deepEqual(tables.sort(), ['applications', 'reviews_litigation'], 'blank cells in 三 and in 四');
    // One line per table, in place of its notes; each says how many notes and how many cells.
    const folds = await page.$$eval('#findings > li.fold', (lis) => lis.map((li) => ({
      table: li.dataset.foldTable, count: Number(li.dataset.count), msg: li.querySelector('.msg').textContent,
      where: li.querySelector('.where').textContent, expanded: li.querySelector('.fold-toggle').getAttribute('aria-expanded'),
    })));
    assert.equal(folds.length, 2, JSON.stringify(folds));
    for (const f of folds) {
      const own = notes.filter((d) => d.cells[0].table === f.table);
      const cells = new Set(own.flatMap((d) => d.cells.map((c) => `${c.row}|${c.col}`)));
      assert.equal(f.count, own.length);
      assert.match(f.where, new RegExp(`^${own.length} 条提示`));
      assert.match(f.msg, new RegExp(`^表(三|四)：${cells.size} 个单元格为空（未填写），相关的勾稽关系无法精确判断$`), f.msg);
      assert.equal(f.expanded, 'false');
    }
    assert.match(folds.find((f) => f.table === 'applications').msg, /^表三：/);
    // No note is listed on its own while folded.
    assert.equal(await page.locator('#findings > li.finding:not(.fold) >> text=无法精确判断').count(), 0);
    // The filter and the summary still count every finding.
    const info = report.diagnostics.filter((d) => d.severity === 'info').length;
    assert.ok(info >= notes.length);
    assert.equal(await page.textContent('#severity-filter button[data-severity="info"]'), `提示 ${info}`);
    assert.match(await page.textContent('#summary'), new RegExp(`${info} 个提示`));
    // The cells named only by the notes: a light mark of their own, no 注 each.
    const named = new Set(notes.flatMap((d) => d.cells.map((c) => `${c.table}|${c.row}|${c.col}`)));
    const marks = await page.$$eval('#tables td.v', (tds) => tds.map((td) => ({
      id: `${td.dataset.table}|${td.dataset.row}|${td.dataset.col}`, unjudged: td.classList.contains('unjudged'), mark: !!td.querySelector('.mark'),
    })));
    const other = new Set(report.diagnostics.filter((d) => d.code !== 'R005').flatMap((d) => d.cells.map((c) => `${c.table}|${c.row}|${c.col}`)));
    const light = marks.filter((m) => m.unjudged).map((m) => m.id).sort();
    assert.deepEqual(light, [...named].filter((id) => !other.has(id)).sort());
    assert.ok(light.length > 20, `${light.length} light marks`);
    assert.equal(marks.filter((m) => m.unjudged && m.mark).length, 0, 'no 注 on a blank cell');
    await page.screenshot({ path: shot('fold-desktop') });
    // Unfolding shows each note; folding again hides them.
    await page.click('#findings li.fold[data-fold-table="applications"] .fold-toggle');
    const fold = page.locator('#findings li.fold[data-fold-table="applications"]');
    assert.equal(await fold.locator('.fold-toggle').getAttribute('aria-expanded'), 'true');
    const inner = await fold.locator('ol.folded > li.finding .code').allTextContents();
    assert.deepEqual(inner.map((c) => c.trim()), notes.filter((d) => d.cells[0].table === 'applications').map(() => 'R005'));
    // An unfolded note locates its cells like any finding.
    const first = await fold.locator('ol.folded > li.finding').first().getAttribute('data-index');
    await fold.locator('ol.folded > li.finding .locate').first().click();
    assert.equal(await page.locator('#tables td.selected').count(), report.diagnostics[first].cells.length);
    await page.screenshot({ path: shot('fold-open-desktop') });
    // The filter keeps the fold (its notes are 提示) and drops it under 错误.
    await page.click('#severity-filter button[data-severity="info"]');
    assert.equal(await page.locator('#findings > li.fold').count(), 2);
    await page.click('#severity-filter button[data-severity="all"]');
    await page.click('#findings li.fold[data-fold-table="applications"] .fold-toggle');
    assert.equal(await page.locator('#findings li.fold ol.folded').count(), 0);
    assert.deepEqual(b.errors, []);
  });

  it('a report with blank cells and no error reads clean in the tables (no sea of 注)', async () => {
    await page.screenshot({ path: shot('fold-tables-desktop'), fullPage: true });
    assert.equal(await page.locator('#tables td.v .mark.sev-info').count(), 0);
  });

  it('clicking a finding keeps the list where it is and shows the cell and the source text', async () => {
    await setText(page, manyErrors(example));
    const report = await page.evaluate(() => window.nianbaoPage.report);
    assert.ok(report.diagnostics.length >= 10, `${report.diagnostics.length} findings`);
    // The list scrolls on its own; scroll it part of the way, the text box and the tables to the top.
    const scrollable = await page.$eval('#findings', (l) => l.scrollHeight > l.clientHeight + 50);
    assert.ok(scrollable, 'the findings list is a pane of its own');
    await page.$eval('#findings', (l) => (l.scrollTop = 200));
    await page.$eval('#report-text', (t) => (t.scrollTop = 0));
    await page.$eval('#tables', (t) => (t.scrollTop = 0));
    const before = await listState(page);
    assert.equal(before.scrollTop, 200);
    // A finding on screen in the list whose cell lies far down in the tables.
    // (The last R003 is the row of 2.重复申请, low in section 三.)
    const i = report.diagnostics.findLastIndex((d) => d.code === 'R003');
    assert.ok(i >= 0);
    const item = page.locator(`#findings li[data-index="${i}"] .locate`);
    const itemBox = await item.boundingBox();
    const listBox = await rect(page, '#findings');
    if (itemBox.y < listBox.top || itemBox.y + itemBox.height > listBox.bottom) {
      await page.$eval(`#findings li[data-index="${i}"]`, scrollListTo);
    }
    const at = await listState(page);
    const target = await item.boundingBox();
    assert.ok(target.y >= listBox.top && target.y + 20 <= listBox.bottom, 'the finding is on screen in the list');
    await page.mouse.click(target.x + 40, target.y + 10);
    const after = await listState(page);
    assert.deepEqual(after, at, 'the list did not move');
    await page.screenshot({ path: shot('locate-desktop') });
    // The cell: selected, on screen, inside the tables pane.
    const d = report.diagnostics[i];
    const cell = `#tables td.v.selected[data-row="${d.cells[0].row}"][data-col="${d.cells[0].col}"]`;
    assert.equal(await page.locator(cell).count(), 1);
    const c = await rect(page, cell);
    const pane = await rect(page, '#tables');
    const vp = await viewport(page);
    assert.ok(c.top >= Math.max(pane.top, 0) && c.bottom <= Math.min(pane.bottom, vp.h), `cell ${JSON.stringify(c)} in pane ${JSON.stringify(pane)}`);
    // The source text: selected, and the text box scrolled inside itself to it.
    const sel = await page.evaluate(() => {
      const ta = document.querySelector('#report-text');
      return { start: ta.selectionStart, end: ta.selectionEnd, scrollTop: ta.scrollTop, focused: document.activeElement === ta };
    });
    assert.deepEqual([sel.start, sel.end, sel.focused], [d.spans[0].start, d.spans[0].end, true]);
    assert.ok(sel.scrollTop > 0, 'the text box scrolled to the finding');
    // Another finding, further up the list: still no movement.
    const j = report.diagnostics.findIndex((x) => x.code === 'R002');
    await page.$eval(`#findings li[data-index="${j}"]`, scrollListTo);
    const at2 = await listState(page);
    await page.click(`#findings li[data-index="${j}"] .locate`);
    assert.deepEqual(await listState(page), at2);
    assert.deepEqual(b.errors, []);
  });

  it('a finding without a place says so when clicked', async () => {
    await setText(page, NOTICE);
    const report = await page.evaluate(() => window.nianbaoPage.report);
    assert.deepEqual(report.diagnostics.map((d) => d.code), ['P004']);
    const before = await page.evaluate(() => document.querySelector('#report-text').selectionStart);
    const button = page.locator('#findings li.finding[data-index="0"] .locate');
    assert.equal(await button.isDisabled(), false);
    assert.match(await button.getAttribute('title'), /此问题没有对应的位置/);
    await button.click();
    await page.waitForFunction(() => document.querySelector('#toast').classList.contains('show'));
    assert.equal(await page.textContent('#toast'), '此问题没有对应的位置');
    assert.equal(await page.evaluate(() => document.querySelector('#report-text').selectionStart), before);
  });

  it('a cell\'s details open beside the cell, flip above it near the bottom, and close with Esc or the button', async () => {
    await setText(page, example);
    // A taller screen for a cell with room below it.
    await page.setViewportSize({ width: 1400, height: 1300 });
    let vp = await viewport(page);
    // A cell near the top of the tables pane: the popover opens below it.
    const top = 'td.v[data-table="applications"][data-row="new_received"][data-col="natural_person"]';
    await page.$eval(top, (td) => {
      const pane = document.querySelector('#tables');
      pane.scrollTop += td.getBoundingClientRect().top - pane.getBoundingClientRect().top - 10;
    });
    await page.click(top);
    let p = await popRect(page);
    let c = await rect(page, top);
    assert.equal(p.open, true);
    assert.equal(p.placement, 'below');
    assertInside(p, vp, 'popover');
    assertBeside(p, c);
    const pop = page.locator('.cell-pop');
    assert.match(await pop.locator('.cell-pop-title').textContent(), /一、本年新收.*自然人/);
    assert.match(await pop.textContent(), /读到的内容\s*46/);
    assert.match(await pop.locator('.source-line').textContent(), /^原文第 \d+ 行一、本年新收政府信息公开申请数量 ⇥ 46/);
    assert.equal(await pop.locator('.source-line mark').textContent(), '46');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('cell-pop')), true, 'focus in the popover');
    await page.screenshot({ path: shot('popover-below-desktop') });
    await page.keyboard.press('Escape');
    assert.equal((await popRect(page)).open, false);
    assert.equal(await page.evaluate(() => document.activeElement.matches('td.v[data-row="new_received"][data-col="natural_person"]')), true, 'focus back on the cell');
    await page.setViewportSize({ width: 1400, height: 900 });
    vp = await viewport(page);

    // The suspect cell near the bottom of the screen: the popover flips above it, and shows the repair's value.
    const low = 'td.v.suspect';
    await page.$eval(low, (td) => {
      const pane = document.querySelector('#tables');
      pane.scrollTop += td.getBoundingClientRect().bottom - Math.min(pane.getBoundingClientRect().bottom, innerHeight) + 4;
    });
    await page.click(low);
    p = await popRect(page);
    c = await rect(page, low);
    assert.ok(c.bottom > vp.h - 200, `the cell is low on the screen: ${c.bottom}`);
    assert.equal(p.placement, 'above');
    assertInside(p, vp, 'popover');
    assertBeside(p, c);
    assert.match(await pop.locator('.cell-fix').textContent(), /^9（原为 8/);
    assert.ok((await pop.locator('li.finding').count()) >= 2);
    await page.screenshot({ path: shot('popover-above-desktop') });
    await pop.locator('.cell-pop-close').click();
    assert.equal((await popRect(page)).open, false);

    // Keyboard alone: Enter on a cell opens it, Tab reaches its buttons, Esc closes.
    await page.focus(low);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    assert.equal((await popRect(page)).open, true);
    assert.match(await pop.locator('.cell-pop-title').textContent(), /商业企业/);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('.cell-pop') !== null), true);
    await page.keyboard.press('Escape');
    assert.equal((await popRect(page)).open, false);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.col), 'commercial');
    // A click elsewhere closes it too.
    await page.click(top);
    await page.click('#summary');
    assert.equal((await popRect(page)).open, false);
    assert.deepEqual(b.errors, []);
  });

  it('the legend explains the cells split out of run-together digits', async () => {
    const legend = await page.textContent('#tables .legend');
    assert.match(legend, /原文数字连写/);
    assert.match(legend, /格线是推断的/);
    assert.match(legend, /空白，相关勾稽关系无法精确判断/);
    // A row whose digits run together (as crawled web copies have them) is split into cells:
    // drawn as the legend says, and the cell's details say so.
    const glued = example.replace('二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2', '二、上年结转政府信息公开申请数量 2000002');
    assert.notEqual(glued, example);
    await setText(page, glued);
    assert.equal(await page.locator('#tables td.v.inferred[data-row="carried_over"]').count(), 7);
    const [cellStyle, legendStyle] = await Promise.all([
      page.$eval('#tables td.v.inferred .val', (el) => getComputedStyle(el).textDecorationStyle),
      page.$eval('#tables .legend .legend-swatch.inferred', (el) => getComputedStyle(el).textDecorationStyle),
    ]);
    assert.equal(cellStyle, 'dotted');
    assert.equal(legendStyle, cellStyle);
    await page.click('#tables td.v.inferred[data-row="carried_over"][data-col="natural_person"]');
    assert.match(await page.textContent('.cell-pop'), /原文数字连写，单元格边界是推断的/);
    await page.keyboard.press('Escape');
  });
});

describe('working through the findings (phone 390×844)', () => {
  let srv, b, page, example;

  before(async () => {
    srv = await startServer();
    b = await openPage(srv.url, { viewport: { width: 390, height: 844 } });
    page = b.page;
    example = await exampleText();
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  it('folds the blank-cell notes on a phone too', async () => {
    await setText(page, blanked(example));
    assert.equal(await page.locator('#findings > li.fold').count(), 2);
    await page.locator('#findings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('fold-phone') });
  });

  it('tapping a cell opens a bottom sheet inside the screen, the cell left in view above it', async () => {
    await setText(page, example);
    const cell = page.locator('td.v.suspect');
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    const vp = await viewport(page);
    const p = await popRect(page);
    assert.equal(p.placement, 'sheet');
    assertInside(p, vp, 'sheet');
    assert.ok(Math.abs(p.bottom - vp.h) < 1 && p.left === 0 && Math.abs(p.right - vp.w) < 1, JSON.stringify(p));
    const c = await rect(page, 'td.v.suspect');
    assert.ok(c.top >= 0 && c.bottom <= p.top, `cell ${JSON.stringify(c)} above the sheet at ${p.top}`);
    assert.match(await page.textContent('.cell-pop'), /可能应为9（原为 8/);
    await page.screenshot({ path: shot('sheet-phone') });
    await page.click('.cell-pop-close');
    assert.equal((await popRect(page)).open, false);
  });

  it('tapping a finding keeps the list where it is and shows the cell and its source line in the sheet', async () => {
    await setText(page, manyErrors(example));
    const report = await page.evaluate(() => window.nianbaoPage.report);
    const i = report.diagnostics.findIndex((d) => d.code === 'R003');
    const item = page.locator(`#findings li[data-index="${i}"] .locate`);
    await item.scrollIntoViewIfNeeded();
    const before = await listState(page);
    await item.click();
    assert.deepEqual(await listState(page), before, 'the list did not move');
    const p = await popRect(page);
    assert.equal(p.placement, 'sheet');
    assertInside(p, await viewport(page), 'sheet');
    const d = report.diagnostics[i];
    assert.equal(await page.locator(`#tables td.v.selected[data-row="${d.cells[0].row}"]`).count(), 7);
    const pop = await page.textContent('.cell-pop');
    assert.match(pop, /原文第 \d+ 行/);
    assert.match(pop, /读到的内容/);
    // The text box has the selection waiting, without the focus (no keyboard popping up).
    const sel = await page.evaluate(() => {
      const ta = document.querySelector('#report-text');
      return [ta.selectionStart, ta.selectionEnd, document.activeElement === ta];
    });
    assert.deepEqual(sel, [d.spans[0].start, d.spans[0].end, false]);
    await page.screenshot({ path: shot('locate-phone') });
    await page.keyboard.press('Escape');
    assert.equal((await popRect(page)).open, false);
    assert.deepEqual(b.errors, []);
  });

  it('a finding with no place says so on a phone', async () => {
    await setText(page, NOTICE);
    await page.click('#findings li.finding[data-index="0"] .locate');
    await page.waitForFunction(() => document.querySelector('#toast').classList.contains('show'));
    assert.equal(await page.textContent('#toast'), '此问题没有对应的位置');
    assert.equal((await popRect(page)).open, false);
  });
});

describe('<nianbao-checker>: folds, cell popover, two reports in one text', () => {
  let srv, b, page, example;

  before(async () => {
    srv = await startServer();
    b = await openPage(new URL('embed.html', srv.url).href, { viewport: { width: 1200, height: 900 } });
    page = b.page;
    await page.evaluate(() => customElements.whenDefined('nianbao-checker'));
    example = await exampleText();
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  const setWidgetText = (text) => page.evaluate(async (text) => {
    const el = document.querySelector('#full-checker');
    const got = new Promise((r) => el.addEventListener('nianbao-result', (e) => r(e.detail), { once: true }));
    el.text = text;
    await got;
  }, text);

  it('folds the blank-cell notes and draws the legend', async () => {
    await setWidgetText(blanked(example));
    const w = await page.evaluate(() => {
      const root = document.querySelector('#full-checker').shadowRoot;
      return {
        folds: [...root.querySelectorAll('.findings > li.fold')].map((li) => li.querySelector('.msg').textContent),
        notes: document.querySelector('#full-checker').result.diagnostics.filter((d) => d.code === 'R005').length,
        infoMarks: root.querySelectorAll('td.v .mark.sev-info').length,
        legend: root.querySelector('.legend')?.textContent || '',
      };
    });
    assert.equal(w.folds.length, 2, JSON.stringify(w.folds));
    assert.ok(w.notes > 2);
    assert.equal(w.infoMarks, 0);
    assert.match(w.legend, /原文数字连写/);
  });

  it('a cell of the full widget opens its details beside it', async () => {
    await setWidgetText(example);
    const cell = page.locator('#full-checker td.v.suspect');
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    const p = await page.evaluate(() => {
      const el = document.querySelector('#full-checker').shadowRoot.querySelector('.cell-pop');
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, open: !el.hidden, placement: el.dataset.placement, text: el.textContent };
    });
    const c = await cell.boundingBox();
    assert.equal(p.open, true);
    assertInside(p, await viewport(page), 'widget popover');
    assertBeside(p, { left: c.x, top: c.y, right: c.x + c.width, bottom: c.y + c.height });
    assert.match(p.text, /可能应为9/);
    await page.screenshot({ path: shot('widget-popover') });
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.querySelector('#full-checker').shadowRoot.querySelector('.cell-pop').hidden), true);
  });

  it('offers to check each of two pasted reports on its own, and goes back to the whole text', async () => {
    const second = example.replace('2024', '2023');
    const whole = `${example}\n${second}`;
    await setWidgetText(whole);
    const root = (fn) => page.evaluate(fn);
    const state = () => root(() => {
      const el = document.querySelector('#full-checker');
      const r = el.shadowRoot;
      const [split, back] = r.querySelectorAll('.nb-split');
      return { split: !split.hidden, back: !back.hidden, year: el.result?.year, text: r.querySelector('textarea').value, codes: el.result.diagnostics.map((d) => d.code) };
    });
    let s = await state();
    assert.equal(s.split, true);
    assert.equal(s.back, false);
    assert.equal(s.codes.filter((c) => c === 'P005').length, 1);
    await page.locator('#full-checker').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: shot('widget-split') });
    const checked = () => page.evaluate(() => new Promise((r) => document.querySelector('#full-checker').addEventListener('nianbao-result', () => r(), { once: true })));
    let done = checked();
    await page.locator('#full-checker button[data-part="second"]').click();
    await done;
    s = await state();
    assert.equal(s.year, 2023);
    assert.equal(s.text, whole.slice(whole.indexOf(second.split('\n')[0], example.length - 1)));
    assert.deepEqual([s.split, s.back], [false, true]);
    assert.equal(s.codes.includes('P005'), false);
    done = checked();
    await page.locator('#full-checker button[data-part="whole"]').click();
    await done;
    s = await state();
    assert.equal(s.text, whole);
    assert.deepEqual([s.split, s.back], [true, false]);
    done = checked();
    await page.locator('#full-checker button[data-part="first"]').click();
    await done;
    s = await state();
    assert.equal(s.year, 2024);
    assert.equal(s.text, whole.slice(0, s.text.length));
    assert.ok(s.text.length < whole.length);
    assert.deepEqual(b.errors, []);
  });

  it('the compact widget on a portal editor checks a part without writing to the editor', async () => {
    const second = example.replace('2024', '2023');
    const whole = `${example}\n${second}`;
    const done = page.evaluate(() => new Promise((r) => document.querySelector('#side-checker').addEventListener('nianbao-result', () => r(), { once: true })));
    await page.fill('#portal-editor', whole);
    await done;
    const again = page.evaluate(() => new Promise((r) => document.querySelector('#side-checker').addEventListener('nianbao-result', (e) => r(e.detail.year), { once: true })));
    await page.locator('#side-checker button[data-part="second"]').click();
    assert.equal(await again, 2023);
    assert.equal(await page.inputValue('#portal-editor'), whole, 'the editor is left as it was');
    // A finding of the second report selects its text in the whole editor.
    const report = await page.evaluate(() => document.querySelector('#side-checker').result);
    const i = report.diagnostics.findIndex((d) => d.spans.length > 0);
    assert.ok(i >= 0);
    await page.locator(`#side-checker li.finding[data-index="${i}"] .locate`).click();
    const offset = whole.indexOf(second.split('\n')[0], example.length - 1);
    const sel = await page.evaluate(() => {
      const ed = document.querySelector('#portal-editor');
      return ed.value.slice(ed.selectionStart, ed.selectionEnd);
    });
    const span = report.diagnostics[i].spans[0];
    assert.equal(sel, whole.slice(offset + span.start, offset + span.end));
    assert.deepEqual(b.errors, []);
  });
});
