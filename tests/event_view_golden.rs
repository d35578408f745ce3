//! Snapshots of the event view, and the agreement of its three outputs.
//!
//! For every event of the shipped dataset, in English and Korean, [`EventView`] gives the static
//! list's `<li>` (the page without JavaScript and the printed handout), the details panel and the
//! presentation slide. Their HTML is pinned in `tests/golden/event-view/<id>.<lang>.html`, one
//! file per event and language with the three outputs labelled. Run with
//! `UPDATE_GOLDEN=1 cargo test --test event_view_golden` to rewrite them after an intended
//! change (files of events no longer in the data are removed), then look at the diff.
//!
//! The second test checks what the snapshots cannot: that the title, the date, the summary and
//! every quote read the same, character for character, in the three outputs, and that hidden
//! testimony stays off the slide and is hidden in the panel.

use nk_timeline::data::{Bundle, LocatedEvent};
use nk_timeline::html::{to_html, El, Node};
use nk_timeline::i18n::strings;
use nk_timeline::lang::Lang;
use nk_timeline::view::{EventView, Testimony};
use std::path::{Path, PathBuf};

const LANGS: [Lang; 2] = [Lang::En, Lang::Ko];

/// The shipped data as the site build gets it (translations included).
fn bundle() -> Bundle {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let ds = nk_timeline::build::load_dir(&dir)
        .unwrap_or_else(|e| panic!("shipped data has problems:\n{e}"));
    Bundle::from_dataset(&ds)
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/event-view")
}

fn html_of(els: Vec<El>) -> String {
    let nodes: Vec<Node> = els.into_iter().map(Node::El).collect();
    to_html(&nodes)
}

/// The snapshot file of one event in one language: the three outputs, each under a label.
fn snapshot(view: &EventView, lang: Lang) -> String {
    let t = strings(lang);
    let mut sections = vec![
        (
            "static list item".to_string(),
            html_of(vec![view.list_item(t)]),
        ),
        (
            "details panel".to_string(),
            html_of(view.details(t, Testimony::SHOW)),
        ),
    ];
    let n = view.slide_count();
    for part in 0..n {
        let label = if n == 1 {
            "presentation slide".to_string()
        } else {
            format!("presentation slide {}/{n}", part + 1)
        };
        sections.push((label, html_of(view.slide(t, Testimony::SHOW, part))));
    }
    let mut s = format!(
        "<!-- Event view of `{}` in {}: the three outputs of nk_timeline::view::EventView.\n     \
         Rewrite with UPDATE_GOLDEN=1 cargo test --test event_view_golden -->\n",
        view.id,
        lang.code()
    );
    for (label, html) in sections {
        s.push_str(&format!("\n<!-- ==== {label} ==== -->\n"));
        s.push_str(html.trim_start_matches('\n'));
        if !s.ends_with('\n') {
            s.push('\n');
        }
    }
    s
}

/// Where two texts first differ, as "line N: want … / got …".
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<_>, Vec<_>) = (want.lines().collect(), got.lines().collect());
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i).copied(), g.get(i).copied());
        if a != b {
            return format!(
                "line {}:\n    stored: {}\n    now:    {}",
                i + 1,
                a.unwrap_or("(end of file)"),
                b.unwrap_or("(end of file)")
            );
        }
    }
    "no line differs (line endings?)".into()
}

