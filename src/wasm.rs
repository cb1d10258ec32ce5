//! The wasm boundary for JavaScript: `validate(text)`, `html_to_text(html)`, `open_file(bytes)`,
//! `template()` and `version()`; in the full build (`--features full`, pkg/full/) also
//! `round(names, texts, pairs)`, `unzip(bytes)` and `pdf_runs_to_text(texts, geometry)`.
//!
//! Thin on purpose: it calls the library, rewrites every span from UTF-8 byte offsets to UTF-16
//! code units (so `text.slice(span.start, span.end)` in JavaScript is the span's text), and hands
//! the result over as a plain JS object (`schema.md`). Errors become JS `Error`s. The TypeScript
//! types below are written by hand to match `report.rs` exactly; the exports point at them with
//! `unchecked_return_type`, so the generated `.d.ts` has no `any`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

// Talc instead of the default dlmalloc: measured smaller (gzip) and faster for this workload;
// small blocks recycled in front of it (`pool.rs`).
#[global_allocator]
static ALLOCATOR: crate::pool::Pooled<talc::wasm::WasmDynamicTalc, crate::pool::OneThread> =
    crate::pool::Pooled::one_thread(talc::wasm::new_wasm_dynamic_allocator());

use crate::utf16::Utf16Offsets;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Which template a report's tables follow. */
export type Format = "2021" | "2019" | "unknown";
/** A finding's severity. */
export type Severity = "error" | "warning" | "info";
/** What a cell holds: a number, nothing, a not-applicable mark (`/`, `-`, `—`, `无`, `不适用`), or other text. */
export type CellKind = "number" | "blank" | "na" | "text";
/** The three standard tables: section 二, 三 and 四. */
export type TableKey = "active_disclosure" | "applications" | "reviews_litigation";

/** Offsets into the text exactly as passed to `validate`, in UTF-16 code units: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** One of the six sections as found, in text order. */
export interface SectionInfo {
  /** 1 … 6 for 一 … 六. */
  number: number;
  title: string;
  span: Span;
}

export interface Cell {
  /** Column key, e.g. "natural_person", "total", "issued", "review_upheld". */
  col: string;
  /** The cell's text as it appears in the input. */
  raw: string;
  /** The number, only when `kind` is "number" (a fee may be fractional); else null. */
  value: number | null;
  kind: CellKind;
  span: Span;
  /** Present (true) when the cell boundary was not in the text and was inferred. */
  inferred?: boolean;
}

export interface Row {
  /** Row key, e.g. "new_received", "counts", "regulations". */
  key: string;
  /** The official label of the row. */
  label: string;
  /** Where the row's label was found; null when the label was not found. */
  span: Span | null;
  /** The cells the text has; a cell the text lacks is absent. */
  cells: Cell[];
}

export interface Table {
  /** Which template the rows follow. */
  template: Format;
  rows: Row[];
}

/** A table the text lacks is null. */
export interface Tables {
  active_disclosure: Table | null;
  applications: Table | null;
  reviews_litigation: Table | null;
}

export interface CellRef {
  table: TableKey;
  row: string;
  col: string;
}

export interface Diagnostic {
  /** Rule code, e.g. "R001"; see `rules()`. */
  code: string;
  severity: Severity;
  /** Chinese message. */
  message: string;
  spans: Span[];
  cells: CellRef[];
  /** Across reports (the X rules): the other report and its cells. */
  counterpart?: { file: string; body: string | null; year: number | null; cells: CellRef[] };
}

/** The result of one check (schema.md). */
export interface Report {
  format: Format;
  /** Report year, or null. */
  year: number | null;
  /** Reporting body as named in the title, or null. */
  body: string | null;
  sections: SectionInfo[];
  tables: Tables;
  diagnostics: Diagnostic[];
  /** Cells read / cells the template has, per table: complete only when every cell was read. */
  coverage: Record<TableKey, { read: number; expected: number }>;
  /** The likeliest corrections when identities fail (R007), best first; empty otherwise. */
  repairs: Repair[];
  /** The file read, when the check was of a file (the page and the widget add it). */
  source?: Source;
  /** The checker's version. */
  version: string;
}

