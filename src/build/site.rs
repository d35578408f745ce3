//! The static page: every event and source written into `index.html` as plain HTML, so the
//! page is complete without JavaScript or WebAssembly, and the wasm enhances it.
//!
//! The template `www/index.html` holds the markers `<!-- static:events -->`,
//! `<!-- static:sources -->`, `<!-- static:kinds -->`, `<!-- static:actors -->` and
//! `<!-- static:data -->`; [`render_page`] fills them. Text from the data is always escaped; links
//! are written only when they are https.
//!
//! The timeline's own data (the bundle the wasm reads) goes into the page too, as a JSON data
//! block (`<script type="application/json" id="timeline-data">`, never executed), rather than a
//! `data.json` beside it: gzip then finds most of its text already in the static list above it,
//! and the first load is one request and about 4.5 KB (gzip) smaller.
//!
//! Each event's entry is the static output of its [`EventView`], the same view the details panel
//! and the slide are built from.

use crate::data::Bundle;
pub use crate::html::{esc, is_safe_url};
use crate::html::{to_html, Node};
use crate::i18n::Strings;
use crate::model::EventKind;
use crate::view::{source_item, EventView};
use std::collections::BTreeSet;

/// Every organisation or person named as an actor, sorted, for the organisation filter.
pub fn actors(bundle: &Bundle) -> Vec<String> {
    bundle
        .events
        .iter()
        .flat_map(|e| e.event.actors.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The `<li>` of every event, in date order: the event view's static output.
pub fn render_events(bundle: &Bundle, t: &Strings) -> String {
    let nodes: Vec<Node> = bundle
        .events
        .iter()
        .map(|le| Node::El(EventView::new(bundle, le, t.lang).list_item(t)))
        .collect();
    to_html(&nodes)
}

/// The `<li>` of every source, with its full attribution and address.
pub fn render_sources(bundle: &Bundle, t: &Strings) -> String {
    let nodes: Vec<Node> = bundle
        .sources
        .iter()
        .map(|s| Node::El(source_item(s, t)))
        .collect();
    to_html(&nodes)
}

/// `<option>`s for the kind filter.
pub fn render_kind_options(t: &Strings) -> String {
    EventKind::ALL
        .iter()
        .map(|k| {
            format!(
                "<option value=\"{k}\" data-i18n=\"kind_{k}\">{}</option>",
                esc(t.kind(*k)),
                k = k.as_str(),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `<option>`s for the organisation filter.
pub fn render_actor_options(bundle: &Bundle) -> String {
    actors(bundle)
        .iter()
        .map(|a| format!("<option value=\"{0}\">{0}</option>", esc(a)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fills the template's markers. Fails, naming the marker, if the template lacks one.
pub fn render_page(
    template: &str,
    bundle: &Bundle,
    t: &Strings,
    data_json: &str,
) -> Result<String, String> {
    let mut page = template.to_string();
    for (marker, html) in [
        ("<!-- static:events -->", render_events(bundle, t)),
        ("<!-- static:sources -->", render_sources(bundle, t)),
        (
            "<!-- static:cite-all -->",
            to_html(&[Node::El(crate::view::cite_all_sources(t))]),
        ),
        ("<!-- static:kinds -->", render_kind_options(t)),
        ("<!-- static:actors -->", render_actor_options(bundle)),
        ("<!-- static:data -->", data_block(data_json)),
    ] {
        if !page.contains(marker) {
            return Err(format!(
                "www/index.html has no `{marker}` marker; put it back where the list belongs"
            ));
        }
        page = page.replace(marker, &html);
    }
    Ok(page)
}

/// The id of the page's JSON data block.
pub const DATA_BLOCK_ID: &str = "timeline-data";

/// JSON text as a data block in the page. Every `<` becomes `\u003c` (the same string in JSON), so
/// nothing in the data can end the block or open a comment or tag.
pub fn data_block(json: &str) -> String {
    json_block(DATA_BLOCK_ID, json)
}

/// JSON text as a data block with the id `id`, escaped as [`data_block`] escapes it.
pub fn json_block(id: &str, json: &str) -> String {
    format!(
        "<script type=\"application/json\" id=\"{}\">{}</script>",
        esc(id),
        json.replace('<', "\\u003c")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn data_block_cannot_be_broken_out_of() {
        let json = r#"{"a":"</script><script>alert(1)</script><!-- x"}"#;
        let block = data_block(json);
        let inner = block
            .strip_prefix(r#"<script type="application/json" id="timeline-data">"#)
            .and_then(|b| b.strip_suffix("</script>"))
            .unwrap();
        assert!(!inner.contains('<'), "{inner}");
        let v: serde_json::Value = serde_json::from_str(inner).unwrap();
        assert_eq!(v["a"], "</script><script>alert(1)</script><!-- x");
    }
}
