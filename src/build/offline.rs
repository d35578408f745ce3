//! The one-file copy of the site for a classroom without a network: `timeline-offline.html`,
//! and `timeline-offline.ko.html` from the Korean page.
//!
//! It is a built page, `index.html` or `index.ko.html` (whose style sheet the site build has already put inline) with
//! everything else it would load put inside it: the wasm-bindgen glue, the loader (`www/app.js`) and a few lines of
//! offline start-up (`src/offline.js`) as one inline module (an inline module cannot `import` a
//! file beside it on `file://`), the wasm as base64 in a data block, and every file the online
//! page fetches later (`data.ko.json`, `sources/*.txt`) in a JSON data block. Nothing is fetched,
//! so it works opened from a USB stick or an e-mail attachment.
//!
//! Its Content-Security-Policy (in a `<meta>` tag) allows exactly that inline script and style, by
//! their SHA-256 hashes, plus WebAssembly compilation and `data:` images (the print image):
//! `default-src 'none'`, no `unsafe-inline`. [`check_csp`] proves that every inline script and
//! style of a page has its hash in the page's policy; the build runs it on what it writes.
//!
//! Everything here is pure: built files in, one HTML string out. The command line
//! (`timeline offline`) reads the files and may minify the module with terser in between.

use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The file the build writes beside `index.html`.
pub const FILE_NAME: &str = "timeline-offline.html";

/// The offline file of the page in `lang`: `timeline-offline.html` from `index.html`,
/// `timeline-offline.ko.html` from `index.ko.html` (Korean from its first paint, as that page).
pub fn file_name(lang: crate::lang::Lang) -> String {
    if lang.is_source() {
        FILE_NAME.into()
    } else {
        format!("timeline-offline.{}.html", lang.code())
    }
}
/// Id of the JSON data block holding the files the page would fetch online (name → text).
pub const FILES_BLOCK_ID: &str = "timeline-files";
/// Id of the data block holding the wasm as base64.
pub const WASM_BLOCK_ID: &str = "timeline-wasm";

/// The start-up that replaces the online loader's imports and fetches.
const OFFLINE_JS: &str = include_str!("offline.js");

/// What the page in the offline file is made of, as the build wrote it into `dist/`.
pub struct Parts<'a> {
    /// `index.html`, as written by `timeline site`.
    pub page: &'a str,
    /// The wasm-bindgen glue (`--target web`), unminified or minified on its own.
    pub glue: &'a str,
    /// The loader, `app.js`, which exports `boot(loadWasm, get)`.
    pub app: &'a str,
    /// The optimised wasm.
    pub wasm: &'a [u8],
    /// Every file the page may fetch, by the name it asks for (`data.ko.json`,
    /// `sources/….txt`), with its text.
    pub files: &'a BTreeMap<String, String>,
}

/// `(exported name, local name)` of every export of an ES module written as wasm-bindgen writes
/// its glue: `export function f`, `export class C`, `export const x`, `export { a, b as c }`.
pub fn module_exports(js: &str) -> Vec<(String, String)> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect()
    };
    let mut out = Vec::new();
    let mut rest = js;
    while let Some(at) = rest.find("export") {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.'));
        let after = &rest[at + "export".len()..];
        rest = after;
        if !before_ok {
            continue;
        }
        let after = after.trim_start();
        if let Some(list) = after.strip_prefix('{') {
            let Some(end) = list.find('}') else { break };
            for item in list[..end].split(',') {
                let words: Vec<&str> = item.split_whitespace().collect();
                match words.as_slice() {
                    [local] => out.push((ident(local), ident(local))),
                    [local, "as", name] => out.push((ident(name), ident(local))),
                    _ => {}
                }
            }
            continue;
        }
        let mut decl = after;
        if let Some(d) = decl.strip_prefix("async") {
            decl = d.trim_start();
        }
        for kw in ["function*", "function", "class", "const", "let", "var"] {
            if let Some(d) = decl.strip_prefix(kw) {
                if d.starts_with(|c: char| c.is_whitespace() || c == '*') || kw == "function*" {
                    let name = ident(d.trim_start_matches('*').trim_start());
                    if !name.is_empty() {
                        out.push((name.clone(), name));
                    }
                    break;
                }
            }
        }
        if let Some(d) = decl.strip_prefix("default") {
            let name = ident(d.trim_start());
            if !name.is_empty() && !["function", "class", "async"].contains(&name.as_str()) {
                out.push(("default".into(), name));
            }
        }
    }
    out
}

