//! The details panel, and its "Cite this entry".

use super::*;
use crate::html::{link, El};
use crate::i18n::Strings;
use crate::route::encode;

impl EventView {
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
        v.extend(self.quotes_original(t));
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
    pub(super) fn cite_entry(&self, heading: &'static str, out: Output, t: &Strings) -> El {
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
}
