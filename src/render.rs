//! Drawing the timeline with plotters, on any backend: the browser canvas, an SVG string or a PNG.
//!
//! [`draw`] receives the state (whose [`Layout`] already holds every position in CSS pixels) and a
//! [`Theme`]; it only paints. CSS pixels become device pixels in one place, [`Frame::px`], called
//! by the small `Pen` below. Kinds are told apart by shape as well as colour (report = square,
//! event = circle, statistic = diamond, period = band), so the chart reads in greyscale and for
//! colour-blind readers; a date known only to the month or year has a bracket over its extent,
//! an ongoing period's band fades out at its end, and an event whose sources disagree has a boxed
//! "≠" after its title. Every label sits on a knocked-out box so grid lines never cross text.
//!
//! Hover draws rings around the marker and the label's box; the selection fills its own label's
//! box (the layout keeps every box clear of every other, so it hides nothing) and is the only
//! place its title is drawn.
//!
//! Natively, [`to_svg`] and [`to_png`] export the current view (the PNG with the bundled DejaVu
//! Sans, so no system fonts are needed); [`Export`] adds the key under the chart for slides.

use crate::layout::{em, Band, Frame, Layout, Placed, Rect, Side, FADE_EM};
use crate::legend::{Legend, Swatch};
use crate::model::EventKind;
use crate::state::AppState;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::fmt;

/// Colours of one look. Text colours reach 4.5:1 against what they sit on, marks 3:1 (WCAG 2.1
/// AA); the tests check it, and that `www/style.css` gives the page's key the same colours.
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
    /// Hover rings.
    pub hover: RGBColor,
    /// Selection ring and label box, and the label text on it.
    pub selected: RGBColor,
    pub selected_text: RGBColor,
}

impl Theme {
    /// Ink on white: near-black text, and marks in muted, dark hues (slate blue, umber, deep
    /// green) that are told apart by shape first; a selection is the label set in white on ink.
    pub fn light() -> Theme {
        Theme {
            name: "light",
            background: RGBColor(0xFF, 0xFF, 0xFF),
            text: RGBColor(0x1E, 0x21, 0x26),
            muted: RGBColor(0x4D, 0x53, 0x5C),
            grid: RGBColor(0xE4, 0xE2, 0xDE),
            axis: RGBColor(0x5F, 0x64, 0x6B),
            band: RGBColor(0xEC, 0xE8, 0xF1),
            band_edge: RGBColor(0x6A, 0x5A, 0x82),
            band_text: RGBColor(0x1E, 0x21, 0x26),
            report: RGBColor(0x2B, 0x5C, 0x8F),
            event: RGBColor(0x8C, 0x4A, 0x2F),
            statistic: RGBColor(0x2D, 0x6A, 0x57),
            bracket: RGBColor(0x6E, 0x73, 0x7A),
            rug: RGBColor(0x6E, 0x73, 0x7A),
            hover: RGBColor(0x1E, 0x21, 0x26),
            selected: RGBColor(0x1D, 0x3F, 0x6E),
            selected_text: RGBColor(0xFF, 0xFF, 0xFF),
        }
    }

    /// Warm light grey on near-black, the same hues lightened; a selection is dark on light.
    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            background: RGBColor(0x15, 0x17, 0x1B),
            text: RGBColor(0xE9, 0xE7, 0xE3),
            muted: RGBColor(0xB7, 0xB3, 0xAC),
            grid: RGBColor(0x2C, 0x2F, 0x35),
            axis: RGBColor(0x8E, 0x93, 0x9B),
            band: RGBColor(0x2A, 0x27, 0x33),
            band_edge: RGBColor(0xB3, 0xA3, 0xCC),
            band_text: RGBColor(0xE9, 0xE7, 0xE3),
            report: RGBColor(0x86, 0xB0, 0xDE),
            event: RGBColor(0xDD, 0xA0, 0x7D),
            statistic: RGBColor(0x7D, 0xC3, 0xAA),
            bracket: RGBColor(0x90, 0x96, 0xA0),
            rug: RGBColor(0x90, 0x96, 0xA0),
            hover: RGBColor(0xE9, 0xE7, 0xE3),
            selected: RGBColor(0xE9, 0xE7, 0xE3),
            selected_text: RGBColor(0x15, 0x17, 0x1B),
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

