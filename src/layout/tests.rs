//! The layout's tests: type sizes, wrapping, culling and the filter mask, lanes, sides, pinning,
//! the disagreement cue, bands, hit testing, the rug's bound, synthetic items, and the property
//! that nothing overlaps at any zoom or size.

use super::*;

fn point(id: &str, start: f64, chars: usize) -> Item {
    titled(id, start, &"x".repeat(chars))
}

fn titled(id: &str, start: f64, label: &str) -> Item {
    Item::new(
        id.into(),
        label.into(),
        EventKind::Event,
        (start, start + 1.0),
        Precision::Day,
        false,
    )
}

#[test]
fn frame_fonts_are_readable() {
    assert!(Frame::new(1920.0, 1080.0, 1.0).label_px() >= 22.0);
    assert!(Frame::new(1920.0, 400.0, 1.0).tick_px() >= 18.0);
    let phone = Frame::new(390.0, 260.0, 3.0);
    assert_eq!(phone.label_px(), 14.0);
    assert!(phone.lane_count() >= 5);
    assert!(phone.axis_y() + phone.tick_px() < phone.height);
    assert_eq!(phone.px(10.0), 30.0);
    assert_eq!(phone.device_size(), (1170, 780));
    let bad = Frame::new(f64::NAN, 0.0, -1.0);
    assert_eq!((bad.width, bad.height, bad.dpr), (1.0, 1.0, 0.5));
    // The type grows with the frame, never past 24 px.
    let sizes: Vec<f64> = [390.0, 800.0, 1280.0, 1920.0, 3840.0]
        .iter()
        .map(|&w| Frame::new(w, 1000.0, 1.0).label_px())
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
    assert_eq!(sizes[4], 24.0);
}

#[test]
fn wrapping_balances_lines_and_keeps_words() {
    let t = "Commission of Inquiry presents its findings to the UN Human Rights Council";
    let one = wrap(t, 1, 1000.0, 0.0).unwrap();
    assert_eq!(one.len(), 1);
    assert!((one[0].2 - text_em(t)).abs() < 1e-9);
    let two = wrap(t, 2, 1000.0, 0.0).unwrap();
    assert_eq!(two.len(), 2);
    let (a, b) = (two[0].2, two[1].2);
    assert!((a - b).abs() < 4.0, "balanced: {a} {b}");
    let chars: Vec<char> = t.chars().collect();
    let line = |l: &(usize, usize, f64)| chars[l.0..l.1].iter().collect::<String>();
    assert_eq!(format!("{} {}", line(&two[0]), line(&two[1])), t);
    // The cue's room goes on the last line.
    let tail = wrap(t, 2, 1000.0, 1.35).unwrap();
    assert!(tail[1].2 + 1.35 <= tail[0].2.max(tail[1].2 + 1.35) + 1e-9);
    // Too narrow for a word, or too few words: no wrapping.
    assert_eq!(wrap(t, 2, 3.0, 0.0), None);
    assert_eq!(wrap("Famine", 2, 100.0, 0.0), None);
}

#[test]
fn culling_skips_items_out_of_view() {
    let items: Vec<Item> = (0..1000).map(|k| point("p", k as f64 * 10.0, 3)).collect();
    let f = Frame::new(800.0, 300.0, 1.0);
    let s = TimeScale::new(5000.0, 5200.0, f.plot_left(), f.plot_right());
    let l = Layout::compute(&items, &[], &s, &f);
    assert!(!l.placed.is_empty());
    for p in &l.placed {
        assert!((4990.0..=5210.0).contains(&items[p.index].start));
    }
    let total: u32 = l.rug.iter().map(|b| b.count).sum();
    assert_eq!(total as usize, l.placed.len() + l.thinned);
}

#[test]
fn filter_mask_hides_items() {
    let items: Vec<Item> = (0..10).map(|k| point("p", k as f64 * 100.0, 3)).collect();
    let f = Frame::new(800.0, 300.0, 1.0);
    let s = TimeScale::fit(0.0, 900.0, 0.1, f.plot_left(), f.plot_right());
    let mask: Vec<bool> = (0..10).map(|k| k % 2 == 0).collect();
    let l = Layout::compute(&items, &mask, &s, &f);
    assert_eq!(l.placed.len(), 5);
    assert!(l.placed.iter().all(|p| p.index % 2 == 0));
}

