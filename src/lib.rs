//! A sourced, interactive timeline of the documented sexual violence against, and trafficking
//! of, North Korean women and girls.
//!
//! The crate is a pure core that runs and is tested natively, plus one web layer compiled only
//! for wasm32:
//! - [`model`]: the dataset's types (events, sources, partial dates);
//! - [`data`]: loading and checking the JSON files, locating quotes, compiling the page's bundle;
//! - [`scale`]: the time scale (map, invert, zoom, pan) and tick choice;
//! - [`layout`]: frame geometry and label placement, hit testing; [`legend`]: the key to it;
//! - [`state`]: the viewport, selection and hover, changed only by [`state::Action`]s;
//! - [`render`]: drawing with plotters on any backend (canvas, SVG, PNG);
//! - [`route`], [`reader`], [`i18n`], [`site`]: the address fragment, the source reader's
//!   segments, interface strings, and the static page written for readers without JavaScript;
//! - `web` (wasm32 only): DOM events in, pixels and DOM out.

pub mod data;
pub mod exit;
pub mod filter;
pub mod i18n;
pub mod layout;
pub mod legend;
pub mod model;
pub mod reader;
pub mod render;
pub mod route;
pub mod scale;
pub mod site;
pub mod sort;
pub mod state;

/// Public only for the browser smoke tests in `tests/web_smoke.rs`.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod web;
