//! Application state: the viewport, the selection, the hover, the details panel and the filter.
//!
//! The state changes only through [`AppState::update`] with an [`Action`], the plain value the web
//! layer makes out of a DOM event (pointer, wheel, key, button). `update` is pure: it reports in an
//! [`Outcome`] whether anything visible changed, so the page redraws only when it must. The
//! [`Layout`] is cached and recomputed only when the scale, the frame or the filter changed, or
//! when a new selection is not drawn with its whole title (then the layout is made again with
//! the selection pinned, placed first, so its title shows whole); never for a hover.

use crate::layout::{Frame, Item, Layout};
use crate::scale::TimeScale;

/// A pointer that moves less than this (CSS px) between down and up is a click or a tap.
pub const CLICK_SLOP: f64 = 5.0;
/// Zoom factor of one step of the zoom buttons or keys.
pub const ZOOM_STEP: f64 = 1.5;
/// Wheel zoom per pixel of scroll: `factor = exp(-delta_y * WHEEL_RATE)`, so equal scrolls up
/// and down cancel out exactly.
pub const WHEEL_RATE: f64 = 0.002;
/// Share of the plot width left empty before the first item when fitting.
const FIT_PAD_LEFT: f64 = 0.03;
/// Share of the plot width left empty after the last item when fitting (room for its label).
const FIT_PAD_RIGHT: f64 = 0.12;
/// Domain shown when there is nothing to fit: 1990-01-01 .. 2026-01-01.
const DEFAULT_DOMAIN: (f64, f64) = (7305.0, 20454.0);
/// Zooming out stops at this many times the span of all the data: beyond it the marks huddle in
/// the middle of empty decades.
pub const ZOOM_OUT_LIMIT: f64 = 3.0;
/// ... or at this span (ten years), for data that spans less.
const ZOOM_OUT_FLOOR_DAYS: f64 = 3652.425;

/// Something the user did, in CSS pixels relative to the canvas's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The canvas changed size or moved to a screen with another pixel ratio.
    Resize {
        width: f64,
        height: f64,
        dpr: f64,
    },
    /// Mouse button, pen or finger down.
    PointerDown {
        x: f64,
        y: f64,
    },
    /// Pointer moved: hovers, or pans while a pointer is down.
    PointerMove {
        x: f64,
        y: f64,
    },
    /// Pointer released: a click (or tap) when it barely moved since going down.
    PointerUp {
        x: f64,
        y: f64,
    },
    /// Pointer left the canvas (or the gesture was cancelled).
    PointerLeave,
    /// Wheel scroll at `x`; negative `delta_y` (px) zooms in.
    Wheel {
        x: f64,
        delta_y: f64,
    },
    /// Two-finger pinch centred at `x`; `factor` > 1 zooms in.
    Pinch {
        x: f64,
        factor: f64,
    },
    /// Move the content `dx` px to the right.
    Pan {
        dx: f64,
    },
    ZoomIn,
    ZoomOut,
    /// Show every visible item.
    Fit,
    /// Select the next visible item in date order.
    Next,
    /// Select the previous visible item in date order.
    Prev,
    First,
    Last,
    /// Select an item by index (`None` clears the selection and closes the details).
    Select(Option<usize>),
    /// Open the details of the selection (Enter).
    OpenDetails,
    /// Close the details (Esc).
    CloseDetails,
    /// Filter mask, one entry per item; a mask of the wrong length is ignored.
    SetVisible(Vec<bool>),
}

impl Action {
    /// Step `i` of the scripted pan and zoom that `make bench` times in the browser
    /// (`Timeline::bench`) and `core_perf` replays natively: pan right, zoom in at 40 % of the
    /// canvas's `width`, pan left, zoom out.
    pub fn bench_step(i: u32, width: f64) -> Action {
        match i % 4 {
            0 => Action::Pan { dx: 37.0 },
            1 => Action::Wheel {
                x: width * 0.4,
                delta_y: -120.0,
            },
            2 => Action::Pan { dx: -37.0 },
            _ => Action::Wheel {
                x: width * 0.4,
                delta_y: 120.0,
            },
        }
    }
}

/// What an action changed, so the caller does only the work needed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Something on the canvas changed: draw a frame.
    pub redraw: bool,
    /// The selected item changed: update the event list, the status line and the URL.
    pub selection_changed: bool,
    /// The details panel opened or closed.
    pub details_changed: bool,
}

/// A pointer that went down and has not come up yet.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drag {
    x0: f64,
    y0: f64,
    last_x: f64,
    /// Moved beyond [`CLICK_SLOP`]: it is a pan, not a click.
    panning: bool,
}

