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

/// The link `www/index.html` has to its style sheet. The build puts the sheet itself in its place
/// ([`inline_style`]): a linked sheet blocks the first paint until it has been fetched, and the
/// page's first paint (the content note) is what a visitor must see first.
pub const STYLE_LINK: &str = "<link rel=\"stylesheet\" href=\"style.css\">";

/// `page` with its [`STYLE_LINK`] replaced by `css` in a `<style>` element. Fails when the page
/// has no such link (or more than one), or when the sheet holds text that would end the element.
pub fn inline_style(page: &str, css: &str) -> Result<String, String> {
    crate::build::offline::check_raw_text("the style sheet", css, "style")?;
    match page.matches(STYLE_LINK).count() {
        1 => Ok(page.replacen(STYLE_LINK, &format!("<style>{css}</style>"), 1)),
        0 => Err(format!(
            "www/index.html has no `{STYLE_LINK}`; the build puts the style sheet in its place"
        )),
        n => Err(format!(
            "www/index.html has `{STYLE_LINK}` {n} times, expected once"
        )),
    }
}

/// The site's Content-Security-Policy, as `timeline serve` and the static-host files
/// (`_headers`, `.htaccess`) send it: everything from our own origin, wasm compilation allowed,
/// no plugins, no framing by others, and no inline script or style but the style sheets in
/// `styles` (the one `index.html` carries), each allowed by its SHA-256 hash.
pub fn policy(styles: &[&str]) -> String {
    let hashes: String = styles
        .iter()
        .map(|css| format!(" {}", crate::build::offline::hash_source(css)))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'{hashes}; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
}

/// `policy` for a page's `<meta http-equiv>` tag: less `frame-ancestors`, which browsers ignore
/// there (and warn about).
pub fn meta_policy(policy: &str) -> String {
    policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("frame-ancestors"))
        .collect::<Vec<_>>()
        .join("; ")
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
    fn the_style_sheet_goes_inline_and_the_policy_allows_exactly_it() {
        let page = format!("<head>{STYLE_LINK}</head><body></body>");
        let css = "body{color:#222}";
        let html = inline_style(&page, css).unwrap();
        assert_eq!(
            html,
            "<head><style>body{color:#222}</style></head><body></body>"
        );
        let p = policy(&[css]);
        let hash = crate::build::offline::hash_source(css);
        assert!(p.contains(&format!("style-src 'self' {hash};")), "{p}");
        assert!(!p.contains("unsafe-inline"), "{p}");
        // The page's own copy of the policy, in a <meta> tag, then allows it.
        let html = html.replace(
            "<head>",
            &format!(
                "<head><meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
                meta_policy(&p)
            ),
        );
        crate::build::offline::check_csp(&html).unwrap();
        assert!(
            crate::build::offline::check_csp(&html.replace("#222", "#333"))
                .unwrap_err()
                .contains("inline style 0")
        );
    }

    #[test]
    fn the_meta_policy_is_the_policy_less_frame_ancestors() {
        let p = policy(&[]);
        assert!(p.ends_with("frame-ancestors 'self'"), "{p}");
        assert_eq!(meta_policy(&p), p.replace("; frame-ancestors 'self'", ""));
        assert!(p.contains("style-src 'self'; img-src"), "{p}");
    }

    #[test]
    fn inlining_names_what_is_wrong() {
        assert!(inline_style("<head></head>", "a{}")
            .unwrap_err()
            .contains("has no `<link rel=\"stylesheet\" href=\"style.css\">`"));
        let two = format!("{STYLE_LINK}{STYLE_LINK}");
        assert!(inline_style(&two, "a{}").unwrap_err().contains("2 times"));
        assert!(inline_style(STYLE_LINK, "a{content:\"</style>\"}")
            .unwrap_err()
            .contains("the style sheet contains `</style`"));
    }

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
