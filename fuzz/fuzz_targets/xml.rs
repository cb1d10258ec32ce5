//! The .docx reader's XML reader (`src/files/xml.rs`) against quick-xml on any bytes (invalid
//! UTF-8 replaced): it must never panic or hang; both readers accept the same documents, and
//! where they do they give the same tags, attributes and text (quick-xml's references decoded as
//! ours decodes them: the five entities and valid character references, any other kept as
//! written; its adjacent texts merged, as it splits text at every reference).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::files::xml::{Event, Reader, Tag};

include!("../../tests/common/xml_events.rs");

fuzz_target!(|data: &[u8]| {
    let xml = String::from_utf8_lossy(data);
    let (a, a_ok) = ours(&xml);
    let (b, b_ok) = theirs(&xml);
    assert_eq!(a_ok, b_ok, "accepted by one reader only\nours {a:?}\nquick-xml {b:?}");
    if a_ok {
        assert_eq!(a, b);
    }
});
