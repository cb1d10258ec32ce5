//! HTML input (clipboard `text/html`, saved pages): flattened to tab rows, positions kept.
//! Placeholder: being written.

/// Text made from HTML, with `map[i]` = byte offset in the original input of output byte `i`
/// (`map.len() == text.len() + 1`).
pub struct Flattened {
    pub text: String,
    pub map: Vec<usize>,
}

pub fn looks_like_html(_input: &str) -> bool {
    false
}

pub fn flatten_html(input: &str) -> Flattened {
    let mut map: Vec<usize> = (0..input.len()).collect();
    map.push(input.len());
    Flattened { text: input.to_string(), map }
}
