//! Drawing the timeline with plotters, on any backend: the browser canvas, an SVG string or a PNG.
//!
//! [`draw`] receives the state (whose [`Layout`] already holds every position in CSS pixels) and a
//! [`Theme`]; it only paints. CSS pixels become device pixels in one place, [`Frame::px`], called
//! by the small `Pen` below. Kinds are told apart by shape as well as colour (report = square,
//! event = circle, statistic = diamond, period = band), so the chart reads in greyscale and for
//! colour-blind readers. Hover draws an outline; the selection a thicker outline and its full
//! label inverted.
//!
//! Natively, [`to_svg`] and [`to_png`] export the current view (the PNG with the bundled DejaVu
//! Sans, so no system fonts are needed).

use crate::layout::{fit_text, Frame, Layout, Placed, Rect};
use crate::model::EventKind;
use crate::state::AppState;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::fmt;

/// Colours of one look. Text colours reach 4.5:1 against what they sit on, marker colours 3:1
/// (WCAG 2.1 AA); the tests check it.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Short name ("light", "dark", "high-contrast").
    pub name: &'static str,
    pub background: RGBColor,
    /// Labels.
    pub text: RGBColor,
    /// Tick labels.
    pub muted: RGBColor,
    /// Vertical grid lines (decorative).
    pub grid: RGBColor,
    /// Axis line and tick marks.
    pub axis: RGBColor,
    /// Period band fill, edge and label.
    pub band: RGBColor,
    pub band_edge: RGBColor,
    pub band_text: RGBColor,
    /// Marker colours by kind.
    pub report: RGBColor,
    pub event: RGBColor,
    pub statistic: RGBColor,
    /// The bracket under a date known only to the month or year.
    pub bracket: RGBColor,
    /// Density bars on the axis.
    pub rug: RGBColor,
    /// Hover outline.
    pub hover: RGBColor,
    /// Selection outline and label background, and the label text on it.
    pub selected: RGBColor,
    pub selected_text: RGBColor,
}

impl Theme {
    /// Dark text on white.
    pub fn light() -> Theme {
        Theme {
            name: "light",
            background: RGBColor(0xFF, 0xFF, 0xFF),
            text: RGBColor(0x1B, 0x1B, 0x1B),
            muted: RGBColor(0x4A, 0x4A, 0x4A),
            grid: RGBColor(0xE2, 0xE2, 0xE2),
            axis: RGBColor(0x5C, 0x5C, 0x5C),
            band: RGBColor(0xEF, 0xE6, 0xF5),
            band_edge: RGBColor(0x7B, 0x4B, 0x94),
            band_text: RGBColor(0x1B, 0x1B, 0x1B),
            report: RGBColor(0x00, 0x63, 0xA6),
            event: RGBColor(0xC2, 0x41, 0x0C),
            statistic: RGBColor(0x04, 0x78, 0x57),
            bracket: RGBColor(0x8A, 0x8A, 0x8A),
            rug: RGBColor(0x6B, 0x6B, 0x6B),
            hover: RGBColor(0x1B, 0x1B, 0x1B),
            selected: RGBColor(0x5B, 0x21, 0xB6),
            selected_text: RGBColor(0xFF, 0xFF, 0xFF),
        }
    }

