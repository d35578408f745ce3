//! The checks of one source: its fields, its address, its editors' notes and their
//! translations, and its text (present, unchanged, holding its furniture passages).

use super::check::{
    check_https, check_nonempty, check_note_quotes, is_translation_lang, translation_langs_fix,
    Report,
};
use crate::build::locate;
use crate::model::Source;
use std::collections::BTreeMap;

/// Checks source `s` (at `p` in the file) against `texts`, the source texts by file; returns
/// its text, or an empty one when it is missing (reported).
pub(super) fn check_source(
    report: &mut Report,
    p: &str,
    s: &Source,
    texts: &BTreeMap<String, String>,
) -> String {
    check_nonempty(report, &format!("{p}.title"), &s.title, "title");
    check_nonempty(report, &format!("{p}.publisher"), &s.publisher, "publisher");
    if let Some(url) = &s.url {
        check_https(report, &format!("{p}.url"), url);
    }
    if s.reprint && s.url.is_none() {
        report.push(
            &format!("{p}.reprint"),
            "a reprint with no address",
            "give the reprint's `url`, or leave `reprint` out",
        );
    }
    for (lang, t) in &s.translations {
        let tp = format!("{p}.translations.{lang}");
        if !is_translation_lang(lang) {
            report.push(
                &tp,
                format!("no interface language `{lang}`"),
                translation_langs_fix(),
            );
        }
        if s.url_note.is_none() {
            report.push(
                &format!("{tp}.url_note"),
                "a translated note for a source with no `url_note`",
                "add the English `url_note` first, or leave the translation out",
            );
        }
        check_nonempty(report, &format!("{tp}.url_note"), &t.url_note, "url_note");
    }
    match texts.get(&s.file) {
        Some(text) => {
            // Words the editors' note quotes from the text are the text's own.
            let notes = s
                .url_note
                .iter()
                .map(|n| (format!("{p}.url_note"), n))
                .chain(
                    s.translations
                        .iter()
                        .map(|(l, t)| (format!("{p}.translations.{l}.url_note"), &t.url_note)),
                );
            for (at, note) in notes {
                check_note_quotes(report, &at, note, text, &s.file);
            }
            if let Some((problem, fix)) =
                crate::build::trace::hash_problem(&s.file, text, &s.sha256)
            {
                report.push(&format!("{p}.sha256"), problem, fix);
            }
            for (j, f) in s.furniture.iter().enumerate() {
                if locate(text, &f.quote).is_none() {
                    report.push(
                        &format!("{p}.furniture[{j}].quote"),
                        format!("the furniture passage is not in `{}`", s.file),
                        "copy the passage verbatim from the source text",
                    );
                }
            }
            text.clone()
        }
        None => {
            report.push(
                &format!("{p}.file"),
                format!("source text `{}` was not found", s.file),
                "put the text under data/ at this path, unchanged, or correct the path",
            );
            String::new()
        }
    }
}