/** `validate_packed(text)`: the Report with each table's rows given as their number, and the
 * rows and cells as numbers in `packed` (`www/packed.js` unpacks them with `pack_keys()`): per
 * row the key's index into `pack_keys().rows`, the label's into `pack_keys().labels`, the span's
 * start and end (NaN: no span) and the number of cells; per cell the column's index into
 * `pack_keys().columns`, the kind (0 number, 1 blank, 2 na, 3 text; +4 when inferred), the value
 * (NaN: null), the span's start and end. A cell's `raw` is `text.slice(start, end)`. (A Report as
 * `validate` gives it, with no `packed`, should a label or a cell's text not be those.) */
export interface PackedReport extends Omit<Report, "tables"> {
  tables: { [K in TableKey]: { template: Format; rows: number } | null };
  packed?: Float64Array;
}
/** What `www/packed.js` unpacks a PackedReport with: the keys and the row labels by index. */
export interface PackKeys {
  columns: ColKey[];
  rows: RowKey[];
  labels: (string | null)[];
}

/** One explanation of the failing identities: cells and stated figures to change. */
export interface Repair {
  changes: (CellRef & { from: number; to: number })[];
  text_changes: { span: Span; from: number; to: number }[];
  /** The documented cost (R007); lower is likelier. */
  weight: number;
}

/** What the checker read a file as: its source (schema.md). */
export interface Source {
  kind: "text" | "html" | "docx" | "doc" | "pdf";
  name: string;
}

/** `open_file(bytes)`: what a file is, told from its bytes. A text file is decoded by the caller
 * (`new TextDecoder(encoding)`); a `.docx` comes with its extracted text; anything else with a
 * message in plain Chinese saying what it is and what to do. */
export interface FileInfo {
  kind: "text" | "docx" | "doc" | "pdf" | "zip" | "other";
  /** For text: the WHATWG encoding label ("utf-8", "utf-16le", "utf-16be", "gb18030"). */
  encoding: string | null;
  /** For a .docx (or a PDF, from `pdf_runs_to_text`): the text read from it (one table row per line, TAB between cells). */
  text: string | null;
  /** When the file cannot be read: why, and what to do instead. */
  message: string | null;
}

/** `round(names, texts, pairs)`: each text's X findings, and which text each was compared with
 * as its report of the year before (an index into `texts`, or -1). */
export interface RoundResult {
  findings: Diagnostic[][];
  lastYear: number[];
}

/** One file of a zip archive, from `unzip(bytes)`. */
export interface ZipMember {
  /** The name as stored; UTF-8 when `utf8`, else a local code page (GBK on Chinese Windows). */
  name: Uint8Array;
  utf8: boolean;
  /** Its bytes, when it could be read. */
  data?: Uint8Array;
  /** Why it could not be read (damaged, or over the caps against zip bombs). */
  message?: string;
}

/** The official template (both forms), from `template()`. */
export interface TemplateInfo {
  formats: { "2021": TemplateForm; "2019": TemplateForm };
}
export interface TemplateForm {
  /** active_disclosure, applications, reviews_litigation. */
  tables: TemplateTable[];
}
export interface TemplateTable {
  key: TableKey;
  /** 2, 3 or 4. */
  section: number;
  /** The section's official title. */
  title: string;
  /** The note printed in the table's corner (section 三), or null. */
  note: string | null;
  /** Every column of the table, in order. */
  columns: { key: string; label: string; groups: string[]; kind: "count" | "amount" | "change" }[];
  /** Merged header cells over columns; `parent` is the group around it. */
  column_groups: TemplateGroup[];
  /** Merged label cells over rows. */
  row_groups: TemplateGroup[];
  /** Section 二's small tables: a caption, its columns and rows. */
  blocks: { caption: string; columns: string[]; rows: string[] }[];
  /** The rows: `groups` are the row groups around the label, outermost first. */
  rows: { key: string; label: string; groups: string[]; columns: string[] }[];
}
export interface TemplateGroup {
  key: string;
  label: string;
  parent: string | null;
}

