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

/// The language of the source texts, their titles and the figures they give. All five are in
/// English; marking them lets a screen reader on the Korean page read them with an English voice.
pub const SOURCE_LANG: Lang = Lang::En;

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
            Some(end) => format!("{start} – {}", end.display(self.lang)),
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
                p.push_text(" – ");
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

    /// The static page's entry: everything, with citations to the source list.
    pub fn list_item(&self, t: &Strings) -> El {
        let out = Output::Static;
        let mut article = El::new("article")
            .child(El::new("h3").child(hash_link(
                &format!("#event={}", encode(&self.id)),
                &self.title,
                "ev-title",
            )))
            .child(self.date_line("ev-date", t))
            .child(El::with_class("p", "ev-summary").text(&self.summary));
        if let Some(n) = &self.date_note {
            article.push(El::with_class("p", "ev-date-note").text(n));
        }
        if let Some(a) = self.actors_line("ev-actors", t) {
            article.push(a);
        }
        if !self.figures.is_empty() {
            article.push(
                El::with_class("div", "ev-figures static-only")
                    .child(El::new("h4").text(t.figures))
                    .child(self.figures_list("", out, t)),
            );
        }
        if !self.disagreements.is_empty() {
            let mut div = El::with_class("div", "ev-disagreements static-only")
                .child(El::new("h4").text(t.disagreements));
            for d in self.disagreement_blocks("h5", out, t) {
                div.push(d);
            }
            article.push(div);
        }
        let mut quotes =
            El::with_class("div", "ev-quotes static-only").child(El::new("h4").text(t.evidence));
        for (k, q) in self.quotes.iter().enumerate() {
            // Survivors' testimony is marked, so a reader who chose to hide it does not get it
            // on paper either (print hides it and says so, see style.css).
            let mut bq = El::new("blockquote").lang(SOURCE_LANG);
            let mut cite = El::with_class("p", "cite");
            if q.testimony {
                bq = bq.class("testimony");
                cite = cite.attr("data-testimony-note", t.testimony_hidden);
            }
            quotes.push(bq.text(&q.text));
            cite.push_text("— ");
            for c in self.cite_nodes(&q.cite, out, k) {
                cite.push(c);
            }
            if let Some(check) = check_link(&q.cite, t) {
                cite.push_text(" · ");
                cite.push(check);
            }
            quotes.push(cite);
        }
        article.push(quotes);
        if !self.links.is_empty() {
            let mut ul = El::with_class("ul", "ev-links");
            for (label, url) in &self.links {
                ul.push(El::new("li").child(link(url, label)));
            }
            article.push(ul);
        }
        article.push(self.cite_entry("h4", out, t).class("static-only"));
        El::new("li")
            .attr("data-event", &self.id)
            .attr("data-kind", self.kind.as_str())
            .id(format!("ev-{}", self.id))
            .child(article)
    }

    /// The details panel's content: title, date, summary, figures, disagreements, the quotes
    /// (testimony hidden as asked) and the primary reports. Every link to the reader has an id,
    /// `cite-<k>` in order, so focus can return to the one that opened the reader.
    pub fn details(&self, t: &Strings, testimony: Testimony) -> Vec<El> {
        let out = Output::Panel;
        let mut v = vec![
            El::with_class("button", "close")
                .attr("type", "button")
                .id("details-close")
                .text(t.close),
            El::new("h2").id("details-title").text(&self.title),
            El::with_class("p", "meta").text(format!(
                "{} · {}",
                self.date_label(),
                t.kind(self.kind)
            )),
        ];
        if let Some(n) = &self.date_note {
            v.push(El::with_class("p", "date-note").text(n));
        }
        v.push(El::with_class("p", "summary").text(&self.summary));
        if let Some(a) = self.actors_line("actors", t) {
            v.push(a);
        }
        if !self.figures.is_empty() {
            v.push(El::new("h3").text(t.figures));
            v.push(self.figures_list("figures", out, t));
        }
        if !self.disagreements.is_empty() {
            v.push(El::new("h3").text(t.disagreements));
            v.extend(self.disagreement_blocks("h4", out, t));
        }
        v.push(El::new("h3").text(t.evidence));
        for (k, q) in self.quotes.iter().enumerate() {
            let mut fig = El::with_class("figure", "quote");
            let mut bq = El::new("blockquote")
                .lang(SOURCE_LANG)
                .id(format!("quote-{k}"))
                .text(&q.text);
            if q.testimony && testimony.hide {
                let shown = !testimony.hidden(k, self);
                let mut note = El::with_class("p", "testimony-hidden");
                if shown {
                    note = note.attr("hidden", "");
                }
                fig.push(
                    note.text(format!("{} ", t.testimony_hidden)).child(
                        El::with_class("button", "show-testimony")
                            .attr("type", "button")
                            .attr("data-quote", k.to_string())
                            .text(t.show_testimony),
                    ),
                );
                if !shown {
                    bq = bq.attr("hidden", "");
                }
            }
            // Focus moves to a quote once it is shown (the button that revealed it is gone).
            fig.push(bq.attr("tabindex", "-1"));
            let mut cap = El::new("figcaption").text(format!(
                "— {}, {} ",
                q.cite.publisher,
                q.cite.published.display(self.lang)
            ));
            cap.push(self.reader_link(&q.cite, t.read_in_source, self.cite_index(Part::Quote(k))));
            if let Some(check) = check_link(&q.cite, t) {
                cap.push_text(" · ");
                cap.push(check);
            }
            cap.push_text(" · ");
            cap.push(
                El::with_class("button", "copy-citation link-button")
                    .attr("type", "button")
                    .attr("data-quote", k.to_string())
                    .text(t.copy_citation),
            );
            fig.push(cap);
            v.push(fig);
        }
        if !self.links.is_empty() {
            v.push(El::new("h3").text(t.primary_reports));
            let mut ul = El::with_class("ul", "links");
            for (label, url) in &self.links {
                ul.push(El::new("li").child(link(url, label)));
            }
            v.push(ul);
        }
        v.push(self.cite_entry("h3", out, t));
        v
    }

    /// "Cite this entry": the citation's first sentence, "Copy citation" (in the panel, where
    /// scripts run), which copies it with every passage quoted, and the downloads.
    fn cite_entry(&self, heading: &'static str, out: Output, t: &Strings) -> El {
        let mut actions = El::with_class("p", "cite-actions");
        if out == Output::Panel {
            actions.push(
                El::with_class("button", "copy-citation link-button")
                    .attr("type", "button")
                    .attr("data-cite", "event")
                    .text(t.copy_citation),
            );
        }
        actions.push(cite_downloads(&format!("event/{}", encode(&self.id)), t));
        El::with_class("div", "cite-entry")
            .child(El::new(heading).text(t.cite_entry))
            .child(
                El::with_class("p", "citation-text")
                    .lang(SOURCE_LANG)
                    .text(&self.citation),
            )
            .child(actions)
    }

    /// The presentation slide: large type, the summary, every figure with its source, where the
    /// sources disagree, and the first quote the visitor has not asked to hide, with its source.
    /// The summary and the quote stand in one column, the figures in the other, and the
    /// disagreements in whichever is shorter; a slide with much to say is set tighter (`dense`,
    /// `denser`, never below 28 px on a 1080-line screen) so it fits, since a clicker cannot scroll.
    pub fn slide(&self, t: &Strings, testimony: Testimony) -> Vec<El> {
        let out = Output::Slide;
        let mut main = El::with_class("div", "pres-main").child(
            El::with_class("p", "pres-summary")
                .id("pres-summary")
                .text(&self.summary),
        );
        let quote = (0..self.quotes.len())
            .find(|&k| !testimony.hidden(k, self))
            .map(|k| &self.quotes[k]);
        if let Some(q) = quote {
            main.push(
                El::with_class("figure", "pres-quote")
                    .id("pres-quote")
                    .child(El::new("blockquote").lang(SOURCE_LANG).text(&q.text))
                    .child(El::new("figcaption").text(format!(
                        "— {}, {}",
                        q.cite.publisher,
                        q.cite.published.display(self.lang)
                    ))),
            );
        }
        let mut side = El::with_class("div", "pres-side");
        if !self.figures.is_empty() {
            side.push(self.figures_list("pres-figures", out, t).id("pres-figures"));
        }
        // How much each column holds, in characters (a figure's line carries its source too).
        let mut main_len =
            self.summary.chars().count() + quote.map_or(0, |q| q.text.chars().count() + 30);
        let mut side_len: usize = self
            .figures
            .iter()
            .map(|f| f.label.chars().count() + f.value.chars().count() + 30)
            .sum();
        if !self.disagreements.is_empty() {
            let mut s = El::with_class("section", "pres-disagree")
                .id("pres-disagree")
                .child(El::new("h3").text(t.disagreements));
            let mut ul = El::with_class("ul", "pres-figures").id("pres-notes");
            let mut said = 40;
            for d in &self.disagreements {
                let detail = d.note.clone().unwrap_or_else(|| {
                    d.accounts
                        .iter()
                        .map(|(s, _)| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" / ")
                });
                said += d.about.chars().count() + detail.chars().count();
                ul.push(
                    El::new("li")
                        .child(El::new("strong").text(&d.about))
                        .text(format!(": {detail}")),
                );
            }
            s.push(ul);
            // Into the shorter column, so the slide is as short as it can be.
            if main_len <= side_len {
                main_len += said;
                main.push(s);
            } else {
                side_len += said;
                side.push(s);
            }
        }
        let density = match main_len.max(side_len) {
            0..=520 => "pres-body",
            521..=800 => "pres-body dense",
            _ => "pres-body denser",
        };
        vec![
            El::new("h2")
                .id("pres-title")
                .attr("tabindex", "-1")
                .text(&self.title),
            El::with_class("p", "pres-date")
                .id("pres-date")
                .text(format!("{} · {}", self.date_label(), t.kind(self.kind))),
            El::with_class("div", density).child(main).child(side),
        ]
    }

    /// The figures as a list: "label: value — source".
    fn figures_list(&self, class: &str, out: Output, t: &Strings) -> El {
        let _ = t;
        let mut ul = El::with_class("ul", class);
        for (i, f) in self.figures.iter().enumerate() {
            let mut li = El::new("li")
                .text(format!("{}: ", f.label))
                .child(El::new("strong").lang(SOURCE_LANG).text(&f.value));
            if let Some(c) = &f.cite {
                li.push_text(" — ");
                match out {
                    Output::Slide => {
                        li.push(El::with_class("span", "pres-cite").text(&c.publisher))
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

/// "Check at the publisher": the same words on the publisher's page, opened without referrer;
/// a reprint says it is one.
pub fn check_link(c: &Cite, t: &Strings) -> Option<El> {
    let url = c.check_url.as_deref()?;
    let label = if c.reprint {
        t.check_in_reprint
    } else {
        t.check_at_publisher
    };
    let mut a = link(url, label)
        .class("check-link")
        .attr("title", t.check_hint);
    if c.reprint {
        a = a.attr("aria-description", t.reprint_note);
    }
    Some(a)
}

/// Links to a citation's files under `cite/` (written by the build): plain text, CSL-JSON,
/// BibTeX and RIS. The single offline file has no such files and hides them.
pub fn cite_downloads(stem: &str, t: &Strings) -> El {
    let mut span = El::with_class("span", "cite-downloads")
        .child(
            El::new("span")
                .attr("data-i18n", "cite_downloads")
                .text(t.cite_downloads),
        )
        .text(": ");
    let formats = [
        ("txt", t.cite_text, "text/plain"),
        (
            "json",
            "CSL-JSON",
            "application/vnd.citationstyles.csl+json",
        ),
        ("bib", "BibTeX", "application/x-bibtex"),
        ("ris", "RIS", "application/x-research-info-systems"),
    ];
    for (i, (ext, label, mime)) in formats.into_iter().enumerate() {
        if i > 0 {
            span.push_text(" · ");
        }
        let mut a = El::new("a")
            .attr("href", format!("cite/{stem}.{ext}"))
            .attr("download", "")
            .attr("type", mime);
        if ext == "txt" {
            a = a.attr("data-i18n", "cite_text");
        }
        span.push(a.text(label));
    }
    span
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

/// The source list's `<li>`: full attribution and address.
pub fn source_item(src: &LocatedSource, t: &Strings) -> El {
    let s = &src.source;
    let mut li = El::new("li")
        .id(format!("src-{}", s.id))
        .attr("data-source", &s.id)
        .child(El::new("cite").lang(SOURCE_LANG).text(&s.title))
        .child(El::new("br"))
        .text(&s.publisher);
    if let Some(a) = &s.author {
        li.push_text(format!(", {a}"));
    }
    li.push_text(". ");
    li.push(
        El::new("span")
            .attr("data-i18n", "published")
            .text(t.published),
    );
    li.push_text(": ");
    li.push(
        El::new("time")
            .attr("datetime", s.published.to_string())
            .text(s.published.display(t.lang)),
    );
    li.push_text(".");
    li.push(El::new("br"));
    match &s.url {
        Some(u) => {
            li.push(El::new("span").attr("data-i18n", "address").text(t.address));
            li.push_text(": ");
            li.push(link(u, u));
        }
        None => li.push(
            El::new("span")
                .attr("data-i18n", "no_address")
                .text(t.no_address),
        ),
    }
    if let Some(n) = &s.url_note {
        li.push_text(" ");
        li.push(El::with_class("span", "url-note").text(format!("({n})")));
    }
    li.push(
        El::with_class("p", "citation-text")
            .lang(SOURCE_LANG)
            .text(&src.citation),
    );
    li.push(
        El::with_class("p", "cite-actions")
            .child(
                El::with_class("button", "copy-citation link-button js-only")
                    .attr("type", "button")
                    .attr("data-cite-source", &s.id)
                    .attr("data-i18n", "copy_citation")
                    .text(t.copy_citation),
            )
            .child(cite_downloads(&format!("source/{}", encode(&s.id)), t)),
    );
    li
}
