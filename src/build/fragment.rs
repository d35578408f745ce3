//! "Check at the publisher": a link to the same words on the publisher's page, as a URL text
//! fragment (`#:~:text=`, WICG "URL Fragment Text Directives",
//! <https://wicg.github.io/scroll-to-text-fragment/>).
//!
//! A browser that follows such a link scrolls to the first place on the page that matches the
//! directive and highlights it. So the directive must match the passage and nothing before it:
//! [`directive_for`] starts from the passage's own words and, when they occur more than once in
//! the text, adds the words just before (`prefix-,`) or just after (`,-suffix`) until exactly one
//! place matches. Long passages, and passages that run over a paragraph break (an exact match
//! never crosses a block on the page), use `textStart,textEnd` instead of the whole passage.
//!
//! [`matches`] models how a browser finds a directive: case-insensitive, white space collapsed,
//! terms on word boundaries, an exact term inside one paragraph (a line of the stored text). It
//! is used to prove every link unambiguous in the stored text; the publisher's live page may have
//! more text around the article (menus, related stories) that no build can see.
//!
//! Only the build uses this module: the bundle carries each passage's finished address
//! ([`crate::data::Passage::check_url`]), so the page needs no encoder.

use std::ops::Range;

/// The parts of one text directive, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextDirective {
    pub prefix: Option<String>,
    pub start: String,
    pub end: Option<String>,
    pub suffix: Option<String>,
}

/// Passages up to this many characters (white space collapsed) are matched whole; longer ones
/// by their first and last words (`textStart,textEnd`), which keeps the address short: the
/// page's data carries every link, and 80 (with 4 words a side) rather than 160 (5) saves about
/// 1 KB gzip of the first load for the shipped passages.
pub const MAX_EXACT_CHARS: usize = 80;

/// Words taken from each end of a long passage before growing them to be unambiguous.
const RANGE_WORDS: usize = 4;

/// How many words of context (prefix or suffix) are tried at most.
const MAX_CONTEXT_WORDS: usize = 8;

/// Characters the spec lets stand unencoded in a directive's terms
/// (`TextDirectiveExplicitChar`): ASCII letters and digits and `!$'()*+./:;=?@_~`. Everything
/// else, including `-`, `,` and `&` (the directive's own syntax), space, `%`, `#` and every
/// non-ASCII character, is written as the percent-encoded bytes of its UTF-8.
fn is_explicit(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!$'()*+./:;=?@_~".contains(&b)
}

