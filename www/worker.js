// The checker's Web Worker: loads the wasm once and answers
//   {id, type: 'validate', text} → {id, ok: true, report, ms}
//   {id, type: 'rules'}          → {id, ok: true, rules, version}  (the catalog with its docs,
//                                  from rules.json: generated from the declarations, kept out of the wasm)
//   {id, type: 'html', html}     → {id, ok: true, text}  (HTML as the text the checker reads)
//   {id, type: 'template'}       → {id, ok: true, template}  (the official template, both forms)
//   {id, type: 'round', names, texts, pairs} → {id, ok: true, findings, lastYear}  (each text's X
//                                  findings, in order, and which text each was compared with as
//                                  last year's; pairs: the pairings by hand, [this, last|-1, …])
//   {id, type: 'file', name, bytes} → {id, ok: true, text, kind}  (a file's text: decoded, an
//                                  HTML file flattened, a .docx read; kind is source.kind)
//   {id, type: 'file', name, bytes, expand: true} → as above, or for a zip archive (round build)
//                                  {id, ok: true, kind: 'zip', members}  (`unzip`: each file's
//                                  name bytes, utf8 flag, and data or message)
// or {id, ok: false, error: {name, message}}. Runs off the main thread, so a long check never
// freezes the page.

// The round page starts this worker as worker.js?round, and gets the build that has round();
// the page and the widget get the smaller one without it.
const PKG = new URL(self.location.href).searchParams.has('round') ? '../pkg/round/' : '../pkg/';
let wasm = null; // the module's exports, once loaded
const ready = import(new URL(PKG + 'nianbao.js', import.meta.url).href).then(async (m) => {
  await m.default({ module_or_path: new URL(PKG + 'nianbao_bg.wasm', import.meta.url) });
  wasm = m;
});

self.onmessage = async (e) => {
  const { id, type, text, html, names, texts, pairs, name, bytes, expand } = e.data || {};
  try {
    await ready;
    const { validate, version, html_to_text, template, round } = wasm;
    if (type === 'validate') {
      const t0 = performance.now();
      const report = validate(String(text ?? ''));
      self.postMessage({ id, ok: true, report, ms: performance.now() - t0 });
    } else if (type === 'rules') {
      self.postMessage({ id, ok: true, rules: await loadRules(), version: version() });
    } else if (type === 'template') {
      self.postMessage({ id, ok: true, template: template() });
    } else if (type === 'round') {
      if (!round) throw new Error('round() is only in the round build: start the worker as worker.js?round');
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
function readFile(name, u8, expand) {
  const info = wasm.open_file(u8);
  // unzip() is in the round build only, as round() is.
  if (info.kind === 'zip' && expand && wasm.unzip) return { kind: 'zip', members: wasm.unzip(u8) };
  if (info.message) throw Object.assign(new Error(info.message), { name: 'FileError' });
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

ready.then(
  () => self.postMessage({ type: 'ready' }),
  (err) => self.postMessage({ type: 'ready', error: { name: err?.name || 'Error', message: err?.message || String(err) } }),
);
