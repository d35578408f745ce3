//! Partial ISO dates: `2019`, `2019-05`, `2019-05-20`.
//!
//! Sources often give only a year or a month. A partial date keeps exactly the precision its
//! source gave, so the timeline never shows a day that nobody reported. For placing a date on
//! the axis it covers a span of days (`days_range`): a whole year, a whole month, or one day.

use crate::lang::Lang;
use std::cmp::Ordering;
use std::fmt;

/// A calendar date known to year, month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string was rejected; `Display` says what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    Format(String),
    Month(String),
    Day(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(s) => write!(
                f,
                "`{s}` is not a partial ISO date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019, 2019-05, 2019-05-20)"
            ),
            DateError::Month(s) => write!(f, "`{s}` has no such month; months run from 01 to 12"),
            DateError::Day(s) => write!(f, "`{s}` has no such day in that month"),
        }
    }
}

/// English month names, used by [`PartialDate::display`].
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub const MONTHS_SHORT_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the month and day exist.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let parts: Vec<&str> = s.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let ok_shape = match parts.as_slice() {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !ok_shape {
            return Err(DateError::Format(s.to_string()));
        }
        let year: i32 = parts[0].parse().map_err(|_| DateError::Format(s.into()))?;
        let month = match parts.get(1) {
            Some(m) => {
                let m: u8 = m.parse().map_err(|_| DateError::Format(s.into()))?;
                if !(1..=12).contains(&m) {
                    return Err(DateError::Month(s.to_string()));
                }
                Some(m)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d: u8 = d.parse().map_err(|_| DateError::Format(s.into()))?;
                if d == 0 || d > days_in_month(year, m) {
                    return Err(DateError::Day(s.to_string()));
                }
                Some(d)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// First day covered, as days since 1970-01-01.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Day after the last day covered, as days since 1970-01-01.
    pub fn end_day_exclusive(&self) -> i64 {
        match (self.month, self.day) {
            (Some(m), Some(d)) => days_from_civil(self.year, m, d) + 1,
            (Some(12), None) => days_from_civil(self.year + 1, 1, 1),
            (Some(m), None) => days_from_civil(self.year, m + 1, 1),
            _ => days_from_civil(self.year + 1, 1, 1),
        }
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Human-readable form in the given interface language.
    pub fn display(&self, lang: Lang) -> String {
        match lang {
            Lang::Ko => match (self.month, self.day) {
                (Some(m), Some(d)) => format!("{}년 {}월 {}일", self.year, m, d),
                (Some(m), None) => format!("{}년 {}월", self.year, m),
                _ => format!("{}년", self.year),
            },
            Lang::En => match (self.month, self.day) {
                (Some(m), Some(d)) => format!("{} {} {}", d, MONTHS_EN[m as usize - 1], self.year),
                (Some(m), None) => format!("{} {}", MONTHS_EN[m as usize - 1], self.year),
                _ => self.year.to_string(),
            },
        }
    }
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl fmt::Display for PartialDate {
    /// The ISO form it was written in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Ord for PartialDate {
    /// Earlier first; a less precise date sorts before a more precise one with the same prefix
    /// (`2019` < `2019-05` < `2019-05-20`), as it starts no later.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0)).cmp(&(
            other.year,
            other.month.unwrap_or(0),
            other.day.unwrap_or(0),
        ))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
            "description": "A partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD. Give only the precision the source gives."
        })
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The calendar date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(PartialDate::parse("2019").unwrap(), PartialDate::year(2019));
        assert_eq!(
            PartialDate::parse("2019-05").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            PartialDate::parse("2019-05-20").unwrap(),
            PartialDate::ymd(2019, 5, 20)
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(matches!(
            PartialDate::parse("2019-13"),
            Err(DateError::Month(_))
        ));
        assert!(matches!(
            PartialDate::parse("2019-02-29"),
            Err(DateError::Day(_))
        ));
        assert!(PartialDate::parse("2020-02-29").is_ok());
        for bad in ["19", "2019/05", "2019-5", "May 2019", "", "2019-05-20T00"] {
            assert!(
                matches!(PartialDate::parse(bad), Err(DateError::Format(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn orders_less_precise_first() {
        let a = PartialDate::parse("2019").unwrap();
        let b = PartialDate::parse("2019-05").unwrap();
        let c = PartialDate::parse("2019-05-20").unwrap();
        let d = PartialDate::parse("2018-12-31").unwrap();
        let mut v = vec![c, a, b, d];
        v.sort();
        assert_eq!(v, vec![d, a, b, c]);
    }

    #[test]
    fn displays_in_both_languages_and_round_trips() {
        let d = PartialDate::parse("2018-11-01").unwrap();
        assert_eq!(d.display(Lang::En), "1 November 2018");
        assert_eq!(d.display(Lang::Ko), "2018년 11월 1일");
        assert_eq!(PartialDate::year(1994).display(Lang::En), "1994");
        assert_eq!(d.to_string(), "2018-11-01");
        assert_eq!(
            PartialDate::parse("2019-05").unwrap().to_string(),
            "2019-05"
        );
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11017);
        for z in (-50_000..50_000).step_by(37) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn spans_cover_the_precision() {
        let y = PartialDate::year(2020);
        assert_eq!(y.end_day_exclusive() - y.first_day(), 366);
        let m = PartialDate::parse("2019-12").unwrap();
        assert_eq!(m.end_day_exclusive() - m.first_day(), 31);
        let d = PartialDate::ymd(2014, 2, 17);
        assert_eq!(d.end_day_exclusive() - d.first_day(), 1);
    }
}
