//! The shipped data, traced: every stored text has the sha256 its source gives; every cited
//! passage has a publisher link whose text fragment, decoded, matches exactly that passage and
//! no other place in its text; every annotation's selectors find their passage again; every
//! citation carries its source's title, date and address.

use nk_timeline::build;
use nk_timeline::build::fragment::{self, TextDirective};
use nk_timeline::build::{annotate, cite, trace};
use nk_timeline::data::Bundle;
use std::collections::BTreeMap;
use std::path::Path;

fn bundle() -> Bundle {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let ds = build::load_dir(&dir).unwrap_or_else(|e| panic!("shipped data has problems:\n{e}"));
    Bundle::from_dataset(&ds)
}

#[test]
fn every_text_has_the_sha256_its_source_gives() {
    for s in bundle().sources {
        assert_eq!(s.source.sha256.len(), 64, "{}", s.source.id);
        assert_eq!(
            trace::sha256_hex(&s.text),
            s.source.sha256,
            "{}",
            s.source.file
        );
        // The first-load bundle (no texts) still carries the hash, for the reader to show.
        assert!(!s.source.sha256.is_empty());
    }
    let first = bundle().without_texts();
    let json = serde_json::to_string(&first).unwrap();
    for s in &first.sources {
        assert!(
            json.contains(&s.source.sha256),
            "the page's bundle carries {}'s sha256",
            s.source.id
        );
    }
}

