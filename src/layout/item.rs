//! One entry of the timeline as layout and drawing need it, and generated items for benchmarks.

use super::*;

/// One entry of the timeline, as layout and drawing need it.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The event's id (deep links use it).
    pub id: String,
    /// The text shown next to the marker.
    pub label: String,
    /// Kind: decides the marker's shape and whether it is a band.
    pub kind: EventKind,
    /// First day covered (days since 1970-01-01).
    pub start: f64,
    /// Day after the last day covered. For a period, the end of its end date (`f64::INFINITY` when
    /// it is ongoing); for a point item, the end of its start date's precision, so a year-only
    /// date covers its whole year and can be drawn honestly as a bracket.
    pub end: f64,
    /// How precisely the start is known.
    pub precision: Precision,
    /// The sources disagree about the event (it has `discrepancies`): drawn with a "≠" cue.
    pub disputed: bool,
    /// The label's widths, measured once ([`Item::new`]).
    em: LabelEm,
}

impl Item {
    /// An item; its label is measured here, once, for every layout to come.
    pub fn new(
        id: String,
        label: String,
        kind: EventKind,
        (start, end): (f64, f64),
        precision: Precision,
        disputed: bool,
    ) -> Item {
        Item {
            em: LabelEm::of(&label),
            id,
            label,
            kind,
            start,
            end,
            precision,
            disputed,
        }
    }

    /// The label's measured widths.
    pub(super) fn em(&self) -> &LabelEm {
        &self.em
    }

    /// The item for `ev`, labelled in `lang` (falling back to English).
    pub fn from_event(ev: &Event, lang: crate::lang::Lang) -> Item {
        let end = match (ev.end, ev.kind) {
            (Some(end), _) => end.end_day_exclusive() as f64,
            (None, EventKind::Period) => f64::INFINITY,
            (None, _) => ev.start.end_day_exclusive() as f64,
        };
        Item::new(
            ev.id.clone(),
            ev.title_in(lang).to_string(),
            ev.kind,
            (ev.start.first_day() as f64, end),
            ev.start.precision(),
            !ev.discrepancies.is_empty(),
        )
    }

    /// Periods are drawn as bands, everything else as a marker.
    pub fn is_band(&self) -> bool {
        self.kind == EventKind::Period
    }

    /// A period without an end.
    pub fn is_ongoing(&self) -> bool {
        self.end.is_infinite()
    }
}

/// `n` deterministic synthetic items spread over 1990–2025 with mixed kinds and precisions,
/// sorted by start: for benchmarks and stress tests (a linear congruential generator, no clock).
pub fn synthetic_items(n: usize, seed: u64) -> Vec<Item> {
    const WORDS: [&str; 12] = [
        "report",
        "women",
        "border",
        "testimony",
        "trafficking",
        "survey",
        "arrests",
        "brokers",
        "repatriation",
        "figures",
        "hearing",
        "shelter",
    ];
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = move |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m.max(1)
    };
    let mut items: Vec<Item> = (0..n)
        .map(|k| {
            let year = 1990 + next(36) as i32;
            let month = 1 + next(12) as u8;
            let day = 1 + next(28) as u8;
            let date = match next(20) {
                0..=11 => PartialDate::ymd(year, month, day),
                12..=16 => PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                },
                _ => PartialDate::year(year),
            };
            let kind = match next(100) {
                0 => EventKind::Period,
                1..=30 => EventKind::Report,
                31..=75 => EventKind::Event,
                _ => EventKind::Statistic,
            };
            let words = 1 + next(8) as usize;
            let mut label = format!("#{k}");
            for _ in 0..words {
                label.push(' ');
                label.push_str(WORDS[next(WORDS.len() as u64) as usize]);
            }
            let start = date.first_day() as f64;
            let end = if kind == EventKind::Period {
                if next(4) == 0 {
                    f64::INFINITY
                } else {
                    start + 365.0 * (1 + next(5)) as f64
                }
            } else {
                date.end_day_exclusive() as f64
            };
            Item::new(
                format!("synthetic-{k}"),
                label,
                kind,
                (start, end),
                date.precision(),
                next(6) == 0,
            )
        })
        .collect();
    crate::order::sort_stably_by(&mut items, |i| i.start);
    items
}
