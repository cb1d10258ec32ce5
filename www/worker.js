// The checker's Web Worker: loads the wasm once and answers
//   {id, type: 'validate', text} → {id, ok: true, report, ms}
//   {id, type: 'rules'}          → {id, ok: true, rules, version}
//   {id, type: 'html', html}     → {id, ok: true, text}  (HTML as the text the checker reads)
//   {id, type: 'template'}       → {id, ok: true, template}  (the official template, both forms)
//   {id, type: 'round', names, texts} → {id, ok: true, findings}  (each text's X findings, in order)
// or {id, ok: false, error: {name, message}}. Runs off the main thread, so a long check never
// freezes the page.

import init, { validate, rules, version, html_to_text, template, round } from '../pkg/nianbao.js';

const ready = init({ module_or_path: new URL('../pkg/nianbao_bg.wasm', import.meta.url) });

self.onmessage = async (e) => {
  const { id, type, text, html, names, texts } = e.data || {};
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

ready.then(
  () => self.postMessage({ type: 'ready' }),
  (err) => self.postMessage({ type: 'ready', error: { name: err?.name || 'Error', message: err?.message || String(err) } }),
);
