//! The canvas backend the page draws with: plotters-canvas's [`CanvasBackend`], with the shapes
//! drawn here so that the context's colours and line width are sent only when they change.
//!
//! plotters-canvas formats every shape's colour as an `rgba(…)` string in Rust, hands it to
//! JavaScript (which decodes it) and sets it on the context, with the line width, on every call:
//! at 10,000 events that was a quarter of a redraw's time (CPU profile of the bench's pan/zoom).
//! Here each colour's string is made once per frame and set only when it differs from the last;
//! the shapes are drawn with the same calls and coordinates as plotters-canvas draws them
//! (horizontal and vertical lines half a pixel over, as it does, to keep them sharp). Text, and
//! anything else, is left to plotters-canvas.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A drawing error, with the browser's or plotters-canvas's words.
#[derive(Debug)]
pub struct CanvasError(String);

impl fmt::Display for CanvasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "canvas: {}", self.0)
    }
}

impl std::error::Error for CanvasError {}

type Result = std::result::Result<(), DrawingErrorKind<CanvasError>>;

fn same(a: BackendColor, b: BackendColor) -> bool {
    a.rgb == b.rgb && a.alpha == b.alpha
}

/// The colours and line width the context has now; `None` where that is not known (at the
/// start, and after plotters-canvas has drawn).
#[derive(Default)]
struct Sent {
    fill: Option<BackendColor>,
    stroke: Option<BackendColor>,
    width: Option<u32>,
}

/// Draws on a canvas; see the module's notes.
pub struct Canvas2d {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    sent: Sent,
    /// Colours met in this frame, with their CSS strings.
    colors: Vec<(BackendColor, JsValue)>,
}

impl Canvas2d {
    /// The backend for `canvas`, cleared: Chromium drops the commands it holds for earlier
    /// frames on a clearRect of the whole canvas (not on the opaque fill each frame starts
    /// with), so frames drawn without a turn for the browser between them do not pile up to be
    /// rasterised together.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Canvas2d> {
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        ctx.clear_rect(0.0, 0.0, canvas.width().into(), canvas.height().into());
        Some(Canvas2d {
            inner,
            ctx,
            sent: Sent::default(),
            colors: Vec::new(),
        })
    }

    fn css(&mut self, c: BackendColor) -> JsValue {
        if let Some((_, s)) = self.colors.iter().find(|(k, _)| same(*k, c)) {
            return s.clone();
        }
        let (r, g, b) = c.rgb;
        // As plotters-canvas writes it.
        let s = JsValue::from_str(&format!("rgba({r},{g},{b},{})", c.alpha));
        self.colors.push((c, s.clone()));
        s
    }

    // The setters that take the string already in JavaScript; the typed ones take a `&str`,
    // which would be copied over on every call.
    #[allow(deprecated)]
    fn fill_style(&mut self, c: BackendColor) {
        if !self.sent.fill.is_some_and(|f| same(f, c)) {
            let s = self.css(c);
            self.ctx.set_fill_style(&s);
            self.sent.fill = Some(c);
        }
    }

    #[allow(deprecated)]
    fn line_style<S: BackendStyle>(&mut self, style: &S) {
        let c = style.color();
        if !self.sent.stroke.is_some_and(|f| same(f, c)) {
            let s = self.css(c);
            self.ctx.set_stroke_style(&s);
            self.sent.stroke = Some(c);
        }
        let w = style.stroke_width();
        if self.sent.width != Some(w) {
            self.ctx.set_line_width(f64::from(w));
            self.sent.width = Some(w);
        }
    }

    /// Sets what a shape is painted with, its fill or its line; false when it is transparent
    /// (then nothing is drawn, as plotters-canvas does).
    fn paint_with<S: BackendStyle>(&mut self, style: &S, fill: bool) -> bool {
        if style.color().alpha == 0.0 {
            return false;
        }
        if fill {
            self.fill_style(style.color());
        } else {
            self.line_style(style);
        }
        true
    }

    /// Draws with plotters-canvas, which sets its own styles.
    fn delegate(
        &mut self,
        f: impl FnOnce(
            &mut CanvasBackend,
        ) -> std::result::Result<
            (),
            DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>,
        >,
    ) -> Result {
        self.sent = Sent::default();
        f(&mut self.inner).map_err(|e| match e {
            DrawingErrorKind::DrawingError(e) => {
                DrawingErrorKind::DrawingError(CanvasError(e.to_string()))
            }
            DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
        })
    }

    fn trace(&self, mut points: impl Iterator<Item = BackendCoord>) -> bool {
        let Some(first) = points.next() else {
            return false;
        };
        self.ctx.move_to(f64::from(first.0), f64::from(first.1));
        for p in points {
            self.ctx.line_to(f64::from(p.0), f64::from(p.1));
        }
        true
    }
}

/// Horizontal and vertical lines half a pixel over, as plotters-canvas draws them.
fn sharp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if a.0 == b.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if a.1 == b.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl DrawingBackend for Canvas2d {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.delegate(|b| b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        if !self.paint_with(style, false) {
            return Ok(());
        }
        let (a, b) = sharp(from, to);
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        if !self.paint_with(style, fill) {
            return Ok(());
        }
        let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
        let w = f64::from(bottom_right.0 - upper_left.0);
        let h = f64::from(bottom_right.1 - upper_left.1);
        if fill {
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        if !self.paint_with(style, false) {
            return Ok(());
        }
        self.ctx.begin_path();
        self.trace(path.into_iter());
        self.ctx.stroke();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        if !self.paint_with(style, true) {
            return Ok(());
        }
        self.ctx.begin_path();
        if self.trace(vert.into_iter()) {
            self.ctx.close_path();
        }
        self.ctx.fill();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        if !self.paint_with(style, fill) {
            return Ok(());
        }
        self.ctx.begin_path();
        self.ctx
            .arc(
                f64::from(center.0),
                f64::from(center.1),
                f64::from(radius),
                0.0,
                std::f64::consts::TAU,
            )
            .map_err(|e| DrawingErrorKind::DrawingError(CanvasError(format!("{e:?}"))))?;
        if fill {
            self.ctx.fill();
        } else {
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result {
        self.delegate(|b| b.draw_text(text, style, pos))
    }
}
