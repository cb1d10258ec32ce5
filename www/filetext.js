// A file as the text the checker reads, for the round page. The reading itself is the worker's
// (`open_file` in wasm, the CLI's reader): a file is recognised by its bytes — text decoded in the
// encoding its bytes show, HTML flattened, a .docx read — and anything else refused with a message
// in plain Chinese saying what it is and what to do.

/** Thrown for a file that cannot be read: the round shows `message` on its row. */
export class Unreadable extends Error {
  constructor(message) {
    super(message);
    this.name = 'Unreadable';
  }
}

/**
 * The text of `file` (a File or Blob with a name), read by `openFile` (the worker's `file`
 * request: resolves {text, kind}, rejects with a FileError). Rejects with `Unreadable` when the
 * file is not something the checker reads.
 * @param {File} file
 * @param {(file: File) => Promise<{text: string, kind: string}>} openFile
 */
export async function fileToText(file, openFile) {
  try {
    return (await openFile(file)).text;
  } catch (err) {
    if (err && err.name === 'FileError') throw new Unreadable(err.message);
    throw err;
  }
}

/**
 * What `file` holds: `{text}`, or for a zip archive of reports (when `expand`) `{members}`, its
 * files as [{name, file}] (a File, or a `problem` when the member could not be read). Names
 * stored without the zip's UTF-8 flag are in the code page of the machine that made the archive:
 * UTF-8 when they decode as such (macOS), else GB18030 (Chinese Windows). Rejects with
 * `Unreadable` as `fileToText` does.
 * @param {File} file
 * @param {(file: File, opts: {expand: boolean}) => Promise<{text?: string, members?: object[]}>} openFile
 */
export async function fileContents(file, openFile, { expand = false } = {}) {
  let res;
  try {
    res = await openFile(file, { expand });
  } catch (err) {
    if (err && err.name === 'FileError') throw new Unreadable(err.message);
    throw err;
  }
  if (!res.members) return { text: res.text };
  const members = res.members
    .map((m) => {
      const name = memberName(m.name, m.utf8);
      return m.data
        ? { name, file: new File([m.data], name.split('/').pop() || name) }
        : { name, problem: m.message || '无法读取压缩包中的这个文件。' };
    })
    .filter((m) => !/^__MACOSX\//.test(m.name));
  return { members };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/** A zip member's name from its bytes (see `fileContents`). */
export function memberName(bytes, isUtf8) {
  if (isUtf8) return new TextDecoder('utf-8').decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    return gb18030.decode(bytes);
  }
}
