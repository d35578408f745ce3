//! Text measured without a font: estimated advances, shortening to a width, and wrapping a title
//! onto balanced lines.

use super::*;

/// Estimated advance of `c` in ems, by rough classes of DejaVu Sans's metrics (the font of the
/// PNG export and of Debian's Chromium; most other sans-serif fonts are narrower, so the estimate
/// errs on the safe side). No font is measured, which keeps layout pure and cheap.
pub fn char_em(c: char) -> f64 {
    match c {
        ' ' | 'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | '‘' | '’' => {
            0.32
        }
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '"' | '“' | '”' | '/' => 0.44,
        'm' | 'M' | 'W' | 'w' | '%' => 0.95,
        'a'..='z' => 0.6,
        'A'..='Z' => 0.72,
        '0'..='9' => 0.64,
        '≠' => 0.84,
        // Hangul, CJK and full-width forms take a full em.
        '\u{1100}'..='\u{11FF}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF60}' => 1.0,
        _ => 0.75,
    }
}

/// Estimated width of `text` in ems.
pub fn text_em(text: &str) -> f64 {
    text.chars().map(char_em).sum()
}

/// How much of `text` at `font_px` fits in `avail` pixels: `(characters to draw, truncated,
/// width)`, where a truncated text is followed by an ellipsis included in the width; `None` when
/// fewer than `min_chars` characters would fit.
pub fn fit_text(
    text: &str,
    font_px: f64,
    avail: f64,
    min_chars: usize,
) -> Option<(usize, bool, f64)> {
    fit_measured(text, &LabelEm::of(text), font_px, avail, min_chars)
}

/// [`fit_text`] for a text already measured (`em` is `LabelEm::of(text)`): placement asks this
/// of the same titles many times per layout, most often of a room too small for the whole.
pub(super) fn fit_measured(
    text: &str,
    em: &LabelEm,
    font_px: f64,
    avail: f64,
    min_chars: usize,
) -> Option<(usize, bool, f64)> {
    if em.chars == 0 || avail <= 0.0 {
        return None;
    }
    let full = em.total * font_px;
    if full <= avail {
        return Some((em.chars, false, full));
    }
    let budget = avail - ELLIPSIS_EM * font_px;
    let mut w = 0.0;
    let mut kept = 0;
    for c in text.chars() {
        let cw = char_em(c) * font_px;
        if w + cw > budget {
            break;
        }
        w += cw;
        kept += 1;
    }
    (kept >= min_chars.max(1)).then_some((kept, true, w + ELLIPSIS_EM * font_px))
}

/// About the least room in which [`fit_text`] fits anything of `text` (it returns `None` for
/// any `avail` below this, less rounding): the whole text, or its first `min_chars` characters
/// and the ellipsis, whichever is narrower. Lets a caller that tries many rooms skip the ones
/// too small without measuring the text each time.
pub fn fit_floor(text: &str, font_px: f64, min_chars: usize) -> f64 {
    let head: f64 = text
        .chars()
        .take(min_chars.max(1))
        .map(|c| char_em(c) * font_px)
        .sum();
    let short = if text.chars().count() >= min_chars.max(1) {
        head + ELLIPSIS_EM * font_px
    } else {
        f64::INFINITY
    };
    (text_em(text) * font_px).min(short)
}

/// What placement measures of a title, measured once, when its [`Item`] is made: in one pass,
/// the sums [`text_em`], [`widest_word_em`] and [`fit_floor`] make of it. A dense view asks
/// these of thousands of titles in every layout (a pan or a zoom step); measured each time,
/// they were a fifth of the layout's time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelEm {
    /// The whole title's width in ems ([`text_em`]).
    pub(super) total: f64,
    /// Its widest word's ([`widest_word_em`]).
    pub(super) widest_word: f64,
    /// Its first [`MIN_LABEL_CHARS`] characters' (all of it, if shorter).
    head: f64,
    /// Its length in characters.
    pub(super) chars: usize,
}

impl LabelEm {
    /// Measures `text`.
    pub fn of(text: &str) -> LabelEm {
        let (mut total, mut head, mut chars) = (0.0, 0.0, 0);
        let (mut widest, mut word) = (0.0_f64, 0.0);
        for c in text.chars() {
            let w = char_em(c);
            total += w;
            if chars < MIN_LABEL_CHARS {
                head += w;
            }
            chars += 1;
            if c == ' ' {
                widest = widest.max(word);
                word = 0.0;
            } else {
                word += w;
            }
        }
        LabelEm {
            total,
            widest_word: widest.max(word),
            head,
            chars,
        }
    }

