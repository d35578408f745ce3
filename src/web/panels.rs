//! The DOM panels written from Rust: event details, the source reader, the event list.

use super::dom::{append, append_text, by_id, clear, el, focus, hash_link, safe_link, set_hidden};
use crate::data::{Bundle, LocatedEvent, LocatedSource};
use crate::i18n::Strings;
use crate::reader::segments;
use crate::route::encode;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, ScrollIntoViewOptions, ScrollLogicalPosition};

/// The language of the source texts, their titles and quoted figures. All five are in English;
/// marking them lets a screen reader on the Korean page read them with an English voice.
const SOURCE_LANG: &str = "en";

fn passage_hash(source: &str, n: usize) -> String {
    format!("#source={}&passage={n}", encode(source))
}

/// "Publisher, date" for a source.
fn citation(src: &LocatedSource, lang: &str) -> String {
    format!(
        "{}, {}",
        src.source.publisher,
        src.source.published.display(lang)
    )
}

/// Fills `#details` with everything about one event.
pub fn render_details(
    bundle: &Bundle,
    le: &LocatedEvent,
    t: &Strings,
    hide_testimony: bool,
) -> Result<(), JsValue> {
    let root: Element = by_id("details")?;
    clear(&root);
    let e = &le.event;
    let lang = t.lang;

    let close = el("button", "close", Some(t.close));
    let _ = close.set_attribute("type", "button");
    close.set_id("details-close");
    append(&root, &close);

    let h = el("h2", "", Some(e.title_in(lang)));
    h.set_id("details-title");
    append(&root, &h);
    append(
        &root,
        &el(
            "p",
            "meta",
            Some(&format!("{} · {}", e.date_label(lang), t.kind(e.kind))),
        ),
    );
    if let Some(note) = e.date_note_in(lang) {
        append(&root, &el("p", "date-note", Some(note)));
    }
    append(&root, &el("p", "summary", Some(e.summary_in(lang))));
    if !e.actors.is_empty() {
        append(
            &root,
            &el(
                "p",
                "actors",
                Some(&format!("{}: {}", t.actors, e.actors.join(", "))),
            ),
        );
    }

    if !e.figures.is_empty() {
        append(&root, &el("h3", "", Some(t.figures)));
        let ul = el("ul", "figures", None);
        for (i, (f, &n)) in e.figures.iter().zip(&le.figures).enumerate() {
            let li = el("li", "", None);
            append_text(&li, &format!("{}: ", e.figure_label_in(i, lang)));
            let value = el("strong", "", Some(&f.value));
            let _ = value.set_attribute("lang", SOURCE_LANG);
            append(&li, &value);
            append_text(&li, " — ");
            let label = bundle
                .source(&f.source)
                .map_or(f.source.clone(), |s| citation(s, lang));
            append(
                &li,
                &hash_link(&passage_hash(&f.source, n), &label, "quote-link"),
            );
            append(&ul, &li);
        }
        append(&root, &ul);
    }

    if !e.discrepancies.is_empty() {
        append(&root, &el("h3", "", Some(t.disagreements)));
        for (di, (d, nums)) in e.discrepancies.iter().zip(&le.accounts).enumerate() {
            let (about, says, note) = e.discrepancy_in(di, lang).unwrap_or((
                d.about.as_str(),
                Vec::new(),
                d.note.as_deref(),
            ));
            let section = el("div", "discrepancy", None);
            append(&section, &el("h4", "", Some(about)));
            let ul = el("ul", "", None);
            for (ai, (a, n)) in d.accounts.iter().zip(nums).enumerate() {
                let li = el("li", "", None);
                let said = says.get(ai).copied().unwrap_or(a.says.as_str());
                append(&li, &el("strong", "", Some(said)));
                append_text(&li, " — ");
                match (&a.source, n, &a.url) {
                    (Some(s), Some(n), _) => {
                        let label = bundle.source(s).map_or(s.clone(), |s| citation(s, lang));
                        append(&li, &hash_link(&passage_hash(s, *n), &label, "quote-link"));
                    }
                    (_, _, Some(url)) => {
                        let label = a.publisher.clone().unwrap_or_else(|| url.clone());
                        append(&li, &safe_link(url, &label));
                    }
                    _ => {}
                }
                append(&ul, &li);
            }
            append(&section, &ul);
            if let Some(note) = note {
                append(&section, &el("p", "note", Some(note)));
            }
            append(&root, &section);
        }
    }

    append(&root, &el("h3", "", Some(t.evidence)));
    for (q, &n) in e.evidence.iter().zip(&le.evidence) {
        let Some(src) = bundle.source(&q.source) else {
            continue;
        };
        let fig = el("figure", "quote", None);
        let bq = el(
            "blockquote",
            "",
            Some(src.passage_text(n).unwrap_or(&q.quote)),
        );
        let _ = bq.set_attribute("lang", SOURCE_LANG);
        if q.testimony && hide_testimony {
            let p = el("p", "testimony-hidden", Some(t.testimony_hidden));
            append_text(&p, " ");
            let b = el("button", "show-testimony", Some(t.show_testimony));
            let _ = b.set_attribute("type", "button");
            append(&p, &b);
            append(&fig, &p);
            set_hidden(&bq, true);
            // Focus moves to the quote once shown (the button that revealed it disappears).
            let _ = bq.set_attribute("tabindex", "-1");
        }
        append(&fig, &bq);
        let cap = el("figcaption", "", None);
        append_text(&cap, &format!("— {} ", citation(src, lang)));
        append(
            &cap,
            &hash_link(&passage_hash(&q.source, n), t.read_in_source, "quote-link"),
        );
        append(&fig, &cap);
        append(&root, &fig);
    }

    if !e.links.is_empty() {
        append(&root, &el("h3", "", Some(t.primary_reports)));
        let ul = el("ul", "links", None);
        for (i, l) in e.links.iter().enumerate() {
            let li = el("li", "", None);
            append(&li, &safe_link(&l.url, e.link_label_in(i, lang)));
            append(&ul, &li);
        }
        append(&root, &ul);
    }
    Ok(())
}

