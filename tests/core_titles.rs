//! How the shipped events' titles come out on the chart: drawn whole where there is room (every
//! one at 1280 and 1920 wide, in the export and at the page's canvas sizes), never drawn twice,
//! and the selection always whole. `cargo test --test core_titles -- --nocapture` prints the
//! counts.

use nk_timeline::build::export::{to_svg, Export};
use nk_timeline::build::Dataset;
use nk_timeline::layout::Item;
use nk_timeline::state::{Action, AppState};
use std::path::Path;

/// The shipped data, loaded as `timeline validate` loads it.
fn shipped() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    nk_timeline::build::load_dir(&dir).unwrap_or_else(|e| panic!("shipped data has problems:\n{e}"))
}

fn items(ds: &Dataset) -> Vec<Item> {
    ds.events
        .iter()
        .map(|e| Item::from_event(e, nk_timeline::lang::Lang::En))
        .collect()
}

fn export(width: f64, height: f64) -> Export {
    let opt = |name: &str| match name {
        "--width" => Some(width.to_string()),
        "--height" => Some(height.to_string()),
        _ => None,
    };
    Export::from_options(opt).expect("export options")
}

/// The texts of an SVG's `<text>` elements, in order, unescaped.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..t.find("</text>")?];
            Some(
                body.trim()
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&apos;", "'"),
            )
        })
        .collect()
}

/// How many times `title` is drawn whole in `texts` (its lines may be consecutive texts).
fn drawn_whole(texts: &[String], title: &str) -> usize {
    (0..texts.len())
        .filter(|&i| {
            let mut joined = String::new();
            for t in &texts[i..] {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(t);
                if joined == title {
                    return true;
                }
                if !title.starts_with(&joined) {
                    return false;
                }
            }
            false
        })
        .count()
}

/// (label, width, height, is it an export with its key)
const SIZES: [(&str, f64, f64, bool); 10] = [
    ("export", 390.0, 300.0, true),
    ("export", 1280.0, 330.0, true),
    ("export", 1920.0, 400.0, true),
    ("page canvas at 390x844", 369.0, 260.0, false),
    ("page canvas at 1280x800", 1246.0, 336.0, false),
    ("page canvas at 1920x1080", 1406.0, 454.0, false),
    ("presentation strip at 1920x1080", 1822.0, 345.0, false),
    (
        "presentation strip at 1920x1080, dense slide",
        1822.0,
        259.0,
        false,
    ),
    (
        "presentation strip at 1920x1080, denser slide",
        1822.0,
        183.0,
        false,
    ),
    ("presentation strip at 1024x768", 926.0, 154.0, false),
];

#[test]
fn titles_are_whole_where_there_is_room_and_never_drawn_twice() {
    let ds = shipped();
    let titles: Vec<String> = ds.events.iter().map(|e| e.title.clone()).collect();
    let mut short = Vec::new();
    for (what, w, h, keyed) in SIZES {
        let state = if keyed {
            export(w, h).view(items(&ds)).0
        } else {
            AppState::new(items(&ds), w, h, 1.0)
        };
        let layout = state.layout();
        let svg = to_svg(&state, &nk_timeline::render::Theme::light()).expect("svg");
        let texts = svg_texts(&svg);
        let mut whole = 0;
        for t in &titles {
            let n = drawn_whole(&texts, t);
            assert!(n <= 1, "{what} {w}x{h}: {t:?} drawn {n} times");
            whole += n;
        }
        assert_eq!(whole, layout.whole_count(), "{what} {w}x{h}");
        println!(
            "{what} {w}x{h}: {whole} of {} titles whole; shortened or marker only: {:?}",
            titles.len(),
            layout
                .shortened()
                .iter()
                .map(|&i| &state.items()[i].id)
                .collect::<Vec<_>>()
        );
        if w >= 1246.0 && h >= 330.0 && whole < titles.len() {
            short.push(format!("{what} {w}x{h}: {whole} titles whole"));
        }
    }
    assert!(short.is_empty(), "every title should be whole: {short:?}");
}

#[test]
fn the_selection_is_whole_and_drawn_once_at_every_size() {
    let ds = shipped();
    for (what, w, h, _) in SIZES {
        let mut s = AppState::new(items(&ds), w, h, 1.0);
        for _ in 0..ds.events.len() {
            s.update(Action::Next);
            let sel = s.selected().expect("a selection");
            let title = s.items()[sel].label.clone();
            assert!(
                s.layout().is_whole(sel),
                "{what} {w}x{h}: selected {title:?} is not whole"
            );
            let svg = to_svg(&s, &nk_timeline::render::Theme::light()).expect("svg");
            let texts = svg_texts(&svg);
            assert_eq!(drawn_whole(&texts, &title), 1, "{what} {w}x{h}: {title:?}");
        }
    }
}