#[test]
fn every_passage_links_to_exactly_its_words_at_the_publisher() {
    let b = bundle();
    let mut checked = 0;
    for s in &b.sources {
        let url = s
            .source
            .url
            .as_deref()
            .expect("every shipped source has an address");
        assert!(url.starts_with("https://"));
        for (n, p) in s.passages.iter().enumerate() {
            let link = p.check_url.as_deref().unwrap_or_else(|| {
                panic!(
                    "{} passage {n} ({:?}) has no publisher link",
                    s.source.id,
                    s.passage_text(n)
                )
            });
            assert!(link.starts_with(&format!("{url}#:~:text=")), "{link}");
            // The fragment is plain ASCII: the spec's explicit characters and %XX escapes.
            let fragment = link.split_once("#:~:text=").unwrap().1;
            assert!(
                fragment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!$'()*+./:;=?@_~%,-".contains(&b)),
                "{fragment}"
            );
            let d = TextDirective::parse(link).expect("the link parses as a text directive");
            let words = &s.text[p.start..p.end];
            assert_eq!(
                fragment::matches(&s.text, &d),
                vec![p.start..p.end],
                "{} passage {n}: {link} must match “{words}” and nothing else",
                s.source.id
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} passages checked");
}

#[test]
fn passages_whose_opening_words_recur_are_still_unambiguous() {
    // The Independent's headline and its first sentence both open "Tens of thousands of North
    // Korean women"; a fragment of the first five words would lead to the headline. Every such
    // passage must get a directive that reaches its own words (longer terms, or context).
    let b = bundle();
    let mut recurring = Vec::new();
    for s in &b.sources {
        for (n, p) in s.passages.iter().enumerate() {
            let opening: Vec<&str> = s.text[p.start..p.end].split_whitespace().take(5).collect();
            let bare = TextDirective {
                prefix: None,
                start: opening.join(" "),
                end: None,
                suffix: None,
            };
            if fragment::matches(&s.text, &bare).len() > 1 {
                let d = TextDirective::parse(p.check_url.as_deref().unwrap()).unwrap();
                assert_eq!(fragment::matches(&s.text, &d), vec![p.start..p.end]);
                recurring.push(format!("{} {n}", s.source.id));
            }
        }
    }
    assert!(
        !recurring.is_empty(),
        "the shipped texts exercise recurring words"
    );
}

#[test]
fn every_annotation_finds_its_passage_again_by_both_selectors() {
    let b = bundle();
    let doc = annotate::annotations(&b);
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    let items = doc["first"]["items"].as_array().unwrap();
    let passages: usize = b.sources.iter().map(|s| s.passages.len()).sum();
    assert_eq!(items.len(), passages);
    assert_eq!(doc["total"], passages);
    for a in items {
        assert_eq!(a["type"], "Annotation");
        let t = &a["target"];
        let src = b
            .sources
            .iter()
            .find(|s| s.source.url.as_deref() == t["source"].as_str())
            .expect("the target's source is a publisher's address");
        let text = &src.text;
        let chars: Vec<char> = text.chars().collect();
        let quote = &t["selector"][0];
        let pos = &t["selector"][1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(pos["type"], "TextPositionSelector");
        let (exact, prefix, suffix) = (
            quote["exact"].as_str().unwrap(),
            quote["prefix"].as_str().unwrap_or(""),
            quote["suffix"].as_str().unwrap_or(""),
        );
        // The quote selector: prefix + exact + suffix occurs once in the text.
        let whole = format!("{prefix}{exact}{suffix}");
        let hits: Vec<usize> = text.match_indices(&whole).map(|(i, _)| i).collect();
        assert_eq!(hits.len(), 1, "{whole}");
        let exact_at = text[..hits[0] + prefix.len()].chars().count();
        // The position selector counts code points, and lands on the same words.
        let (start, end) = (
            pos["start"].as_u64().unwrap() as usize,
            pos["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(start, exact_at, "{exact}");
        assert_eq!(chars[start..end].iter().collect::<String>(), exact);
        // The state names the stored text by its hash.
        let ni = t["state"][0]["id"].as_str().unwrap();
        assert_eq!(Some(ni.to_string()), trace::ni_uri(&src.source.sha256));
        assert_eq!(t["state"][1]["id"], src.source.file.as_str());
        // Every body link is an event that cites the passage.
        let links: Vec<&str> = a["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x["id"].as_str())
            .collect();
        assert!(!links.is_empty());
        for l in links {
            let id = l.strip_prefix("index.html#event=").unwrap();
            assert!(b.event_index(id).is_some(), "{id}");
        }
    }
    // Code points and bytes differ in these texts (curly quotes, dashes), so the test above
    // would catch byte offsets.
    assert!(b
        .sources
        .iter()
        .any(|s| s.text.len() != s.text.chars().count()));
}

#[test]
fn every_citation_file_carries_title_date_and_address() {
    let b = bundle();
    let files: BTreeMap<String, String> = cite::files(&b).into_iter().collect();
    let csl: serde_json::Value = serde_json::from_str(&files["cite/sources.json"]).unwrap();
    assert_eq!(csl.as_array().unwrap().len(), b.sources.len());
    for (item, s) in csl.as_array().unwrap().iter().zip(&b.sources) {
        assert_eq!(item["id"], s.source.id.as_str());
        assert_eq!(item["title"], s.source.title.as_str());
        assert_eq!(item["URL"].as_str(), s.source.url.as_deref());
        assert!(files["cite/sources.bib"].contains(&format!("@online{{{},", s.source.id)));
        assert!(files["cite/sources.ris"].contains(&format!("ID  - {}\n", s.source.id)));
        assert!(files["cite/sources.txt"].contains(&s.citation));
        assert!(files.contains_key(&format!("cite/source/{}.ris", s.source.id)));
    }
    for le in &b.events {
        let stem = format!("cite/event/{}", le.event.id);
        let items: serde_json::Value =
            serde_json::from_str(&files[&format!("{stem}.json")]).unwrap();
        let refs = cite::event_references(&b, le);
        assert_eq!(items.as_array().unwrap().len(), refs.len(), "{stem}");
        assert!(!refs.is_empty());
        for item in items.as_array().unwrap() {
            let note = item["note"].as_str().unwrap();
            assert!(note.starts_with("Passage quoted: \u{201C}"), "{note}");
        }
        let txt = &files[&format!("{stem}.txt")];
        assert!(txt.contains(&le.event.title), "{stem}");
        assert_eq!(txt.matches("\n- ").count(), refs.len(), "{stem}");
    }
    // The reprint says it is one, in the plain text and in the note.
    let afp = b.source("afp-2018-11-01").unwrap();
    assert!(afp.source.reprint);
    assert!(
        afp.citation.contains(" Reprint: https://"),
        "{}",
        afp.citation
    );
    assert!(afp
        .passage_citation(0)
        .unwrap()
        .contains("The words in the reprint: https://"));
}