#[test]
fn event_view_snapshots_match() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir();
    let b = bundle();
    assert!(!b.events.is_empty(), "the shipped data has no events");
    let mut expected = Vec::new();
    let mut failures = Vec::new();
    for le in &b.events {
        for lang in LANGS {
            let view = EventView::new(&b, le, lang);
            let got = snapshot(&view, lang);
            let name = format!("{}.{}.html", le.event.id, lang.code());
            let path = dir.join(&name);
            if update {
                std::fs::create_dir_all(&dir).expect("golden dir");
                std::fs::write(&path, &got).expect("write golden");
            } else {
                match std::fs::read_to_string(&path) {
                    Ok(want) if want == got => {}
                    Ok(want) => failures.push(format!(
                        "{} differs at {} (UPDATE_GOLDEN=1 to accept)",
                        path.display(),
                        first_difference(&want, &got)
                    )),
                    Err(e) => failures.push(format!(
                        "{}: cannot read ({e}); UPDATE_GOLDEN=1 writes it",
                        path.display()
                    )),
                }
            }
            expected.push(name);
        }
    }
    // A snapshot of an event that is no longer in the data pins nothing: it goes.
    for entry in std::fs::read_dir(&dir).expect("golden dir exists") {
        let entry = entry.expect("golden dir entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if !expected.contains(&name) {
            if update {
                std::fs::remove_file(entry.path()).expect("remove stale golden");
            } else {
                failures.push(format!(
                    "{} belongs to no event of the data (UPDATE_GOLDEN=1 removes it)",
                    entry.path().display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn has_class(e: &El, class: &str) -> bool {
    e.get("class")
        .is_some_and(|c| c.split_whitespace().any(|k| k == class))
}

/// Every element under `nodes` (at any depth) for which `pred` holds, in document order.
fn find<'a>(nodes: &'a [Node], pred: &dyn Fn(&El) -> bool) -> Vec<&'a El> {
    let mut out = Vec::new();
    fn walk<'a>(nodes: &'a [Node], pred: &dyn Fn(&El) -> bool, out: &mut Vec<&'a El>) {
        for n in nodes {
            if let Node::El(e) = n {
                if pred(e) {
                    out.push(e);
                }
                walk(&e.children, pred, out);
            }
        }
    }
    walk(nodes, pred, &mut out);
    out
}

/// The text of the one element `pred` picks out, or a failure naming `what`.
fn one(nodes: &[Node], pred: &dyn Fn(&El) -> bool, what: &str) -> String {
    match find(nodes, pred).as_slice() {
        [e] => e.text_content(),
        found => panic!("{what}: {} elements, not one", found.len()),
    }
}

fn nodes(els: Vec<El>) -> Vec<Node> {
    els.into_iter().map(Node::El).collect()
}

fn by_id<'a>(id: &'a str) -> impl Fn(&El) -> bool + 'a {
    move |e: &El| e.get("id") == Some(id)
}

/// The quotes of `le` as the data and the source texts give them: (passage text, testimony).
fn quotes_of(b: &Bundle, le: &LocatedEvent) -> Vec<(String, bool)> {
    le.event
        .evidence
        .iter()
        .zip(&le.evidence)
        .map(|(q, &n)| {
            let src = b
                .source(&q.source)
                .unwrap_or_else(|| panic!("{}: no source {}", le.event.id, q.source));
            let text = src
                .passage_text(n)
                .unwrap_or_else(|| panic!("{}: no passage {n} in {}", le.event.id, q.source));
            (text.to_string(), q.testimony)
        })
        .collect()
}

