//! Loading and checking the dataset.
//!
//! [`load`] takes the two JSON texts and the source texts as plain strings (reading files is the
//! command line's job) and returns either a checked [`Dataset`] or every problem at once, each a
//! [`DataError`] with file, line, column, the field's path, what is wrong and what to do.
//! The checks of single fields, and the report that locates them, are in `check`; those of one
//! source in `source`.

use super::locate;

use crate::model::{Event, EventKind, Source};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;

mod check;
mod source;
use check::{
    check_account, check_https, check_nonempty, check_quote, is_slug, is_translation_lang,
    parse_array, translation_langs_fix, Report,
};

/// Where the events and sources are read from, relative to the data folder.
pub const EVENTS_FILE: &str = "events.json";
pub const SOURCES_FILE: &str = "sources.json";

/// The project's list of verified references (titles, dates, addresses), which the fixes point
/// to, relative to the project folder.
pub const REFERENCES_FILE: &str = "docs/REFERENCES.md";

/// One problem in the data, located.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// File name as given to [`load`], e.g. `data/events.json`.
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// JSON path of the field, e.g. `[3].evidence[0].quote`; empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub problem: String,
    /// What to do about it.
    pub fix: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}. Fix: {}", self.problem, self.fix)
    }
}

/// The files [`load`] reads, as text. `texts` maps each source's `file` to its contents.
pub struct Inputs<'a> {
    pub events_name: &'a str,
    pub events: &'a str,
    pub sources_name: &'a str,
    pub sources: &'a str,
    pub texts: &'a BTreeMap<String, String>,
}

/// The checked dataset: events in date order, sources, their texts, and every quote located.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub sources: Vec<Source>,
    /// `texts[i]` is the text of `sources[i]`, unchanged.
    pub texts: Vec<String>,
    pub events: Vec<Event>,
    /// Where each quote stands: (source index, quote as written) → byte range in its text,
    /// found once while checking.
    quotes: HashMap<(usize, String), Range<usize>>,
}

/// The source texts by id, and every quote found in them while checking.
#[derive(Default)]
struct Texts<'a> {
    by_id: HashMap<&'a str, (usize, &'a str)>,
    found: std::cell::RefCell<HashMap<(usize, String), Range<usize>>>,
}

impl Dataset {
    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.sources.iter().position(|s| s.id == id)
    }

    /// How many quotes (evidence, figures, accounts) the events cite.
    pub fn quote_count(&self) -> usize {
        self.events
            .iter()
            .map(|e| {
                e.evidence.len()
                    + e.figures.len()
                    + e.discrepancies
                        .iter()
                        .flat_map(|d| &d.accounts)
                        .filter(|a| a.quote.is_some())
                        .count()
            })
            .sum()
    }

    /// The byte range of `quote` in source `source`, as `load` found it. Every quote of a loaded
    /// dataset has one.
    pub fn locate(&self, source: &str, quote: &str) -> Option<Range<usize>> {
        let i = self.source_index(source)?;
        self.quotes.get(&(i, quote.to_string())).cloned()
    }
}

/// Reads `DIR/events.json`, `DIR/sources.json` and every source text they name, then checks them.
/// The error is the formatted list of problems, ready to print.
pub fn load_dir(dir: &Path) -> Result<Dataset, String> {
    let read = |name: &str| {
        let p = dir.join(name);
        std::fs::read_to_string(&p).map_err(|e| {
            format!(
                "{}: cannot read: {e}. Fix: run from the project folder or pass --data DIR\n",
                p.display()
            )
        })
    };
    let events = read(EVENTS_FILE)?;
    let sources = read(SOURCES_FILE)?;
    let texts = source_files(&sources)
        .into_iter()
        .filter_map(|f| read(&f).ok().map(|t| (f, t)))
        .collect::<BTreeMap<_, _>>();
    let events_name = dir.join(EVENTS_FILE).display().to_string();
    let sources_name = dir.join(SOURCES_FILE).display().to_string();
    load(&Inputs {
        events_name: &events_name,
        events: &events,
        sources_name: &sources_name,
        sources: &sources,
        texts: &texts,
    })
    .map_err(|errs| format_errors(&errs))
}

