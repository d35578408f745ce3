//! Finding a quote in its source text.
//!
//! The texts contain what real web pages contain: no-break spaces, curly quotes, en dashes and
//! line breaks inside sentences. A quote in the data may write those as their plain forms, and
//! runs of white space as one space; nothing else is tolerated: no change of wording, case or
//! punctuation. The result is the byte range in the untouched original, which the source reader
//! highlights, so what a reader sees highlighted is always the source's own text.

use std::ops::Range;

/// Maps a character to the form it is compared in; `None` for white space.
fn fold(c: char) -> Option<char> {
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' => None,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => Some('"'),
        '\u{2013}' | '\u{2014}' | '\u{2212}' => Some('-'),
        c => Some(c),
    }
}

/// A text in compared form, with the byte offset in the original of every compared character.
struct Folded {
    chars: Vec<char>,
    /// `starts[i]`: original byte offset where `chars[i]` begins; `ends[i]`: where it ends.
    starts: Vec<usize>,
    ends: Vec<usize>,
}

fn folded(text: &str) -> Folded {
    let mut out = Folded {
        chars: Vec::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len()),
        ends: Vec::with_capacity(text.len()),
    };
    let mut pending_space: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match fold(c) {
            None => {
                if pending_space.is_none() {
                    pending_space = Some(i);
                }
            }
            Some(f) => {
                if let Some(sp) = pending_space.take() {
                    if !out.chars.is_empty() {
                        out.chars.push(' ');
                        out.starts.push(sp);
                        out.ends.push(i);
                    }
                }
                out.chars.push(f);
                out.starts.push(i);
                out.ends.push(i + c.len_utf8());
            }
        }
    }
    out
}

/// Where `quote` stands in `text`: the byte range of its first occurrence, or `None`.
/// Leading and trailing white space of the quote is ignored; an empty quote is never found.
pub fn locate(text: &str, quote: &str) -> Option<Range<usize>> {
    let q = folded(quote.trim()).chars;
    if q.is_empty() {
        return None;
    }
    let t = folded(text);
    let n = q.len();
    if n > t.chars.len() {
        return None;
    }
    (0..=t.chars.len() - n)
        .find(|&i| t.chars[i..i + n] == q[..])
        .map(|i| t.starts[i]..t.ends[i + n - 1])
}

/// For an error message: the longest beginning of `quote` that does occur in `text`, and the
/// 1-based line of the source where it occurs. Helps an editor see where a quote went wrong.
pub fn longest_matching_prefix(text: &str, quote: &str) -> Option<(String, usize)> {
    let chars: Vec<char> = quote.trim().chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    let mut best = None;
    // A prefix that matches implies every shorter prefix matches: binary search on length.
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let prefix: String = chars[..mid].iter().collect();
        match locate(text, &prefix) {
            Some(r) => {
                best = Some((prefix, text[..r.start].matches('\n').count() + 1));
                lo = mid;
            }
            None => hi = mid - 1,
        }
    }
    best.filter(|(p, _)| p.chars().count() >= 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exact_text() {
        let t = "One two three.";
        assert_eq!(locate(t, "two three"), Some(4..13));
    }

    #[test]
    fn tolerates_curly_quotes_nbsp_and_line_breaks() {
        let t = "forced to pay\u{00A0}bribes mostly in form\u{00A0}of sexual favours, \u{201C}they didn\u{2019}t\u{201D}\nend";
        let r = locate(
            t,
            "pay bribes mostly in form of sexual favours, \"they didn't\" end",
        )
        .unwrap();
        assert_eq!(r.start, t.find("pay").unwrap());
        assert_eq!(r.end, t.len());
        assert!(t[r].starts_with("pay\u{00A0}bribes"));
    }

    #[test]
    fn tolerates_dashes_but_never_wording() {
        let t = "Since the 1994\u{2013}1998 famine, which killed";
        assert!(locate(t, "1994-1998 famine").is_some());
        assert!(locate(t, "1994-1999 famine").is_none());
        assert!(locate(t, "since the 1994-1998").is_none(), "case matters");
        assert!(locate(t, "the famine").is_none(), "no skipping words");
        assert!(locate(t, "   ").is_none());
    }

    #[test]
    fn range_excludes_surrounding_space() {
        let t = "a  \n  b c";
        let r = locate(t, " b c ").unwrap();
        assert_eq!(&t[r], "b c");
    }

    #[test]
    fn longest_prefix_points_at_the_line() {
        let t = "first line\nsecond line has words\n";
        let (p, line) = longest_matching_prefix(t, "second line has swords").unwrap();
        assert_eq!(p, "second line has ");
        assert_eq!(line, 2);
    }
}