/// The whole state of the timeline view.
#[derive(Clone, Debug)]
pub struct AppState {
    items: Vec<Item>,
    scale: TimeScale,
    frame: Frame,
    selected: Option<usize>,
    hover: Option<usize>,
    details_open: bool,
    visible: Vec<bool>,
    drag: Option<Drag>,
    layout: Layout,
    /// The scale, filter and selection the cached layout was computed for.
    layout_scale: TimeScale,
    layout_visible: Vec<bool>,
    layout_selected: Option<usize>,
    layouts_computed: u64,
    /// The first and last day of all the items (unfiltered): zoom and pan stay near them.
    extent: (f64, f64),
}

impl AppState {
    /// A view of `items` on a canvas of `width` × `height` CSS px, fitted to all items. Items are
    /// sorted by start (stably), and every index in actions and results refers to that order.
    pub fn new(mut items: Vec<Item>, width: f64, height: f64, dpr: f64) -> Self {
        crate::order::sort_stably_by(&mut items, |i| i.start);
        let frame = Frame::new(width, height, dpr);
        let visible = vec![true; items.len()];
        let scale = fit_scale(&items, &visible, &frame);
        let layout = Layout::compute(&items, &visible, &scale, &frame);
        let extent = extent(&items, &visible);
        AppState {
            items,
            scale,
            frame,
            selected: None,
            hover: None,
            details_open: false,
            layout_visible: visible.clone(),
            visible,
            drag: None,
            layout,
            layout_scale: scale,
            layout_selected: None,
            layouts_computed: 1,
            extent,
        }
    }