/// The one inline module: the glue, the loader, and the offline start-up, which hands `boot`
/// the glue's exports and the files carried in the page. Fails, saying what to rebuild, when the
/// glue has no default export (its init function) or the loader no `boot`.
pub fn module_script(parts: &Parts) -> Result<String, String> {
    let exports = module_exports(parts.glue);
    let init = exports
        .iter()
        .find(|(name, _)| name == "default")
        .map(|(_, local)| local.clone())
        .ok_or("the wasm-bindgen glue has no default export (its init function): build it with `wasm-bindgen --target web`")?;
    if !module_exports(parts.app)
        .iter()
        .any(|(name, _)| name == "boot")
    {
        return Err("app.js does not export `boot(loadWasm, get)`, which the offline file starts the timeline with".into());
    }
    let object = exports
        .iter()
        .map(|(name, local)| {
            if name == local {
                name.clone()
            } else {
                format!("{name}: {local}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let start = OFFLINE_JS
        .replace("GLUE_INIT", &init)
        .replace("GLUE_EXPORTS", &format!("{{ {object} }}"));
    // In the line endings the browser hashes (its parser turns CRLF into LF in a <script>), so
    // a CRLF checkout's app.js does not make a script that its own policy refuses.
    Ok(format!(
        "{}\n;\n{}\n;\n{start}",
        parts.glue.trim_end(),
        parts.app.trim_end()
    )
    .replace("\r\n", "\n"))
}

/// `'sha256-…'`: the CSP source that allows an inline script or style with exactly this text.
pub fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The offline page's policy: nothing but the given inline scripts and styles (by hash),
/// WebAssembly compilation, and `data:` images.
pub fn csp(scripts: &[&str], styles: &[&str]) -> String {
    let hashes = |texts: &[&str]| {
        texts
            .iter()
            .map(|t| hash_source(t))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; base-uri 'none'; form-action 'none'",
        hashes(scripts),
        hashes(styles)
    )
}

/// `page` with `data-offline` on its `<html>` tag, whatever else the tag carries (its language,
/// `data-history-light`).
fn mark_offline(page: &str) -> Result<String, String> {
    let at = page
        .find("<html")
        .ok_or("index.html has no <html> tag to mark as offline")?;
    let end = at
        + page[at..]
            .find('>')
            .ok_or("index.html: the <html> tag is not closed")?;
    Ok(format!("{} data-offline{}", &page[..end], &page[end..]))
}

/// Replaces exactly one occurrence of `what` in `page`, or fails naming it.
fn replace_once(page: &str, what: &str, with: &str) -> Result<String, String> {
    match page.matches(what).count() {
        1 => Ok(page.replacen(what, with, 1)),
        0 => Err(format!(
            "index.html has no `{what}`; the offline file replaces it (put it back in www/index.html, or teach src/offline.rs the new form)"
        )),
        n => Err(format!("index.html has `{what}` {n} times, expected once")),
    }
}

/// Text that would end its `<script>` or `<style>` element early, or confuse the HTML parser
/// inside it.
pub(crate) fn check_raw_text(what: &str, text: &str, tag: &str) -> Result<(), String> {
    let lower = text.to_ascii_lowercase();
    for bad in [format!("</{tag}"), "<!--".to_string()] {
        if let Some(at) = lower.find(&bad) {
            return Err(format!(
                "{what} contains `{bad}` at byte {at}, which would end or break its inline <{tag}> element"
            ));
        }
    }
    Ok(())
}

/// The site's header policy once the offline files (with `scripts`) are beside the pages: the
/// policy of `page`, which allows its inline style sheet, and the offline files' inline scripts.
pub fn host_policy(page: &str, scripts: &[&str]) -> String {
    let styles = elements(page, "style", |_| true);
    let mut scripts = scripts.to_vec();
    scripts.dedup();
    crate::build::site::policy_with_scripts(&styles, &scripts)
}

/// The offline page, with `script` (the result of [`module_script`], minified or not) as its one
/// inline module.
pub fn assemble(parts: &Parts, script: &str) -> Result<String, String> {
    check_raw_text("the page's script", script, "script")?;
    let page = parts.page;
    // The page's own policy (for a server) gives way to the offline one.
    let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let start = page
        .find(meta)
        .ok_or("index.html has no Content-Security-Policy <meta> tag to replace")?;
    let end = start
        + meta.len()
        + page[start + meta.len()..]
            .find("\">")
            .ok_or("index.html: the Content-Security-Policy <meta> tag is not closed")?
        + 2;
    // The site build wrote the style sheet into the page (`site::inline_style`).
    let styles = elements(page, "style", |_| true);
    if styles.is_empty() {
        return Err("index.html has no inline <style>: build it with `timeline site`, which puts the style sheet in the page".into());
    }
    let policy = csp(&[script], &styles);
    let page = format!("{}{meta}{policy}\">{}", &page[..start], &page[end..]);
    let page = replace_once(
        &page,
        "<script type=\"module\" src=\"app.js\"></script>",
        &format!("<script type=\"module\">{script}</script>"),
    )?;
    // What only makes sense beside the online site (links to its other files) stays out; the
    // citation downloads, which the page also builds, are hidden by `html[data-offline]`.
    let page = drop_online_only(&page);
    let page = mark_offline(&page)?;
    let files = serde_json::to_string(parts.files).expect("a map of strings serialises");
    let blocks = format!(
        "{}\n<script type=\"application/octet-stream\" id=\"{WASM_BLOCK_ID}\">{}</script>\n",
        crate::build::site::json_block(FILES_BLOCK_ID, &files),
        base64::engine::general_purpose::STANDARD.encode(parts.wasm)
    );
    let page = replace_once(&page, "</body>", &format!("{blocks}</body>"))?;
    check_csp(&page)?;
    Ok(page)
}

/// Markers around what the offline file leaves out (`www/index.html`).
pub const ONLINE_ONLY: (&str, &str) = ("<!-- online-only -->", "<!-- /online-only -->");

fn drop_online_only(page: &str) -> String {
    let (open, close) = ONLINE_ONLY;
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(a) = rest.find(open) {
        let Some(b) = rest[a..].find(close) else {
            break;
        };
        out.push_str(&rest[..a]);
        rest = &rest[a + b + close.len()..];
    }
    out.push_str(rest);
    out
}

/// The text of every element `<tag …>…</tag>` in `html` whose opening tag passes `keep`.
pub(crate) fn elements<'a>(html: &'a str, tag: &str, keep: impl Fn(&str) -> bool) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(a) = rest.find(&open) {
        let after = &rest[a + open.len()..];
        // `<scripts>` or `<style-x>` are other names.
        if !after.starts_with(|c: char| c == '>' || c.is_whitespace()) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let attrs = &after[..gt];
        let body = &after[gt + 1..];
        let Some(end) = body.find(&close) else { break };
        if keep(attrs) {
            out.push(&body[..end]);
        }
        rest = &body[end + close.len()..];
    }
    out
}

/// Is a `<script>` with these attributes run as script (rather than a data block)?
fn executable(attrs: &str) -> bool {
    if attrs.contains(" src=") {
        return false;
    }
    let ty = attrs
        .split("type=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|t| t.trim().to_ascii_lowercase());
    match ty.as_deref() {
        None | Some("") | Some("module") => true,
        Some(t) => t.contains("javascript") || t.contains("ecmascript"),
    }
}

/// The page's `<meta>` policy; fails unless every inline script and style it runs has its hash
/// there, and the policy has no `'unsafe-inline'`.
pub fn check_csp(html: &str) -> Result<(), String> {
    let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let policy = html
        .split(meta)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .ok_or("the page has no Content-Security-Policy <meta> tag")?;
    let directive = |name: &str| -> Vec<&str> {
        policy
            .split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name).filter(|r| r.starts_with(' ')))
            .map(|r| r.split_whitespace().collect())
            .unwrap_or_default()
    };
    if policy.contains("'unsafe-inline'") {
        return Err("the offline policy must not allow 'unsafe-inline'".into());
    }
    let scripts = directive("script-src");
    for (i, s) in elements(html, "script", executable).iter().enumerate() {
        if !scripts.contains(&hash_source(s).as_str()) {
            return Err(format!(
                "inline script {i} (of {} bytes) has no hash in the policy's script-src",
                s.len()
            ));
        }
    }
    let styles = directive("style-src");
    for (i, s) in elements(html, "style", |_| true).iter().enumerate() {
        if !styles.contains(&hash_source(s).as_str()) {
            return Err(format!(
                "inline style {i} (of {} bytes) has no hash in the policy's style-src",
                s.len()
            ));
        }
    }
    if html.contains(" style=\"") {
        return Err("an element has a style attribute, which the policy blocks".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "let wasm;\nexport class Timeline { free() {} }\nexport function page_lang() { return 'en'; }\nexport function start(a, b, c) {}\nfunction initSync(m) {}\nasync function __wbg_init(m) { const u = new URL('x.wasm', import.meta.url); }\nexport { initSync, __wbg_init as default };\n";
    const APP: &str = "export async function boot(loadWasm, get) {}\nif (!document.getElementById('timeline-files')) boot();\n";
    const PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'\">\n<link rel=\"stylesheet\" href=\"style.css\">\n<script type=\"module\" src=\"app.js\"></script>\n</head>\n<body>\n<p>List</p>\n<!-- online-only --><a href=\"worksheet.html\">Worksheet</a><!-- /online-only -->\n<script type=\"application/json\" id=\"timeline-data\">{\"version\":1}</script>\n</body>\n</html>\n";

    fn files() -> BTreeMap<String, String> {
        BTreeMap::from([
            (
                "data.ko.json".to_string(),
                "{\"lang\":\"ko\",\"t\":\"연표\"}".to_string(),
            ),
            (
                "sources/a.txt".to_string(),
                "A text with </script> and <!-- in it & \"quotes\".".to_string(),
            ),
        ])
    }

    /// The test page as the site build writes it: with `css` inline.
    fn page(css: &str) -> String {
        crate::build::site::inline_style(PAGE, css).unwrap()
    }

    fn parts<'a>(files: &'a BTreeMap<String, String>, page: &'a str) -> Parts<'a> {
        Parts {
            page,
            glue: GLUE,
            app: APP,
            wasm: b"\0asm\x01\0\0\0",
            files,
        }
    }

    #[test]
    fn finds_the_glue_exports_as_wasm_bindgen_writes_them() {
        assert_eq!(
            module_exports(GLUE),
            [
                ("Timeline", "Timeline"),
                ("page_lang", "page_lang"),
                ("start", "start"),
                ("initSync", "initSync"),
                ("default", "__wbg_init"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        // Minified: no spaces where none are needed; a name merely containing "export" is not one.
        assert_eq!(
            module_exports("class T{}function s(){}const reexport=1;export{T as Timeline,s as start,i as default};export async function boot(){}"),
            [("Timeline", "T"), ("start", "s"), ("default", "i"), ("boot", "boot")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn the_module_hands_boot_every_glue_export() {
        let f = files();
        let page = page("a{b:c}");
        let js = module_script(&parts(&f, &page)).unwrap();
        assert!(js.starts_with(GLUE.trim_end()));
        assert!(js.contains(APP.trim_end()));
        assert!(js.contains("await __wbg_init({ module_or_path: bytes })"));
        assert!(
            js.contains("return { Timeline, page_lang, start, initSync, default: __wbg_init };")
        );
        assert!(!js.contains("GLUE_"));
        let mut p = parts(&f, &page);
        p.glue = "export function start() {}";
        assert!(module_script(&p).unwrap_err().contains("default export"));
        p.glue = GLUE;
        p.app = "boot();";
        assert!(module_script(&p).unwrap_err().contains("boot"));
    }

    #[test]
    fn hash_is_the_csp_sha256_of_the_exact_text() {
        // echo -n "alert('Hello, world.');" | openssl sha256 -binary | base64 (the CSP spec's example)
        assert_eq!(
            hash_source("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
        assert_eq!(
            hash_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    #[test]
    fn the_page_carries_everything_under_a_policy_of_hashes() {
        let f = files();
        let css = "body{color:red}";
        let page = page(css);
        let p = parts(&f, &page);
        let js = module_script(&p).unwrap();
        let html = assemble(&p, &js).unwrap();
        assert!(!html.contains("src=\"app.js\"") && !html.contains("href=\"style.css\""));
        assert!(html.contains(&format!("<style>{css}</style>")));
        assert!(html.contains(&format!("<script type=\"module\">{js}</script>")));
        assert!(
            html.contains(&format!(
                "content=\"default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; base-uri 'none'; form-action 'none'\"",
                hash_source(&js),
                hash_source(css)
            )),
            "{html}"
        );
        assert_eq!(html.matches("Content-Security-Policy").count(), 1);
        assert!(!html.contains("'self'"));
        // Marked, so the style hides the citation files it has no folder for.
        assert!(html.contains("<html lang=\"en\" data-offline>"));
        assert!(
            !html.contains("worksheet.html"),
            "online-only links left out"
        );
        assert!(html.contains("<p>List</p>"), "the rest of the page stays");
        // The files block: every `<` escaped, so the text inside cannot end it; the JSON is the map.
        let block = html
            .split(&format!("id=\"{FILES_BLOCK_ID}\">"))
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap();
        assert!(!block.contains('<'));
        let back: BTreeMap<String, String> = serde_json::from_str(block).unwrap();
        assert_eq!(back, f);
        let wasm = html
            .split(&format!("id=\"{WASM_BLOCK_ID}\">"))
            .nth(1)
            .and_then(|s| s.split("</script>").next())
            .unwrap();
        assert_eq!(
            base64::engine::general_purpose::STANDARD
                .decode(wasm)
                .unwrap(),
            p.wasm
        );
        check_csp(&html).unwrap();
        // Data blocks stay after the page's own data block, before </body>.
        assert!(
            html.find("id=\"timeline-data\"").unwrap()
                < html.find(&format!("id=\"{FILES_BLOCK_ID}\"")).unwrap()
        );
    }

    #[test]
    fn check_csp_finds_an_unhashed_script_or_style() {
        let f = files();
        let page = page("a{}");
        let p = parts(&f, &page);
        let html = assemble(&p, &module_script(&p).unwrap()).unwrap();
        let extra = html.replace("</body>", "<script>alert(1)</script></body>");
        assert!(check_csp(&extra).unwrap_err().contains("inline script 1"));
        let extra = html.replace("</body>", "<style>b{}</style></body>");
        assert!(check_csp(&extra).unwrap_err().contains("inline style 1"));
        let extra = html.replace("<p>List", "<p style=\"color:red\">List");
        assert!(check_csp(&extra).unwrap_err().contains("style attribute"));
        let extra = html.replacen("'wasm-unsafe-eval'", "'unsafe-inline'", 1);
        assert!(check_csp(&extra).unwrap_err().contains("unsafe-inline"));
        // A changed script no longer matches its hash.
        let extra = html.replacen("let wasm;", "let wasm ;", 1);
        assert!(check_csp(&extra).unwrap_err().contains("inline script 0"));
        // Data blocks and external scripts need no hash.
        let extra = html.replace(
            "</body>",
            "<script type=\"application/json\">{}</script><script src=\"x.js\"></script></body>",
        );
        check_csp(&extra).unwrap();
    }

    #[test]
    fn refuses_what_would_break_out_of_an_inline_element() {
        let f = files();
        let page = page("a{}");
        let p = parts(&f, &page);
        assert!(assemble(&p, "let s = '</SCRIPT>'")
            .unwrap_err()
            .contains("`</script`"));
        assert!(assemble(&p, "a <!-- b").unwrap_err().contains("<!--"));
        // A page whose style sheet is still linked was not built by `timeline site`.
        let p = parts(&f, PAGE);
        assert!(assemble(&p, "x")
            .unwrap_err()
            .contains("index.html has no inline <style>"));
    }
}