/** One rule of the catalog, with its documentation: the entries of `www/rules.json`, which the
 * page fetches when a rule is opened (the docs are not in the wasm). */
export interface RuleInfo {
  code: string;
  severity: Severity;
  /** Short Chinese title. */
  title: string;
  /** Markdown: what it checks, why it matters, a failing and a passing example, how to fix. */
  doc: string;
}
"#;

/// `value` as JavaScript objects: written as one JSON string and parsed once by `JSON.parse`
/// (`src/json.rs`), instead of one boundary call per field.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    json_to_js(crate::json::to_json(value))
}

fn json_to_js(json: Result<String, crate::json::Error>) -> Result<JsValue, JsError> {
    let json = json.map_err(|e| JsError::new(&format!("nianbao: cannot convert the result: {e}")))?;
    json_parse(&json).map_err(|_| JsError::new("nianbao: cannot convert the result"))
}

// The few JavaScript functions the boundary calls are imported here, not through js-sys: its
// generic closure shims were 0.9 KB gzip of the module.
#[wasm_bindgen]
extern "C" {
    /// `JSON.parse(text)`.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    /// `Reflect.set(target, key, value)`: `validate_packed` puts its numbers on its report, and
    /// `unzip` builds its members.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set, catch)]
    fn reflect_set(target: &JsValue, key: &str, value: &JsValue) -> Result<bool, JsValue>;
}

/// Rewrites every span of `report` from UTF-8 byte offsets into `text` to UTF-16 code units.
fn spans_to_utf16(report: &mut crate::Report, text: &str) {
    let table = Utf16Offsets::new(text);
    report.map_spans(|b| table.get(b));
}

/// Checks one report: the text of a 政府信息公开工作年度报告 as pasted (plain text or HTML).
/// Spans are UTF-16 offsets into `text`.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsError> {
    check_to_js(text, false)
}

