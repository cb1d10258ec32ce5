// The checker's Web Worker: loads the wasm once and answers
//   {id, type: 'validate', text} → {id, ok: true, report, ms}
//   {id, type: 'rules'}          → {id, ok: true, rules, version}
//   {id, type: 'html', html}     → {id, ok: true, text}  (HTML as the text the checker reads)
//   {id, type: 'template'}       → {id, ok: true, template}  (the official template, both forms)
//   {id, type: 'round', names, texts} → {id, ok: true, findings}  (each text's X findings, in order)
//   {id, type: 'file', name, bytes} → {id, ok: true, text, kind}  (a file's text: decoded, an
//                                  HTML file flattened, a .docx read, a PDF read with pdf.js and
//                                  laid out by `pdf_runs_to_text`; kind is source.kind)
// or {id, ok: false, error: {name, message}}. Runs off the main thread, so a long check never
// freezes the page.

import init, { validate, rules, version, html_to_text, template, round, open_file, pdf_runs_to_text } from '../pkg/nianbao.js';

const ready = init({ module_or_path: new URL('../pkg/nianbao_bg.wasm', import.meta.url) });

self.onmessage = async (e) => {
  const { id, type, text, html, names, texts, name, bytes } = e.data || {};
  try {
    await ready;
    if (type === 'validate') {
      const t0 = performance.now();
      const report = validate(String(text ?? ''));
      self.postMessage({ id, ok: true, report, ms: performance.now() - t0 });
    } else if (type === 'rules') {
      self.postMessage({ id, ok: true, rules: rules(), version: version() });
    } else if (type === 'template') {
      self.postMessage({ id, ok: true, template: template() });
    } else if (type === 'round') {
      self.postMessage({ id, ok: true, findings: round((names || []).map(String), (texts || []).map(String)) });
    } else if (type === 'file') {
      self.postMessage({ id, ok: true, ...(await readFile(String(name ?? ''), new Uint8Array(bytes))) });
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

/**
 * A file's text, by its bytes (`open_file`, the CLI's reader): a text file decoded in the encoding
 * its bytes show, and flattened when it is HTML; a .docx's text as read. Anything else throws a
 * FileError whose message says what the file is and what to do.
 */
async function readFile(name, u8) {
  const info = open_file(u8);
  if (info.kind === 'pdf') return { text: await readPdf(u8), kind: 'pdf' };
  if (info.message) throw fileError(info.message);
  if (info.kind !== 'text') return { text: info.text, kind: info.kind };
  let text;
  try {
    text = new TextDecoder(info.encoding, { fatal: true }).decode(u8);
  } catch {
    throw Object.assign(new Error('无法识别文件的编码（不是 UTF-8、UTF-16 或 GB18030 文本）。请用记事本或 WPS 另存为 UTF-8 文本后再打开，或复制全文粘贴到这里。'), { name: 'FileError' });
  }
  if (/\.x?html?$/i.test(name) || /^\s*<(!doctype\s+html|html[\s>])/i.test(text.slice(0, 1000))) {
    return { text: html_to_text(text), kind: 'html' };
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
  const info = pdf_runs_to_text(texts, new Float32Array(geometry));
  if (info.message) throw fileError(info.message);
  return info.text;
}

ready.then(
  () => self.postMessage({ type: 'ready' }),
  (err) => self.postMessage({ type: 'ready', error: { name: err?.name || 'Error', message: err?.message || String(err) } }),
);
