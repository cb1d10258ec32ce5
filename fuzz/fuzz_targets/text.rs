//! Any bytes, read as text the way a paste would arrive (invalid UTF-8 replaced), through the
//! whole checker; the result must keep every invariant of `tests/common/invariants.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = nianbao::validate(&text);
    invariants::assert_invariants(&text, &report);
});
