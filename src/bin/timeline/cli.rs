//! The native command line: `timeline validate`, `build`, `schema`, `export`, `site`, `serve`.
//!
//! Reading and writing files happens here; everything it checks or computes lives in the library.

#[path = "serve.rs"]
mod serve;

use nk_timeline::build::{self, Dataset};
use nk_timeline::data::Bundle;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: timeline <command> [options]

commands:
  validate [--data DIR]             check data/events.json and data/sources.json; exit 1 on problems
  build [--data DIR] [--out FILE]   write the page's bundle (default www/data.json)
  site [--data DIR] [--www DIR] [--out DIR] [--style FILE] [--exit-url URL] [--history-light]
                                    write the static site: index.html and index.ko.html, each with
                                    every event and source as plain HTML in its language and the
                                    style sheet inline (FILE, default
                                    WWW/style.css; `make dist` passes the minified one),
                                    data.ko.json, the www/ assets, the CSP files, citations (cite/)
                                    and annotations.jsonld
  offline [--dist DIR] [--out FILE] [--terser PATH]
                                    write the built site in DIR (default dist) as one HTML file for
                                    use without a network, one per page: DIR/timeline-offline.html
                                    and DIR/timeline-offline.ko.html (or, with --out, FILE from
                                    index.html alone); run after `site`, before the JS is minified
  schema [--data DIR] [--check]     write (or, with --check, compare) the JSON Schemas in DIR/schema/
  export --out FILE [--format svg|png] [--width W] [--height H] [--dpr D] [--theme T] [--lang L]
                                    draw every event, fitted, as SVG or PNG (default 1920x360)
