//! The `Pen`: paints in CSS pixels on any plotters backend, and converts to device pixels through
//! [`Frame::px`] and nowhere else. It knows the shapes the chart is made of: rectangles, lines,
//! polygons, the kind markers and their rings, the disagreement cue and text.

use super::DrawResult;
use crate::layout::{Frame, Rect};
use crate::model::EventKind;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Paints in CSS pixels; converts to device pixels through [`Frame::px`] and nowhere else.
pub(super) struct Pen<'a, DB: DrawingBackend> {
    pub(super) area: &'a DrawingArea<DB, Shift>,
    pub(super) f: Frame,
    /// The size of label text, the unit of every length drawn.
    pub(super) u: f64,
    pub(super) text_scale: f64,
    pub(super) hc: bool,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    fn p(&self, x: f64, y: f64) -> (i32, i32) {
        (self.f.px(x).round() as i32, self.f.px(y).round() as i32)
    }

    fn w(&self, css: f64) -> u32 {
        self.f.px(css).round().max(1.0) as u32
    }

    pub(super) fn fill_rect(&self, r: Rect, c: RGBColor) -> DrawResult<DB> {
        self.area.draw(&Rectangle::new(
            [self.p(r.x0, r.y0), self.p(r.x1, r.y1)],
            c.filled(),
        ))
    }

    pub(super) fn fill_rect_alpha(&self, r: Rect, c: RGBColor, a: f64) -> DrawResult<DB> {
        self.area.draw(&Rectangle::new(
            [self.p(r.x0, r.y0), self.p(r.x1, r.y1)],
            c.mix(a).filled(),
        ))
    }

    pub(super) fn stroke_rect(&self, r: Rect, c: RGBColor, width: f64) -> DrawResult<DB> {
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

    pub(super) fn line(&self, pts: &[(f64, f64)], c: RGBColor, width: f64) -> DrawResult<DB> {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| self.p(x, y)).collect();
        self.area
            .draw(&PathElement::new(pts, c.stroke_width(self.w(width))))
    }

    pub(super) fn line_alpha(
        &self,
        pts: &[(f64, f64)],
        c: RGBColor,
        a: f64,
        width: f64,
    ) -> DrawResult<DB> {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| self.p(x, y)).collect();
        self.area
            .draw(&PathElement::new(pts, c.mix(a).stroke_width(self.w(width))))
    }

    pub(super) fn polygon(&self, pts: &[(f64, f64)], c: RGBColor) -> DrawResult<DB> {
        let pts: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| self.p(x, y)).collect();
        self.area.draw(&Polygon::new(pts, c.filled()))
    }

    /// A marker whose shape tells the kind: square, circle or diamond (areas roughly equal).
    pub(super) fn marker(
        &self,
        kind: EventKind,
        x: f64,
        y: f64,
        r: f64,
        c: RGBColor,
    ) -> DrawResult<DB> {
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
    pub(super) fn ring(
        &self,
        kind: EventKind,
        x: f64,
        y: f64,
        c: RGBColor,
        width: f64,
    ) -> DrawResult<DB> {
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
    pub(super) fn badge(&self, b: Rect, c: RGBColor) -> DrawResult<DB> {
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
    pub(super) fn text(
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
