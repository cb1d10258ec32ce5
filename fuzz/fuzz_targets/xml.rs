//! The .docx reader's XML reader (`src/files/xml.rs`) against quick-xml on any bytes (invalid
//! UTF-8 replaced): it must never panic or hang; both readers accept the same documents, and
//! where they do they give the same tags, attributes and text (quick-xml's references decoded as
//! ours decodes them: the five entities and valid character references, any other kept as
//! written; its adjacent texts merged, as it splits text at every reference).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::files::xml::{Event, Reader, Tag};
use quick_xml::events::{BytesStart, Event as Q};

#[derive(Debug, PartialEq)]
enum Ev {
    Start(String, Vec<(String, String)>),
    Empty(String, Vec<(String, String)>),
    End(String),
    Text(String),
}

/// For the message of a failure: names and values read (the input is UTF-8).
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

fn theirs(xml: &str) -> (Vec<Ev>, bool) {
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

fuzz_target!(|data: &[u8]| {
    let xml = String::from_utf8_lossy(data);
    let (a, a_ok) = ours(&xml);
    let (b, b_ok) = theirs(&xml);
    assert_eq!(a_ok, b_ok, "accepted by one reader only\nours {a:?}\nquick-xml {b:?}");
    if a_ok {
        assert_eq!(a, b);
    }
});
