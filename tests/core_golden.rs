//! Golden SVG snapshots of the renderer at fixed sizes, themes and interaction states.
//!
//! Run with `UPDATE_GOLDEN=1 cargo test --test core_golden` to rewrite `tests/golden/*.svg` after
//! an intended change, then look at the diff. With `PREVIEW_PNG=1` the same views are also
//! written as PNG files to `target/preview/` for a human to look at.

use nk_timeline::build::export::{to_png, to_png_keyed, to_svg, to_svg_keyed};
use nk_timeline::i18n::EN;
use nk_timeline::layout::{Frame, Item};
use nk_timeline::legend::Legend;
use nk_timeline::model::{EventKind, PartialDate};
use nk_timeline::render::Theme;
use nk_timeline::state::{Action, AppState};
use std::path::PathBuf;

/// A fixed, hand-made set of items shaped like the real dataset (which may change).
fn fixture() -> Vec<Item> {
    // Disputed (sources disagree), as in the real data: the famine, the inquiry's report and
    // the border-zone findings.
    let disputed = ["famine", "coi-report", "red-zone"];
    let item = |id: &str, label: &str, kind: EventKind, start: &str, end: Option<&str>| {
        let s = PartialDate::parse(start).expect("fixture date");
        let end = match (end, kind) {
            (Some(e), _) => PartialDate::parse(e)
                .expect("fixture date")
                .end_day_exclusive() as f64,
            (None, EventKind::Period) => f64::INFINITY,
            (None, _) => s.end_day_exclusive() as f64,
        };
        Item::new(
            id.into(),
            label.into(),
            kind,
            (s.first_day() as f64, end),
            s.precision(),
            disputed.contains(&id),
        )
    };
    use EventKind::*;
    vec![
        item(
            "famine",
            "Famine in North Korea",
            Period,
            "1994",
            Some("1998"),
        ),
        item(
            "flight",
            "Flight into China and trafficking of women",
            Period,
            "2000",
            None,
        ),
        item(
            "db-founded",
            "Documentation centre founded",
            Event,
            "2003",
            None,
        ),
        item(
            "ngo-founded",
            "Refugee charity founded",
            Event,
            "2003",
            None,
        ),
        item(
            "coi-report",
            "UN inquiry report made public",
            Report,
            "2014-02-17",
            None,
        ),
        item(
            "coi-council",
            "Inquiry presents findings to the UN council",
            Event,
            "2014-03-17",
            None,
        ),
        item(
            "hrw-report",
            "Report on sexual violence against women",
            Report,
            "2018-11-01",
            None,
        ),
        item(
            "arrivals",
            "969 women reach safety in 2018",
            Statistic,
            "2018",
            None,
        ),
        item(
            "kfi-report",
            "Report on sexual slavery in China",
            Report,
            "2019-05-20",
            None,
        ),
        item(
            "survey",
            "Most refugee women in China have been trafficked",
            Statistic,
            "2019-06-19",
            None,
        ),
        item(
            "border-study",
            "Investigation of abuses in the border region",
            Period,
            "2020",
            Some("2022"),
        ),
        item(
            "red-zone",
            "Findings on trafficking in a border zone",
            Report,
            "2023-03",
            None,
        ),
    ]
}

