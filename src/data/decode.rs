//! Reads the page's data (the bundle, as JSON) back into a [`Bundle`], by hand.
//!
//! The command line writes it with serde (into the page, see [`crate::site::data_block`]); the page reads it with this small parser and
//! decoder instead of serde's derived code, which measured about 20 KB of the gzipped wasm (the
//! derived visitors for a dozen struct types, through serde-wasm-bindgen). Natively it is tested
//! against serde's output: whatever `timeline build` writes, this reads back equal.
//!
//! Errors say where: `not valid JSON at line 3, column 14: …` for the syntax, and the field's path
//! (`events[2].event.kind: unknown kind "raport"`) for the shape.

use super::bundle::{Bundle, LocatedEvent, LocatedSource, Passage, Translations};
use crate::model::{
    Account, Discrepancy, DiscrepancyTranslation, Event, EventKind, Evidence, Figure, Furniture,
    Link, PartialDate, Source, SourceKind, Translation,
};
use std::collections::BTreeMap;

/// A parsed JSON value. Numbers are whole and non-negative: the bundle has no others.
#[derive(Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Num(u64),
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

impl Value {
    fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Parses JSON text; the error names the line and column.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value(0).and_then(|v| {
        p.ws();
        if p.i < p.s.len() {
            Err("text after the end")
        } else {
            Ok(v)
        }
    });
    v.map_err(|what| {
        let what = if p.i >= text.len() {
            "unexpected end"
        } else {
            what
        };
        let before = &text.as_bytes()[..p.i.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        format!("not valid JSON at line {line}, column {col}: {what}")
    })
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

type PResult<T> = Result<T, &'static str>;

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        let hit = self.s[self.i..].starts_with(lit);
        if hit {
            self.i += lit.len();
        }
        hit
    }

    fn value(&mut self, depth: u32) -> PResult<Value> {
        if depth > 64 {
            return Err("nested too deeply");
        }
        self.ws();
        let Some(&b) = self.s.get(self.i) else {
            return Err("unexpected end");
        };
        match b {
            b'{' => {
                let mut fields = Vec::new();
                self.seq(b'}', |p| {
                    p.ws();
                    if p.s.get(p.i) != Some(&b'"') {
                        return Err("expected a field name in quotes");
                    }
                    let key = p.string()?;
                    p.ws();
                    if !p.eat(b":") {
                        return Err("expected ':'");
                    }
                    fields.push((key, p.value(depth + 1)?));
                    Ok(())
                })?;
                Ok(Value::Obj(fields))
            }
            b'[' => {
                let mut items = Vec::new();
                self.seq(b']', |p| {
                    items.push(p.value(depth + 1)?);
                    Ok(())
                })?;
                Ok(Value::Arr(items))
            }
            b'"' => self.string().map(Value::Str),
            b'0'..=b'9' => {
                let mut n: u64 = 0;
                while let Some(&d @ b'0'..=b'9') = self.s.get(self.i) {
                    n = n
                        .checked_mul(10)
                        .and_then(|n| n.checked_add(u64::from(d - b'0')))
                        .ok_or("number too large")?;
                    self.i += 1;
                }
                match self.s.get(self.i) {
                    Some(b'.' | b'e' | b'E') => Err("expected a whole number"),
                    _ => Ok(Value::Num(n)),
                }
            }
            _ if self.eat(b"true") => Ok(Value::Bool(true)),
            _ if self.eat(b"false") => Ok(Value::Bool(false)),
            _ if self.eat(b"null") => Ok(Value::Null),
            b'-' => Err("expected a whole number that is not negative"),
            _ => Err("expected a value"),
        }
    }

    /// The comma-separated items of an object or list, at its opening bracket, through `close`.
    fn seq(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> PResult<()>) -> PResult<()> {
        self.i += 1;
        self.ws();
        if self.eat(&[close]) {
            return Ok(());
        }
        loop {
            item(self)?;
            self.ws();
            if self.eat(&[close]) {
                return Ok(());
            }
            if !self.eat(b",") {
                return Err(if close == b'}' {
                    "expected ',' or '}'"
                } else {
                    "expected ',' or ']'"
                });
            }
        }
    }

