//! The checks behind [`super::load`], one field at a time: a [`Report`] turns a field's JSON path
//! into a file position; [`parse_array`] reads a file item by item, so one bad item does not
//! hide the others; then ids, https addresses, required text, quotes (verbatim in their source,
//! with a hint where they stop matching) and the accounts of a disagreement.

use super::{DataError, Texts, REFERENCES_FILE};
use crate::build::{locate, longest_matching_prefix, SpanIndex};
use crate::lang::Lang;
use crate::model::Account;

/// Collects errors for one file, turning paths into positions.
pub(super) struct Report<'a> {
    pub(super) file: &'a str,
    pub(super) spans: SpanIndex,
    pub(super) errors: &'a mut Vec<DataError>,
}

impl Report<'_> {
    pub(super) fn push(&mut self, path: &str, problem: impl Into<String>, fix: impl Into<String>) {
        let pos = self.spans.find(path);
        self.errors.push(DataError {
            file: self.file.to_string(),
            line: pos.line,
            column: pos.column,
            path: path.to_string(),
            problem: problem.into(),
            fix: fix.into(),
        });
    }
}

/// Parses a file that must hold a JSON array of `T`, one item at a time so that one bad item
/// does not hide the problems of the others.
pub(super) fn parse_array<T: serde::de::DeserializeOwned>(
    name: &str,
    text: &str,
    what: &str,
    errors: &mut Vec<DataError>,
) -> (Vec<(usize, T)>, SpanIndex) {
    let values: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            errors.push(DataError {
                file: name.to_string(),
                line: e.line(),
                column: e.column(),
                path: String::new(),
                problem: format!("not valid JSON: {e}"),
                fix: "check the brackets, commas and quotes just before this place (a trailing comma is the usual culprit)".into(),
            });
            return (Vec::new(), SpanIndex::default());
        }
    };
    let spans = SpanIndex::build(text);
    let mut report = Report {
        file: name,
        spans,
        errors,
    };
    let serde_json::Value::Array(items) = values else {
        report.push(
            "",
            format!("the file must hold a JSON array of {what}"),
            "wrap the entries in [ … ]",
        );
        return (Vec::new(), report.spans);
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, T>(item) {
            Ok(v) => out.push((i, v)),
            Err(e) => {
                let inner = e.path().to_string();
                let msg = e.inner().to_string();
                let mut path = format!("[{i}]");
                if inner != "." {
                    path.push('.');
                    path.push_str(&inner);
                }
                let fix = fix_for_serde(&msg);
                report.push(&path, msg, fix);
            }
        }
    }
    (out, report.spans)
}

/// A plain instruction for the usual serde complaints.
fn fix_for_serde(msg: &str) -> String {
    if msg.starts_with("unknown field") {
        "remove the field or correct its spelling to one of the expected names (see data/schema/)"
            .into()
    } else if msg.starts_with("missing field") {
        "add the field; see README.md, section \"The data format\"".into()
    } else if msg.starts_with("unknown variant") {
        "use one of the listed values".into()
    } else if msg.contains("partial ISO date") || msg.contains("no such") {
        "write the date as YYYY, YYYY-MM or YYYY-MM-DD, with only the precision the source gives"
            .into()
    } else {
        "give the field the type the schema in data/schema/ describes".into()
    }
}

pub(super) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub(super) fn check_https(report: &mut Report, path: &str, url: &str) {
    if !url.starts_with("https://")
        || url.len() <= "https://".len()
        || url.contains(char::is_whitespace)
    {
        report.push(
            path,
            format!("`{url}` is not an https address"),
            format!("link only to verified https:// addresses (see {REFERENCES_FILE}); leave the link out if there is none"),
        );
    }
}

pub(super) fn check_nonempty(report: &mut Report, path: &str, value: &str, field: &str) {
    if value.trim().is_empty() {
        report.push(
            path,
            format!("{field} is empty"),
            format!("write the {field}"),
        );
    }
}