    /// [`fit_floor`] of the text at `font_px` with [`MIN_LABEL_CHARS`] (up to rounding).
    pub(super) fn floor(&self, font_px: f64) -> f64 {
        let short = if self.chars >= MIN_LABEL_CHARS {
            (self.head + ELLIPSIS_EM) * font_px
        } else {
            f64::INFINITY
        };
        (self.total * font_px).min(short)
    }
}

/// The words of `text`: `(first char, end char, width in ems)`, split at spaces.
pub(super) fn words(text: &str) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut w = 0.0;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        if c == ' ' {
            if let Some(s) = start.take() {
                out.push((s, i, w));
            }
            w = 0.0;
        } else {
            start.get_or_insert(i);
            w += char_em(c);
        }
    }
    if let Some(s) = start {
        out.push((s, n, w));
    }
    out
}

/// Width in ems of the widest of [`words`] of `text`, measured as `words` measures them (no
/// line of a wrapped `text` is narrower).
#[cfg(test)]
pub(super) fn widest_word_em(text: &str) -> f64 {
    let (mut widest, mut w) = (0.0_f64, 0.0);
    for c in text.chars() {
        if c == ' ' {
            widest = widest.max(w);
            w = 0.0;
        } else {
            w += char_em(c);
        }
    }
    widest.max(w)
}

/// Greedy line breaking of `words` at most `max_em` wide, the last line `tail_em` wider (room
/// for the disagreement cue): the lines as `(first char, end char, width in ems)`, or `None`
/// when a word does not fit.
fn break_lines(
    words: &[(usize, usize, f64)],
    max_em: f64,
    tail_em: f64,
) -> Option<Vec<(usize, usize, f64)>> {
    let space = char_em(' ');
    let mut lines: Vec<(usize, usize, f64)> = Vec::new();
    for (k, &(a, b, w)) in words.iter().enumerate() {
        let tail = if k + 1 == words.len() { tail_em } else { 0.0 };
        match lines.last_mut() {
            Some(line) if line.2 + space + w + tail <= max_em => {
                line.1 = b;
                line.2 += space + w;
            }
            _ => {
                if w + tail > max_em {
                    return None;
                }
                lines.push((a, b, w));
            }
        }
    }
    Some(lines)
}

/// `text` in exactly `n` balanced lines no wider than `max_em` (the narrowest such breaking),
/// the last line with room for `tail_em` more; `None` when it does not take `n` lines.
pub(super) fn wrap(
    text: &str,
    n: usize,
    max_em: f64,
    tail_em: f64,
) -> Option<Vec<(usize, usize, f64)>> {
    wrap_words(&words(text), n, max_em, tail_em)
}

/// [`wrap`] of a text already cut into [`words`] (a label is wrapped to several line counts and
/// sides in turn; its words are measured once).
pub(super) fn wrap_words(
    ws: &[(usize, usize, f64)],
    n: usize,
    max_em: f64,
    tail_em: f64,
) -> Option<Vec<(usize, usize, f64)>> {
    if ws.len() < n || n == 0 {
        return None;
    }
    if n == 1 {
        // One line holds every word whatever the width tried: no search needed.
        return break_lines(ws, max_em, tail_em).filter(|l| l.len() == 1);
    }
    let widest = ws.iter().map(|w| w.2).fold(0.0, f64::max);
    let total: f64 = ws.iter().map(|w| w.2).sum::<f64>() + char_em(' ') * (ws.len() - 1) as f64;
    let fits = |m: f64| break_lines(ws, m, tail_em).filter(|l| l.len() <= n);
    let mut hi = max_em;
    fits(hi)?;
    let mut lo = (widest + if n == 1 { tail_em } else { 0.0 }).max(total / n as f64) - 1e-9;
    for _ in 0..24 {
        let mid = (lo + hi) / 2.0;
        if fits(mid).is_some() {
            hi = mid;
        } else {
            lo = mid;
        }
        if hi - lo < 0.05 {
            break;
        }
    }
    fits(hi).filter(|l| l.len() == n)
}