/// Fills `#reader` with the whole source text, every cited passage marked, passage `current`
/// marked current; returns the element to focus.
pub fn render_reader(
    src: &LocatedSource,
    current: Option<usize>,
    back_event: Option<&str>,
    t: &Strings,
    show_furniture: bool,
    testimony_warning: bool,
) -> Result<Option<Element>, JsValue> {
    let root: Element = by_id("reader")?;
    clear(&root);
    let lang = t.lang;
    if let Some(id) = back_event {
        let back = hash_link(
            &format!("#event={}", encode(id)),
            &format!("← {}", t.reader_back),
            "back",
        );
        back.set_id("reader-back");
        append(&root, &back);
    }
    append(&root, &el("p", "eyebrow", Some(t.source_of)));
    let h = el("h2", "", Some(&src.source.title));
    h.set_id("reader-title");
    let _ = h.set_attribute("lang", SOURCE_LANG);
    append(&root, &h);
    let s = &src.source;
    let mut meta = s.publisher.clone();
    if let Some(a) = &s.author {
        meta.push_str(&format!(", {a}"));
    }
    meta.push_str(&format!(
        ". {}: {}.",
        t.published,
        s.published.display(lang)
    ));
    append(&root, &el("p", "meta", Some(&meta)));
    let addr = el("p", "meta", None);
    match &s.url {
        Some(u) => {
            append_text(&addr, &format!("{}: ", t.address));
            append(&addr, &safe_link(u, u));
        }
        None => append_text(&addr, t.no_address),
    }
    if let Some(n) = &s.url_note {
        append_text(&addr, &format!(" ({n})"));
    }
    append(&root, &addr);

    if testimony_warning {
        // The visitor asked to hide testimony; the whole text still contains it, so say so.
        append(&root, &el("p", "testimony-note", Some(t.reader_testimony)));
    }
    if !src.furniture.is_empty() {
        let label = el("label", "toggle", None);
        let cb = el("input", "", None);
        let _ = cb.set_attribute("type", "checkbox");
        cb.set_id("show-furniture");
        if show_furniture {
            let _ = cb.set_attribute("checked", "");
        }
        append(&label, &cb);
        append_text(&label, &format!(" {}", t.show_furniture));
        append(&root, &label);
    }

    if src.text.is_empty() {
        // The first-load bundle has no full texts; the page asks for this one (see web::mod).
        let p = el("p", "loading", Some(t.loading_text));
        p.set_id("reader-loading");
        let _ = p.set_attribute("role", "status");
        append(&root, &p);
        return Ok(None);
    }
    let body = el(
        "div",
        if show_furniture {
            "source-text show-furniture"
        } else {
            "source-text"
        },
        None,
    );
    body.set_id("source-text");
    let _ = body.set_attribute("lang", SOURCE_LANG);
    let mut first_current = None;
    for seg in segments(src) {
        let text = &src.text[seg.range.clone()];
        let node = if let Some(&n) = seg.passages.first() {
            let is_current = current.is_some_and(|c| seg.passages.contains(&c));
            let m = el(
                "mark",
                if is_current {
                    "passage current"
                } else {
                    "passage"
                },
                Some(text),
            );
            let _ = m.set_attribute(
                "data-n",
                &current.filter(|_| is_current).unwrap_or(n).to_string(),
            );
            if is_current && first_current.is_none() {
                let _ = m.set_attribute("tabindex", "-1");
                let _ = m.set_attribute("aria-label", &format!("{}: {text}", t.cited_passage));
                first_current = Some(m.clone());
            }
            m
        } else if seg.furniture {
            el("span", "furniture", Some(text))
        } else {
            append_text(&body, text);
            continue;
        };
        append(&body, &node);
    }
    append(&root, &body);
    append(&root, &el("p", "small", Some(t.reader_note)));
    Ok(first_current)
}