#[test]
fn a_lane_holds_as_many_items_as_fit() {
    // Five short labels far apart share the top lane.
    let items: Vec<Item> = (0..5).map(|k| point("p", k as f64 * 100.0, 4)).collect();
    let f = Frame::new(1280.0, 320.0, 1.0);
    let s = TimeScale::fit(0.0, 400.0, 0.05, f.plot_left(), f.plot_right());
    let l = Layout::compute(&items, &[], &s, &f);
    assert!(l.placed.iter().all(|p| p.lane == 0 && p.is_whole()));
}

#[test]
fn a_label_goes_left_where_the_right_has_no_room() {
    let items = vec![titled("a", 390.0, "A title long enough to need room")];
    let f = Frame::new(800.0, 300.0, 1.0);
    let s = TimeScale::new(0.0, 400.0, f.plot_left(), f.plot_right());
    let l = Layout::compute(&items, &[], &s, &f);
    let p = &l.placed[0];
    assert_eq!(p.side, Side::Left);
    assert!(p.is_whole() && p.lines.len() == 1);
    assert!(p.label.unwrap().x1 < p.marker.x0);
}

#[test]
fn long_titles_wrap_before_they_are_shortened() {
    let t = "UN Commission of Inquiry report on human rights in North Korea made public";
    let items = vec![titled("a", 10.0, t)];
    let f = Frame::new(390.0, 260.0, 2.0);
    let s = TimeScale::new(0.0, 400.0, f.plot_left(), f.plot_right());
    let l = Layout::compute(&items, &[], &s, &f);
    let p = &l.placed[0];
    assert!(p.is_whole(), "{p:?}");
    assert!(p.lines.len() >= 2);
    assert_eq!(l.shortened(), Vec::<usize>::new());
    // Only a title that fits nowhere is shortened, and the layout says so.
    let items = vec![point("b", 200.0, 400)];
    let l = Layout::compute(&items, &[], &s, &f);
    assert!(l.placed[0].truncated);
    assert_eq!(l.shortened(), vec![0]);
    assert!(!l.is_whole(0));
}

#[test]
fn the_pinned_item_is_placed_first_and_whole() {
    // Twelve items on one day: most cannot have a label; the pinned one always has.
    let items: Vec<Item> = (0..12)
        .map(|k| {
            titled(
                &format!("i{k}"),
                100.0,
                &format!("Event number {k} with a title"),
            )
        })
        .collect();
    let f = Frame::new(800.0, 240.0, 1.0);
    let s = TimeScale::new(0.0, 200.0, f.plot_left(), f.plot_right());
    let base = Layout::compute(&items, &[], &s, &f);
    assert!(!base.is_whole(11));
    let l = Layout::compute_pinned(&items, &[], &s, &f, Some(11));
    assert_eq!(l.pinned, Some(11));
    let p = l.placed_of(11).unwrap();
    assert!(p.is_whole() && p.lane == 0);
}

#[test]
fn disputed_items_carry_the_cue_after_their_title() {
    let mut it = titled("a", 100.0, "Famine in North Korea");
    it.disputed = true;
    let mut band = titled("b", 50.0, "A period");
    band.kind = EventKind::Period;
    band.end = 150.0;
    band.disputed = true;
    let items = vec![band, it];
    let f = Frame::new(1280.0, 320.0, 1.0);
    let s = TimeScale::new(0.0, 400.0, f.plot_left(), f.plot_right());
    let l = Layout::compute(&items, &[], &s, &f);
    let p = l.placed_of(1).unwrap();
    let (lb, bd) = (p.label.unwrap(), p.badge.unwrap());
    assert!(bd.x0 > p.lines[0].x && bd.x1 <= lb.x1 && bd.y0 >= lb.y0 - 1e-9);
    let b = l.band_of(0).unwrap();
    assert!(b.badge.is_some() && b.label_inside());
}

