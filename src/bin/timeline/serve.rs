//! `timeline serve DIR [--port N]`: a tiny static file server for the built site, std only.
//!
//! Binds 127.0.0.1 only (never a public interface), answers GET and HEAD, refuses any path with a
//! `..` segment, serves `index.html` for a folder, and sends the page's Content-Security-Policy and
//! hardening headers with every response. One thread per connection, one request per connection.
//! `--port 0` lets the system choose a free port; the line printed at start names the real one.
//!
//! Precompressed files: when `make dist` wrote `FILE.br` or `FILE.gz` beside `FILE` (and it is not
//! older than `FILE`), a request for `FILE` gets the variant its `Accept-Encoding` prefers (brotli
//! first, then gzip, else the file itself; see [`negotiate`]), with `Content-Encoding`, the
//! original's Content-Type, and `Vary: Accept-Encoding`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// The Content-Security-Policy sent with every response: the one `timeline site` wrote into
/// `DIR/_headers` for static hosts (it allows the page's inline style sheet by its hash), so this
/// server sends what Netlify or Cloudflare would; for a folder without one, the site's policy
/// with no inline style allowed.
pub fn policy_for(root: &Path) -> String {
    std::fs::read_to_string(root.join("_headers"))
        .ok()
        .and_then(|text| {
            text.lines().find_map(|l| {
                l.trim()
                    .strip_prefix("Content-Security-Policy:")
                    .map(|p| p.trim().to_string())
            })
        })
        .unwrap_or_else(|| nk_timeline::build::site::policy(&[]))
}

const DEFAULT_PORT: u16 = 8080;
const USAGE: &str = "usage: timeline serve DIR [--port N]   (PORT env as default, else 8080)\n";

/// Entry point for `timeline serve ...`; `args` are the words after `serve`.
pub fn run(args: &[String]) -> ExitCode {
    let (dir, port) = match parse_args(args, std::env::var("PORT").ok().as_deref()) {
        Ok(v) => v,
        Err(msg) => {
            eprint!("{msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = match std::fs::canonicalize(&dir) {
        Ok(r) if r.is_dir() => r,
        _ => {
            eprintln!(
                "{}: not a folder. Fix: run `make dist` first, or name the built site's folder",
                dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let listener = match TcpListener::bind((Ipv4Addr::LOCALHOST, port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}. Fix: choose another with --port N or PORT=N");
            return ExitCode::FAILURE;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    println!("Serving {} at http://127.0.0.1:{port}/", dir.display());
    let _ = std::io::stdout().flush();
    serve_forever(listener, root);
    ExitCode::SUCCESS
}

fn parse_args(args: &[String], env_port: Option<&str>) -> Result<(PathBuf, u16), String> {
    let mut dir = None;
    let mut port = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" | "-p" => {
                let v = it.next().ok_or("--port needs a number")?;
                port = Some(parse_port(v)?);
            }
            s if s.starts_with("--port=") => port = Some(parse_port(&s[7..])?),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s if dir.is_none() => dir = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    let port = match (port, env_port.filter(|p| !p.is_empty())) {
        (Some(p), _) => p,
        (None, Some(p)) => parse_port(p).map_err(|e| format!("PORT: {e}"))?,
        (None, None) => DEFAULT_PORT,
    };
    Ok((dir.unwrap_or_else(|| PathBuf::from("dist")), port))
}

fn parse_port(s: &str) -> Result<u16, String> {
    s.parse::<u16>()
        .map_err(|_| format!("{s:?} is not a port number (0-65535)"))
}

/// Accepts connections until the process ends; each gets its own thread.
pub fn serve_forever(listener: TcpListener, root: PathBuf) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let root = root.clone();
        std::thread::spawn(move || {
            // Read for every request: a site rebuilt while it is served (a new style sheet, so
            // a new hash) is sent with its own policy, never the one from when the server started.
            let csp = policy_for(&root);
            if let Err(e) = handle(stream, &root, &csp) {
                if e.kind() != std::io::ErrorKind::BrokenPipe
                    && e.kind() != std::io::ErrorKind::ConnectionReset
                {
                    eprintln!("serve: {e}");
                }
            }
        });
    }
}

fn handle(mut stream: TcpStream, root: &Path, csp: &str) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(16 * 1024));
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(());
    }
    // Only Accept-Encoding changes the answer; several such lines read as one list.
    let mut accept_encoding: Option<String> = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((name, value)) = h.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                let value = value.trim();
                accept_encoding = Some(match accept_encoding {
                    Some(prev) => format!("{prev}, {value}"),
                    None => value.to_string(),
                });
            }
        }
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(
            &mut stream,
            csp,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            head,
            &[("Allow", "GET, HEAD")],
        );
    }
    let Some(rel) = resolve(target) else {
        return respond(
            &mut stream,
            csp,
            400,
            "text/plain; charset=utf-8",
            b"bad path\n",
            head,
            &[],
        );
    };
    let mut path = root.join(&rel);
    if path.is_dir() {
        if !target.split(['?', '#']).next().unwrap_or("").ends_with('/') {
            // `/pkg` -> `/pkg/`, so that relative links inside the folder's index work.
            let loc = format!("{}/", target.split(['?', '#']).next().unwrap_or(""));
            return respond(
                &mut stream,
                csp,
                301,
                "text/plain; charset=utf-8",
                b"moved\n",
                head,
                &[("Location", &loc)],
            );
        }
        path = path.join("index.html");
    }
    // A symlink may still point outside the root: compare the real paths.
    let Some(real) = std::fs::canonicalize(&path)
        .ok()
        .filter(|p| p.starts_with(root) && p.is_file())
    else {
        return respond(
            &mut stream,
            csp,
            404,
            "text/plain; charset=utf-8",
            b"not found\n",
            head,
            &[],
        );
    };
    let br = variant(&real, Coding::Br, root);
    let gz = variant(&real, Coding::Gzip, root);
    let coding = negotiate(accept_encoding.as_deref(), br.is_some(), gz.is_some());
    let file = match coding {
        Coding::Br => br.clone(),
        Coding::Gzip => gz.clone(),
        Coding::Identity => None,
    }
    .unwrap_or_else(|| real.clone());
    let mut extra = Vec::new();
    if let Some(name) = coding.name() {
        extra.push(("Content-Encoding", name));
    }
    if br.is_some() || gz.is_some() {
        extra.push(("Vary", "Accept-Encoding"));
    }
    match std::fs::read(&file) {
        Ok(body) => respond(&mut stream, csp, 200, mime(&real), &body, head, &extra),
        Err(_) => respond(
            &mut stream,
            csp,
            404,
            "text/plain; charset=utf-8",
            b"not found\n",
            head,
            &[],
        ),
    }
}

