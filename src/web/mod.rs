//! The web layer (wasm32 only). (Being written.)
