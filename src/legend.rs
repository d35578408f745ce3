//! The key to the chart's shapes and cues, laid out for drawing under an exported image.
//!
//! On the page the legend is DOM (`#timeline-legend` in `www/index.html`, its words from
//! [`crate::i18n`]) so screen readers read it; an exported SVG or PNG goes on a slide with no
//! DOM, so [`Legend::compute`] lays the same entries out in rows under the chart and
//! [`crate::render`] draws them with the very shapes the chart uses.

use crate::i18n::Strings;
use crate::layout::{em, text_em, Rect};
use crate::model::EventKind;

/// What an entry's swatch shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    /// A marker (square, circle, diamond) or, for a period, a band.
    Kind(EventKind),
    /// A band whose right end fades out.
    Ongoing,
    /// The bracket under a date known only to the month or year.
    Bracket,
    /// A band cut by the edge of the view, with its chevron.
    Continues,
    /// The boxed "≠" after a disputed event's title.
    Disputed,
}

impl Swatch {
    /// Width of the swatch in ems of the legend's font.
    pub fn width_em(self) -> f64 {
        match self {
            Swatch::Kind(EventKind::Period) | Swatch::Ongoing | Swatch::Continues => 2.4,
            Swatch::Bracket => 2.0,
            Swatch::Disputed => em::BADGE,
            Swatch::Kind(_) => 1.0,
        }
    }
}

/// The entries of the key, in reading order, with their words in the language of `t`.
pub fn entries(t: &Strings) -> Vec<(Swatch, &'static str)> {
    vec![
        (Swatch::Kind(EventKind::Report), t.kind(EventKind::Report)),
        (Swatch::Kind(EventKind::Event), t.kind(EventKind::Event)),
        (
            Swatch::Kind(EventKind::Statistic),
            t.kind(EventKind::Statistic),
        ),
        (Swatch::Kind(EventKind::Period), t.kind(EventKind::Period)),
        (Swatch::Ongoing, t.legend_ongoing),
        (Swatch::Continues, t.legend_continues),
        (Swatch::Bracket, t.legend_bracket),
        (Swatch::Disputed, t.legend_disputed),
    ]
}

/// One entry placed: its swatch's box and where its words start (vertically centred on `y`).
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub swatch: Swatch,
    pub text: &'static str,
    pub swatch_box: Rect,
    pub text_x: f64,
    pub y: f64,
    /// The whole entry, swatch and words.
    pub rect: Rect,
}

/// The key laid out in rows `width` CSS px wide at `font_px`.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    pub font_px: f64,
    pub entries: Vec<Placed>,
    /// Height the rows take, margins included.
    pub height: f64,
}

impl Legend {
    /// Flows the entries that `keep` lets through left to right, wrapping to a new row when one
    /// would run past the right margin (an entry wider than a row gets a row of its own).
    pub fn compute(t: &Strings, width: f64, font_px: f64, keep: impl Fn(Swatch) -> bool) -> Legend {
        let u = font_px;
        let (left, right) = (0.75 * u, (width - 0.75 * u).max(0.75 * u + 1.0));
        let row_h = 1.6 * u;
        let top = 0.3 * u;
        let (mut x, mut row) = (left, 0usize);
        let mut out = Vec::new();
        for (swatch, text) in entries(t).into_iter().filter(|e| keep(e.0)) {
            let sw = swatch.width_em() * u;
            let w = sw + 0.45 * u + text_em(text) * u;
            if x > left && x + w > right {
                row += 1;
                x = left;
            }
            let y = top + (row as f64 + 0.5) * row_h;
            out.push(Placed {
                swatch,
                text,
                swatch_box: Rect {
                    x0: x,
                    y0: y - 0.5 * u,
                    x1: x + sw,
                    y1: y + 0.5 * u,
                },
                text_x: x + sw + 0.45 * u,
                y,
                rect: Rect {
                    x0: x,
                    y0: y - 0.6 * u,
                    x1: x + w,
                    y1: y + 0.6 * u,
                },
            });
            x += w + 1.4 * u;
        }
        Legend {
            font_px,
            entries: out,
            height: top + (row + 1) as f64 * row_h + 0.3 * u,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, KO};

    #[test]
    fn legend_rows_fit_and_do_not_overlap() {
        for t in [&EN, &KO] {
            for width in [390.0, 800.0, 1280.0, 1920.0] {
                let l = Legend::compute(t, width, (width / 100.0).clamp(13.0, 19.2), |_| true);
                assert_eq!(l.entries.len(), 8);
                for (i, a) in l.entries.iter().enumerate() {
                    assert!(a.rect.x0 >= 0.0 && a.rect.y1 <= l.height, "{width}: {a:?}");
                    assert!(a.rect.x1 <= width || a.rect.x0 <= 0.75 * l.font_px + 0.01);
                    for b in &l.entries[i + 1..] {
                        assert!(!a.rect.overlaps(&b.rect), "{width}: {a:?} {b:?}");
                    }
                }
            }
        }
        // A projector's width: one row; a phone wraps; left-out entries take no room.
        let all = |_| true;
        assert!(Legend::compute(&EN, 1920.0, 19.2, all).height < 2.5 * 19.2);
        assert!(Legend::compute(&EN, 390.0, 13.0, all).height > 3.0 * 13.0);
        let kinds = Legend::compute(&EN, 390.0, 13.0, |s| matches!(s, Swatch::Kind(_)));
        assert_eq!(kinds.entries.len(), 4);
        assert!(kinds.height < Legend::compute(&EN, 390.0, 13.0, all).height);
    }
}