";

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let opt = |name: &str| -> Option<String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let data_dir = PathBuf::from(opt("--data").unwrap_or_else(|| "data".into()));
    match cmd.as_str() {
        "validate" => match build::load_dir(&data_dir) {
            Ok(ds) => {
                println!("{}", summary(&ds));
                ExitCode::SUCCESS
            }
            Err(msg) => {
                eprint!("{msg}");
                ExitCode::FAILURE
            }
        },
        "build" => {
            let out = PathBuf::from(opt("--out").unwrap_or_else(|| "www/data.json".into()));
            let ds = match build::load_dir(&data_dir) {
                Ok(ds) => ds,
                Err(msg) => {
                    eprint!("{msg}");
                    return ExitCode::FAILURE;
                }
            };
            let bundle = Bundle::from_dataset(&ds);
            let json = serde_json::to_string(&bundle).expect("bundle serialises");
            if let Err(e) = write(&out, &json) {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
            println!(
                "{}; wrote {} ({} bytes)",
                summary(&ds),
                out.display(),
                json.len()
            );
            ExitCode::SUCCESS
        }
        "site" => {
            let ds = match build::load_dir(&data_dir) {
                Ok(ds) => ds,
                Err(msg) => {
                    eprint!("{msg}");
                    return ExitCode::FAILURE;
                }
            };
            let www = PathBuf::from(opt("--www").unwrap_or_else(|| "www".into()));
            let out = PathBuf::from(opt("--out").unwrap_or_else(|| "dist".into()));
            let exit_url = opt("--exit-url").unwrap_or_else(|| DEFAULT_EXIT_URL.into());
            let style = opt("--style").map_or_else(|| www.join("style.css"), PathBuf::from);
            let history_light = args.iter().any(|a| a == "--history-light");
            match write_site(&ds, &www, &style, &out, &exit_url, history_light) {
                Ok(n) => {
                    println!("{}; wrote {} ({n} files)", summary(&ds), out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        "offline" => {
            let dist = PathBuf::from(opt("--dist").unwrap_or_else(|| "dist".into()));
            let terser = opt("--terser").map(PathBuf::from);
            let result = match opt("--out") {
                // One file, of index.html; beside the pages, the host files allow it too.
                Some(out) => {
                    let out = PathBuf::from(out);
                    write_offline(&dist, "index.html", &out, terser.as_deref()).and_then(
                        |(n, script)| {
                            println!("wrote {} ({n} bytes)", out.display());
                            if out.parent() == Some(dist.as_path()) {
                                write_host_files(&dist, &[&script])?;
                            }
                            Ok(())
                        },
                    )
                }
                None => write_offline_files(&dist, terser.as_deref()),
            };
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        "schema" => {
            let check = args.iter().any(|a| a == "--check");
            let mut stale = false;
            for (name, text) in nk_timeline::build::schemas() {
                let path = data_dir.join("schema").join(name);
                if check {
                    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                        eprintln!(
                            "{} is out of date: run `cargo run -- schema`",
                            path.display()
                        );
                        stale = true;
                    }
                } else if let Err(e) = write(&path, &text) {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
            if stale {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        "export" => {
            let Some(out) = opt("--out").map(PathBuf::from) else {
                eprint!("export needs --out FILE\n{USAGE}");
                return ExitCode::from(2);
            };
            let result = nk_timeline::build::export::Export::from_options(opt)
                .and_then(|ex| {
                    let ds = build::load_dir(&data_dir)?;
                    ex.render(&ds.events).map_err(|e| e.to_string())
                })
                .and_then(|bytes| {
                    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                        std::fs::create_dir_all(dir)
                            .map_err(|e| format!("{}: {e}", dir.display()))?;
                    }
                    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
                    Ok(bytes.len())
                });
            match result {
                Ok(n) => {
                    println!("wrote {} ({n} bytes)", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprint!("{}", if e.ends_with('\n') { e } else { e + "\n" });
                    ExitCode::FAILURE
                }
            }
        }
        "serve" => serve::run(&args[1..]),
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn summary(ds: &Dataset) -> String {
    format!(
        "ok: {} events, {} sources, {} quotes located",
        ds.events.len(),
        ds.sources.len(),
        ds.quote_count()
    )
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Where "Exit this page" goes unless the site owner sets `--exit-url`: a neutral page.
const DEFAULT_EXIT_URL: &str = "https://www.bbc.com/weather";

/// Writes the deployable static site into `out`; returns how many files were written.
/// Writes the site. With `history_light`, the page starts with "keep this visit out of history"
/// on (`<html data-history-light>`); a visitor can still turn it off.
fn write_site(
    ds: &Dataset,
    www: &Path,
    style: &Path,
    out: &Path,
    exit_url: &str,
    history_light: bool,
) -> Result<usize, String> {
    use nk_timeline::build::site;
    if !site::is_safe_url(exit_url) {
        return Err(format!(
            "--exit-url `{exit_url}` must be an https:// address"
        ));
    }
    let bundle = Bundle::from_dataset(ds);
    let template_path = www.join("index.html");
    let template = std::fs::read_to_string(&template_path)
        .map_err(|e| format!("cannot read {}: {e}", template_path.display()))?;
    // The first load carries the cited passages (in the page, as a JSON data block); the reader
    // fetches a whole text when opened. Each language's event text is a file of its own
    // (`data.ko.json`), loaded only to show it.
    let mut first = bundle.without_texts();
    let mut n = 0;
    for tr in first.split_translations() {
        let json = serde_json::to_string(&tr).expect("translations serialise");
        write(&out.join(format!("data.{}.json", tr.lang)), &json)?;
        n += 1;
    }
    let json = serde_json::to_string(&first).expect("bundle serialises");
    // The style sheet goes into the page, and the policy allows exactly that sheet by its hash.
    // In the line endings the browser hashes: its HTML parser turns CRLF into LF inside <style>,
    // so a sheet checked out with CRLF would otherwise be refused by its own hash.
    let css = std::fs::read_to_string(style)
        .map_err(|e| format!("cannot read {}: {e}", style.display()))?
        .replace("\r\n", "\n");
    let policy = site::policy(&[&css]);
    let meta = site::meta_policy(&policy);
    // The page once per language (index.html, index.ko.html): the same data, each with its
    // interface, its list of events and its title in its language from the first paint.
    for t in [&nk_timeline::i18n::EN, &nk_timeline::i18n::KO] {
        let page = site::render_page(&template, &bundle, t, &json)
            .map(|page| {
                if history_light {
                    page.replacen(
                        "<html lang=\"en\">",
                        "<html lang=\"en\" data-history-light>",
                        1,
                    )
                } else {
                    page
                }
            })
            .and_then(|page| site::localize(&page, t))
            .and_then(|page| site::inline_style(&page, &css))
            .map_err(|e| format!("{}: {e}", template_path.display()))?
            .replace("{{CSP}}", &meta)
            .replace("{{EXIT_URL}}", &site::esc(exit_url));
        write(&out.join(t.lang.page_file()), &page)?;
        n += 1;
    }
    for (src, text) in ds.sources.iter().zip(&ds.texts) {
        write(&out.join(&src.file), text)?;
        n += 1;
    }
    // Citations of every source and event (CSL-JSON, BibTeX, RIS, plain text) under cite/, and
    // every cited passage as a W3C Web Annotation; both from the bundle with the full texts.
    for (path, text) in nk_timeline::build::cite::files(&bundle) {
        write(&out.join(path), &text)?;
        n += 1;
    }
    write(
        &out.join(nk_timeline::build::annotate::FILE),
        &nk_timeline::build::annotate::annotations_jsonld(&bundle),
    )?;
    n += 1;
    // Static hosts: Netlify and Cloudflare Pages read `_headers`; Apache reads `.htaccess`.
    for (name, text) in site::host_files(&policy) {
        write(&out.join(name), &text)?;
        n += 1;
    }
    // The "compare the sources" worksheet, once per language; it links `worksheet.css`, copied
    // from www/ below.
    for t in [&nk_timeline::i18n::EN, &nk_timeline::i18n::KO] {
        let name = nk_timeline::build::worksheet::file_name(t.lang);
        write(
            &out.join(name),
            &nk_timeline::build::worksheet::render(&bundle, t, &meta),
        )?;
        n += 1;
    }
    let entries =
        std::fs::read_dir(www).map_err(|e| format!("cannot read {}: {e}", www.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        // The page and its style sheet are in index.html already.
        if !path.is_file() || name == "index.html" || name == "style.css" {
            continue;
        }
        // Copied as written.
        std::fs::copy(&path, out.join(&name))
            .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        n += 1;
    }
    Ok(n)
}

/// Writes the offline file of each page in `dist` beside it (`timeline-offline.html`,
/// `timeline-offline.ko.html`), then the host files' policy with their inline scripts allowed:
/// opened from the site rather than downloaded, a file runs under that policy too.
fn write_offline_files(dist: &Path, terser: Option<&Path>) -> Result<(), String> {
    use nk_timeline::build::offline;
    let mut scripts = Vec::new();
    for lang in nk_timeline::lang::Lang::ALL {
        let out = dist.join(offline::file_name(lang));
        let (n, script) = write_offline(dist, &lang.page_file(), &out, terser)?;
        println!("wrote {} ({n} bytes)", out.display());
        scripts.push(script);
    }
    let scripts: Vec<&str> = scripts.iter().map(String::as_str).collect();
    write_host_files(dist, &scripts)
}

/// Rewrites `_headers` and `.htaccess` in `dist` with the pages' policy and these inline
/// scripts (the offline files') allowed.
fn write_host_files(dist: &Path, scripts: &[&str]) -> Result<(), String> {
    let page = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("{}: cannot read: {e}", dist.join("index.html").display()))?;
    let policy = nk_timeline::build::offline::host_policy(&page, scripts);
    for (name, text) in nk_timeline::build::site::host_files(&policy) {
        write(&dist.join(name), &text)?;
    }
    Ok(())
}

/// Writes the built site in `dist`, from its page `page_name`, as one HTML file (see
/// `nk_timeline::offline`); returns its size and its inline script. With `terser`, the page's one
/// module (glue, loader, offline start) is minified first.
fn write_offline(
    dist: &Path,
    page_name: &str,
    out: &Path,
    terser: Option<&Path>,
) -> Result<(usize, String), String> {
    let read = |name: &str| {
        let p = dist.join(name);
        std::fs::read_to_string(&p).map_err(|e| {
            format!(
                "{}: cannot read: {e}. Fix: run `timeline site --out {}` (or `make dist`) first",
                p.display(),
                dist.display()
            )
        })
    };
    let wasm_path = dist.join("pkg/nk_timeline_bg.wasm");
    let wasm = std::fs::read(&wasm_path).map_err(|e| {
        format!(
            "{}: cannot read: {e}. Fix: build the wasm first (`make dist`)",
            wasm_path.display()
        )
    })?;
    // Every file the page fetches after it loads: each language's event text and each source.
    let mut files = BTreeMap::new();
    let list = |dir: &Path| -> Result<Vec<PathBuf>, String> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .collect();
        v.sort();
        Ok(v)
    };
    for p in list(dist)? {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("data.") && name.ends_with(".json") {
            files.insert(name.to_string(), read(name)?);
        }
    }
    for p in list(&dist.join("sources"))? {
        if let Some(name) = p.file_name().and_then(|n| n.to_str()) {
            let key = format!("sources/{name}");
            files.insert(key.clone(), read(&key)?);
        }
    }
    let (page, glue, app) = (
        read(page_name)?,
        read("pkg/nk_timeline.js")?,
        read("app.js")?,
    );
    let parts = nk_timeline::build::offline::Parts {
        page: &page,
        glue: &glue,
        app: &app,
        wasm: &wasm,
        files: &files,
    };
    let script = nk_timeline::build::offline::module_script(&parts)?;
    let script = match terser {
        Some(t) => minify(t, &script)?,
        None => script,
    };
    let html = nk_timeline::build::offline::assemble(&parts, &script)?;
    write(out, &html)?;
    Ok((html.len(), script))
}

/// Runs terser on a module (stdin to stdout), as `make dist` runs it on the site's JS.
fn minify(terser: &Path, js: &str) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(terser)
        .args(["--module", "--compress", "--mangle"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "cannot run {}: {e}. Fix: `make tools-node`, or leave out --terser",
                terser.display()
            )
        })?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = js.to_string();
    // Written from another thread: terser's output could fill its pipe before it reads all input.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("{}: {e}", terser.display()))?;
    writer
        .join()
        .map_err(|_| "the thread writing to terser panicked".to_string())?
        .map_err(|e| format!("cannot write to {}: {e}", terser.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed on the offline module: {}",
            terser.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("{}: output: {e}", terser.display()))
}