#[test]
fn periods_are_bands_even_when_they_start_before_the_view() {
    let mut famine = point("famine", 8766.0, 7); // 1994
    famine.kind = EventKind::Period;
    famine.end = 10592.0; // 1999
    let mut ongoing = point("flight", 9200.0, 7);
    ongoing.kind = EventKind::Period;
    ongoing.end = f64::INFINITY;
    let items = vec![famine, point("b", 9000.0, 4), ongoing];
    let f = Frame::new(1280.0, 320.0, 1.0);
    let s = TimeScale::new(9500.0, 9600.0, f.plot_left(), f.plot_right());
    let l = Layout::compute(&items, &[], &s, &f);
    assert_eq!(l.bands.len(), 2);
    let b = &l.bands[0];
    assert!(b.cut_start && b.cut_end && !b.ongoing);
    assert_eq!((b.rect.x0, b.rect.x1), (f.plot_left(), f.plot_right()));
    assert!(l.bands[1].ongoing);
    assert_eq!(l.hit(640.0, b.rect.y0 + 5.0), Some(0));
}

fn lcg(seed: u64) -> impl FnMut() -> f64 {
    let mut s = seed;
    move || {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Everything one item draws, as boxes: marker with its rings, label, cue, date bracket.
fn ink(l: &Layout) -> Vec<(usize, &'static str, Rect)> {
    let f = &l.frame;
    let ring = f.ring_half();
    let mut out = Vec::new();
    for p in &l.placed {
        let m = Rect {
            x0: p.x - ring,
            y0: p.y - ring,
            x1: p.x + ring,
            y1: p.y + ring,
        };
        out.push((p.index, "marker", m));
        out.extend(p.label.map(|r| (p.index, "label", r)));
        out.extend(p.badge.map(|r| (p.index, "cue", r)));
        out.extend(p.bracket(f).map(|r| (p.index, "bracket", r)));
    }
    for b in &l.bands {
        out.push((b.index, "band", b.rect));
        if !b.label_inside() {
            out.extend(b.label.map(|r| (b.index, "band label", r)));
        }
    }
    out
}

/// No label, marker, cue, bracket or band overlaps another item's, for many random datasets,
/// sizes (390..1920 wide, ratio 1..3), zooms, pans and selections; nothing strays outside the
/// frame or onto the density strip; the hit test finds every placed item at its marker and
/// label; a pinned item is always placed.
#[test]
fn nothing_overlaps_at_any_zoom_or_size() {
    let mut rnd = lcg(7);
    for round in 0..120 {
        let n = 1 + (rnd() * if round % 4 == 0 { 2000.0 } else { 200.0 }) as usize;
        let items = synthetic_items(n, round);
        let f = Frame::new(
            390.0 + (rnd() * 1530.0).round(),
            200.0 + (rnd() * 500.0).round(),
            1.0 + (rnd() * 4.0).floor() / 2.0,
        );
        let mut s = TimeScale::fit(7305.0, 20454.0, 0.02, f.plot_left(), f.plot_right());
        for _ in 0..(rnd() * 8.0) as usize {
            let at = f.plot_left() + rnd() * (f.plot_right() - f.plot_left());
            s.zoom_at(at, 1.0 + rnd() * 3.0);
        }
        s.pan((rnd() - 0.5) * f.width);
        let pin = (rnd() < 0.6).then(|| (rnd() * n as f64) as usize);
        let l = Layout::compute_pinned(&items, &[], &s, &f, pin);
        // The layout may have set the type a step smaller: its frame is what was drawn.
        let f = l.frame;
        let boxes = ink(&l);
        for (a, (ia, wa, ra)) in boxes.iter().enumerate() {
            for (ib, wb, rb) in &boxes[a + 1..] {
                if ia != ib {
                    assert!(
                        !ra.overlaps(rb),
                        "round {round} ({}x{}): {wa} of {ia} {ra:?} overlaps {wb} of {ib} {rb:?}",
                        f.width,
                        f.height
                    );
                }
            }
            assert!(
                ra.x0 >= 0.0 && ra.x1 <= f.width,
                "round {round}: {wa} {ra:?}"
            );
            assert!(ra.y0 >= 0.0, "round {round}: {wa} {ra:?}");
            let floor = if *wa == "band" || *wa == "band label" {
                f.lane_top()
            } else {
                f.axis_y() - em::RUG * f.label_px()
            };
            assert!(
                ra.y1 <= floor + 1e-9,
                "round {round}: {wa} {ra:?} below {floor}"
            );
        }
        for p in &l.placed {
            for line in &p.lines {
                let lb = p.label.unwrap();
                assert!(line.y > lb.y0 && line.y < lb.y1);
            }
            if let Some(lb) = p.label {
                let hit = l.hit((lb.x0 + lb.x1) / 2.0, p.lines[0].y).unwrap();
                assert_eq!(hit, p.index, "round {round}");
            }
            // The marker is found from its centre unless a marker-only neighbour shares
            // the exact spot (then either is an honest answer).
            let hit = l.hit(p.x, p.y).unwrap();
            let hp = l.placed_of(hit).unwrap();
            assert!(hit == p.index || (hp.x - p.x).abs() < 1e-9);
        }
        if let Some(pin) = pin {
            let it = &items[pin];
            let x = s.map(it.start);
            if !it.is_band() && x >= f.plot_left() && x <= f.plot_right() {
                assert_eq!(
                    l.placed.first().map(|p| p.index),
                    Some(pin),
                    "round {round}"
                );
            }
        }
        let total: u32 = l.rug.iter().map(|b| b.count).sum();
        assert_eq!(total as usize, l.placed.len() + l.thinned);
    }
}

#[test]
fn hit_misses_empty_space_and_allows_slop() {
    let items = vec![point("a", 100.0, 4)];
    let f = Frame::new(800.0, 300.0, 1.0);
    let s = TimeScale::new(0.0, 200.0, f.plot_left(), f.plot_right());
    let l = Layout::compute(&items, &[], &s, &f);
    let p = &l.placed[0];
    let left_edge = p.label.map_or(p.marker.x0, |lb| lb.x0.min(p.marker.x0));
    assert_eq!(l.hit(left_edge - HIT_SLOP + 1.0, p.y), Some(0));
    assert_eq!(l.hit(left_edge - HIT_SLOP - 1.0, p.y), None);
    assert_eq!(l.hit(10.0, 10.0), None);
}

#[test]
fn density_is_bounded_by_the_frame() {
    let items = synthetic_items(10_000, 1);
    let f = Frame::new(1280.0, 320.0, 1.0);
    let s = TimeScale::fit(7305.0, 20454.0, 0.02, f.plot_left(), f.plot_right());
    let l = Layout::compute(&items, &[], &s, &f);
    let per_lane = (f.plot_right() - f.plot_left()) / (2.0 * f.ring_half()) + 1.0;
    assert!(l.placed.len() as f64 <= per_lane * f.lane_count() as f64);
    assert!(l.rug.len() as f64 <= (f.plot_right() - f.plot_left()) / RUG_BIN_PX + 1.0);
    assert!(l.thinned > 0);
}

#[test]
fn synthetic_items_are_deterministic_and_sorted() {
    let a = synthetic_items(500, 3);
    assert_eq!(a, synthetic_items(500, 3));
    assert_ne!(a, synthetic_items(500, 4));
    assert!(a.windows(2).all(|w| w[0].start <= w[1].start));
    assert!(a.iter().any(|i| i.kind == EventKind::Period));
    assert!(a.iter().any(|i| i.disputed));
    assert!(a.iter().all(|i| i.start >= 7305.0 && i.start < 20454.0));
}

#[test]
fn level_of_detail_offers_each_slot_only_what_its_lanes_could_hold() {
    let items = synthetic_items(10_000, 1);
    let f = Frame::new(1280.0, 320.0, 1.0);
    let s = TimeScale::fit(7305.0, 20454.0, 0.02, f.plot_left(), f.plot_right());
    let all: Vec<usize> = (0..items.len()).filter(|&i| !items[i].is_band()).collect();
    let pin = *all.last().unwrap();
    let (kept, dropped) = level_of_detail(&items, &s, &f, all.clone(), Some(pin));
    assert_eq!(kept.len() + dropped, all.len());
    assert!(dropped > all.len() / 2, "{dropped} of {}", all.len());
    assert!(kept.contains(&pin), "the pinned item is always offered");
    assert!(kept.windows(2).all(|w| w[0] < w[1]), "order is kept");
    // No slot a quarter of a marker wide offers more than one item per lane (the pin aside).
    let slot = f.ring_half() / 2.0;
    let mut per = std::collections::BTreeMap::new();
    for &i in kept.iter().filter(|&&i| i != pin) {
        *per.entry(((s.map(items[i].start) - f.plot_left()) / slot).floor() as i64)
            .or_insert(0) += 1;
    }
    assert!(per.values().all(|&n| n <= f.lane_count()));
    // The search offered only those draws about as many markers as when offered everything.
    let (with, _) = search(&items, &f, &s, &kept, Some(pin), None);
    let (without, _) = search(&items, &f, &s, &all, Some(pin), None);
    println!(
        "markers placed: {} of the kept, {} of all",
        with.len(),
        without.len()
    );
    assert!(
        with.len() * 100 >= without.len() * 95,
        "{} vs {}",
        with.len(),
        without.len()
    );
    // A few items apart are never dropped.
    let few: Vec<usize> = (0..12).map(|k| all[k * 800]).collect();
    assert_eq!(level_of_detail(&items, &s, &f, few.clone(), None), (few, 0));
}

#[test]
fn fit_floor_is_where_fit_text_starts_to_fit() {
    for text in [
        "Famine years",
        "ab",
        "UN Commission of Inquiry report",
        "탈북 여성",
    ] {
        for px in [14.0, 17.575, 24.0] {
            let floor = fit_floor(text, px, MIN_LABEL_CHARS);
            assert!(
                fit_text(text, px, floor - 1e-3, MIN_LABEL_CHARS).is_none(),
                "{text} {px}"
            );
            if floor.is_finite() {
                assert!(
                    fit_text(text, px, floor + 1e-6, MIN_LABEL_CHARS).is_some(),
                    "{text} {px}"
                );
            }
        }
    }
}

/// A title measured once, when its item is made, measures as each measure made on its own.
#[test]
fn label_em_is_the_measures_made_one_by_one() {
    let mut texts: Vec<String> = [
        "",
        " ",
        "ab",
        "Famine years",
        "  two  spaces  ",
        "UN Commission of Inquiry report",
        "탈북 여성 인신매매",
        "≠ disputed",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    texts.extend(synthetic_items(200, 3).into_iter().map(|it| it.label));
    for text in &texts {
        let em = LabelEm::of(text);
        assert_eq!(em.total, text_em(text), "{text:?}");
        assert_eq!(em.widest_word, widest_word_em(text), "{text:?}");
        assert_eq!(em.chars, text.chars().count(), "{text:?}");
        for px in [14.0, 17.575, 24.0] {
            let (a, b) = (em.floor(px), fit_floor(text, px, MIN_LABEL_CHARS));
            assert!(
                a == b || (a - b).abs() < 1e-9,
                "{text:?} at {px}: {a} vs {b}"
            );
        }
    }
}

/// The quick test that skips wrapping a title ([`Builder::label_may_fit`]) never skips an item
/// that has a whole placement with a free lane: checked before every placement of dense and
/// sparse passes at several sizes, sides tried either way first.
#[test]
fn the_quick_label_test_never_skips_a_label_that_fits() {
    let mut skipped = 0;
    for (n, w, h) in [
        (10_000, 1406.0, 453.6),
        (300, 1246.0, 336.0),
        (60, 390.0, 260.0),
    ] {
        let items = synthetic_items(n, 3);
        let f = Frame::new(w, h, 1.0);
        let s = TimeScale::fit(7305.0, 20454.0, 0.02, f.plot_left(), f.plot_right());
        for flip in [Flip::None, Flip::All] {
            let wraps = Wraps::default();
            let mut b = Builder {
                items: &items,
                frame: &f,
                lanes: vec![Lane::default(); f.lane_count()],
                placed: Vec::new(),
                prefer: Prefer::FewestLines,
                pin: None,
                flip,
                pending: Vec::new(),
                pending_widest: 0.0,
                repair_need: Vec::new(),
                wraps: &wraps,
            };
            for i in (0..items.len()).filter(|&i| !items[i].is_band()) {
                let it = &items[i];
                let pt = b.point(it, &s);
                if !b.label_may_fit(it, &pt) {
                    skipped += 1;
                    for c in b.whole_candidates(i, &pt, false) {
                        assert!(b.lanes_for(&pt, &c, it.disputed).next().is_none());
                    }
                }
                b.place(i, &s, false);
            }
        }
    }
    assert!(skipped > 1000, "the test is exercised: {skipped}");
}
