//! "Cite it": each source, and each event's quoted passages, as a plain-text citation and in
//! the three formats reference managers read: CSL-JSON (Zotero, Mendeley, pandoc), BibTeX
//! (biblatex `@online`) and RIS (EndNote, Zotero).
//!
//! A source is one reference. An event is cited by the passages it quotes: one reference per
//! passage, carrying the source's metadata, the passage verbatim as its note (the locator) and
//! the address that leads to those words at the publisher ([`crate::fragment`]). The build
//! writes them under `dist/cite/` ([`files`]); the bundle carries each source's plain-text
//! citation so the page can offer "Copy citation" without this module.
//!
//! Authors are given only where the source names one; a name is split at its last space into
//! given and family names ("Azeezat Okunlola"), which holds for the names in the data.

use crate::data::{Bundle, LocatedEvent, LocatedSource};
use crate::model::{PartialDate, Source, SourceKind};
use serde_json::{json, Value};

/// Where the build writes the citation files, under the site folder.
pub const DIR: &str = "cite";

/// The plain-text citation of a source, e.g.
/// `Okunlola, Azeezat. “Title.” Document Women, 28 March 2023. https://…`.
pub fn source_citation(s: &Source) -> String {
    let mut out = String::new();
    if let Some((given, family)) = s.author.as_deref().and_then(split_name) {
        out.push_str(&format!("{family}, {given}. "));
    }
    // Double quotes inside the title become single ones inside the citation's quotation marks.
    let title = nest_quotes(&s.title);
    let stop = if title.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    out.push_str(&format!(
        "\u{201C}{title}{stop}\u{201D} {}, {}.",
        s.publisher,
        s.published.display(crate::lang::Lang::En)
    ));
    if let Some(url) = &s.url {
        if s.reprint {
            out.push_str(&format!(" Reprint: {url}"));
        } else {
            out.push_str(&format!(" {url}"));
        }
    }
    out
}

/// One reference: a source, or one of its passages as an event quotes it.
pub struct Reference<'a> {
    /// Citation key / item id: the source id, or `<event>:<source>:<passage>`.
    pub key: String,
    pub source: &'a LocatedSource,
    /// The passage number, for a reference to a quoted passage.
    pub passage: Option<usize>,
}

impl Reference<'_> {
    fn s(&self) -> &Source {
        &self.source.source
    }

    /// The passage verbatim, white space collapsed.
    fn quoted(&self) -> Option<String> {
        let text = self.source.passage_text(self.passage?)?;
        Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    fn check_url(&self) -> Option<&str> {
        self.source
            .passages
            .get(self.passage?)?
            .check_url
            .as_deref()
    }

    /// The note: the quoted passage and where to find its words, then what the address is.
    fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(q) = self.quoted() {
            parts.push(format!("Passage quoted: \u{201C}{q}\u{201D}"));
        }
        if let Some(u) = self.check_url() {
            let at = if self.s().reprint {
                "The words in the reprint"
            } else {
                "The words at the publisher"
            };
            parts.push(format!("{at}: {u}"));
        }
        match (&self.s().url_note, self.s().reprint) {
            (Some(n), _) => parts.push(n.clone()),
            (None, true) => {
                parts.push("The address is a reprint, not the original publisher's page.".into())
            }
            (None, false) => {}
        }
        (!parts.is_empty()).then(|| parts.join(" \u{2014} "))
    }
}

/// The five sources, one reference each.
pub fn source_references(bundle: &Bundle) -> Vec<Reference<'_>> {
    bundle
        .sources
        .iter()
        .map(|s| Reference {
            key: s.source.id.clone(),
            source: s,
            passage: None,
        })
        .collect()
}

/// An event's references: one per passage it quotes.
pub fn event_references<'a>(bundle: &'a Bundle, le: &LocatedEvent) -> Vec<Reference<'a>> {
    bundle
        .event_passages(le)
        .into_iter()
        .map(|(s, n)| Reference {
            key: format!("{}:{}:{n}", le.event.id, s.source.id),
            source: s,
            passage: Some(n),
        })
        .collect()
}

fn split_name(name: &str) -> Option<(&str, &str)> {
    let name = name.trim();
    match name.rsplit_once(' ') {
        Some((given, family)) => Some((given.trim(), family)),
        None if !name.is_empty() => Some(("", name)),
        None => None,
    }
}

fn nest_quotes(title: &str) -> String {
    let mut open = true;
    title
        .chars()
        .map(|c| match c {
            '"' | '\u{201C}' | '\u{201D}' => {
                let q = if open { '\u{2018}' } else { '\u{2019}' };
                open = !open;
                q
            }
            c => c,
        })
        .collect()
}

