//! The shipped dataset: it loads, every quote is verbatim in its source, the texts are the
//! publishers' texts unchanged, the schemas match the types, and the bundle points at the
//! right passages.

use nk_timeline::build::{self, Dataset};
use nk_timeline::data::Bundle;
use nk_timeline::model::EventKind;
use std::path::Path;

fn read(p: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p))
        .unwrap_or_else(|e| panic!("cannot read {p}: {e}"))
}

/// The shipped data, loaded as `timeline validate` loads it.
fn shipped() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    nk_timeline::build::load_dir(&dir).unwrap_or_else(|e| panic!("shipped data has problems:\n{e}"))
}

/// Compared form of a passage: what `locate` tolerates, folded away.
fn folded(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| c.is_whitespace() || c == '\u{00A0}') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            out.push(match c {
                '\u{2018}' | '\u{2019}' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                '\u{2013}' | '\u{2014}' => '-',
                c => c,
            });
        }
    }
    out
}

#[test]
fn shipped_data_loads_with_every_kind_and_enough_events() {
    let ds = shipped();
    assert!(ds.events.len() >= 10, "{} events", ds.events.len());
    assert_eq!(ds.sources.len(), 5);
    for kind in EventKind::ALL {
        assert!(ds.events.iter().any(|e| e.kind == kind), "no {kind:?}");
    }
    // The five subjects named in the brief are there.
    for id in [
        "famine-1994-1998",
        "un-coi-report-2014",
        "hrw-report-2018",
        "kfi-report-2019",
        "grc-findings-2023",
    ] {
        assert!(ds.events.iter().any(|e| e.id == id), "missing {id}");
    }
    // Sorted by date.
    assert!(ds.events.windows(2).all(|w| w[0].start <= w[1].start));
}

#[test]
fn every_quote_is_verbatim_in_its_source() {
    let ds = shipped();
    let mut checked = 0;
    for e in &ds.events {
        let quotes = e
            .evidence
            .iter()
            .map(|q| (&q.source, &q.quote))
            .chain(e.figures.iter().map(|f| (&f.source, &f.quote)))
            .chain(
                e.discrepancies
                    .iter()
                    .flat_map(|d| &d.accounts)
                    .filter_map(|a| Some((a.source.as_ref()?, a.quote.as_ref()?))),
            );
        for (source, quote) in quotes {
            let i = ds.source_index(source).expect("known source");
            let r = ds
                .locate(source, quote)
                .unwrap_or_else(|| panic!("{}: quote not in {source}: {quote}", e.id));
            // The located range, read back from the untouched text, says the same words.
            assert_eq!(folded(&ds.texts[i][r]), folded(quote), "{}", e.id);
            checked += 1;
        }
        for f in &e.figures {
            assert!(
                folded(&f.quote).contains(&folded(&f.value)),
                "{}: figure value {} not in its quote",
                e.id,
                f.value
            );
        }
    }
    assert_eq!(checked, ds.quote_count());
    assert!(checked > 50);
}

#[test]
fn source_texts_are_the_seeds_byte_for_byte() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let pairs = [
        ("000_da1e9d60ccfa903c.txt", "2018-11-01-afp-hrw-report.txt"),
        (
            "001_95caeb81bc871010.txt",
            "2023-03-28-document-women-grc-findings.txt",
        ),
        ("002_e44c17473066dcc0.txt", "2018-11-01-bbc-hrw-report.txt"),
        (
            "003_f12edf0cb8c70823.txt",
            "2019-06-19-crossing-borders-blog.txt",
        ),
        (
            "004_9603d52f0460870b.txt",
            "2019-05-independent-kfi-report.txt",
        ),
    ];
    if !seeds.is_dir() {
        eprintln!("../shared/seeds not beside the checkout; skipping the byte comparison");
        return;
    }
    for (seed, ours) in pairs {
        let a = std::fs::read(seeds.join(seed)).unwrap();
        let b = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/sources")
                .join(ours),
        )
        .unwrap();
        assert!(a == b, "data/sources/{ours} differs from seed {seed}");
    }
}

#[test]
fn every_source_keeps_attribution_and_https_address() {
    let ds = shipped();
    for s in &ds.sources {
        assert!(!s.publisher.is_empty());
        let url = s
            .url
            .as_deref()
            .expect("every source has a verified address");
        assert!(url.starts_with("https://"), "{url}");
    }
}

#[test]
fn every_event_has_a_korean_title_and_summary() {
    let ds = shipped();
    for e in &ds.events {
        let ko = e
            .translations
            .get("ko")
            .unwrap_or_else(|| panic!("{} has no Korean translation", e.id));
        assert!(
            ko.title
                .chars()
                .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
            "{}: Korean title has no Hangul",
            e.id
        );
        assert!(ko
            .summary
            .chars()
            .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)));
        // Every label and disagreement a Korean reader sees is in Korean too.
        assert_eq!(ko.figures.len(), e.figures.len(), "{}: figure labels", e.id);
        assert_eq!(ko.links.len(), e.links.len(), "{}: link labels", e.id);
        assert_eq!(
            ko.discrepancies.len(),
            e.discrepancies.len(),
            "{}: disagreements",
            e.id
        );
        for (t, d) in ko.discrepancies.iter().zip(&e.discrepancies) {
            assert_eq!(t.says.len(), d.accounts.len(), "{}: {}", e.id, d.about);
        }
        // A date note in English implies one in Korean.
        assert_eq!(e.date_note.is_some(), ko.date_note.is_some(), "{}", e.id);
    }
}