struct Case {
    name: &'static str,
    width: f64,
    height: f64,
    dpr: f64,
    theme: Theme,
    actions: Vec<Action>,
    /// Draw the key under the chart, as `timeline export` does.
    keyed: bool,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "light-1280x320",
            width: 1280.0,
            height: 320.0,
            dpr: 1.0,
            theme: Theme::light(),
            actions: vec![],
            keyed: false,
        },
        Case {
            name: "light-390x260-dpr2",
            width: 390.0,
            height: 260.0,
            dpr: 2.0,
            theme: Theme::light(),
            actions: vec![],
            keyed: false,
        },
        Case {
            name: "dark-1280x320-selected-hover",
            width: 1280.0,
            height: 320.0,
            dpr: 1.0,
            theme: Theme::dark(),
            actions: vec![Action::Select(Some(6)), Action::Next],
            keyed: false,
        },
        Case {
            name: "hc-1920x360-zoomed",
            width: 1920.0,
            height: 360.0,
            dpr: 1.0,
            theme: Theme::high_contrast(),
            actions: vec![
                Action::Select(Some(4)),
                Action::ZoomIn,
                Action::ZoomIn,
                Action::ZoomIn,
            ],
            keyed: false,
        },
        // The presentation strip at 1920×1080, the inquiry's presentation selected: drawn on its
        // own label, covering no other marker (it used to, in a callout that repeated the label).
        Case {
            name: "light-1822x259-presenting-selected",
            width: 1822.0,
            height: 259.0,
            dpr: 1.0,
            theme: Theme::light(),
            actions: vec![Action::Select(Some(5))],
            keyed: false,
        },
        // A phone with a period selected whose title fits no band row: wrapped under the bands.
        Case {
            name: "light-390x260-selected-period",
            width: 390.0,
            height: 260.0,
            dpr: 2.0,
            theme: Theme::light(),
            actions: vec![Action::Select(Some(1))],
            keyed: false,
        },
        // An exported slide strip with its key.
        Case {
            name: "export-dark-1920x400-key",
            width: 1920.0,
            height: 400.0,
            dpr: 1.0,
            theme: Theme::dark(),
            actions: vec![],
            keyed: true,
        },
    ]
}

/// The key as `timeline export` draws it under a chart of this width.
fn key(case: &Case) -> Legend {
    let f = Frame::new(case.width, case.height, case.dpr);
    let mut l = Legend::compute(&EN, case.width, (0.8 * f.label_px()).max(13.0), |_| true);
    l.height = l.height.ceil();
    l
}

fn state_for(case: &Case) -> AppState {
    let height = if case.keyed {
        case.height - key(case).height
    } else {
        case.height
    };
    let mut s = AppState::new(fixture(), case.width, height, case.dpr);
    for a in &case.actions {
        s.update(a.clone());
    }
    if case.name.contains("hover") {
        // Hover the first marker that has a label, through the public action.
        let p = s
            .layout()
            .placed
            .iter()
            .find(|p| p.label.is_some() && Some(p.index) != s.selected());
        if let Some(p) = p {
            let (x, y) = (p.x, p.y);
            s.update(Action::PointerMove { x, y });
        }
    }
    s
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn svg_snapshots_match() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let preview = std::env::var_os("PREVIEW_PNG").is_some();
    let mut failures = Vec::new();
    for case in cases() {
        let state = state_for(&case);
        let legend = case.keyed.then(|| key(&case));
        let svg = to_svg_keyed(&state, &case.theme, legend.as_ref()).expect("svg renders");
        let path = golden_dir().join(format!("{}.svg", case.name));
        if update {
            std::fs::create_dir_all(golden_dir()).expect("golden dir");
            std::fs::write(&path, &svg).expect("write golden");
        } else {
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if want != svg {
                failures.push(format!(
                    "{} differs from {} (UPDATE_GOLDEN=1 to accept)",
                    case.name,
                    path.display()
                ));
            }
        }
        if preview {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/preview");
            std::fs::create_dir_all(&dir).expect("preview dir");
            let png = to_png_keyed(&state, &case.theme, legend.as_ref()).expect("png renders");
            std::fs::write(dir.join(format!("{}.png", case.name)), png).expect("write preview");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn svg_is_deterministic_and_sized_in_device_pixels() {
    let case = &cases()[1];
    let a = to_svg(&state_for(case), &case.theme).expect("svg");
    let b = to_svg(&state_for(case), &case.theme).expect("svg");
    assert_eq!(a, b);
    assert!(a.contains(r#"width="780" height="520""#), "{}", &a[..200]);
    // Every label text of the fitted view that got a lane appears in the drawing.
    assert!(a.contains("Famine in North Korea"));
}

#[test]
fn png_export_is_a_png_of_the_right_size() {
    let s = AppState::new(fixture(), 640.0, 240.0, 1.5);
    let png = to_png(&s, &Theme::light()).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    let h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    assert_eq!((w, h), (960, 360));
}
