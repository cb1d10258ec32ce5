// A small Markdown renderer for the rule documentation: headings, paragraphs, lists, code
// blocks, tables, block quotes, inline code, bold and italics. It builds DOM nodes and inserts
// every piece of text with text nodes, so nothing in a document can become markup.

import { h } from './dom.js';

function inline(text) {
  const out = [];
  // `code`, **bold**, *italic*
  const re = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(h('code', null, m[1]));
    else if (m[2] !== undefined) out.push(h('strong', null, m[2]));
    else out.push(h('em', null, m[3]));
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const splitRow = (line) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** Renders `md` into a DocumentFragment. */
export function renderMarkdown(md) {
  const frag = document.createDocumentFragment();
  const lines = String(md || '').replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) {
      i++;
      continue;
    }
    let m;
    if ((m = /^```/.exec(line))) {
      const body = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i])) body.push(lines[i++]);
      i++;
      frag.append(h('pre', null, h('code', null, body.join('\n'))));
      continue;
    }
    if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
      // Rule docs sit under the dialog's own h2, so their headings start at h3.
      const level = Math.min(6, m[1].length + 2);
      frag.append(h(`h${level}`, null, inline(m[2])));
      i++;
      continue;
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1])) {
      const head = splitRow(line);
      i += 2;
      const rows = [];
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(splitRow(lines[i++]));
      frag.append(
        h(
          'table',
          { class: 'md-table' },
          h('thead', null, h('tr', null, head.map((c) => h('th', null, inline(c))))),
          h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, inline(c)))))),
        ),
      );
      continue;
    }
    if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = h(ordered ? 'ol' : 'ul');
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) {
        let item = lines[i++].replace(/^\s*([-*+]|\d+[.)])\s+/, '');
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !/^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) {
          item += ' ' + lines[i++].trim();
        }
        list.append(h('li', null, inline(item)));
      }
      frag.append(list);
      continue;
    }
    if (/^>\s?/.test(line)) {
      const body = [];
      while (i < lines.length && /^>\s?/.test(lines[i])) body.push(lines[i++].replace(/^>\s?/, ''));
      frag.append(h('blockquote', null, inline(body.join(' '))));
      continue;
    }
    const para = [];
    while (
      i < lines.length &&
      !/^\s*$/.test(lines[i]) &&
      !/^(```|#{1,6}\s|>|\s*([-*+]|\d+[.)])\s+|\s*\|)/.test(lines[i])
    ) {
      para.push(lines[i++].trim());
    }
    if (!para.length) para.push(lines[i++].trim());
    // Chinese text joins without spaces.
    const text = para.reduce((acc, l) => (acc && /[\x00-\x7f]$/.test(acc) && /^[\x00-\x7f]/.test(l) ? `${acc} ${l}` : acc + l), '');
    frag.append(h('p', null, inline(text)));
  }
  return frag;
}

/** Drops a leading heading that repeats the rule code (the dialog already shows it). */
export function stripTitle(md, code) {
  const m = /^\s*#{1,6}[^\n]*\n/.exec(String(md || ''));
  return m && m[0].includes(code) ? md.slice(m[0].length) : md;
}
