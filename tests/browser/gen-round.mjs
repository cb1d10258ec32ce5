// A generated review round for the benchmarks: N reports made from the page's example
// (www/example.txt) with changed body names, two years per body so the X rules pair them, the
// prose lines rewritten per report so no two narratives are copies (unless `sameProse`), every
// third report a Word .docx and every tenth an .html page, the rest .txt.
//   node tests/browser/gen-round.mjs DIR [N] [--same-prose]   writes them into DIR
// Used by bench-round.mjs (the page) and scripts/bench.sh (`check --round`). Needs Node only.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const POOL = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';

/** The example with its prose lines (not the title, no tab, not a heading) rewritten for report `seed`. */
export const rewriteProse = (text, seed) =>
  text
    .split('\n')
    .map((line, l) => {
      if (l === 0 || line.includes('\t') || line.length < 20 || /^[一二三四五六七八九十（(]/.test(line)) return line;
      let k = 0;
      return line.replace(/[\u4e00-\u9fff]/g, () => POOL[(seed * 7919 + l * 104729 + k++ * 31) % POOL.length]);
    })
    .join('\n');

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A zip archive of [name, data] members, deflated. */
function zip(members) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of members) {
    const raw = Buffer.from(text);
    const data = deflateRawSync(raw);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(n.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc32(raw), 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(raw.length, 24);
    cd.writeUInt16LE(n.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, n, data);
    central.push(cd, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** A minimal Word document of `text`: one paragraph per line, a tab stop for each TAB. */
export function docxOf(text) {
  const para = (line) =>
    `<w:p>${line
      .split('\t')
      .map((cell, i) => `${i ? '<w:r><w:tab/></w:r>' : ''}<w:r><w:t xml:space="preserve">${xml(cell)}</w:t></w:r>`)
      .join('')}</w:p>`;
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return zip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${text.split('\n').map(para).join('')}</w:body></w:document>`],
  ]);
}

const PLACE = '安宁平和泰康永兴长清丰乐华阳新城东南西北';

/** A county's name for body `k` (no digits: a title's body ends at a digit): 安宁平县, 安宁和县, … */
const bodyName = (k) => `${PLACE[Math.floor(k / 400) % 20]}${PLACE[Math.floor(k / 20) % 20]}${PLACE[k % 20]}县`;

/** Writes the round into `folder`; resolves {bytes (of text), files, docx, html}. */
export async function writeRound(folder, n, { sameProse = false } = {}) {
  const ex = await readFile(path.join(ROOT, 'www/example.txt'), 'utf8');
  await mkdir(folder, { recursive: true });
  const counts = { bytes: 0, files: n, docx: 0, html: 0 };
  for (let i = 0; i < n; i++) {
    const body = bodyName(Math.floor(i / 2));
    let text = ex.replaceAll('南泽县', body);
    if (!sameProse) text = rewriteProse(text, i + 1);
    if (i % 2) text = text.replaceAll('2024', '2025');
    counts.bytes += Buffer.byteLength(text);
    const name = path.join(folder, String(i).padStart(5, '0'));
    if (i % 10 === 9) {
      counts.html++;
      await writeFile(`${name}.html`, `<!doctype html><html><body><pre>${xml(text)}</pre></body></html>`);
    } else if (i % 3 === 2) {
      counts.docx++;
      await writeFile(`${name}.docx`, docxOf(text));
    } else {
      await writeFile(`${name}.txt`, text);
    }
  }
  return counts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  if (!dir) {
    console.error('usage: node tests/browser/gen-round.mjs DIR [N] [--same-prose]');
    process.exit(2);
  }
  const n = Number(args.find((a) => /^\d+$/.test(a)) || 500);
  const c = await writeRound(dir, n, { sameProse: args.includes('--same-prose') });
  console.log(`${c.files} reports (${c.docx} .docx, ${c.html} .html), ${(c.bytes / 1e6).toFixed(1)} MB of text in ${dir}`);
}
