//! One event as readers see it, built once per event and language, with three outputs: the
//! static list's `<li>` (the page without JavaScript, and the printed handout), the details
//! panel, and the presentation slide. All three are [`El`] trees, so the static HTML, the DOM
//! panel and the slide say the same things by construction; snapshot tests pin them.
//!
//! What differs between the outputs is only where a citation leads: on the static page to the
//! source's entry in the source list (`#src-<id>`), in the panel and on the slide to the source
//! reader at the passage (`#source=<id>&passage=<n>`).

use crate::data::{Bundle, LocatedEvent, LocatedSource};
use crate::html::{hash_link, link, El};
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::model::{since, EventKind, PartialDate};
use crate::route::encode;

mod cite;
mod list;
mod panel;
mod slide;

pub use cite::{check_link, cite_all_sources, cite_downloads, source_item, url_note};

/// The language of the source texts, their titles and the figures they give. All five are in
/// English; marking them lets a screen reader on the Korean page read them with an English voice.
pub const SOURCE_LANG: Lang = Lang::En;

/// Links to the page in every language but `shown`, each named in its own language (`한국어`,
/// `English`) and marked with it, at the same place (`hash`, "#" or "" for none): the header's
/// language choice, written by the build and kept right by the page as the place changes.
pub fn lang_links(shown: Lang, hash: &str) -> Vec<crate::html::Node> {
    let hash = if hash == "#" { "" } else { hash };
    let mut out = Vec::new();
    for l in Lang::ALL.into_iter().filter(|l| *l != shown) {
        if !out.is_empty() {
            out.push(crate::html::Node::Text(" · ".into()));
        }
        out.push(crate::html::Node::El(
            El::new("a")
                .attr("href", format!("{}{hash}", l.page_address()))
                .attr("hreflang", l.code())
                .lang(l)
                .text(crate::i18n::strings(l).lang_name),
        ));
    }
    out
}

/// The address of passage `n` of source `source` in the reader.
pub fn passage_hash(source: &str, n: usize) -> String {
    format!("#source={}&passage={n}", encode(source))
}

/// Where a statement comes from: one of the texts, at a passage.
#[derive(Clone, Debug, PartialEq)]
pub struct Cite {
    pub source: String,
    pub publisher: String,
    pub published: PartialDate,
    pub passage: usize,
    /// The same words on the publisher's page (a URL text fragment), when it has an address.
    pub check_url: Option<String>,
    /// That page is another publisher's reprint.
    pub reprint: bool,
}

/// One side of a disagreement.
#[derive(Clone, Debug, PartialEq)]
pub enum From {
    /// One of the texts, at a passage.
    Text(Cite),
    /// A primary report, named by its publisher and address.
    Report {
        publisher: String,
        url: String,
    },
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FigureView {
    pub label: String,
    /// As the source writes it.
    pub value: String,
    /// In the page's language, when the data translates it.
    pub value_in: Option<String>,
    pub cite: Option<Cite>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    pub about: String,
    /// What each source says, and which source.
    pub accounts: Vec<(String, From)>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuoteView {
    /// The source's own words (the located passage, not the quote as typed in the data).
    pub text: String,
    /// A survivor's own words, which a reader may choose to hide.
    pub testimony: bool,
    pub cite: Cite,
}

/// Everything about one event, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct EventView {
    pub id: String,
    pub kind: EventKind,
    pub lang: Lang,
    /// The start is approximate ("c. 2000").
    pub approximate: bool,
    pub title: String,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub date_note: Option<String>,
    pub summary: String,
    pub actors: Vec<String>,
    pub figures: Vec<FigureView>,
    pub disagreements: Vec<Disagreement>,
    pub quotes: Vec<QuoteView>,
    pub links: Vec<(String, String)>,
    /// The first sentence of the event's citation (English, as citation styles write it); the
    /// copied citation and the downloads add every passage the event quotes.
    pub citation: String,
}

/// How the panel shows testimony: all of it, or hidden but for the quotes the reader opened.
#[derive(Clone, Copy, Debug)]
pub struct Testimony<'a> {
    pub hide: bool,
    /// Indices of quotes shown on request although testimony is hidden.
    pub revealed: &'a [usize],
}

impl Testimony<'_> {
    pub const SHOW: Testimony<'static> = Testimony {
        hide: false,
        revealed: &[],
    };

    fn hidden(&self, q: usize, view: &EventView) -> bool {
        self.hide && view.quotes[q].testimony && !self.revealed.contains(&q)
    }
}

