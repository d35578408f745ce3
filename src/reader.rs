//! The source reader's text, cut into segments: plain text, cited passages, site furniture.
//!
//! Passages may overlap (one quote inside a longer one), so the text is cut at every boundary
//! and each piece knows which passages cover it and whether it is furniture. The web layer
//! turns each piece into a text node or a `<mark>`; the text itself is never altered.

use crate::data::LocatedSource;
use std::ops::Range;

/// A piece of a source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the source text.
    pub range: Range<usize>,
    /// Numbers of the passages that cover it, smallest first.
    pub passages: Vec<usize>,
    /// Inside a furniture passage.
    pub furniture: bool,
}

/// Cuts `source.text` at every passage and furniture boundary. Segments cover the text exactly,
/// in order, with no empty segment.
pub fn segments(source: &LocatedSource) -> Vec<Segment> {
    let len = source.text.len();
    let mut cuts = vec![0, len];
    for p in &source.passages {
        cuts.push(p.start.min(len));
        cuts.push(p.end.min(len));
    }
    for f in &source.furniture {
        cuts.push(f[0].min(len));
        cuts.push(f[1].min(len));
    }
    cuts.retain(|&c| source.text.is_char_boundary(c));
    crate::sort::by_key(&mut cuts, |&c| c as f64);
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let range = w[0]..w[1];
            Segment {
                passages: source
                    .passages
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.start <= range.start && range.end <= p.end)
                    .map(|(n, _)| n)
                    .collect(),
                furniture: source
                    .furniture
                    .iter()
                    .any(|f| f[0] <= range.start && range.end <= f[1]),
                range,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    fn source(text: &str, passages: &[(usize, usize)], furniture: &[[usize; 2]]) -> LocatedSource {
        LocatedSource::fixture(text, passages, furniture)
    }

    #[test]
    fn covers_the_text_with_overlaps_and_furniture() {
        let s = source("0123456789abcdef", &[(2, 8), (4, 6)], &[[12, 16]]);
        let segs = segments(&s);
        let joined: String = segs.iter().map(|g| &s.text[g.range.clone()]).collect();
        assert_eq!(joined, s.text);
        assert_eq!(
            segs.iter()
                .map(|g| (g.range.clone(), g.passages.clone(), g.furniture))
                .collect::<Vec<_>>(),
            vec![
                (0..2, vec![], false),
                (2..4, vec![0], false),
                (4..6, vec![0, 1], false),
                (6..8, vec![0], false),
                (8..12, vec![], false),
                (12..16, vec![], true),
            ]
        );
    }

    #[test]
    fn never_cuts_inside_a_character() {
        let s = source("a\u{201C}b\u{201D}c", &[(2, 5)], &[]);
        for g in segments(&s) {
            assert!(s.text.get(g.range.clone()).is_some());
        }
    }
}
