//! Every interface string, one table per language. English and Korean are complete; a test
//! checks that no Korean string is left empty or in English.

use crate::lang::Lang;
use crate::model::EventKind;

/// What a page in another language rewrites, at build time (`build::site::localize`) and at run
/// time (`web::effects::interface`): each marker attribute, whose value names a string, and the
/// attribute the string goes into (`None`: the element's text).
pub const MARKERS: [(&str, Option<&str>); 3] = [
    ("data-i18n", None),
    ("data-i18n-label", Some("aria-label")),
    ("data-i18n-alt", Some("alt")),
];

/// Interface strings of one language.
#[derive(Debug)]
pub struct Strings {
    pub lang: Lang,
    /// The language's name in itself, for the links between the pages ("English", "한국어").
    pub lang_name: &'static str,
    pub site_title: &'static str,
    pub site_lede: &'static str,
    pub note_heading: &'static str,
    pub note_body: &'static str,
    pub note_hide_testimony: &'static str,
    pub note_continue: &'static str,
    pub exit: &'static str,
    pub exit_note: &'static str,
    pub timeline_label: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub fit: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub present: &'static str,
    pub download: &'static str,
    pub keys_help: &'static str,
    pub list_heading: &'static str,
    pub sources_heading: &'static str,
    pub search: &'static str,
    pub filter_kind: &'static str,
    pub filter_actor: &'static str,
    pub all: &'static str,
    pub no_match: &'static str,
    pub close: &'static str,
    pub actors: &'static str,
    pub figures: &'static str,
    pub disagreements: &'static str,
    pub evidence: &'static str,
    pub primary_reports: &'static str,
    pub read_in_source: &'static str,
    pub testimony_hidden: &'static str,
    pub show_testimony: &'static str,
    pub reader_back: &'static str,
    pub show_furniture: &'static str,
    pub published: &'static str,
    pub address: &'static str,
    pub no_address: &'static str,
    pub selected: &'static str,
    pub data_error: &'static str,
    pub wasm_error: &'static str,
    pub kinds: [&'static str; 4],
    pub source_of: &'static str,
    pub cited_passage: &'static str,
    pub language: &'static str,
    pub leave_presentation: &'static str,
    pub contrast: &'static str,
    pub loading_text: &'static str,
    pub canvas_label: &'static str,
    pub toolbar_label: &'static str,
    pub print_image_alt: &'static str,
    pub sources_note: &'static str,
    pub reader_note: &'static str,
    pub skip_link: &'static str,
    pub reader_testimony: &'static str,
    /// The button after that warning that moves on to the cited passage.
    pub to_passage: &'static str,
    /// Under "What the sources say" on a page in another language than the sources'.
    pub quotes_original: &'static str,
    /// Before a source's own words beside their translation (a figure's value).
    pub original_words: &'static str,
    /// `{n}` and `{m}` are replaced by the numbers shown and in all.
    pub match_count: &'static str,
    pub hide_testimony: &'static str,
    pub open_full: &'static str,
    /// The document's title while the visitor keeps the visit out of history.
    pub neutral_title: &'static str,
    /// After the second Shift press.
    pub exit_press_one: &'static str,
    /// After the first Shift press; `{n}` is the number of presses left, as the language counts
    /// them ([`Strings::times`]: "2", "두 번").
    pub exit_press_more: &'static str,
    pub exit_lapsed: &'static str,
    pub history_light: &'static str,
    /// The link beside a quote to the same words on the publisher's page (text fragment).
    pub check_at_publisher: &'static str,
    /// The same link when the address is a reprint.
    pub check_in_reprint: &'static str,
    /// Said beside a link to a reprint: the address is not the original publisher's.
    pub reprint_note: &'static str,
    /// When a browser cannot follow text fragments, the link opens the top of the page.
    pub check_hint: &'static str,
    pub copy_citation: &'static str,
    pub citation_copied: &'static str,
    /// Heading of the citation downloads (CSL-JSON, BibTeX, RIS).
    pub cite_downloads: &'static str,
    /// Heading of an event's citation.
    pub cite_entry: &'static str,
    /// The plain-text download among the citation formats.
    pub cite_text: &'static str,
    /// Before the downloads of every source's citation at once.
    pub cite_all_sources: &'static str,
    /// Label of the stored text's sha256 in the reader.
    pub sha256_label: &'static str,
    /// What the sha256 is for.
    pub sha256_note: &'static str,
    pub teachers_heading: &'static str,
    pub worksheet_link: &'static str,
    pub offline_link: &'static str,
    /// The key to the chart (`#timeline-legend`): its heading, what the cues mean, and the names
    /// of the shapes, which a screen reader hears in place of the drawn swatches.
    pub legend_heading: &'static str,
    pub legend_ongoing: &'static str,
    pub legend_continues: &'static str,
    pub legend_bracket: &'static str,
    pub legend_disputed: &'static str,
    pub legend_square: &'static str,
    pub legend_circle: &'static str,
    pub legend_diamond: &'static str,
    pub legend_band: &'static str,
    pub legend_fade: &'static str,
    pub legend_arrowhead: &'static str,
    pub legend_bracket_shape: &'static str,
    pub legend_unequal: &'static str,
}

impl Strings {
    pub fn kind(&self, k: EventKind) -> &'static str {
        self.kinds[EventKind::ALL.iter().position(|x| *x == k).unwrap_or(0)]
    }
}