/// Loads and checks everything. On success the events are sorted by start date (then id).
pub fn load(inputs: &Inputs) -> Result<Dataset, Vec<DataError>> {
    let mut errors = Vec::new();

    // Sources.
    let (sources, spans) =
        parse_array::<Source>(inputs.sources_name, inputs.sources, "sources", &mut errors);
    let mut report = Report {
        file: inputs.sources_name,
        spans,
        errors: &mut errors,
    };
    let mut seen = HashSet::new();
    let mut texts = Vec::new();
    let mut by_id = Texts::default();
    for (i, s) in &sources {
        let p = format!("[{i}]");
        if !is_slug(&s.id) {
            report.push(
                &format!("{p}.id"),
                format!("`{}` is not a valid id", s.id),
                "use lowercase letters, digits and hyphens, e.g. `bbc-2018-11-01`",
            );
        }
        if !seen.insert(s.id.as_str()) {
            report.push(
                &format!("{p}.id"),
                format!("duplicate source id `{}`", s.id),
                "give every source its own id",
            );
        }
        texts.push(source::check_source(&mut report, &p, s, inputs.texts));
    }
    let sources: Vec<Source> = sources.into_iter().map(|(_, s)| s).collect();
    for (k, s) in sources.iter().enumerate() {
        by_id
            .by_id
            .entry(s.id.as_str())
            .or_insert((k, texts[k].as_str()));
    }

    // Events.
    let (events, spans) =
        parse_array::<Event>(inputs.events_name, inputs.events, "events", report.errors);
    let mut report = Report {
        file: inputs.events_name,
        spans,
        errors: report.errors,
    };
    let mut seen = HashSet::new();
    // (language, English actor name) → (its translation, the event that gave it first).
    let mut actor_names: HashMap<(String, String), (String, String)> = HashMap::new();
    for (i, e) in &events {
        let p = format!("[{i}]");
        if !is_slug(&e.id) {
            report.push(
                &format!("{p}.id"),
                format!("`{}` is not a valid id", e.id),
                "use lowercase letters, digits and hyphens, e.g. `hrw-report-2018`",
            );
        }
        if !seen.insert(e.id.as_str()) {
            report.push(
                &format!("{p}.id"),
                format!("duplicate event id `{}`", e.id),
                "give every event its own id; deep links use it",
            );
        }
        check_nonempty(&mut report, &format!("{p}.title"), &e.title, "title");
        check_nonempty(&mut report, &format!("{p}.summary"), &e.summary, "summary");
        if let Some(end) = e.end {
            if end < e.start {
                report.push(
                    &format!("{p}.end"),
                    format!("the end ({end}) is before the start ({})", e.start),
                    "swap start and end, or correct the dates from the source",
                );
            }
        }
        if e.evidence.is_empty() {
            report.push(
                &format!("{p}.evidence"),
                "the event has no evidence",
                "add at least one {\"source\", \"quote\"} with a verbatim passage",
            );
        }
        for (j, ev) in e.evidence.iter().enumerate() {
            check_quote(
                &mut report,
                &format!("{p}.evidence[{j}].quote"),
                &ev.source,
                &ev.quote,
                &by_id,
            );
        }
        for (j, f) in e.figures.iter().enumerate() {
            let fp = format!("{p}.figures[{j}]");
            check_nonempty(&mut report, &format!("{fp}.label"), &f.label, "label");
            check_quote(
                &mut report,
                &format!("{fp}.quote"),
                &f.source,
                &f.quote,
                &by_id,
            );
            if f.value.trim().is_empty() || locate(&f.quote, &f.value).is_none() {
                report.push(
                    &format!("{fp}.value"),
                    format!(
                        "the value `{}` does not appear in the figure's quote",
                        f.value
                    ),
                    "write the figure exactly as the quote gives it (no rounding, no conversion)",
                );
            }
        }
        for (j, l) in e.links.iter().enumerate() {
            check_nonempty(
                &mut report,
                &format!("{p}.links[{j}].label"),
                &l.label,
                "label",
            );
            check_https(&mut report, &format!("{p}.links[{j}].url"), &l.url);
        }
        for (j, d) in e.discrepancies.iter().enumerate() {
            let dp = format!("{p}.discrepancies[{j}]");
            if d.accounts.len() < 2 {
                report.push(
                    &format!("{dp}.accounts"),
                    "a disagreement needs at least two accounts",
                    "add what each source says",
                );
            }
            for (k, a) in d.accounts.iter().enumerate() {
                check_account(&mut report, &format!("{dp}.accounts[{k}]"), a, &by_id);
            }
        }
        for (lang, t) in &e.translations {
            let tp = format!("{p}.translations.{lang}");
            let counts = [
                ("figures", t.figures.len(), e.figures.len()),
                ("figure_values", t.figure_values.len(), e.figures.len()),
                ("links", t.links.len(), e.links.len()),
                ("actors", t.actors.len(), e.actors.len()),
                (
                    "discrepancies",
                    t.discrepancies.len(),
                    e.discrepancies.len(),
                ),
            ];
            for (field, got, want) in counts {
                if got != 0 && got != want {
                    report.push(
                        &format!("{tp}.{field}"),
                        format!("{got} translated {field} for {want} in the event"),
                        format!(
                            "give one entry per entry of the event's `{field}`, in the same order"
                        ),
                    );
                }
            }
            for (j, (en, name)) in e.actors.iter().zip(&t.actors).enumerate() {
                let key = (lang.clone(), en.clone());
                match actor_names.get(&key) {
                    Some((first, by)) if first != name => report.push(
                        &format!("{tp}.actors[{j}]"),
                        format!("`{en}` is `{name}` here but `{first}` in event `{by}`"),
                        "give each actor one name in each language, in every event",
                    ),
                    Some(_) => {}
                    None => {
                        actor_names.insert(key, (name.clone(), e.id.clone()));
                    }
                }
            }
            for (j, (dt, d)) in t.discrepancies.iter().zip(&e.discrepancies).enumerate() {
                let named = d.accounts.iter().filter(|a| a.publisher.is_some()).count();
                if !dt.publishers.is_empty() && dt.publishers.len() != named {
                    report.push(
                        &format!("{tp}.discrepancies[{j}].publishers"),
                        format!(
                            "{} translated publishers for {named} accounts that name one",
                            dt.publishers.len()
                        ),
                        "give the publisher of each account that has `publisher`, in their order",
                    );
                }
                if dt.says.len() != d.accounts.len() {
                    report.push(
                        &format!("{tp}.discrepancies[{j}].says"),
                        format!(
                            "{} translated accounts for {}",
                            dt.says.len(),
                            d.accounts.len()
                        ),
                        "give what each account says, in the order of `accounts`",
                    );
                }
            }
            if !is_translation_lang(lang) {
                report.push(
                    &format!("{p}.translations.{lang}"),
                    format!("no interface language `{lang}`"),
                    translation_langs_fix(),
                );
            }
            check_nonempty(
                &mut report,
                &format!("{p}.translations.{lang}.title"),
                &t.title,
                "title",
            );
            check_nonempty(
                &mut report,
                &format!("{p}.translations.{lang}.summary"),
                &t.summary,
                "summary",
            );
        }
        if e.kind == EventKind::Period && e.end.is_none() && !e.tags.iter().any(|t| t == "ongoing")
        {
            report.push(
                &format!("{p}.end"),
                "a period has no end",
                "add `end`, or tag the period `ongoing` if the sources say it continues",
            );
        }
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    let mut events: Vec<Event> = events.into_iter().map(|(_, e)| e).collect();
    events.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    let quotes = by_id.found.into_inner();
    Ok(Dataset {
        sources,
        texts,
        events,
        quotes,
    })
}

/// Formats errors one per line, then a count, for the command line.
pub fn format_errors(errors: &[DataError]) -> String {
    let mut s = String::new();
    for e in errors {
        s.push_str(&e.to_string());
        s.push('\n');
    }
    s.push_str(&format!(
        "{} problem{} found.\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    s
}

/// The `file` of every source in a sources.json text, so the caller can read them before
/// [`load`]. Unparseable input gives an empty list (load then reports the problem).
pub fn source_files(sources_json: &str) -> Vec<String> {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str(sources_json) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|s| s.get("file")?.as_str().map(String::from))
        .collect()
}

/// The JSON Schemas of `events.json` and `sources.json`, generated from the types, as
/// `(file name, pretty JSON)`.
pub fn schemas() -> Vec<(&'static str, String)> {
    let events = schemars::schema_for!(Vec<crate::model::Event>);
    let sources = schemars::schema_for!(Vec<crate::model::Source>);
    let pretty =
        |s: &schemars::Schema| serde_json::to_string_pretty(s).expect("schema serialises") + "\n";
    vec![
        ("events.schema.json", pretty(&events)),
        ("sources.schema.json", pretty(&sources)),
    ]
}
