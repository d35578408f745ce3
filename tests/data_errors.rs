//! Malformed data: each case asserts the exact message and where it points (file, line, column,
//! path), so an editor who makes the mistake is told where it is and what to do.

use nk_timeline::build::{self, DataError, Inputs};

/// The sha256 of `TEXT`, as `sources.json` must give it.
const TEXT_SHA256: &str = "baab31299682c827552b1f8491f2e1abaab84d793553b39e8df8d6a08cd4b2d3";
use std::collections::BTreeMap;

const TEXT: &str = "Alpha beta \u{201C}gamma\u{201D} delta.\nThe report had interviews with\u{00A0}62 people.\nLeave a Reply\n";

const SOURCES: &str = r#"[
  {"id": "src", "title": "T", "publisher": "P", "published": "2019",
   "url": "https://example.org/a", "file": "sources/a.txt", "kind": "news", "sha256": "baab31299682c827552b1f8491f2e1abaab84d793553b39e8df8d6a08cd4b2d3",
   "furniture": [{"label": "form", "quote": "Leave a Reply"}]}
]"#;

/// Loads `events` against the one-source fixture and returns the errors as display strings.
fn errors_with(events: &str, sources: &str) -> Vec<String> {
    let texts: BTreeMap<String, String> = [("sources/a.txt".to_string(), TEXT.to_string())].into();
    match build::load(&Inputs {
        events_name: "events.json",
        events,
        sources_name: "sources.json",
        sources,
        texts: &texts,
    }) {
        Ok(_) => Vec::new(),
        Err(errs) => errs.iter().map(DataError::to_string).collect(),
    }
}

fn errors(events: &str) -> Vec<String> {
    errors_with(events, SOURCES)
}