fn date_parts(d: &PartialDate) -> Vec<i64> {
    let mut v = vec![i64::from(d.year)];
    v.extend(d.month.map(i64::from));
    v.extend(d.day.map(i64::from));
    v
}

/// CSL-JSON: an array of items (<https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html>).
pub fn csl_json(refs: &[Reference]) -> String {
    let items: Vec<Value> = refs
        .iter()
        .map(|r| {
            let s = r.s();
            let mut item = json!({
                "id": r.key,
                "type": match s.kind {
                    SourceKind::NgoPost => "post-weblog",
                    SourceKind::Wire | SourceKind::News => "article-newspaper",
                },
                "title": s.title,
                "container-title": s.publisher,
                "publisher": s.publisher,
                "issued": { "date-parts": [date_parts(&s.published)] },
            });
            if let Some((given, family)) = s.author.as_deref().and_then(split_name) {
                item["author"] = json!([{ "family": family, "given": given }]);
            }
            if let Some(url) = &s.url {
                item["URL"] = json!(url);
            }
            if let Some(note) = r.note() {
                item["note"] = json!(note);
            }
            item
        })
        .collect();
    serde_json::to_string_pretty(&items).expect("CSL-JSON serialises") + "\n"
}

/// Escapes text for a BibTeX field in braces.
fn bib_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// BibTeX, as biblatex `@online` entries (UTF-8; `url` verbatim).
pub fn bibtex(refs: &[Reference]) -> String {
    let mut out = String::new();
    for r in refs {
        let s = r.s();
        let mut fields: Vec<(&str, String)> = Vec::new();
        if let Some((given, family)) = s.author.as_deref().and_then(split_name) {
            fields.push(("author", bib_escape(&format!("{family}, {given}"))));
        }
        fields.push(("title", bib_escape(&s.title)));
        fields.push(("organization", bib_escape(&s.publisher)));
        fields.push(("date", s.published.to_string()));
        if let Some(url) = &s.url {
            fields.push(("url", url.clone()));
        }
        if let Some(note) = r.note() {
            fields.push(("note", bib_escape(&note)));
        }
        out.push_str(&format!("@online{{{},\n", r.key));
        for (k, v) in fields {
            out.push_str(&format!("  {k} = {{{v}}},\n"));
        }
        out.push_str("}\n\n");
    }
    out
}

