// HTML (clipboard `text/html` from a web page or Word, or a saved .html file) → plain text that
// keeps table cells apart: one table row per line, cells separated by tabs, as a browser copies
// a rendered table. The HTML is parsed with DOMParser into an inert document (no scripts run,
// nothing loads) and only its text is read.

const BLOCK = new Set(
  ('address article aside blockquote body center dd details dialog dir div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section ' +
    'summary ul caption thead tbody tfoot').split(' '),
);
const SKIP = new Set(
  'script style noscript template head title meta link iframe object embed svg canvas button select'.split(' '),
);

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** True when `html` holds at least one table (then pasting it as text would lose the cells). */
export function htmlHasTable(html) {
  return /<table[\s>]/i.test(html);
}

/**
 * Removes what only styles the HTML before it is parsed: <style> and <script> blocks and style
 * attributes (a hidden element keeps `hidden`). A parsed document inherits the page's CSP, which
 * would report every inline style in a Word paste as a violation; nothing of it is needed here.
 */
function preclean(html) {
  return String(html)
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[a-z][^>]*>/gi, (tag) =>
      tag.replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, (m, v) =>
        /display\s*:\s*none|mso-hide\s*:\s*all/i.test(v) ? ' hidden' : '',
      ),
    );
}

/** Converts HTML to text: paragraphs on their own lines, table rows as tab-separated cells. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(preclean(html), 'text/html');
  const out = [];
  walk(doc.body || doc.documentElement, out, false);
  return tidy(out.join(''));
}

function walk(node, out, pre) {
  for (let n = node.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) {
      out.push(pre ? n.data : n.data.replace(/[ \t\r\n\f]+/g, ' '));
      continue;
    }
    if (n.nodeType !== 1) continue;
    const tag = n.localName;
    if (SKIP.has(tag) || n.hidden) continue;
    if (tag === 'br') {
      out.push('\n');
    } else if (tag === 'table') {
      out.push('\n');
      table(n, out);
      out.push('\n');
    } else if (BLOCK.has(tag)) {
      out.push('\n');
      walk(n, out, pre || tag === 'pre');
      out.push('\n');
    } else {
      walk(n, out, pre);
    }
  }
}

function table(t, out) {
  for (const tr of t.rows) {
    const cells = [];
    for (const cell of tr.cells) cells.push(cellText(cell));
    // A row of only empty cells carries nothing (layout rows in Word's HTML).
    if (cells.some((c) => c !== '')) out.push(cells.join('\t') + '\n');
  }
}

/** A cell's text on one line: its paragraphs joined (without a space between CJK text). */
function cellText(cell) {
  const parts = [];
  walk(cell, parts, false);
  const lines = parts
    .join('')
    .replace(/\u00a0/g, ' ')
    .split(/[\n\t]+/)
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .filter(Boolean);
  let s = '';
  for (const l of lines) {
    s = !s ? l : CJK.test(s.slice(-1)) || CJK.test(l[0]) ? s + l : `${s} ${l}`;
  }
  return s;
}

function tidy(s) {
  return (
    s
      .replace(/\u00a0/g, ' ')
      .split('\n')
      .map((l) => (l.includes('\t') ? l.replace(/ +$/, '') : l.replace(/^ +| +$/g, '')))
      .join('\n')
      // At most one blank line in a row.
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+|\n+$/g, '') + '\n'
  );
}
