// A file as the text the checker reads. One function, `fileToText`, so that readers of more
// types (.docx, .pdf) plug in here and every page that opens files gets them.

/** Thrown for a file whose type cannot be read: the round shows `message` on its row. */
export class Unreadable extends Error {
  constructor(message) {
    super(message);
    this.name = 'Unreadable';
  }
}

const TEXT = /\.(txt|text)$/i;
const HTML = /\.(x?html?|mht)$/i;

/** Whether the name looks like a report file at all (folders hold other things too). */
export function looksReadable(name) {
  return TEXT.test(name) || HTML.test(name);
}

/**
 * The text of `file` (a File or Blob with a name): .txt as UTF-8, UTF-16 (with a byte-order mark)
 * or GBK; .html through `htmlToText` (the Rust reader, via the worker). Rejects with `Unreadable`
 * for any other type.
 * @param {File} file
 * @param {(html: string) => Promise<string>} htmlToText
 */
export async function fileToText(file, htmlToText) {
  const name = file.name || '';
  if (!TEXT.test(name) && !HTML.test(name) && !/^text\//.test(file.type || '')) {
    const ext = /\.[^.]+$/.exec(name)?.[0] || '（无扩展名）';
    throw new Unreadable(`暂不能读取 ${ext} 文件`);
  }
  const text = decode(await file.arrayBuffer());
  const isHtml = HTML.test(name) || /html/i.test(file.type || '') || /^\s*<(!doctype\s+html|html[\s>])/i.test(text.slice(0, 1000));
  return isHtml ? htmlToText(text) : text;
}

/** UTF-8 or UTF-16 by byte-order mark; else UTF-8 when valid, else GB18030 (GBK / GB2312). */
export function decode(buf) {
  const b = new Uint8Array(buf, 0, Math.min(3, buf.byteLength));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf);
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(buf);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}
