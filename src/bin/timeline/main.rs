//! The `timeline` command line. It is native only: `cargo test --target wasm32-unknown-unknown`
//! (the browser smoke tests) builds every target, so on wasm32 this is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