fn cite_of(bundle: &Bundle, source: &str, passage: usize) -> Option<Cite> {
    let src = bundle.source(source)?;
    Some(Cite {
        source: source.to_string(),
        publisher: src.source.publisher.clone(),
        published: src.source.published,
        passage,
        check_url: src.passages.get(passage).and_then(|p| p.check_url.clone()),
        reprint: src.source.reprint,
    })
}

impl EventView {
    /// The view of `le` in `lang` (texts the data does not translate stay in English).
    pub fn new(bundle: &Bundle, le: &LocatedEvent, lang: Lang) -> EventView {
        let e = &le.event;
        let figures = e
            .figures
            .iter()
            .zip(&le.figures)
            .enumerate()
            .map(|(i, (f, &n))| FigureView {
                label: e.figure_label_in(i, lang).to_string(),
                value: f.value.clone(),
                value_in: e.figure_value_in(i, lang).map(str::to_string),
                cite: cite_of(bundle, &f.source, n),
            })
            .collect();
        let disagreements = e
            .discrepancies
            .iter()
            .zip(&le.accounts)
            .enumerate()
            .map(|(di, (d, nums))| {
                let (about, says, note) = e.discrepancy_in(di, lang).unwrap_or((
                    d.about.as_str(),
                    Vec::new(),
                    d.note.as_deref(),
                ));
                let accounts = d
                    .accounts
                    .iter()
                    .zip(nums)
                    .enumerate()
                    .map(|(ai, (a, n))| {
                        let said = says.get(ai).copied().unwrap_or(a.says.as_str());
                        let from = match (&a.source, n, &a.url) {
                            (Some(s), Some(n), _) => {
                                cite_of(bundle, s, *n).map_or(From::Unknown, From::Text)
                            }
                            (_, _, Some(url)) => From::Report {
                                publisher: e
                                    .account_publisher_in(di, ai, lang)
                                    .map_or_else(|| url.clone(), str::to_string),
                                url: url.clone(),
                            },
                            _ => From::Unknown,
                        };
                        (said.to_string(), from)
                    })
                    .collect();
                Disagreement {
                    about: about.to_string(),
                    accounts,
                    note: note.map(str::to_string),
                }
            })
            .collect();
        let quotes = e
            .evidence
            .iter()
            .zip(&le.evidence)
            .filter_map(|(q, &n)| {
                let src = bundle.source(&q.source)?;
                Some(QuoteView {
                    text: src.passage_text(n).unwrap_or(&q.quote).to_string(),
                    testimony: q.testimony,
                    cite: cite_of(bundle, &q.source, n)?,
                })
            })
            .collect();
        EventView {
            id: e.id.clone(),
            kind: e.kind,
            lang,
            approximate: e.approximate,
            title: e.title_in(lang).to_string(),
            start: e.start,
            end: e.end,
            date_note: e.date_note_in(lang).map(str::to_string),
            summary: e.summary_in(lang).to_string(),
            actors: e.actors_in(lang).into_iter().map(String::from).collect(),
            figures,
            disagreements,
            quotes,
            links: e
                .links
                .iter()
                .enumerate()
                .map(|(i, l)| (e.link_label_in(i, lang).to_string(), l.url.clone()))
                .collect(),
            citation: Bundle::event_citation_head(le),
        }
    }

    /// The date as text: one date, a range, or a start and "onwards".
    pub fn date_label(&self) -> String {
        let start = self.start_label();
        match self.end {
            Some(end) => format!(
                "{start}{}{}",
                self.lang.range_dash(),
                end.display(self.lang)
            ),
            None if self.kind == EventKind::Period => format!("{start}{}", since(self.lang)),
            None => start,
        }
    }

    fn start_label(&self) -> String {
        match (self.approximate, self.lang) {
            (false, _) => self.start.display(self.lang),
            (true, Lang::Ko) => format!("{}경", self.start.display(self.lang)),
            (true, Lang::En) => format!("c. {}", self.start.display(self.lang)),
        }
    }

    /// On a page in another language than the sources', a line saying that the quotes below
    /// are the sources' own words, in English (the summaries around them are translated).
    fn quotes_original(&self, t: &Strings) -> Option<El> {
        (self.lang != SOURCE_LANG && !self.quotes.is_empty())
            .then(|| El::with_class("p", "small quotes-original").text(t.quotes_original))
    }

