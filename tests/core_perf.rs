//! Native timing of layout and drawing for 10,000 synthetic events (ignored by default):
//! `cargo test --release core_perf -- --ignored --nocapture`.
//!
//! The browser budget is 8 ms p95 per redraw; native numbers are a floor for it, and show whether
//! cost follows what is visible (it should not grow with the number of events in view). A second
//! case times the few-events views (12 and 40 items), where the layout searches hardest for
//! whole titles.

use nk_timeline::build::export::{to_png, to_svg};
use nk_timeline::layout::{synthetic_items, Layout};
use nk_timeline::render::{draw, Theme};
use nk_timeline::state::{Action, AppState};
use plotters::prelude::*;
use std::time::{Duration, Instant};

fn p(v: &mut [Duration], q: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * q).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

#[test]
#[ignore]
fn core_perf_10k() {
    let items = synthetic_items(10_000, 1);
    let theme = Theme::light();
    for (w, h) in [(1280.0, 320.0), (1920.0, 360.0)] {
        let mut state = AppState::new(items.clone(), w, h, 1.0);
        // Exporting once registers the bundled font, which raster text below needs.
        let png = to_png(&state, &theme).expect("png");
        if std::env::var_os("PREVIEW_PNG").is_some() {
            let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/preview");
            std::fs::create_dir_all(&dir).expect("preview dir");
            std::fs::write(dir.join(format!("synthetic-10k-{w}x{h}.png")), png).expect("write");
        }
        // A mix of views: fitted, zoomed in step by step, panned.
        let mut actions = vec![Action::Fit];
        actions.extend((0..8).map(|_| Action::ZoomIn));
        actions.extend((0..10).map(|_| Action::Pan { dx: -150.0 }));
        actions.push(Action::Fit);
        let (mut lay, mut svg, mut raster, mut upd) = (vec![], vec![], vec![], vec![]);
        let mut worst: Vec<(Duration, usize)> = vec![];
        let (dw, dh) = state.frame().device_size();
        let mut buf = vec![0u8; (dw * dh * 3) as usize];
        for round in 0..5 {
            for a in &actions {
                let t = Instant::now();
                state.update(a.clone());
                upd.push(t.elapsed());

                let t = Instant::now();
                let l =
                    Layout::compute(state.items(), state.visible(), state.scale(), state.frame());
                lay.push(t.elapsed());
                worst.push((t.elapsed(), l.placed.len() + l.thinned));
                assert!(l.placed.len() < 2_000, "layout is bounded by the frame");

                let t = Instant::now();
                let s = to_svg(&state, &theme).expect("svg");
                svg.push(t.elapsed());
                assert!(s.len() > 1000);

                if round == 0 {
                    // Raster drawing, the closest native stand-in for the canvas.
                    let t = Instant::now();
                    {
                        let root =
                            BitMapBackend::with_buffer(&mut buf, (dw, dh)).into_drawing_area();
                        draw(&root, &state, &theme).expect("raster draw");
                    }
                    raster.push(t.elapsed());
                }
            }
        }
        println!(
            "{w}x{h}, 10,000 items: update (incl. cached relayout) p50 {:.2} ms p95 {:.2} ms | layout p50 {:.2} ms p95 {:.2} ms | svg render p50 {:.2} ms p95 {:.2} ms | raster draw p50 {:.2} ms p95 {:.2} ms",
            p(&mut upd, 0.5),
            p(&mut upd, 0.95),
            p(&mut lay, 0.5),
            p(&mut lay, 0.95),
            p(&mut svg, 0.5),
            p(&mut svg, 0.95),
            p(&mut raster, 0.5),
            p(&mut raster, 0.95),
        );
        worst.sort();
        let slow: Vec<String> = worst
            .iter()
            .rev()
            .take(3)
            .map(|(d, n)| format!("{:.2} ms with {n} items in view", d.as_secs_f64() * 1000.0))
            .collect();
        println!("  slowest layouts: {}", slow.join(", "));
    }
}