    /// The items, sorted by start.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
    /// The current time scale (its domain is the visible span).
    pub fn scale(&self) -> &TimeScale {
        &self.scale
    }
    pub fn frame(&self) -> &Frame {
        &self.frame
    }
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }
    /// The id of the selected item.
    pub fn selected_id(&self) -> Option<&str> {
        self.selected
            .and_then(|i| self.items.get(i))
            .map(|it| it.id.as_str())
    }
    pub fn hover(&self) -> Option<usize> {
        self.hover
    }
    pub fn details_open(&self) -> bool {
        self.details_open
    }
    /// The filter mask, one entry per item.
    pub fn visible(&self) -> &[bool] {
        &self.visible
    }
    /// The layout of the current frame (cached).
    pub fn layout(&self) -> &Layout {
        &self.layout
    }
    /// The index of the item with this id (for deep links).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|it| it.id == id)
    }
    /// How many times the layout has been computed (to check the cache).
    pub fn layouts_computed(&self) -> u64 {
        self.layouts_computed
    }

    /// Applies one action and says what changed.
    pub fn update(&mut self, action: Action) -> Outcome {
        let before = (
            self.scale,
            self.frame,
            self.selected,
            self.hover,
            self.details_open,
        );
        match action {
            Action::Resize { width, height, dpr } => {
                self.frame = Frame::new(width, height, dpr).in_lang(self.frame.lang);
                self.scale
                    .set_range(self.frame.plot_left(), self.frame.plot_right());
            }
            Action::PointerDown { x, y } => {
                self.drag = Some(Drag {
                    x0: x,
                    y0: y,
                    last_x: x,
                    panning: false,
                });
            }
            Action::PointerMove { x, y } => match self.drag.as_mut() {
                Some(d) => {
                    if !d.panning && (x - d.x0).hypot(y - d.y0) >= CLICK_SLOP {
                        d.panning = true;
                    }
                    if d.panning {
                        let dx = x - d.last_x;
                        d.last_x = x;
                        self.scale.pan(dx);
                        self.hover = None;
                    }
                }
                None => self.hover = self.layout.hit(x, y),
            },
            Action::PointerUp { x, y } => {
                if let Some(d) = self.drag.take() {
                    if !d.panning && (x - d.x0).hypot(y - d.y0) < CLICK_SLOP {
                        // A click on empty space keeps the selection: a stray tap on a
                        // projector should not throw away what the class is looking at.
                        if let Some(i) = self.layout.hit(x, y) {
                            self.selected = Some(i);
                            self.details_open = true;
                        }
                    }
                }
            }
            Action::PointerLeave => {
                self.drag = None;
                self.hover = None;
            }
            Action::Wheel { x, delta_y } => {
                if delta_y != 0.0 {
                    self.zoom_at(x, (-delta_y * WHEEL_RATE).exp());
                }
            }
            Action::Pinch { x, factor } => self.zoom_at(x, factor),
            Action::Pan { dx } => self.scale.pan(dx),
            Action::ZoomIn => self.zoom_at(self.zoom_anchor(), ZOOM_STEP),
            Action::ZoomOut => self.zoom_at(self.zoom_anchor(), 1.0 / ZOOM_STEP),
            Action::Fit => self.scale = fit_scale(&self.items, &self.visible, &self.frame),
            Action::Next => {
                let next = match self.selected {
                    Some(i) => self.shown_from(i + 1),
                    None => {
                        self.shown_from(self.items.partition_point(|it| it.start < self.scale.d0))
                    }
                };
                self.select(next.or(self.selected));
            }
            Action::Prev => {
                let prev = match self.selected {
                    Some(i) => self.shown_before(i),
                    None => self
                        .shown_before(self.items.partition_point(|it| it.start <= self.scale.d1)),
                };
                self.select(prev.or(self.selected));
            }
            Action::First => self.select(self.shown_from(0).or(self.selected)),
            Action::Last => self.select(self.shown_before(self.items.len()).or(self.selected)),
            Action::Select(Some(i)) => {
                if self.is_shown(i) {
                    self.select(Some(i));
                }
            }
            Action::Select(None) => {
                self.selected = None;
                self.details_open = false;
            }
            Action::OpenDetails => self.details_open = self.selected.is_some(),
            Action::CloseDetails => self.details_open = false,
            Action::SetVisible(mask) => {
                if mask.len() == self.items.len() {
                    self.visible = mask;
                    if self.selected.is_some_and(|i| !self.visible[i]) {
                        self.selected = None;
                        self.details_open = false;
                    }
                    if self.hover.is_some_and(|i| !self.visible[i]) {
                        self.hover = None;
                    }
                }
            }
        }
        // Whatever moved the view (a drag, the wheel, a selection far along, a fit with
        // everything filtered out), it stays no wider than the limit and its middle on the data.
        if self.scale != before.0 {
            self.keep_in_limits();
        }

        let filter_changed = self.layout_visible != self.visible;
        let view_changed = self.scale != before.0 || self.frame != before.1 || filter_changed;
        // A new selection already drawn whole in an unpinned layout keeps it (nothing moves).
        let relayout_for_selection = self.selected != self.layout_selected
            && (self.layout.pinned.is_some()
                || self.selected.is_some_and(|s| !self.layout.is_whole(s)));
        if view_changed || relayout_for_selection {
            self.relayout();
            // What is under a resting pointer may have moved; the next move will tell.
            if self.drag.is_none() && before.3.is_some() && self.hover == before.3 {
                self.hover = None;
            }
        }
        self.layout_selected = self.selected;
        let selection_changed = self.selected != before.2;
        Outcome {
            redraw: view_changed || selection_changed || self.hover != before.3,
            selection_changed,
            details_changed: self.details_open != before.4,
        }
    }

    /// The same view with its axis labelled in `lang`. Lays out again only when that changes the
    /// labels: the page starts in English with one layout, not two.
    pub fn in_lang(mut self, lang: crate::lang::Lang) -> Self {
        if self.frame.lang != lang {
            self.frame = self.frame.in_lang(lang);
            self.relayout();
        }
        self
    }

    /// Lays out the view again; when the selection is not drawn whole, once more with it pinned.
    fn relayout(&mut self) {
        let (items, visible) = (&self.items, &self.visible);
        let base = Layout::compute(items, visible, &self.scale, &self.frame);
        self.layout = match self.selected.filter(|&s| !base.is_whole(s)) {
            Some(s) => Layout::compute_pinned(items, visible, &self.scale, &self.frame, Some(s)),
            None => base,
        };
        self.layout_scale = self.scale;
        self.layout_visible.clone_from(&self.visible);
        self.layout_selected = self.selected;
        self.layouts_computed += 1;
    }

    fn is_shown(&self, i: usize) -> bool {
        self.visible.get(i).copied().unwrap_or(false)
    }

    /// First shown item at or after index `i`.
    fn shown_from(&self, i: usize) -> Option<usize> {
        (i..self.items.len()).find(|&j| self.is_shown(j))
    }

    /// Last shown item before index `i`.
    fn shown_before(&self, i: usize) -> Option<usize> {
        (0..i.min(self.items.len()))
            .rev()
            .find(|&j| self.is_shown(j))
    }

    /// Selects `sel` and pans (same zoom) so that it is in view.
    fn select(&mut self, sel: Option<usize>) {
        self.selected = sel;
        let Some(it) = sel.and_then(|i| self.items.get(i)) else {
            return;
        };
        let (left, right) = (self.frame.plot_left(), self.frame.plot_right());
        let margin = 2.0 * self.frame.marker_r();
        let span = self.scale.span();
        if it.is_band() {
            let (x0, x1) = (self.scale.map(it.start), self.scale.map(it.end));
            if x1 <= left + margin || x0 >= right - margin {
                if it.end - it.start < span * 0.8 {
                    self.scale.center_on((it.start + it.end) / 2.0);
                } else {
                    self.scale.center_on(it.start + 0.4 * span);
                }
            }
        } else {
            let x = self.scale.map(it.start);
            if x < left + margin || x > right - margin {
                self.scale.center_on(it.start);
            }
        }
    }

    /// The widest span zooming out may reach: [`ZOOM_OUT_LIMIT`] times the span of all the data,
    /// at least ten years.
    pub fn max_span(&self) -> f64 {
        let (lo, hi) = self.extent;
        ((hi - lo) * ZOOM_OUT_LIMIT).clamp(ZOOM_OUT_FLOOR_DAYS, crate::scale::MAX_SPAN_DAYS)
    }

    /// Zooms by `factor` at `px`, out no further than [`max_span`](Self::max_span). The day
    /// under `px` stays there unless that would take the view's middle off the data
    /// ([`update`](Self::update) then pans it back: zooming at the right edge of a fitted view,
    /// beyond the last item, re-centres).
    fn zoom_at(&mut self, px: f64, factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        // A factor that would pass the widest span stops at it (and a view already wider, the
        // default domain a fit falls back to when a filter hides everything over short data,
        // pulls back to it).
        let factor = factor.max(self.scale.span() / self.max_span());
        self.scale.zoom_at(px, factor);
    }

    /// Narrows the view to [`max_span`](Self::max_span) about its middle if it is wider (a fit
    /// with every item filtered out falls back to a default domain), then pans it (same zoom)
    /// so that its middle is on the data: between the first and the last day of all the items.
    /// Zoomed in, every mark can still be reached; zoomed out, the view cannot be dragged away
    /// into empty decades.
    fn keep_in_limits(&mut self) {
        let max = self.max_span();
        if self.scale.span() > max {
            let mid = (self.scale.d0 + self.scale.d1) / 2.0;
            self.scale
                .zoom_at(self.scale.map(mid), self.scale.span() / max);
        }
        let (lo, hi) = self.extent;
        let mid = (self.scale.d0 + self.scale.d1) / 2.0;
        let to = mid.clamp(lo, hi);
        if to != mid {
            self.scale.center_on(to);
        }
    }

    /// Keyboard and button zoom keeps the selection still when it is in view, else the centre.
    fn zoom_anchor(&self) -> f64 {
        let (left, right) = (self.frame.plot_left(), self.frame.plot_right());
        self.selected
            .and_then(|i| self.items.get(i))
            .map(|it| self.scale.map(it.start))
            .filter(|x| (left..=right).contains(x))
            .unwrap_or((left + right) / 2.0)
    }
}

