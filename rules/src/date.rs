//! Date and date-time text, as the API writes it and as every part of the project reads it.
//!
//! One grammar, decided once:
//!
//! - a date is `YYYY-MM-DD`, a date and time `YYYY-MM-DD HH:MM:SS`; `T` may stand for the
//!   space (`2024-05-14T10:11:12`, as ISO 8601 writes it);
//! - every field has exactly its number of ASCII digits (`2024-1-5` is refused: the API always
//!   writes two digits, and a shorter field is more likely a typo than a date);
//! - the day must exist in the proleptic Gregorian calendar (`2023-02-29` and `2024-13-45`
//!   are refused), hours run 00 to 23, minutes and seconds 00 to 59 (no `24:00:00`, no leap
//!   second `23:59:60`);
//! - white space around the text is ignored (PHP output sometimes pads values), none inside;
//! - a date field takes a date and time (the time is dropped), and a date-and-time field takes
//!   a date alone (at midnight): the API is not consistent about which it sends.
//!
//! No time zone, no fraction of a second: the API sends neither. The same texts are thus
//! accepted by the strict and the lenient decoder, the spec's example checker, the client's
//! checks of request parameters and the sandbox; [`date`] and [`date_time`] accept exactly the
//! same set of texts and differ only in what they return.
//!
//! Writing uses [`DATE_FORMAT`] and [`DATE_TIME_FORMAT`], whose output both parsers read back.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// The `chrono` format of a date as the API writes it: `YYYY-MM-DD`.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// The `chrono` format of a date and time as the API writes it: `YYYY-MM-DD HH:MM:SS`.
pub const DATE_TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// The date `text` stands for (a date and time gives its date), or `None` when it is not a
/// date text (see the [module docs](self) for the grammar).
///
/// ```
/// use dondominio_rules::date::date;
///
/// assert_eq!(date("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
/// assert_eq!(date(" 2024-02-29 10:11:12").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
/// assert_eq!(date("2023-02-29"), None);
/// assert_eq!(date("2024-1-5"), None);
/// ```
pub fn date(text: &str) -> Option<NaiveDate> {
    date_time(text).map(|t| t.date())
}

/// The date and time `text` stands for (a date alone is at midnight), or `None` when it is
/// not a date text (see the [module docs](self) for the grammar).
///
/// ```
/// use dondominio_rules::date::date_time;
///
/// let t = date_time("2024-05-14T10:11:12").unwrap();
/// assert_eq!(t.to_string(), "2024-05-14 10:11:12");
/// assert_eq!(date_time("2024-05-14").unwrap().to_string(), "2024-05-14 00:00:00");
/// assert_eq!(date_time("2017-01-01 24:00:00"), None);
/// ```
pub fn date_time(text: &str) -> Option<NaiveDateTime> {
    let b = text.trim().as_bytes();
    match b.len() {
        10 => Some(ymd(b)?.and_time(NaiveTime::MIN)),
        19 if matches!(b[10], b' ' | b'T') => Some(ymd(&b[..10])?.and_time(hms(&b[11..])?)),
        _ => None,
    }
}

/// The number written by `digits`, when they are all ASCII digits.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD` (exactly 10 bytes), calendar-checked.
fn ymd(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..])?)
}

/// `HH:MM:SS` (exactly 8 bytes), within the day.
fn hms(b: &[u8]) -> Option<NaiveTime> {
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    NaiveTime::from_hms_opt(number(&b[..2])?, number(&b[3..5])?, number(&b[6..])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_grammar_in_examples() {
        let good = [
            "2024-02-29",
            "2031-05-14 10:11:12",
            "2031-05-14T10:11:12",
            " 2031-05-14\t",
            "0000-01-01",
            "9999-12-31 23:59:59",
            "2017-01-01 10:00:00 ",
        ];
        for t in good {
            assert!(date_time(t).is_some(), "{t:?} should be a date text");
            assert!(date(t).is_some(), "{t:?} should be a date text");
        }
        let bad = [
            "",
            "2023-02-29",
            "2024-13-45",
            "2024-00-10",
            "2024-1-5",
            "2024-01-05 1:02:03",
            "2017-01-01 24:00:00",
            "2017-01-01 23:60:00",
            "2017-01-01 23:59:60",
            "2017-01-01  10:00:00",
            "2017-01-01x10:00:00",
            "2017-01-01 10:00",
            "2017-01-01 10:00:00.5",
            "2017-01-01 10:00:00Z",
            "+2017-01-01",
            "2017/01/01",
            "20x7-01-01",
        ];
        for t in bad {
            assert_eq!(date_time(t), None, "{t:?} should not be a date text");
            assert_eq!(date(t), None, "{t:?} should not be a date text");
        }
    }

    proptest! {
        /// What the API's formats write, both parsers read back to the same value.
        #[test]
        fn written_texts_read_back(days in 0i64..3_652_059, secs in 0u32..86_400) {
            let d = NaiveDate::from_ymd_opt(0, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let t = d.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap());
            let text = t.format(DATE_TIME_FORMAT).to_string();
            prop_assert_eq!(date_time(&text), Some(t));
            prop_assert_eq!(date(&text), Some(d));
            let text = d.format(DATE_FORMAT).to_string();
            prop_assert_eq!(date(&text), Some(d));
        }

        /// Both parsers accept the same texts, and agree on the day.
        #[test]
        fn date_and_date_time_accept_the_same_texts(text in "[ 0-9T:-]{0,21}") {
            prop_assert_eq!(date(&text), date_time(&text).map(|t| t.date()));
        }
    }
}
