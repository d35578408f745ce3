//! The dataset's types, exactly as written in `data/events.json` and `data/sources.json`.
//!
//! Unknown fields are rejected (`deny_unknown_fields`) so a typo such as `sumary` is an error
//! rather than a silently missing summary. The JSON Schema in `data/schema/` is generated from
//! these types (`timeline schema`), and a test keeps the two in step.

mod date;

pub use date::{
    civil_from_days, days_from_civil, days_in_month, DateError, PartialDate, Precision,
    MONTHS_SHORT_EN,
};

use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What follows the start of a period that has not ended ("2020 onwards").
pub fn since(lang: Lang) -> &'static str {
    match lang {
        Lang::En => " onwards",
        Lang::Ko => " 이후",
    }
}

/// What sort of thing a source text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A news-agency story, possibly as reprinted elsewhere.
    Wire,
    /// A news article.
    News,
    /// A post by a non-governmental organisation.
    NgoPost,
}

impl SourceKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "wire" => Some(SourceKind::Wire),
            "news" => Some(SourceKind::News),
            "ngo-post" => Some(SourceKind::NgoPost),
            _ => None,
        }
    }
}

/// A passage inside a source text that is not part of the article (comment forms, donation
/// appeals, leftovers of the publishing system). It stays in the text, byte for byte; the reader
/// hides it until asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Furniture {
    /// What the passage is, e.g. "blog comment form".
    pub label: String,
    /// The passage, verbatim from the source text.
    pub quote: String,
}

/// The editors' words about a source, in another language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceTranslation {
    /// [`Source::url_note`] in this language.
    pub url_note: String,
}

/// One of the source texts in `data/sources/`, with its attribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable slug used by events and deep links (`#source=<id>`).
    pub id: String,
    pub title: String,
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date, only as precise as it is known.
    pub published: PartialDate,
    /// A verified public address (https). Leave it out when none was verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What the address is, when it is not the original (e.g. a reprint), or how the date was
    /// found: the editors' note, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_note: Option<String>,
    /// The editors' note in other languages, by language code (`ko`). The title, the text and
    /// the citations stay the publisher's, in its language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, SourceTranslation>,
    /// True when `url` is another publisher's reprint, not the original's page: every link to
    /// it, and every citation, says so (with `url_note`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reprint: bool,
    /// Path of the text under `data/`, e.g. `sources/2018-11-01-bbc-hrw-report.txt`.
    pub file: String,
    /// The sha256 of the text at `file` (64 lowercase hex digits), so anyone can check that the
    /// stored text is the one that was quoted. `validate` checks it and says the right value.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha256: String,
    pub kind: SourceKind,
    /// Passages that are site furniture rather than article text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub furniture: Vec<Furniture>,
    /// The whole text carries survivors' own accounts, whether or not an event quotes them:
    /// the reader warns a visitor who chose to hide testimony before it shows the text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub testimony: bool,
}

impl Source {
    /// The editors' note on the address or date in `lang`, and the language it is in: the
    /// translation when there is one, else the English note (which the page then marks as
    /// English).
    pub fn url_note_in(&self, lang: crate::lang::Lang) -> Option<(&str, crate::lang::Lang)> {
        let note = self.url_note.as_deref()?;
        Some(match self.translations.get(lang.code()) {
            Some(t) if !lang.is_source() => (t.url_note.as_str(), lang),
            _ => (note, crate::lang::Lang::En),
        })
    }
}

/// What sort of thing an event is; drawn with a different shape for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// Something that lasted (the famine); needs `end` or is ongoing.
    Period,
    /// The publication of a report.
    Report,
    /// Something that happened on a date.
    Event,
    /// A figure published on a date.
    Statistic,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Period,
        EventKind::Report,
        EventKind::Event,
        EventKind::Statistic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Period => "period",
            EventKind::Report => "report",
            EventKind::Event => "event",
            EventKind::Statistic => "statistic",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A verbatim passage of a source that supports an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The `id` of a source in `sources.json`.
    pub source: String,
    /// Verbatim from the source text (line breaks, curly quotes and no-break spaces may be
    /// written as plain ones; the wording may not change).
    pub quote: String,
    /// True when the passage is a survivor's own words. Readers may choose to hide testimony
    /// until they ask for each passage.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub testimony: bool,
}

/// A number a source gives, with the passage that gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub label: String,
    /// The figure as the source writes it; it must appear inside `quote`.
    pub value: String,
    pub source: String,
    pub quote: String,
}

/// A link to a primary report or reference (https only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub label: String,
    pub url: String,
}

/// What one source says on a disputed point. Either `source` and `quote` (one of our texts,
/// quoted verbatim) or `url` and `publisher` (a primary report, paraphrased in `says`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Account {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What this source says, in short.
    pub says: String,
}

