//! PDF in the command line: `pdf-extract` (over `lopdf`) walks each page's text operators and
//! hands over every character with its transform and font size; we turn them into positioned
//! [`Run`]s and leave the layout to the core's [`runs_to_text`], the step the page shares.
//!
//! The crate may panic or loop on hostile files: it runs on its own thread, under
//! `catch_unwind`, with a cap on the characters and a deadline; any failure is a [`FileError`].

use nianbao::files::pdf_layout::{runs_to_text, Run};
use nianbao::files::FileError;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

/// More characters than any report has (a 100-page report is about 100 000).
const MAX_CHARS: usize = 2_000_000;
/// Larger files are not reports; the parser holds the whole file and its streams in memory.
const MAX_BYTES: usize = 200 << 20;
/// How long the parser may take before the file is called too complex.
const DEADLINE: Duration = Duration::from_secs(60);

/// The text of a PDF, laid out by [`runs_to_text`].
pub fn text(bytes: Vec<u8>) -> Result<String, FileError> {
    let runs = runs(bytes)?;
    // For working on the layout: every run as page, x, y, width, height, text on stderr.
    if std::env::var_os("NIANBAO_DEBUG_RUNS").is_some() {
        for r in &runs {
            eprintln!("{}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{}", r.page, r.x, r.y, r.width, r.height, r.text);
        }
    }
    runs_to_text(&runs)
}

/// Every character of every page, with its position (top-left origin, y downward).
pub fn runs(bytes: Vec<u8>) -> Result<Vec<Run>, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    let (send, receive) = mpsc::channel();
    let worker = std::thread::Builder::new().name("pdf".into()).spawn(move || {
        let result = catch_unwind(AssertUnwindSafe(|| extract(&bytes))).unwrap_or(Err(FileError::PdfDamaged));
        let _ = send.send(result);
    });
    if worker.is_err() {
        return Err(FileError::PdfDamaged);
    }
    // On a timeout the thread is left behind: the process ends soon after, having said why.
    receive.recv_timeout(DEADLINE).unwrap_or(Err(FileError::TooComplex))
}

fn extract(bytes: &[u8]) -> Result<Vec<Run>, FileError> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => FileError::PdfEncrypted,
        _ => FileError::PdfDamaged,
    })?;
    if doc.is_encrypted() {
        // An owner password only (printing allowed, no user password) opens with "".
        let mut doc = doc;
        doc.decrypt("").map_err(|_| FileError::PdfEncrypted)?;
        return walk(&doc);
    }
    walk(&doc)
}

fn walk(doc: &pdf_extract::Document) -> Result<Vec<Run>, FileError> {
    let mut out = Collect { page: 0, page_height: 0.0, runs: Vec::new(), overflow: false };
    let result = pdf_extract::output_doc(doc, &mut out);
    if out.overflow {
        return Err(FileError::TooLarge);
    }
    match result {
        Ok(()) => Ok(out.runs),
        // Pages read before a broken one still count; none at all is a damaged file.
        Err(_) if !out.runs.is_empty() => Ok(out.runs),
        Err(_) => Err(FileError::PdfDamaged),
    }
}

struct Collect {
    page: u32,
    page_height: f64,
    runs: Vec<Run>,
    overflow: bool,
}

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        page: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page = page;
        self.page_height = media_box.ury;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.runs.len() >= MAX_CHARS {
            self.overflow = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The text rendering matrix maps glyph space (scaled by the font size) to the page.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let baseline = self.page_height - trm.m32;
        self.runs.push(Run {
            page: self.page,
            x: trm.m31 as f32,
            y: (baseline - size) as f32,
            width: (width * font_size * trm.m11.abs()) as f32,
            height: size as f32,
            text: text.to_string(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