    /// Light text on near-black.
    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            background: RGBColor(0x11, 0x14, 0x18),
            text: RGBColor(0xEC, 0xEF, 0xF4),
            muted: RGBColor(0xB8, 0xC0, 0xCC),
            grid: RGBColor(0x2A, 0x30, 0x38),
            axis: RGBColor(0x8B, 0x95, 0xA3),
            band: RGBColor(0x2E, 0x25, 0x40),
            band_edge: RGBColor(0xB3, 0x9D, 0xDB),
            band_text: RGBColor(0xEC, 0xEF, 0xF4),
            report: RGBColor(0x5A, 0xB0, 0xF0),
            event: RGBColor(0xF5, 0x9E, 0x5B),
            statistic: RGBColor(0x4A, 0xDE, 0x9B),
            bracket: RGBColor(0x7D, 0x86, 0x94),
            rug: RGBColor(0x9A, 0xA4, 0xB2),
            hover: RGBColor(0xEC, 0xEF, 0xF4),
            selected: RGBColor(0xFF, 0xD5, 0x4F),
            selected_text: RGBColor(0x11, 0x14, 0x18),
        }
    }

    /// White and saturated colours on black, thicker lines.
    pub fn high_contrast() -> Theme {
        Theme {
            name: "high-contrast",
            background: RGBColor(0x00, 0x00, 0x00),
            text: RGBColor(0xFF, 0xFF, 0xFF),
            muted: RGBColor(0xFF, 0xFF, 0xFF),
            grid: RGBColor(0x59, 0x59, 0x59),
            axis: RGBColor(0xFF, 0xFF, 0xFF),
            band: RGBColor(0x24, 0x24, 0x24),
            band_edge: RGBColor(0xFF, 0xFF, 0xFF),
            band_text: RGBColor(0xFF, 0xFF, 0xFF),
            report: RGBColor(0x00, 0xE5, 0xFF),
            event: RGBColor(0xFF, 0xEB, 0x3B),
            statistic: RGBColor(0xFF, 0x80, 0xFF),
            bracket: RGBColor(0xBD, 0xBD, 0xBD),
            rug: RGBColor(0xFF, 0xFF, 0xFF),
            hover: RGBColor(0xFF, 0xFF, 0xFF),
            selected: RGBColor(0xFF, 0xFF, 0x00),
            selected_text: RGBColor(0x00, 0x00, 0x00),
        }
    }

    /// The theme called `name`, or light.
    pub fn by_name(name: &str) -> Theme {
        match name {
            "dark" => Theme::dark(),
            "high-contrast" => Theme::high_contrast(),
            _ => Theme::light(),
        }
    }

    /// The marker colour of a kind.
    pub fn kind_color(&self, kind: EventKind) -> RGBColor {
        match kind {
            EventKind::Report => self.report,
            EventKind::Event => self.event,
            EventKind::Statistic => self.statistic,
            EventKind::Period => self.band_edge,
        }
    }
}