pub static EN: Strings = Strings {
    lang: Lang::En,
    lang_name: "English",
    site_title: "Documented sexual violence against, and trafficking of, North Korean women and girls",
    site_lede: "A timeline of reports and events, each linked to the passages of the source texts that support it.",
    note_heading: "Content note",
    note_body: "This page describes sexual violence, trafficking and abuse of women and children, including survivors' own testimony. It quotes news reports and human rights reports.",
    note_hide_testimony: "Hide survivors' testimony (show summaries and figures; each quote can still be opened)",
    note_continue: "Continue to the timeline",
    exit: "Exit this page",
    exit_note: "The exit button, or pressing Shift three times, leaves this page at once. Your browser history will still list it: clear your history to remove it. Links to the publishers open their own sites, which have no exit button.",
    timeline_label: "Timeline of events",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    fit: "Show all",
    prev: "Previous event",
    next: "Next event",
    present: "Present",
    download: "Download image",
    keys_help: "Keys: ← → previous and next, + − zoom, Home and End first and last, Enter details, Esc close, P present.",
    list_heading: "All events",
    sources_heading: "Sources",
    search: "Search",
    filter_kind: "Kind",
    filter_actor: "People and organisations",
    all: "All",
    no_match: "No event matches.",
    close: "Close",
    actors: "Who",
    figures: "Figures",
    disagreements: "Where the sources disagree",
    evidence: "What the sources say",
    primary_reports: "Primary reports and references",
    read_in_source: "Read in the source",
    testimony_hidden: "A survivor's testimony is hidden.",
    show_testimony: "Show testimony",
    reader_back: "Back to the event",
    show_furniture: "Show original page text (comment forms, appeals)",
    published: "Published",
    address: "Address",
    no_address: "No public address verified",
    selected: "Selected",
    data_error: "The interactive timeline could not load its data. The list of events below is complete and readable.",
    wasm_error: "The interactive timeline could not start in this browser. The list of events below is complete and readable.",
    kinds: ["Period", "Report", "Event", "Statistic"],
    source_of: "Source",
    cited_passage: "Cited passage",
    language: "Language",
    leave_presentation: "Leave presentation (Esc)",
    contrast: "High contrast",
    loading_text: "Loading the source text…",
    canvas_label: "Timeline of events, drawn as shapes on a time axis; the key beside it says what each shape means. Use the list of events below, or the arrow keys, to move between events.",
    toolbar_label: "Timeline controls",
    print_image_alt: "The timeline of events, as drawn on the page",
    sources_note: "The source texts belong to their publishers. They are quoted here unchanged, with each publisher's attribution and address, to document what was reported.",
    reader_note: "This text belongs to its publisher; it is quoted unchanged, with its attribution and address above.",
    skip_link: "Skip to the list of events",
    reader_testimony: "You chose to hide survivors' testimony. This is the whole source text, and it includes their testimony.",
    to_passage: "Go to the cited passage",
    quotes_original: "The quotes are in their sources' own words, in English.",
    original_words: "in the source",
    match_count: "Showing {n} of {m} events.",
    hide_testimony: "Hide survivors' testimony",
    open_full: "Open the full timeline, with every event and source",
    neutral_title: "Timeline",
    exit_press_one: "Shift: press 1 more time to leave the page.",
    exit_press_more: "Shift: press {n} more times to leave the page.",
    exit_lapsed: "Shift count reset. To leave the page, press Shift three times quickly.",
    history_light: "Keep this visit out of my browser history as far as possible",
    check_at_publisher: "Check at the publisher",
    check_in_reprint: "Check in the reprint",
    reprint_note: "This address is another publisher's reprint, not the original.",
    check_hint: "Opens the publisher's page at these words, in browsers that support text fragments; elsewhere at the top of the page.",
    copy_citation: "Copy citation",
    citation_copied: "Citation copied.",
    cite_downloads: "Citation for reference managers",
    cite_entry: "Cite this entry",
    cite_text: "plain text",
    cite_all_sources: "Citations of all the sources",
    sha256_label: "SHA-256 of this text",
    sha256_note: "The fingerprint of the stored text: anyone can compute it from the text file to check that it is the one quoted here.",
    teachers_heading: "For teachers",
    worksheet_link: "Compare the sources: a worksheet to print, with every point on which the sources disagree",
    offline_link: "Download for offline use: the whole timeline, its data and every source text in one file, for a classroom without a network",
    legend_heading: "Key to the timeline",
    legend_ongoing: "Ongoing period",
    legend_continues: "Continues past the edge",
    legend_bracket: "Date known only to the month or year",
    legend_disputed: "The sources disagree",
    legend_square: "Square",
    legend_circle: "Circle",
    legend_diamond: "Diamond",
    legend_band: "Band",
    legend_fade: "Band fading out at its end",
    legend_arrowhead: "Arrowhead at the edge of a band",
    legend_bracket_shape: "Bracket under a date",
    legend_unequal: "Boxed ≠ after a title",
};