#[test]
fn the_list_item_the_panel_and_the_slide_say_the_same_things() {
    let b = bundle();
    let hide = Testimony {
        hide: true,
        revealed: &[],
    };
    let mut testimony_seen = 0;
    for le in &b.events {
        for lang in LANGS {
            let t = strings(lang);
            let view = EventView::new(&b, le, lang);
            let at = format!("{} ({})", le.event.id, lang.code());
            let title = le.event.title_in(lang);
            let summary = le.event.summary_in(lang);
            let date = format!("{} · {}", view.date_label(), t.kind(le.event.kind));
            let quotes = quotes_of(&b, le);
            assert!(!quotes.is_empty(), "{at}: no quotes");

            let list = nodes(vec![view.list_item(t)]);
            let panel = nodes(view.details(t, Testimony::SHOW));
            let slide = nodes(view.slide(t, Testimony::SHOW, 0));
            let outputs = [
                (
                    "static list item",
                    one(&list, &|e| has_class(e, "ev-title"), "list title"),
                    one(&list, &|e| has_class(e, "ev-date"), "list date"),
                    one(&list, &|e| has_class(e, "ev-summary"), "list summary"),
                ),
                (
                    "details panel",
                    one(&panel, &by_id("details-title"), "panel title"),
                    one(&panel, &|e| has_class(e, "meta"), "panel date"),
                    one(&panel, &|e| has_class(e, "summary"), "panel summary"),
                ),
                (
                    "presentation slide",
                    one(&slide, &by_id("pres-title"), "slide title"),
                    one(&slide, &by_id("pres-date"), "slide date"),
                    one(&slide, &by_id("pres-summary"), "slide summary"),
                ),
            ];
            for (out, got_title, got_date, got_summary) in &outputs {
                assert_eq!(got_title, title, "{at}: the {out}'s title");
                assert_eq!(got_date, &date, "{at}: the {out}'s date");
                assert_eq!(got_summary, summary, "{at}: the {out}'s summary");
            }

            // Every quote, in order, in the list item and the panel; the first on the slide.
            let blockquotes = |n: &[Node]| -> Vec<String> {
                find(n, &|e| e.tag == "blockquote")
                    .iter()
                    .map(|e| e.text_content())
                    .collect()
            };
            let want: Vec<String> = quotes.iter().map(|q| q.0.clone()).collect();
            assert_eq!(blockquotes(&list), want, "{at}: the list item's quotes");
            assert_eq!(blockquotes(&panel), want, "{at}: the panel's quotes");
            assert_eq!(
                blockquotes(&slide),
                want[..1],
                "{at}: the slide shows the first quote"
            );

            // The event's first slide leaves its disagreements to the slides after it; each of
            // them is on exactly one of those, with every side's claim.
            assert!(
                find(&slide, &by_id("pres-notes")).is_empty(),
                "{at}: disagreements on the first slide"
            );
            let later: Vec<String> = (1..view.slide_count())
                .map(|k| {
                    let n = nodes(view.slide(t, Testimony::SHOW, k));
                    assert_eq!(
                        one(&n, &by_id("pres-title"), "title"),
                        title,
                        "{at}: slide {k}'s title"
                    );
                    one(&n, &by_id("pres-notes"), "disagreements")
                })
                .collect();
            assert_eq!(
                view.slide_count() > 1,
                !view.disagreements.is_empty(),
                "{at}"
            );
            for d in &view.disagreements {
                let on: Vec<&String> = later.iter().filter(|s| s.contains(&d.about)).collect();
                assert_eq!(on.len(), 1, "{at}: `{}` on one slide", d.about);
                for (claim, _) in &d.accounts {
                    assert!(
                        on[0].contains(claim.as_str()),
                        "{at}: `{claim}` on its slide"
                    );
                }
            }

            // Testimony hidden: the slide shows the first quote that is not testimony (or none)
            // and no word of any testimony. No event of the data opens with testimony, so the
            // slide is also made from the view with its quotes turned to start at the first.
            let mut turned = view.clone();
            if let Some(k) = quotes.iter().position(|q| q.1) {
                turned.quotes.rotate_left(k);
                testimony_seen += 1;
            }
            for (v, how) in [(&view, ""), (&turned, ", testimony first")] {
                let slide = nodes(v.slide(t, hide, 0));
                let first_other: Vec<String> = v
                    .quotes
                    .iter()
                    .find(|q| !q.testimony)
                    .map(|q| q.text.clone())
                    .into_iter()
                    .collect();
                assert_eq!(
                    blockquotes(&slide),
                    first_other,
                    "{at}: the slide with testimony hidden{how}"
                );
                let slide_text: String = slide
                    .iter()
                    .map(|n| match n {
                        Node::El(e) => e.text_content(),
                        Node::Text(s) => s.clone(),
                    })
                    .collect();
                for (q, _) in quotes.iter().filter(|q| q.1) {
                    assert!(
                        !slide_text.contains(q.as_str()),
                        "{at}: hidden testimony on the slide{how}: {q}"
                    );
                }
            }
            // The panel keeps every quote but hides testimony, and only it.
            let panel = nodes(view.details(t, hide));
            let shown: Vec<(String, bool)> = find(&panel, &|e| e.tag == "blockquote")
                .iter()
                .map(|e| (e.text_content(), e.get("hidden").is_some()))
                .collect();
            assert_eq!(
                shown, quotes,
                "{at}: the panel hides testimony, and only it"
            );
        }
    }
    assert!(
        testimony_seen > 0,
        "the shipped data has no testimony: its hiding is not tested"
    );
}
