//! Date and time expressions, matched over tokens and resolved against the article date.
//!
//! Forms: "January 26, 2022", "26 January 2022", "Jan. 26", "2022-01-26", "mid-February",
//! "early May", weekdays ("Tuesday", "last Tuesday", "next Tuesday"), "yesterday", "today",
//! "tomorrow", "last week/month/year", "two days ago", clock times with a zone or am/pm
//! ("18:04 GMT", "1804 GMT", "6:30 p.m. EST"). A clock time next to a day phrase joins it
//! ("Tuesday at 10 a.m. EST", "1 hour ago (17:03 GMT)").
//!
//! Resolution: a bare weekday is the most recent such day on or before the article date,
//! "last" the one before that, "next" the first after, "this" the nearer either way. A
//! period ("last week") resolves to its first day; "early/mid/late" a month to its
//! 1st/15th/25th. A date without a year takes the year nearest the article date.
//! Without an article date only absolute dates resolve.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, Utc, Weekday};
use verbatim_core::{DateMention, Span, Token, TokenKind};

/// Find the date mentions in one block's tokens, appending to `out`.
pub fn find(
    text: &str,
    toks: &[Token],
    published: Option<DateTime<Utc>>,
    out: &mut Vec<DateMention>,
) {
    let cx = Cx {
        text,
        toks,
        published,
        day: published.map(|p| p.date_naive()),
    };
    let mut i = 0;
    while i < toks.len() {
        if !cx.may_start(i) {
            i += 1;
            continue;
        }
        if let Some(m) = cx.day_phrase(i).or_else(|| cx.clock_phrase(i)) {
            out.push(DateMention {
                span: Span {
                    start: toks[i].span.start,
                    end: toks[m.end - 1].span.end,
                },
                date: m.date,
                time: m.time,
            });
            i = m.end;
        } else {
            i += 1;
        }
    }
}

/// A match ending before token `end`.
struct Found {
    end: usize,
    date: Option<NaiveDate>,
    time: Option<DateTime<Utc>>,
}

/// A clock time: the time of day and the zone's offset east of UTC in seconds, if given.
struct Clock {
    end: usize,
    time: NaiveTime,
    offset: Option<i32>,
}

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Token],
    published: Option<DateTime<Utc>>,
    day: Option<NaiveDate>,
}