    /// A string, at its opening quote.
    fn string(&mut self) -> PResult<String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and we stop only at ASCII bytes, so this slice is UTF-8.
            out.push_str(std::str::from_utf8(&self.s[start..self.i]).map_err(|_| "bad UTF-8")?);
            match self.s.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let e = *self.s.get(self.i).ok_or("unexpected end")?;
                    self.i += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.eat(b"\\u") {
                                    return Err("unpaired surrogate");
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err("unpaired surrogate");
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or("unpaired surrogate")?
                        }
                        _ => return Err("unknown escape"),
                    });
                }
                Some(_) => return Err("control character in a string"),
                None => return Err("unterminated string"),
            }
        }
    }

    fn hex4(&mut self) -> PResult<u32> {
        let digits = self.s.get(self.i..self.i + 4).ok_or("unexpected end")?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + char::from(d).to_digit(16).ok_or("bad \\u escape")?;
        }
        self.i += 4;
        Ok(n)
    }
}

/// Decoding state: where we are (for the message) and the first shape error met. Decoding goes on
/// after an error with empty values and the caller discards the result; this keeps the decoder
/// straight-line code, a fraction of the size that early returns through partly built structs
/// compile to.
struct Dec {
    path: Vec<String>,
    err: Option<String>,
}

impl Dec {
    fn fail(&mut self, key: &str, problem: &str) {
        if self.err.is_none() {
            let mut at = String::new();
            for seg in self.path.iter().map(String::as_str).chain([key]) {
                if !at.is_empty() && !seg.starts_with('[') && !seg.is_empty() {
                    at.push('.');
                }
                at.push_str(seg);
            }
            if !at.is_empty() {
                at.push_str(": ");
            }
            at.push_str(problem);
            self.err = Some(at);
        }
    }

    /// Field `key` of `o`, absent or null as `None`; complains if `o` is not an object.
    fn field<'a>(&mut self, o: &'a Value, key: &str) -> Option<&'a Value> {
        if !matches!(o, Value::Obj(_)) {
            self.fail("", "expected an object");
        }
        o.get(key).filter(|v| **v != Value::Null)
    }

    fn opt_str(&mut self, o: &Value, key: &str) -> Option<String> {
        match self.field(o, key)? {
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.fail(key, "expected a string");
                None
            }
        }
    }

    fn str(&mut self, o: &Value, key: &str) -> String {
        if self.field(o, key).is_none() {
            self.fail(key, "missing field");
        }
        self.opt_str(o, key).unwrap_or_default()
    }

    fn num(&mut self, v: &Value, key: &str) -> usize {
        match v {
            Value::Num(n) => *n as usize,
            _ => {
                self.fail(key, "expected a whole number");
                0
            }
        }
    }

    fn date(&mut self, o: &Value, key: &str) -> Option<PartialDate> {
        let s = self.opt_str(o, key)?;
        PartialDate::parse(&s)
            .map_err(|e| self.fail(key, &e.to_string()))
            .ok()
    }

    /// The items of list field `key` (absent: none), each decoded by `f` with its index in the path.
    fn list<T>(&mut self, o: &Value, key: &str, f: fn(&mut Dec, &Value) -> T) -> Vec<T> {
        let items = match self.field(o, key) {
            None => return Vec::new(),
            Some(Value::Arr(items)) => items,
            Some(_) => {
                self.fail(key, "expected a list");
                return Vec::new();
            }
        };
        self.path.push(key.into());
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            self.path.push(format!("[{i}]"));
            out.push(f(self, v));
            self.path.pop();
        }
        self.path.pop();
        out
    }

    /// The entries of object field `key` (absent: none), each decoded by `f` with its name in
    /// the path.
    fn map<T>(
        &mut self,
        o: &Value,
        key: &str,
        f: fn(&mut Dec, &Value) -> T,
    ) -> BTreeMap<String, T> {
        let mut out = BTreeMap::new();
        match self.field(o, key) {
            None => {}
            Some(Value::Obj(entries)) => {
                self.path.push(key.into());
                for (name, v) in entries {
                    self.path.push(name.clone());
                    out.insert(name.clone(), f(self, v));
                    self.path.pop();
                }
                self.path.pop();
            }
            Some(_) => self.fail(key, "expected an object"),
        }
        out
    }

    /// Object field `key`, decoded by `f` with `key` in the path.
    fn obj<T>(&mut self, o: &Value, key: &str, f: fn(&mut Dec, &Value) -> T) -> T {
        let v = self.field(o, key).unwrap_or_else(|| {
            self.fail(key, "missing field");
            &Value::Null
        });
        self.path.push(key.into());
        let out = f(self, v);
        self.path.pop();
        out
    }
}

