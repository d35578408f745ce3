//! The timeline as an image for slides and handouts: SVG through plotters' SVG backend, PNG
//! through its bitmap backend with the bundled DejaVu Sans (so no system fonts are needed);
//! [`Export`] reads the command line's options and adds the key under the chart.

use crate::layout::Frame;
use crate::legend::{Legend, Swatch};
use crate::model::EventKind;
use crate::render::{draw_keyed, RenderError, Theme};
use crate::state::AppState;
use plotters::prelude::*;

/// Plotters backends disagree on what a font size means: the canvas takes it as CSS `px`, the
/// SVG backend writes `size / 1.24`, ab_glyph scales to the font's ascent-to-descent height
/// (1.164 em for DejaVu Sans). The exports pass these factors so text is as large everywhere.
const SVG_TEXT_SCALE: f64 = 1.24;
const AB_GLYPH_TEXT_SCALE: f64 = 1.164;

fn ensure_font() -> Result<(), RenderError> {
    use std::sync::OnceLock;
    static FONT: OnceLock<bool> = OnceLock::new();
    let ok = *FONT.get_or_init(|| {
        plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            include_bytes!("../../assets/DejaVuSans.ttf"),
        )
        .is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(RenderError::Font)
    }
}

/// The current view as an SVG document, sized in device pixels.
pub fn to_svg(state: &AppState, theme: &Theme) -> Result<String, RenderError> {
    to_svg_keyed(state, theme, None)
}

/// The current view with `legend` (if any) drawn in a strip under it, as an SVG document.
pub fn to_svg_keyed(
    state: &AppState,
    theme: &Theme,
    legend: Option<&Legend>,
) -> Result<String, RenderError> {
    let size = image_size(state, legend);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw_keyed(&root, state, theme, legend, SVG_TEXT_SCALE)
            .map_err(|e| RenderError::Draw(e.to_string()))?;
        root.present()
            .map_err(|e| RenderError::Draw(e.to_string()))?;
    }
    Ok(out)
}

/// The current view as a PNG image, sized in device pixels.
pub fn to_png(state: &AppState, theme: &Theme) -> Result<Vec<u8>, RenderError> {
    to_png_keyed(state, theme, None)
}

/// The current view with `legend` (if any) under it, as a PNG image. Plotters encodes PNGs only
/// into a file, so it goes through a temporary file that is removed afterwards.
pub fn to_png_keyed(
    state: &AppState,
    theme: &Theme,
    legend: Option<&Legend>,
) -> Result<Vec<u8>, RenderError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    ensure_font()?;
    let path = std::env::temp_dir().join(format!(
        "nk-timeline-{}-{}.png",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let size = image_size(state, legend);
    let drawn = (|| {
        let root = BitMapBackend::new(&path, size).into_drawing_area();
        draw_keyed(&root, state, theme, legend, AB_GLYPH_TEXT_SCALE)
            .map_err(|e| RenderError::Draw(e.to_string()))?;
        root.present().map_err(|e| RenderError::Draw(e.to_string()))
    })();
    let bytes =
        drawn.and_then(|()| std::fs::read(&path).map_err(|e| RenderError::Io(e.to_string())));
    // Best effort: a leftover temporary file is harmless.
    let _ = std::fs::remove_file(&path);
    bytes
}

/// Device size of the chart with the key's strip under it.
fn image_size(state: &AppState, legend: Option<&Legend>) -> (u32, u32) {
    let f = state.frame();
    let (w, h) = f.device_size();
    (w, h + legend.map_or(0, |l| f.px(l.height).round() as u32))
}

/// Draws the chart of `state` and, in a strip below it, `legend`, on `root` sized to both (the
/// chart's frame height plus the key's, in device pixels): what a downloaded slide image needs,
/// having no DOM key beside it. Natively [`Export::view`] gives the state and key to use.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Svg,
    Png,
}

/// Options of `timeline export`: a fitted view of every event, as SVG or PNG.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    pub format: ExportFormat,
    /// Size in CSS pixels and device pixel ratio (the image is `width × dpr` pixels wide).
    pub width: f64,
    pub height: f64,
    pub dpr: f64,
    pub theme: Theme,
    /// Language of the labels (`en`, `ko`).
    pub lang: crate::lang::Lang,
    /// Draw the key to the shapes under the chart (slides have no page around them).
    pub legend: bool,
}