fn respond(
    stream: &mut TcpStream,
    csp: &str,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
    extra: &[(&str, &str)],
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Content-Security-Policy: {csp}\r\nX-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\nCache-Control: no-cache\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A content coding `timeline serve` can send: a precompressed file beside the original, or the
/// original itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    Br,
    Gzip,
    Identity,
}

impl Coding {
    /// The `Content-Encoding` value, `None` for the original bytes.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Coding::Br => Some("br"),
            Coding::Gzip => Some("gzip"),
            Coding::Identity => None,
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Coding::Br => ".br",
            Coding::Gzip => ".gz",
            Coding::Identity => "",
        }
    }
}

/// Picks what to send for an `Accept-Encoding` header (RFC 9110, 12.5.3), given which
/// precompressed files exist. The coding with the highest q-value wins; on a tie brotli beats gzip,
/// and both beat the original. `*` stands for every coding the header does not name, `identity`
/// (the original) included; an unnamed `identity` without `*` has q=1, so the original stays
/// acceptable unless `identity;q=0`, or `*;q=0` without an `identity` entry, excludes it. An absent or empty header gets the original. When nothing acceptable exists the
/// original is sent anyway, as the RFC allows, rather than a 406.
pub fn negotiate(accept: Option<&str>, have_br: bool, have_gzip: bool) -> Coding {
    let Some(accept) = accept else {
        return Coding::Identity;
    };
    // The first entry for a coding counts; an entry with a malformed q-value is ignored.
    let mut listed: Vec<(String, f32)> = Vec::new();
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        if coding.is_empty() || listed.iter().any(|(c, _)| *c == coding) {
            continue;
        }
        let mut q = Some(1.0_f32);
        for param in parts {
            if let Some((k, v)) = param.split_once('=') {
                if k.trim().eq_ignore_ascii_case("q") {
                    q = v
                        .trim()
                        .parse::<f32>()
                        .ok()
                        .filter(|q| (0.0..=1.0).contains(q));
                }
            }
        }
        if let Some(q) = q {
            // `x-gzip` is gzip's old name (RFC 9110, 8.4.1.3).
            let coding = if coding == "x-gzip" {
                "gzip".into()
            } else {
                coding
            };
            listed.push((coding, q));
        }
    }
    let explicit = |name: &str| listed.iter().find(|(c, _)| c == name).map(|(_, q)| *q);
    let star = explicit("*");
    let q_of = |name: &str| explicit(name).or(star).unwrap_or(0.0);
    let identity = explicit("identity").or(star).unwrap_or(1.0);
    let candidates = [
        (Coding::Br, if have_br { q_of("br") } else { 0.0 }),
        (Coding::Gzip, if have_gzip { q_of("gzip") } else { 0.0 }),
        (Coding::Identity, identity),
    ];
    let mut best = (Coding::Identity, 0.0_f32);
    for (coding, q) in candidates {
        if q > best.1 {
            best = (coding, q);
        }
    }
    best.0
}

