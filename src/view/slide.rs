//! The presentation slide.

use super::*;
use crate::html::El;
use crate::i18n::Strings;

impl EventView {
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
}
