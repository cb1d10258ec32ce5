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