    /// Every text colour with what it sits on, and every mark colour (against the background,
    /// and the band edge against the band): what the contrast test and docs/DESIGN.md report.
    pub fn contrast_pairs(&self) -> (Ratios, Ratios) {
        let bg = self.background;
        let text = vec![
            ("text", contrast_ratio(self.text, bg)),
            ("tick labels", contrast_ratio(self.muted, bg)),
            ("band text", contrast_ratio(self.band_text, self.band)),
            (
                "selected text",
                contrast_ratio(self.selected_text, self.selected),
            ),
        ];
        let marks = vec![
            ("report", contrast_ratio(self.report, bg)),
            ("event", contrast_ratio(self.event, bg)),
            ("statistic", contrast_ratio(self.statistic, bg)),
            ("band edge", contrast_ratio(self.band_edge, bg)),
            (
                "band edge on band",
                contrast_ratio(self.band_edge, self.band),
            ),
            ("axis", contrast_ratio(self.axis, bg)),
            ("rug", contrast_ratio(self.rug, bg)),
            ("bracket", contrast_ratio(self.bracket, bg)),
            ("hover", contrast_ratio(self.hover, bg)),
            ("selected", contrast_ratio(self.selected, bg)),
        ];
        (text, marks)
    }
}

/// Named contrast ratios.
pub type Ratios = Vec<(&'static str, f64)>;

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
        u: layout.frame.label_px(),
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
        let h = (0.15 + (em::RUG - 0.15) * (f64::from(b.count) / max).sqrt()) * u;
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
    for b in &layout.bands {
        band_shape(pen, b.rect, b.cut_start, b.cut_end, b.ongoing, theme)?;
        if Some(b.index) != state.selected() {
            band_label(pen, state, b, theme.band_text, None, theme)?;
        }
    }
    Ok(())
}

/// A band: filled, edged, with a chevron where it is cut by the view and a fading, open right
/// end when the period is ongoing.
fn band_shape<DB: DrawingBackend>(
    pen: &Pen<DB>,
    r: Rect,
    cut_start: bool,
    cut_end: bool,
    ongoing: bool,
    theme: &Theme,
) -> DrawResult<DB> {
    let u = pen.u;
    let edge = if pen.hc { 2.0 } else { 1.5 };
    let fade = if ongoing {
        (FADE_EM * u).min(0.5 * (r.x1 - r.x0))
    } else {
        0.0
    };
    let solid_x1 = r.x1 - fade;
    pen.fill_rect(Rect { x1: solid_x1, ..r }, theme.band)?;
    if fade > 0.0 {
        // Six steps, each fainter: the period has no end.
        let steps = 6;
        let w = fade / steps as f64;
        for k in 0..steps {
            let a = 1.0 - (k as f64 + 0.5) / steps as f64;
            let x0 = solid_x1 + k as f64 * w;
            let seg = Rect {
                x0,
                x1: x0 + w,
                ..r
            };
            pen.fill_rect_alpha(seg, theme.band, a)?;
            pen.line_alpha(&[(seg.x0, r.y0), (seg.x1, r.y0)], theme.band_edge, a, edge)?;
            pen.line_alpha(&[(seg.x0, r.y1), (seg.x1, r.y1)], theme.band_edge, a, edge)?;
        }
        pen.line(
            &[
                (solid_x1, r.y0),
                (r.x0, r.y0),
                (r.x0, r.y1),
                (solid_x1, r.y1),
            ],
            theme.band_edge,
            edge,
        )?;
    } else {
        pen.stroke_rect(r, theme.band_edge, edge)?;
    }
    let c = 0.3 * u;
    let ym = (r.y0 + r.y1) / 2.0;
    if cut_end && !ongoing && r.x1 - r.x0 > 4.0 * c {
        pen.polygon(
            &[
                (r.x1 - 1.6 * c, ym - c),
                (r.x1 - 0.4 * c, ym),
                (r.x1 - 1.6 * c, ym + c),
            ],
            theme.band_edge,
        )?;
    }
    if cut_start && r.x1 - r.x0 > 4.0 * c {
        pen.polygon(
            &[
                (r.x0 + 1.6 * c, ym - c),
                (r.x0 + 0.4 * c, ym),
                (r.x0 + 1.6 * c, ym + c),
            ],
            theme.band_edge,
        )?;
    }
    Ok(())
}

