//! What only the native command line needs, behind one `cfg` in `lib.rs`: loading and checking
//! the data, compiling the page's bundle, writing the static site, the citations, the annotations,
//! the worksheet and the offline file. None of it, and none of serde_json,
//! serde_path_to_error, schemars or sha2, is compiled for the page's wasm.
//!
//! - [`load`] ([`dataset`]): `&str` in, a checked [`Dataset`] or every problem at once, each
//!   located with file, line, column, field and fix; quotes located once ([`locate`]), JSON
//!   positions from paths ([`spans`]);
//! - [`compile`]: `Bundle::from_dataset`, the first-load bundle, the translations split out;
//! - [`site`]: the static page from the event views, and the JSON data block;
//! - [`fragment`], [`cite`], [`annotate`], [`trace`]: links to the words at the publisher,
//!   citations, W3C annotations, the texts' sha256;
//! - [`worksheet`], [`offline`]: the "compare the sources" worksheet and the one-file page.

pub mod annotate;
pub mod cite;
mod compile;
pub mod dataset;
pub mod export;
pub mod fragment;
mod locate;
pub mod offline;
pub mod site;
mod spans;
pub mod trace;
pub mod worksheet;

pub use dataset::*;
pub use locate::{locate, longest_matching_prefix};
pub use spans::{Pos, SpanIndex};