pub static KO: Strings = Strings {
    lang: Lang::Ko,
    lang_name: "한국어",
    site_title: "북한 여성과 소녀들에 대한 성폭력과 인신매매 기록",
    site_lede: "보고서와 사건의 연표입니다. 각 항목은 이를 뒷받침하는 출처 원문의 구절과 연결되어 있습니다.",
    note_heading: "내용 주의",
    note_body: "이 페이지는 여성과 아동에 대한 성폭력, 인신매매, 학대를 다루며 생존자들의 증언을 포함합니다. 언론 보도와 인권 보고서를 인용합니다.",
    note_hide_testimony: "생존자 증언 숨기기 (요약과 수치만 표시하며, 각 인용문은 따로 열어 볼 수 있습니다)",
    note_continue: "연표 보기",
    exit: "이 페이지 나가기",
    exit_note: "나가기 버튼을 누르거나 Shift 키를 세 번 누르면 곧바로 이 페이지를 떠납니다. 브라우저 방문 기록에는 이 페이지가 남으니, 없애려면 방문 기록을 지우세요. 발행처로 가는 링크는 그 사이트를 열며, 그곳에는 나가기 버튼이 없습니다.",
    timeline_label: "사건 연표",
    zoom_in: "확대",
    zoom_out: "축소",
    fit: "전체 보기",
    prev: "이전 항목",
    next: "다음 항목",
    present: "발표 모드",
    download: "이미지 내려받기",
    keys_help: "단축키: ← → 이전·다음, + − 확대·축소, Home·End 처음·끝, Enter 자세히 보기, Esc 닫기, P 발표 모드.",
    list_heading: "전체 항목",
    sources_heading: "출처",
    search: "검색",
    filter_kind: "종류",
    filter_actor: "인물과 단체",
    all: "전체",
    no_match: "일치하는 항목이 없습니다.",
    close: "닫기",
    actors: "관련 주체",
    figures: "수치",
    disagreements: "출처 간 차이",
    evidence: "출처가 전하는 내용",
    primary_reports: "원 보고서와 참고 자료",
    read_in_source: "출처 원문에서 읽기",
    testimony_hidden: "생존자 증언이 숨겨져 있습니다.",
    show_testimony: "증언 보기",
    reader_back: "항목으로 돌아가기",
    show_furniture: "원래 페이지에 있던 기사 밖의 글 보기 (댓글 양식, 후원 요청)",
    published: "게시일",
    address: "주소",
    no_address: "확인된 공개 주소 없음",
    selected: "선택됨",
    data_error: "대화형 연표의 데이터를 불러오지 못했습니다. 아래 항목 목록은 빠진 내용 없이 그대로 읽을 수 있습니다.",
    wasm_error: "이 브라우저에서 대화형 연표를 시작하지 못했습니다. 아래 항목 목록은 빠진 내용 없이 그대로 읽을 수 있습니다.",
    kinds: ["기간", "보고서", "사건", "통계"],
    source_of: "출처",
    cited_passage: "인용 구절",
    language: "언어",
    leave_presentation: "발표 모드 끝내기 (Esc)",
    contrast: "고대비",
    loading_text: "출처 원문을 불러오는 중…",
    canvas_label: "시간 축 위에 도형으로 그린 사건 연표입니다. 옆의 범례가 각 도형의 뜻을 설명합니다. 아래 항목 목록이나 화살표 키로 항목 사이를 이동하세요.",
    toolbar_label: "연표 조작",
    print_image_alt: "페이지에 그려진 사건 연표",
    sources_note: "출처 원문의 권리는 각 발행처에 있습니다. 보도된 내용을 기록하기 위해 발행처 표기와 주소를 밝히고 원문 그대로 인용합니다.",
    reader_note: "이 글의 권리는 발행처에 있습니다. 발행처와 주소는 위에 밝혔으며, 원문을 고치지 않고 그대로 인용합니다.",
    skip_link: "항목 목록으로 건너뛰기",
    reader_testimony: "생존자 증언을 숨기도록 선택하셨습니다. 아래는 출처 원문 전체이며, 생존자의 증언이 들어 있습니다.",
    to_passage: "인용된 구절로 가기",
    quotes_original: "인용문은 출처의 영어 원문 그대로입니다.",
    original_words: "원문",
    match_count: "항목 {m}개 중 {n}개를 표시합니다.",
    hide_testimony: "생존자 증언 숨기기",
    open_full: "모든 항목과 출처가 있는 전체 연표 열기",
    neutral_title: "연표",
    exit_press_one: "Shift 키를 한 번 더 누르면 페이지를 나갑니다.",
    exit_press_more: "Shift 키를 {n} 더 누르면 페이지를 나갑니다.",
    exit_lapsed: "Shift 키 입력이 초기화되었습니다. 페이지를 나가려면 Shift 키를 빠르게 세 번 누르세요.",
    history_light: "이번 방문을 브라우저 방문 기록에 되도록 남기지 않기",
    check_at_publisher: "발행처 페이지에서 확인",
    check_in_reprint: "전재 페이지에서 확인",
    reprint_note: "이 주소는 원래 발행처가 아니라 다른 매체가 전재한 페이지입니다.",
    check_hint: "텍스트 조각 링크를 지원하는 브라우저에서는 발행처 페이지의 이 구절로 바로 이동하고, 그 밖의 브라우저에서는 페이지 맨 위가 열립니다.",
    copy_citation: "인용 정보 복사",
    citation_copied: "인용 정보를 복사했습니다.",
    cite_downloads: "문헌 관리 프로그램용 인용 정보",
    cite_entry: "이 항목 인용하기",
    cite_text: "텍스트",
    cite_all_sources: "모든 출처의 인용 정보",
    sha256_label: "이 글의 SHA-256",
    sha256_note: "저장된 원문의 지문입니다. 누구나 원문 파일에서 이 값을 계산해, 여기 인용된 글과 같은지 확인할 수 있습니다.",
    teachers_heading: "교사용 자료",
    worksheet_link: "출처 비교하기: 출처들이 서로 다르게 전하는 모든 항목을 담은 인쇄용 학습지",
    offline_link: "오프라인용 내려받기: 연표와 데이터, 모든 출처 원문을 한 파일에 담아 인터넷이 안 되는 교실에서도 쓸 수 있습니다",
    legend_heading: "연표 범례",
    legend_ongoing: "진행 중인 기간",
    legend_continues: "화면 가장자리 너머로 이어짐",
    legend_bracket: "월 또는 연도까지만 알려진 날짜",
    legend_disputed: "출처 간 내용이 다름",
    legend_square: "정사각형",
    legend_circle: "원",
    legend_diamond: "마름모",
    legend_band: "띠",
    legend_fade: "끝이 흐려지는 띠",
    legend_arrowhead: "띠 가장자리의 화살촉",
    legend_bracket_shape: "날짜 아래의 괄호",
    legend_unequal: "제목 뒤 네모 안의 ≠ 기호",
};

