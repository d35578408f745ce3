//! The static page's entry: the page without JavaScript and the printed handout.

use super::*;
use crate::html::{hash_link, link, El};
use crate::i18n::Strings;
use crate::route::encode;

impl EventView {
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
        if let Some(p) = self.quotes_original(t) {
            quotes.push(p);
        }
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
}