/// A valid event with one field replaced: `field` is the JSON text of that member.
fn event_with(field: &str, value: &str) -> String {
    let mut members = vec![
        ("id", r#""one""#.to_string()),
        ("title", r#""Title""#.to_string()),
        ("start", r#""2018-11-01""#.to_string()),
        ("kind", r#""report""#.to_string()),
        ("summary", r#""Summary.""#.to_string()),
        (
            "evidence",
            r#"[{"source": "src", "quote": "beta \"gamma\" delta"}]"#.to_string(),
        ),
    ];
    match members.iter_mut().find(|(k, _)| *k == field) {
        Some(m) => m.1 = value.to_string(),
        None => members.push((field, value.to_string())),
    }
    let body: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("   \"{k}\": {v}"))
        .collect();
    format!("[\n  {{\n{}\n  }}\n]", body.join(",\n"))
}

#[test]
fn a_valid_event_loads() {
    assert_eq!(errors(&event_with("id", r#""one""#)), Vec::<String>::new());
}

#[test]
fn invalid_json_names_line_and_column() {
    assert_eq!(
        errors("[\n  {\"id\": \"a\",}\n]"),
        vec!["events.json:2:14: not valid JSON: trailing comma at line 2 column 14. Fix: check the brackets, commas and quotes just before this place (a trailing comma is the usual culprit)"]
    );
}

#[test]
fn not_an_array() {
    assert_eq!(
        errors("{\"id\": \"a\"}"),
        vec!["events.json:1:1: the file must hold a JSON array of events. Fix: wrap the entries in [ … ]"]
    );
}

#[test]
fn unknown_field_is_a_typo() {
    assert_eq!(
        errors(&event_with("sumary", r#""x""#)),
        vec!["events.json:9:4: [0].sumary: unknown field `sumary`, expected one of `id`, `title`, `start`, `end`, `date_note`, `approximate`, `kind`, `actors`, `summary`, `evidence`, `figures`, `links`, `tags`, `discrepancies`, `translations`. Fix: remove the field or correct its spelling to one of the expected names (see data/schema/)"]
    );
}

#[test]
fn missing_field() {
    let text = "[\n  {\"id\": \"a\", \"title\": \"T\", \"start\": \"2019\", \"kind\": \"event\", \"evidence\": []}\n]";
    assert_eq!(
        errors(text),
        vec!["events.json:2:3: [0]: missing field `summary`. Fix: add the field; see README.md, section \"The data format\""]
    );
}

#[test]
fn bad_date() {
    assert_eq!(
        errors(&event_with("start", r#""2018-13-01""#)),
        vec!["events.json:5:4: [0].start: `2018-13-01` has no such month; months run from 01 to 12. Fix: write the date as YYYY, YYYY-MM or YYYY-MM-DD, with only the precision the source gives"]
    );
}

#[test]
fn date_in_another_format() {
    assert_eq!(
        errors(&event_with("start", r#""1 Nov 2018""#)),
        vec!["events.json:5:4: [0].start: `1 Nov 2018` is not a partial ISO date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019, 2019-05, 2019-05-20). Fix: write the date as YYYY, YYYY-MM or YYYY-MM-DD, with only the precision the source gives"]
    );
}

#[test]
fn unknown_kind() {
    assert_eq!(
        errors(&event_with("kind", r#""meeting""#)),
        vec!["events.json:6:4: [0].kind: unknown variant `meeting`, expected one of `period`, `report`, `event`, `statistic`. Fix: use one of the listed values"]
    );
}

#[test]
fn end_before_start() {
    assert_eq!(
        errors(&event_with("end", r#""2017""#)),
        vec!["events.json:9:4: [0].end: the end (2017) is before the start (2018-11-01). Fix: swap start and end, or correct the dates from the source"]
    );
}

#[test]
fn empty_title() {
    assert_eq!(
        errors(&event_with("title", r#""  ""#)),
        vec!["events.json:4:4: [0].title: title is empty. Fix: write the title"]
    );
}

#[test]
fn quote_not_in_source_says_where_it_diverges() {
    let e = event_with(
        "evidence",
        r#"[{"source": "src", "quote": "The report had interviews with 63 people."}]"#,
    );
    assert_eq!(
        errors(&e),
        vec!["events.json:8:35: [0].evidence[0].quote: the quote is not in source `src`. Fix: copy it verbatim from the source; the first 32 characters match at line 2 of its text, and it differs after \"e report had interviews with 6\""]
    );
}

#[test]
fn reworded_quote_is_rejected_even_if_close() {
    let e = event_with(
        "evidence",
        r#"[{"source": "src", "quote": "alpha beta \"gamma\" delta."}]"#,
    );
    assert_eq!(
        errors(&e),
        vec!["events.json:8:35: [0].evidence[0].quote: the quote is not in source `src`. Fix: copy it verbatim from the source text; no part of its beginning was found there"]
    );
}

#[test]
fn unknown_source_id() {
    let e = event_with("evidence", r#"[{"source": "bbc", "quote": "Alpha"}]"#);
    assert_eq!(
        errors(&e),
        vec!["events.json:8:35: [0].evidence[0].quote: unknown source `bbc`. Fix: use the id of a source in data/sources.json"]
    );
}

#[test]
fn event_without_evidence() {
    assert_eq!(
        errors(&event_with("evidence", "[]")),
        vec!["events.json:8:4: [0].evidence: the event has no evidence. Fix: add at least one {\"source\", \"quote\"} with a verbatim passage"]
    );
}

#[test]
fn non_https_link() {
    let e = event_with(
        "links",
        r#"[{"label": "Report", "url": "http://example.org/r"}]"#,
    );
    assert_eq!(
        errors(&e),
        vec!["events.json:9:34: [0].links[0].url: `http://example.org/r` is not an https address. Fix: link only to verified https:// addresses (see docs/REFERENCES.md); leave the link out if there is none"]
    );
}

#[test]
fn javascript_link_is_refused() {
    let e = event_with("links", r#"[{"label": "x", "url": "javascript:alert(1)"}]"#);
    assert_eq!(errors(&e).len(), 1);
    assert!(errors(&e)[0].contains("`javascript:alert(1)` is not an https address"));
}

#[test]
fn figure_value_must_be_in_its_quote() {
    let e = event_with(
        "figures",
        r#"[{"label": "People", "value": "60", "source": "src", "quote": "interviews with 62 people"}]"#,
    );
    assert_eq!(
        errors(&e),
        vec!["events.json:9:36: [0].figures[0].value: the value `60` does not appear in the figure's quote. Fix: write the figure exactly as the quote gives it (no rounding, no conversion)"]
    );
}

#[test]
fn duplicate_ids_are_all_reported_with_other_errors() {
    let one = event_with("id", r#""same""#);
    let two = event_with("title", r#""""#).replace(r#""one""#, r#""same""#);
    let text = format!(
        "{},\n{}",
        one.trim_end_matches("\n]"),
        two.trim_start_matches("[\n")
    );
    assert_eq!(
        errors(&text),
        vec![
            "events.json:11:4: [1].id: duplicate event id `same`. Fix: give every event its own id; deep links use it",
            "events.json:12:4: [1].title: title is empty. Fix: write the title",
        ]
    );
}

#[test]
fn bad_id() {
    assert_eq!(
        errors(&event_with("id", r#""HRW Report""#)),
        vec!["events.json:3:4: [0].id: `HRW Report` is not a valid id. Fix: use lowercase letters, digits and hyphens, e.g. `hrw-report-2018`"]
    );
}

#[test]
fn period_without_end() {
    assert_eq!(
        errors(&event_with("kind", r#""period""#)),
        vec!["events.json:2:3: [0].end: a period has no end. Fix: add `end`, or tag the period `ongoing` if the sources say it continues"]
    );
}

#[test]
fn account_with_neither_quote_nor_address() {
    let e = event_with(
        "discrepancies",
        r#"[{"about": "x", "accounts": [{"says": "a"}, {"source": "src", "quote": "Alpha", "says": "b"}]}]"#,
    );
    assert_eq!(
        errors(&e),
        vec!["events.json:9:50: [0].discrepancies[0].accounts[0]: an account needs either `source` and `quote` (one of our texts) or `url` and `publisher` (a primary report). Fix: give one of the two pairs, not both"]
    );
}

#[test]
fn missing_source_text_and_bad_furniture() {
    let sources = r#"[
  {"id": "src", "title": "T", "publisher": "P", "published": "2019", "file": "sources/a.txt", "kind": "news", "sha256": "baab31299682c827552b1f8491f2e1abaab84d793553b39e8df8d6a08cd4b2d3",
   "furniture": [{"label": "form", "quote": "Leave no Reply"}]},
  {"id": "gone", "title": "T", "publisher": "P", "published": "2019", "file": "sources/gone.txt", "kind": "blog"},
  {"id": "other", "title": "T", "publisher": "P", "published": "2019", "file": "sources/none.txt", "kind": "news", "url": "ftp://x"}
]"#;
    assert_eq!(
        errors_with(&event_with("id", r#""one""#), sources),
        vec![
            "sources.json:4:99: [1].kind: unknown variant `blog`, expected one of `wire`, `news`, `ngo-post`. Fix: use one of the listed values",
            "sources.json:3:36: [0].furniture[0].quote: the furniture passage is not in `sources/a.txt`. Fix: copy the passage verbatim from the source text",
            "sources.json:5:116: [2].url: `ftp://x` is not an https address. Fix: link only to verified https:// addresses (see docs/REFERENCES.md); leave the link out if there is none",
            "sources.json:5:72: [2].file: source text `sources/none.txt` was not found. Fix: put the text under data/ at this path, unchanged, or correct the path",
        ]
    );
}

#[test]
fn unknown_translation_language() {
    let e = event_with(
        "translations",
        r#"{"fr": {"title": "Titre", "summary": "Résumé."}}"#,
    );
    assert_eq!(
        errors(&e),
        vec!["events.json:9:21: [0].translations.fr: no interface language `fr`. Fix: use a language the site offers: `ko`"]
    );
}

#[test]
fn translation_with_the_wrong_number_of_figure_labels() {
    let e = event_with(
        "figures",
        r#"[{"label": "People", "value": "62", "source": "src", "quote": "interviews with 62 people"}]"#,
    )
    .replace(
        "\n  }\n]",
        ",\n   \"translations\": {\"ko\": {\"title\": \"제목\", \"summary\": \"요약.\", \"figures\": [\"사람\", \"더\"]}}\n  }\n]",
    );
    assert_eq!(
        errors(&e),
        vec!["events.json:10:61: [0].translations.ko.figures: 2 translated figures for 1 in the event. Fix: give one entry per entry of the event's `figures`, in the same order"]
    );
    // The values likewise, one per figure.
    let e = e.replace(
        "\"figures\": [\"사람\", \"더\"]",
        "\"figures\": [\"사람\"], \"figure_values\": [\"62명\", \"더\"]",
    );
    let errs = errors(&e);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains(
            "[0].translations.ko.figure_values: 2 translated figure_values for 1 in the event"
        ),
        "{errs:?}"
    );
}

#[test]
fn a_changed_text_is_located_with_the_hash_to_set() {
    let wrong = "0".repeat(64);
    let sources = SOURCES.replace(TEXT_SHA256, &wrong);
    assert_eq!(
        errors_with(&event_with("id", r#""one""#), &sources),
        vec![format!("sources.json:3:77: [0].sha256: the text at sources/a.txt has sha256 {TEXT_SHA256}, not the {wrong} given here. Fix: if the text was updated on purpose (check that every quote still stands in it), set sha256 to \"{TEXT_SHA256}\"; otherwise restore the text as published")]
    );
}

#[test]
fn a_source_without_hash_is_told_the_hash() {
    let sources = SOURCES.replace(&format!(r#" "sha256": "{TEXT_SHA256}","#), "");
    assert_eq!(
        errors_with(&event_with("id", r#""one""#), &sources),
        vec![format!("sources.json:2:3: [0].sha256: the source has no sha256; the text at sources/a.txt has sha256 {TEXT_SHA256}. Fix: add \"sha256\": \"{TEXT_SHA256}\" after checking that this is the text the events quote")]
    );
}

#[test]
fn a_reprint_needs_its_address() {
    let sources = SOURCES.replace(r#""url": "https://example.org/a","#, r#""reprint": true,"#);
    assert_eq!(
        errors_with(&event_with("id", r#""one""#), &sources),
        vec!["sources.json:3:4: [0].reprint: a reprint with no address. Fix: give the reprint's `url`, or leave `reprint` out"]
    );
}

#[test]
fn a_translated_source_note_needs_the_english_note_and_a_site_language() {
    let with = |members: &str| {
        SOURCES.replacen(
            r#""url": "https://example.org/a","#,
            &format!(r#""url": "https://example.org/a", {members}"#),
            1,
        )
    };
    let ok = with(r#""url_note": "A note.", "translations": {"ko": {"url_note": "메모."}},"#);
    assert_eq!(
        errors_with(&event_with("id", r#""one""#), &ok),
        Vec::<String>::new()
    );
    let errs = |sources: &str| {
        errors_with(&event_with("id", r#""one""#), sources)
            .into_iter()
            .map(|e| {
                e.split_once(": [")
                    .map_or(e.clone(), |(_, r)| format!("[{r}"))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        errs(&with(r#""translations": {"ko": {"url_note": "메모."}},"#)),
        vec!["[0].translations.ko.url_note: a translated note for a source with no `url_note`. Fix: add the English `url_note` first, or leave the translation out"]
    );
    assert_eq!(
        errs(&with(r#""url_note": "A note.", "translations": {"fr": {"url_note": "Une note."}},"#)),
        vec!["[0].translations.fr: no interface language `fr`. Fix: use a language the site offers: `ko`"]
    );
    assert_eq!(
        errs(&with(
            r#""url_note": "A note.", "translations": {"ko": {"url_note": " "}},"#
        ))
        .len(),
        1
    );
}

#[test]
fn translated_actors_one_per_actor_and_one_name_each() {
    let one = event_with("actors", r#"["Human Rights Watch", "Kenneth Roth"]"#).replace(
        "\n  }\n]",
        ",\n   \"translations\": {\"ko\": {\"title\": \"제목\", \"summary\": \"요약.\", \"actors\": [\"휴먼라이츠워치\"]}}\n  }\n]",
    );
    assert_eq!(
        errors(&one),
        vec!["events.json:10:61: [0].translations.ko.actors: 1 translated actors for 2 in the event. Fix: give one entry per entry of the event's `actors`, in the same order"]
    );
    let two = |id: &str, name: &str| {
        event_with("actors", r#"["Human Rights Watch"]"#)
            .replace(r#""one""#, &format!(r#""{id}""#))
            .replace(
                "\n  }\n]",
                &format!(",\n   \"translations\": {{\"ko\": {{\"title\": \"제목\", \"summary\": \"요약.\", \"actors\": [\"{name}\"]}}}}\n  }}\n]"),
            )
    };
    let (a, b) = (two("a", "휴먼라이츠워치"), two("b", "인권감시기구"));
    let text = format!(
        "{},\n{}",
        a.trim_end_matches("\n]"),
        b.trim_start_matches("[\n")
    );
    assert_eq!(
        errors(&text),
        vec!["events.json:20:72: [1].translations.ko.actors[0]: `Human Rights Watch` is `인권감시기구` here but `휴먼라이츠워치` in event `a`. Fix: give each actor one name in each language, in every event"]
    );
}

#[test]
fn translated_publishers_one_per_account_that_names_one() {
    let e = event_with(
        "discrepancies",
        r#"[{"about": "x", "accounts": [{"source": "src", "quote": "Alpha", "says": "a"}, {"publisher": "HRW", "url": "https://example.org/r", "says": "b"}]}]"#,
    )
    .replace(
        "\n  }\n]",
        ",\n   \"translations\": {\"ko\": {\"title\": \"제목\", \"summary\": \"요약.\", \"discrepancies\": [{\"about\": \"엑스\", \"says\": [\"가\", \"나\"], \"publishers\": [\"가\", \"나\"]}]}}\n  }\n]",
    );
    assert_eq!(
        errors(&e),
        vec!["events.json:10:115: [0].translations.ko.discrepancies[0].publishers: 2 translated publishers for 1 accounts that name one. Fix: give the publisher of each account that has `publisher`, in their order"]
    );
}

#[test]
fn words_a_source_note_quotes_must_be_in_the_text() {
    let with = |note: &str| {
        SOURCES.replacen(
            r#""url": "https://example.org/a","#,
            &format!(r#""url": "https://example.org/a", "url_note": "{note}", "translations": {{"ko": {{"url_note": "본문의 {note}"}}}},"#),
            1,
        )
    };
    let event = event_with("id", r#""one""#);
    assert_eq!(
        errors_with(&event, &with("'Alpha beta' is the lede")),
        Vec::<String>::new()
    );
    let errs = errors_with(&event, &with("'alpha beta' is the lede"));
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].contains("[0].url_note: the note quotes 'alpha beta', which is not in `sources/a.txt`. Fix: quote the words exactly as the text has them, case included"), "{errs:?}");
    assert!(
        errs[1].contains("[0].translations.ko.url_note: the note quotes 'alpha beta'"),
        "{errs:?}"
    );
}