/// The table for a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

impl Strings {
    /// `n` times, as `exit_press_more` puts it: the numeral in English; in Korean the native
    /// number word with 번 (두 번, not 2번, beside 한 번 and 세 번).
    pub fn times(&self, n: usize) -> String {
        match self.lang {
            Lang::En => n.to_string(),
            Lang::Ko => match n {
                1 => "한 번".into(),
                2 => "두 번".into(),
                3 => "세 번".into(),
                4 => "네 번".into(),
                n => format!("{n}번"),
            },
        }
    }

    /// The loader's two messages (no wasm, no data), which `app.js` reads from attributes of
    /// `#error` before the wasm runs; a page in another language sets them too.
    pub fn loader_messages(&self) -> [(&'static str, &'static str); 2] {
        [
            ("data-wasm-error", self.wasm_error),
            ("data-data-error", self.data_error),
        ]
    }

    /// A string by its field name, for elements marked `data-i18n="<name>"` in the page.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        if let Some(kind) = key.strip_prefix("kind_") {
            return EventKind::parse(kind).map(|k| self.kind(k));
        }
        Some(match key {
            "site_title" => self.site_title,
            "site_lede" => self.site_lede,
            "note_heading" => self.note_heading,
            "note_body" => self.note_body,
            "note_hide_testimony" => self.note_hide_testimony,
            "note_continue" => self.note_continue,
            "exit" => self.exit,
            "exit_note" => self.exit_note,
            "timeline_label" => self.timeline_label,
            "zoom_in" => self.zoom_in,
            "zoom_out" => self.zoom_out,
            "fit" => self.fit,
            "prev" => self.prev,
            "next" => self.next,
            "present" => self.present,
            "download" => self.download,
            "keys_help" => self.keys_help,
            "list_heading" => self.list_heading,
            "sources_heading" => self.sources_heading,
            "search" => self.search,
            "filter_kind" => self.filter_kind,
            "filter_actor" => self.filter_actor,
            "all" => self.all,
            "no_match" => self.no_match,
            "close" => self.close,
            "reader_back" => self.reader_back,
            "show_furniture" => self.show_furniture,
            "language" => self.language,
            "leave_presentation" => self.leave_presentation,
            "contrast" => self.contrast,
            "loading_text" => self.loading_text,
            "canvas_label" => self.canvas_label,
            "toolbar_label" => self.toolbar_label,
            "print_image_alt" => self.print_image_alt,
            "sources_note" => self.sources_note,
            "reader_note" => self.reader_note,
            "skip_link" => self.skip_link,
            "disagreements" => self.disagreements,
            "hide_testimony" => self.hide_testimony,
            "open_full" => self.open_full,
            "history_light" => self.history_light,
            "teachers_heading" => self.teachers_heading,
            "worksheet_link" => self.worksheet_link,
            "offline_link" => self.offline_link,
            "published" => self.published,
            "address" => self.address,
            "no_address" => self.no_address,
            "check_at_publisher" => self.check_at_publisher,
            "quotes_original" => self.quotes_original,
            "original_words" => self.original_words,
            "check_in_reprint" => self.check_in_reprint,
            "reprint_note" => self.reprint_note,
            "check_hint" => self.check_hint,
            "copy_citation" => self.copy_citation,
            "citation_copied" => self.citation_copied,
            "cite_downloads" => self.cite_downloads,
            "cite_entry" => self.cite_entry,
            "cite_text" => self.cite_text,
            "cite_all_sources" => self.cite_all_sources,
            "sha256_label" => self.sha256_label,
            "sha256_note" => self.sha256_note,
            "legend_heading" => self.legend_heading,
            "legend_ongoing" => self.legend_ongoing,
            "legend_continues" => self.legend_continues,
            "legend_bracket" => self.legend_bracket,
            "legend_disputed" => self.legend_disputed,
            "legend_square" => self.legend_square,
            "legend_circle" => self.legend_circle,
            "legend_diamond" => self.legend_diamond,
            "legend_band" => self.legend_band,
            "legend_fade" => self.legend_fade,
            "legend_arrowhead" => self.legend_arrowhead,
            "legend_bracket_shape" => self.legend_bracket_shape,
            "legend_unequal" => self.legend_unequal,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `data-i18n*` key in the page template names a string, in both languages.
    #[test]
    fn page_template_keys_resolve() {
        let page = include_str!("../www/index.html");
        let mut n = 0;
        for marker in ["data-i18n=\"", "data-i18n-label=\"", "data-i18n-alt=\""] {
            for part in page.split(marker).skip(1) {
                let key = &part[..part.find('"').expect("attribute ends")];
                assert!(
                    EN.get(key).is_some(),
                    "www/index.html: no English string {key}"
                );
                assert!(
                    KO.get(key).is_some(),
                    "www/index.html: no Korean string {key}"
                );
                n += 1;
            }
        }
        assert!(n > 30, "{n} keys");
        assert!(page.contains("data-i18n=\"legend_disputed\""));
    }

    #[test]
    fn korean_table_is_complete_and_korean() {
        let keys = [
            "site_title",
            "site_lede",
            "note_heading",
            "note_body",
            "note_hide_testimony",
            "note_continue",
            "exit",
            "exit_note",
            "timeline_label",
            "zoom_in",
            "zoom_out",
            "fit",
            "prev",
            "next",
            "present",
            "download",
            "keys_help",
            "list_heading",
            "sources_heading",
            "search",
            "filter_kind",
            "filter_actor",
            "all",
            "no_match",
            "close",
            "reader_back",
            "show_furniture",
            "language",
            "leave_presentation",
            "check_at_publisher",
            "quotes_original",
            "original_words",
            "check_in_reprint",
            "reprint_note",
            "check_hint",
            "copy_citation",
            "citation_copied",
            "cite_downloads",
            "cite_entry",
            "cite_text",
            "cite_all_sources",
            "sha256_label",
            "sha256_note",
            "teachers_heading",
            "worksheet_link",
            "offline_link",
            "legend_heading",
            "legend_ongoing",
            "legend_continues",
            "legend_bracket",
            "legend_disputed",
            "legend_square",
            "legend_circle",
            "legend_diamond",
            "legend_band",
            "legend_fade",
            "legend_arrowhead",
            "legend_bracket_shape",
            "legend_unequal",
            "canvas_label",
        ];
        let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
        for k in keys {
            let (en, ko) = (EN.get(k).unwrap(), KO.get(k).unwrap());
            assert!(!en.is_empty() && hangul(ko), "{k}: {ko}");
        }
        assert_eq!(EN.get("nope"), None);
        for s in [
            KO.actors,
            KO.figures,
            KO.disagreements,
            KO.evidence,
            KO.primary_reports,
            KO.read_in_source,
            KO.testimony_hidden,
            KO.show_testimony,
            KO.published,
            KO.address,
            KO.no_address,
            KO.selected,
            KO.data_error,
            KO.wasm_error,
            KO.source_of,
            KO.cited_passage,
            KO.match_count,
            KO.hide_testimony,
            KO.open_full,
            KO.neutral_title,
            KO.exit_press_one,
            KO.exit_press_more,
            KO.exit_lapsed,
            KO.history_light,
            KO.to_passage,
        ] {
            assert!(hangul(s), "{s}");
        }
        assert!(KO.kinds.iter().all(|k| hangul(k)));
    }
}