/// WCAG 2.1 contrast ratio of two colours (1 to 21).
pub fn contrast_ratio(a: RGBColor, b: RGBColor) -> f64 {
    fn lum(c: RGBColor) -> f64 {
        let ch = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.040_45 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
    }
    let (la, lb) = (lum(a), lum(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The result of drawing on backend `DB`.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws the current view of `state` on `root` (sized to the frame in device pixels).
///
/// Font sizes are given to the backend in device pixels, which is what the browser canvas uses.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    state: &AppState,
    theme: &Theme,
) -> DrawResult<DB> {
    draw_scaled(root, state, theme, 1.0)
}

/// Plotters backends disagree on what a font size means: the canvas takes it as CSS `px`, the
/// SVG backend writes `size / 1.24`, ab_glyph scales to the font's ascent-to-descent height
/// (1.164 em for DejaVu Sans). The exports pass these factors so text is as large everywhere.
#[cfg(not(target_arch = "wasm32"))]
const SVG_TEXT_SCALE: f64 = 1.24;
#[cfg(not(target_arch = "wasm32"))]
const AB_GLYPH_TEXT_SCALE: f64 = 1.164;

fn draw_scaled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    state: &AppState,
    theme: &Theme,
    text_scale: f64,
) -> DrawResult<DB> {
    let layout = state.layout();
    let pen = Pen {
        area: root,
        f: layout.frame,
        text_scale,
        hc: theme.name == "high-contrast",
    };
    root.fill(&theme.background)?;
    draw_axis(&pen, layout, theme)?;
    draw_bands(&pen, state, theme)?;
    draw_points(&pen, state, theme)?;
    draw_highlights(&pen, state, theme)?;
    Ok(())
}

/// Grid lines, the axis, tick labels and the density strip.
fn draw_axis<DB: DrawingBackend>(pen: &Pen<DB>, layout: &Layout, theme: &Theme) -> DrawResult<DB> {
    let f = &layout.frame;
    let (left, right, axis_y) = (f.plot_left(), f.plot_right(), f.axis_y());
    let u = f.label_px();
    for t in &layout.ticks {
        pen.line(&[(t.x, f.band_top()), (t.x, axis_y)], theme.grid, 1.0)?;
        pen.line(&[(t.x, axis_y), (t.x, axis_y + 0.35 * u)], theme.axis, 1.5)?;
        if t.show_label {
            pen.text(
                &t.tick.label,
                t.x + 0.3 * f.tick_px(),
                axis_y + 0.3 * u,
                f.tick_px(),
                theme.muted,
                HPos::Left,
                VPos::Top,
            )?;
        }
    }
    // The density strip is one filled outline (bars joined along the axis): one canvas call
    // however many bins, which keeps redraws cheap at 10,000 events.
    let max = f64::from(layout.rug_max.max(1));
    let mut outline = Vec::with_capacity(layout.rug.len() * 4);
    for b in &layout.rug {
        // Square root so single items stay visible next to dense clusters.
        let h = 0.15 * u + 0.45 * u * (f64::from(b.count) / max).sqrt();
        let x1 = b.x1 - 0.5;
        outline.extend([
            (b.x0, axis_y),
            (b.x0, axis_y - h),
            (x1, axis_y - h),
            (x1, axis_y),
        ]);
    }
    if !outline.is_empty() {
        pen.polygon(&outline, theme.rug)?;
    }
    pen.line(&[(left, axis_y), (right, axis_y)], theme.axis, 1.5)
}

fn draw_bands<DB: DrawingBackend>(
    pen: &Pen<DB>,
    state: &AppState,
    theme: &Theme,
) -> DrawResult<DB> {
    let layout = state.layout();
    let f = &layout.frame;
    for b in &layout.bands {
        let r = b.rect;
        pen.fill_rect(r, theme.band)?;
        pen.stroke_rect(r, theme.band_edge, 1.5)?;
        // A chevron where the period runs on beyond the view (or is ongoing).
        let c = 0.3 * f.label_px();
        let ym = (r.y0 + r.y1) / 2.0;
        if b.cut_end && r.x1 - r.x0 > 4.0 * c {
            pen.polygon(
                &[
                    (r.x1 - 1.6 * c, ym - c),
                    (r.x1 - 0.4 * c, ym),
                    (r.x1 - 1.6 * c, ym + c),
                ],
                theme.band_edge,
            )?;
        }
        if b.cut_start && r.x1 - r.x0 > 4.0 * c {
            pen.polygon(
                &[
                    (r.x0 + 1.6 * c, ym - c),
                    (r.x0 + 0.4 * c, ym),
                    (r.x0 + 1.6 * c, ym + c),
                ],
                theme.band_edge,
            )?;
        }
        if let Some(l) = b.label {
            let text = clipped(&state.items()[b.index].label, b.label_chars, b.truncated);
            let x = if b.cut_start { l.x0 + 1.2 * c } else { l.x0 };
            pen.text(
                &text,
                x,
                ym,
                f.label_px(),
                theme.band_text,
                HPos::Left,
                VPos::Center,
            )?;
        }
    }
    Ok(())
}

fn draw_points<DB: DrawingBackend>(
    pen: &Pen<DB>,
    state: &AppState,
    theme: &Theme,
) -> DrawResult<DB> {
    let layout = state.layout();
    let f = &layout.frame;
    let u = f.label_px();
    for p in &layout.placed {
        if let Some((x0, x1)) = p.span {
            // The honest extent of a date known only to the month or the year.
            let y = p.y + 0.72 * u;
            let t = 0.2 * u;
            pen.line(
                &[(x0, y - t), (x0, y), (x1, y), (x1, y - t)],
                theme.bracket,
                1.5,
            )?;
        }
    }
    for p in &layout.placed {
        let kind = state.items()[p.index].kind;
        pen.marker(kind, p.x, p.y, f.marker_r(), theme.kind_color(kind))?;
        if let Some(l) = p.label {
            let text = clipped(&state.items()[p.index].label, p.label_chars, p.truncated);
            pen.text(&text, l.x0, p.y, u, theme.text, HPos::Left, VPos::Center)?;
        }
    }
    Ok(())
}

/// Hover outline, then the selection: a thick outline and its whole label inverted on top.
fn draw_highlights<DB: DrawingBackend>(
    pen: &Pen<DB>,
    state: &AppState,
    theme: &Theme,
) -> DrawResult<DB> {
    let layout = state.layout();
    let grow = |r: Rect, d: f64| Rect {
        x0: r.x0 - d,
        y0: r.y0 - d,
        x1: r.x1 + d,
        y1: r.y1 + d,
    };
    let hc_extra = if pen.hc { 1.0 } else { 0.0 };
    if let Some(h) = state.hover().filter(|h| Some(*h) != state.selected()) {
        if let Some(p) = layout.placed_of(h) {
            pen.stroke_rect(grow(p.marker, 3.0), theme.hover, 2.0 + hc_extra)?;
            callout(
                pen,
                state,
                theme,
                p,
                (theme.background, theme.text, theme.hover),
            )?;
        } else if let Some(b) = layout.band_of(h) {
            pen.stroke_rect(grow(b.rect, 1.0), theme.hover, 2.0 + hc_extra)?;
        }
    }
    if let Some(s) = state.selected() {
        if let Some(p) = layout.placed_of(s) {
            pen.stroke_rect(grow(p.marker, 4.0), theme.selected, 3.5 + hc_extra)?;
            let colors = (theme.selected, theme.selected_text, theme.selected);
            callout(pen, state, theme, p, colors)?;
        } else if let Some(b) = layout.band_of(s) {
            pen.stroke_rect(grow(b.rect, 2.0), theme.selected, 3.5 + hc_extra)?;
        }
    }
    Ok(())
}

/// Left edge of a callout `w` wide for a marker at `x`: on the side of the marker that the layout
/// chose when it fits in `plot`, else on the other side, else (wider than either side) as near
/// the marker as the plot allows.
fn callout_x(x: f64, gap: f64, w: f64, plot: (f64, f64), prefer_before: bool) -> f64 {
    let (left, right) = plot;
    let (after, before) = (x + gap, x - gap - w);
    let fits = |x0: f64| x0 >= left && x0 + w <= right;
    match (prefer_before, fits(before), fits(after)) {
        (true, true, _) | (false, true, false) => before,
        (_, _, true) => after,
        _ => (if prefer_before { before } else { after })
            .min(right - w)
            .max(left),
    }
}

/// The whole label of item `index` in a box over its own label (right of the marker, or left of
/// it when the layout put the label there), kept inside the plot. The box goes on whichever side
/// of the marker it fits, so it never hides its own marker; markers of other events under it are
/// drawn again on top, so the callout hides no event.
fn callout<DB: DrawingBackend>(
    pen: &Pen<DB>,
    state: &AppState,
    theme: &Theme,
    p: &Placed,
    colors: (RGBColor, RGBColor, RGBColor),
) -> DrawResult<DB> {
    let (fill, text, edge) = colors;
    let f = &pen.f;
    let u = f.label_px();
    let label = &state.items()[p.index].label;
    let (left, right) = (f.plot_left(), f.plot_right());
    let pad = 0.35 * u;
    let Some((shown, truncated, tw)) = fit_text(label, u, right - left - 2.0 * pad, 1) else {
        return Ok(());
    };
    let w = tw + 2.0 * pad;
    let gap = f.marker_r() + 0.1 * u;
    let prefer_before = matches!(p.label, Some(l) if l.x1 <= p.x);
    let x0 = callout_x(p.x, gap, w, (left, right), prefer_before);
    let r = Rect {
        x0,
        y0: p.y - 0.75 * u,
        x1: x0 + w,
        y1: p.y + 0.75 * u,
    };
    pen.fill_rect(r, fill)?;
    pen.stroke_rect(r, edge, 1.5)?;
    pen.text(
        &clipped(label, shown, truncated),
        x0 + pad,
        p.y,
        u,
        text,
        HPos::Left,
        VPos::Center,
    )?;
    let under = |m: Rect| m.x1 > r.x0 && m.x0 < r.x1 && m.y1 > r.y0 && m.y0 < r.y1;
    for q in state.layout().placed.iter().filter(|q| under(q.marker)) {
        let kind = state.items()[q.index].kind;
        pen.marker(kind, q.x, q.y, f.marker_r(), theme.kind_color(kind))?;
    }
    Ok(())
}

/// The first `chars` characters of `label`, with an ellipsis when `truncated`.
fn clipped(label: &str, chars: usize, truncated: bool) -> String {
    let mut s: String = label.chars().take(chars).collect();
    if truncated {
        s = s.trim_end().to_string();
        s.push('…');
    }
    s
}

/// Paints in CSS pixels; converts to device pixels through [`Frame::px`] and nowhere else.
struct Pen<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    f: Frame,
    text_scale: f64,
    hc: bool,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    fn p(&self, x: f64, y: f64) -> (i32, i32) {
        (self.f.px(x).round() as i32, self.f.px(y).round() as i32)
    }

    fn w(&self, css: f64) -> u32 {
        self.f.px(css).round().max(1.0) as u32
    }

    fn fill_rect(&self, r: Rect, c: RGBColor) -> DrawResult<DB> {
        self.area.draw(&Rectangle::new(
            [self.p(r.x0, r.y0), self.p(r.x1, r.y1)],
            c.filled(),
        ))
    }

    fn stroke_rect(&self, r: Rect, c: RGBColor, width: f64) -> DrawResult<DB> {
        let style = ShapeStyle {
            color: c.to_rgba(),
            filled: false,
            stroke_width: self.w(width),
        };
        self.area.draw(&Rectangle::new(
            [self.p(r.x0, r.y0), self.p(r.x1, r.y1)],
            style,
        ))
    }

    fn line(&self, pts: &[(f64, f64)], c: RGBColor, width: f64) -> DrawResult<DB> {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| self.p(x, y)).collect();
        self.area
            .draw(&PathElement::new(pts, c.stroke_width(self.w(width))))
    }

    fn polygon(&self, pts: &[(f64, f64)], c: RGBColor) -> DrawResult<DB> {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| self.p(x, y)).collect();
        self.area.draw(&Polygon::new(pts, c.filled()))
    }

    /// A marker whose shape tells the kind: square, circle or diamond (areas roughly equal).
    fn marker(&self, kind: EventKind, x: f64, y: f64, r: f64, c: RGBColor) -> DrawResult<DB> {
        match kind {
            EventKind::Report => {
                let h = 0.86 * r;
                self.fill_rect(
                    Rect {
                        x0: x - h,
                        y0: y - h,
                        x1: x + h,
                        y1: y + h,
                    },
                    c,
                )
            }
            EventKind::Statistic => {
                let h = 1.15 * r;
                self.polygon(&[(x, y - h), (x + h, y), (x, y + h), (x - h, y)], c)
            }
            EventKind::Event | EventKind::Period => {
                let (cx, cy) = self.p(x, y);
                let rad = self.f.px(r).round().max(1.0) as i32;
                self.area.draw(&Circle::new((cx, cy), rad, c.filled()))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &self,
        s: &str,
        x: f64,
        y: f64,
        size_css: f64,
        c: RGBColor,
        h: HPos,
        v: VPos,
    ) -> DrawResult<DB> {
        let size = self.f.px(size_css) * self.text_scale;
        // The enum, not the name "sans-serif": parsing a name lowercases it, which links
        // Unicode case tables (about 15 KB) into the wasm.
        let font = FontDesc::new(FontFamily::SansSerif, size, FontStyle::Normal);
        let style = TextStyle::from(font).color(&c).pos(Pos::new(h, v));
        self.area
            .draw(&Text::new(s.to_string(), self.p(x, y), style))
    }
}

/// Why an export failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The bundled font could not be loaded.
    Font,
    /// The backend failed while drawing.
    Draw(String),
    /// The temporary PNG file could not be written or read.
    Io(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Font => write!(
                f,
                "the bundled font assets/DejaVuSans.ttf is not a valid font"
            ),
            RenderError::Draw(e) => write!(f, "drawing failed: {e}"),
            RenderError::Io(e) => write!(f, "writing the PNG failed: {e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Registers the bundled font once, for the bitmap backend (the SVG backend names it only).
#[cfg(not(target_arch = "wasm32"))]
fn ensure_font() -> Result<(), RenderError> {
    use std::sync::OnceLock;
    static FONT: OnceLock<bool> = OnceLock::new();
    let ok = *FONT.get_or_init(|| {
        plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            include_bytes!("../assets/DejaVuSans.ttf"),
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
#[cfg(not(target_arch = "wasm32"))]
pub fn to_svg(state: &AppState, theme: &Theme) -> Result<String, RenderError> {
    let size = state.frame().device_size();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw_scaled(&root, state, theme, SVG_TEXT_SCALE)
            .map_err(|e| RenderError::Draw(e.to_string()))?;
        root.present()
            .map_err(|e| RenderError::Draw(e.to_string()))?;
    }
    Ok(out)
}

/// The current view as a PNG image, sized in device pixels. Plotters encodes PNGs only into a
/// file, so it goes through a temporary file that is removed afterwards.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_png(state: &AppState, theme: &Theme) -> Result<Vec<u8>, RenderError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    ensure_font()?;
    let path = std::env::temp_dir().join(format!(
        "nk-timeline-{}-{}.png",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let size = state.frame().device_size();
    let drawn = (|| {
        let root = BitMapBackend::new(&path, size).into_drawing_area();
        draw_scaled(&root, state, theme, AB_GLYPH_TEXT_SCALE)
            .map_err(|e| RenderError::Draw(e.to_string()))?;
        root.present().map_err(|e| RenderError::Draw(e.to_string()))
    })();
    let bytes =
        drawn.and_then(|()| std::fs::read(&path).map_err(|e| RenderError::Io(e.to_string())));
    // Best effort: a leftover temporary file is harmless.
    let _ = std::fs::remove_file(&path);
    bytes
}

/// What `timeline export` writes.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Svg,
    Png,
}

/// Options of `timeline export`: a fitted view of every event, as SVG or PNG.
#[cfg(not(target_arch = "wasm32"))]
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
}

#[cfg(not(target_arch = "wasm32"))]
impl Export {
    /// Reads `--format svg|png` (default: from the extension of `--out`, else SVG), `--width`
    /// (1920), `--height` (360), `--dpr` (1), `--theme light|dark|high-contrast` and `--lang`
    /// (en) through `opt`, which returns the value following an option. The error says which
    /// option is wrong and what it accepts.
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
        })
    }

    /// Renders every event, fitted, and returns the file's bytes.
    pub fn render(&self, events: &[crate::model::Event]) -> Result<Vec<u8>, RenderError> {
        let items = events
            .iter()
            .map(|e| crate::layout::Item::from_event(e, self.lang))
            .collect();
        let state = AppState::new(items, self.width, self.height, self.dpr);
        match self.format {
            ExportFormat::Svg => to_svg(&state, &self.theme).map(String::into_bytes),
            ExportFormat::Png => to_png(&state, &self.theme),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callout_goes_where_it_fits_and_clears_its_marker() {
        let plot = (0.0, 1000.0);
        // Room on the preferred side: there.
        assert_eq!(callout_x(500.0, 10.0, 200.0, plot, false), 510.0);
        assert_eq!(callout_x(500.0, 10.0, 200.0, plot, true), 290.0);
        // Near the right edge with the label after the marker: flips before it, clear of it.
        let x0 = callout_x(950.0, 10.0, 200.0, plot, false);
        assert_eq!(x0, 740.0);
        assert!(x0 + 200.0 <= 950.0 - 10.0);
        // Near the left edge with the label before: flips after.
        assert_eq!(callout_x(50.0, 10.0, 200.0, plot, true), 60.0);
        // Wider than both sides: kept inside the plot.
        assert_eq!(callout_x(500.0, 10.0, 900.0, plot, false), 100.0);
        assert_eq!(callout_x(500.0, 10.0, 1200.0, plot, true), 0.0);
    }

    #[test]
    fn themes_meet_wcag_contrast() {
        for t in [Theme::light(), Theme::dark(), Theme::high_contrast()] {
            let bg = t.background;
            let text = [
                ("text", t.text, bg),
                ("muted", t.muted, bg),
                ("band text", t.band_text, t.band),
                ("selected text", t.selected_text, t.selected),
            ];
            for (what, fg, on) in text {
                let c = contrast_ratio(fg, on);
                assert!(c >= 4.5, "{} {what}: {c:.2}", t.name);
            }
            let marks = [
                ("report", t.report),
                ("event", t.event),
                ("statistic", t.statistic),
                ("band edge", t.band_edge),
                ("axis", t.axis),
                ("rug", t.rug),
                ("hover", t.hover),
                ("selected", t.selected),
                ("bracket", t.bracket),
            ];
            for (what, fg) in marks {
                let c = contrast_ratio(fg, bg);
                assert!(c >= 3.0, "{} {what}: {c:.2}", t.name);
            }
            assert!(contrast_ratio(t.band_edge, t.band) >= 3.0, "{}", t.name);
        }
        assert!((contrast_ratio(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
    }

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
            (e.format, e.width, e.height, e.dpr),
            (ExportFormat::Png, 1920.0, 360.0, 1.0)
        );
        let e = Export::from_options(opts(&[("--format", "svg"), ("--dpr", "2")])).unwrap();
        assert_eq!((e.format, e.dpr), (ExportFormat::Svg, 2.0));
        assert!(Export::from_options(opts(&[("--format", "gif")])).is_err());
        assert!(Export::from_options(opts(&[("--width", "wide")])).is_err());
        assert!(Export::from_options(opts(&[("--theme", "pink")])).is_err());
        assert_eq!(
            Export::from_options(opts(&[])).unwrap().theme,
            Theme::light()
        );
    }

    #[test]
    fn clipped_adds_an_ellipsis() {
        assert_eq!(clipped("Famine years", 6, true), "Famine…");
        assert_eq!(clipped("Famine", 6, false), "Famine");
    }
}
