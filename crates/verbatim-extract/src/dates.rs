//! Publication dates as pages write them: ISO 8601, RFC 2822, `20310304`, URL paths
//! (`/2031/03/04/`), and English text ("March 4, 2031", "4 March 2031").

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use regex::Regex;
use std::sync::LazyLock;

/// Parse a machine-written date (meta tags, JSON-LD, `<time datetime>`).
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d.with_timezone(&Utc));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y, %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    // A date with trailing noise ("2031-03-04T10:00:00 EST"): keep the day.
    static ISO_DAY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})").unwrap());
    if let Some(c) = ISO_DAY.captures(s) {
        return day(&c[1], &c[2], &c[3]);
    }
    static DOTTED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b").unwrap());
    if let Some(c) = DOTTED.captures(s) {
        return day(&c[3], &c[2], &c[1]);
    }
    static COMPACT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})(?:$|[T\s])").unwrap());
    if let Some(c) = COMPACT.captures(s) {
        return day(&c[1], &c[2], &c[3]);
    }
    parse_text(s)
}

fn day(y: &str, m: &str, d: &str) -> Option<DateTime<Utc>> {
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    plausible(date).then(|| Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)))
}

fn plausible(d: NaiveDate) -> bool {
    (1990..=2100).contains(&chrono::Datelike::year(&d))
}

/// A date in a URL path: `/2031/03/04/`, `/2031-03-04/`, `/20310304/`.
pub fn from_url(url: &str) -> Option<DateTime<Utc>> {
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
            .unwrap()
    });
    let c = URL_DATE.captures(url)?;
    day(&c[1], &c[2], &c[3])
}

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

fn month(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    let m = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|p| s.starts_with(p))?;
    Some(m as u32 + 1)
}

/// The first English-written date in `s`: "March 4, 2031", "Mar. 4 2031", "4 March 2031".
pub fn parse_text(s: &str) -> Option<DateTime<Utc>> {
    static MDY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b"
        ))
        .unwrap()
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\.?,?\s+((?:19|20)\d{{2}})\b"
        ))
        .unwrap()
    });
    let a = MDY.captures(s).and_then(|c| {
        Some((
            c.get(0)?.start(),
            month(&c[1])?,
            c[2].parse().ok()?,
            c[3].parse().ok()?,
        ))
    });
    let b = DMY.captures(s).and_then(|c| {
        Some((
            c.get(0)?.start(),
            month(&c[2])?,
            c[1].parse().ok()?,
            c[3].parse().ok()?,
        ))
    });
    let (_, m, d, y): (usize, u32, u32, i32) = match (a, b) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    plausible(date).then(|| Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(d: DateTime<Utc>) -> String {
        d.format("%Y-%m-%d %H:%M").to_string()
    }

    #[test]
    fn machine_formats() {
        assert_eq!(
            ymd(parse("2031-03-04T10:30:00+03:00").unwrap()),
            "2031-03-04 07:30"
        );
        assert_eq!(
            ymd(parse("2031-03-04T10:30:00.000Z").unwrap()),
            "2031-03-04 10:30"
        );
        assert_eq!(
            ymd(parse("2031-03-04 10:30:00").unwrap()),
            "2031-03-04 10:30"
        );
        assert_eq!(ymd(parse("2031-03-04").unwrap()), "2031-03-04 00:00");
        assert_eq!(
            ymd(parse("Tue, 4 Mar 2031 10:30:00 GMT").unwrap()),
            "2031-03-04 10:30"
        );
        assert_eq!(ymd(parse("20310304").unwrap()), "2031-03-04 00:00");
        assert_eq!(ymd(parse("04.03.2031 11:42").unwrap()), "2031-03-04 11:42");
        assert_eq!(ymd(parse("04.03.2031").unwrap()), "2031-03-04 00:00");
        assert_eq!(
            ymd(parse("2031-03-04T10:30:00 EST").unwrap()),
            "2031-03-04 00:00"
        );
        assert!(parse("yesterday").is_none());
        assert!(parse("2031-13-45").is_none());
    }

    #[test]
    fn url_and_text() {
        assert_eq!(
            ymd(from_url("https://kesseltimes.example/world/2031/03/04/talks-stall").unwrap()),
            "2031-03-04 00:00"
        );
        assert!(from_url("https://x.example/id/123456789").is_none());
        assert_eq!(
            ymd(parse_text("Published March 4, 2031 at noon").unwrap()),
            "2031-03-04 00:00"
        );
        assert_eq!(
            ymd(parse_text("Updated 4th Mar. 2031").unwrap()),
            "2031-03-04 00:00"
        );
    }
}
