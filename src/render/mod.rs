//! Drawing the timeline with plotters, on any backend: the browser canvas, an SVG string or a PNG.
//!
//! [`draw`] receives the state (whose [`Layout`] already holds every position in CSS pixels) and a
//! [`Theme`]; it only paints. CSS pixels become device pixels in one place, [`Frame::px`], called
//! by the small `Pen` (`pen`). Kinds are told apart by shape as well as colour (report = square,
//! event = circle, statistic = diamond, period = band), so the chart reads in greyscale and for
//! colour-blind readers; a date known only to the month or year has a bracket over its extent,
//! an ongoing period's band fades out at its end, and an event whose sources disagree has a boxed
//! "≠" after its title. Every label sits on a knocked-out box so grid lines never cross text.
//!
//! Hover draws rings around the marker and the label's box; the selection fills its own label's
//! box (the layout keeps every box clear of every other, so it hides nothing) and is the only
//! place its title is drawn.
//!
//! The colours are [`Theme`]s ([`theme`]); the shapes are painted by the `Pen` (`pen`); the key
//! strip under an export is `key`. The exports to SVG and PNG are build-only
//! (`crate::build::export`).

use crate::layout::{em, Band, Frame, Layout, Placed, Rect, Side, FADE_EM};
use crate::legend::Legend;
use crate::state::AppState;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::fmt;

mod key;
mod pen;
mod theme;
use key::draw_legend;
use pen::Pen;
pub use theme::{contrast_ratio, Theme};

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

pub(crate) fn draw_scaled<DB: DrawingBackend>(
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
pub fn draw_with_key<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    state: &AppState,
    theme: &Theme,
    legend: &Legend,
) -> DrawResult<DB> {
    draw_keyed(root, state, theme, Some(legend), 1.0)
}

/// The chart, then the key (if any) in its own strip below it.
pub(crate) fn draw_keyed<DB: DrawingBackend>(
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
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipped_adds_an_ellipsis() {
        assert_eq!(clipped("Famine years", 0, 6, true), "Famine…");
        assert_eq!(clipped("Famine years", 0, 12, false), "Famine years");
        assert_eq!(clipped("Famine years", 6, 12, false), "years");
    }
}