/// `validate`, with the tables' rows and cells as numbers in a `Float64Array` (`json::pack_tables`)
/// beside the JSON of the rest: what the page's worker calls, and unpacks with `www/packed.js`.
/// Should a row's label not be the template's or a cell's text differ from the text at its span,
/// the report comes unpacked, as `validate` gives it.
#[wasm_bindgen(unchecked_return_type = "PackedReport")]
pub fn validate_packed(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsError> {
    check_to_js(text, true)
}

fn check_to_js(text: JsValue, pack: bool) -> Result<JsValue, JsError> {
    // Checked here rather than trusted to the glue, which would turn 42 into "42".
    let Some(text) = text.as_string() else {
        return Err(JsError::new("nianbao: validate(text) takes a string"));
    };
    let mut report = crate::validate(&text);
    let pack = pack && crate::json::packable(&report, &text);
    spans_to_utf16(&mut report, &text);
    if !pack {
        return json_to_js(crate::json::to_json(&report));
    }
    let js = json_to_js(crate::json::to_json_packed(&report))?;
    let numbers = JsValue::from(crate::json::pack_tables(&report.tables));
    reflect_set(&js, "packed", &numbers).map_err(|_| JsError::new("nianbao: cannot convert the result"))?;
    Ok(js)
}

/// The keys and labels `www/packed.js` unpacks `validate_packed`'s numbers with (`PackKeys`).
#[wasm_bindgen(unchecked_return_type = "PackKeys")]
pub fn pack_keys() -> Result<JsValue, JsError> {
    to_js(&crate::json::pack_keys())
}

/// HTML (clipboard `text/html`, a saved page) as the text `validate` reads from it: one table row
/// per line, TAB between cells. The page and the widget put this text in their text box, so the
/// text checked there is the text the CLI checks for the same HTML.
#[wasm_bindgen]
pub fn html_to_text(html: &str) -> String {
    crate::layout::html::flatten_html(html).text
}

/// A review round: checks each file and compares them (the X rules: last year's report of the
/// same body, the other units, duplicates). `names[i]` is the file `texts[i]` came from. `pairs`
/// holds the pairings a person made, two numbers each: `[this, last]` makes `texts[last]` the
/// report of the year before `texts[this]`, `[this, -1]` compares `texts[this]` with none.
/// Returns each file's X findings, in the files' order, and which file each was compared with;
/// spans are UTF-16 offsets into that file's text, as `validate` gives them. Arrays rather than
/// objects: no deserializer in the wasm. Only in the full build (`--features full`,
/// pkg/full/), which the round page loads.
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "RoundResult")]
pub fn round(names: Vec<String>, texts: Vec<String>, pairs: Option<Vec<i32>>) -> Result<JsValue, JsError> {
    if names.len() != texts.len() {
        return Err(JsError::new("nianbao: round(names, texts) takes one name per text"));
    }
    let mut pairing = crate::round::Pairing::default();
    for p in pairs.unwrap_or_default().chunks_exact(2) {
        match (usize::try_from(p[0]), usize::try_from(p[1])) {
            (Ok(this), Ok(last)) => pairing.pair(this, last),
            (Ok(this), Err(_)) => pairing.unpair(this),
            _ => {}
        }
    }
    // Only the small entries are kept; each report is dropped right after its reduction.
    let entries: Vec<crate::round::Entry> =
        names.iter().zip(&texts).map(|(n, t)| crate::round::Entry::new(n, t, &crate::validate(t))).collect();
    let compared = crate::round::compare_paired(&entries, &pairing);
    let mut found = compared.findings;
    for (findings, text) in found.iter_mut().zip(&texts) {
        let table = Utf16Offsets::new(text);
        for s in findings.iter_mut().flat_map(|d| &mut d.spans) {
            (s.start, s.end) = (table.get(s.start), table.get(s.end));
        }
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct RoundResult {
        findings: Vec<Vec<crate::Diagnostic>>,
        last_year: Vec<i64>,
    }
    let last_year = compared.last_year.iter().map(|l| l.map_or(-1, |l| l as i64)).collect();
    to_js(&RoundResult { findings: found, last_year })
}

/// The files of a zip archive of reports (folders skipped), each read within the caps against
/// zip bombs (`files::unzip`). Names stay bytes: one without the UTF-8 flag is in the code page
/// of the machine that made it, which the caller decodes (GB18030 in a Chinese round). Bytes
/// cross as `Uint8Array`s, not through JSON. Only in the round page's build, as `round`.
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "ZipMember[]")]
pub fn unzip(bytes: &[u8]) -> Result<Vec<JsValue>, JsError> {
    let mut out = Vec::new();
    let mut failed = false;
    crate::files::unzip(bytes, |m| {
        let o = new_object();
        let (key, value): (&str, JsValue) = match &m.data {
            Ok(d) => ("data", uint8_array_from(d)),
            Err(e) => ("message", JsValue::from_str(&e.message())),
        };
        for (k, v) in [("name", uint8_array_from(m.name)), ("utf8", JsValue::from_bool(m.utf8)), (key, value)] {
            failed |= reflect_set(&o, k, &v).is_err();
        }
        out.push(o);
    })
    .map_err(|e| JsError::new(&e.message()))?;
    if failed {
        return Err(JsError::new("nianbao: cannot build the list of files"));
    }
    Ok(out)
}

#[cfg(feature = "full")]
#[wasm_bindgen]
extern "C" {
    /// `Object()`: a new empty object.
    #[wasm_bindgen(js_name = Object)]
    fn new_object() -> JsValue;
    /// `Uint8Array.from(bytes)`: a copy (the glue hands over a view of the wasm's memory).
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = from)]
    fn uint8_array_from(bytes: &[u8]) -> JsValue;
}