#[test]
#[ignore]
fn core_perf_few_events() {
    for n in [12, 40] {
        let items = synthetic_items(n, 5);
        for (w, h) in [(1246.0, 336.0), (1822.0, 259.0), (390.0, 260.0)] {
            let mut state = AppState::new(items.clone(), w, h, 1.0);
            let mut actions = vec![Action::Fit];
            actions.extend((0..6).map(|_| Action::ZoomIn));
            actions.extend((0..10).map(|_| Action::Pan { dx: -90.0 }));
            actions.extend((0..n).map(|_| Action::Next));
            let mut lay = vec![];
            for a in &actions {
                state.update(a.clone());
                let t = Instant::now();
                let l = Layout::compute_pinned(
                    state.items(),
                    state.visible(),
                    state.scale(),
                    state.frame(),
                    state.selected(),
                );
                lay.push(t.elapsed());
                assert!(l.placed.len() <= n);
            }
            println!(
                "{n} items at {w}x{h}: layout (pinned) p50 {:.2} ms p95 {:.2} ms max {:.2} ms",
                p(&mut lay, 0.5),
                p(&mut lay, 0.95),
                p(&mut lay, 1.0),
            );
        }
    }
}

/// The least time of many runs of the fitted 10,000-item layout: steadier than percentiles on a
/// busy machine.
#[test]
#[ignore]
fn core_perf_fitted_min() {
    let items = synthetic_items(10_000, 1);
    for (w, h, zoom) in [
        (1280.0, 320.0, 0),
        (1280.0, 320.0, 6),
        (1280.0, 320.0, 8),
        (1280.0, 320.0, 10),
        (1280.0, 320.0, 12),
        (1920.0, 360.0, 0),
    ] {
        let mut state = AppState::new(items.clone(), w, h, 1.0);
        for _ in 0..zoom {
            state.update(Action::ZoomIn);
        }
        let mut best = Duration::MAX;
        let mut n = 0;
        for _ in 0..30 {
            let t = Instant::now();
            let l = Layout::compute(state.items(), state.visible(), state.scale(), state.frame());
            best = best.min(t.elapsed());
            n = l.placed.len() + l.thinned;
        }
        println!(
            "{w}x{h} zoom {zoom}: {n} in view, layout min {:.2} ms",
            best.as_secs_f64() * 1000.0
        );
    }
}

/// The browser bench's script (`Timeline::bench` in src/web/mod.rs: pan 37 px, wheel in, pan
/// back, wheel out, from the fitted view) at the canvas sizes the bench's pages give (1280×800
/// and 1920×1080 windows), timing the update (with its relayout) and a raster draw apart.
#[test]
#[ignore]
fn core_perf_bench_script() {
    let items = synthetic_items(10_000, 1);
    let theme = Theme::light();
    for (w, h) in [(1246.0, 336.0), (1406.0, 453.6)] {
        let mut state = AppState::new(items.clone(), w, h, 1.0);
        to_png(&state, &theme).expect("png");
        let (dw, dh) = state.frame().device_size();
        let mut buf = vec![0u8; (dw * dh * 3) as usize];
        let (mut upd, mut raster) = (vec![], vec![]);
        let mut placed = 0;
        for i in 0..400 {
            let action = Action::bench_step(i, w);
            let t = Instant::now();
            state.update(action);
            upd.push(t.elapsed());
            placed = placed.max(state.layout().placed.len());
            let t = Instant::now();
            {
                let root = BitMapBackend::with_buffer(&mut buf, (dw, dh)).into_drawing_area();
                draw(&root, &state, &theme).expect("raster draw");
            }
            raster.push(t.elapsed());
        }
        println!(
            "bench script at {w}x{h}: update p50 {:.2} ms p95 {:.2} ms | raster draw p50 {:.2} ms p95 {:.2} ms | up to {placed} placed",
            p(&mut upd, 0.5),
            p(&mut upd, 0.95),
            p(&mut raster, 0.5),
            p(&mut raster, 0.95),
        );
    }
}
