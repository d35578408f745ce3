//! The static page: every event and source written into the page as plain HTML, once per
//! language (`index.html`, `index.ko.html`), so the page is complete without JavaScript or
//! WebAssembly, and the wasm enhances it.
//!
//! The template `www/index.html` holds the markers `<!-- static:events -->`,
//! `<!-- static:sources -->`, `<!-- static:cite-all -->`, `<!-- static:kinds -->`,
//! `<!-- static:actors -->`, `<!-- static:data -->` and `<!-- static:lang-links -->`;
//! [`render_page`] fills them, [`localize`] puts the interface in the page's language and
//! [`inline_style`] puts the style sheet in. Text from the data is always escaped; links
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

/// Links to the page in every other language, each named in its own language (`한국어`,
/// `English`) and marked with it, so a visitor finds their language whatever the page is in.
pub fn render_lang_links(t: &Strings) -> String {
    to_html(&crate::view::lang_links(t.lang, ""))
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
        ("<!-- static:lang-links -->", render_lang_links(t)),
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

/// The filled template in the language of `t`, as the page's script would set it at run time
/// (`web::effects::interface`), so that a visitor sees that language from the first paint, and
/// without scripting: every `data-i18n` element's text, the `aria-label` of every
/// `data-i18n-label` element and the `alt` of every `data-i18n-alt` one, `<html lang>`, the
/// `<title>` and the two error messages the loader shows (`#error`'s `data-wasm-error`,
/// `data-data-error`). English, the template's own language, is returned as it is. Fails naming a key without a string, or a
/// `data-i18n` element holding more than text.
pub fn localize(page: &str, t: &Strings) -> Result<String, String> {
    if t.lang.is_source() {
        return Ok(page.to_string());
    }
    let mut out = String::with_capacity(page.len() + page.len() / 4);
    let mut rest = page;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        // Comments and the data block pass through untouched.
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[..=gt];
        rest = &rest[gt + 1..];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let mut tag = tag.to_string();
        if name == "html" {
            tag = set_attr(&tag, "lang", t.lang.code());
        }
        let mut text = (name == "title").then(|| t.site_title.to_string());
        for (marker, target) in crate::i18n::MARKERS {
            let Some(key) = attr(&tag, marker) else {
                continue;
            };
            let s = lookup(t, &key)?;
            match target {
                Some(target) => tag = set_attr(&tag, target, s),
                None => text = Some(s.to_string()),
            }
        }
        for (data, s) in t.loader_messages() {
            if attr(&tag, data).is_some() {
                tag = set_attr(&tag, data, s);
            }
        }
        out.push_str(&tag);
        if let Some(text) = text {
            let close = format!("</{name}>");
            let end = rest.find('<').unwrap_or(rest.len());
            if !rest[end..].starts_with(&close) {
                return Err(format!(
                    "www/index.html: the <{name}> with `{}` holds more than text; a translated page replaces its text",
                    tag.trim_end_matches('>')
                ));
            }
            out.push_str(&esc(&text));
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn lookup(t: &Strings, key: &str) -> Result<&'static str, String> {
    t.get(key).ok_or_else(|| {
        format!(
            "www/index.html names the string `{key}`, which the {} table (src/i18n.rs) lacks",
            t.lang.code()
        )
    })
}

/// The value of attribute `name` in the opening tag `tag` (unescaped values only: the
/// template's keys).
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

/// `tag` with attribute `name` set to `value` (escaped), added before the `>` if it had none.
fn set_attr(tag: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    let value = esc(value);
    match tag.find(&key) {
        Some(at) => {
            let start = at + key.len();
            let end = start + tag[start..].find('"').unwrap_or(tag.len() - start);
            format!("{}{value}{}", &tag[..start], &tag[end..])
        }
        None => {
            let close = if tag.ends_with("/>") { 2 } else { 1 };
            let cut = tag.len() - close;
            format!("{}{key}{value}\"{}", &tag[..cut], &tag[cut..])
        }
    }
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
    policy_with_scripts(styles, &[])
}

/// [`policy`], also allowing these inline scripts by their hashes: the host files' policy once
/// the offline file is beside the pages, so that it runs when opened from the site too (a
/// header policy applies on top of the file's own `<meta>` one).
pub fn policy_with_scripts(styles: &[&str], scripts: &[&str]) -> String {
    let hashes = |texts: &[&str]| -> String {
        texts
            .iter()
            .map(|t| format!(" {}", crate::build::offline::hash_source(t)))
            .collect()
    };
    let (styles, scripts) = (hashes(styles), hashes(scripts));
    format!(
        "default-src 'self'; script-src 'self'{scripts} 'wasm-unsafe-eval'; style-src 'self'{styles}; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
    )
}

/// The static hosts' files that carry `policy` and the other headers: `_headers` (Netlify,
/// Cloudflare Pages, `timeline serve`) and `.htaccess` (Apache).
pub fn host_files(policy: &str) -> [(&'static str, String); 2] {
    [
        (
            "_headers",
            format!(
                "/*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"
            ),
        ),
        (
            ".htaccess",
            format!(
                "Header set Content-Security-Policy \"{policy}\"\nHeader set X-Content-Type-Options nosniff\nHeader set Referrer-Policy no-referrer\nAddType application/wasm .wasm\n"
            ),
        ),
    ]
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
    fn the_korean_page_has_every_interface_string_in_korean_from_the_build() {
        use crate::i18n::{EN, KO};
        let template = include_str!("../../www/index.html");
        let page = localize(template, &KO).unwrap();
        assert!(page.contains("<html lang=\"ko\">"));
        assert!(page.contains(&format!("<title>{}</title>", esc(KO.site_title))));
        assert!(page.contains(&format!("data-wasm-error=\"{}\"", esc(KO.wasm_error))));
        assert!(page.contains(&format!("data-data-error=\"{}\"", esc(KO.data_error))));
        // Every marked element: its Korean text (or accessible name) is there, its English is
        // gone.
        let mut keys = 0;
        for (marker, attr) in [
            ("data-i18n=\"", None),
            ("data-i18n-label=\"", Some("aria-label")),
            ("data-i18n-alt=\"", Some("alt")),
        ] {
            for part in template.split(marker).skip(1) {
                let key = &part[..part.find('"').unwrap()];
                let (ko, en) = (KO.get(key).unwrap(), EN.get(key).unwrap());
                let want = match attr {
                    None => format!("{marker}{key}\">{}<", esc(ko)),
                    Some(a) => format!("{a}=\"{}\"", esc(ko)),
                };
                assert!(page.contains(&want), "{key}: expected {want}");
                if ko != en {
                    let english = match attr {
                        None => format!(">{}<", esc(en)),
                        Some(a) => format!("{a}=\"{}\"", esc(en)),
                    };
                    assert!(!page.contains(&english), "{key}: English left: {english}");
                }
                keys += 1;
            }
        }
        assert!(keys > 50, "{keys}");
        // The rest of the page is as it was: comments, the markers, the data block's place.
        assert!(page.contains("<!-- static:events -->") && page.contains("<!-- static:data -->"));
        assert_eq!(localize(template, &EN).unwrap(), template);
    }

    #[test]
    fn localizing_names_what_it_cannot_translate() {
        let nested = "<p data-i18n=\"exit\">Exit <b>now</b></p>";
        assert!(localize(nested, &crate::i18n::KO)
            .unwrap_err()
            .contains("holds more than text"));
        let unknown = "<p data-i18n=\"no_such_string\">x</p>";
        assert!(localize(unknown, &crate::i18n::KO)
            .unwrap_err()
            .contains("`no_such_string`"));
        // An attribute the tag lacks is added; one it has is replaced.
        assert_eq!(
            set_attr("<div data-i18n-label=\"k\">", "aria-label", "a\"b"),
            "<div data-i18n-label=\"k\" aria-label=\"a&quot;b\">"
        );
        assert_eq!(
            set_attr("<html lang=\"en\">", "lang", "ko"),
            "<html lang=\"ko\">"
        );
    }

    #[test]
    fn each_page_links_to_the_others_in_their_own_language() {
        assert_eq!(
            render_lang_links(&crate::i18n::EN),
            "<a href=\"index.ko.html\" hreflang=\"ko\" lang=\"ko\">한국어</a>"
        );
        assert_eq!(
            render_lang_links(&crate::i18n::KO),
            "<a href=\"index.html?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"
        );
    }

    #[test]
    fn the_host_files_carry_the_policy_with_the_offline_script() {
        let p = policy_with_scripts(&["a{}"], &["run()"]);
        let script = crate::build::offline::hash_source("run()");
        let style = crate::build::offline::hash_source("a{}");
        assert!(
            p.contains(&format!("script-src 'self' {script} 'wasm-unsafe-eval';")),
            "{p}"
        );
        assert!(p.contains(&format!("style-src 'self' {style};")), "{p}");
        assert_eq!(policy(&["a{}"]), policy_with_scripts(&["a{}"], &[]));
        let [(h, headers), (a, htaccess)] = host_files(&p);
        assert_eq!((h, a), ("_headers", ".htaccess"));
        assert!(headers.contains(&format!("Content-Security-Policy: {p}\n")));
        assert!(htaccess.contains(&format!("Content-Security-Policy \"{p}\"")));
    }

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
