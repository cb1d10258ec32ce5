//! Pieces of the command-line tool (declared from `main.rs` only; the library does not see them).

pub mod decode;
pub mod inputs;
pub mod json;
pub mod locate;
pub mod pdf;
pub mod pool;
pub mod problems;
pub mod progress;
pub mod render;
pub mod summary;
pub mod width;
