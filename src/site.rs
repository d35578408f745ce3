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
//! [`minify_css`] shrinks the style sheet the build copies next to the page.

use crate::data::Bundle;
use crate::i18n::Strings;
use crate::model::{EventKind, PartialDate};
use std::collections::BTreeSet;

/// Escapes text for HTML element content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An https link, or the label as plain text when the address is anything else.
fn link(url: &str, label: &str) -> String {
    if is_safe_url(url) {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            esc(url),
            esc(label)
        )
    } else {
        esc(label)
    }
}

/// Only `https:` addresses are ever made into links.
pub fn is_safe_url(url: &str) -> bool {
    url.starts_with("https://") && !url.contains(char::is_whitespace)
}

fn time(d: &PartialDate, lang: &str) -> String {
    format!("<time datetime=\"{d}\">{}</time>", esc(&d.display(lang)))
}

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

/// The `<li>` of every event, in date order.
pub fn render_events(bundle: &Bundle, t: &Strings) -> String {
    let lang = t.lang;
    let mut out = String::new();
    for le in &bundle.events {
        let e = &le.event;
        let date = match e.end {
            Some(end) => format!("{} – {}", time(&e.start, lang), time(&end, lang)),
            None if e.kind == EventKind::Period => format!(
                "{}{}",
                time(&e.start, lang),
                if lang == "ko" { " 이후" } else { " onwards" }
            ),
            None => time(&e.start, lang),
        };
        out.push_str(&format!(
            "<li data-event=\"{id}\" data-kind=\"{kind}\" id=\"ev-{id}\">\n<article>\n<h3><a class=\"ev-title\" href=\"#event={id}\">{title}</a></h3>\n<p class=\"ev-date\">{date} · <span class=\"ev-kind\">{kindl}</span></p>\n<p class=\"ev-summary\">{summary}</p>\n",
            id = esc(&e.id),
            kind = e.kind.as_str(),
            title = esc(e.title_in(lang)),
            kindl = esc(t.kind(e.kind)),
            summary = esc(e.summary_in(lang)),
        ));
        if let Some(note) = e.date_note_in(lang) {
            out.push_str(&format!("<p class=\"ev-date-note\">{}</p>\n", esc(note)));
        }
        if !e.actors.is_empty() {
            out.push_str(&format!(
                "<p class=\"ev-actors\">{}: {}</p>\n",
                esc(t.actors),
                esc(&e.actors.join(", "))
            ));
        }
        // Figures and disagreements, each with its source, so the page without JavaScript and
        // the printed handout say as much as the details panel.
        let source_ref = |id: &str| {
            bundle.source(id).map_or_else(
                || esc(id),
                |src| format!("{}, {}", cite(src, lang), time(&src.source.published, lang)),
            )
        };
        if !e.figures.is_empty() {
            out.push_str(&format!(
                "<div class=\"ev-figures static-only\">\n<h4>{}</h4>\n<ul>\n",
                esc(t.figures)
            ));
            for (i, f) in e.figures.iter().enumerate() {
                out.push_str(&format!(
                    "<li>{}: <strong lang=\"en\">{}</strong> — {}</li>\n",
                    esc(e.figure_label_in(i, lang)),
                    esc(&f.value),
                    source_ref(&f.source)
                ));
            }
            out.push_str("</ul>\n</div>\n");
        }
        if !e.discrepancies.is_empty() {
            out.push_str(&format!(
                "<div class=\"ev-disagreements static-only\">\n<h4>{}</h4>\n",
                esc(t.disagreements)
            ));
            for (di, d) in e.discrepancies.iter().enumerate() {
                let (about, says, note) = e.discrepancy_in(di, lang).unwrap_or_default();
                out.push_str(&format!(
                    "<div class=\"discrepancy\">\n<h5>{}</h5>\n<ul>\n",
                    esc(about)
                ));
                for (a, said) in d.accounts.iter().zip(says) {
                    let from = match (&a.source, &a.url) {
                        (Some(s), _) => source_ref(s),
                        (None, Some(url)) => link(url, a.publisher.as_deref().unwrap_or(url)),
                        (None, None) => String::new(),
                    };
                    out.push_str(&format!(
                        "<li><strong>{}</strong> — {from}</li>\n",
                        esc(said)
                    ));
                }
                out.push_str("</ul>\n");
                if let Some(note) = note {
                    out.push_str(&format!("<p class=\"note\">{}</p>\n", esc(note)));
                }
                out.push_str("</div>\n");
            }
            out.push_str("</div>\n");
        }
        out.push_str(&format!(
            "<div class=\"ev-quotes static-only\">\n<h4>{}</h4>\n",
            esc(t.evidence)
        ));
        for (q, &n) in e.evidence.iter().zip(&le.evidence) {
            let Some(src) = bundle.source(&q.source) else {
                continue;
            };
            let text = src.passage_text(n).unwrap_or(&q.quote);
            // Survivors' testimony is marked, so a reader who chose to hide it does not get it on
            // paper either (print hides it and says so, see style.css).
            let (class, note) = if q.testimony {
                (
                    " class=\"testimony\"",
                    format!(" data-testimony-note=\"{}\"", esc(t.testimony_hidden)),
                )
            } else {
                ("", String::new())
            };
            out.push_str(&format!(
                "<blockquote lang=\"en\"{class}>{}</blockquote>\n<p class=\"cite\"{note}>— {}, {}</p>\n",
                esc(text),
                cite(src, lang),
                time(&src.source.published, lang)
            ));
        }
        out.push_str("</div>\n");
        if !e.links.is_empty() {
            out.push_str("<ul class=\"ev-links\">\n");
            for l in &e.links {
                out.push_str(&format!("<li>{}</li>\n", link(&l.url, &l.label)));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</article>\n</li>\n");
    }
    out
}

fn cite(src: &crate::data::LocatedSource, _lang: &str) -> String {
    let s = &src.source;
    format!("<a href=\"#src-{}\">{}</a>", esc(&s.id), esc(&s.publisher))
}

/// The `<li>` of every source, with its full attribution and address.
pub fn render_sources(bundle: &Bundle, t: &Strings) -> String {
    let mut out = String::new();
    for src in &bundle.sources {
        let s = &src.source;
        out.push_str(&format!(
            "<li id=\"src-{id}\" data-source=\"{id}\">\n<cite lang=\"en\">{title}</cite><br>\n{publisher}",
            id = esc(&s.id),
            title = esc(&s.title),
            publisher = esc(&s.publisher),
        ));
        if let Some(a) = &s.author {
            out.push_str(&format!(", {}", esc(a)));
        }
        out.push_str(&format!(
            ". <span data-i18n=\"published\">{}</span>: {}.<br>\n",
            esc(t.published),
            time(&s.published, t.lang)
        ));
        match &s.url {
            Some(u) => out.push_str(&format!(
                "<span data-i18n=\"address\">{}</span>: {}",
                esc(t.address),
                link(u, u)
            )),
            None => out.push_str(&format!(
                "<span data-i18n=\"no_address\">{}</span>",
                esc(t.no_address)
            )),
        }
        if let Some(n) = &s.url_note {
            out.push_str(&format!(" <span class=\"url-note\">({})</span>", esc(n)));
        }
        out.push_str("\n</li>\n");
    }
    out
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

/// Minifies a style sheet without changing what it means: drops comments, collapses every run of
/// whitespace to one space, and drops that space where a neighbour is a token that stands alone
/// (after `{ } ; , :`, before `{ } ; ,`), and a `;` right before `}`.
///
/// Everything else stays as written: strings, escapes, unquoted `url(...)`, the spaces in
/// `calc(a + b)` and `1 / -1`, and the space before `:` or `(` (`a :hover` is not `a:hover`,
/// `and (` is not the function `and(`). A comment between two characters that would otherwise
/// join into one token becomes `/**/`, as the CSS syntax requires.
// Build-time only: left out of the wasm, which it would otherwise grow by about 120 bytes.
#[cfg(not(target_arch = "wasm32"))]
pub fn minify_css(css: &str) -> String {
    fn ws(c: char) -> bool {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
    }
    /// Tokens of one character that never join with a neighbour.
    fn alone(c: char) -> bool {
        matches!(c, '{' | '}' | '(' | ')' | '[' | ']' | ';' | ',' | ':')
    }
    let cs: Vec<char> = css.chars().collect();
    let mut out = String::with_capacity(css.len());
    let (mut space, mut comment) = (false, false);
    // The last character written if it was a token of its own; an escaped `\;` or `\:` is not.
    let mut last: Option<char> = None;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if ws(c) {
            space = true;
            i += 1;
            continue;
        }
        if c == '/' && cs.get(i + 1) == Some(&'*') {
            i += 2;
            while i < cs.len() && !(cs[i] == '*' && cs.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
            comment = true;
            continue;
        }
        // Separate from the previous output as the dropped whitespace or comment did, if needed.
        if !out.is_empty() {
            let p = last.unwrap_or('a');
            if space {
                if !matches!(p, '{' | '}' | ';' | ',' | ':') && !matches!(c, '{' | '}' | ';' | ',')
                {
                    out.push(' ');
                    last = Some(' ');
                }
            } else if comment && !alone(p) && !alone(c) {
                out.push_str("/**/");
                last = Some('/');
            }
        }
        (space, comment) = (false, false);
        if c == '}' && last == Some(';') {
            out.pop();
        }
        i += 1;
        last = Some(c);
        match c {
            '"' | '\'' => {
                out.push(c);
                i = copy_through(&cs, i, c, &mut out);
            }
            '\\' => {
                out.push(c);
                // A hex escape may end with one whitespace that belongs to it (`\31 23`).
                let hex = cs[i..]
                    .iter()
                    .take(6)
                    .take_while(|d| d.is_ascii_hexdigit())
                    .count();
                if hex > 0 {
                    out.extend(&cs[i..i + hex]);
                    i += hex;
                    if i < cs.len() && ws(cs[i]) {
                        out.push(' ');
                        i += if cs[i] == '\r' && cs.get(i + 1) == Some(&'\n') {
                            2
                        } else {
                            1
                        };
                    }
                } else if i < cs.len() {
                    out.push(cs[i]);
                    i += 1;
                }
                last = None;
            }
            '(' if out.len() >= 3
                && out.is_char_boundary(out.len() - 3)
                && out[out.len() - 3..].eq_ignore_ascii_case("url")
                && !out[..out.len() - 3].ends_with(|p: char| {
                    p.is_alphanumeric() || p == '-' || p == '_' || p == '\\'
                })
                && !cs[i..]
                    .iter()
                    .find(|d| !ws(**d))
                    .is_some_and(|d| *d == '"' || *d == '\'') =>
            {
                // An unquoted url(...) is one token: copy it as written.
                out.push(c);
                i = copy_through(&cs, i, ')', &mut out);
                last = Some(')');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Copies `cs[i..]` as written up to and including the first unescaped `end`; returns the index
/// after it (or the end of input).
#[cfg(not(target_arch = "wasm32"))]
fn copy_through(cs: &[char], mut i: usize, end: char, out: &mut String) -> usize {
    while i < cs.len() {
        let d = cs[i];
        out.push(d);
        i += 1;
        if d == '\\' && i < cs.len() {
            out.push(cs[i]);
            i += 1;
        } else if d == end {
            break;
        }
    }
    i
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
        match crate::data::decode::parse(inner).unwrap() {
            crate::data::decode::Value::Obj(f) => assert_eq!(
                f[0].1,
                crate::data::decode::Value::Str("</script><script>alert(1)</script><!-- x".into())
            ),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn links_only_https() {
        assert_eq!(
            link("javascript:alert(1)", "x"),
            "x",
            "a javascript: address is shown as text"
        );
        assert_eq!(link("http://a.org", "<b>"), "&lt;b&gt;");
        assert!(link("https://a.org/?a=1&b=2", "r").contains("href=\"https://a.org/?a=1&amp;b=2\""));
    }

    #[test]
    fn css_drops_comments_and_whitespace() {
        assert_eq!(
            minify_css("/* head */\n:root {\n  --bg: #fff; /* why */\n  color: red;\n}\n\n* { box-sizing: border-box; }\n"),
            ":root{--bg:#fff;color:red}*{box-sizing:border-box}"
        );
        assert_eq!(minify_css("a ,\tb\r\n{ margin : 0 ; }"), "a,b{margin :0}");
        assert_eq!(minify_css("  \n/* only */\n "), "");
    }

    #[test]
    fn css_keeps_the_space_that_means_something() {
        // A descendant's pseudo-class, not the element's own.
        assert_eq!(minify_css("a :hover { x: y }"), "a :hover{x:y}");
        assert_eq!(minify_css("a:hover { x: y }"), "a:hover{x:y}");
        assert_eq!(
            minify_css("main:has(#a[hidden]) #b { x: y }"),
            "main:has(#a[hidden]) #b{x:y}"
        );
        assert_eq!(
            minify_css("body:has(> #main[inert]) .skip{}"),
            "body:has(> #main[inert]) .skip{}"
        );
        // calc needs the spaces around + and -; a slash and a negative number stay apart.
        assert_eq!(
            minify_css("a { width: calc(100% - 2rem); font-size: clamp(2rem, 1.2rem + 1.6vw, 2.6rem); grid-column: 1 / -1 }"),
            "a{width:calc(100% - 2rem);font-size:clamp(2rem,1.2rem + 1.6vw,2.6rem);grid-column:1 / -1}"
        );
        // `and (` is a keyword and a bracket; `and(` would be a function.
        assert_eq!(
            minify_css("@media (prefers-reduced-motion: reduce) {\n  * { transition: none !important; }\n}"),
            "@media (prefers-reduced-motion:reduce){*{transition:none !important}}"
        );
        assert_eq!(
            minify_css("@media screen and (min-width: 60rem) and (pointer: coarse) { a { b: c } }"),
            "@media screen and (min-width:60rem) and (pointer:coarse){a{b:c}}"
        );
        assert_eq!(
            minify_css("html.js   .js-only { display: revert }"),
            "html.js .js-only{display:revert}"
        );
    }

    #[test]
    fn css_keeps_strings_escapes_and_urls() {
        assert_eq!(
            minify_css(r#"a::after { content: " (" attr(href) ")"; }"#),
            r#"a::after{content:" (" attr(href) ")"}"#
        );
        assert_eq!(
            minify_css(r#"a { content: "x /* not a comment */  { ; }"; b: 'it\'s  ;' }"#),
            r#"a{content:"x /* not a comment */  { ; }";b:'it\'s  ;'}"#
        );
        assert_eq!(
            minify_css(r#"a[href^="https://"] { x: y }"#),
            r#"a[href^="https://"]{x:y}"#
        );
        // An escaped colon or semicolon is part of a name: the space after it is a combinator.
        assert_eq!(minify_css(r".a\: b { x: y }"), r".a\: b{x:y}");
        assert_eq!(minify_css(r".a\; { x: y }"), r".a\;{x:y}");
        assert_eq!(minify_css(r"a { content: \;}"), r"a{content:\;}");
        // The space that ends a hex escape belongs to it; a second one is a combinator.
        assert_eq!(minify_css(".x\\31 23 { }"), ".x\\31 23{}");
        assert_eq!(minify_css(".x\\31  b { }"), ".x\\31  b{}");
        // An unquoted url is one token, `/*` included.
        assert_eq!(
            minify_css("a { background: url(a/*b*/c.png) no-repeat, URL( \"d e.png\" ) }"),
            "a{background:url(a/*b*/c.png) no-repeat,URL( \"d e.png\" )}"
        );
        assert_eq!(minify_css("a { b: myurl( x ) }"), "a{b:myurl( x )}");
    }

    #[test]
    fn css_comment_between_two_words_still_separates_them() {
        assert_eq!(minify_css(".a/* x */.b { }"), ".a/**/.b{}");
        assert_eq!(
            minify_css("a { margin: 1px/**/2px }"),
            "a{margin:1px/**/2px}"
        );
        assert_eq!(minify_css("a/* x */ b {}"), "a b{}");
        assert_eq!(minify_css("a { b:/* x */c; }"), "a{b:c}");
        assert_eq!(minify_css("a { b: c; } /* unclosed"), "a{b:c}");
    }

    #[test]
    fn css_of_the_site_loses_only_comments_whitespace_and_last_semicolons() {
        let css = include_str!("../www/style.css");
        let min = minify_css(css);
        assert!(
            min.len() < css.len() * 4 / 5,
            "{} -> {} bytes",
            css.len(),
            min.len()
        );
        assert!(!min.contains("/*") && !min.contains('\n') && !min.contains("  "));
        assert_eq!(minify_css(&min), min, "minifying twice changes nothing");
        // Outside strings and comments, the non-whitespace characters are the same, bar `;}`.
        let mut bare = String::new();
        let mut rest = css;
        while let Some(at) = rest.find("/*") {
            bare.push_str(&rest[..at]);
            rest = &rest[at + rest[at..].find("*/").expect("closed comment") + 2..];
        }
        bare.push_str(rest);
        let squeeze = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .replace(";}", "}")
        };
        assert_eq!(squeeze(&min), squeeze(&bare));
    }
}
