//! "Compare the sources": a printable worksheet made from the events' disagreements.
//!
//! For every point on which the sources disagree (`discrepancies` in `data/events.json`) it shows
//! what each source says: a source text's verbatim passage (as located in the text, so the words
//! are the source's own) with its full citation, or a report's address with this site's summary;
//! then the same few discussion questions, which never suggest which source is right. The data's
//! notes on how the accounts relate (where that is known) are kept apart, on a last page for the
//! teacher, so a class can discuss before reading them.
//!
//! One disagreement recorded under several events (the same accounts) is one point, naming every
//! event. The page is written once per language (`worksheet.html`, `worksheet.ko.html`); quotes
//! stay in English, marked `lang="en"`. [`render`] is pure: the bundle and the language in, one
//! HTML document out; the build writes it (`timeline site`).

use crate::build::site::{esc, is_safe_url};
use crate::data::{Bundle, LocatedEvent};
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::model::Account;

/// The worksheet's file name in `lang`, beside `index.html`.
pub fn file_name(lang: Lang) -> String {
    if lang == Lang::En {
        "worksheet.html".into()
    } else {
        format!("worksheet.{lang}.html")
    }
}

/// The worksheet's own words in one language (the interface's shared words come from
/// [`Strings`]).
#[derive(Debug)]
pub struct Words {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub note: &'static str,
    pub how: &'static str,
    pub print_hint: &'static str,
    pub back: &'static str,
    pub on_timeline: &'static str,
    pub also_under: &'static str,
    pub quoted: &'static str,
    pub summarised: &'static str,
    pub summarised_note: &'static str,
    /// An account quoting the same text as an earlier one of the point; `{a}` is its letter.
    pub same_source: &'static str,
    pub in_short: &'static str,
    pub discuss: &'static str,
    /// The same questions for every point: none of them leads towards an answer.
    pub questions: [&'static str; 4],
    pub teacher_heading: &'static str,
    pub teacher_intro: &'static str,
    pub footer: &'static str,
}

pub static EN: Words = Words {
    title: "Compare the sources",
    subtitle: "Where published reports on sexual violence against, and trafficking of, North Korean women and girls disagree: a worksheet",
    note: "The reports quoted here concern sexual violence, trafficking and abuse of women and children. This worksheet quotes only the passages where they disagree.",
    how: "For each point: read what each source says and who published it, then discuss the questions. Quotes are copied word for word from the source texts; “In short” is this site's summary.",
    print_hint: "To print: use your browser's Print (A4). Each point starts where it fits whole.",
    back: "Back to the timeline",
    on_timeline: "On the timeline",
    also_under: "The same disagreement is recorded under",
    quoted: "Quoted from",
    summarised: "Summarised from",
    summarised_note: "no quote here: this site's summary of the page at the address",
    same_source: "The same text as {a}.",
    in_short: "In short",
    discuss: "Discuss",
    questions: [
        "What does each source say? Put each account in your own words.",
        "Who published each account, and when? Does the text say where its information came from?",
        "Could the accounts be counting, dating or naming different things?",
        "What else would you want to read or ask before deciding, and where could you find it?",
    ],
    teacher_heading: "For the teacher: what the site's editors noted",
    teacher_intro: "How the accounts relate, where the editors could establish it. You may want to discuss the questions before reading these notes.",
    footer: "The source texts belong to their publishers. They are quoted unchanged, with each publisher's attribution and address, to document what was reported.",
};

pub static KO: Words = Words {
    title: "출처 비교하기",
    subtitle: "북한 여성과 소녀들에 대한 성폭력과 인신매매에 관한 보도들이 서로 다르게 전하는 부분: 학습지",
    note: "여기에 인용한 보도는 여성과 아동에 대한 성폭력, 인신매매, 학대를 다룹니다. 이 학습지는 출처들이 서로 다르게 전하는 구절만 인용합니다.",
    how: "각 항목마다 출처별 내용과 발행처를 읽고 질문에 대해 토론하세요. 인용문은 출처 원문(영어) 그대로이며, ‘요약’은 이 사이트가 정리한 것입니다.",
    print_hint: "인쇄하려면 브라우저의 인쇄 기능을 사용하세요 (A4). 각 항목은 한 쪽에 온전히 들어가도록 시작됩니다.",
    back: "연표로 돌아가기",
    on_timeline: "연표의 사건",
    also_under: "같은 불일치가 기록된 사건",
    quoted: "인용 출처",
    summarised: "요약 출처",
    summarised_note: "인용문 없음: 해당 주소의 자료를 이 사이트가 요약",
    same_source: "{a} 항목과 같은 출처.",
    in_short: "요약",
    discuss: "토론하기",
    questions: [
        "각 출처는 무엇이라고 말합니까? 각 내용을 자신의 말로 정리해 보세요.",
        "각 내용은 누가, 언제 발표했습니까? 본문은 정보를 어디에서 얻었는지 밝히고 있습니까?",
        "각 출처가 서로 다른 대상이나 기간을 세거나, 다른 날짜나 이름을 말하고 있을 가능성이 있습니까?",
        "판단하기 전에 무엇을 더 읽거나 묻고 싶습니까? 그런 자료는 어디에서 찾을 수 있습니까?",
    ],
    teacher_heading: "교사용: 이 사이트 편집자의 메모",
    teacher_intro: "편집자가 확인할 수 있었던 범위에서, 각 내용이 서로 어떻게 관련되는지 적었습니다. 질문에 대해 먼저 토론한 뒤 이 메모를 읽는 것을 권합니다.",
    footer: "출처 원문은 각 발행처에 속합니다. 보도된 내용을 기록하기 위해 발행처 표기와 주소를 밝히고 원문 그대로 인용했습니다.",
};

/// The worksheet's words for a language code; English for anything else.
pub fn words(lang: Lang) -> &'static Words {
    if lang == Lang::Ko {
        &KO
    } else {
        &EN
    }
}

