//! The three looks (light, dark, high contrast) and the WCAG contrast ratio they are checked by.

use crate::model::EventKind;
use plotters::prelude::*;

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
        let css = include_str!("../../www/style.css");
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
}