/// Checks that `quote` stands in the text of `source`.
pub(super) fn check_quote(
    report: &mut Report,
    path: &str,
    source: &str,
    quote: &str,
    sources: &Texts,
) {
    let Some(&(i, text)) = sources.by_id.get(source) else {
        report.push(
            path,
            format!("unknown source `{source}`"),
            "use the id of a source in data/sources.json",
        );
        return;
    };
    if quote.trim().is_empty() {
        report.push(
            path,
            "the quote is empty",
            "copy the passage verbatim from the source text",
        );
        return;
    }
    if let Some(r) = locate(text, quote) {
        sources.found.borrow_mut().insert((i, quote.to_string()), r);
    } else {
        let hint = match longest_matching_prefix(text, quote) {
            Some((prefix, line)) => format!(
                "copy it verbatim from the source; the first {} characters match at line {line} of its text, and it differs after \"{}\"",
                prefix.chars().count(),
                tail(&prefix, 30)
            ),
            None => "copy it verbatim from the source text; no part of its beginning was found there".into(),
        };
        report.push(path, format!("the quote is not in source `{source}`"), hint);
    }
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

pub(super) fn check_account(report: &mut Report, path: &str, a: &Account, by_id: &Texts) {
    check_nonempty(report, &format!("{path}.says"), &a.says, "says");
    match (&a.source, &a.quote, &a.url) {
        (Some(source), Some(quote), None) => {
            check_quote(report, &format!("{path}.quote"), source, quote, by_id)
        }
        (None, None, Some(url)) => {
            check_https(report, &format!("{path}.url"), url);
            if a.publisher.as_deref().is_none_or(|p| p.trim().is_empty()) {
                report.push(&format!("{path}.publisher"), "an account from a primary report names no publisher", "add `publisher`");
            }
        }
        _ => report.push(
            path,
            "an account needs either `source` and `quote` (one of our texts) or `url` and `publisher` (a primary report)",
            "give one of the two pairs, not both",
        ),
    }
}

/// A translation's key is a language the site offers other than the data's own (`ko`).
pub(super) fn is_translation_lang(code: &str) -> bool {
    Lang::ALL
        .into_iter()
        .any(|l| !l.is_source() && l.code() == code)
}

pub(super) fn translation_langs_fix() -> String {
    let codes: Vec<String> = Lang::ALL
        .into_iter()
        .filter(|l| !l.is_source())
        .map(|l| format!("`{}`", l.code()))
        .collect();
    format!("use a language the site offers: {}", codes.join(", "))
}

/// The phrases a note puts in single quotes ('said Thursday', ‘said Thursday’): `Ok` with the
/// phrases, or `Err` with the start of one that is never closed. A straight quote opens at the
/// start or after anything but a letter or digit, and closes before anything but a letter or
/// digit (a Korean particle may follow it: 'said Thursday'는), so that an apostrophe inside a
/// word (post's) or after one (editors') opens nothing.
pub fn quoted(note: &str) -> Result<Vec<&str>, String> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(k) = note[at..].find(['\'', '‘']) {
        let i = at + k;
        let curly = note[i..].starts_with('‘');
        let open_len = if curly { '‘'.len_utf8() } else { 1 };
        if !curly && word(note[..i].chars().next_back()) {
            at = i + 1;
            continue;
        }
        let body = i + open_len;
        let close = if curly {
            note[body..].find('’')
        } else {
            note[body..]
                .char_indices()
                .find(|&(j, c)| c == '\'' && !word(note[body + j + 1..].chars().next()))
                .map(|(j, _)| j)
        };
        match close {
            Some(j) => {
                if j > 0 {
                    out.push(&note[body..body + j]);
                }
                at = body + j + if curly { '’'.len_utf8() } else { 1 };
            }
            None => return Err(note[i..].chars().take(30).collect()),
        }
    }
    Ok(out)
}

/// Every phrase `note` (an editors' note on a source, at `at`) puts in quotes is in `text`, the
/// source's text (`file`), case included; a quote never closed is reported too.
pub(super) fn check_note_quotes(report: &mut Report, at: &str, note: &str, text: &str, file: &str) {
    match quoted(note) {
        Ok(phrases) => {
            for q in phrases {
                if locate(text, q).is_none() {
                    report.push(
                        at,
                        format!("the note quotes '{q}', which is not in `{file}`"),
                        "quote the words exactly as the text has them, case included",
                    );
                }
            }
        }
        Err(start) => report.push(
            at,
            format!("a quote in the note is never closed: `{start}`"),
            "close the quote, or write the apostrophe inside a word",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoted_phrases_not_apostrophes() {
        let q = |s| quoted(s).unwrap();
        assert_eq!(
            q("A reprint. 'said Thursday' in the text is 1 November 2018."),
            ["said Thursday"]
        );
        assert_eq!(
            q("'Now' and ('then'), the post's 'own'."),
            ["Now", "then", "own"]
        );
        assert_eq!(
            q("본문의 'said Thursday'(목요일에 밝혔다)에서"),
            ["said Thursday"]
        );
        // A Korean particle straight after the quote; curly quotes; a dash or a slash.
        assert_eq!(q("본문의 'said Thursday'는 목요일이다"), ["said Thursday"]);
        assert_eq!(q("본문의 ‘said Thursday’는"), ["said Thursday"]);
        assert_eq!(
            q("'one'-'two'/'three':'four'"),
            ["one", "two", "three", "four"]
        );
        assert!(q("The date comes from the post's address.").is_empty());
        assert!(q("The editors' note and the authors' words.").is_empty());
        assert_eq!(
            quoted("An open 'quote with no end"),
            Err("'quote with no end".into())
        );
        assert!(quoted("본문의 ‘said Thursday").is_err());
    }
}