/// Parses `text` (named `name` in messages) and checks its format version first, so a page
/// reading an older or newer file says so rather than naming the first field that moved.
fn open(name: &str, text: &str) -> Result<(Value, Dec), String> {
    let v = parse(text).map_err(|e| format!("{name} is {e}"))?;
    let mut d = Dec {
        path: Vec::new(),
        err: None,
    };
    match d.field(&v, "version") {
        None => d.fail("version", "missing field"),
        Some(n) => {
            let version = d.num(n, "version");
            if d.err.is_none() && version != super::BUNDLE_VERSION as usize {
                return Err(format!(
                    "{name} is format {version} but this page reads format {}",
                    super::BUNDLE_VERSION
                ));
            }
        }
    }
    Ok((v, d))
}

/// The decoded value, or the first shape error.
fn finish<T>(name: &str, d: Dec, value: T) -> Result<T, String> {
    match d.err {
        Some(e) => Err(format!("{name} does not have the expected shape: {e}")),
        None => Ok(value),
    }
}

/// Decodes the bundle, naming it `name` in messages.
pub fn bundle(name: &str, text: &str) -> Result<Bundle, String> {
    let (v, mut d) = open(name, text)?;
    let b = Bundle {
        version: super::BUNDLE_VERSION,
        events: d.list(&v, "events", located_event),
        sources: d.list(&v, "sources", located_source),
    };
    finish(name, d, b)
}

/// Decodes `data.<lang>.json`, the events' text in one language.
pub fn translations(name: &str, text: &str) -> Result<Translations, String> {
    let (v, mut d) = open(name, text)?;
    let t = Translations {
        version: super::BUNDLE_VERSION,
        lang: d.str(&v, "lang"),
        events: d.map(&v, "events", translation),
    };
    finish(name, d, t)
}

fn nums(d: &mut Dec, v: &Value) -> usize {
    d.num(v, "")
}

fn opt_num(d: &mut Dec, v: &Value) -> Option<usize> {
    (*v != Value::Null).then(|| d.num(v, ""))
}

fn strs(d: &mut Dec, v: &Value) -> String {
    match v {
        Value::Str(s) => s.clone(),
        _ => {
            d.fail("", "expected a string");
            String::new()
        }
    }
}

/// An optional `true`/`false` member; absent is false.
fn flag(d: &mut Dec, v: &Value, key: &str) -> bool {
    match d.field(v, key) {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            d.fail(key, "expected true or false");
            false
        }
    }
}

fn located_event(d: &mut Dec, v: &Value) -> LocatedEvent {
    LocatedEvent {
        event: d.obj(v, "event", event),
        evidence: d.list(v, "evidence", nums),
        figures: d.list(v, "figures", nums),
        accounts: d.list(v, "accounts", |d, v| match v {
            Value::Arr(items) => items.iter().map(|v| opt_num(d, v)).collect(),
            _ => {
                d.fail("", "expected a list");
                Vec::new()
            }
        }),
    }
}

