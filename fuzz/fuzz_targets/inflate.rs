//! The zip reader's own inflate (`src/files/inflate.rs`) against miniz_oxide's on any bytes:
//! it must never panic or hang, never give more than the limit, and whenever both accept a
//! stream they must give the same bytes. (Ours may refuse a stream miniz_oxide takes: a damaged
//! member is then reported as damaged, never read as other text.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::files::inflate::{inflate, InflateError};

/// Small, so the limit is reached often.
const LIMIT: usize = 1 << 16;

fuzz_target!(|data: &[u8]| {
    let ours = inflate(data, LIMIT);
    let theirs = miniz_oxide::inflate::decompress_to_vec_with_limit(data, LIMIT);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "both inflate it, to different bytes"),
        (Ok(a), Err(e)) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
            panic!("{} bytes inflated where miniz_oxide finds more than the limit", a.len())
        }
        (Err(InflateError::TooLarge), Ok(b)) => panic!("too large, but miniz_oxide gives {} bytes", b.len()),
        _ => {}
    }
    if let Ok(a) = &ours {
        assert!(a.len() <= LIMIT);
    }
});
