//! A small tree of elements and text: what the page shows, built once in the pure core and
//! written out two ways, as escaped HTML (the static page, the print handout, snapshot tests) and,
//! in the web layer, as DOM nodes (the details panel, the reader, the slide). Because both come
//! from one tree, the page without JavaScript and the panels agree by construction.
//!
//! Text from the data only ever becomes text: [`to_html`] escapes it, and the web layer makes text
//! nodes of it. Links are made only to `https:` addresses or to places in the page (`#…`).

/// An element or a run of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    El(El),
    Text(String),
}

/// An element: its tag, attributes in order, and children.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct El {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

impl El {
    pub fn new(tag: &'static str) -> El {
        El {
            tag,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// An element with one class (none when `class` is empty).
    pub fn with_class(tag: &'static str, class: &str) -> El {
        El::new(tag).class(class)
    }

    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> El {
        self.attrs.push((name, value.into()));
        self
    }

    /// Adds `class` to the element's classes.
    pub fn class(mut self, class: &str) -> El {
        if class.is_empty() {
            return self;
        }
        match self.attrs.iter_mut().find(|(n, _)| *n == "class") {
            Some((_, v)) => {
                v.push(' ');
                v.push_str(class);
            }
            None => self.attrs.push(("class", class.to_string())),
        }
        self
    }

    pub fn id(self, id: impl Into<String>) -> El {
        self.attr("id", id)
    }

    /// Marks the element's text as written in `lang` (a screen reader then reads it in that voice).
    pub fn lang(self, lang: crate::lang::Lang) -> El {
        self.attr("lang", lang.code())
    }

    pub fn text(mut self, text: impl Into<String>) -> El {
        self.children.push(Node::Text(text.into()));
        self
    }

    pub fn child(mut self, el: El) -> El {
        self.children.push(Node::El(el));
        self
    }

    pub fn push(&mut self, el: El) {
        self.children.push(Node::El(el));
    }

    pub fn push_text(&mut self, text: impl Into<String>) {
        self.children.push(Node::Text(text.into()));
    }

    /// The value of attribute `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// All the text inside, in order (for tests and accessible names).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        collect_text(&self.children, &mut out);
        out
    }
}

fn collect_text(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::El(e) => collect_text(&e.children, out),
        }
    }
}

/// Only `https:` addresses are ever made into links to other sites.
pub fn is_safe_url(url: &str) -> bool {
    url.starts_with("https://")
        && url.len() > "https://".len()
        && !url.contains(char::is_whitespace)
}

/// A link to an https address, without referrer, or the label as plain text for anything else:
/// data never produces a `javascript:` or `http:` link.
pub fn link(url: &str, label: &str) -> El {
    if is_safe_url(url) {
        El::new("a")
            .attr("href", url)
            .attr("rel", "noopener noreferrer")
            .text(label)
    } else {
        El::new("span").text(label)
    }
}

/// A link to a place in the page (`#…`).
pub fn hash_link(hash: &str, label: &str, class: &str) -> El {
    debug_assert!(hash.starts_with('#'));
    El::with_class("a", class).attr("href", hash).text(label)
}

/// Escapes text for HTML element content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc_into(s, &mut out);
    out
}

fn esc_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Elements that have no content and no end tag.
fn is_void(tag: &str) -> bool {
    matches!(tag, "br" | "img" | "input" | "hr" | "meta" | "link")
}

/// The tree as HTML, every text and attribute value escaped. Block-level elements start on a
/// new line, so the page's source stays readable and diffs of snapshots stay small.
pub fn to_html(nodes: &[Node]) -> String {
    let mut out = String::new();
    write_nodes(nodes, &mut out);
    out
}

fn write_nodes(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => esc_into(t, out),
            Node::El(e) => write_el(e, out),
        }
    }
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "li" | "ul"
            | "ol"
            | "p"
            | "div"
            | "article"
            | "section"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "dl"
            | "dt"
            | "dd"
    )
}

fn write_el(e: &El, out: &mut String) {
    if is_block(e.tag) && !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('<');
    out.push_str(e.tag);
    for (k, v) in &e.attrs {
        out.push(' ');
        out.push_str(k);
        if !v.is_empty() || !matches!(*k, "hidden" | "checked" | "inert") {
            out.push_str("=\"");
            esc_into(v, out);
            out.push('"');
        }
    }
    out.push('>');
    if is_void(e.tag) {
        return;
    }
    write_nodes(&e.children, out);
    out.push_str("</");
    out.push_str(e.tag);
    out.push('>');
    if is_block(e.tag) {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_is_added_to_the_classes_already_there() {
        let el = El::with_class("div", "a").class("b").class("");
        assert_eq!(to_html(&[Node::El(el)]), "<div class=\"a b\"></div>\n");
        let el = El::new("p").class("c");
        assert_eq!(el.attrs, vec![("class", "c".to_string())]);
    }

    #[test]
    fn escapes_text_and_attributes() {
        let e = El::with_class("p", "a\"b")
            .attr("data-x", "<&>")
            .text("<script>alert('x')</script> & \"y\"");
        assert_eq!(
            to_html(&[Node::El(e)]),
            "<p class=\"a&quot;b\" data-x=\"&lt;&amp;&gt;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;</p>\n"
        );
    }

    #[test]
    fn links_only_https() {
        assert_eq!(link("javascript:alert(1)", "x").tag, "span");
        assert_eq!(link("http://a.org", "<b>").tag, "span");
        assert_eq!(link("https://", "x").tag, "span");
        assert_eq!(link("https://a.org/ b", "x").tag, "span");
        let a = link("https://a.org/?a=1&b=2", "r");
        assert_eq!(a.get("href"), Some("https://a.org/?a=1&b=2"));
        assert!(to_html(&[Node::El(a)]).contains("href=\"https://a.org/?a=1&amp;b=2\""));
    }

    #[test]
    fn void_and_boolean_attributes() {
        let e = El::new("input")
            .attr("type", "checkbox")
            .attr("checked", "");
        assert_eq!(to_html(&[Node::El(e)]), "<input type=\"checkbox\" checked>");
        let b = El::new("br");
        assert_eq!(to_html(&[Node::El(b)]), "<br>");
    }

    #[test]
    fn text_content_joins_in_order() {
        let e = El::new("p")
            .text("a ")
            .child(El::new("strong").text("b"))
            .text(" c");
        assert_eq!(e.text_content(), "a b c");
    }
}
