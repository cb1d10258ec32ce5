// Shared helpers for the browser tests: the static server (scripts/serve.py on a free port) and
// a headless system Chromium through playwright-core.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Starts scripts/serve.py on a free localhost port; resolves {url, origin, stop}. */
export async function startServer({ root = ROOT } = {}) {
  const child = spawn('python3', [path.join(ROOT, 'scripts/serve.py'), '--port', '0', '--root', root], {
    env: { ...process.env, NIANBAO_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${err}`)), 15_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.py exited (${code}): ${err}`));
    });
  });
  const origin = new URL(url).origin;
  return {
    url, // http://127.0.0.1:PORT/www/
    origin,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** Launches headless Chromium with a fresh profile; resolves {browser, close}. */
export async function launch() {
  const profile = await mkdtemp(path.join(tmpdir(), 'nianbao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
    ],
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    serviceWorkers: 'allow',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A fresh browser context (own profile), a page on it, and its console errors. */
export async function openPage(url, opts = {}) {
  const b = await launch();
  const page = b.context.pages()[0] || (await b.context.newPage());
  if (opts.viewport) await page.setViewportSize(opts.viewport);
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  if (url) await page.goto(url);
  return { ...b, page, errors };
}

/** Waits until the page has checked the current text (data-nb-state is done). */
export async function waitChecked(page, timeout = 30_000) {
  await page.waitForFunction(
    () => document.documentElement.dataset.nbState === 'done' && document.querySelector('#report-text').value === window.nianbaoPage.text,
    null,
    { timeout },
  );
}

/** Loads the example report through the page's own button and waits for the result. */
export async function loadExample(page) {
  await page.click('#load-example');
  await waitChecked(page);
}

export async function exampleText() {
  const { readFile } = await import('node:fs/promises');
  return readFile(path.join(ROOT, 'www/example.txt'), 'utf8');
}

const TARGET = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');

/**
 * The CLI on a file: its report (`check --format json`; exit status 1 only says that errors were
 * found), or with `command` 'text' the text it reads from the file. Build it first (`cargo build`).
 */
export function cli(file, command = 'check') {
  const args = command === 'text' ? ['text', file] : ['check', '-q', '--format', 'json', file];
  const r = spawnSync(path.join(TARGET, 'debug/nianbao'), args, { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `nianbao ${command} ${file}: status ${r.status}: ${r.stderr}`);
  return command === 'text' ? r.stdout : JSON.parse(r.stdout);
}

/**
 * Everything a report says except where (spans differ by design: the CLI's point into the HTML
 * file, the page's into the text box): format, year, body, section titles, every cell of every
 * row by table/row/column key, every finding with its cells.
 */
export function reading(r) {
  const cells = {};
  for (const [table, t] of Object.entries(r.tables)) {
    if (!t) continue;
    for (const row of t.rows) {
      for (const c of row.cells) {
        cells[`${table}/${row.key}/${c.col}`] = { raw: c.raw, value: c.value, kind: c.kind, inferred: !!c.inferred };
      }
    }
  }
  return {
    format: r.format,
    year: r.year,
    body: r.body,
    sections: r.sections.map((s) => `${s.number} ${s.title}`),
    templates: Object.fromEntries(Object.entries(r.tables).map(([k, t]) => [k, t && t.template])),
    cells,
    findings: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, cells: d.cells })),
  };
}

/** For tests that compare with the CLI: the CLI built, the server started, the page open and empty. */
export async function startWithCli() {
  execFileSync('cargo', ['build', '--quiet', '--bin', 'nianbao'], { cwd: ROOT, stdio: 'inherit' });
  const srv = await startServer();
  const b = await openPage(srv.url);
  await b.page.waitForFunction(() => document.documentElement.dataset.nbState === 'empty');
  return { srv, b, page: b.page };
}
