// The .docx reader's XML reader (`src/files/xml.rs`) and quick-xml read into the same terms,
// for the reader's differential tests (`src/files/xml.rs`) and its fuzz target
// (`fuzz/fuzz_targets/xml.rs`). Expects `Event`, `Reader` and `Tag` of `files::xml` in scope.

/// An event with what it holds owned; adjacent texts merged (quick-xml splits text at
/// references, this reader does not).
#[derive(Debug, PartialEq)]
enum Ev {
    Start(String, Vec<(String, String)>),
    Empty(String, Vec<(String, String)>),
    End(String),
    Text(String),
}

/// Names and values as text, for the comparison and its messages.
fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn push_text(out: &mut Vec<Ev>, t: &str) {
    if t.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Ev::Text(prev)) => prev.push_str(t),
        _ => out.push(Ev::Text(t.to_string())),
    }
}

/// This reader's events, and whether it read to the end without an error.
fn ours(xml: &str) -> (Vec<Ev>, bool) {
    let mut reader = Reader::new(xml);
    let mut out = Vec::new();
    let attrs = |t: &Tag| {
        // Every lookup, for panics; the list for the comparison.
        let _ = t.attr(b"val");
        let _ = t.attr(t.local_name());
        t.attributes().map(|(k, v)| (s(k), v.to_string())).collect()
    };
    // Each event advances through the input: never more events than bytes (and one Eof).
    for _ in 0..=xml.len() + 1 {
        match reader.read_event() {
            Ok(Event::Start(t)) => out.push(Ev::Start(s(t.name()), attrs(&t))),
            Ok(Event::Empty(t)) => out.push(Ev::Empty(s(t.name()), attrs(&t))),
            Ok(Event::End(n)) => out.push(Ev::End(s(n))),
            Ok(Event::Text(t)) => {
                assert!(!t.is_empty(), "an empty text event");
                push_text(&mut out, &t)
            }
            Ok(Event::Eof) => return (out, true),
            Err(_) => {
                assert!(matches!(reader.read_event(), Ok(Event::Eof)), "an event after an error");
                return (out, false);
            }
        }
    }
    panic!("more events than bytes")
}

/// quick-xml's events in the same terms: references decoded as this reader does (the five
/// entities and valid character references; any other kept as written); attributes as
/// written, up to the first malformed one (duplicates not refused: quick-xml's lookups
/// took the first one anyway).
fn theirs(xml: &str) -> (Vec<Ev>, bool) {
    use quick_xml::events::{BytesStart, Event as Q};
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let attrs = |e: &BytesStart| {
        let mut list = Vec::new();
        for a in e.attributes().with_checks(false) {
            let Ok(a) = a else { break };
            list.push((s(a.key.as_ref()), s(&a.value)));
        }
        list
    };
    loop {
        match reader.read_event() {
            Ok(Q::Start(e)) => out.push(Ev::Start(s(e.name().as_ref()), attrs(&e))),
            Ok(Q::Empty(e)) => out.push(Ev::Empty(s(e.name().as_ref()), attrs(&e))),
            Ok(Q::End(e)) => out.push(Ev::End(s(e.name().as_ref()))),
            Ok(Q::Text(t)) => push_text(&mut out, &t.decode().unwrap()),
            Ok(Q::CData(t)) => push_text(&mut out, &t.decode().unwrap()),
            Ok(Q::GeneralRef(r)) => {
                let name = r.decode().unwrap();
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => quick_xml::escape::resolve_predefined_entity(&name).and_then(|e| e.chars().next()),
                };
                match c {
                    Some(c) => push_text(&mut out, &c.to_string()),
                    None => push_text(&mut out, &format!("&{name};")),
                }
            }
            Ok(Q::Eof) => return (out, true),
            Err(_) => return (out, false),
            Ok(_) => {}
        }
    }
}