/// One point of the worksheet: a disagreement (event `bundle.events[event]`, its discrepancy
/// `index`) and the other events that record the same one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    pub event: usize,
    pub index: usize,
    /// `(event, discrepancy)` of every later record with the same accounts.
    pub also: Vec<(usize, usize)>,
}

/// What identifies an account: the source and the passage it quotes, or the report's address.
fn account_key(le: &LocatedEvent, d: usize, a: usize, acc: &Account) -> String {
    match (
        &acc.source,
        le.accounts.get(d).and_then(|p| p.get(a)).copied().flatten(),
    ) {
        (Some(s), Some(n)) => format!("source {s} passage {n}"),
        (Some(s), None) => format!("source {s} quote {}", acc.quote.as_deref().unwrap_or("")),
        (None, _) => format!(
            "report {} {}",
            acc.publisher.as_deref().unwrap_or(""),
            acc.url.as_deref().unwrap_or("")
        ),
    }
}

/// Every disagreement once, in the events' (date) order; a later record with the same set of
/// accounts joins the first as `also`.
pub fn points(bundle: &Bundle) -> Vec<Point> {
    let mut out: Vec<(Vec<String>, Point)> = Vec::new();
    for (ei, le) in bundle.events.iter().enumerate() {
        for (di, d) in le.event.discrepancies.iter().enumerate() {
            let mut key: Vec<String> = d
                .accounts
                .iter()
                .enumerate()
                .map(|(a, acc)| account_key(le, di, a, acc))
                .collect();
            key.sort();
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some((_, p)) => p.also.push((ei, di)),
                None => out.push((
                    key,
                    Point {
                        event: ei,
                        index: di,
                        also: Vec::new(),
                    },
                )),
            }
        }
    }
    out.into_iter().map(|(_, p)| p).collect()
}

/// An https address as a link showing the address itself (so paper shows it too); anything else
/// as plain text.
fn address(url: &str) -> String {
    if is_safe_url(url) {
        format!(
            "<a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
            esc(url)
        )
    } else {
        esc(url)
    }
}

