// The checker's Web Worker: loads the wasm once and answers
//   {id, type: 'validate', text} → {id, ok: true, report, ms}  (validate_packed, unpacked here
//                                  into the report validate() gives; a third of the JSON)
//   {id, type: 'rules'}          → {id, ok: true, rules, version}  (the catalog with its docs,
//                                  from rules.json: generated from the declarations, kept out of the wasm)
//   {id, type: 'html', html}     → {id, ok: true, text}  (HTML as the text the checker reads)
//   {id, type: 'template'}       → {id, ok: true, template}  (the official template, both forms)
//   {id, type: 'round', names, texts, pairs} → {id, ok: true, findings, lastYear}  (each text's X
//                                  findings, in order, and which text each was compared with as
//                                  last year's; pairs: the pairings by hand, [this, last|-1, …])
//   {id, type: 'file', name, bytes} → {id, ok: true, text, kind}  (a file's text: decoded, an
//                                  HTML file flattened, a .docx read, a PDF read with pdf.js and
//                                  laid out by `pdf_runs_to_text`; kind is source.kind)
//   {id, type: 'file', name, bytes, expand: true} → as above, or for a zip archive (full build)
//                                  {id, ok: true, kind: 'zip', members}  (`unzip`: each file's
//                                  name bytes, utf8 flag, and data or message)
// or {id, ok: false, error: {name, message}}. Runs off the main thread, so a long check never
// freezes the page.

// Two builds of the wasm (scripts/setup.sh): pkg/ checks texts and reads .docx and HTML; pkg/full/
// adds the .doc reader, the PDF layout step and round(). The round page starts this worker as
// worker.js?full and loads the full build at once; the page and the widget load the small one,
// and the full one only when a .doc or a PDF is opened.
import { unpackReport } from './packed.js';

const FULL = new URL(self.location.href).searchParams.has('full');
const load = (dir) =>
  import(new URL(`${dir}nianbao.js`, import.meta.url).href).then(async (m) => {
    await m.default({ module_or_path: new URL(`${dir}nianbao_bg.wasm`, import.meta.url) });
    return m;
  });
let wasm = null; // the module's exports, once loaded
let keys = null; // pack_keys(): what validate_packed's numbers are unpacked with
const ready = load(FULL ? '../pkg/full/' : '../pkg/').then((m) => {
  wasm = m;
});
let full = null;
/** The full build (pkg/full/): this worker's own module in a full worker, else loaded once. */
function loadFull() {
  if (FULL) return ready.then(() => wasm);
  full ||= load('../pkg/full/');
  full.catch(() => (full = null));
  return full;
}

self.onmessage = async (e) => {
  const { id, type, text, html, names, texts, pairs, name, bytes, expand } = e.data || {};
  try {
    await ready;
    const { validate_packed, pack_keys, version, html_to_text, template, round } = wasm;
    if (type === 'validate') {
      const t0 = performance.now();
      const t = String(text ?? '');
      const report = unpackReport(validate_packed(t), t, (keys ||= pack_keys()));
      self.postMessage({ id, ok: true, report, ms: performance.now() - t0 });
    } else if (type === 'rules') {
      self.postMessage({ id, ok: true, rules: await loadRules(), version: version() });
    } else if (type === 'template') {
      self.postMessage({ id, ok: true, template: template() });
    } else if (type === 'round') {
      if (!round) throw new Error('round() is only in the full build: start the worker as worker.js?full');
      const res = round((names || []).map(String), (texts || []).map(String), Int32Array.from(pairs || []));
      self.postMessage({ id, ok: true, findings: res.findings, lastYear: res.lastYear });
    } else if (type === 'file') {
      const res = await readFile(String(name ?? ''), new Uint8Array(bytes), !!expand);
      // An archive's members move to the page rather than being copied.
      self.postMessage({ id, ok: true, ...res }, (res.members || []).filter((m) => m.data).map((m) => m.data.buffer));
    } else if (type === 'html') {
      self.postMessage({ id, ok: true, text: html_to_text(String(html ?? '')) });
    } else {
      throw new Error(`unknown request: ${type}`);
    }
  } catch (err) {
    const error = {
      name: (err && err.name) || 'Error',
      message: (err && err.message) || String(err),
    };
    self.postMessage({ id, ok: false, error });
  }
};

let rulesJson = null;
/** The rule catalog (`www/rules.json`), fetched once, when first asked for. */
function loadRules() {
  rulesJson ||= fetch(new URL('./rules.json', import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`rules.json: HTTP ${r.status}`);
    return r.json();
  });
  rulesJson.catch(() => (rulesJson = null));
  return rulesJson;
}