/// The first and last day of the shown items (a period's finite end counts), or
/// [`DEFAULT_DOMAIN`] when none is shown.
fn extent(items: &[Item], visible: &[bool]) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for (it, _) in items.iter().zip(visible).filter(|(_, &v)| v) {
        lo = lo.min(it.start);
        // A point item is drawn at its start; a period's finite end counts too.
        hi = hi.max(if it.is_band() && it.end.is_finite() {
            it.end
        } else {
            it.start
        });
    }
    if !(lo.is_finite() && hi.is_finite()) {
        (lo, hi) = DEFAULT_DOMAIN;
    }
    (lo, hi)
}

/// A scale showing every shown item, with room after the last one for its label.
fn fit_scale(items: &[Item], visible: &[bool], frame: &Frame) -> TimeScale {
    let (left, right) = (frame.plot_left(), frame.plot_right());
    let (lo, hi) = extent(items, visible);
    // Solve for the domain that puts `lo` at FIT_PAD_LEFT and `hi` at 1 - FIT_PAD_RIGHT.
    let inner = 1.0 - FIT_PAD_LEFT - FIT_PAD_RIGHT;
    let span = (hi - lo).max(1.0) / inner;
    let d0 = lo - FIT_PAD_LEFT * span;
    let s = TimeScale::fit(d0, d0 + span, 0.0, left, right);
    if (s.span() - span).abs() > 1e-9 {
        // Clamped (a single item, or centuries): centre what there is instead.
        TimeScale::fit(lo, hi, 0.0, left, right)
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Precision};

    fn item(id: &str, start: f64, kind: EventKind) -> Item {
        let end = if kind == EventKind::Period {
            start + 1500.0
        } else {
            start + 1.0
        };
        Item::new(
            id.into(),
            format!("Item {id}"),
            kind,
            (start, end),
            Precision::Day,
            false,
        )
    }

    /// Ten events, a year apart from 1994.
    fn ten_items() -> Vec<Item> {
        (0..10)
            .map(|k| {
                item(
                    &format!("i{k}"),
                    8766.0 + 365.0 * k as f64,
                    EventKind::Event,
                )
            })
            .collect()
    }

    /// Ten items, a year apart from 1994, the first a period.
    fn state() -> AppState {
        let mut items = ten_items();
        items[0].kind = EventKind::Period;
        items[0].end = 10592.0;
        AppState::new(items, 1280.0, 320.0, 1.0)
    }

    fn marker(s: &AppState, i: usize) -> (f64, f64) {
        let p = s.layout().placed_of(i).expect("placed");
        (p.x, p.y)
    }

    #[test]
    fn starts_fitted_and_sorted() {
        let s = AppState::new(
            vec![
                item("b", 500.0, EventKind::Event),
                item("a", 100.0, EventKind::Report),
            ],
            800.0,
            300.0,
            1.0,
        );
        assert_eq!(s.items()[0].id, "a");
        assert!(s.scale().d0 < 100.0 && s.scale().d1 > 500.0);
        assert_eq!(s.layout().placed.len(), 2);
        assert_eq!(s.selected(), None);
        let empty = AppState::new(Vec::new(), 800.0, 300.0, 1.0);
        assert!(empty.scale().span() > 3650.0);
    }

    #[test]
    fn resize_keeps_the_domain_and_relayouts() {
        let mut s = state();
        let (d0, d1) = (s.scale().d0, s.scale().d1);
        let o = s.update(Action::Resize {
            width: 390.0,
            height: 260.0,
            dpr: 2.0,
        });
        assert!(o.redraw);
        assert_eq!((s.scale().d0, s.scale().d1), (d0, d1));
        assert_eq!(s.scale().x1, s.frame().plot_right());
        assert_eq!(s.layout().frame, *s.frame());
        let o = s.update(Action::Resize {
            width: 390.0,
            height: 260.0,
            dpr: 2.0,
        });
        assert!(!o.redraw);
    }

    #[test]
    fn click_selects_and_opens_details() {
        let mut s = state();
        let (x, y) = marker(&s, 3);
        assert_eq!(s.update(Action::PointerDown { x, y }), Outcome::default());
        let o = s.update(Action::PointerUp {
            x: x + 2.0,
            y: y + 2.0,
        });
        assert_eq!(
            o,
            Outcome {
                redraw: true,
                selection_changed: true,
                details_changed: true
            }
        );
        assert_eq!(s.selected(), Some(3));
        assert_eq!(s.selected_id(), Some("i3"));
        assert!(s.details_open());
        // A click on empty space keeps the selection.
        s.update(Action::PointerDown { x: 5.0, y: 200.0 });
        let o = s.update(Action::PointerUp { x: 5.0, y: 200.0 });
        assert!(!o.selection_changed);
        assert_eq!(s.selected(), Some(3));
    }

    #[test]
    fn click_on_a_band_selects_the_period() {
        let mut s = state();
        let b = s.layout().band_of(0).expect("band").rect;
        let (x, y) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
        s.update(Action::PointerDown { x, y });
        s.update(Action::PointerUp { x, y });
        assert_eq!(s.selected(), Some(0));
    }

    #[test]
    fn drag_pans_and_is_not_a_click() {
        let mut s = state();
        let (x, y) = marker(&s, 3);
        let day = s.scale().invert(x);
        s.update(Action::PointerDown { x, y });
        let o = s.update(Action::PointerMove { x: x + 3.0, y });
        assert!(!o.redraw, "below the click slop nothing moves yet");
        let o = s.update(Action::PointerMove { x: x + 40.0, y });
        assert!(o.redraw);
        assert!((s.scale().map(day) - (x + 40.0)).abs() < 1e-6);
        s.update(Action::PointerMove { x: x + 4.0, y });
        let o = s.update(Action::PointerUp { x: x + 4.0, y });
        assert!(!o.selection_changed);
        assert_eq!(s.selected(), None);
        assert!((s.scale().map(day) - (x + 4.0)).abs() < 1e-6);
    }

    #[test]
    fn a_language_lays_out_again_only_when_it_changes_the_labels() {
        let s = state().in_lang(crate::lang::Lang::En);
        assert_eq!(s.layouts_computed(), 1);
        let ko = s.in_lang(crate::lang::Lang::Ko);
        assert_eq!(ko.layouts_computed(), 2);
        assert_eq!(ko.frame().lang, crate::lang::Lang::Ko);
    }

    #[test]
    fn hover_redraws_only_when_it_changes_and_keeps_the_layout() {
        let mut s = state();
        let n = s.layouts_computed();
        let (x, y) = marker(&s, 2);
        let o = s.update(Action::PointerMove { x, y });
        assert!(o.redraw);
        assert_eq!(s.hover(), Some(2));
        let o = s.update(Action::PointerMove { x: x + 1.0, y });
        assert!(!o.redraw);
        let o = s.update(Action::PointerMove { x: 3.0, y: 3.0 });
        assert!(o.redraw);
        assert_eq!(s.hover(), None);
        s.update(Action::PointerMove { x, y });
        let o = s.update(Action::PointerLeave);
        assert!(o.redraw);
        assert_eq!(s.hover(), None);
        assert_eq!(s.layouts_computed(), n);
    }

    #[test]
    fn wheel_and_pinch_zoom_at_the_pointer() {
        let mut s = state();
        let x = 500.0;
        let day = s.scale().invert(x);
        let span = s.scale().span();
        let o = s.update(Action::Wheel { x, delta_y: -100.0 });
        assert!(o.redraw);
        assert!((s.scale().span() - span * (-0.2f64).exp()).abs() < 1e-6);
        assert!((s.scale().invert(x) - day).abs() < 1e-6);
        s.update(Action::Wheel { x, delta_y: 100.0 });
        assert!((s.scale().span() - span).abs() < 1e-6);
        assert!(!s.update(Action::Wheel { x, delta_y: 0.0 }).redraw);
        s.update(Action::Pinch { x, factor: 2.0 });
        assert!((s.scale().span() - span / 2.0).abs() < 1e-6);
        assert!((s.scale().invert(x) - day).abs() < 1e-6);
    }

    #[test]
    fn zooming_out_stops_at_three_times_the_data() {
        let mut s = state();
        // The items run from 8766 to the last start, 12051 (the period ends before it, at
        // 10592): 3285 days.
        assert!((s.max_span() - 3.0 * 3285.0).abs() < 1e-9);
        assert!(
            s.scale().span() < s.max_span(),
            "the fitted view is inside the limit"
        );
        for _ in 0..40 {
            s.update(Action::ZoomOut);
        }
        assert!(
            (s.scale().span() - s.max_span()).abs() < 1e-6,
            "{}",
            s.scale().span()
        );
        // The wheel and a pinch stop there too; zooming in still works from there.
        s.update(Action::Wheel {
            x: 300.0,
            delta_y: 5000.0,
        });
        s.update(Action::Pinch {
            x: 300.0,
            factor: 0.01,
        });
        assert!((s.scale().span() - s.max_span()).abs() < 1e-6);
        s.update(Action::ZoomIn);
        assert!((s.scale().span() - s.max_span() / ZOOM_STEP).abs() < 1e-6);
        // Short data still zooms out to ten years.
        let one = AppState::new(
            vec![item("a", 9000.0, EventKind::Event)],
            1280.0,
            320.0,
            1.0,
        );
        assert!((one.max_span() - ZOOM_OUT_FLOOR_DAYS).abs() < 1e-9);
    }

    #[test]
    fn zooming_out_keeps_the_day_under_the_pointer_until_the_limit() {
        let mut s = state();
        // At the middle of the data, the view's middle never leaves it: only the limit stops
        // the day under the pointer from staying.
        let x = s.scale().map((8766.0 + 12051.0) / 2.0);
        let day = s.scale().invert(x);
        let mut steps = 0;
        while s.scale().span() < s.max_span() - 1e-6 {
            s.update(Action::Wheel { x, delta_y: 100.0 });
            assert!((s.scale().invert(x) - day).abs() < 1e-6, "step {steps}");
            steps += 1;
            assert!(steps < 100, "the limit was never reached");
        }
        assert!(steps > 3, "{steps}");
        assert!((s.scale().span() - s.max_span()).abs() < 1e-6);
        s.update(Action::Wheel { x, delta_y: 100.0 });
        assert!((s.scale().span() - s.max_span()).abs() < 1e-6);
        assert!((s.scale().invert(x) - day).abs() < 1e-6);
    }

    /// Selecting an ongoing period from a view zoomed in on the first items: the view moves to
    /// the period but its middle stays on the data, and a drag of one pixel then moves it one
    /// pixel's worth, not years.
    #[test]
    fn selecting_an_ongoing_period_keeps_the_view_on_the_data() {
        let mut items = ten_items();
        let mut ongoing = item("ongoing", 12100.0, EventKind::Period);
        ongoing.end = f64::INFINITY;
        items.push(ongoing);
        let mut s = AppState::new(items, 1280.0, 320.0, 1.0);
        for _ in 0..3 {
            s.update(Action::ZoomIn);
        }
        s.update(Action::First);
        let hi = 12100.0;
        s.update(Action::Last);
        assert_eq!(s.selected_id(), Some("ongoing"));
        let mid = |s: &AppState| (s.scale().d0 + s.scale().d1) / 2.0;
        assert!(mid(&s) <= hi + 1e-6, "middle {} past the data", mid(&s));
        assert!(
            s.scale().d0 < 12100.0 && 12100.0 < s.scale().d1,
            "the period's start in view"
        );
        // Back towards the data (later is refused: the middle is at the last day).
        let (d0, ppd) = (s.scale().d0, s.scale().px_per_day());
        s.update(Action::Pan { dx: 1.0 });
        assert!(
            ((d0 - s.scale().d0) * ppd - 1.0).abs() < 1e-6,
            "moved {} px",
            (d0 - s.scale().d0) * ppd
        );
        // A fit with every item filtered out falls back to a wide default: held to the limit.
        s.update(Action::SetVisible(vec![false; s.items().len()]));
        s.update(Action::Fit);
        assert!(
            s.scale().span() <= s.max_span() * (1.0 + 1e-9),
            "{} > {}",
            s.scale().span(),
            s.max_span()
        );
    }

    #[test]
    fn panning_keeps_the_middle_of_the_view_on_the_data() {
        let mut s = state();
        let mid = |s: &AppState| (s.scale().d0 + s.scale().d1) / 2.0;
        s.update(Action::Pan { dx: 1e7 });
        assert!((mid(&s) - 8766.0).abs() < 1e-6, "{}", mid(&s));
        s.update(Action::Pan { dx: -1e7 });
        assert!((mid(&s) - 12051.0).abs() < 1e-6, "{}", mid(&s));
        // A drag, zoomed in: it stops at the first item too, and the first item is in view.
        s.update(Action::ZoomIn);
        s.update(Action::ZoomIn);
        s.update(Action::PointerDown { x: 100.0, y: 100.0 });
        for k in 1..200 {
            s.update(Action::PointerMove {
                x: 100.0 + 50.0 * k as f64,
                y: 100.0,
            });
        }
        s.update(Action::PointerUp {
            x: 10_000.0,
            y: 100.0,
        });
        assert!((mid(&s) - 8766.0).abs() < 1e-6);
        assert!(s.scale().d0 < 8766.0 && 8766.0 < s.scale().d1);
    }

    /// Whatever the reader does with the wheel, a pinch, the buttons, drags, the keys that
    /// select, a fit, a filter and a resize, over data that ends with an ongoing period, the view
    /// stays no wider than the limit and its middle stays on the data.
    #[test]
    fn no_sequence_of_zooms_and_pans_leaves_the_data() {
        let mut seed = 7u64;
        let mut rnd = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut items: Vec<Item> = state().items().to_vec();
        let mut ongoing = item("ongoing", 12051.0, EventKind::Period);
        ongoing.end = f64::INFINITY;
        items.push(ongoing);
        let n = items.len();
        let mut s = AppState::new(items, 1280.0, 320.0, 1.0);
        let (lo, hi) = (8766.0, 12051.0);
        for _ in 0..2000 {
            let x = rnd() * 1280.0;
            let a = match (rnd() * 14.0) as u32 {
                0 => Action::Wheel {
                    x,
                    delta_y: (rnd() - 0.5) * 4000.0,
                },
                1 => Action::Pinch {
                    x,
                    factor: (rnd() * 6.0 - 3.0).exp(),
                },
                2 => Action::Pan {
                    dx: (rnd() - 0.5) * 1e5,
                },
                3 => Action::ZoomOut,
                4 => Action::ZoomIn,
                5 => Action::Next,
                6 => Action::Prev,
                7 => Action::First,
                8 => Action::Last,
                9 => Action::Select(Some((rnd() * n as f64) as usize)),
                10 => Action::Fit,
                11 => Action::SetVisible((0..n).map(|_| rnd() < 0.5).collect()),
                12 => Action::Resize {
                    width: 320.0 + rnd() * 1600.0,
                    height: 200.0 + rnd() * 800.0,
                    dpr: 1.0 + rnd() * 2.0,
                },
                _ => Action::PointerMove { x, y: 100.0 },
            };
            if rnd() < 0.05 {
                s.update(Action::PointerDown { x, y: 100.0 });
            } else if rnd() < 0.05 {
                s.update(Action::PointerUp { x, y: 100.0 });
            }
            s.update(a.clone());
            let sc = s.scale();
            assert!(
                sc.span() <= s.max_span() * (1.0 + 1e-9),
                "{a:?}: span {}",
                sc.span()
            );
            let mid = (sc.d0 + sc.d1) / 2.0;
            assert!(
                (lo - 1e-6..=hi + 1e-6).contains(&mid),
                "{a:?}: middle {mid}"
            );
        }
    }

    #[test]
    fn pan_zoom_buttons_and_fit() {
        let mut s = state();
        let fitted = *s.scale();
        let o = s.update(Action::Pan { dx: 100.0 });
        assert!(o.redraw && !o.selection_changed);
        assert!((s.scale().d0 - (fitted.d0 - 100.0 / fitted.px_per_day())).abs() < 1e-6);
        s.update(Action::ZoomIn);
        assert!((s.scale().span() - fitted.span() / ZOOM_STEP).abs() < 1e-6);
        s.update(Action::ZoomOut);
        s.update(Action::ZoomOut);
        assert!((s.scale().span() - fitted.span() * ZOOM_STEP).abs() < 1e-6);
        let o = s.update(Action::Fit);
        assert!(o.redraw);
        assert_eq!(*s.scale(), fitted);
        assert!(!s.update(Action::Fit).redraw);
    }

    #[test]
    fn zoom_keeps_a_selection_in_view_still() {
        let mut s = state();
        s.update(Action::Select(Some(6)));
        let x = s.scale().map(s.items()[6].start);
        s.update(Action::ZoomIn);
        assert!((s.scale().map(s.items()[6].start) - x).abs() < 1e-6);
    }

    #[test]
    fn next_prev_first_last_walk_the_visible_items_in_order() {
        let mut s = state();
        let o = s.update(Action::Next);
        assert!(o.selection_changed && o.redraw);
        assert_eq!(s.selected(), Some(0));
        s.update(Action::Next);
        assert_eq!(s.selected(), Some(1));
        s.update(Action::Prev);
        assert_eq!(s.selected(), Some(0));
        let o = s.update(Action::Prev);
        assert!(!o.selection_changed, "stays on the first");
        s.update(Action::Last);
        assert_eq!(s.selected(), Some(9));
        assert!(!s.update(Action::Next).selection_changed);
        s.update(Action::First);
        assert_eq!(s.selected(), Some(0));
        let mut mask = vec![true; 10];
        mask[1] = false;
        mask[2] = false;
        s.update(Action::SetVisible(mask));
        s.update(Action::Next);
        assert_eq!(s.selected(), Some(3));
        s.update(Action::Prev);
        assert_eq!(s.selected(), Some(0));
    }

    #[test]
    fn prev_without_selection_starts_from_the_view() {
        let mut s = state();
        s.update(Action::Prev);
        assert_eq!(s.selected(), Some(9));
    }

    #[test]
    fn navigation_pans_to_off_screen_items_without_zooming() {
        let mut s = state();
        for _ in 0..6 {
            s.update(Action::ZoomIn);
        }
        s.update(Action::First);
        let span = s.scale().span();
        let o = s.update(Action::Last);
        assert!(o.redraw);
        assert!((s.scale().span() - span).abs() < 1e-6);
        let x = s.scale().map(s.items()[9].start);
        let (l, r) = (s.frame().plot_left(), s.frame().plot_right());
        assert!((x - (l + r) / 2.0).abs() < 1e-6, "centred");
        // Already in view: no pan.
        let d0 = s.scale().d0;
        s.update(Action::Select(Some(9)));
        assert_eq!(s.scale().d0, d0);
    }

    #[test]
    fn select_open_close_details() {
        let mut s = state();
        assert_eq!(s.update(Action::OpenDetails), Outcome::default());
        let o = s.update(Action::Select(Some(4)));
        assert!(o.selection_changed && !o.details_changed);
        let o = s.update(Action::OpenDetails);
        assert_eq!(
            o,
            Outcome {
                redraw: false,
                selection_changed: false,
                details_changed: true
            }
        );
        assert!(s.details_open());
        let o = s.update(Action::CloseDetails);
        assert!(o.details_changed && !s.details_open());
        assert_eq!(s.update(Action::CloseDetails), Outcome::default());
        s.update(Action::OpenDetails);
        let o = s.update(Action::Select(None));
        assert!(o.selection_changed && o.details_changed);
        assert_eq!(s.update(Action::Select(Some(99))), Outcome::default());
    }

    #[test]
    fn filter_hides_items_and_drops_a_hidden_selection() {
        let mut s = state();
        s.update(Action::Select(Some(4)));
        s.update(Action::OpenDetails);
        let n = s.layouts_computed();
        let mask: Vec<bool> = (0..10).map(|k| k != 4).collect();
        let o = s.update(Action::SetVisible(mask.clone()));
        assert!(o.redraw && o.selection_changed && o.details_changed);
        assert_eq!(s.selected(), None);
        assert_eq!(s.layouts_computed(), n + 1);
        assert!(s.layout().placed_of(4).is_none());
        assert!(!s.update(Action::SetVisible(mask)).redraw);
        assert!(!s.update(Action::SetVisible(vec![true])).redraw);
        assert_eq!(s.update(Action::Select(Some(4))), Outcome::default());
        s.update(Action::SetVisible(vec![false; 10]));
        assert!(!s.update(Action::Fit).selection_changed);
    }

    #[test]
    fn index_of_finds_ids() {
        let s = state();
        assert_eq!(s.index_of("i7"), Some(7));
        assert_eq!(s.index_of("nope"), None);
    }
}