#[test]
fn schemas_in_data_match_the_types() {
    for (name, text) in build::schemas() {
        let on_disk = read(&format!("data/schema/{name}"));
        assert!(
            on_disk == text,
            "data/schema/{name} is out of date: run `cargo run -- schema`"
        );
    }
}

#[test]
fn bundle_points_each_quote_at_its_passage() {
    let ds = shipped();
    let b = Bundle::from_dataset(&ds);
    assert_eq!(b.events.len(), ds.events.len());
    for le in &b.events {
        for (q, &n) in le.event.evidence.iter().zip(&le.evidence) {
            let src = b.source(&q.source).unwrap();
            let text = src.passage_text(n).unwrap();
            assert_eq!(folded(text), folded(&q.quote));
            assert!(src.passages[n].events.contains(&le.event.id));
        }
        for (f, &n) in le.event.figures.iter().zip(&le.figures) {
            let text = b.source(&f.source).unwrap().passage_text(n).unwrap();
            assert_eq!(folded(text), folded(&f.quote));
        }
    }
    for s in &b.sources {
        assert!(s.passages.windows(2).all(|w| w[0].start <= w[1].start));
        assert_eq!(s.furniture.len(), s.source.furniture.len());
    }
    // The bundle survives a JSON round trip through the same serde types the page reads it
    // into (there with serde_wasm_bindgen, from JSON.parse's value), with and without texts.
    for b in [b.clone(), b.without_texts()] {
        let json = serde_json::to_string(&b).unwrap();
        let back: Bundle = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
    }
    // The page loads the Korean text separately: split, write, read back and merge gives the
    // bundle again, and the English bundle carries no Korean.
    let mut english = b.without_texts();
    let langs = english.split_translations();
    assert_eq!(
        langs.iter().map(|t| t.lang.as_str()).collect::<Vec<_>>(),
        ["ko"]
    );
    assert_eq!(langs[0].events.len(), b.events.len());
    // The editors' notes on the sources' addresses and dates, each in Korean.
    let mut noted: Vec<&str> = b
        .sources
        .iter()
        .filter(|s| s.source.url_note.is_some())
        .map(|s| s.source.id.as_str())
        .collect();
    noted.sort_unstable();
    assert_eq!(
        langs[0]
            .sources
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        noted
    );
    let json = serde_json::to_string(&english).unwrap();
    assert!(!json.contains("translations") && !json.contains("북한"));
    let mut merged: Bundle = serde_json::from_str(&json).unwrap();
    for t in &langs {
        let text = serde_json::to_string(t).unwrap();
        merged.merge_translations(serde_json::from_str(&text).unwrap());
    }
    assert_eq!(merged, b.without_texts());
}

#[test]
fn the_organisation_filter_shows_each_name_in_the_page_language() {
    use nk_timeline::lang::Lang;
    let b = Bundle::from_dataset(&shipped());
    let en = b.actor_options(Lang::En);
    let ko = b.actor_options(Lang::Ko);
    // data.ko.json carries them, for the page to show as they are.
    let split = b.clone().split_translations();
    let tr = split
        .iter()
        .find(|t| t.lang == "ko")
        .expect("a Korean translation");
    assert_eq!(tr.actors, ko);
    // The same choices (the English names the filter matches), each once.
    let values = |o: &[(String, String)]| {
        let mut v: Vec<String> = o.iter().map(|(v, _)| v.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(values(&en), values(&ko));
    assert_eq!(values(&ko), nk_timeline::build::site::actors(&b));
    assert!(en.iter().all(|(v, n)| v == n), "{en:?}");
    // In Korean: the events' own Korean names, in the order of those names.
    let shown = |v: &str| ko.iter().find(|(x, _)| x == v).map(|(_, n)| n.as_str());
    assert_eq!(shown("North Korea"), Some("북한"));
    assert_eq!(shown("Human Rights Watch"), Some("휴먼라이츠워치"));
    assert!(ko.windows(2).all(|w| w[0].1 <= w[1].1), "{ko:?}");
}

#[test]
fn every_source_an_event_quotes_testimony_from_says_it_carries_testimony() {
    let ds = shipped();
    for e in &ds.events {
        for q in e.evidence.iter().filter(|q| q.testimony) {
            let src = ds.sources.iter().find(|s| s.id == q.source).unwrap();
            assert!(
                src.testimony,
                "{}: quotes testimony from `{}`, whose entry in sources.json lacks \"testimony\": true",
                e.id, src.id
            );
        }
    }
}
