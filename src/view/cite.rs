//! Where the words can be checked and how they are cited: "Check at the publisher", the
//! citation files, and the source list's entries.

use super::*;
use crate::html::{link, El};
use crate::i18n::Strings;
use crate::route::encode;

/// "Check at the publisher": the same words on the publisher's page, opened without referrer;
/// a reprint says it is one.
pub fn check_link(c: &Cite, t: &Strings) -> Option<El> {
    let url = c.check_url.as_deref()?;
    let label = if c.reprint {
        t.check_in_reprint
    } else {
        t.check_at_publisher
    };
    let mut a = link(url, label)
        .class("check-link")
        .attr("title", t.check_hint);
    if c.reprint {
        a = a.attr("aria-description", t.reprint_note);
    }
    Some(a)
}

/// Links to a citation's files under `cite/` (written by the build): plain text, CSL-JSON,
/// BibTeX and RIS. The single offline file has no such files and hides them.
pub fn cite_downloads(stem: &str, t: &Strings) -> El {
    cite_files(
        El::with_class("span", "cite-downloads"),
        "cite_downloads",
        t.cite_downloads,
        stem,
        t,
    )
}

/// The source list's closing line: the files citing every source at once.
pub fn cite_all_sources(t: &Strings) -> El {
    cite_files(
        El::with_class("p", "cite-actions cite-downloads"),
        "cite_all_sources",
        t.cite_all_sources,
        "sources",
        t,
    )
}

/// `el` holding "`label`: plain text · CSL-JSON · BibTeX · RIS", linked to `cite/<stem>.*`.
fn cite_files(el: El, key: &str, label: &str, stem: &str, t: &Strings) -> El {
    let mut el = el
        .child(El::new("span").attr("data-i18n", key).text(label))
        .text(": ");
    let formats = [
        ("txt", t.cite_text, "text/plain"),
        (
            "json",
            "CSL-JSON",
            "application/vnd.citationstyles.csl+json",
        ),
        ("bib", "BibTeX", "application/x-bibtex"),
        ("ris", "RIS", "application/x-research-info-systems"),
    ];
    for (i, (ext, label, mime)) in formats.into_iter().enumerate() {
        if i > 0 {
            el.push_text(" · ");
        }
        let mut a = El::new("a")
            .attr("href", format!("cite/{stem}.{ext}"))
            .attr("download", "")
            .attr("type", mime);
        if ext == "txt" {
            a = a.attr("data-i18n", "cite_text");
        }
        el.push(a.text(label));
    }
    el
}

/// The editors' note on a source's address or date, in brackets, in `lang` where it has been
/// translated, else in English and marked so (for a screen reader's voice).
pub fn url_note(s: &crate::model::Source, lang: crate::lang::Lang) -> Option<El> {
    let (note, written) = s.url_note_in(lang)?;
    let el = El::with_class("span", "url-note").text(format!("({note})"));
    Some(if written == lang {
        el
    } else {
        el.lang(written)
    })
}

/// The source list's `<li>`: full attribution and address.
pub fn source_item(src: &LocatedSource, t: &Strings) -> El {
    let s = &src.source;
    let mut li = El::new("li")
        .id(format!("src-{}", s.id))
        .attr("data-source", &s.id)
        .child(El::new("cite").lang(SOURCE_LANG).text(&s.title))
        .child(El::new("br"))
        .text(&s.publisher);
    if let Some(a) = &s.author {
        li.push_text(format!(", {a}"));
    }
    li.push_text(". ");
    li.push(
        El::new("span")
            .attr("data-i18n", "published")
            .text(t.published),
    );
    li.push_text(": ");
    li.push(
        El::new("time")
            .attr("datetime", s.published.to_string())
            .text(s.published.display(t.lang)),
    );
    li.push_text(".");
    li.push(El::new("br"));
    match &s.url {
        Some(u) => {
            li.push(El::new("span").attr("data-i18n", "address").text(t.address));
            li.push_text(": ");
            li.push(link(u, u));
        }
        None => li.push(
            El::new("span")
                .attr("data-i18n", "no_address")
                .text(t.no_address),
        ),
    }
    if let Some(note) = url_note(s, t.lang) {
        li.push_text(" ");
        li.push(note);
    }
    li.push(
        El::with_class("p", "citation-text")
            .lang(SOURCE_LANG)
            .text(&src.citation),
    );
    li.push(
        El::with_class("p", "cite-actions")
            .child(
                El::with_class("button", "copy-citation link-button js-only")
                    .attr("type", "button")
                    .attr("data-cite-source", &s.id)
                    .attr("data-i18n", "copy_citation")
                    .text(t.copy_citation),
            )
            .child(cite_downloads(&format!("source/{}", encode(&s.id)), t)),
    );
    li
}