/// A point on which the sources disagree, with every side shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Discrepancy {
    pub about: String,
    pub accounts: Vec<Account>,
    /// How the accounts relate, where that is known; no verdict where it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A title and summary in another language. Quotes stay in the language of their source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Translation {
    pub title: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// Labels of the event's figures, in the same order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<String>,
    /// Each figure's value in the language, in the same order; the page shows the source's own
    /// words beside it (quotes stay as the source writes them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figure_values: Vec<String>,
    /// Labels of the event's links, in the same order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Names of the event's actors, in the same order. Filtering still uses the English names
    /// (`actors`), so a filter link works in every language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// The event's disagreements, in the same order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discrepancies: Vec<DiscrepancyTranslation>,
}

/// A disagreement's words in another language: what it is about, what each account says (in
/// the same order), and the note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DiscrepancyTranslation {
    pub about: String,
    pub says: Vec<String>,
    /// The `publisher` of each account that names one (a primary report), in the order of
    /// those accounts: the label of its link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publishers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One dated entry on the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable slug used by deep links (`#event=<id>`); lowercase letters, digits and hyphens.
    pub id: String,
    pub title: String,
    pub start: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    /// Where the date comes from or how exact it is, when the evidence does not show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// True when the start is approximate (the source says e.g. "the beginning of the 2000s"):
    /// the date is shown as "c. 2000".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    pub kind: EventKind,
    /// Organisations and people who act in or report the event.
    #[serde(default)]
    pub actors: Vec<String>,
    /// One to three plain, factual sentences in our own words.
    pub summary: String,
    /// At least one verbatim passage.
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discrepancies: Vec<Discrepancy>,
    /// Title and summary in other languages, keyed by language code (`ko`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
}

impl Event {
    /// Title in `lang`, falling back to English.
    pub fn title_in(&self, lang: Lang) -> &str {
        self.translations
            .get(lang.code())
            .map_or(self.title.as_str(), |t| t.title.as_str())
    }

    /// Summary in `lang`, falling back to English.
    pub fn summary_in(&self, lang: Lang) -> &str {
        self.translations
            .get(lang.code())
            .map_or(self.summary.as_str(), |t| t.summary.as_str())
    }

    /// Date note in `lang`, falling back to English.
    pub fn date_note_in(&self, lang: Lang) -> Option<&str> {
        self.translations
            .get(lang.code())
            .and_then(|t| t.date_note.as_deref())
            .or(self.date_note.as_deref())
    }

    /// Label of figure `i` in `lang`, falling back to English.
    pub fn figure_label_in(&self, i: usize, lang: Lang) -> &str {
        self.translations
            .get(lang.code())
            .and_then(|t| t.figures.get(i))
            .or(self.figures.get(i).map(|f| &f.label))
            .map_or("", String::as_str)
    }

    /// Value of figure `i` in `lang`, when translated (else the source's own words stand alone).
    pub fn figure_value_in(&self, i: usize, lang: Lang) -> Option<&str> {
        self.translations
            .get(lang.code())
            .and_then(|t| t.figure_values.get(i))
            .map(String::as_str)
    }

    /// Label of link `i` in `lang`, falling back to English.
    pub fn link_label_in(&self, i: usize, lang: Lang) -> &str {
        self.translations
            .get(lang.code())
            .and_then(|t| t.links.get(i))
            .or(self.links.get(i).map(|l| &l.label))
            .map_or("", String::as_str)
    }

    /// Name of actor `i` in `lang`, falling back to English.
    pub fn actor_in(&self, i: usize, lang: Lang) -> &str {
        self.translations
            .get(lang.code())
            .and_then(|t| t.actors.get(i))
            .or(self.actors.get(i))
            .map_or("", String::as_str)
    }

    /// Every actor's name in `lang`, in order (English where no translation is given).
    pub fn actors_in(&self, lang: Lang) -> Vec<&str> {
        (0..self.actors.len())
            .map(|i| self.actor_in(i, lang))
            .collect()
    }

    /// The publisher of account `a` of disagreement `d` in `lang` (the label of its link),
    /// falling back to English; `None` for an account that quotes one of our texts.
    pub fn account_publisher_in(&self, d: usize, a: usize, lang: Lang) -> Option<&str> {
        let accounts = &self.discrepancies.get(d)?.accounts;
        let en = accounts.get(a)?.publisher.as_deref()?;
        let k = accounts[..a]
            .iter()
            .filter(|x| x.publisher.is_some())
            .count();
        Some(
            self.translations
                .get(lang.code())
                .and_then(|t| t.discrepancies.get(d))
                .and_then(|dt| dt.publishers.get(k))
                .map_or(en, String::as_str),
        )
    }