    /// The date with machine-readable `<time>` elements, then the kind: "1994 – 1998 · Period".
    fn date_line(&self, class: &str, t: &Strings) -> El {
        let time = |d: &PartialDate| {
            El::new("time")
                .attr("datetime", d.to_string())
                .text(d.display(self.lang))
        };
        let mut p = El::with_class("p", class);
        if self.approximate && self.lang == Lang::En {
            p.push_text("c. ");
        }
        p.push(time(&self.start));
        if self.approximate && self.lang == Lang::Ko {
            p.push_text("경");
        }
        match self.end {
            Some(end) => {
                p.push_text(self.lang.range_dash());
                p.push(time(&end));
            }
            None if self.kind == EventKind::Period => p.push_text(since(self.lang)),
            None => {}
        }
        p.push_text(" · ");
        p.child(El::with_class("span", "ev-kind").text(t.kind(self.kind)))
    }

    fn actors_line(&self, class: &str, t: &Strings) -> Option<El> {
        (!self.actors.is_empty()).then(|| {
            El::with_class("p", class).text(format!("{}: {}", t.actors, self.actors.join(", ")))
        })
    }

    /// The figures as a list: "label: value — source"; translated, "label: value (원문:
    /// source's words) — source".
    fn figures_list(&self, class: &str, out: Output, t: &Strings) -> El {
        let mut ul = El::with_class("ul", class);
        for (i, f) in self.figures.iter().enumerate() {
            let mut li = El::new("li").text(format!("{}: ", f.label));
            match &f.value_in {
                Some(v) => {
                    li.push(El::new("strong").text(v));
                    li.push_text(format!(" ({}: ", t.original_words));
                    li.push(El::new("span").lang(SOURCE_LANG).text(&f.value));
                    li.push_text(")");
                }
                None => li.push(El::new("strong").lang(SOURCE_LANG).text(&f.value)),
            }
            if let Some(c) = &f.cite {
                li.push_text(" — ");
                match out {
                    Output::Slide => {
                        li.push(El::with_class("span", "pres-cite").text(self.slide_cite(c)))
                    }
                    _ => {
                        for n in self.cite_nodes(c, out, self.cite_index(Part::Figure(i))) {
                            li.push(n);
                        }
                    }
                }
            }
            ul.push(li);
        }
        ul
    }

    fn disagreement_blocks(&self, heading: &'static str, out: Output, _t: &Strings) -> Vec<El> {
        self.disagreements
            .iter()
            .enumerate()
            .map(|(di, d)| {
                let mut ul = El::new("ul");
                for (ai, (said, from)) in d.accounts.iter().enumerate() {
                    let mut li = El::new("li").child(El::new("strong").text(said));
                    li.push_text(" — ");
                    match from {
                        From::Text(c) => {
                            for n in self.cite_nodes(c, out, self.cite_index(Part::Account(di, ai)))
                            {
                                li.push(n);
                            }
                        }
                        From::Report { publisher, url } => li.push(link(url, publisher)),
                        From::Unknown => {}
                    }
                    ul.push(li);
                }
                let mut div = El::with_class("div", "discrepancy")
                    .child(El::new(heading).text(&d.about))
                    .child(ul);
                if let Some(n) = &d.note {
                    div.push(El::with_class("p", "note").text(n));
                }
                div
            })
            .collect()
    }

    /// A citation: on the static page, the publisher linked to the source list and the date; in
    /// the panel, "publisher, date" linked to the reader at the passage.
    fn cite_nodes(&self, c: &Cite, out: Output, index: usize) -> Vec<El> {
        match out {
            Output::Static => vec![
                hash_link(&format!("#src-{}", c.source), &c.publisher, ""),
                El::new("span").text(", "),
                El::new("time")
                    .attr("datetime", c.published.to_string())
                    .text(c.published.display(self.lang)),
            ],
            Output::Panel | Output::Slide => {
                let label = format!("{}, {}", c.publisher, c.published.display(self.lang));
                vec![self.reader_link(c, &label, index)]
            }
        }
    }

    fn reader_link(&self, c: &Cite, label: &str, index: usize) -> El {
        hash_link(&passage_hash(&c.source, c.passage), label, "quote-link")
            .id(format!("cite-{index}"))
            .attr("data-source", &c.source)
            .attr("data-passage", c.passage.to_string())
    }

    /// The number of a link to the reader in the panel, in the order the panel shows them:
    /// figures, then disagreements' accounts, then quotes.
    fn cite_index(&self, part: Part) -> usize {
        let accounts: usize = self.disagreements.iter().map(|d| d.accounts.len()).sum();
        match part {
            Part::Figure(i) => i,
            Part::Account(d, a) => {
                self.figures.len()
                    + self.disagreements[..d]
                        .iter()
                        .map(|d| d.accounts.len())
                        .sum::<usize>()
                    + a
            }
            Part::Quote(k) => self.figures.len() + accounts + k,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Static,
    Panel,
    Slide,
}

#[derive(Clone, Copy)]
enum Part {
    Figure(usize),
    Account(usize, usize),
    Quote(usize),
}