/// The letter of account `i` as the list shows it: A, B, … Z, AA, AB, …
fn letter(i: usize) -> String {
    let mut n = i + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    out.iter().rev().collect()
}

/// A link to an event on the timeline page, with its title and date.
fn event_ref(le: &LocatedEvent, lang: Lang) -> String {
    let e = &le.event;
    format!(
        "<a href=\"{}#event={}\">{}</a> ({})",
        lang.page_address(),
        esc(&e.id),
        esc(e.title_in(lang)),
        esc(&e.date_label(lang))
    )
}

/// One account: who says it and where, the verbatim passage if it quotes a source text, and
/// what it says in short.
fn render_account(
    bundle: &Bundle,
    le: &LocatedEvent,
    d: usize,
    a: usize,
    says: &str,
    t: &Strings,
    w: &Words,
) -> String {
    let accounts = &le.event.discrepancies[d].accounts;
    // A second passage of the same text is cited by the letter of the first (A, B, …), as the
    // list numbers them.
    let same_as = accounts[..a]
        .iter()
        .position(|x| x.source.is_some() && x.source == accounts[a].source)
        .map(letter);
    let acc = &le.event.discrepancies[d].accounts[a];
    let lang = t.lang;
    let mut out = String::from("<li class=\"account\">\n");
    match acc.source.as_deref().and_then(|id| bundle.source(id)) {
        Some(src) => {
            let s = &src.source;
            // The passage as it stands in the source text, not as typed in the data.
            let n = le.accounts.get(d).and_then(|p| p.get(a)).copied().flatten();
            let quote = n
                .and_then(|n| src.passage_text(n))
                .or(acc.quote.as_deref())
                .unwrap_or("");
            out.push_str(&format!(
                "<p class=\"who\"><span class=\"label\">{}:</span> <strong>{}</strong></p>\n",
                esc(w.quoted),
                esc(&s.publisher)
            ));
            out.push_str(&format!(
                "<blockquote lang=\"en\">{}</blockquote>\n",
                esc(quote)
            ));
            out.push_str(&format!(
                "<p class=\"says\"><span class=\"label\">{}:</span> {}</p>\n",
                esc(w.in_short),
                esc(says)
            ));
            if let Some(first) = same_as {
                out.push_str(&format!(
                    "<p class=\"cite\">{}</p>\n</li>\n",
                    esc(&w.same_source.replace("{a}", &first))
                ));
                return out;
            }
            let mut cite = esc(&s.publisher);
            if let Some(author) = &s.author {
                cite.push_str(&format!(", {}", esc(author)));
            }
            cite.push_str(&format!(
                ". <cite lang=\"en\">{}</cite>. {}: <time datetime=\"{}\">{}</time>.",
                esc(&s.title),
                esc(t.published),
                s.published,
                esc(&s.published.display(lang))
            ));
            match &s.url {
                Some(u) => cite.push_str(&format!(" {}: {}", esc(t.address), address(u))),
                None => cite.push_str(&format!(" {}.", esc(t.no_address))),
            }
            if let Some((note, written)) = s.url_note_in(lang) {
                let mark = if written == lang {
                    String::new()
                } else {
                    format!(" lang=\"{}\"", written.code())
                };
                cite.push_str(&format!(
                    " <span class=\"url-note\"{mark}>({})</span>",
                    esc(note)
                ));
            }
            out.push_str(&format!("<p class=\"cite\">{cite}</p>\n"));
        }
        None => {
            let publisher = acc
                .publisher
                .as_deref()
                .or(acc.source.as_deref())
                .unwrap_or("");
            out.push_str(&format!(
                "<p class=\"who\"><span class=\"label\">{}:</span> <strong>{}</strong> <span class=\"aside\">({})</span></p>\n",
                esc(w.summarised),
                esc(publisher),
                esc(w.summarised_note)
            ));
            out.push_str(&format!(
                "<p class=\"says\"><span class=\"label\">{}:</span> {}</p>\n",
                esc(w.in_short),
                esc(says)
            ));
            if let Some(u) = &acc.url {
                out.push_str(&format!(
                    "<p class=\"cite\">{}: {}</p>\n",
                    esc(t.address),
                    address(u)
                ));
            }
        }
    }
    out.push_str("</li>\n");
    out
}