/// One RIS value: a single line.
fn ris_value(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// RIS records (`TY  - ` … `ER  - `).
pub fn ris(refs: &[Reference]) -> String {
    let mut out = String::new();
    for r in refs {
        let s = r.s();
        let mut tag = |t: &str, v: &str| out.push_str(&format!("{t}  - {}\n", ris_value(v)));
        // News stories as web pages (ELEC): in the RIS spec's NEWS type DA is not the date of
        // publication, and readers such as citation-js then keep only PY's year.
        tag(
            "TY",
            match s.kind {
                SourceKind::NgoPost => "BLOG",
                SourceKind::Wire | SourceKind::News => "ELEC",
            },
        );
        tag("ID", &r.key);
        tag("TI", &s.title);
        if let Some((given, family)) = s.author.as_deref().and_then(split_name) {
            tag("AU", &format!("{family}, {given}"));
        }
        tag("T2", &s.publisher);
        tag("PB", &s.publisher);
        tag("PY", &s.published.year.to_string());
        let two = |v: Option<u8>| v.map_or(String::new(), |v| format!("{v:02}"));
        tag(
            "DA",
            &format!(
                "{}/{}/{}/",
                s.published.year,
                two(s.published.month),
                two(s.published.day)
            ),
        );
        if let Some(url) = &s.url {
            tag("UR", url);
        }
        if let Some(note) = r.note() {
            tag("N1", &note);
        }
        out.push_str("ER  - \n\n");
    }
    out
}

/// Plain-text citations, one a paragraph.
pub fn plain(refs: &[Reference]) -> String {
    refs.iter()
        .map(|r| match r.passage {
            Some(n) => r.source.passage_citation(n).unwrap_or_default(),
            None => r.source.citation.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n"
}

/// Every citation file the build writes, as (path under the site folder, contents):
/// `cite/sources.{json,bib,ris,txt}` (all sources), `cite/source/<id>.*` (one source) and
/// `cite/event/<id>.*` (an event's quoted passages; its `.txt` is [`Bundle::event_citation`]).
pub fn files(bundle: &Bundle) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut all = |stem: &str, refs: &[Reference], txt: String| {
        out.push((format!("{DIR}/{stem}.json"), csl_json(refs)));
        out.push((format!("{DIR}/{stem}.bib"), bibtex(refs)));
        out.push((format!("{DIR}/{stem}.ris"), ris(refs)));
        out.push((format!("{DIR}/{stem}.txt"), txt));
    };
    let sources = source_references(bundle);
    all("sources", &sources, plain(&sources));
    for r in &sources {
        let one = [Reference {
            key: r.key.clone(),
            source: r.source,
            passage: None,
        }];
        all(&format!("source/{}", r.key), &one, plain(&one));
    }
    for le in &bundle.events {
        let refs = event_references(bundle, le);
        all(
            &format!("event/{}", le.event.id),
            &refs,
            bundle.event_citation(le) + "\n",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    fn source(author: Option<&str>, reprint: bool) -> Source {
        Source {
            id: "s".into(),
            title: "Over 500,000 Face \"Systematic Rape,\" as They Flee".into(),
            publisher: "Document Women".into(),
            author: author.map(String::from),
            published: PartialDate::ymd(2023, 3, 28),
            url: Some("https://example.org/a".into()),
            url_note: None,
            translations: Default::default(),
            reprint,
            file: "sources/s.txt".into(),
            sha256: String::new(),
            kind: SourceKind::News,
            furniture: vec![],
            testimony: false,
        }
    }

    #[test]
    fn plain_citation_names_author_title_publisher_date_and_address() {
        assert_eq!(
            source_citation(&source(Some("Azeezat Okunlola"), false)),
            "Okunlola, Azeezat. \u{201C}Over 500,000 Face \u{2018}Systematic Rape,\u{2019} as They Flee.\u{201D} Document Women, 28 March 2023. https://example.org/a"
        );
        let mut s = source(None, true);
        s.title = "Is it?".into();
        s.published = PartialDate::parse("2019-05").unwrap();
        assert_eq!(
            source_citation(&s),
            "\u{201C}Is it?\u{201D} Document Women, May 2019. Reprint: https://example.org/a"
        );
    }

    fn located() -> LocatedSource {
        let mut s = LocatedSource::fixture("One two three 100% & four.", &[(4, 25)], &[]);
        s.source = source(Some("Azeezat Okunlola"), false);
        s.citation = source_citation(&s.source);
        s.passages[0].check_url = Some("https://example.org/a#:~:text=two".into());
        s
    }

    #[test]
    fn passage_references_carry_the_quote_and_its_address() {
        let s = located();
        let r = Reference {
            key: "e:s:0".into(),
            source: &s,
            passage: Some(0),
        };
        let refs = [r];
        let csl: Value = serde_json::from_str(&csl_json(&refs)).unwrap();
        assert_eq!(csl[0]["id"], "e:s:0");
        assert_eq!(csl[0]["author"][0]["family"], "Okunlola");
        assert_eq!(csl[0]["issued"]["date-parts"][0], json!([2023, 3, 28]));
        assert_eq!(
            csl[0]["note"],
            "Passage quoted: \u{201C}two three 100% & four\u{201D} \u{2014} The words at the publisher: https://example.org/a#:~:text=two"
        );
        let bib = bibtex(&refs);
        assert!(
            bib.starts_with("@online{e:s:0,\n  author = {Okunlola, Azeezat},\n"),
            "{bib}"
        );
        assert!(
            bib.contains("note = {Passage quoted: \u{201C}two three 100\\% \\& four\u{201D}"),
            "{bib}"
        );
        assert!(bib.contains("  date = {2023-03-28},\n"), "{bib}");
        let ris = ris(&refs);
        assert!(ris.starts_with("TY  - ELEC\nID  - e:s:0\n"), "{ris}");
        assert!(ris.contains("\nDA  - 2023/03/28/\n"), "{ris}");
        assert!(ris.ends_with("ER  - \n\n"), "{ris}");
    }

    #[test]
    fn bibtex_escapes_its_special_characters() {
        assert_eq!(bib_escape("$105mn & 70% #1 a_b {x} ~^\\"), "\\$105mn \\& 70\\% \\#1 a\\_b \\{x\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}");
    }

    #[test]
    fn partial_dates_stay_partial() {
        assert_eq!(
            date_parts(&PartialDate::parse("2019-05").unwrap()),
            vec![2019, 5]
        );
        let mut s = located();
        s.source.published = PartialDate::parse("2019-05").unwrap();
        let refs = [Reference {
            key: "s".into(),
            source: &s,
            passage: None,
        }];
        assert!(ris(&refs).contains("\nDA  - 2019/05//\n"));
        assert!(bibtex(&refs).contains("date = {2019-05}"));
    }
}
