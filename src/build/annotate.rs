//! `dist/annotations.jsonld`: every cited passage as a W3C Web Annotation
//! (<https://www.w3.org/TR/annotation-model/>), so annotation tools can show what the timeline
//! cites, where, and for which events.
//!
//! Each annotation's target is the passage in its source: `source` is the publisher's address
//! (or the reprint's), with a `TextQuoteSelector` (the exact words and a little text before and
//! after, enough to be unambiguous) and a `TextPositionSelector` (start and end in Unicode code
//! points of the stored text, as the model requires, not bytes). Positions count in the stored
//! text, which is not the publisher's HTML, so the target's `state` names that text exactly: its
//! RFC 6920 hash URI (`ni:///sha-256;…`, the `sha256` of `data/sources.json` in base64url) and
//! its copy beside the page (`sources/<file>.txt`). The bodies link each passage to the events
//! that cite it (`index.html#event=<id>`, relative to where the site is served).

use crate::data::{Bundle, LocatedSource};
use serde_json::{json, Value};

/// The file the build writes beside `index.html`.
pub const FILE: &str = "annotations.jsonld";

/// How many code points of context a TextQuoteSelector gives at least on each side.
const CONTEXT: usize = 32;

/// Code-point offset of a byte offset in `text`.
pub fn code_points(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// The `(prefix, suffix)` of a quote selector for `text[start..end]`: `CONTEXT` code points on
/// each side, grown until `prefix + exact + suffix` occurs once in the text.
fn quote_context(text: &str, start: usize, end: usize) -> (String, String) {
    let before: Vec<char> = text[..start].chars().collect();
    let after: Vec<char> = text[end..].chars().collect();
    let mut k = CONTEXT;
    loop {
        let prefix: String = before[before.len().saturating_sub(k)..].iter().collect();
        let suffix: String = after[..k.min(after.len())].iter().collect();
        let whole = format!("{prefix}{}{suffix}", &text[start..end]);
        let unique = text.matches(&whole).count() == 1;
        if unique || (k >= before.len() && k >= after.len()) {
            return (prefix, suffix);
        }
        k *= 2;
    }
}

/// A TextQuoteSelector; an empty prefix or suffix (at the start or end of the text) is left out.
fn quote_selector(exact: &str, prefix: &str, suffix: &str) -> Value {
    let mut q = json!({ "type": "TextQuoteSelector", "exact": exact });
    if !prefix.is_empty() {
        q["prefix"] = json!(prefix);
    }
    if !suffix.is_empty() {
        q["suffix"] = json!(suffix);
    }
    q
}

fn annotation(src: &LocatedSource, n: usize, titles: &dyn Fn(&str) -> String) -> Option<Value> {
    let p = src.passages.get(n)?;
    let text = &src.text;
    let exact = text.get(p.start..p.end)?;
    let (prefix, suffix) = quote_context(text, p.start, p.end);
    let s = &src.source;
    let mut bodies: Vec<Value> = p
        .events
        .iter()
        .map(|id| {
            json!({
                "id": format!("index.html#event={id}"),
                "type": "Text",
                "format": "text/html",
                "purpose": "linking",
                "title": titles(id),
            })
        })
        .collect();
    bodies.push(json!({
        "type": "TextualBody",
        "purpose": "describing",
        "format": "text/plain",
        "language": "en",
        "value": format!(
            "Cited by the timeline as evidence for: {}.",
            p.events.iter().map(|id| format!("\u{201C}{}\u{201D}", titles(id))).collect::<Vec<_>>().join("; ")
        ),
    }));
    let mut state = vec![json!({ "id": s.file })];
    if let Some(ni) = crate::build::trace::ni_uri(&s.sha256) {
        state.insert(0, json!({ "id": ni }));
    }
    Some(json!({
        "id": format!("index.html#source={}&passage={n}", s.id),
        "type": "Annotation",
        "motivation": "linking",
        "body": bodies,
        "target": {
            "type": "SpecificResource",
            "source": s.url.clone().unwrap_or_else(|| s.file.clone()),
            "state": state,
            "selector": [
                quote_selector(exact, &prefix, &suffix),
                {
                    "type": "TextPositionSelector",
                    "start": code_points(text, p.start),
                    "end": code_points(text, p.end),
                },
            ],
        },
    }))
}

/// The annotation collection, as JSON-LD (a bundle with the sources' full texts is needed).
pub fn annotations(bundle: &Bundle) -> Value {
    let titles = |id: &str| {
        bundle
            .events
            .iter()
            .find(|e| e.event.id == id)
            .map_or_else(|| id.to_string(), |e| e.event.title.clone())
    };
    let items: Vec<Value> = bundle
        .sources
        .iter()
        .flat_map(|src| (0..src.passages.len()).filter_map(move |n| annotation(src, n, &titles)))
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": FILE,
        "type": "AnnotationCollection",
        "label": format!("Passages quoted by the timeline \u{201C}{}\u{201D}", crate::i18n::EN.site_title),
        "total": items.len(),
        "first": {
            "id": format!("{FILE}#page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}

/// [`annotations`] as the text of `annotations.jsonld`.
pub fn annotations_jsonld(bundle: &Bundle) -> String {
    serde_json::to_string_pretty(&annotations(bundle)).expect("annotations serialise") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_code_points_not_bytes() {
        let t = "“Ab” 한글 x";
        let x = t.find('x').unwrap();
        assert_eq!(x, 16);
        assert_eq!(code_points(t, x), 8);
    }

    #[test]
    fn quote_context_grows_until_unique() {
        let text = format!("{0}target{0}{0}target{0}", "a".repeat(40));
        let at = 40 + 6 + 80;
        let (prefix, suffix) = quote_context(&text, at, at + 6);
        let whole = format!("{prefix}target{suffix}");
        assert_eq!(text.matches(&whole).count(), 1);
        assert!(prefix.chars().count() >= CONTEXT);
    }
}