/// Percent-encodes one term of a text directive.
pub fn encode_term(term: &str) -> String {
    let mut out = String::with_capacity(term.len() * 3);
    for &b in term.as_bytes() {
        if is_explicit(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes one percent-encoded term; `None` if an escape is malformed or the bytes are not
/// UTF-8.
pub fn decode_term(term: &str) -> Option<String> {
    let bytes = term.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl TextDirective {
    /// The fragment directive, e.g. `:~:text=prefix-,start,-suffix` (without the `#`).
    pub fn to_fragment(&self) -> String {
        let mut s = String::from(":~:text=");
        if let Some(p) = &self.prefix {
            s.push_str(&encode_term(p));
            s.push_str("-,");
        }
        s.push_str(&encode_term(&self.start));
        if let Some(e) = &self.end {
            s.push(',');
            s.push_str(&encode_term(e));
        }
        if let Some(x) = &self.suffix {
            s.push_str(",-");
            s.push_str(&encode_term(x));
        }
        s
    }

    /// Reads the first text directive of a URL or fragment (`…#:~:text=…`), as a browser
    /// would: `prefix-` first, `-suffix` last, one or two terms between.
    pub fn parse(url: &str) -> Option<TextDirective> {
        let (_, directives) = url.split_once(":~:")?;
        let value = directives
            .split('&')
            .find_map(|d| d.strip_prefix("text="))?;
        let mut parts: Vec<&str> = value.split(',').collect();
        let prefix = match parts.first() {
            Some(p) if p.ends_with('-') && parts.len() > 1 => {
                let p = parts.remove(0);
                Some(decode_term(&p[..p.len() - 1])?)
            }
            _ => None,
        };
        let suffix = match parts.last() {
            Some(x) if x.starts_with('-') && parts.len() > 1 => {
                let x = parts.pop()?;
                Some(decode_term(&x[1..])?)
            }
            _ => None,
        };
        let (start, end) = match parts.as_slice() {
            [s] => (decode_term(s)?, None),
            [s, e] => (decode_term(s)?, Some(decode_term(e)?)),
            _ => return None,
        };
        if start.is_empty() || end.as_deref() == Some("") {
            return None;
        }
        Some(TextDirective {
            prefix,
            start,
            end,
            suffix,
        })
    }
}

/// A text as a browser matches it: lower case, each run of white space one separator (`' '`,
/// or `'\n'` where the run holds a line break: a paragraph boundary), with every character's
/// byte range in the original.
struct Norm {
    chars: Vec<char>,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

fn norm(text: &str) -> Norm {
    let mut n = Norm {
        chars: Vec::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len()),
        ends: Vec::with_capacity(text.len()),
    };
    // (offset where the run began, whether it holds a line break)
    let mut pending: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            let brk = c == '\n' || c == '\r' || c == '\u{2029}';
            pending = Some(match pending {
                Some((at, b)) => (at, b || brk),
                None => (i, brk),
            });
            continue;
        }
        if let Some((at, brk)) = pending.take() {
            if !n.chars.is_empty() {
                n.chars.push(if brk { '\n' } else { ' ' });
                n.starts.push(at);
                n.ends.push(i);
            }
        }
        for l in c.to_lowercase() {
            n.chars.push(l);
            n.starts.push(i);
            n.ends.push(i + c.len_utf8());
        }
    }
    n
}

/// A term in compared form: lower case, white space runs as one space.
fn norm_term(term: &str) -> Vec<char> {
    norm(term)
        .chars
        .into_iter()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect()
}

/// True between two characters that are not both letters or digits (and at either end): where
/// a browser's word segmentation puts a boundary in Latin text.
fn boundary(n: &[char], i: usize) -> bool {
    i == 0 || i >= n.len() || !n[i - 1].is_alphanumeric() || !n[i].is_alphanumeric()
}

fn term_at(n: &[char], i: usize, t: &[char]) -> bool {
    !t.is_empty() && n.get(i..i + t.len()) == Some(t)
}

/// Where the next term may begin after position `i`: right there, or after one space (a
/// separator inside the paragraph).
fn after_space(n: &[char], i: usize) -> impl Iterator<Item = usize> {
    [Some(i), (n.get(i) == Some(&' ')).then_some(i + 1)]
        .into_iter()
        .flatten()
}

/// Every place in `text` that `d` matches, as byte ranges of the original (from the start term
/// to the end of the end term, or of the start term alone), in text order.
pub fn matches(text: &str, d: &TextDirective) -> Vec<Range<usize>> {
    let n = norm(text);
    let c = &n.chars;
    let start = norm_term(&d.start);
    let end = d.end.as_deref().map(norm_term);
    let prefix = d.prefix.as_deref().map(norm_term);
    let suffix = d.suffix.as_deref().map(norm_term);
    let mut out = Vec::new();
    for i in 0..c.len() {
        if !term_at(c, i, &start) {
            continue;
        }
        let starts_ok = match &prefix {
            None => boundary(c, i),
            // The prefix ends right before the start term, or one space before it.
            Some(p) => [0, 1].into_iter().any(|gap| {
                i.checked_sub(p.len() + gap).is_some_and(|j| {
                    (gap == 0 || c[i - 1] == ' ') && boundary(c, j) && term_at(c, j, p)
                })
            }),
        };
        if !starts_ok {
            continue;
        }
        let first_end = i + start.len();
        let suffix_ok = |k: usize| match &suffix {
            None => boundary(c, k),
            Some(x) => after_space(c, k).any(|m| term_at(c, m, x) && boundary(c, m + x.len())),
        };
        let stop = match &end {
            None => suffix_ok(first_end).then_some(first_end),
            // The end term is looked for after the start term, the first one that fits.
            Some(e) => (first_end..c.len())
                .find(|&k| boundary(c, k) && term_at(c, k, e) && suffix_ok(k + e.len()))
                .map(|k| k + e.len()),
        };
        if let Some(stop) = stop {
            out.push(n.starts[i]..n.ends[stop - 1]);
        }
    }
    out
}

/// The passage's text with every run of white space as one space, split into paragraphs at
/// line breaks, as words.
fn paragraphs_words(s: &str) -> Vec<Vec<&str>> {
    s.split(['\n', '\r', '\u{2029}'])
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words of the same paragraph just before `at` (nearest last), and just after `end`.
fn context_words(text: &str, at: usize, end: usize) -> (Vec<&str>, Vec<&str>) {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before: Vec<&str> = text[line_start..at].split_whitespace().collect();
    let after: Vec<&str> = text[end..line_end].split_whitespace().collect();
    (before, after)
}

/// The shortest unambiguous directive for the passage `range` of `text`, or `None` when none
/// was found (the passage is then shown without a publisher link). See the module docs.
pub fn directive_for(text: &str, range: Range<usize>) -> Option<TextDirective> {
    let passage = text.get(range.clone())?;
    let lead = passage.len() - passage.trim_start().len();
    let trail = passage.len() - passage.trim_end().len();
    let want = range.start + lead..range.end - trail;
    if want.is_empty() {
        return None;
    }
    let paras = paragraphs_words(passage);
    let words: Vec<&str> = paras.iter().flatten().copied().collect();
    let whole = words.join(" ");
    let (before, after) = context_words(text, want.start, want.end);

    // The candidates for start and end, from the shortest to the longest.
    let mut bases: Vec<(String, Option<String>)> = Vec::new();
    if paras.len() == 1 && whole.chars().count() <= MAX_EXACT_CHARS {
        bases.push((whole.clone(), None));
    } else {
        let (first, last) = (&paras[0], &paras[paras.len() - 1]);
        let most = first.len().max(last.len());
        for k in RANGE_WORDS.min(most)..=most {
            let s = first[..k.min(first.len())].join(" ");
            let e = last[last.len() - k.min(last.len())..].join(" ");
            bases.push((s, Some(e)));
        }
        if paras.len() == 1 {
            bases.push((whole.clone(), None));
        }
    }
    // Context to try, the least first: none, a growing prefix, a growing suffix, then both.
    let (pmax, xmax) = (
        MAX_CONTEXT_WORDS.min(before.len()),
        MAX_CONTEXT_WORDS.min(after.len()),
    );
    let mut contexts: Vec<(usize, usize)> = (0..=pmax).map(|p| (p, 0)).collect();
    contexts.extend((1..=xmax).map(|x| (0, x)));
    let mut both: Vec<(usize, usize)> = (1..=pmax)
        .flat_map(|p| (1..=xmax).map(move |x| (p, x)))
        .collect();
    both.sort_by_key(|&(p, x)| (p + x, x));
    contexts.extend(both);
    // Longer terms from the passage itself are tried before any context: the words around a
    // passage on the live page may differ from the stored text's (site furniture, headings).
    for &(p, x) in &contexts {
        for (start, end) in &bases {
            let d = TextDirective {
                prefix: (p > 0).then(|| before[before.len() - p..].join(" ")),
                start: start.clone(),
                end: end.clone(),
                suffix: (x > 0).then(|| after[..x].join(" ")),
            };
            let found = matches(text, &d);
            if found.len() == 1 && found[0] == want {
                return Some(d);
            }
        }
    }
    None
}

/// `url` with a text directive for the passage `range` of `text`, when `url` is https and an
/// unambiguous directive exists.
pub fn check_url(url: &str, text: &str, range: Range<usize>) -> Option<String> {
    if !url.starts_with("https://") || url.contains(char::is_whitespace) {
        return None;
    }
    let d = directive_for(text, range)?;
    let sep = if url.contains('#') { "" } else { "#" };
    Some(format!("{url}{sep}{}", d.to_fragment()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(start: &str) -> TextDirective {
        TextDirective {
            prefix: None,
            start: start.into(),
            end: None,
            suffix: None,
        }
    }

    #[test]
    fn encodes_as_the_spec_examples() {
        // The spec's own example: `#:~:text=an%20example%20text%20fragment`.
        assert_eq!(
            d("an example text fragment").to_fragment(),
            ":~:text=an%20example%20text%20fragment"
        );
        let range = TextDirective {
            prefix: Some("this".into()),
            start: "domain".into(),
            end: Some("domain".into()),
            suffix: Some("in".into()),
        };
        assert_eq!(range.to_fragment(), ":~:text=this-,domain,domain,-in");
    }

    #[test]
    fn encodes_the_syntax_characters_and_everything_non_ascii() {
        assert_eq!(encode_term("near-total"), "near%2Dtotal");
        assert_eq!(encode_term("240,000"), "240%2C000");
        assert_eq!(encode_term("Cybersex & Forced"), "Cybersex%20%26%20Forced");
        assert_eq!(encode_term("100% #1"), "100%25%20%231");
        assert_eq!(encode_term("Résumé"), "R%C3%A9sum%C3%A9");
        assert_eq!(encode_term("“didn’t”"), "%E2%80%9Cdidn%E2%80%99t%E2%80%9D");
        assert_eq!(encode_term("1994–1998"), "1994%E2%80%931998");
        assert_eq!(encode_term("¥30 ($4)"), "%C2%A530%20($4)");
        assert_eq!(encode_term("한"), "%ED%95%9C");
        // What the spec lets stand.
        assert_eq!(
            encode_term("a.b!c$d'e(f)g*h+i/j:k;l=m?n@o_p~q"),
            "a.b!c$d'e(f)g*h+i/j:k;l=m?n@o_p~q"
        );
    }

    #[test]
    fn decoding_inverts_encoding() {
        for s in [
            "an example",
            "near-total, & more",
            "“Every night some woman…”",
            "%25 literally",
            "1994–1998 famine, 240,000",
            "한국어 텍스트",
        ] {
            assert_eq!(decode_term(&encode_term(s)).as_deref(), Some(s), "{s}");
        }
        assert_eq!(decode_term("%"), None);
        assert_eq!(decode_term("%F"), None);
        assert_eq!(decode_term("%FF"), None, "not UTF-8");
        assert_eq!(decode_term("%25F").as_deref(), Some("%F"));
    }

    #[test]
    fn parses_what_it_writes() {
        let full = TextDirective {
            prefix: Some("said-so, twice".into()),
            start: "a-b".into(),
            end: Some("c,d".into()),
            suffix: Some("-e-".into()),
        };
        let url = format!("https://example.org/x#{}", full.to_fragment());
        assert_eq!(TextDirective::parse(&url), Some(full));
        assert_eq!(
            TextDirective::parse("https://x.org/#:~:text=a,b,c,d"),
            None,
            "three terms without -"
        );
        assert_eq!(TextDirective::parse("https://x.org/#top"), None);
    }

    #[test]
    fn matching_ignores_case_and_white_space_but_not_words() {
        let text = "One Two\u{00A0} three.\nFour five";
        assert_eq!(matches(text, &d("two three")), vec![4..15]);
        assert!(matches(text, &d("two thre")).is_empty(), "word boundary");
        assert!(
            matches(text, &d("three. four")).is_empty(),
            "a single term stays in its paragraph"
        );
        let range = TextDirective {
            end: Some("five".into()),
            ..d("two")
        };
        assert_eq!(matches(text, &range), vec![4..text.len()]);
    }

    #[test]
    fn repeated_words_get_a_prefix_or_a_suffix() {
        let text = "The cat sat. The cat ran.\nA dog ran.";
        let second = text.rfind("The cat").unwrap();
        let dir = directive_for(text, second..second + 7).unwrap();
        assert_eq!(dir.prefix.as_deref(), Some("sat."));
        assert_eq!(matches(text, &dir), vec![second..second + 7]);

        // At the start of a paragraph there is no prefix: the words after it decide.
        let first = directive_for(text, 0..7).unwrap();
        assert_eq!(
            (first.prefix.as_deref(), first.suffix.as_deref()),
            (None, Some("sat."))
        );
        assert_eq!(matches(text, &first), vec![0..7]);

        // Unique words need no context.
        let dog = text.find("dog").unwrap();
        assert_eq!(directive_for(text, dog..dog + 3), Some(d("dog")));
    }

    #[test]
    fn long_or_multi_paragraph_passages_use_start_and_end() {
        let text = "Intro.\nAlpha beta gamma delta epsilon zeta.\nEta theta iota kappa lambda mu nu.\nOutro.";
        let a = text.find("Alpha").unwrap();
        let b = text.find("nu.").unwrap() + 3;
        let dir = directive_for(text, a..b).unwrap();
        assert_eq!(dir.start, "Alpha beta gamma delta");
        assert_eq!(dir.end.as_deref(), Some("kappa lambda mu nu."));
        assert_eq!(matches(text, &dir), vec![a..b]);
    }

    #[test]
    fn only_https_addresses_get_a_link() {
        let text = "Some words here.";
        assert_eq!(
            check_url("https://example.org/a", text, 5..10).as_deref(),
            Some("https://example.org/a#:~:text=words")
        );
        assert_eq!(
            check_url("https://example.org/a#top", text, 5..10).as_deref(),
            Some("https://example.org/a#top:~:text=words")
        );
        assert_eq!(check_url("http://example.org/a", text, 5..10), None);
        assert_eq!(check_url("javascript:alert(1)", text, 5..10), None);
    }
}
