// Tiny DOM helpers. Text is always inserted as text (textContent / text nodes), never as HTML.

/**
 * h('button', {class: 'x', onclick: fn, 'aria-label': '…'}, 'text', child…)
 * Properties starting with "on" become listeners; `dataset` is an object; false/null are skipped.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === false || v === null || v === undefined) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k in el && typeof v !== 'string') el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Debounce with a delay that may depend on the arguments. */
export function debounce(fn, delay) {
  let t = 0;
  const d = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), typeof delay === 'function' ? delay(...args) : delay);
  };
  d.cancel = () => clearTimeout(t);
  return d;
}

/** Saves `content` as a download named `name`. */
export function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Copies text to the clipboard; falls back to a hidden textarea where the API is missing. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = h('textarea', { class: 'offscreen', readonly: true });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

/**
 * Selects [start, end) in a textarea and scrolls it into view inside the textarea.
 * Moves focus to the textarea (a selection is only visible while it has focus).
 */
export function selectInTextarea(ta, start, end, { focus = true } = {}) {
  const len = ta.value.length;
  start = Math.max(0, Math.min(start, len));
  end = Math.max(start, Math.min(end, len));
  if (!focus) {
    // Without the focus (a phone: no keyboard popping up), the selection waits in the box.
    ta.setSelectionRange(start, end, 'forward');
    scrollTextareaTo(ta, start);
    return;
  }
  ta.focus({ preventScroll: true });
  // Chrome and Firefox scroll the caret into view when the selection is collapsed at the target
  // and focus moves; do it at the start, then extend.
  ta.setSelectionRange(start, start);
  ta.blur();
  ta.focus({ preventScroll: true });
  ta.setSelectionRange(start, end, 'forward');
  scrollTextareaTo(ta, start);
}

/** Scrolls a textarea so that character offset `pos` is about a third from the top. */
function scrollTextareaTo(ta, pos) {
  const cs = getComputedStyle(ta);
  const mirror = document.createElement('div');
  for (const p of [
    'boxSizing', 'width', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
    'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
    'fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'tabSize',
    'wordSpacing', 'textIndent', 'overflowWrap', 'wordBreak',
  ]) {
    mirror.style[p] = cs[p];
  }
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.top = '0';
  mirror.style.left = '-9999px';
  mirror.style.height = 'auto';
  mirror.style.overflow = 'hidden';
  // Only the text before `pos` matters; cap it so a 10 MB paste stays cheap.
  const before = ta.value.slice(Math.max(0, pos - 200_000), pos);
  mirror.textContent = before;
  const marker = document.createElement('span');
  marker.textContent = '\u200b';
  mirror.append(marker);
  document.body.append(mirror);
  const top = marker.offsetTop;
  mirror.remove();
  if (pos <= 200_000) ta.scrollTop = Math.max(0, top - ta.clientHeight / 3);
}

/**
 * Files dragged over the page show `overlay`; dropping them calls `onDrop(dataTransfer)` during the
 * drop event (so a folder's entries can still be taken). Drags of anything but files are left alone.
 */
export function onFileDrop(overlay, onDrop) {
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', (e) => {
    if (hasFiles(e) && --depth <= 0) {
      depth = 0;
      overlay.hidden = true;
    }
  });
  document.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    onDrop(e.dataTransfer);
  });
}