/// The whole worksheet in `t.lang`, as one HTML document. `csp` goes into its `<meta>` tag; the
/// style sheet is `worksheet.css` beside it.
pub fn render(bundle: &Bundle, t: &Strings, csp: &str) -> String {
    let lang = t.lang;
    let w = words(lang);
    let other = if lang == Lang::Ko {
        format!(
            "<a href=\"{}\" hreflang=\"en\" lang=\"en\">English</a>",
            file_name(Lang::En)
        )
    } else {
        format!(
            "<a href=\"{}\" hreflang=\"ko\" lang=\"ko\">한국어</a>",
            file_name(Lang::Ko)
        )
    };
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>{title}: {subtitle}</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"worksheet.css\">\n</head>\n<body>\n<header class=\"ws-header\">\n<h1>{title}</h1>\n<p class=\"subtitle\">{subtitle}</p>\n<p class=\"content-note\"><strong>{note_h}:</strong> {note}</p>\n<p class=\"how\">{how}</p>\n<p class=\"screen-only small\"><a href=\"{page}\">{back}</a> · {other} · {hint}</p>\n</header>\n<main>\n",
        csp = esc(csp),
        page = t.lang.page_address(),
        title = esc(w.title),
        subtitle = esc(w.subtitle),
        note_h = esc(t.note_heading),
        note = esc(w.note),
        how = esc(w.how),
        back = esc(w.back),
        hint = esc(w.print_hint),
    );
    let points = points(bundle);
    let mut notes = Vec::new();
    for (i, p) in points.iter().enumerate() {
        let le = &bundle.events[p.event];
        let Some((about, says, note)) = le.event.discrepancy_in(p.index, lang) else {
            continue;
        };
        let records = std::iter::once((p.event, p.index))
            .chain(p.also.iter().copied())
            .map(|(e, d)| format!("{}#{d}", bundle.events[e].event.id))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "<section class=\"point\" id=\"point-{n}\" data-records=\"{records}\" aria-labelledby=\"point-{n}-h\">\n<h2 id=\"point-{n}-h\"><span class=\"n\">{n}.</span> {about}</h2>\n<p class=\"context\">{on}: {ev}",
            n = i + 1,
            records = esc(&records),
            about = esc(about),
            on = esc(w.on_timeline),
            ev = event_ref(le, lang),
        ));
        if !p.also.is_empty() {
            let also = p
                .also
                .iter()
                .map(|&(e, _)| event_ref(&bundle.events[e], lang))
                .collect::<Vec<_>>()
                .join("; ");
            out.push_str(&format!(". {}: {also}", esc(w.also_under)));
        }
        // Lettered without the style sheet too: "the same text as A" refers to the letters.
        out.push_str("</p>\n<ol class=\"accounts\" type=\"A\">\n");
        for (a, said) in says.iter().enumerate() {
            out.push_str(&render_account(bundle, le, p.index, a, said, t, w));
        }
        out.push_str(&format!(
            "</ol>\n<div class=\"questions\">\n<h3>{}</h3>\n<ol>\n",
            esc(w.discuss)
        ));
        for q in w.questions {
            out.push_str(&format!("<li>{}</li>\n", esc(q)));
        }
        out.push_str("</ol>\n</div>\n</section>\n");
        if let Some(note) = note {
            notes.push((i + 1, about, note));
        }
    }
    out.push_str("</main>\n");
    if !notes.is_empty() {
        out.push_str(&format!(
            "<section class=\"teacher-notes\" aria-labelledby=\"teacher-h\">\n<h2 id=\"teacher-h\">{}</h2>\n<p>{}</p>\n<dl>\n",
            esc(w.teacher_heading),
            esc(w.teacher_intro)
        ));
        for (n, about, note) in notes {
            out.push_str(&format!(
                "<dt><a href=\"#point-{n}\">{n}. {}</a></dt>\n<dd>{}</dd>\n",
                esc(about),
                esc(note)
            ));
        }
        out.push_str("</dl>\n</section>\n");
    }
    out.push_str(&format!(
        "<footer class=\"ws-footer\">\n<p class=\"small\">{}</p>\n</footer>\n</body>\n</html>\n",
        esc(w.footer)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::{self as data, Inputs};
    use crate::i18n::{EN as T_EN, KO as T_KO};
    use std::collections::BTreeMap;

    /// The project's own data, loaded as the build loads it.
    fn bundle() -> Bundle {
        let events = include_str!("../../data/events.json");
        let sources = include_str!("../../data/sources.json");
        let mut texts = BTreeMap::new();
        for f in data::source_files(sources) {
            let path = format!("{}/data/{f}", env!("CARGO_MANIFEST_DIR"));
            texts.insert(f, std::fs::read_to_string(&path).expect("source text"));
        }
        let ds = data::load(&Inputs {
            events_name: "events.json",
            events,
            sources_name: "sources.json",
            sources,
            texts: &texts,
        })
        .expect("the project's data is valid");
        Bundle::from_dataset(&ds)
    }

    fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
        html.split(start)
            .skip(1)
            .map(|s| s.split(end).next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn every_disagreement_is_a_point_or_joins_one() {
        let b = bundle();
        let ps = points(&b);
        let mut seen: Vec<(usize, usize)> = ps
            .iter()
            .flat_map(|p| std::iter::once((p.event, p.index)).chain(p.also.clone()))
            .collect();
        seen.sort();
        let mut all: Vec<(usize, usize)> = b
            .events
            .iter()
            .enumerate()
            .flat_map(|(e, le)| (0..le.event.discrepancies.len()).map(move |d| (e, d)))
            .collect();
        all.sort();
        assert_eq!(seen, all, "each record exactly once");
        // Records joined into one point really have the same accounts.
        for p in &ps {
            for &(e, d) in &p.also {
                let (a, b2) = (
                    &b.events[p.event].event.discrepancies[p.index],
                    &b.events[e].event.discrepancies[d],
                );
                assert_eq!(a.accounts.len(), b2.accounts.len());
                for acc in &b2.accounts {
                    assert!(
                        a.accounts
                            .iter()
                            .any(|x| x.source == acc.source && x.url == acc.url),
                        "{acc:?} joined a point without it"
                    );
                }
            }
        }
        assert!(
            ps.len() < all.len(),
            "the data records one disagreement twice"
        );
    }

    #[test]
    fn every_point_shows_every_account_with_its_passage_and_citation() {
        let b = bundle();
        let html = render(&b, &T_EN, "default-src 'self'");
        let ps = points(&b);
        let sections = between(&html, "<section class=\"point\"", "</section>");
        assert_eq!(sections.len(), ps.len());
        for (p, sec) in ps.iter().zip(&sections) {
            let le = &b.events[p.event];
            let d = &le.event.discrepancies[p.index];
            assert!(sec.contains(&esc(&d.about)), "{} missing", d.about);
            assert!(sec.contains(&format!("#event={}\"", le.event.id)));
            assert_eq!(
                sec.matches("<li class=\"account\">").count(),
                d.accounts.len()
            );
            for (a, acc) in d.accounts.iter().enumerate() {
                assert!(sec.contains(&esc(&acc.says)), "{} missing", acc.says);
                match &acc.source {
                    Some(id) => {
                        let src = b.source(id).expect("source");
                        let n = le.accounts[p.index][a].expect("located");
                        let passage = src.passage_text(n).expect("passage");
                        assert!(
                            sec.contains(&format!(
                                "<blockquote lang=\"en\">{}</blockquote>",
                                esc(passage)
                            )),
                            "the passage of {id} as it stands in the text"
                        );
                        // Each source's citation once a point; a second passage names the first.
                        let first = d.accounts.iter().position(|x| x.source == acc.source);
                        if first == Some(a) {
                            assert!(sec.contains(&esc(&src.source.title)));
                            assert!(sec.contains(&esc(&src.source.published.display(Lang::En))));
                            if let Some(u) = &src.source.url {
                                assert_eq!(
                                    sec.matches(&format!(">{}</a>", esc(u))).count(),
                                    1,
                                    "{u}"
                                );
                            }
                        } else {
                            let l = letter(first.unwrap());
                            assert!(sec.contains(&format!("The same text as {l}.")), "{id}");
                        }
                    }
                    None => {
                        let u = acc.url.as_deref().expect("a report account has an address");
                        assert!(sec.contains(&format!(">{}</a>", esc(u))), "{u}");
                        assert!(sec.contains(&esc(acc.publisher.as_deref().unwrap())));
                    }
                }
            }
            for q in EN.questions {
                assert!(sec.contains(&esc(q)));
            }
            // The editors' note is not beside the accounts, only on the teacher's page.
            if let Some(note) = &d.note {
                assert!(!sec.contains(&esc(note)));
            }
        }
        let teacher = html.split("class=\"teacher-notes\"").nth(1).expect("notes");
        let with_notes = ps
            .iter()
            .filter(|p| {
                b.events[p.event].event.discrepancies[p.index]
                    .note
                    .is_some()
            })
            .count();
        assert_eq!(teacher.matches("<dd>").count(), with_notes);
        assert!(html.contains(&esc(EN.note)), "the content note");
    }

    #[test]
    fn korean_uses_the_translations_and_keeps_quotes_english() {
        let b = bundle();
        let html = render(&b, &T_KO, "x");
        assert!(html.starts_with("<!doctype html>\n<html lang=\"ko\">"));
        for p in points(&b) {
            let e = &b.events[p.event].event;
            let tr = &e.translations["ko"].discrepancies[p.index];
            assert!(html.contains(&esc(&tr.about)), "{}", tr.about);
            for s in &tr.says {
                assert!(html.contains(&esc(s)), "{s}");
            }
            assert!(html.contains(&esc(e.title_in(Lang::Ko))));
        }
        let quotes = between(&html, "<blockquote", ">");
        assert!(!quotes.is_empty() && quotes.iter().all(|q| *q == " lang=\"en\""));
        for q in KO.questions {
            assert!(html.contains(q));
        }
        assert!(html.contains("href=\"worksheet.html\" hreflang=\"en\""));
    }

    #[test]
    fn text_from_the_data_is_escaped_and_only_https_is_linked() {
        let mut b = bundle();
        let le = b
            .events
            .iter_mut()
            .find(|le| {
                le.event
                    .discrepancies
                    .iter()
                    .any(|d| d.accounts.iter().any(|a| a.url.is_some()))
            })
            .expect("a report account");
        let d = le
            .event
            .discrepancies
            .iter_mut()
            .find(|d| d.accounts.iter().any(|a| a.url.is_some()))
            .unwrap();
        d.about = "<script>alert(1)</script> & \"q\"".into();
        let acc = d.accounts.iter_mut().find(|a| a.url.is_some()).unwrap();
        acc.url = Some("javascript:alert(2)".into());
        acc.says = "<img src=x onerror=alert(3)>".into();
        le.event.translations.clear();
        let html = render(&b, &T_EN, "default-src 'none'\"><script>");
        assert!(
            !html.contains("<script"),
            "nothing from the data opens a tag"
        );
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"));
        assert!(!html.contains("href=\"javascript:"));
        assert!(html.contains("javascript:alert(2)"), "shown as text");
    }

    #[test]
    fn letters_as_the_list_numbers_them() {
        let ls: Vec<String> = [0, 1, 25, 26, 27, 51, 52].map(letter).into();
        assert_eq!(ls, ["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
    }

    #[test]
    fn file_names() {
        assert_eq!(file_name(Lang::En), "worksheet.html");
        assert_eq!(file_name(Lang::Ko), "worksheet.ko.html");
    }
}
