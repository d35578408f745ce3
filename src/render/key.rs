//! The key (legend) strip under an exported chart, drawn with the chart's own pens: a swatch per
//! kind and mark, and its text, as [`crate::legend::Legend`] laid them out.

use super::{band_shape, DrawResult, Pen, Theme};
use crate::layout::{Frame, Rect};
use crate::legend::{Legend, Swatch};
use crate::model::EventKind;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Draws the key laid out in `legend` on `area` (its own strip, `frame` sized to it).
pub(super) fn draw_legend<DB: DrawingBackend>(
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