impl Export {
    /// Reads `--format svg|png` (default: from the extension of `--out`, else SVG), `--width`
    /// (1920), `--height` (360, the key included), `--dpr` (1), `--theme
    /// light|dark|high-contrast`, `--lang` (en) and `--legend yes|no` (yes) through `opt`, which
    /// returns the value following an option. The error says which option is wrong and what it
    /// accepts.
    pub fn from_options(opt: impl Fn(&str) -> Option<String>) -> Result<Export, String> {
        let num = |name: &str, default: f64, lo: f64, hi: f64| -> Result<f64, String> {
            match opt(name) {
                None => Ok(default),
                Some(v) => v
                    .parse::<f64>()
                    .ok()
                    .filter(|n| (lo..=hi).contains(n))
                    .ok_or(format!("{name} {v}: give a number from {lo} to {hi}")),
            }
        };
        let from_out = opt("--out").filter(|o| o.to_ascii_lowercase().ends_with(".png"));
        let format = match opt("--format").as_deref() {
            Some("svg") => ExportFormat::Svg,
            Some("png") => ExportFormat::Png,
            Some(other) => return Err(format!("--format {other}: give svg or png")),
            None if from_out.is_some() => ExportFormat::Png,
            None => ExportFormat::Svg,
        };
        let theme = match opt("--theme").as_deref() {
            None | Some("light") => Theme::light(),
            Some("dark") => Theme::dark(),
            Some("high-contrast") => Theme::high_contrast(),
            Some(other) => {
                return Err(format!(
                    "--theme {other}: give light, dark or high-contrast"
                ))
            }
        };
        let legend = match opt("--legend").as_deref() {
            None | Some("yes") => true,
            Some("no") => false,
            Some(other) => return Err(format!("--legend {other}: give yes or no")),
        };
        Ok(Export {
            format,
            width: num("--width", 1920.0, 200.0, 10_000.0)?,
            height: num("--height", 360.0, 150.0, 10_000.0)?,
            dpr: num("--dpr", 1.0, 0.5, 4.0)?,
            theme,
            lang: match opt("--lang") {
                None => crate::lang::Lang::En,
                Some(l) => crate::lang::Lang::from_tag(&l)
                    .ok_or_else(|| format!("--lang {l}: use en or ko"))?,
            },
            legend,
        })
    }

    /// Renders every event, fitted, with the key under the chart (in the export's language),
    /// and returns the file's bytes. The image is `width × height`: the key's rows come out of
    /// the chart's height.
    pub fn render(&self, events: &[crate::model::Event]) -> Result<Vec<u8>, RenderError> {
        let items = events
            .iter()
            .map(|e| crate::layout::Item::from_event(e, self.lang))
            .collect();
        let (state, legend) = self.view(items);
        match self.format {
            ExportFormat::Svg => {
                to_svg_keyed(&state, &self.theme, legend.as_ref()).map(String::into_bytes)
            }
            ExportFormat::Png => to_png_keyed(&state, &self.theme, legend.as_ref()),
        }
    }

    /// The view the export draws, and its key: every item fitted on the chart's part of the
    /// image (the key, when drawn, takes its rows from the bottom). The key lists only what the
    /// chart shows, so the chart is laid out once at full height to find that, then again above
    /// the key.
    pub fn view(&self, items: Vec<crate::layout::Item>) -> (AppState, Option<Legend>) {
        let full = AppState::new(items, self.width, self.height, self.dpr);
        if !self.legend {
            return (full, None);
        }
        let key = self.key_for(&full);
        let f = *full.frame();
        let key_dev = f.px(key.height).round();
        let chart_h = (f64::from(f.device_size().1) - key_dev) / f.dpr;
        let state = AppState::new(full.items().to_vec(), self.width, chart_h, self.dpr);
        (state, Some(key))
    }

    /// The key for what `state` draws, sized for this export, in whole device pixels.
    fn key_for(&self, state: &AppState) -> Legend {
        let full = Frame::new(self.width, self.height, self.dpr);
        let t = crate::i18n::strings(self.lang);
        let shown = shown_swatches(state);
        let mut l = Legend::compute(t, self.width, key_px(&full), |s| shown.contains(&s));
        l.height = full.px(l.height).ceil() / full.dpr;
        l
    }
}

/// Font size of the key under an exported chart: 0.8 of the label size.
fn key_px(f: &Frame) -> f64 {
    (0.8 * f.label_px()).max(13.0)
}

/// The swatches of the key that `state`'s chart actually shows.
fn shown_swatches(state: &AppState) -> Vec<Swatch> {
    let l = state.layout();
    let items = state.items();
    let mut out: Vec<Swatch> = Vec::new();
    let mut add = |s: Swatch| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for p in &l.placed {
        add(Swatch::Kind(items[p.index].kind));
        if p.span.is_some() {
            add(Swatch::Bracket);
        }
        if p.badge.is_some() {
            add(Swatch::Disputed);
        }
    }
    for b in &l.bands {
        add(Swatch::Kind(EventKind::Period));
        if b.ongoing {
            add(Swatch::Ongoing);
        }
        if b.cut_start || (b.cut_end && !b.ongoing) {
            add(Swatch::Continues);
        }
        if b.badge.is_some() {
            add(Swatch::Disputed);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_options_are_checked() {
        let opts = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let e = Export::from_options(opts(&[("--out", "x.PNG")])).unwrap();
        assert_eq!(
            (e.format, e.width, e.height, e.dpr, e.legend),
            (ExportFormat::Png, 1920.0, 360.0, 1.0, true)
        );
        let e = Export::from_options(opts(&[("--format", "svg"), ("--dpr", "2")])).unwrap();
        assert_eq!((e.format, e.dpr), (ExportFormat::Svg, 2.0));
        assert!(
            !Export::from_options(opts(&[("--legend", "no")]))
                .unwrap()
                .legend
        );
        assert!(Export::from_options(opts(&[("--legend", "maybe")])).is_err());
        assert!(Export::from_options(opts(&[("--format", "gif")])).is_err());
        assert!(Export::from_options(opts(&[("--width", "wide")])).is_err());
        assert!(Export::from_options(opts(&[("--theme", "pink")])).is_err());
        assert_eq!(
            Export::from_options(opts(&[])).unwrap().theme,
            Theme::light()
        );
    }
}