#[derive(Serialize)]
struct FileInfo {
    kind: &'static str,
    encoding: Option<&'static str>,
    text: Option<String>,
    message: Option<String>,
}

/// What a file is, from its bytes, and for a `.docx` its text (`src/files`): the page and the
/// widget open files through this, so a file gets the same answer as in the CLI.
#[wasm_bindgen(unchecked_return_type = "FileInfo")]
pub fn open_file(bytes: &[u8]) -> Result<JsValue, JsError> {
    use crate::files::{extract, sniff, Kind};
    let kind = sniff(bytes);
    let mut info = FileInfo { kind: "other", encoding: None, text: None, message: None };
    match kind {
        Kind::Text(e) => {
            info.kind = "text";
            info.encoding = Some(e.label());
        }
        _ => {
            info.kind = match kind {
                Kind::Docx => "docx",
                Kind::Doc => "doc",
                Kind::Pdf => "pdf",
                Kind::Other(crate::files::Other::Zip) => "zip",
                _ => "other",
            };
            match extract(bytes) {
                Ok(text) => info.text = Some(text),
                // No text and no message: the page reads it with the full build.
                Err(crate::files::FileError::InFullBuild) => {}
                Err(e) => info.message = Some(e.message()),
            }
        }
    }
    to_js(&info)
}

/// A PDF's text from its positioned text runs (the page reads them with pdf.js): `texts[i]` with
/// `geometry[5i..5i+5]` = page, x, y (top of the glyph box, down from the page top), width and
/// font size, in points. The same layout step as the CLI (`files::pdf_layout`), so a PDF reads
/// the same in both; a scan or a PDF without mapped glyphs gets a message instead of a text.
/// Only in the full build (`--features full`, pkg/full/), loaded when a PDF is opened.
#[cfg(feature = "full")]
#[wasm_bindgen(unchecked_return_type = "FileInfo")]
pub fn pdf_runs_to_text(texts: Vec<String>, geometry: Vec<f32>) -> Result<JsValue, JsError> {
    use crate::files::pdf_layout::{runs_to_text, Run};
    if geometry.len() != texts.len() * 5 {
        return Err(JsError::new("pdf_runs_to_text: geometry needs 5 numbers per text"));
    }
    let runs: Vec<Run> = texts
        .into_iter()
        .zip(geometry.chunks_exact(5))
        .map(|(text, g)| Run { page: g[0].max(0.0) as u32, x: g[1], y: g[2], width: g[3], height: g[4], text })
        .collect();
    let mut info = FileInfo { kind: "pdf", encoding: None, text: None, message: None };
    match runs_to_text(&runs) {
        Ok(text) => info.text = Some(text),
        Err(e) => info.message = Some(e.message()),
    }
    to_js(&info)
}

/// The official template, both forms: tables, columns, rows, their groups and labels, as the
/// page draws them (`template.rs` is the one place they are declared).
#[wasm_bindgen(unchecked_return_type = "TemplateInfo")]
pub fn template() -> Result<JsValue, JsError> {
    to_js(&crate::template::describe())
}

/// The check alone, without turning the report into JS objects: the benchmark's split of
/// `validate` into the core and the conversion (`--features bench`, never shipped).
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn check_only(text: &str) -> usize {
    crate::validate(text).diagnostics.len()
}

/// The conversion's Rust part, for the benchmark (`--features bench`, never shipped): checks
/// `text` once, makes its spans UTF-16 and writes the report as JSON `times` times, and returns
/// that JSON, so the benchmark can time the writing alone and `JSON.parse` of what it wrote.
#[cfg(feature = "bench")]
#[wasm_bindgen]
pub fn to_json_repeated(text: &str, times: u32) -> String {
    let mut report = crate::validate(text);
    spans_to_utf16(&mut report, text);
    let mut json = String::new();
    for _ in 0..times {
        json = crate::json::to_json(&report).unwrap_or_default();
    }
    json
}

/// The crate version, e.g. "0.1.0".
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
