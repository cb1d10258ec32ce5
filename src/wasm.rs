//! The wasm boundary (placeholder: being written).