impl Cx<'_> {
    fn w(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map_or("", |t| crate::slice(self.text, t.span))
    }

    /// Cheap gate before the full matchers: most words cannot start a date. Weekdays and
    /// months are matched only capitalised.
    fn may_start(&self, i: usize) -> bool {
        let t = self.toks[i];
        match t.kind {
            TokenKind::Number => return true,
            TokenKind::Word => {}
            _ => return false,
        }
        let w = crate::slice(self.text, t.span);
        if w.len() > 14 {
            return false;
        }
        // Every trigger word starts with a capital or one of these letters; other words
        // start a date only as the count in "… ago". Tested first: most words fail here.
        let b0 = w.as_bytes()[0];
        if w.len() < 3
            || b0.is_ascii_lowercase()
                && !matches!(
                    b0,
                    b'l' | b'n' | b'c' | b't' | b'y' | b'e' | b'm' | b'b' | b's'
                )
        {
            return self.w(i + 2) == "ago";
        }
        if b0.is_ascii_digit() || self.w(i + 2) == "ago" {
            return true;
        }
        // Compared as bytes: this runs for most words, and the folded word needs no
        // second UTF-8 check.
        let mut buf = [0u8; 16];
        let lw = &mut buf[..w.len()];
        lw.copy_from_slice(w.as_bytes());
        lw.make_ascii_lowercase();
        if let Some(dash) = lw.iter().position(|&b| b == b'-') {
            return matches!(&lw[..dash], b"mid" | b"early" | b"late");
        }
        matches!(
            &*lw,
            b"last"
                | b"next"
                | b"coming"
                | b"this"
                | b"today"
                | b"tonight"
                | b"yesterday"
                | b"tomorrow"
                | b"early"
                | b"mid"
                | b"middle"
                | b"late"
                | b"end"
                | b"beginning"
                | b"start"
        ) || b0.is_ascii_uppercase() && (weekday(w).is_some() || month_number(w).is_some())
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// A day phrase at `i`, with a clock time that follows it joined in.
    fn day_phrase(&self, i: usize) -> Option<Found> {
        let mut f = self.day_at(i)?;
        let mut j = f.end;
        let paren = self.w(j) == "(";
        if matches!(
            self.w(j),
            "," | "(" | "at" | "around" | "about" | "from" | "by"
        ) {
            j += 1;
        }
        if let Some(c) = self.clock_at(j) {
            let mut end = c.end;
            if paren && self.w(end) == ")" {
                end += 1;
            }
            let date = f.date.or_else(|| f.time.map(|t| t.date_naive()));
            f = Found {
                end,
                date,
                time: combine(date, &c).or(f.time),
            };
        }
        Some(f)
    }

    /// A clock time at `i`, with a day phrase that follows it joined in
    /// ("18:04 GMT on Tuesday"); alone it falls on the article date.
    fn clock_phrase(&self, i: usize) -> Option<Found> {
        let c = self.clock_at(i)?;
        let mut end = c.end;
        let mut date = self.day;
        let j = if matches!(self.w(end), "on" | ",") {
            end + 1
        } else {
            end
        };
        if let Some(d) = self.day_at(j) {
            end = d.end;
            date = d.date;
        }
        Some(Found {
            end,
            date,
            time: combine(date, &c),
        })
    }

    /// A day without its clock time.
    fn day_at(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let mut buf = [0u8; 16];
        let lw = lc(w, &mut buf);
        // "last Tuesday", "next week", "this month", "last night"; not a span of time
        // ("over the last week", "the next year").
        let modifier = match lw {
            "last" => Some(Rel::Last),
            "next" | "coming" => Some(Rel::Next),
            "this" => Some(Rel::This),
            _ => None,
        };
        let duration = i > 0 && {
            let mut pb = [0u8; 16];
            matches!(
                lc(self.w(i - 1), &mut pb),
                "the" | "a" | "past" | "over" | "for"
            )
        };
        if let Some(rel) = modifier.filter(|_| !duration) {
            let n = self.w(i + 1);
            let mut nb = [0u8; 16];
            if let Some(wd) = weekday(n) {
                return Some(
                    self.with_part_of_day(i + 2, self.day.map(|d| resolve_weekday(d, wd, rel))),
                );
            }
            // Title case names a show or a column: "This Week", "This Morning".
            if n.starts_with(|c: char| c.is_ascii_uppercase()) {
                return None;
            }
            let date = match lc(n, &mut nb) {
                "week" => self.day.map(|d| week_start(d, rel)),
                "weekend" => self.day.map(|d| resolve_weekday(d, Weekday::Sat, rel)),
                "month" => self.day.and_then(|d| month_start(d, rel)),
                "year" => self.day.and_then(|d| {
                    let y = d.year() + rel.step();
                    NaiveDate::from_ymd_opt(y, 1, 1)
                }),
                "night" if rel == Rel::Last => self.day.and_then(|d| d.pred_opt()),
                "morning" | "afternoon" | "evening" if rel == Rel::This => self.day,
                _ => return None,
            };
            return Some(Found {
                end: i + 2,
                date,
                time: None,
            });
        }
        if let Some(wd) = weekday(w) {
            // "Tuesday, January 25, 2022": the absolute date wins.
            if self.w(i + 1) == "," {
                if let Some(abs) = self.absolute_at(i + 2) {
                    return Some(abs);
                }
            }
            return Some(
                self.with_part_of_day(i + 1, self.day.map(|d| resolve_weekday(d, wd, Rel::Bare))),
            );
        }
        // All capitals: NBC's "TODAY" show, not a day.
        if w == "TODAY" {
            return None;
        }
        match lw {
            "today" | "tonight" => return Some(self.with_part_of_day(i + 1, self.day)),
            "yesterday" => {
                return Some(self.with_part_of_day(i + 1, self.day.and_then(|d| d.pred_opt())))
            }
            "tomorrow" => {
                return Some(self.with_part_of_day(i + 1, self.day.and_then(|d| d.succ_opt())))
            }
            _ => {}
        }
        if let Some(f) = self.ago_at(i) {
            return Some(f);
        }
        self.absolute_at(i)
    }

    /// Extend over "morning", "night" and the like after a day.
    fn with_part_of_day(&self, end: usize, date: Option<NaiveDate>) -> Found {
        let part = matches!(
            self.w(end),
            "morning" | "afternoon" | "evening" | "night" | "overnight"
        );
        Found {
            end: if part { end + 1 } else { end },
            date,
            time: None,
        }
    }

    /// "two days ago", "51 seconds ago", "an hour ago".
    fn ago_at(&self, i: usize) -> Option<Found> {
        if self.w(i + 2) != "ago" {
            return None;
        }
        let n = count(self.w(i))?;
        let mut buf = [0u8; 16];
        let unit = lc(self.w(i + 1), &mut buf);
        let unit = unit.strip_suffix('s').unwrap_or(unit);
        let secs = match unit {
            "second" | "sec" => 1,
            "minute" | "min" => 60,
            "hour" | "hr" => 3600,
            _ => 0,
        };
        let (date, time) = if secs > 0 {
            let t = self
                .published
                .map(|p| p - Duration::seconds(i64::from(n) * secs));
            (t.map(|t| t.date_naive()), t)
        } else {
            let n64 = i64::from(n);
            let date = match unit {
                "day" => self
                    .day
                    .and_then(|d| d.checked_sub_signed(Duration::days(n64))),
                "week" => self
                    .day
                    .and_then(|d| d.checked_sub_signed(Duration::weeks(n64))),
                "month" => self.day.and_then(|d| d.checked_sub_months(Months::new(n))),
                "year" => self
                    .day
                    .and_then(|d| d.checked_sub_months(Months::new(n.saturating_mul(12)))),
                _ => return None,
            };
            (date, None)
        };
        Some(Found {
            end: i + 3,
            date,
            time,
        })
    }

    /// Absolute or month-based dates: "January 26, 2022", "26 January", "Jan. 26",
    /// "2022-01-26", "mid-February", "early May", "January 2022".
    fn absolute_at(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        if self.kind(i) == Some(TokenKind::Number) {
            if let Some(f) = self.iso_at(i) {
                return Some(f);
            }
        }
        // "26 January 2022", "26th of January".
        if let Some(d) = day_number(w) {
            let mut j = i + 1;
            if self.w(j) == "of" {
                j += 1;
            }
            if let Some((m, after)) = self.month_at(j, true) {
                let (year, end) = self.year_at(after);
                return Some(self.found_ymd(end, year, m, d));
            }
            return None;
        }
        // "mid-February", "early May", "the middle of February", "end of March";
        // `0` stands for the month's last day.
        let mut buf = [0u8; 16];
        let (part, mut start) = match lc(w, &mut buf) {
            "early" | "beginning" | "start" => (Some(1), i + 1),
            "mid" | "middle" => (Some(15), i + 1),
            "late" => (Some(25), i + 1),
            "end" => (Some(0), i + 1),
            _ => (None, i),
        };
        if part.is_some() && self.w(start) == "of" {
            start += 1;
        } else if matches!(w, "beginning" | "start" | "end" | "middle") {
            return None;
        }
        let (part, month) = if part.is_none() {
            // One token: "mid-February".
            let split = ["mid-", "early-", "late-", "Mid-", "Early-", "Late-"]
                .iter()
                .find_map(|p| w.strip_prefix(p).map(|rest| (p, rest)));
            match split {
                Some((p, rest)) => {
                    let day = match p.as_bytes()[0].to_ascii_lowercase() {
                        b'e' => 1,
                        b'm' => 15,
                        _ => 25,
                    };
                    match month_number(rest) {
                        Some(m) if rest.len() > 3 => (Some(day), Some((m, i + 1))),
                        _ => return None,
                    }
                }
                None => (None, self.month_at(start, false)),
            }
        } else {
            (part, self.month_at(start, true))
        };
        let (m, after) = month?;
        if let Some(day) = part {
            let (year, end) = self.year_at(after);
            return Some(self.found_ymd(end, year, m, day));
        }
        // "January 26, 2022", "Jan. 26", "Dec 29".
        if let Some(d) = day_number(self.w(after)) {
            let (year, end) = if self.w(after + 1) == "," {
                match self.year_at(after + 2) {
                    (Some(y), e) => (Some(y), e),
                    _ => (None, after + 1),
                }
            } else {
                self.year_at(after + 1)
            };
            return Some(self.found_ymd(end, year, m, d));
        }
        // "January 2022": the month's first day.
        let (year, end) = self.year_at(after);
        if let Some(y) = year {
            return Some(Found {
                end,
                date: NaiveDate::from_ymd_opt(y, m, 1),
                time: None,
            });
        }
        None
    }

    /// "2022-01-26" as one number token.
    fn iso_at(&self, i: usize) -> Option<Found> {
        let w = self.w(i).as_bytes();
        if w.len() != 10 || w[4] != b'-' || w[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            std::str::from_utf8(&w[r]).ok()?.parse().ok()
        };
        let date = NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)?;
        Some(Found {
            end: i + 1,
            date: Some(date),
            time: None,
        })
    }

    /// A month name at `i`: its number and the token after it (after "Jan." its stop).
    /// Ambiguous names ("May", "March") count only when `sure` or a day or year follows.
    fn month_at(&self, i: usize, sure: bool) -> Option<(u32, usize)> {
        let w = self.w(i);
        if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        let m = month_number(w)?;
        let abbrev = w.len() <= 4 && !matches!(w, "May" | "June" | "July");
        let mut after = i + 1;
        if abbrev && self.w(after) == "." && self.toks[after].span.start == self.toks[i].span.end {
            after += 1;
        }
        let followed = day_number(self.w(after)).is_some() || year(self.w(after)).is_some();
        if !sure && (matches!(w, "May" | "March") || abbrev) && !followed {
            return None;
        }
        Some((m, after))
    }

    fn year_at(&self, i: usize) -> (Option<i32>, usize) {
        match year(self.w(i)) {
            Some(y) => (Some(y), i + 1),
            None => (None, i),
        }
    }

    /// A day of a month (`0`: its last), the year given or else the one nearest the
    /// article date.
    fn found_ymd(&self, end: usize, year: Option<i32>, m: u32, d: u32) -> Found {
        let ymd = |y: i32| {
            if d == 0 {
                NaiveDate::from_ymd_opt(y, m, 1)?
                    .checked_add_months(Months::new(1))?
                    .pred_opt()
            } else {
                NaiveDate::from_ymd_opt(y, m, d)
            }
        };
        let date = match year {
            Some(y) => ymd(y),
            None => self.day.and_then(|pd| {
                (pd.year() - 1..=pd.year() + 1)
                    .filter_map(ymd)
                    .min_by_key(|c| (*c - pd).num_days().abs())
            }),
        };
        Found {
            end,
            date,
            time: None,
        }
    }

    /// "18:04 GMT", "1804 GMT", "6 p.m.", "6:30pm EST", "10am".
    fn clock_at(&self, i: usize) -> Option<Clock> {
        let w = self.w(i);
        let first = *w.as_bytes().first()?;
        if !first.is_ascii_digit() {
            return None;
        }
        let (digits, suffix) = w.split_at(
            w.find(|c: char| !c.is_ascii_digit() && c != ':')
                .unwrap_or(w.len()),
        );
        let (mut h, min, colon) = match digits.split_once(':') {
            Some((h, m)) if m.len() == 2 && !h.is_empty() && h.len() <= 2 => {
                (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?, true)
            }
            None if digits.len() == 4 => {
                (digits[..2].parse().ok()?, digits[2..].parse().ok()?, false)
            }
            None if digits.len() <= 2 => (digits.parse().ok()?, 0, false),
            _ => return None,
        };
        let mut end = i + 1;
        let ampm = if suffix.is_empty() {
            match self.w(end) {
                "a.m." | "am" | "AM" | "A.M." => {
                    end += 1;
                    Some(false)
                }
                "p.m." | "pm" | "PM" | "P.M." => {
                    end += 1;
                    Some(true)
                }
                _ => None,
            }
        } else {
            match suffix {
                "am" | "AM" => Some(false),
                "pm" | "PM" => Some(true),
                _ => return None,
            }
        };
        if let Some(pm) = ampm {
            if !(1..=12).contains(&h) {
                return None;
            }
            h = h % 12 + if pm { 12 } else { 0 };
        }
        let offset = zone(self.w(end)).inspect(|_| end += 1);
        let offset = offset.or_else(|| {
            let o = city_zone(self.w(end)).filter(|_| self.w(end + 1) == "time");
            if o.is_some() {
                end += 2;
            }
            o
        });
        // A bare number is a clock time only with a zone; "18:04" alone or "6" alone is not.
        if offset.is_none() && ampm.is_none() {
            return None;
        }
        if ampm.is_none() && !colon && digits.len() != 4 {
            return None;
        }
        let time = NaiveTime::from_hms_opt(h, min, 0)?;
        Some(Clock { end, time, offset })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rel {
    Bare,
    Last,
    Next,
    This,
}

impl Rel {
    fn step(self) -> i32 {
        match self {
            Rel::Last => -1,
            Rel::Next => 1,
            Rel::Bare | Rel::This => 0,
        }
    }
}

fn resolve_weekday(d: NaiveDate, wd: Weekday, rel: Rel) -> NaiveDate {
    let today = i64::from(d.weekday().num_days_from_monday());
    let want = i64::from(wd.num_days_from_monday());
    let back = (today - want).rem_euclid(7);
    let fwd = (want - today).rem_euclid(7);
    let days = match rel {
        Rel::Bare => -back,
        Rel::Last => -(if back == 0 { 7 } else { back }),
        Rel::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        // "this Tuesday": the nearer one, before or after.
        Rel::This => {
            if back <= fwd {
                -back
            } else {
                fwd
            }
        }
    };
    d + Duration::days(days)
}

fn week_start(d: NaiveDate, rel: Rel) -> NaiveDate {
    let monday = d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    monday + Duration::weeks(i64::from(rel.step()))
}

fn month_start(d: NaiveDate, rel: Rel) -> Option<NaiveDate> {
    let first = d.with_day(1)?;
    match rel {
        Rel::Last => first.checked_sub_months(Months::new(1)),
        Rel::Next => first.checked_add_months(Months::new(1)),
        _ => Some(first),
    }
}

/// A clock time on `date` in its zone, as UTC.
fn combine(date: Option<NaiveDate>, c: &Clock) -> Option<DateTime<Utc>> {
    let local = date?.and_time(c.time);
    Some((local - Duration::seconds(i64::from(c.offset?))).and_utc())
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "Monday" => Weekday::Mon,
        "Tuesday" => Weekday::Tue,
        "Wednesday" => Weekday::Wed,
        "Thursday" => Weekday::Thu,
        "Friday" => Weekday::Fri,
        "Saturday" => Weekday::Sat,
        "Sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn month_number(w: &str) -> Option<u32> {
    Some(match w {
        "January" | "Jan" => 1,
        "February" | "Feb" => 2,
        "March" | "Mar" => 3,
        "April" | "Apr" => 4,
        "May" => 5,
        "June" | "Jun" => 6,
        "July" | "Jul" => 7,
        "August" | "Aug" => 8,
        "September" | "Sep" | "Sept" => 9,
        "October" | "Oct" => 10,
        "November" | "Nov" => 11,
        "December" | "Dec" => 12,
        _ => return None,
    })
}

/// "26", "26th", "1st".
fn day_number(w: &str) -> Option<u32> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    if !matches!(&w[digits..], "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: u32 = w[..digits].parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1800..=2199).contains(&y).then_some(y)
}

/// `w` in ASCII lowercase, in `buf`; empty when longer than `buf`.
fn lc<'b>(w: &str, buf: &'b mut [u8; 16]) -> &'b str {
    let b = w.as_bytes();
    if b.len() > buf.len() {
        return "";
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    // Only ASCII bytes changed, so the bytes are still UTF-8.
    std::str::from_utf8(&buf[..b.len()]).unwrap_or("")
}