fn event(d: &mut Dec, v: &Value) -> Event {
    let start = d.date(v, "start");
    if start.is_none() {
        d.fail("start", "missing field");
    }
    Event {
        id: d.str(v, "id"),
        title: d.str(v, "title"),
        start: start.unwrap_or(PartialDate::year(0)),
        end: d.date(v, "end"),
        date_note: d.opt_str(v, "date_note"),
        approximate: flag(d, v, "approximate"),
        kind: {
            let s = d.str(v, "kind");
            EventKind::parse(&s).unwrap_or_else(|| {
                d.fail("kind", &format!("unknown kind \"{s}\""));
                EventKind::Event
            })
        },
        actors: d.list(v, "actors", strs),
        summary: d.str(v, "summary"),
        evidence: d.list(v, "evidence", |d, v| Evidence {
            source: d.str(v, "source"),
            quote: d.str(v, "quote"),
            testimony: flag(d, v, "testimony"),
        }),
        figures: d.list(v, "figures", |d, v| Figure {
            label: d.str(v, "label"),
            value: d.str(v, "value"),
            source: d.str(v, "source"),
            quote: d.str(v, "quote"),
        }),
        links: d.list(v, "links", |d, v| Link {
            label: d.str(v, "label"),
            url: d.str(v, "url"),
        }),
        tags: d.list(v, "tags", strs),
        discrepancies: d.list(v, "discrepancies", |d, v| Discrepancy {
            about: d.str(v, "about"),
            accounts: d.list(v, "accounts", |d, v| Account {
                source: d.opt_str(v, "source"),
                quote: d.opt_str(v, "quote"),
                publisher: d.opt_str(v, "publisher"),
                url: d.opt_str(v, "url"),
                says: d.str(v, "says"),
            }),
            note: d.opt_str(v, "note"),
        }),
        translations: event_translations(d, v),
    }
}

/// `translations` of an event: language code → translated text.
fn event_translations(d: &mut Dec, v: &Value) -> BTreeMap<String, Translation> {
    d.map(v, "translations", translation)
}

/// One language's translation of an event.
fn translation(d: &mut Dec, v: &Value) -> Translation {
    Translation {
        title: d.str(v, "title"),
        summary: d.str(v, "summary"),
        date_note: d.opt_str(v, "date_note"),
        figures: d.list(v, "figures", strs),
        links: d.list(v, "links", strs),
        actors: d.list(v, "actors", strs),
        discrepancies: d.list(v, "discrepancies", |d, v| {
            if d.field(v, "says").is_none() {
                d.fail("says", "missing field");
            }
            DiscrepancyTranslation {
                about: d.str(v, "about"),
                says: d.list(v, "says", strs),
                publishers: d.list(v, "publishers", strs),
                note: d.opt_str(v, "note"),
            }
        }),
    }
}

fn located_source(d: &mut Dec, v: &Value) -> LocatedSource {
    LocatedSource {
        source: d.obj(v, "source", source),
        text: d.opt_str(v, "text").unwrap_or_default(),
        citation: d.opt_str(v, "citation").unwrap_or_default(),
        excerpts: d.list(v, "excerpts", strs),
        passages: d.list(v, "passages", |d, v| {
            let mut n = |key| match d.field(v, key) {
                Some(n) => d.num(n, key),
                None => {
                    d.fail(key, "missing field");
                    0
                }
            };
            Passage {
                start: n("start"),
                end: n("end"),
                events: d.list(v, "events", strs),
                check_url: d.opt_str(v, "check_url"),
            }
        }),
        furniture: d.list(v, "furniture", |d, v| match v {
            Value::Arr(items) if items.len() == 2 => [d.num(&items[0], ""), d.num(&items[1], "")],
            _ => {
                d.fail("", "expected [start, end]");
                [0, 0]
            }
        }),
    }
}

