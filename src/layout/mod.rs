//! Layout: how the pasted text lays out table cells (one per line, tab rows, pipe rows, PDF text,
//! glued digits, HTML) and how cells are cut out of it.

pub mod cells;
pub mod glued;
pub mod html;