    /// Disagreement `d` in `lang` as (about, what each account says, note), falling back to
    /// English.
    pub fn discrepancy_in(&self, d: usize, lang: Lang) -> Option<(&str, Vec<&str>, Option<&str>)> {
        let en = self.discrepancies.get(d)?;
        match self
            .translations
            .get(lang.code())
            .and_then(|t| t.discrepancies.get(d))
        {
            Some(tr) => Some((
                tr.about.as_str(),
                tr.says.iter().map(String::as_str).collect(),
                tr.note.as_deref().or(en.note.as_deref()),
            )),
            None => Some((
                en.about.as_str(),
                en.accounts.iter().map(|a| a.says.as_str()).collect(),
                en.note.as_deref(),
            )),
        }
    }

    /// The start as shown to readers: "c. 2000" (`2000년경`) when it is approximate.
    pub fn start_label(&self, lang: Lang) -> String {
        match (self.approximate, lang) {
            (false, _) => self.start.display(lang),
            (true, Lang::Ko) => format!("{}경", self.start.display(lang)),
            (true, Lang::En) => format!("c. {}", self.start.display(lang)),
        }
    }

    /// The date as shown to readers: one date, or a range.
    pub fn date_label(&self, lang: Lang) -> String {
        match self.end {
            Some(end) => format!(
                "{}{}{}",
                self.start_label(lang),
                lang.range_dash(),
                end.display(lang)
            ),
            None if self.kind == EventKind::Period => {
                format!("{}{}", self.start_label(lang), since(lang))
            }
            None => self.start_label(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_note_in_the_page_language_else_in_english() {
        use crate::lang::Lang;
        let mut s: Source = serde_json::from_str(
            r#"{"id": "s", "title": "T", "publisher": "P", "published": "2019", "file": "f",
                "kind": "news", "url_note": "A reprint.",
                "translations": {"ko": {"url_note": "전재본입니다."}}}"#,
        )
        .unwrap();
        assert_eq!(s.url_note_in(Lang::Ko), Some(("전재본입니다.", Lang::Ko)));
        assert_eq!(s.url_note_in(Lang::En), Some(("A reprint.", Lang::En)));
        s.translations.clear();
        assert_eq!(s.url_note_in(Lang::Ko), Some(("A reprint.", Lang::En)));
        s.url_note = None;
        assert_eq!(s.url_note_in(Lang::Ko), None);
    }

    fn event() -> Event {
        let json = r#"{
          "id": "e", "title": "T", "start": "2000", "approximate": true, "kind": "period",
          "actors": ["Human Rights Watch", "Kenneth Roth"], "summary": "S.",
          "evidence": [{"source": "s", "quote": "q"}],
          "tags": ["ongoing"],
          "discrepancies": [{"about": "a", "accounts": [
            {"source": "s", "quote": "q", "says": "x"},
            {"publisher": "Wikipedia", "url": "https://example.org/w", "says": "y"},
            {"publisher": "NKDB", "url": "https://example.org/n", "says": "z"}]}],
          "translations": {"ko": {"title": "제목", "summary": "요약.", "actors": ["휴먼라이츠워치"],
            "discrepancies": [{"about": "가", "says": ["x", "y", "z"], "publishers": ["위키백과"]}]}}
        }"#;
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn approximate_starts_say_so_in_both_languages() {
        let mut e = event();
        assert_eq!(e.date_label(Lang::En), "c. 2000 onwards");
        assert_eq!(e.date_label(Lang::Ko), "2000년경 이후");
        e.approximate = false;
        assert_eq!(e.date_label(Lang::En), "2000 onwards");
        e.end = Some(PartialDate::year(2005));
        e.approximate = true;
        assert_eq!(e.date_label(Lang::Ko), "2000년경~2005년");
    }

    #[test]
    fn actors_and_publishers_translate_and_fall_back_one_by_one() {
        let e = event();
        assert_eq!(
            e.actors_in(Lang::Ko),
            vec!["휴먼라이츠워치", "Kenneth Roth"]
        );
        assert_eq!(
            e.actors_in(Lang::En),
            vec!["Human Rights Watch", "Kenneth Roth"]
        );
        assert_eq!(
            e.account_publisher_in(0, 0, Lang::Ko),
            None,
            "a quoted account"
        );
        assert_eq!(e.account_publisher_in(0, 1, Lang::Ko), Some("위키백과"));
        assert_eq!(
            e.account_publisher_in(0, 2, Lang::Ko),
            Some("NKDB"),
            "no translation given"
        );
        assert_eq!(e.account_publisher_in(0, 1, Lang::En), Some("Wikipedia"));
        assert_eq!(e.account_publisher_in(1, 0, Lang::Ko), None);
    }
}
