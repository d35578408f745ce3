//! The source reader's text, cut into segments: plain text, cited passages, site furniture.
//!
//! Passages may overlap (one quote inside a longer one), so the text is cut at every boundary
//! and each piece knows which passages cover it and whether it is furniture. The web layer
//! turns each piece into a text node or a `<mark>`; the text itself is never altered.

use crate::data::LocatedSource;
use crate::html::{hash_link, link, El};
use crate::i18n::Strings;
use crate::route::encode;
use crate::view::SOURCE_LANG;
use std::ops::Range;

/// A piece of a source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the source text.
    pub range: Range<usize>,
    /// Numbers of the passages that cover it, smallest first.
    pub passages: Vec<usize>,
    /// Inside a furniture passage.
    pub furniture: bool,
}

/// Cuts `source.text` at every passage and furniture boundary. Segments cover the text exactly,
/// in order, with no empty segment.
pub fn segments(source: &LocatedSource) -> Vec<Segment> {
    let len = source.text.len();
    let mut cuts = vec![0, len];
    for p in &source.passages {
        cuts.push(p.start.min(len));
        cuts.push(p.end.min(len));
    }
    for f in &source.furniture {
        cuts.push(f[0].min(len));
        cuts.push(f[1].min(len));
    }
    cuts.retain(|&c| source.text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let range = w[0]..w[1];
            Segment {
                passages: source
                    .passages
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.start <= range.start && range.end <= p.end)
                    .map(|(n, _)| n)
                    .collect(),
                furniture: source
                    .furniture
                    .iter()
                    .any(|f| f[0] <= range.start && range.end <= f[1]),
                range,
            }
        })
        .collect()
}

/// What the reader shows besides the text: where "Back" leads, and the visitor's choices.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReaderOptions<'a> {
    /// The cited passage to mark as current and focus.
    pub current: Option<usize>,
    /// The event "Back to the event" returns to.
    pub back_event: Option<&'a str>,
    pub show_furniture: bool,
    /// The visitor chose to hide testimony, and this text contains some: say so.
    pub testimony_warning: bool,
    /// Why the text could not be had, said in place of "Loading".
    pub failed: Option<&'a str>,
}

/// The id of the first mark of the current passage, which takes the focus.
pub const CURRENT_ID: &str = "passage-current";

/// The id of the warning to a visitor who hides testimony, which then takes the focus.
pub const WARNING_ID: &str = "reader-testimony";

