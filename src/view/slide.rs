//! The presentation slide.

use super::*;
use crate::html::El;
use crate::i18n::Strings;

/// About how many characters of English disagreements one slide holds at 1280x720 and up (the
/// slides' fit is checked in the browser at 1024x768, 1280x720 and 1920x1080, in both languages).
const DISAGREEMENTS_PER_SLIDE: usize = 900;

/// The average advance of a character of the events' English text, in ems (by
/// [`crate::layout::char_em`]).
const ENGLISH_EM: f64 = 0.52;

/// How much room `text` takes on a slide, in characters of English text: its estimated width
/// over an English character's. A Hangul syllable is about one and a half of those; counted as
/// one, Korean slides ran off the screen.
fn len(text: &str) -> usize {
    (crate::layout::text_em(text) / ENGLISH_EM).ceil() as usize
}

/// A disagreement's length on a slide: its topic and each side with its source.
fn disagreement_len(view: &EventView, d: &Disagreement) -> usize {
    len(&d.about)
        + d.accounts
            .iter()
            .map(|(claim, from)| len(claim) + 6 + view.account_source(from).map_or(0, |s| len(&s)))
            .sum::<usize>()
}

impl EventView {
    /// The presentation slide: large type, the summary, every figure with its source, where the
    /// sources disagree, and the first quote the visitor has not asked to hide, with its source.
    /// The summary and the quote stand in one column, the figures in the other, and the
    /// disagreements in whichever is shorter; a slide with much to say is set tighter (`dense`,
    /// `denser`, never below 28 px on a 1080-line screen) so it fits, since a clicker cannot scroll.
    pub fn slide(&self, t: &Strings, testimony: Testimony, part: usize) -> Vec<El> {
        if part > 0 {
            if let Some(page) = self.disagreement_pages().get(part - 1) {
                return self.disagreement_slide(t, page, part);
            }
        }
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
                    .child(El::new("figcaption").text(format!("— {}", self.slide_cite(&q.cite)))),
            );
        }
        // The summary rests on every quote, the slide shows one: name the sources of the rest.
        let mut sources: Vec<String> = Vec::new();
        for q in &self.quotes {
            let c = self.slide_cite(&q.cite);
            if !sources.contains(&c) {
                sources.push(c);
            }
        }
        let shown = quote.map(|q| self.slide_cite(&q.cite));
        let sources_len = if sources.iter().any(|c| Some(c) != shown.as_ref()) {
            let line = format!("{}: {}", t.sources_heading, sources.join(" · "));
            let n = len(&line);
            main.push(
                El::with_class("p", "pres-sources")
                    .id("pres-sources")
                    .text(line),
            );
            n
        } else {
            0
        };
        let mut side = El::with_class("div", "pres-side");
        if !self.figures.is_empty() {
            side.push(self.figures_list("pres-figures", out, t).id("pres-figures"));
        }
        // How much each column holds (a figure's line carries its source too).
        let main_len = len(&self.summary) + quote.map_or(0, |q| len(&q.text) + 30) + sources_len;
        let side_len: usize = self
            .figures
            .iter()
            .map(|f| {
                // A translated value stands beside the source's words ("(원문: …)").
                len(&f.label) + len(&f.value) + f.value_in.as_deref().map_or(0, |v| len(v) + 8) + 45
            })
            .sum();
        // The date note stands above both columns.
        let head_len = self.date_note.as_deref().map_or(0, len);
        let density = match main_len.max(side_len) + head_len {
            0..=520 => "pres-body",
            521..=800 => "pres-body dense",
            _ => "pres-body denser",
        };
        let mut slide = self.slide_head(t);
        // Where the date comes from when the texts do not give it, as in the details.
        if let Some(n) = &self.date_note {
            slide.push(
                El::with_class("p", "pres-date-note")
                    .id("pres-date-note")
                    .text(n),
            );
        }
        slide.push(El::with_class("div", density).child(main).child(side));
        slide
    }

    /// How many slides the event takes: its own, then its disagreements, as many as they fill.
    pub fn slide_count(&self) -> usize {
        1 + self.disagreement_pages().len()
    }

    /// The disagreements, packed in order onto slides of about [`DISAGREEMENTS_PER_SLIDE`]
    /// characters each (one that is longer has a slide of its own): indices per slide.
    fn disagreement_pages(&self) -> Vec<Vec<usize>> {
        let mut pages: Vec<Vec<usize>> = Vec::new();
        let mut room = 0;
        for (i, d) in self.disagreements.iter().enumerate() {
            let len = disagreement_len(self, d);
            match pages.last_mut() {
                Some(page) if len <= room => {
                    page.push(i);
                    room -= len;
                }
                _ => {
                    pages.push(vec![i]);
                    room = DISAGREEMENTS_PER_SLIDE.saturating_sub(len);
                }
            }
        }
        pages
    }

    /// The title and the date line, on every slide of the event.
    fn slide_head(&self, t: &Strings) -> Vec<El> {
        vec![
            El::new("h2")
                .id("pres-title")
                .attr("tabindex", "-1")
                .text(&self.title),
            El::with_class("p", "pres-date")
                .id("pres-date")
                .text(format!("{} · {}", self.date_label(), t.kind(self.kind))),
        ]
    }

    /// Slide `part` (from 1): the disagreements in `page`, every side with its source, as the
    /// details panel shows them, but not the editors' note: the worksheet keeps those notes for
    /// the teacher, and a projected slide would give them away.
    fn disagreement_slide(&self, t: &Strings, page: &[usize], part: usize) -> Vec<El> {
        let pages = self.slide_count() - 1;
        let heading = if pages > 1 {
            format!("{} ({part}/{pages})", t.disagreements)
        } else {
            t.disagreements.to_string()
        };
        let mut ul = El::with_class("ul", "pres-figures").id("pres-notes");
        let mut said = 0;
        for d in page.iter().filter_map(|&i| self.disagreements.get(i)) {
            said += disagreement_len(self, d);
            let mut sides = El::with_class("ul", "pres-sides");
            for (claim, from) in &d.accounts {
                let mut li = El::new("li").text(claim);
                if let Some(by) = self.account_source(from) {
                    li.push_text(" — ");
                    li.push(El::with_class("span", "pres-cite").text(by));
                }
                sides.push(li);
            }
            ul.push(
                El::new("li")
                    .child(El::new("strong").text(&d.about))
                    .child(sides),
            );
        }
        let density = match said {
            0..=600 => "pres-disagree",
            _ => "pres-disagree dense",
        };
        let mut slide = self.slide_head(t);
        slide.push(
            El::with_class("section", density)
                .id("pres-disagree")
                .child(El::new("h3").text(heading))
                .child(ul),
        );
        slide
    }

    /// Who gives one side of a disagreement, in words: "publisher, date" for one of the texts.
    fn account_source(&self, from: &From) -> Option<String> {
        match from {
            From::Text(c) => Some(self.slide_cite(c)),
            From::Report { publisher, .. } => Some(publisher.clone()),
            From::Unknown => None,
        }
    }

    /// "Publisher, date": a source on a slide, in words (a clicker follows no link).
    pub(super) fn slide_cite(&self, c: &Cite) -> String {
        format!("{}, {}", c.publisher, c.published.display(self.lang))
    }
}