/**
 * A file's text, by its bytes (`open_file`, the CLI's reader): a text file decoded in the encoding
 * its bytes show, and flattened when it is HTML; a .docx's text as read. Anything else throws a
 * FileError whose message says what the file is and what to do.
 */
async function readFile(name, u8, expand) {
  let info = wasm.open_file(u8);
  // unzip() is in the full build only, as round() is.
  if (info.kind === 'zip' && expand && wasm.unzip) return { kind: 'zip', members: wasm.unzip(u8) };
  if (info.kind === 'pdf') return { text: await readPdf(u8), kind: 'pdf' };
  // A .doc in the small build: no text and no message; the full build reads it.
  if (info.kind === 'doc' && info.text == null && !info.message) info = (await loadFull()).open_file(u8);
  if (info.message) throw fileError(info.message);
  if (info.kind !== 'text') return { text: info.text, kind: info.kind };
  let text;
  try {
    text = new TextDecoder(info.encoding, { fatal: true }).decode(u8);
  } catch {
    throw Object.assign(new Error('无法识别文件的编码（不是 UTF-8、UTF-16 或 GB18030 文本）。请用记事本或 WPS 另存为 UTF-8 文本后再打开，或复制全文粘贴到这里。'), { name: 'FileError' });
  }
  if (/\.x?html?$/i.test(name) || /^\s*<(!doctype\s+html|html[\s>])/i.test(text.slice(0, 1000))) {
    return { text: wasm.html_to_text(text), kind: 'html' };
  }
  return { text, kind: 'text' };
}

const fileError = (message) => Object.assign(new Error(message), { name: 'FileError' });

// pdf.js (npm pdfjs-dist), copied into www/vendor/pdfjs/ by scripts/build.sh: imported on the
// first PDF only, from this origin, with its CJK character maps and standard fonts beside it.
const PDFJS = new URL('./vendor/pdfjs/', import.meta.url).href;
let pdfjs;

async function loadPdfjs() {
  if (!pdfjs) {
    pdfjs = import(`${PDFJS}pdf.min.mjs`).then((lib) => {
      lib.GlobalWorkerOptions.workerSrc = `${PDFJS}pdf.worker.min.mjs`;
      return lib;
    });
    pdfjs.catch(() => (pdfjs = undefined));
  }
  return pdfjs;
}

/**
 * A PDF's text: every text item of every page with its place (pdf.js), laid out into lines, rows
 * and cells by the same Rust step as the CLI (`pdf_runs_to_text`), so a PDF reads the same in both.
 */
async function readPdf(u8) {
  let lib;
  try {
    lib = await loadPdfjs();
  } catch {
    throw fileError('无法加载 PDF 读取组件（pdf.js）。请联网后重试，或打开报告的 Word 原稿（.docx），或复制全文粘贴到这里。');
  }
  let task;
  let doc;
  try {
    task = lib.getDocument({
      data: u8,
      cMapUrl: `${PDFJS}cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${PDFJS}standard_fonts/`,
      isEvalSupported: false,
      disableFontFace: true,
    });
    doc = await task.promise;
  } catch (err) {
    task?.destroy();
    const locked = err && err.name === 'PasswordException';
    throw fileError(
      locked
        ? '这个 PDF 文件设有密码保护，无法读取。请打开报告的 Word 原稿（.docx），或复制全文粘贴到这里。'
        : '这个 PDF 文件不完整或已损坏，无法读取。请重新下载或导出 PDF，或打开报告的 Word 原稿（.docx），或复制全文粘贴到这里。',
    );
  }
  const texts = [];
  const geometry = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const top = page.view[3];
      for (const item of (await page.getTextContent()).items) {
        if (!item.str || !item.str.trim()) continue;
        // The transform maps text space (font size included) to the page; y up from the bottom.
        const [a, b, c, d, e, f] = item.transform;
        const size = Math.sqrt(Math.abs(a * d - b * c));
        const baseline = top - f;
        texts.push(item.str);
        geometry.push(n, e, baseline - size, item.width, size);
      }
      page.cleanup();
    }
  } finally {
    task.destroy();
  }
  const info = (await loadFull()).pdf_runs_to_text(texts, new Float32Array(geometry));
  if (info.message) throw fileError(info.message);
  return info.text;
}

ready.then(
  () => self.postMessage({ type: 'ready' }),
  (err) => self.postMessage({ type: 'ready', error: { name: err?.name || 'Error', message: err?.message || String(err) } }),
);
