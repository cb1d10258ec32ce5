// The checker's Web Worker: loads the wasm once and answers
//   {id, type: 'validate', text} → {id, ok: true, report, ms}
//   {id, type: 'rules'}          → {id, ok: true, rules, version}
//   {id, type: 'html', html}     → {id, ok: true, text}  (HTML as the text the checker reads)
//   {id, type: 'template'}       → {id, ok: true, template}  (the official template, both forms)
//   {id, type: 'round', names, texts} → {id, ok: true, findings}  (each text's X findings, in order)
//   {id, type: 'file', name, bytes} → {id, ok: true, text, kind}  (a file's text: decoded, an
//                                  HTML file flattened, a .docx read; kind is source.kind)
//   {id, type: 'file', name, bytes, expand: true} → as above, or for a zip archive
//                                  {id, ok: true, kind: 'zip', members}  (`unzip`: each file's
//                                  name bytes, utf8 flag, and data or message)
// or {id, ok: false, error: {name, message}}. Runs off the main thread, so a long check never
// freezes the page.

import init, { validate, rules, version, html_to_text, template, round, open_file, unzip } from '../pkg/nianbao.js';

const ready = init({ module_or_path: new URL('../pkg/nianbao_bg.wasm', import.meta.url) });

self.onmessage = async (e) => {
  const { id, type, text, html, names, texts, pairs, name, bytes, expand } = e.data || {};
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
      const res = round((names || []).map(String), (texts || []).map(String), Int32Array.from(pairs || []));
      self.postMessage({ id, ok: true, findings: res.findings, lastYear: res.lastYear });
    } else if (type === 'file') {
      const res = readFile(String(name ?? ''), new Uint8Array(bytes), !!expand);
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

/**
 * A file's text, by its bytes (`open_file`, the CLI's reader): a text file decoded in the encoding
 * its bytes show, and flattened when it is HTML; a .docx's text as read. Anything else throws a
 * FileError whose message says what the file is and what to do.
 */
function readFile(name, u8, expand) {
  const info = open_file(u8);
  if (info.kind === 'zip' && expand) return { kind: 'zip', members: unzip(u8) };
  if (info.message) throw Object.assign(new Error(info.message), { name: 'FileError' });
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

ready.then(
  () => self.postMessage({ type: 'ready' }),
  (err) => self.postMessage({ type: 'ready', error: { name: err?.name || 'Error', message: err?.message || String(err) } }),
);