fn source(d: &mut Dec, v: &Value) -> Source {
    let published = d.date(v, "published");
    if published.is_none() {
        d.fail("published", "missing field");
    }
    Source {
        id: d.str(v, "id"),
        title: d.str(v, "title"),
        publisher: d.str(v, "publisher"),
        author: d.opt_str(v, "author"),
        published: published.unwrap_or(PartialDate::year(0)),
        url: d.opt_str(v, "url"),
        url_note: d.opt_str(v, "url_note"),
        reprint: flag(d, v, "reprint"),
        file: d.str(v, "file"),
        sha256: d.opt_str(v, "sha256").unwrap_or_default(),
        kind: {
            let s = d.str(v, "kind");
            SourceKind::parse(&s).unwrap_or_else(|| {
                d.fail("kind", &format!("unknown kind \"{s}\""));
                SourceKind::News
            })
        },
        furniture: d.list(v, "furniture", |d, v| Furniture {
            label: d.str(v, "label"),
            quote: d.str(v, "quote"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_json_values_and_escapes() {
        let v =
            parse(r#" {"a": [1, true, false, null], "b": "x\"\\\/\n\t\u00e9\ud83d\ude00 한"} "#)
                .unwrap();
        assert_eq!(
            v,
            Value::Obj(vec![
                (
                    "a".into(),
                    Value::Arr(vec![
                        Value::Num(1),
                        Value::Bool(true),
                        Value::Bool(false),
                        Value::Null
                    ])
                ),
                ("b".into(), Value::Str("x\"\\/\n\té😀 한".into())),
            ])
        );
        assert_eq!(parse("[]").unwrap(), Value::Arr(vec![]));
        assert_eq!(parse("{}").unwrap(), Value::Obj(vec![]));
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        for (text, want) in [
            (
                "{\n  \"a\": 1,\n  \"b\" 2\n}",
                "line 3, column 7: expected ':'",
            ),
            ("[1, 2", "line 1, column 6: unexpected end"),
            ("[1] x", "line 1, column 5: text after the end"),
            ("{\"a\": 1.5}", "line 1, column 8: expected a whole number"),
            (
                "[-1]",
                "line 1, column 2: expected a whole number that is not negative",
            ),
            (
                "[\"a\nb\"]",
                "line 1, column 4: control character in a string",
            ),
            ("[\"\\ud800x\"]", "unpaired surrogate"),
            ("[\"\\q\"]", "unknown escape"),
            ("[99999999999999999999999]", "number too large"),
            ("<html>", "line 1, column 1: expected a value"),
            ("", "unexpected end"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.contains(want), "{text:?}: {e}");
            assert!(e.starts_with("not valid JSON at line"), "{e}");
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&deep).unwrap_err().contains("nested too deeply"));
    }

    #[test]
    fn shape_errors_name_the_field() {
        let ok_source = r#"{"source": {"id": "s", "title": "t", "publisher": "p", "published": "2019", "file": "f", "kind": "news"}}"#;
        let cases = [
            (
                r#"{"version": 1, "events": {}}"#.to_string(),
                "events: expected a list",
            ),
            (r#"{"events": []}"#.to_string(), "version: missing field"),
            (
                r#"{"version": 1, "events": [{"event": {"id": "a", "start": "2019"}}]}"#
                    .to_string(),
                "events[0].event.title: missing field",
            ),
            (
                format!(
                    r#"{{"version": 1, "sources": [{}, {}]}}"#,
                    ok_source,
                    ok_source.replace("news", "blog")
                ),
                "sources[1].source.kind: unknown kind \"blog\"",
            ),
            (
                format!(
                    r#"{{"version": 1, "sources": [{}]}}"#,
                    ok_source.replace("2019", "2019-13")
                ),
                "sources[0].source.published: ",
            ),
            (
                r#"{"version": 1, "sources": [{"source": 3}]}"#.to_string(),
                "sources[0].source: expected an object",
            ),
        ];
        for (text, want) in cases {
            let e = bundle("data.json", &text).unwrap_err();
            assert!(
                e.starts_with("data.json does not have the expected shape: ") && e.contains(want),
                "{text}: {e}"
            );
        }
        assert_eq!(
            translations(
                "data.ko.json",
                r#"{"version": 1, "lang": "ko", "events": {"a": {"title": "t"}}}"#
            )
            .unwrap_err(),
            "data.ko.json does not have the expected shape: events.a.summary: missing field"
        );
        assert_eq!(
            translations(
                "data.ko.json",
                r#"{"version": 2, "lang": "ko", "events": {}}"#
            )
            .unwrap_err(),
            "data.ko.json is format 2 but this page reads format 1"
        );
        assert_eq!(
            bundle("data.json", r#"{"version": 99, "events": 3}"#).unwrap_err(),
            "data.json is format 99 but this page reads format 1"
        );
    }
}