/// Scrolls `e` to the middle of the view and focuses it.
pub fn reveal(e: &Element, smooth: bool) {
    let opts = ScrollIntoViewOptions::new();
    opts.set_block(ScrollLogicalPosition::Center);
    if !smooth {
        opts.set_behavior(web_sys::ScrollBehavior::Instant);
    }
    e.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Some(h) = e.dyn_ref::<web_sys::HtmlElement>() {
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = h.focus_with_options(&opts);
    } else {
        focus(e);
    }
}

/// Scrolls `e`'s top into view and focuses it (a tall panel: its start, not its middle).
pub fn reveal_top(e: &web_sys::HtmlElement) {
    let opts = ScrollIntoViewOptions::new();
    opts.set_block(ScrollLogicalPosition::Start);
    opts.set_behavior(web_sys::ScrollBehavior::Instant);
    e.scroll_into_view_with_scroll_into_view_options(&opts);
    let f = web_sys::FocusOptions::new();
    f.set_prevent_scroll(true);
    let _ = e.focus_with_options(&f);
}

/// Marks the selected event in the list and hides filtered-out ones; while a filter or search
/// is on, says how many events it leaves ("Showing 3 of 12 events.", announced politely).
pub fn sync_list(
    bundle: &Bundle,
    selected: Option<usize>,
    visible: &[bool],
    filtering: bool,
    t: &Strings,
) -> Result<(), JsValue> {
    let doc = super::dom::document();
    let mut shown = 0;
    for (i, le) in bundle.events.iter().enumerate() {
        let Some(li) = doc.get_element_by_id(&format!("ev-{}", le.event.id)) else {
            continue;
        };
        if selected == Some(i) {
            let _ = li.set_attribute("aria-current", "true");
        } else {
            let _ = li.remove_attribute("aria-current");
        }
        let vis = visible.get(i).copied().unwrap_or(true);
        set_hidden(&li, !vis);
        shown += usize::from(vis);
    }
    if let Some(p) = doc.get_element_by_id("no-match") {
        set_hidden(&p, shown > 0);
    }
    if let Some(p) = doc.get_element_by_id("match-count") {
        let text = if filtering && shown > 0 {
            t.match_count
                .replace("{n}", &shown.to_string())
                .replace("{m}", &bundle.events.len().to_string())
        } else {
            String::new()
        };
        if p.text_content().unwrap_or_default() != text {
            p.set_text_content(Some(&text));
        }
    }
    Ok(())
}