/// The precompressed file for `real` in `coding` (`real` + `.br` or `.gz`), when it exists inside
/// `root` and is not older than `real` (a stale one would send old bytes).
fn variant(real: &Path, coding: Coding, root: &Path) -> Option<PathBuf> {
    let mut name = real.as_os_str().to_owned();
    name.push(coding.suffix());
    let file = std::fs::canonicalize(PathBuf::from(name)).ok()?;
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = match (modified(&file), modified(real)) {
        (Some(v), Some(o)) => v >= o,
        _ => false,
    };
    (file.starts_with(root) && file.is_file() && fresh).then_some(file)
}

/// Turns a request target (`/pkg/a.js?x=1`) into a path relative to the served folder, or `None`
/// when it is not a plain absolute path or could leave the folder (`..`, backslashes, NUL, bad
/// percent-encoding). `/` and folders map to `index.html`.
pub fn resolve(target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    let mut rel = PathBuf::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') || s.contains(':') => return None,
            s => rel.push(s),
        }
    }
    if decoded.ends_with('/') || rel.as_os_str().is_empty() {
        rel.push("index.html");
    }
    Some(rel)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, by extension (case-insensitive).
pub fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("txt") => "text/plain; charset=utf-8",
        // Citations and annotations (`dist/cite/`, `dist/annotations.jsonld`).
        Some("jsonld") => "application/ld+json",
        Some("bib") => "application/x-bibtex; charset=utf-8",
        Some("ris") => "application/x-research-info-systems; charset=utf-8",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(t: &str) -> Option<String> {
        resolve(t).map(|p| p.to_string_lossy().replace('\\', "/"))
    }

    #[test]
    fn resolves_plain_paths_and_index() {
        assert_eq!(rel("/").as_deref(), Some("index.html"));
        assert_eq!(rel("/index.html").as_deref(), Some("index.html"));
        assert_eq!(
            rel("/pkg/nk_timeline.js").as_deref(),
            Some("pkg/nk_timeline.js")
        );
        assert_eq!(rel("/pkg/").as_deref(), Some("pkg/index.html"));
        assert_eq!(rel("/data.json?v=3#x").as_deref(), Some("data.json"));
        assert_eq!(rel("/?synthetic=10000").as_deref(), Some("index.html"));
        assert_eq!(rel("//a/./b.txt").as_deref(), Some("a/b.txt"));
        assert_eq!(rel("/my%20file.txt").as_deref(), Some("my file.txt"));
    }

    #[test]
    fn refuses_traversal_and_odd_targets() {
        for t in [
            "/../etc/passwd",
            "/a/../../b",
            "/a/..",
            "/%2e%2e/secret",
            "/%2E%2E%2fsecret",
            "/a%2f..%2f..%2fb",
            "/..\\x",
            "/a\\..\\b",
            "/%00",
            "/%zz",
            "/%e2%28",
            "relative.txt",
            "http://example.com/",
            "/C:/windows",
            "",
        ] {
            assert_eq!(rel(t), None, "{t:?} should be refused");
        }
    }

    #[test]
    fn mime_by_extension() {
        let m = |p: &str| mime(Path::new(p));
        assert_eq!(m("index.html"), "text/html; charset=utf-8");
        assert_eq!(m("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(m("x.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(m("style.css"), "text/css; charset=utf-8");
        assert_eq!(m("data.json"), "application/json");
        assert_eq!(m("pkg/nk_timeline_bg.wasm"), "application/wasm");
        assert_eq!(m("A.WASM"), "application/wasm");
        assert_eq!(m("i.svg"), "image/svg+xml");
        assert_eq!(m("i.png"), "image/png");
        assert_eq!(m("notes.txt"), "text/plain; charset=utf-8");
        assert_eq!(m("favicon.ico"), "image/x-icon");
        assert_eq!(m("annotations.jsonld"), "application/ld+json");
        assert_eq!(m("cite/sources.bib"), "application/x-bibtex; charset=utf-8");
        assert_eq!(
            m("cite/event/x.ris"),
            "application/x-research-info-systems; charset=utf-8"
        );
        assert_eq!(m("noext"), "application/octet-stream");
    }

    #[test]
    fn port_from_flag_then_env_then_default() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_args(&a(&["dist"]), None),
            Ok((PathBuf::from("dist"), 8080))
        );
        assert_eq!(
            parse_args(&a(&["dist"]), Some("9000")),
            Ok((PathBuf::from("dist"), 9000))
        );
        assert_eq!(
            parse_args(&a(&["d", "--port", "0"]), Some("9000")),
            Ok((PathBuf::from("d"), 0))
        );
        assert_eq!(
            parse_args(&a(&["--port=81", "d"]), None),
            Ok((PathBuf::from("d"), 81))
        );
        assert!(parse_args(&a(&["d", "--port", "x"]), None).is_err());
        assert!(parse_args(&a(&["d"]), Some("70000")).is_err());
        assert!(parse_args(&a(&["d", "--bogus"]), None).is_err());
    }

    #[test]
    fn negotiation_prefers_brotli_then_gzip_then_the_original() {
        use Coding::*;
        let n = |h: Option<&str>| negotiate(h, true, true);
        // What browsers send.
        assert_eq!(n(Some("gzip, deflate, br, zstd")), Br);
        assert_eq!(n(Some("gzip, deflate")), Gzip);
        assert_eq!(n(Some("br")), Br);
        // No header, or an empty one: the original.
        assert_eq!(n(None), Identity);
        assert_eq!(n(Some("")), Identity);
        assert_eq!(n(Some(" , ")), Identity);
        assert_eq!(n(Some("identity")), Identity);
        assert_eq!(n(Some("deflate, zstd")), Identity);
        // Names are case-insensitive, spaces around parameters allowed, x-gzip is gzip.
        assert_eq!(n(Some("GZIP")), Gzip);
        assert_eq!(n(Some("Br ; Q=0.9, identity;q=0.5")), Br);
        assert_eq!(n(Some("x-gzip")), Gzip);
    }

    #[test]
    fn negotiation_follows_q_values() {
        use Coding::*;
        let n = |h: &str| negotiate(Some(h), true, true);
        assert_eq!(n("br;q=0, gzip"), Gzip);
        assert_eq!(n("br;q=0.2, gzip;q=0.8, identity;q=0.1"), Gzip);
        assert_eq!(n("br;q=0.8, gzip;q=0.8, *;q=0"), Br);
        // The original has q=1 unless the header says otherwise, so it beats a reluctant coding.
        assert_eq!(n("br;q=0.2, gzip;q=0.8"), Identity);
        assert_eq!(n("gzip;q=0.001"), Identity, "identity is 1 unless excluded");
        assert_eq!(n("gzip;q=0.5, identity;q=0.4"), Gzip);
        assert_eq!(n("gzip;q=0.5, identity;q=1"), Identity);
        assert_eq!(n("gzip;q=0, br;q=0"), Identity);
        assert_eq!(n("gzip;q=1.000"), Gzip);
        // Malformed or out-of-range q-values drop the entry.
        assert_eq!(n("br;q=abc, gzip"), Gzip);
        assert_eq!(n("br;q=2, gzip;q=0.5, identity;q=0"), Gzip);
        // The first entry for a coding counts.
        assert_eq!(n("br;q=0, br, gzip"), Gzip);
    }

    #[test]
    fn negotiation_reads_star_and_identity() {
        use Coding::*;
        let n = |h: &str| negotiate(Some(h), true, true);
        assert_eq!(n("*"), Br);
        assert_eq!(n("*;q=0.5"), Br, "a tie at 0.5: compressed first");
        assert_eq!(n("br;q=0, *"), Gzip);
        assert_eq!(n("gzip, *;q=0"), Gzip);
        assert_eq!(
            n("*;q=0"),
            Identity,
            "nothing acceptable: the original anyway"
        );
        assert_eq!(n("identity;q=0, gzip;q=0.1"), Gzip);
        assert_eq!(n("identity;q=0, *;q=0.3"), Br);
        assert_eq!(n("identity, *;q=0"), Identity);
    }

    #[test]
    fn negotiation_offers_only_files_that_exist() {
        use Coding::*;
        assert_eq!(negotiate(Some("br, gzip"), false, true), Gzip);
        assert_eq!(negotiate(Some("br, gzip"), true, false), Br);
        assert_eq!(negotiate(Some("br"), false, true), Identity);
        assert_eq!(negotiate(Some("br, gzip"), false, false), Identity);
        assert_eq!(negotiate(Some("*"), false, false), Identity);
        assert_eq!(negotiate(None, false, false), Identity);
    }

    fn get(addr: std::net::SocketAddr, req: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(req.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn serves_files_with_headers_and_refuses_the_rest() {
        let dir = std::env::temp_dir().join(format!("nk-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><p>hi</p>").unwrap();
        std::fs::write(dir.join("pkg/a.wasm"), b"\0asm\x01\0\0\0").unwrap();
        let root = std::fs::canonicalize(&dir).unwrap();
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        assert_eq!(
            policy_for(&root),
            nk_timeline::build::site::policy(&[]),
            "no _headers: the default"
        );
        std::thread::spawn(move || serve_forever(listener, root));

        let r = get(addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(r.starts_with("HTTP/1.1 200 OK\r\n"), "{r}");
        assert!(
            r.contains("Content-Type: text/html; charset=utf-8\r\n"),
            "{r}"
        );
        assert!(
            r.contains(&format!(
                "Content-Security-Policy: {}\r\n",
                nk_timeline::build::site::policy(&[])
            )),
            "{r}"
        );
        assert!(r.contains("X-Content-Type-Options: nosniff\r\n"), "{r}");
        assert!(r.contains("Referrer-Policy: no-referrer\r\n"), "{r}");
        assert!(r.contains("Cache-Control: no-cache\r\n"), "{r}");
        assert!(r.ends_with("<p>hi</p>"), "{r}");

        let r = get(addr, "HEAD /pkg/a.wasm HTTP/1.1\r\n\r\n");
        assert!(r.contains("Content-Type: application/wasm\r\n"), "{r}");
        assert!(
            r.contains("Content-Length: 8\r\n") && r.ends_with("\r\n\r\n"),
            "{r}"
        );

        let r = get(addr, "GET /pkg HTTP/1.1\r\n\r\n");
        assert!(
            r.starts_with("HTTP/1.1 301") && r.contains("Location: /pkg/\r\n"),
            "{r}"
        );
        assert!(get(addr, "GET /../Cargo.toml HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 400"));
        assert!(get(addr, "GET /nope.js HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404"));
        assert!(get(addr, "POST / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 405"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn sends_the_precompressed_file_the_request_accepts() {
        let dir = std::env::temp_dir().join(format!("nk-serve-enc-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("app.js"), "plain js").unwrap();
        std::fs::write(dir.join("app.js.br"), "BR").unwrap();
        std::fs::write(dir.join("app.js.gz"), "GZIP").unwrap();
        std::fs::write(dir.join("pkg/a.wasm"), "wasm bytes").unwrap();
        std::fs::write(dir.join("pkg/a.wasm.gz"), "GZ-WASM").unwrap();
        std::fs::write(dir.join("plain.txt"), "no variants").unwrap();
        // A variant older than its original is stale and never sent.
        std::fs::write(dir.join("old.css.br"), "STALE").unwrap();
        let old = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(dir.join("old.css.br"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        std::fs::write(dir.join("old.css"), "p{}").unwrap();
        // The policy `timeline site` wrote for static hosts is the one sent.
        std::fs::write(
            dir.join("_headers"),
            "/*\n  Content-Security-Policy: default-src 'self'; style-src 'self' 'sha256-x'\n  X-Content-Type-Options: nosniff\n",
        )
        .unwrap();
        let root = std::fs::canonicalize(&dir).unwrap();
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        assert_eq!(
            policy_for(&root),
            "default-src 'self'; style-src 'self' 'sha256-x'"
        );
        std::thread::spawn(move || serve_forever(listener, root));
        let req = |path: &str, accept: Option<&str>| {
            let h = accept.map_or(String::new(), |a| format!("Accept-Encoding: {a}\r\n"));
            get(addr, &format!("GET {path} HTTP/1.1\r\nHost: x\r\n{h}\r\n"))
        };

        let r = req("/app.js", Some("gzip, deflate, br, zstd"));
        assert!(r.contains("Content-Encoding: br\r\n"), "{r}");
        assert!(
            r.contains(
                "Content-Security-Policy: default-src 'self'; style-src 'self' 'sha256-x'\r\n"
            ),
            "{r}"
        );
        // A rebuilt site's policy is sent at once, without restarting the server.
        std::fs::write(
            dir.join("_headers"),
            "/*\n  Content-Security-Policy: default-src 'self'; style-src 'self' 'sha256-y'\n",
        )
        .unwrap();
        let rebuilt = req("/plain.txt", None);
        assert!(
            rebuilt.contains(
                "Content-Security-Policy: default-src 'self'; style-src 'self' 'sha256-y'\r\n"
            ),
            "{rebuilt}"
        );
        assert!(r.contains("Vary: Accept-Encoding\r\n"), "{r}");
        assert!(
            r.contains("Content-Type: text/javascript; charset=utf-8\r\n"),
            "{r}"
        );
        assert!(
            r.contains("Content-Length: 2\r\n") && r.ends_with("\r\n\r\nBR"),
            "{r}"
        );

        let r = req("/app.js", Some("gzip"));
        assert!(
            r.contains("Content-Encoding: gzip\r\n") && r.ends_with("GZIP"),
            "{r}"
        );
        assert!(r.contains("Content-Length: 4\r\n"), "{r}");

        // The header's name is case-insensitive; several lines make one list.
        let r = get(
            addr,
            "GET /app.js HTTP/1.1\r\naccept-encoding: identity;q=0.5\r\nACCEPT-ENCODING: gzip\r\n\r\n",
        );
        assert!(r.ends_with("GZIP"), "{r}");

        for accept in [None, Some("identity"), Some(""), Some("br;q=0, gzip;q=0")] {
            let r = req("/app.js", accept);
            assert!(!r.contains("Content-Encoding"), "{accept:?}: {r}");
            assert!(r.contains("Vary: Accept-Encoding\r\n"), "{accept:?}: {r}");
            assert!(
                r.contains("Content-Length: 8\r\n") && r.ends_with("plain js"),
                "{accept:?}: {r}"
            );
        }

        // Only a gzip variant: br is asked for but gzip is what exists; the type is the wasm's.
        let r = req("/pkg/a.wasm", Some("br, gzip"));
        assert!(
            r.contains("Content-Encoding: gzip\r\n") && r.ends_with("GZ-WASM"),
            "{r}"
        );
        assert!(r.contains("Content-Type: application/wasm\r\n"), "{r}");
        let r = req("/pkg/a.wasm", Some("br"));
        assert!(
            !r.contains("Content-Encoding") && r.ends_with("wasm bytes"),
            "{r}"
        );

        // No variants: no Content-Encoding, no Vary.
        let r = req("/plain.txt", Some("br, gzip"));
        assert!(
            !r.contains("Content-Encoding") && !r.contains("Vary"),
            "{r}"
        );
        let r = req("/old.css", Some("br"));
        assert!(!r.contains("Content-Encoding") && r.ends_with("p{}"), "{r}");

        // HEAD: the chosen variant's length, no body.
        let r = get(addr, "HEAD /app.js HTTP/1.1\r\nAccept-Encoding: br\r\n\r\n");
        assert!(
            r.contains("Content-Encoding: br\r\n") && r.contains("Content-Length: 2\r\n"),
            "{r}"
        );
        assert!(r.ends_with("\r\n\r\n"), "{r}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
