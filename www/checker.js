// Main-thread client of worker.js. `check(text)` resolves with {report, ms}, or with null when a
// newer check replaced it before it started (only the latest text is ever checked). A check that
// has been running for a while is abandoned for a newer one: the worker is restarted.

const ABANDON_AFTER_MS = 1500;

/**
 * True when a clipboard `text/html` holds a table: then it is read as HTML (`htmlToText`), else
 * the plain-text flavour is pasted as the browser does. Decided here, synchronously, because a
 * paste handler must decide at once whether it takes over the paste.
 */
export function htmlHasTable(html) {
  return /<table[\s>]/i.test(html);
}

export class Checker {
  /** @param {URL|string} [workerUrl] defaults to worker.js next to this module */
  constructor(workerUrl = new URL('./worker.js', import.meta.url)) {
    this.url = String(workerUrl);
    this.seq = 0;
    this.inflight = null; // {id, text, resolve, reject, started}
    this.pending = null; // {text, resolve, reject}
    this.waiters = new Map(); // id → {resolve, reject} for non-validate requests
    this.worker = null;
  }

  _spawn() {
    let w;
    try {
      w = new Worker(this.url, { type: 'module' });
    } catch (err) {
      // A page on another origin cannot start a worker from our URL directly: go through a
      // same-origin blob module that imports it (needs CORS on the host serving www/).
      if (err && err.name === 'SecurityError') {
        const src = `import ${JSON.stringify(this.url)};`;
        w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), { type: 'module' });
      } else {
        throw err;
      }
    }
    w.onmessage = (e) => this._onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      this._fail(new Error(`校验引擎出错：${e.message || '无法加载 worker.js'}`));
    };
    w.onmessageerror = () => this._fail(new Error('校验结果无法传回页面'));
    this.worker = w;
    return w;
  }

  _w() {
    return this.worker || this._spawn();
  }

  _restart() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
  }

  _fail(err) {
    this._restart();
    const all = [this.inflight, ...this.waiters.values()];
    this.inflight = null;
    this.waiters.clear();
    for (const x of all) if (x) x.reject(err);
    this._next();
  }

  _onMessage(msg) {
    if (!msg || msg.id === undefined) {
      if (msg?.type === 'ready' && msg.error) {
        this._fail(Object.assign(new Error(`校验引擎加载失败：${msg.error.message}`), { name: msg.error.name }));
      }
      return;
    }
    if (this.inflight && msg.id === this.inflight.id) {
      const job = this.inflight;
      this.inflight = null;
      if (msg.ok) job.resolve(this.pending ? null : { report: msg.report, ms: msg.ms });
      else job.reject(Object.assign(new Error(msg.error.message), { name: msg.error.name }));
      this._next();
      return;
    }
    const w = this.waiters.get(msg.id);
    if (w) {
      this.waiters.delete(msg.id);
      if (msg.ok) w.resolve(msg);
      else w.reject(Object.assign(new Error(msg.error.message), { name: msg.error.name }));
    }
  }

  _next() {
    if (this.inflight || !this.pending) return;
    const job = this.pending;
    this.pending = null;
    const id = ++this.seq;
    this.inflight = { ...job, id, started: performance.now() };
    this._w().postMessage({ id, type: 'validate', text: job.text });
  }

  /** Checks `text`; resolves {report, ms}, or null when superseded by a newer call. */
  check(text) {
    return new Promise((resolve, reject) => {
      if (this.pending) this.pending.resolve(null);
      this.pending = { text: String(text), resolve, reject };
      if (this.inflight && performance.now() - this.inflight.started > ABANDON_AFTER_MS) {
        const old = this.inflight;
        this.inflight = null;
        // Requests other than checks die with the worker: fail them so they can be retried.
        for (const w of this.waiters.values()) w.reject(new Error('校验引擎已重启'));
        this.waiters.clear();
        this._restart();
        old.resolve(null);
      }
      this._next();
    });
  }

  /** Sends a request other than a check; resolves the worker's answer. */
  _request(msg) {
    return new Promise((resolve, reject) => {
      const id = ++this.seq;
      this.waiters.set(id, { resolve, reject });
      this._w().postMessage({ ...msg, id });
    });
  }

  /** The rule catalog: resolves {rules, version}. */
  rules() {
    return this._request({ type: 'rules' }).then((m) => ({ rules: m.rules, version: m.version }));
  }

  /** The template description (`template()` of the wasm module, TemplateInfo). */
  template() {
    const ask = () => this._request({ type: 'template' }).then((m) => m.template);
    return ask().catch(ask);
  }

  /**
   * HTML (clipboard `text/html`, an .html file) as the text the checker reads: one table row per
   * line, TAB between cells — the Rust reader the CLI uses. Asked again once when a worker
   * restart (a newer check abandoning a slow one) dropped the first request.
   */
  htmlToText(html) {
    const ask = () => this._request({ type: 'html', html: String(html) }).then((m) => m.text);
    return ask().catch(ask);
  }

  /**
   * A File (or Blob with a name) as {text, kind}: recognised by its bytes in the worker — text
   * decoded, HTML flattened, a .docx read. Rejects with a FileError (message in plain Chinese,
   * saying what the file is and what to do) for anything else.
   */
  async openFile(file) {
    const bytes = await file.arrayBuffer();
    const m = await this._request({ type: 'file', name: String(file.name || ''), bytes });
    return { text: m.text, kind: m.kind };
  }

  get busy() {
    return !!(this.inflight || this.pending);
  }

  terminate() {
    this._restart();
  }
}
