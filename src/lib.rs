//! A sourced, interactive timeline of the documented sexual violence against, and trafficking
//! of, North Korean women and girls.
//!
//! The crate is a pure core that runs and is tested natively, plus one web layer compiled only
//! for wasm32:
//! - [`model`]: the dataset's types (events, sources, partial dates);
//! - [`data`]: the bundle the page reads (events, sources, located passages);
//! - [`scale`]: the time scale (map, invert, zoom, pan) and tick choice;
//! - [`layout`]: frame geometry and label placement, hit testing; [`legend`]: the key to it;
//! - [`state`]: the viewport, selection and hover, changed only by [`state::Action`]s;
//! - [`render`]: drawing with plotters on any backend (canvas, SVG, PNG);
//! - [`page`]: what the page shows, as a state machine (`update(Action) -> Vec<Effect>`);
//! - [`view`], [`reader`], [`html`]: one event, and the source reader, as element trees;
//! - [`route`], [`filter`], [`exit`], [`i18n`], [`lang`]: the address, the list's filters, the
//!   quick exit's count, interface strings, languages;
//! - `build` (native only): loading and checking the data, the bundle, the static site,
//!   citations, annotations, hashes, the worksheet and the offline file;
//! - `web` (wasm32 only): DOM events in, pixels and DOM out.

/// Build-time only: the native command line's data checks, bundle, site and exports.
#[cfg(not(target_arch = "wasm32"))]
pub mod build;
pub mod data;
pub mod exit;
pub mod filter;
pub mod html;
pub mod i18n;
pub mod lang;
pub mod layout;
pub mod legend;
pub mod model;
pub mod order;
pub mod page;
pub mod reader;
pub mod render;
pub mod route;
pub mod scale;
pub mod state;
pub mod view;

/// Public only for the browser smoke tests in `tests/web_smoke.rs`.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod web;
