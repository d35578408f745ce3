//! Loading and checking the dataset.
//!
//! [`load`] takes the two JSON texts and the source texts as plain strings (reading files is the
//! command line's job) and returns either a checked [`Dataset`] or every problem at once, each a
//! [`DataError`] with file, line, column, the field's path, what is wrong and what to do.

use super::{locate, longest_matching_prefix, SpanIndex};

use crate::model::{Account, Event, EventKind, Source};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;

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

/// Collects errors for one file, turning paths into positions.
struct Report<'a> {
    file: &'a str,
    spans: SpanIndex,
    errors: &'a mut Vec<DataError>,
}

impl Report<'_> {
    fn push(&mut self, path: &str, problem: impl Into<String>, fix: impl Into<String>) {
        let pos = self.spans.find(path);
        self.errors.push(DataError {
            file: self.file.to_string(),
            line: pos.line,
            column: pos.column,
            path: path.to_string(),
            problem: problem.into(),
            fix: fix.into(),
        });
    }
}

/// Parses a file that must hold a JSON array of `T`, one item at a time so that one bad item
/// does not hide the problems of the others.
fn parse_array<T: serde::de::DeserializeOwned>(
    name: &str,
    text: &str,
    what: &str,
    errors: &mut Vec<DataError>,
) -> (Vec<(usize, T)>, SpanIndex) {
    let values: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            errors.push(DataError {
                file: name.to_string(),
                line: e.line(),
                column: e.column(),
                path: String::new(),
                problem: format!("not valid JSON: {e}"),
                fix: "check the brackets, commas and quotes just before this place (a trailing comma is the usual culprit)".into(),
            });
            return (Vec::new(), SpanIndex::default());
        }
    };
    let spans = SpanIndex::build(text);
    let mut report = Report {
        file: name,
        spans,
        errors,
    };
    let serde_json::Value::Array(items) = values else {
        report.push(
            "",
            format!("the file must hold a JSON array of {what}"),
            "wrap the entries in [ … ]",
        );
        return (Vec::new(), report.spans);
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, T>(item) {
            Ok(v) => out.push((i, v)),
            Err(e) => {
                let inner = e.path().to_string();
                let msg = e.inner().to_string();
                let mut path = format!("[{i}]");
                if inner != "." {
                    path.push('.');
                    path.push_str(&inner);
                }
                let fix = fix_for_serde(&msg);
                report.push(&path, msg, fix);
            }
        }
    }
    (out, report.spans)
}

/// A plain instruction for the usual serde complaints.
fn fix_for_serde(msg: &str) -> String {
    if msg.starts_with("unknown field") {
        "remove the field or correct its spelling to one of the expected names (see data/schema/)"
            .into()
    } else if msg.starts_with("missing field") {
        "add the field; see README.md, section \"The data format\"".into()
    } else if msg.starts_with("unknown variant") {
        "use one of the listed values".into()
    } else if msg.contains("partial ISO date") || msg.contains("no such") {
        "write the date as YYYY, YYYY-MM or YYYY-MM-DD, with only the precision the source gives"
            .into()
    } else {
        "give the field the type the schema in data/schema/ describes".into()
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn check_https(report: &mut Report, path: &str, url: &str) {
    if !url.starts_with("https://")
        || url.len() <= "https://".len()
        || url.contains(char::is_whitespace)
    {
        report.push(
            path,
            format!("`{url}` is not an https address"),
            format!("link only to verified https:// addresses (see {REFERENCES_FILE}); leave the link out if there is none"),
        );
    }
}

fn check_nonempty(report: &mut Report, path: &str, value: &str, field: &str) {
    if value.trim().is_empty() {
        report.push(
            path,
            format!("{field} is empty"),
            format!("write the {field}"),
        );
    }
}

/// Checks that `quote` stands in the text of `source`.
fn check_quote(report: &mut Report, path: &str, source: &str, quote: &str, sources: &Texts) {
    let Some(&(i, text)) = sources.by_id.get(source) else {
        report.push(
            path,
            format!("unknown source `{source}`"),
            "use the id of a source in data/sources.json",
        );
        return;
    };
    if quote.trim().is_empty() {
        report.push(
            path,
            "the quote is empty",
            "copy the passage verbatim from the source text",
        );
        return;
    }
    if let Some(r) = locate(text, quote) {
        sources.found.borrow_mut().insert((i, quote.to_string()), r);
    } else {
        let hint = match longest_matching_prefix(text, quote) {
            Some((prefix, line)) => format!(
                "copy it verbatim from the source; the first {} characters match at line {line} of its text, and it differs after \"{}\"",
                prefix.chars().count(),
                tail(&prefix, 30)
            ),
            None => "copy it verbatim from the source text; no part of its beginning was found there".into(),
        };
        report.push(path, format!("the quote is not in source `{source}`"), hint);
    }
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
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
        check_nonempty(&mut report, &format!("{p}.title"), &s.title, "title");
        check_nonempty(
            &mut report,
            &format!("{p}.publisher"),
            &s.publisher,
            "publisher",
        );
        if let Some(url) = &s.url {
            check_https(&mut report, &format!("{p}.url"), url);
        }
        if s.reprint && s.url.is_none() {
            report.push(
                &format!("{p}.reprint"),
                "a reprint with no address",
                "give the reprint's `url`, or leave `reprint` out",
            );
        }
        match inputs.texts.get(&s.file) {
            Some(text) => {
                if let Some((problem, fix)) =
                    crate::build::trace::hash_problem(&s.file, text, &s.sha256)
                {
                    report.push(&format!("{p}.sha256"), problem, fix);
                }
                for (j, f) in s.furniture.iter().enumerate() {
                    if locate(text, &f.quote).is_none() {
                        report.push(
                            &format!("{p}.furniture[{j}].quote"),
                            format!("the furniture passage is not in `{}`", s.file),
                            "copy the passage verbatim from the source text",
                        );
                    }
                }
                texts.push(text.clone());
            }
            None => {
                report.push(
                    &format!("{p}.file"),
                    format!("source text `{}` was not found", s.file),
                    "put the text under data/ at this path, unchanged, or correct the path",
                );
                texts.push(String::new());
            }
        }
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
            if !matches!(lang.as_str(), "ko") {
                report.push(
                    &format!("{p}.translations.{lang}"),
                    format!("no interface language `{lang}`"),
                    "use a language the site offers: `ko`",
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

fn check_account(report: &mut Report, path: &str, a: &Account, by_id: &Texts) {
    check_nonempty(report, &format!("{path}.says"), &a.says, "says");
    match (&a.source, &a.quote, &a.url) {
        (Some(source), Some(quote), None) => {
            check_quote(report, &format!("{path}.quote"), source, quote, by_id)
        }
        (None, None, Some(url)) => {
            check_https(report, &format!("{path}.url"), url);
            if a.publisher.as_deref().is_none_or(|p| p.trim().is_empty()) {
                report.push(&format!("{path}.publisher"), "an account from a primary report names no publisher", "add `publisher`");
            }
        }
        _ => report.push(
            path,
            "an account needs either `source` and `quote` (one of our texts) or `url` and `publisher` (a primary report)",
            "give one of the two pairs, not both",
        ),
    }
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