/// The reader's content: the source's attribution and address, then its whole text with every
/// cited passage marked (the current one `.current`, its first piece with id [`CURRENT_ID`]) and
/// the site furniture in `.furniture` spans. Without the text (not fetched yet) it says it is
/// loading, in `#reader-loading`.
pub fn view(src: &LocatedSource, opt: ReaderOptions, t: &Strings) -> Vec<El> {
    let lang = t.lang;
    let mut v = Vec::new();
    if let Some(id) = opt.back_event {
        v.push(
            hash_link(
                &format!("#event={}", encode(id)),
                &format!("← {}", t.reader_back),
                "back",
            )
            .id("reader-back"),
        );
    }
    v.push(El::with_class("p", "eyebrow").text(t.source_of));
    let s = &src.source;
    v.push(
        El::new("h2")
            .id("reader-title")
            .lang(SOURCE_LANG)
            .text(&s.title),
    );
    let mut meta = s.publisher.clone();
    if let Some(a) = &s.author {
        meta.push_str(&format!(", {a}"));
    }
    meta.push_str(&format!(
        ". {}: {}.",
        t.published,
        s.published.display(lang)
    ));
    v.push(El::with_class("p", "meta").text(meta));
    let mut addr = El::with_class("p", "meta");
    match &s.url {
        Some(u) => {
            addr.push_text(format!("{}: ", t.address));
            addr.push(link(u, u));
        }
        None => addr.push_text(t.no_address),
    }
    if let Some(note) = crate::view::url_note(s, lang) {
        addr.push_text(" ");
        addr.push(note);
    }
    v.push(addr);
    // The current passage on the publisher's own page, and the stored text's fingerprint.
    let cite = opt.current.and_then(|n| {
        Some(crate::view::Cite {
            source: s.id.clone(),
            publisher: s.publisher.clone(),
            published: s.published,
            passage: n,
            check_url: src.passages.get(n)?.check_url.clone(),
            reprint: s.reprint,
        })
    });
    if let Some(check) = cite.as_ref().and_then(|c| crate::view::check_link(c, t)) {
        v.push(El::with_class("p", "meta check").child(check));
    }
    if !s.sha256.is_empty() {
        v.push(
            El::with_class("p", "meta sha256")
                .attr("title", t.sha256_note)
                .text(format!("{}: ", t.sha256_label))
                .child(El::new("code").text(&s.sha256)),
        );
    }
    if opt.testimony_warning {
        let mut note = El::with_class("p", "testimony-note")
            .id(WARNING_ID)
            .attr("tabindex", "-1")
            .text(t.reader_testimony);
        // The page no longer moves to the passage by itself: a way there, once the text is in.
        if opt.current.is_some() && !src.text.is_empty() {
            note.push_text(" ");
            note.push(
                El::with_class("button", "link-button")
                    .attr("type", "button")
                    .id("to-passage")
                    .text(t.to_passage),
            );
        }
        v.push(note);
    }
    if !src.furniture.is_empty() {
        let mut cb = El::new("input")
            .attr("type", "checkbox")
            .id("show-furniture");
        if opt.show_furniture {
            cb = cb.attr("checked", "");
        }
        v.push(
            El::with_class("label", "toggle")
                .child(cb)
                .text(format!(" {}", t.show_furniture)),
        );
    }
    if src.text.is_empty() {
        v.push(
            El::with_class("p", "loading")
                .id("reader-loading")
                .attr("role", "status")
                .text(opt.failed.unwrap_or(t.loading_text)),
        );
        return v;
    }
    let mut body = El::with_class(
        "div",
        if opt.show_furniture {
            "source-text show-furniture"
        } else {
            "source-text"
        },
    )
    .id("source-text")
    .lang(SOURCE_LANG);
    let mut first_current = true;
    for seg in segments(src) {
        let text = &src.text[seg.range.clone()];
        if let Some(&n) = seg.passages.first() {
            let is_current = opt.current.is_some_and(|c| seg.passages.contains(&c));
            let mut m = El::with_class(
                "mark",
                if is_current {
                    "passage current"
                } else {
                    "passage"
                },
            )
            .attr(
                "data-n",
                opt.current.filter(|_| is_current).unwrap_or(n).to_string(),
            );
            if is_current && first_current {
                first_current = false;
                m = m
                    .id(CURRENT_ID)
                    .attr("tabindex", "-1")
                    .attr("aria-label", format!("{}: {text}", t.cited_passage));
            }
            body.push(m.text(text));
        } else if seg.furniture {
            body.push(El::with_class("span", "furniture").text(text));
        } else {
            body.push_text(text);
        }
    }
    v.push(body);
    v.push(El::with_class("p", "small").text(t.reader_note));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    fn source(text: &str, passages: &[(usize, usize)], furniture: &[[usize; 2]]) -> LocatedSource {
        LocatedSource::fixture(text, passages, furniture)
    }

    #[test]
    fn covers_the_text_with_overlaps_and_furniture() {
        let s = source("0123456789abcdef", &[(2, 8), (4, 6)], &[[12, 16]]);
        let segs = segments(&s);
        let joined: String = segs.iter().map(|g| &s.text[g.range.clone()]).collect();
        assert_eq!(joined, s.text);
        assert_eq!(
            segs.iter()
                .map(|g| (g.range.clone(), g.passages.clone(), g.furniture))
                .collect::<Vec<_>>(),
            vec![
                (0..2, vec![], false),
                (2..4, vec![0], false),
                (4..6, vec![0, 1], false),
                (6..8, vec![0], false),
                (8..12, vec![], false),
                (12..16, vec![], true),
            ]
        );
    }

    #[test]
    fn never_cuts_inside_a_character() {
        let s = source("a\u{201C}b\u{201D}c", &[(2, 5)], &[]);
        for g in segments(&s) {
            assert!(s.text.get(g.range.clone()).is_some());
        }
    }
}