/// A band's label (with its cue); `fill` boxes it, as the selection does. A label outside the
/// band is knocked out of the grid.
fn band_label<DB: DrawingBackend>(
    pen: &Pen<DB>,
    state: &AppState,
    b: &Band,
    color: RGBColor,
    fill: Option<RGBColor>,
    theme: &Theme,
) -> DrawResult<DB> {
    let Some(l) = b.label else { return Ok(()) };
    let u = b.text_px;
    match fill {
        Some(c) => pen.fill_rect(l, c)?,
        None if !b.label_inside() => pen.fill_rect(l, theme.background)?,
        None => {}
    }
    let label = &state.items()[b.index].label;
    let n = b.lines.len();
    for (j, line) in b.lines.iter().enumerate() {
        let text = clipped(label, line.start, line.end, b.truncated && j + 1 == n);
        pen.text(&text, line.x, line.y, u, color, HPos::Left, VPos::Center)?;
    }
    if let Some(bd) = b.badge {
        pen.badge(bd, color)?;
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
    for p in &layout.placed {
        if let Some(l) = p.label {
            pen.fill_rect(l, theme.background)?;
        }
    }
    for p in &layout.placed {
        if let Some(b) = p.bracket(f) {
            // The honest extent of a date known only to the month or the year.
            let (x0, x1) = (b.x0 + 1.0, b.x1 - 1.0);
            let y = b.y1 - 0.04 * f.label_px();
            pen.line(
                &[(x0, b.y0), (x0, y), (x1, y), (x1, b.y0)],
                theme.bracket,
                1.5,
            )?;
        }
    }
    for p in &layout.placed {
        let kind = state.items()[p.index].kind;
        pen.marker(kind, p.x, p.y, f.marker_r(), theme.kind_color(kind))?;
        if Some(p.index) != state.selected() {
            point_label(pen, state, p, theme.text)?;
        }
    }
    Ok(())
}

/// The lines of a point's label and its cue, in `color`.
fn point_label<DB: DrawingBackend>(
    pen: &Pen<DB>,
    state: &AppState,
    p: &Placed,
    color: RGBColor,
) -> DrawResult<DB> {
    let label = &state.items()[p.index].label;
    let u = pen.u;
    let h = match p.side {
        Side::Right => HPos::Left,
        Side::Left => HPos::Right,
    };
    let n = p.lines.len();
    for (j, line) in p.lines.iter().enumerate() {
        let text = clipped(label, line.start, line.end, p.truncated && j + 1 == n);
        pen.text(&text, line.x, line.y, u, color, h, VPos::Center)?;
    }
    if let Some(b) = p.badge {
        pen.badge(b, color)?;
    }
    Ok(())
}

/// Hover rings, then the selection: a ring round its marker and its label set on a filled box,
/// both inside the room the layout kept for them.
fn draw_highlights<DB: DrawingBackend>(
    pen: &Pen<DB>,
    state: &AppState,
    theme: &Theme,
) -> DrawResult<DB> {
    let layout = state.layout();
    let u = layout.frame.label_px();
    let hc_extra = if pen.hc { 1.0 } else { 0.0 };
    if let Some(h) = state.hover().filter(|h| Some(*h) != state.selected()) {
        if let Some(p) = layout.placed_of(h) {
            let kind = state.items()[p.index].kind;
            pen.ring(kind, p.x, p.y, theme.hover, (0.09 * u).max(1.5) + hc_extra)?;
            if let Some(l) = p.label.or(p.badge) {
                let w = 1.5 + hc_extra;
                pen.stroke_rect(l.grow(-w / 2.0), theme.hover, w)?;
            }
        } else if let Some(b) = layout.band_of(h) {
            let w = 2.0 + hc_extra;
            pen.stroke_rect(b.rect.grow(-w / 2.0), theme.hover, w)?;
        }
    }
    if let Some(s) = state.selected() {
        if let Some(p) = layout.placed_of(s) {
            let kind = state.items()[p.index].kind;
            pen.ring(
                kind,
                p.x,
                p.y,
                theme.selected,
                (0.14 * u).max(2.0) + hc_extra,
            )?;
            if let Some(l) = p.label {
                pen.fill_rect(l, theme.selected)?;
            } else if let Some(b) = p.badge {
                pen.fill_rect(b, theme.selected)?;
            }
            point_label(pen, state, p, theme.selected_text)?;
        } else if let Some(b) = layout.band_of(s) {
            // Inside the band's own box, like every highlight.
            let w = 3.5 + hc_extra;
            pen.stroke_rect(b.rect.grow(-w / 2.0), theme.selected, w)?;
            band_label(
                pen,
                state,
                b,
                theme.selected_text,
                Some(theme.selected),
                theme,
            )?;
        }
    }
    Ok(())
}

/// Characters `start..end` of `label`, trimmed, with an ellipsis when `truncated`.
fn clipped(label: &str, start: usize, end: usize, truncated: bool) -> String {
    let s: String = label
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    let mut s = s.trim().to_string();
    if truncated {
        s.push('…');
    }
    s
}

/// Paints in CSS pixels; converts to device pixels through [`Frame::px`] and nowhere else.
struct Pen<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    f: Frame,
    /// The size of label text, the unit of every length drawn.
    u: f64,
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

    fn fill_rect_alpha(&self, r: Rect, c: RGBColor, a: f64) -> DrawResult<DB> {
        self.area.draw(&Rectangle::new(
            [self.p(r.x0, r.y0), self.p(r.x1, r.y1)],
            c.mix(a).filled(),
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

    fn line_alpha(&self, pts: &[(f64, f64)], c: RGBColor, a: f64, width: f64) -> DrawResult<DB> {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| self.p(x, y)).collect();
        self.area
            .draw(&PathElement::new(pts, c.mix(a).stroke_width(self.w(width))))
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

    /// An outline round the marker (square round a square, else a circle), `width` px wide but
    /// kept within the room the layout keeps around every marker (0.66 em from its centre).
    fn ring(&self, kind: EventKind, x: f64, y: f64, c: RGBColor, width: f64) -> DrawResult<DB> {
        let u = self.u;
        let width = width.min(0.16 * u);
        let style = ShapeStyle {
            color: c.to_rgba(),
            filled: false,
            stroke_width: self.w(width),
        };
        // Centre line of the stroke, so its outer edge is at most 0.62 em out.
        let outer = match kind {
            EventKind::Report => 0.344 * u + 0.08 * u + width,
            _ => 0.62 * u,
        };
        let h = outer - width / 2.0;
        match kind {
            EventKind::Report => self.stroke_rect(
                Rect {
                    x0: x - h,
                    y0: y - h,
                    x1: x + h,
                    y1: y + h,
                },
                c,
                width,
            ),
            _ => {
                let (cx, cy) = self.p(x, y);
                let rad = self.f.px(h).round().max(1.0) as i32;
                self.area.draw(&Circle::new((cx, cy), rad, style))
            }
        }
    }

    /// The disagreement cue: "≠" in a thin box, sized by the box (as high as its text).
    fn badge(&self, b: Rect, c: RGBColor) -> DrawResult<DB> {
        let u = b.y1 - b.y0;
        let inset = Rect {
            x0: b.x0 + 0.08 * u,
            y0: b.y0 + 0.06 * u,
            x1: b.x1 - 0.08 * u,
            y1: b.y1 - 0.06 * u,
        };
        self.stroke_rect(inset, c, (0.07 * u).max(1.0))?;
        // Drawn as strokes, not as a glyph, so it looks the same in every font.
        let (cx, cy) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
        let (hw, dy) = (0.26 * u, 0.11 * u);
        let lw = (0.075 * u).max(1.2);
        self.line(&[(cx - hw, cy - dy), (cx + hw, cy - dy)], c, lw)?;
        self.line(&[(cx - hw, cy + dy), (cx + hw, cy + dy)], c, lw)?;
        self.line(
            &[(cx - 0.13 * u, cy + 0.3 * u), (cx + 0.13 * u, cy - 0.3 * u)],
            c,
            lw,
        )
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

/// Draws the key laid out in `legend` on `area` (its own strip, `frame` sized to it).
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    legend: &Legend,
    theme: &Theme,
    text_scale: f64,
) -> DrawResult<DB> {
    // The swatches are drawn with the chart's own pens, at the legend's size.
    let u = legend.font_px;
    let pen = Pen {
        area,
        f: frame,
        u,
        text_scale,
        hc: theme.name == "high-contrast",
    };
    area.fill(&theme.background)?;
    pen.line(
        &[(0.75 * u, 0.5), (frame.width - 0.75 * u, 0.5)],
        theme.grid,
        1.0,
    )?;
    for e in &legend.entries {
        let b = e.swatch_box;
        let (cx, cy) = ((b.x0 + b.x1) / 2.0, e.y);
        // Markers are drawn at the chart's size relative to the legend's font.
        let r = 0.4 * u;
        match e.swatch {
            Swatch::Kind(EventKind::Period) => {
                let r = Rect {
                    y0: cy - 0.45 * u,
                    y1: cy + 0.45 * u,
                    ..b
                };
                band_shape(&pen, r, false, false, false, theme)?;
            }
            Swatch::Kind(k) => pen.marker(k, cx, cy, r, theme.kind_color(k))?,
            Swatch::Ongoing => {
                let r = Rect {
                    y0: cy - 0.45 * u,
                    y1: cy + 0.45 * u,
                    ..b
                };
                band_shape(&pen, r, false, false, true, theme)?;
            }
            Swatch::Continues => {
                let r = Rect {
                    y0: cy - 0.45 * u,
                    y1: cy + 0.45 * u,
                    ..b
                };
                band_shape(&pen, r, false, true, false, theme)?;
            }
            Swatch::Bracket => {
                let y = cy + 0.3 * u;
                pen.line(
                    &[
                        (b.x0, y - 0.25 * u),
                        (b.x0, y),
                        (b.x1, y),
                        (b.x1, y - 0.25 * u),
                    ],
                    theme.bracket,
                    1.5,
                )?;
                pen.marker(
                    EventKind::Statistic,
                    b.x0 + 0.45 * u,
                    cy - 0.15 * u,
                    0.3 * u,
                    theme.statistic,
                )?;
            }
            Swatch::Disputed => pen.badge(b, theme.text)?,
        }
        pen.text(
            e.text,
            e.text_x,
            e.y,
            u,
            theme.text,
            HPos::Left,
            VPos::Center,
        )?;
    }
    Ok(())
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
    to_svg_keyed(state, theme, None)
}

/// The current view with `legend` (if any) drawn in a strip under it, as an SVG document.
#[cfg(not(target_arch = "wasm32"))]
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
#[cfg(not(target_arch = "wasm32"))]
pub fn to_png(state: &AppState, theme: &Theme) -> Result<Vec<u8>, RenderError> {
    to_png_keyed(state, theme, None)
}

/// The current view with `legend` (if any) under it, as a PNG image. Plotters encodes PNGs only
/// into a file, so it goes through a temporary file that is removed afterwards.
#[cfg(not(target_arch = "wasm32"))]
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
#[cfg(not(target_arch = "wasm32"))]
fn image_size(state: &AppState, legend: Option<&Legend>) -> (u32, u32) {
    let f = state.frame();
    let (w, h) = f.device_size();
    (w, h + legend.map_or(0, |l| f.px(l.height).round() as u32))
}

/// Draws the chart of `state` and, in a strip below it, `legend`, on `root` sized to both (the
/// chart's frame height plus the key's, in device pixels): what a downloaded slide image needs,
/// having no DOM key beside it. Natively [`Export::view`] gives the state and key to use.
pub fn draw_with_key<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    state: &AppState,
    theme: &Theme,
    legend: &Legend,
) -> DrawResult<DB> {
    draw_keyed(root, state, theme, Some(legend), 1.0)
}

/// The chart, then the key (if any) in its own strip below it.
fn draw_keyed<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    state: &AppState,
    theme: &Theme,
    legend: Option<&Legend>,
    text_scale: f64,
) -> DrawResult<DB> {
    let Some(legend) = legend else {
        return draw_scaled(root, state, theme, text_scale);
    };
    let f = *state.frame();
    let (top, bottom) = root.split_vertically(f.device_size().1);
    draw_scaled(&top, state, theme, text_scale)?;
    draw_legend(
        &bottom,
        Frame::new(f.width, legend.height, f.dpr),
        legend,
        theme,
        text_scale,
    )
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
    /// Draw the key to the shapes under the chart (slides have no page around them).
    pub legend: bool,
}

#[cfg(not(target_arch = "wasm32"))]
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
#[cfg(not(target_arch = "wasm32"))]
fn key_px(f: &Frame) -> f64 {
    (0.8 * f.label_px()).max(13.0)
}

/// The swatches of the key that `state`'s chart actually shows.
#[cfg(not(target_arch = "wasm32"))]
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
    fn themes_meet_wcag_contrast() {
        for t in [Theme::light(), Theme::dark(), Theme::high_contrast()] {
            let (text, marks) = t.contrast_pairs();
            // `cargo test themes_meet -- --nocapture` prints the figures docs/DESIGN.md gives.
            let fig = |v: &[(&str, f64)]| {
                v.iter()
                    .map(|(w, c)| format!("{w} {c:.1}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            println!("{}: text {}; marks {}", t.name, fig(&text), fig(&marks));
            for (what, c) in text {
                assert!(c >= 4.5, "{} {what}: {c:.2}", t.name);
            }
            for (what, c) in marks {
                assert!(c >= 3.0, "{} {what}: {c:.2}", t.name);
            }
        }
        assert!((contrast_ratio(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!(
            (contrast_ratio(RGBColor(0x77, 0x77, 0x77), RGBColor(255, 255, 255)) - 4.48).abs()
                < 0.01
        );
    }

    /// The page's key draws its swatches in CSS: its colours must be the canvas's, theme by theme.
    #[test]
    fn page_key_colours_match_the_themes() {
        let css = include_str!("../www/style.css");
        let block = |start: &str| -> &str {
            let i = css
                .find(start)
                .unwrap_or_else(|| panic!("style.css lacks {start}"));
            let rest = &css[i..];
            &rest[..rest.find('}').expect("block ends")]
        };
        let hex = |c: RGBColor| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
        for (t, sel) in [
            (Theme::light(), ":root {"),
            (
                Theme::dark(),
                "@media (prefers-color-scheme: dark) {\n  :root {",
            ),
            (Theme::high_contrast(), "html.high-contrast {"),
        ] {
            let b = block(sel);
            for (var, c) in [
                ("--tl-report", t.report),
                ("--tl-event", t.event),
                ("--tl-statistic", t.statistic),
                ("--tl-band", t.band),
                ("--tl-band-edge", t.band_edge),
                ("--tl-bracket", t.bracket),
                ("--tl-text", t.text),
            ] {
                let want = format!("{var}: {};", hex(c));
                assert!(b.contains(&want), "{}: style.css should say {want}", t.name);
            }
        }
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

    #[test]
    fn clipped_adds_an_ellipsis() {
        assert_eq!(clipped("Famine years", 0, 6, true), "Famine…");
        assert_eq!(clipped("Famine years", 0, 12, false), "Famine years");
        assert_eq!(clipped("Famine years", 6, 12, false), "years");
    }
}
