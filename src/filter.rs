//! Filter and search over the events: by kind, by organisation, and by text in titles (every
//! language), summaries and the cited passages. Pure, so the list, the timeline and the address
//! stay in step by computing one mask.

use crate::data::Bundle;

/// What the list's search and filters ask for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Search text, as typed.
    pub query: String,
    /// Kinds shown (empty: all).
    pub kinds: Vec<String>,
    /// People-and-organisations filter (empty: all).
    pub actor: String,
}

impl Filter {
    /// True when something is being filtered or searched for.
    pub fn is_active(&self) -> bool {
        !self.query.trim().is_empty() || !self.kinds.is_empty() || !self.actor.is_empty()
    }
}

/// Lower-cases ASCII (Hangul has no case; full Unicode case tables would add kilobytes to the
/// wasm for no gain here) and folds curly quotes, so a search for `don't` finds `don’t`.
fn norm(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Which events the filters and search leave visible, in bundle order.
pub fn visible_mask(bundle: &Bundle, route: &Filter) -> Vec<bool> {
    let words: Vec<String> = norm(&route.query)
        .split_whitespace()
        .map(String::from)
        .collect();
    bundle
        .events
        .iter()
        .map(|le| {
            let e = &le.event;
            if !route.kinds.is_empty() && !route.kinds.iter().any(|k| k == e.kind.as_str()) {
                return false;
            }
            if !route.actor.is_empty() && !e.actors.contains(&route.actor) {
                return false;
            }
            if words.is_empty() {
                return true;
            }
            let mut hay = String::new();
            hay.push_str(&e.title);
            hay.push('\n');
            hay.push_str(&e.summary);
            for t in e.translations.values() {
                hay.push('\n');
                hay.push_str(&t.title);
                hay.push('\n');
                hay.push_str(&t.summary);
            }
            for (q, &n) in e.evidence.iter().zip(&le.evidence) {
                hay.push('\n');
                let text = bundle
                    .source(&q.source)
                    .and_then(|s| s.passage_text(n))
                    .unwrap_or(&q.quote);
                hay.push_str(text);
            }
            for a in &e.actors {
                hay.push('\n');
                hay.push_str(a);
            }
            let hay = norm(&hay);
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}
