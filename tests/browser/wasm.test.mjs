// The wasm boundary: exact TypeScript types, plain JS objects, UTF-16 spans, JS Errors, the rule
// catalog. Runs the built pkg/ in the browser (the page's origin, under its CSP).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, startServer, openPage, exampleText } from './lib.mjs';

describe('pkg/nianbao.d.ts', () => {
  let dts;
  before(async () => {
    dts = await readFile(path.join(ROOT, 'pkg/nianbao.d.ts'), 'utf8');
  });

  it('types validate exactly, and leaves the rule docs out (www/rules.json)', () => {
    assert.match(dts, /export function validate\(text: string\): Report;/);
    assert.match(dts, /export function validate_packed\(text: string\): PackedReport;/);
    assert.doesNotMatch(dts, /export function rules\(/);
    // round() is in the round page's build (pkg/full/) only.
    assert.doesNotMatch(dts, /export function round\(/);
  });

  it('has no any', () => {
    const code = dts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bany\b/);
  });

  it('declares the schema types with the schema field names', () => {
    const fields = (name) => {
      const m = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(dts);
      assert.ok(m, `interface ${name}`);
      return m[1]
        .replace(/\/\*\*[\s\S]*?\*\//g, '')
        .split('\n')
        .map((l) => /^\s*(\w+)\??:/.exec(l)?.[1])
        .filter(Boolean)
        .sort();
    };
    assert.deepEqual(fields('Report'), [
      'body', 'coverage', 'diagnostics', 'format', 'repairs', 'sections', 'source', 'tables', 'version', 'year',
    ]);
    assert.deepEqual(fields('Repair'), ['changes', 'text_changes', 'weight']);
    assert.deepEqual(fields('Source'), ['kind', 'name']);
    assert.deepEqual(fields('FileInfo'), ['encoding', 'kind', 'message', 'text']);
    assert.deepEqual(fields('Tables'), ['active_disclosure', 'applications', 'reviews_litigation']);
    assert.deepEqual(fields('Table'), ['rows', 'template']);
    assert.deepEqual(fields('Row'), ['cells', 'key', 'label', 'span']);
    assert.deepEqual(fields('Cell'), ['col', 'inferred', 'kind', 'raw', 'span', 'value']);
    assert.deepEqual(fields('Diagnostic'), ['cells', 'code', 'counterpart', 'message', 'severity', 'spans']);
    assert.deepEqual(fields('Span'), ['end', 'start']);
    assert.deepEqual(fields('CellRef'), ['col', 'row', 'table']);
    assert.deepEqual(fields('RuleInfo'), ['code', 'doc', 'severity', 'title']);
    assert.match(dts, /export type Severity = "error" \| "warning" \| "info";/);
    assert.match(dts, /export type CellKind = "number" \| "blank" \| "na" \| "text";/);
  });
});

describe('wasm in the browser', () => {
  let srv, b, page, example;

  before(async () => {
    srv = await startServer();
    b = await openPage(srv.url);
    page = b.page;
    example = await exampleText();
    await page.evaluate(async () => {
      const m = await import('../pkg/nianbao.js');
      await m.default();
      window.nb = m;
    });
  });

  after(async () => {
    await b?.close();
    await srv?.stop();
  });

  it('returns a plain JS object (null for absent values, plain objects for maps)', async () => {
    const r = await page.evaluate(() => {
      const r = window.nb.validate('');
      return {
        proto: Object.getPrototypeOf(r) === Object.prototype,
        tablesProto: Object.getPrototypeOf(r.tables) === Object.prototype,
        year: r.year,
        body: r.body,
        tables: r.tables,
        diagnostics: Array.isArray(r.diagnostics),
        json: JSON.parse(JSON.stringify(r)),
      };
    });
    assert.equal(r.proto, true);
    assert.equal(r.tablesProto, true);
    assert.equal(r.year, null);
    assert.equal(r.body, null);
    assert.equal(r.diagnostics, true);
    assert.ok(['2021', '2019', 'unknown'].includes(r.json.format));
  });

  it('gives spans in UTF-16 code units: text.slice(start, end) is the cell text, after emoji and CJK', async () => {
    const prefix = '😀📄 報告𠮷 ⅰ\n';
    const res = await page.evaluate(
      ({ prefix, example }) => {
        const text = prefix + example;
        const a = window.nb.validate(example);
        const r = window.nb.validate(text);
        const out = { cells: 0, mismatched: [], shifted: [], sections: [], diag: [], rows: 0 };
        const cellsOf = (rep) =>
          Object.entries(rep.tables).flatMap(([k, t]) =>
            t ? t.rows.flatMap((row) => row.cells.map((c) => ({ id: `${k}|${row.key}|${c.col}`, c }))) : [],
          );
        const base = new Map(cellsOf(a).map(({ id, c }) => [id, c.span]));
        for (const { id, c } of cellsOf(r)) {
          out.cells++;
          const s = text.slice(c.span.start, c.span.end);
          if (s !== c.raw) out.mismatched.push([id, s, c.raw]);
          const b0 = base.get(id);
          if (!b0 || b0.start + prefix.length !== c.span.start || b0.end + prefix.length !== c.span.end) out.shifted.push(id);
        }
        for (const t of Object.values(r.tables)) {
          for (const row of t ? t.rows : []) {
            // (section 四's one row has no label of its own: an empty span there is fine)
            if (row.span && row.span.end > row.span.start) {
              out.rows++;
              const s = text.slice(row.span.start, row.span.end);
              if (!s.trim()) out.mismatched.push([row.key, s, row.label]);
            }
          }
        }
        for (const s of r.sections) out.sections.push([text.slice(s.span.start, s.span.end), s.title]);
        for (const d of r.diagnostics) {
          for (const s of d.spans) {
            const ok = s.start >= 0 && s.start <= s.end && s.end <= text.length;
            // never inside a surrogate pair
            const lone = (i) => i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]);
            if (!ok || lone(s.start) || lone(s.end)) out.diag.push([d.code, s]);
          }
        }
        return out;
      },
      { prefix, example },
    );
    assert.ok(res.cells >= 200, `cells found: ${res.cells}`);
    assert.deepEqual(res.mismatched, []);
    assert.deepEqual(res.shifted, [], 'every span moves by the prefix length in UTF-16 units');
    assert.ok(res.rows > 20);
    assert.equal(res.sections.length, 6);
    for (const [slice, title] of res.sections) assert.equal(slice, title);
    assert.deepEqual(res.diag, []);
  });

  it('has the rule catalog with documentation beside it (www/rules.json), covering every code it reports', async () => {
    const { rules, codes } = await page.evaluate(
      async (example) => ({
        rules: await (await fetch('/www/rules.json')).json(),
        codes: window.nb.validate(example).diagnostics.map((d) => d.code),
      }),
      example,
    );
    assert.ok(rules.length > 0);
    for (const r of rules) {
      assert.match(r.code, /^[A-Z]\d{3}$/);
      assert.ok(['error', 'warning', 'info'].includes(r.severity));
      assert.ok(r.title.length > 0 && r.doc.length > 20, r.code);
    }
    const known = new Set(rules.map((r) => r.code));
    for (const c of codes) assert.ok(known.has(c), `${c} documented`);
  });

  it("packs tables for the worker, and www/packed.js unpacks them into exactly validate()'s report", async () => {
    // The project's fixtures in every layout and format, the example, and the corpus when it is there.
    const texts = [example, '', '一、总体情况'];
    const walk = async (dir) => {
      for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) await walk(f);
        else if (/\.(txt|md)$/.test(e.name) && e.name !== 'INDEX.md') texts.push(await readFile(f, 'utf8'));
      }
    };
    await walk(path.join(ROOT, 'tests/fixtures'));
    await walk(path.join(ROOT, '../shared/corpus'));
    const res = await page.evaluate(async (texts) => {
      const { unpackReport } = await import('/www/packed.js');
      const keys = window.nb.pack_keys();
      const out = { texts: 0, packedCells: 0, packedRows: 0, cells: 0, inferred: 0, different: [], passThrough: 0 };
      for (const text of texts) {
        const full = window.nb.validate(text);
        const packed = window.nb.validate_packed(text);
        if (packed.packed instanceof Float64Array) {
          for (const t of Object.values(packed.tables)) if (t) out.packedRows += t.rows;
        }
        const a = JSON.stringify(full);
        const b = JSON.stringify(unpackReport(packed, text, keys));
        if (a !== b) out.different.push([text.slice(0, 40), a.length, b.length]);
        if ('packed' in packed) out.different.push([text.slice(0, 40), 'packed left on the report']);
        for (const t of Object.values(packed.tables)) for (const row of t ? t.rows : []) out.packedCells += row.cells.length;
        // A report unpacked already (the wasm's fallback) passes through unchanged.
        if (JSON.stringify(unpackReport(JSON.parse(a), text, keys)) === a) out.passThrough++;
        for (const t of Object.values(full.tables)) for (const row of t ? t.rows : []) {
          out.cells += row.cells.length;
          out.inferred += row.cells.filter((c) => c.inferred).length;
        }
        out.texts++;
      }
      return out;
    }, texts);
    assert.ok(res.texts >= 20, `texts: ${res.texts}`);
    assert.ok(res.cells > 3000 && res.inferred > 0, `cells: ${res.cells}, inferred: ${res.inferred}`);
    assert.equal(res.packedCells, res.cells, 'every cell packed');
    assert.ok(res.packedRows > 500, `rows packed: ${res.packedRows}`);
    assert.deepEqual(res.different, []);
    assert.equal(res.passThrough, res.texts);
  });

  it('turns a bad argument into a JS Error and keeps working', async () => {
    const res = await page.evaluate(() => {
      let err = null;
      try {
        window.nb.validate(42);
      } catch (e) {
        err = { isError: e instanceof Error, message: String(e.message) };
      }
      return { err, after: window.nb.validate('一、总体情况').format };
    });
    assert.equal(res.err?.isError, true);
    assert.ok(['2021', '2019', 'unknown'].includes(res.after));
  });
});
