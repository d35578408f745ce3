//! The interface languages. One type instead of comparing strings with `"ko"` here and there:
//! a `match` on [`Lang`] names every language, so adding one is a compile error until every
//! place that differs by language says what it does.

/// A language the page is offered in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 code, as in `<html lang>`, `?lang=` and the data's `translations` keys.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language of a tag such as `ko`, `ko-KR` or `en_GB` (its primary subtag, any case).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let base = tag.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| base.eq_ignore_ascii_case(l.code()))
    }

    /// `?lang=` wins; then the language the page was built in, if it is a translation
    /// (`index.ko.html`, `<html lang="ko">`: the visitor chose that page); then, on the page in
    /// the data's own language, the browser's languages in order; then English.
    pub fn choose(query: Option<&str>, page: Option<&str>, browser: &[String]) -> Lang {
        query
            .and_then(Lang::from_tag)
            .or_else(|| page.and_then(Lang::from_tag).filter(|l| !l.is_source()))
            .or_else(|| browser.iter().find_map(|l| Lang::from_tag(l)))
            .unwrap_or_default()
    }

    /// The file of the page built in this language: `index.html` for the language the data is
    /// written in, `index.<lang>.html` for a translation (`index.ko.html`).
    pub fn page_file(self) -> String {
        if self.is_source() {
            "index.html".into()
        } else {
            format!("index.{}.html", self.code())
        }
    }

    /// The address that shows the page in this language: its file, and for `index.html`, which
    /// otherwise follows the browser's languages, `?lang=` too (a Korean browser would show it in
    /// Korean).
    pub fn page_address(self) -> String {
        if self.is_source() {
            format!("{}?lang={}", self.page_file(), self.code())
        } else {
            self.page_file()
        }
    }

    /// What stands between a range's two dates: a spaced en dash in English (1994 – 1998), an
    /// unspaced tilde in Korean (1994년~1998년).
    pub fn range_dash(self) -> &'static str {
        match self {
            Lang::En => " – ",
            Lang::Ko => "~",
        }
    }

    /// True for the language the data is written in (no translation needed).
    pub fn is_source(self) -> bool {
        self == Lang::En
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_language() {
        assert_eq!(Lang::choose(Some("ko"), None, &[]), Lang::Ko);
        assert_eq!(
            Lang::choose(None, None, &["ko-KR".into(), "en".into()]),
            Lang::Ko
        );
        assert_eq!(
            Lang::choose(None, None, &["fr".into(), "en-GB".into()]),
            Lang::En
        );
        assert_eq!(Lang::choose(Some("xx"), None, &["ko".into()]), Lang::Ko);
        assert_eq!(Lang::choose(Some("KO"), None, &[]), Lang::Ko);
        assert_eq!(Lang::choose(None, None, &[]), Lang::En);
    }

    #[test]
    fn a_translated_page_keeps_its_language_and_the_source_page_follows_the_browser() {
        let en_browser = ["en-US".to_string()];
        let ko_browser = ["ko-KR".to_string()];
        // index.ko.html stays Korean in an English browser; ?lang= still wins.
        assert_eq!(Lang::choose(None, Some("ko"), &en_browser), Lang::Ko);
        assert_eq!(Lang::choose(Some("en"), Some("ko"), &ko_browser), Lang::En);
        // index.html (lang="en") follows the browser, as before there was a Korean page.
        assert_eq!(Lang::choose(None, Some("en"), &ko_browser), Lang::Ko);
        assert_eq!(Lang::choose(None, Some("en"), &en_browser), Lang::En);
        // An unknown page language is ignored.
        assert_eq!(Lang::choose(None, Some("fr"), &en_browser), Lang::En);
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.code()), Some(l));
        }
    }
}