fn count(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse::<u32>() {
        return (n < 10_000).then_some(n);
    }
    let mut buf = [0u8; 16];
    Some(match lc(w, &mut buf) {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

/// Zone abbreviations, in seconds east of UTC (standard or summer as named; "ET"/"PT"
/// taken as standard time).
fn zone(w: &str) -> Option<i32> {
    const H: i32 = 3600;
    Some(match w {
        "GMT" | "UTC" | "Z" | "WET" => 0,
        "BST" | "CET" | "WEST" => H,
        "CEST" | "EET" | "SAST" => 2 * H,
        "EEST" | "MSK" => 3 * H,
        "GST" => 4 * H,
        "PKT" => 5 * H,
        "IST" => 5 * H + H / 2,
        "HKT" | "SGT" | "AWST" => 8 * H,
        "JST" | "KST" => 9 * H,
        "AEST" => 10 * H,
        "AEDT" => 11 * H,
        "EDT" => -4 * H,
        "EST" | "ET" | "CDT" => -5 * H,
        "CST" | "CT" | "MDT" => -6 * H,
        "MST" | "MT" | "PDT" => -7 * H,
        "PST" | "PT" => -8 * H,
        _ => return None,
    })
}

/// "Moscow time", "Kyiv time".
fn city_zone(w: &str) -> Option<i32> {
    Some(match w {
        "Moscow" => 3 * 3600,
        "Kyiv" | "Kiev" => 2 * 3600,
        "Beijing" => 8 * 3600,
        "Tokyo" => 9 * 3600,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;
    use chrono::TimeZone;

    /// Published Wednesday 26 January 2022, 15:00 UTC.
    fn pubdate() -> Option<DateTime<Utc>> {
        Some(Utc.with_ymd_and_hms(2022, 1, 26, 15, 0, 0).unwrap())
    }

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn found(text: &str, published: Option<DateTime<Utc>>) -> Vec<(&str, Option<NaiveDate>)> {
        all(text, published)
            .into_iter()
            .map(|(s, d, _)| (s, d))
            .collect()
    }

    type Got<'t> = Vec<(&'t str, Option<NaiveDate>, Option<DateTime<Utc>>)>;

    fn all(text: &str, published: Option<DateTime<Utc>>) -> Got<'_> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let mut out = Vec::new();
        find(text, &toks, published, &mut out);
        out.into_iter()
            .map(|m| (m.span.text(text), m.date, m.time))
            .collect()
    }

    #[test]
    fn absolute_dates() {
        let p = pubdate();
        assert_eq!(
            found("Voronov arrived on January 26, 2022 and left", p),
            vec![("January 26, 2022", ymd(2022, 1, 26))]
        );
        assert_eq!(
            found("on 26 January 2022.", p),
            vec![("26 January 2022", ymd(2022, 1, 26))]
        );
        assert_eq!(
            found("on the 3rd of March", p),
            vec![("3rd of March", ymd(2022, 3, 3))]
        );
        assert_eq!(
            found("released 2022-01-26.", None),
            vec![("2022-01-26", ymd(2022, 1, 26))]
        );
        assert_eq!(
            found("KESSEL, Jan. 24 (VNA)", p),
            vec![("Jan. 24", ymd(2022, 1, 24))]
        );
        assert_eq!(
            found("Dec 29 (Reuters)", p),
            vec![("Dec 29", ymd(2021, 12, 29))]
        );
        assert_eq!(
            found("Sept. 3, 2021, in Kessel", None),
            vec![("Sept. 3, 2021", ymd(2021, 9, 3))]
        );
        assert_eq!(
            found("in January 2021", None),
            vec![("January 2021", ymd(2021, 1, 1))]
        );
        // Absolute dates resolve without an article date; year-less ones do not.
        assert_eq!(found("on Jan. 24", None), vec![("Jan. 24", None)]);
        assert_eq!(
            found("February 30, 2022", p),
            vec![("February 30, 2022", None)]
        );
    }

    #[test]
    fn ambiguous_month_names() {
        let p = pubdate();
        assert!(found("Voronov may resign. They march in March.", p).is_empty());
        assert_eq!(
            found("by May 9, they said", p),
            vec![("May 9", ymd(2022, 5, 9))]
        );
        assert_eq!(
            found("in early May", p),
            vec![("early May", ymd(2022, 5, 1))]
        );
        assert_eq!(found("in Jan the talks", p), vec![]);
    }

    #[test]
    fn month_parts() {
        let p = pubdate();
        assert_eq!(
            found("until mid-February", p),
            vec![("mid-February", ymd(2022, 2, 15))]
        );
        assert_eq!(
            found("since late December", p),
            vec![("late December", ymd(2021, 12, 25))]
        );
        assert_eq!(
            found("by mid-March 2023", p),
            vec![("mid-March 2023", ymd(2023, 3, 15))]
        );
        assert_eq!(found("in mid-February", None), vec![("mid-February", None)]);
        assert!(found("a mid-size car", p).is_empty());
        assert_eq!(
            found("perhaps the middle of February", p),
            vec![("middle of February", ymd(2022, 2, 15))]
        );
        assert_eq!(
            found("by the end of February", p),
            vec![("end of February", ymd(2022, 2, 28))]
        );
        assert!(found("at the end of the day", p).is_empty());
    }

    #[test]
    fn weekdays() {
        // 2022-01-26 is a Wednesday.
        let p = pubdate();
        assert_eq!(
            found("said on Tuesday", p),
            vec![("Tuesday", ymd(2022, 1, 25))]
        );
        assert_eq!(
            found("said on Wednesday", p),
            vec![("Wednesday", ymd(2022, 1, 26))]
        );
        assert_eq!(
            found("said on Thursday", p),
            vec![("Thursday", ymd(2022, 1, 20))]
        );
        assert_eq!(
            found("last Wednesday", p),
            vec![("last Wednesday", ymd(2022, 1, 19))]
        );
        assert_eq!(
            found("next Tuesday", p),
            vec![("next Tuesday", ymd(2022, 2, 1))]
        );
        assert_eq!(
            found("next Thursday", p),
            vec![("next Thursday", ymd(2022, 1, 27))]
        );
        assert_eq!(
            found("this Tuesday", p),
            vec![("this Tuesday", ymd(2022, 1, 25))]
        );
        assert_eq!(
            found("this Friday", p),
            vec![("this Friday", ymd(2022, 1, 28))]
        );
        assert_eq!(
            found("Tuesday night", p),
            vec![("Tuesday night", ymd(2022, 1, 25))]
        );
        assert_eq!(
            found("on Monday, January 10, 2022", p),
            vec![("Monday, January 10, 2022", ymd(2022, 1, 10))]
        );
        assert_eq!(found("on Tuesday", None), vec![("Tuesday", None)]);
    }

    #[test]
    fn relative_days_and_periods() {
        let p = pubdate();
        assert_eq!(
            found(
                "Yesterday Voronov and today Hrytsenko; tomorrow the envoys.",
                p
            ),
            vec![
                ("Yesterday", ymd(2022, 1, 25)),
                ("today", ymd(2022, 1, 26)),
                ("tomorrow", ymd(2022, 1, 27))
            ]
        );
        assert_eq!(found("last week", p), vec![("last week", ymd(2022, 1, 17))]);
        assert_eq!(found("next week", p), vec![("next week", ymd(2022, 1, 31))]);
        assert_eq!(
            found("Last month", p),
            vec![("Last month", ymd(2021, 12, 1))]
        );
        assert_eq!(found("last year", p), vec![("last year", ymd(2021, 1, 1))]);
        assert_eq!(
            found("last night", p),
            vec![("last night", ymd(2022, 1, 25))]
        );
        assert_eq!(
            found("two days ago", p),
            vec![("two days ago", ymd(2022, 1, 24))]
        );
        assert!(found("over the last week", p).is_empty());
        assert!(found("the last word", p).is_empty());
        assert!(found("told This Week and TODAY viewers", p).is_empty());
        assert_eq!(found("yesterday", None), vec![("yesterday", None)]);
    }

    #[test]
    fn clock_times() {
        let p = pubdate();
        let t = |h, m| Some(Utc.with_ymd_and_hms(2022, 1, 26, h, m, 0).unwrap());
        assert_eq!(
            all("at 18:04 GMT", p),
            vec![("18:04 GMT", ymd(2022, 1, 26), t(18, 4))]
        );
        assert_eq!(
            all("at 1804 GMT", p),
            vec![("1804 GMT", ymd(2022, 1, 26), t(18, 4))]
        );
        assert_eq!(
            all("at 9:30 CET", p),
            vec![("9:30 CET", ymd(2022, 1, 26), t(8, 30))]
        );
        assert_eq!(
            all("at 6:30 p.m. EST", p),
            vec![("6:30 p.m. EST", ymd(2022, 1, 26), t(23, 30))]
        );
        assert_eq!(
            all("at 3pm Moscow time", p),
            vec![("3pm Moscow time", ymd(2022, 1, 26), t(12, 0))]
        );
        assert_eq!(
            all("at 10 a.m. today", p),
            vec![("10 a.m. today", ymd(2022, 1, 26), None)]
        );
        // No zone: a day but no instant; a bare number or "18:04" alone is no time.
        assert_eq!(
            all("at 6 p.m.", p),
            vec![("6 p.m.", ymd(2022, 1, 26), None)]
        );
        assert!(all("scored 18:04 and 6 goals, 2015 votes", p).is_empty());
        assert_eq!(all("at 18:04 GMT", None), vec![("18:04 GMT", None, None)]);
    }

    #[test]
    fn day_and_clock_join() {
        let p = pubdate();
        assert_eq!(
            all("on Tuesday at 10 a.m. EST", p),
            vec![(
                "Tuesday at 10 a.m. EST",
                ymd(2022, 1, 25),
                Some(Utc.with_ymd_and_hms(2022, 1, 25, 15, 0, 0).unwrap())
            )]
        );
        assert_eq!(
            all("January 20, 2022, 18:04 GMT", None),
            vec![(
                "January 20, 2022, 18:04 GMT",
                ymd(2022, 1, 20),
                Some(Utc.with_ymd_and_hms(2022, 1, 20, 18, 4, 0).unwrap())
            )]
        );
        assert_eq!(
            all("11 mins ago (14:49 GMT)", p),
            vec![(
                "11 mins ago (14:49 GMT)",
                ymd(2022, 1, 26),
                Some(Utc.with_ymd_and_hms(2022, 1, 26, 14, 49, 0).unwrap())
            )]
        );
        assert_eq!(
            all("51 seconds ago", p),
            vec![(
                "51 seconds ago",
                ymd(2022, 1, 26),
                Some(Utc.with_ymd_and_hms(2022, 1, 26, 14, 59, 9).unwrap())
            )]
        );
    }

    #[test]
    fn multibyte_offsets() {
        let text = "«Мы уйдём», сказал Воронов on Tuesday.";
        let got = found(text, pubdate());
        assert_eq!(got, vec![("Tuesday", ymd(2022, 1, 25))]);
    }
}
