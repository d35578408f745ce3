//! Line and column of every value in a JSON text, by path.
//!
//! serde tells *what* is wrong and at which path (`[3].evidence[0].quote`); this index turns the
//! path into the line and column an editor can jump to. It assumes the text is valid JSON (it is
//! built only after serde_json has parsed it) and records, for each object member, where its key
//! starts, and for each array element, where the element starts.

use std::collections::HashMap;

/// 1-based line and column (in characters) of a position in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// Positions by path. Paths look like `[3]`, `[3].title`, `[3].evidence[0].quote`.
#[derive(Debug, Default)]
pub struct SpanIndex {
    map: HashMap<String, Pos>,
}

impl SpanIndex {
    pub fn build(text: &str) -> Self {
        let mut s = Scanner {
            chars: text.chars().collect(),
            i: 0,
            line: 1,
            col: 1,
            map: HashMap::new(),
        };
        s.skip_ws();
        s.map.insert(String::new(), s.pos());
        s.value("");
        SpanIndex { map: s.map }
    }

    /// The position of `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Pos {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.map.get(&p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p.truncate(cut),
                None => {
                    return self
                        .map
                        .get("")
                        .copied()
                        .unwrap_or(Pos { line: 1, column: 1 })
                }
            }
        }
    }
}

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    map: HashMap<String, Pos>,
}

impl Scanner {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.col,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    fn string(&mut self) -> String {
        let mut out = String::new();
        self.bump(); // opening quote
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => {
                    if let Some(e) = self.bump() {
                        out.push(e);
                    }
                }
                c => out.push(c),
            }
        }
        out
    }

    fn value(&mut self, path: &str) {
        self.skip_ws();
        match self.peek() {
            Some('{') => {
                self.bump();
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some('}') | None => {
                            self.bump();
                            return;
                        }
                        Some(',') => {
                            self.bump();
                        }
                        Some('"') => {
                            let at = self.pos();
                            let key = self.string();
                            let child = if path.is_empty() {
                                key
                            } else {
                                format!("{path}.{key}")
                            };
                            self.map.entry(child.clone()).or_insert(at);
                            self.skip_ws();
                            self.bump(); // colon
                            self.value(&child);
                        }
                        Some(_) => {
                            self.bump();
                        }
                    }
                }
            }
            Some('[') => {
                self.bump();
                let mut n = 0;
                loop {
                    self.skip_ws();
                    match self.peek() {
                        Some(']') | None => {
                            self.bump();
                            return;
                        }
                        Some(',') => {
                            self.bump();
                        }
                        Some(_) => {
                            let child = format!("{path}[{n}]");
                            let at = self.pos();
                            self.map.entry(child.clone()).or_insert(at);
                            self.value(&child);
                            n += 1;
                        }
                    }
                }
            }
            Some('"') => {
                self.string();
            }
            Some(_) => {
                while matches!(self.peek(), Some(c) if !matches!(c, ',' | ']' | '}' | ' ' | '\n' | '\r' | '\t'))
                {
                    self.bump();
                }
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_paths() {
        let text = "[\n  {\"id\": \"a\",\n   \"evidence\": [ {\"quote\": \"x \\\" y\"} ]},\n  {\"id\": 2}\n]";
        let idx = SpanIndex::build(text);
        assert_eq!(idx.find("[0]"), Pos { line: 2, column: 3 });
        assert_eq!(idx.find("[0].evidence"), Pos { line: 3, column: 4 });
        assert_eq!(
            idx.find("[0].evidence[0].quote"),
            Pos {
                line: 3,
                column: 19
            }
        );
        assert_eq!(idx.find("[1].id"), Pos { line: 4, column: 4 });
        // A path with no position of its own falls back to its nearest ancestor.
        assert_eq!(idx.find("[1].missing"), Pos { line: 4, column: 3 });
    }
}
