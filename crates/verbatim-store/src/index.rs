//! An in-memory read model of the statements: answers a [`StatementQuery`] page exactly as
//! [`Store::statements`] does (the same items in the same order, the same total, the same
//! JSON bytes) from posting lists instead of SQL, so a page costs microseconds.
//!
//! Statements are numbered in listing order (newest first, undated last, then by id), so
//! every posting list sorted by number is already in result order, a date range is one
//! run of numbers, and paging is slicing. Each statement's JSON is serialised once.
//!
//! Full-text queries are answered from a copy of the FTS5 index's own tokens (read through
//! `fts5vocab`, so tokenisation is FTS5's), ranked with FTS5's bm25 computed the same way
//! from the same counts. A search text this model cannot answer exactly (non-ASCII words,
//! whose folding only FTS5 knows, or OR mixed with several words in a group) gets `None`,
//! and the caller asks SQL.
//!
//! Memory, measured on the demo corpus replicated to 20,600 statements: about 790 bytes a
//! statement, of which 540 are its JSON, 180 the copy of its tokens (4 bytes a token, 8 a
//! distinct term in it) and the rest columns and posting lists (see
//! [`StatementIndex::heap_bytes`]). Building it reads the store once: about 0.2 s there.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;

use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::OptionalExtension;

use crate::read::{
    cap, search_terms, statement_row, SearchTerm, StatementQuery, STATEMENT_COLS, STATEMENT_JOINS,
};
use crate::{fold, Result, Store};

/// No value (a NULL column).
const NONE: u32 = u32::MAX;
/// Token positions are `column << COLUMN_SHIFT | offset`.
const COLUMN_SHIFT: u32 = 24;
const OFFSET_MASK: u32 = (1 << COLUMN_SHIFT) - 1;
/// FTS5's bm25 constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Strings laid end to end, addressed by number.
#[derive(Default)]
struct Strings {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Strings {
    fn push(&mut self, s: &[u8]) {
        self.bytes.extend_from_slice(s);
        self.ends.push(self.bytes.len());
    }

    fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn heap_bytes(&self) -> usize {
        self.bytes.capacity() + self.ends.capacity() * size_of::<usize>()
    }
}

/// Distinct strings numbered in order of first sight.
#[derive(Default)]
struct Dict {
    numbers: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Dict {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        let n = self.names.len() as u32;
        self.names.push(s.into());
        self.numbers.insert(s.into(), n);
        n
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.numbers.get(s).copied()
    }

    fn len(&self) -> usize {
        self.names.len()
    }

    fn heap_bytes(&self) -> usize {
        let text: usize = self.names.iter().map(|n| 2 * n.len()).sum();
        text + self.names.capacity() * 16 + self.numbers.capacity() * 24
    }
}

fn lists_bytes(lists: &[Vec<u32>]) -> usize {
    lists.iter().map(|l| l.capacity() * 4 + 24).sum()
}

/// Who may be meant by a speaker name: the actors and the spellings seen for them.
#[derive(Default)]
struct Actors {
    /// Every actor id, from the actors table and from `actor_names`.
    ids: Dict,
    /// Whether the id is a row of the actors table (only those match a name given as an id).
    listed: Vec<bool>,
    /// Per actor, its spellings that some statement's `speaker_fold` holds (as numbers there).
    names: Vec<Vec<u32>>,
    /// Actors by folded spelling.
    by_name: HashMap<Box<str>, Vec<u32>>,
    /// Actors by what follows a space in a spelling (ASCII lower case): "voronov" finds
    /// "ilya voronov", as `LIKE '% voronov'` does.
    by_name_end: HashMap<Box<str>, Vec<u32>>,
    /// Per actor, its number among the statements' `speaker_id`s (NONE when none).
    speaker: Vec<u32>,
    /// Per actor, its statements and the unresolved ones naming it by one of its spellings.
    rows: Vec<Vec<u32>>,
}

impl Actors {
    /// The actors `name` refers to, as [`Store::resolve_speaker`] finds them; sorted.
    fn resolve(&self, name: &str) -> Vec<u32> {
        let mut found = Vec::new();
        if let Some(a) = self.ids.get(name.trim()) {
            if self.listed[a as usize] {
                found.push(a);
            }
        }
        let key = fold(name);
        if let Some(v) = self.by_name.get(key.as_str()) {
            found.extend(v);
        }
        if let Some(v) = self.by_name_end.get(key.to_ascii_lowercase().as_str()) {
            found.extend(v);
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    fn heap_bytes(&self) -> usize {
        let map = |m: &HashMap<Box<str>, Vec<u32>>| -> usize {
            m.iter().map(|(k, v)| k.len() + 40 + v.capacity() * 4).sum()
        };
        self.ids.heap_bytes()
            + self.listed.capacity()
            + lists_bytes(&self.names)
            + map(&self.by_name)
            + map(&self.by_name_end)
            + self.speaker.capacity() * 4
            + lists_bytes(&self.rows)
    }
}

/// The FTS5 index's tokens, by term.
struct TextIndex {
    /// Distinct terms, sorted by bytes as FTS5 sorts them.
    terms: Strings,
    /// Per term, its run in `entry_row` (`terms.len() + 1` bounds).
    term_entries: Vec<u32>,
    /// Per (term, statement) entry: the statement, ascending within a term.
    entry_row: Vec<u32>,
    /// Per entry, its run in `positions` (`entry_row.len() + 1` bounds).
    entry_positions: Vec<u32>,
    /// `column << COLUMN_SHIFT | offset`, ascending within an entry.
    positions: Vec<u32>,
    /// Per statement, bm25's length term `K1 * (1 - B + B * D / avgdl)` for its D tokens
    /// (FTS5's docsize) against the table's average (its averages record): the same
    /// expression FTS5 evaluates per row, so the same bits.
    doc_norm: Vec<f64>,
    /// Rows in the whole table (FTS5's averages record).
    total_rows: i64,
}

/// Where a phrase occurs: statements, ascending, with how many times in each. A phrase of
/// one term borrows the term's entries.
struct Hits<'a> {
    rows: Cow<'a, [u32]>,
    freq: Freq<'a>,
}

/// How many times a phrase occurs in each of its statements.
enum Freq<'a> {
    Counted(Vec<u32>),
    /// A term's entries' bounds in `positions` (one more than its statements): each count is
    /// a gap.
    Bounds(&'a [u32]),
}

impl Freq<'_> {
    fn get(&self, i: usize) -> u32 {
        match self {
            Freq::Counted(n) => n[i],
            Freq::Bounds(b) => b[i + 1] - b[i],
        }
    }
}

impl Hits<'_> {
    fn counted(rows: Vec<u32>, freq: Vec<u32>) -> Self {
        Hits {
            rows: Cow::Owned(rows),
            freq: Freq::Counted(freq),
        }
    }
}

/// A search text evaluated: its phrases' hits and weights, and the statements it matches.
struct TextMatch<'a> {
    phrases: Vec<Hits<'a>>,
    idf: Vec<f64>,
    /// None: those of the only phrase.
    rows: Option<Vec<u32>>,
}

impl TextMatch<'_> {
    fn rows(&self) -> &[u32] {
        self.rows.as_deref().unwrap_or(&self.phrases[0].rows)
    }
}

/// FTS5 unicode61's tokens of ASCII text: runs of letters and digits, lower-cased. None for
/// other text, whose folding (diacritics, case tables) this model leaves to FTS5.
fn ascii_tokens(text: &str) -> Option<Vec<String>> {
    if !text.is_ascii() {
        return None;
    }
    let tokens: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    (!tokens.is_empty()).then_some(tokens)
}

/// Rows in both sorted lists.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Rows in either sorted list, sorted, each once.
fn merge(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len() + b.len());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Rows in any of the sorted lists, sorted, each once: merged in pairs, so each row is
/// copied about log2(lists) times.
fn union(lists: &[&[u32]]) -> Vec<u32> {
    match lists {
        [] => Vec::new(),
        [one] => one.to_vec(),
        _ => {
            let (left, right) = lists.split_at(lists.len() / 2);
            merge(&union(left), &union(right))
        }
    }
}

impl TextIndex {
    fn term(&self, i: usize) -> &[u8] {
        self.terms.get(i)
    }

    /// The terms equal to `token`, or (`prefix`) starting with it: a run of term numbers.
    fn terms_for(&self, token: &str, prefix: bool) -> Range<usize> {
        let t = token.as_bytes();
        let n = self.terms.len();
        let lo = partition(n, |i| self.term(i) < t);
        let mut hi = lo;
        while hi < n
            && (if prefix {
                self.term(hi).starts_with(t)
            } else {
                self.term(hi) == t
            })
        {
            hi += 1;
        }
        lo..hi
    }

    fn entries(&self, term: usize) -> Range<usize> {
        self.term_entries[term] as usize..self.term_entries[term + 1] as usize
    }

    fn entry_freq(&self, e: usize) -> u32 {
        self.entry_positions[e + 1] - self.entry_positions[e]
    }

    /// (statement, position) of every occurrence of the terms, sorted.
    fn occurrences(&self, terms: Range<usize>) -> Vec<(u32, u32)> {
        let several = terms.len() > 1;
        let mut out: Vec<(u32, u32)> = terms
            .flat_map(|t| self.entries(t))
            .flat_map(|e| {
                let run = self.entry_positions[e] as usize..self.entry_positions[e + 1] as usize;
                self.positions[run]
                    .iter()
                    .map(move |&p| (self.entry_row[e], p))
            })
            .collect();
        if several {
            out.sort_unstable();
        }
        out
    }

    /// Where a phrase occurs: its tokens one after another in one column; the last one
    /// only a prefix when `prefix`.
    fn phrase(&self, tokens: &[String], prefix: bool) -> Hits<'_> {
        let last = tokens.len() - 1;
        let terms: Vec<Range<usize>> = tokens
            .iter()
            .enumerate()
            .map(|(j, t)| self.terms_for(t, prefix && j == last))
            .collect();
        let (mut rows, mut freq) = (Vec::new(), Vec::new());
        if terms.iter().any(|r| r.is_empty()) {
            return Hits::counted(rows, freq);
        }
        if let [only] = terms.as_slice() {
            if only.len() == 1 {
                let run = self.entries(only.start);
                return Hits {
                    rows: Cow::Borrowed(&self.entry_row[run.clone()]),
                    freq: Freq::Bounds(&self.entry_positions[run.start..=run.end]),
                };
            }
            let entries = self.term_entries[only.end] - self.term_entries[only.start];
            if entries as usize > self.doc_norm.len() / DENSE_FRACTION {
                // Many terms (a short prefix): count into one slot per statement.
                let mut slots = vec![0u32; self.doc_norm.len()];
                for e in only.clone().flat_map(|t| self.entries(t)) {
                    slots[self.entry_row[e] as usize] += self.entry_freq(e);
                }
                for (row, &n) in slots.iter().enumerate().filter(|(_, n)| **n > 0) {
                    rows.push(row as u32);
                    freq.push(n);
                }
                return Hits::counted(rows, freq);
            }
            let mut pairs: Vec<(u32, u32)> = only
                .clone()
                .flat_map(|t| self.entries(t))
                .map(|e| (self.entry_row[e], self.entry_freq(e)))
                .collect();
            pairs.sort_unstable();
            for (row, n) in pairs {
                if rows.last() == Some(&row) {
                    *freq.last_mut().expect("a row has its count") += n;
                } else {
                    rows.push(row);
                    freq.push(n);
                }
            }
            return Hits::counted(rows, freq);
        }
        let occ: Vec<Vec<(u32, u32)>> = terms.into_iter().map(|r| self.occurrences(r)).collect();
        for &(row, pos) in &occ[0] {
            let follows = (1..occ.len()).all(|j| {
                (pos & OFFSET_MASK) as usize + j <= OFFSET_MASK as usize
                    && occ[j].binary_search(&(row, pos + j as u32)).is_ok()
            });
            if !follows {
                continue;
            }
            if rows.last() == Some(&row) {
                *freq.last_mut().expect("a row has its count") += 1;
            } else {
                rows.push(row);
                freq.push(1);
            }
        }
        Hits::counted(rows, freq)
    }

    /// The statements `terms` match, with what bm25 needs; None where FTS5's answer could
    /// differ from this model's.
    fn search(&self, terms: &[SearchTerm]) -> Option<TextMatch<'_>> {
        let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
        let mut phrases = Vec::new();
        for t in terms {
            match t {
                SearchTerm::Or => groups.push(Vec::new()),
                SearchTerm::Phrase { text, prefix } => {
                    let tokens = ascii_tokens(text)?;
                    groups.last_mut()?.push(phrases.len());
                    phrases.push(self.phrase(&tokens, *prefix));
                }
            }
        }
        // Under OR, FTS5 counts a phrase's instances in a row by where its iterator stopped,
        // which for a phrase ANDed with others need not be "the group matched": only plain
        // disjunctions of single phrases are answered here.
        if groups.len() > 1 && groups.iter().any(|g| g.len() != 1) {
            return None;
        }
        let rows = match phrases.as_slice() {
            [_] => None,
            [first, rest @ ..] if groups.len() == 1 => {
                let mut rows = intersect(&first.rows, &rest[0].rows);
                for p in &rest[1..] {
                    rows = intersect(&rows, &p.rows);
                }
                Some(rows)
            }
            _ => Some(union(&phrases.iter().map(|p| &*p.rows).collect::<Vec<_>>())),
        };
        // FTS5's IDF: log((N - hits + 0.5) / (hits + 0.5)), floored at 1e-6.
        let idf = phrases
            .iter()
            .map(|p| {
                let hits = p.rows.len() as i64;
                let idf = (((self.total_rows - hits) as f64 + 0.5) / (hits as f64 + 0.5)).ln();
                if idf <= 0.0 {
                    1e-6
                } else {
                    idf
                }
            })
            .collect();
        Some(TextMatch { phrases, idf, rows })
    }

    fn heap_bytes(&self) -> usize {
        self.terms.heap_bytes()
            + 4 * (self.term_entries.capacity()
                + self.entry_row.capacity()
                + self.entry_positions.capacity()
                + self.positions.capacity()
                + 2 * self.doc_norm.capacity())
    }
}

/// A rank as an integer in the same order, for sorting without float comparisons: SQL
/// compares `-0.0` and `0.0` equal, so they map alike; ranks are never NaN.
fn rank_order(rank: f64) -> u64 {
    let bits = (rank + 0.0).to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// First `i` in `0..n` where `before(i)` is false, for a `before` true then false.
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The part of a sorted list inside `range`.
fn within<'a>(rows: &'a [u32], range: &Range<usize>) -> &'a [u32] {
    let lo = rows.partition_point(|&r| (r as usize) < range.start);
    let hi = rows.partition_point(|&r| (r as usize) < range.end);
    &rows[lo..hi.max(lo)]
}

/// What one filter asks of a statement.
enum Check {
    Kind(u8),
    Outlet(u32),
    SpeakerId(u32),
    /// Resolved to one of `ids`, or unresolved and spelled as one of `folds`.
    Speaker {
        ids: Vec<bool>,
        folds: Vec<bool>,
    },
    /// Spelled as one of these, resolved or not.
    Fold(Vec<bool>),
}

/// A filter: its check, and the statements passing it when they are at hand as one list.
struct Constraint<'a> {
    check: Check,
    rows: Option<Cow<'a, [u32]>>,
}

/// Lists worth merging into one driving list are at most this fraction of all statements.
const MERGE_FRACTION: usize = 8;
/// Prefix matches with more entries than this fraction of all statements are counted in a
/// slot per statement rather than sorted.
const DENSE_FRACTION: usize = 16;

/// An in-memory read model of a store's statements; see the module documentation.
pub struct StatementIndex {
    /// Statement ids by number (listing order).
    ids: Vec<i64>,
    /// `published` of the dated statements, which are numbered first.
    published: Strings,
    kind: Vec<u8>,
    kinds: Dict,
    speaker_id: Vec<u32>,
    speaker_ids: Dict,
    speaker_fold: Vec<u32>,
    speaker_folds: Dict,
    /// The spellings ASCII lower-cased, for `LIKE`.
    speaker_folds_lower: Vec<Box<str>>,
    /// Outlets are matched `COLLATE NOCASE`: keyed ASCII lower-cased.
    outlet: Vec<u32>,
    outlets: Dict,
    by_kind: Vec<Vec<u32>>,
    by_speaker_id: Vec<Vec<u32>>,
    by_speaker_fold: Vec<Vec<u32>>,
    by_outlet: Vec<Vec<u32>>,
    actors: Actors,
    /// Each statement's JSON, as [`crate::StatementRow`] serialises.
    items: Strings,
    /// None where the FTS5 index could not be copied (text queries then go to SQL).
    text: Option<TextIndex>,
}

impl StatementIndex {
    /// Statements held.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Approximate heap memory held, in bytes.
    pub fn heap_bytes(&self) -> usize {
        let n = self.ids.capacity();
        n * 8
            + self.published.heap_bytes()
            + self.kind.capacity()
            + 4 * (self.speaker_id.capacity()
                + self.speaker_fold.capacity()
                + self.outlet.capacity())
            + self.kinds.heap_bytes()
            + self.speaker_ids.heap_bytes()
            + self.speaker_folds.heap_bytes()
            + (self.speaker_folds_lower.iter())
                .map(|f| f.len() + 16)
                .sum::<usize>()
            + self.outlets.heap_bytes()
            + lists_bytes(&self.by_kind)
            + lists_bytes(&self.by_speaker_id)
            + lists_bytes(&self.by_speaker_fold)
            + lists_bytes(&self.by_outlet)
            + self.actors.heap_bytes()
            + self.items.heap_bytes()
            + self.text.as_ref().map_or(0, TextIndex::heap_bytes)
    }

    /// The JSON of [`Store::statements`]`(q)` (a [`crate::Page`] of
    /// [`crate::StatementRow`]), byte for byte; None when `q`'s search text is one this
    /// model does not answer.
    pub fn statements_json(&self, q: &StatementQuery) -> Option<Vec<u8>> {
        let limit = cap(q.limit);
        let (total, rows) = self.find(q, limit)?;
        let body: usize = rows
            .iter()
            .map(|&r| self.items.get(r as usize).len() + 1)
            .sum();
        let mut out = Vec::with_capacity(body + 64);
        out.extend_from_slice(b"{\"items\":[");
        for (i, &r) in rows.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(self.items.get(r as usize));
        }
        // Writing to a Vec cannot fail.
        let _ = write!(
            out,
            "],\"total\":{total},\"limit\":{limit},\"offset\":{}}}",
            q.offset
        );
        Some(out)
    }

    /// The ids of [`Store::statements`]`(q)`'s items and its total; None as for
    /// [`StatementIndex::statements_json`].
    pub fn statement_ids(&self, q: &StatementQuery) -> Option<(Vec<i64>, u64)> {
        let (total, rows) = self.find(q, cap(q.limit))?;
        Some((rows.iter().map(|&r| self.ids[r as usize]).collect(), total))
    }

    /// About how many posting entries answering `q`'s search text reads: the work beyond
    /// walking one list of statements, which every query may do. A caller can keep a
    /// search over very common words off a thread that must stay responsive.
    pub fn text_cost(&self, q: &StatementQuery) -> usize {
        let Some(text) = &self.text else {
            return 0;
        };
        let terms = q.q.as_deref().map(search_terms).unwrap_or_default();
        let mut cost = 0;
        for t in &terms {
            let SearchTerm::Phrase {
                text: phrase,
                prefix,
            } = t
            else {
                continue;
            };
            let tokens = ascii_tokens(phrase).unwrap_or_default();
            for (j, token) in tokens.iter().enumerate() {
                let terms = text.terms_for(token, *prefix && j + 1 == tokens.len());
                cost +=
                    text.term_entries[terms.end] as usize - text.term_entries[terms.start] as usize;
            }
        }
        cost
    }

    /// How many statements match and the page's statement numbers.
    fn find(&self, q: &StatementQuery, limit: usize) -> Option<(u64, Vec<u32>)> {
        // SQLite rejects an OFFSET beyond i64; that answer is SQL's to give.
        if i64::try_from(q.offset).is_err() {
            return None;
        }
        let terms = q.q.as_deref().map(search_terms).unwrap_or_default();
        let text = if terms.is_empty() {
            None
        } else {
            Some(self.text.as_ref()?.search(&terms)?)
        };
        let Some((range, constraints)) = self.filters(q) else {
            return Some((0, Vec::new()));
        };
        Some(match text {
            None => self.listing(range, &constraints, q.offset, limit),
            Some(m) => self.ranked(&m, range, &constraints, q.offset, limit),
        })
    }

    /// The filters of `q` as a range of numbers (the dates) and constraints; None when one
    /// of them matches nothing.
    fn filters(&self, q: &StatementQuery) -> Option<(Range<usize>, Vec<Constraint<'_>>)> {
        let mut out = Vec::new();
        if let Some(name) = q.speaker.as_deref().filter(|n| !n.trim().is_empty()) {
            out.push(self.speaker(name));
        }
        if let Some(id) = &q.actor_id {
            let s = self.speaker_ids.get(id)?;
            out.push(Constraint {
                check: Check::SpeakerId(s),
                rows: Some(Cow::Borrowed(&self.by_speaker_id[s as usize])),
            });
        }
        if let Some(outlet) = &q.outlet {
            let o = self.outlets.get(&outlet.to_ascii_lowercase())?;
            out.push(Constraint {
                check: Check::Outlet(o),
                rows: Some(Cow::Borrowed(&self.by_outlet[o as usize])),
            });
        }
        if let Some(kind) = q.kind {
            let k = self.kinds.get(kind.as_str())?;
            out.push(Constraint {
                check: Check::Kind(k as u8),
                rows: Some(Cow::Borrowed(&self.by_kind[k as usize])),
            });
        }
        Some((self.dates(q.since, q.until), out))
    }

    /// Statements whose `published` text is on or after `since` and before the day after
    /// `until`, compared as text as SQL does; every statement when neither bound applies.
    fn dates(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Range<usize> {
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let from = since.map(day);
        let before = until.and_then(|d| d.succ_opt()).map(day);
        if from.is_none() && before.is_none() {
            return 0..self.ids.len();
        }
        // Dated statements come first, newest first: each bound cuts one end.
        let dated = self.published.len();
        let at_or_after = |key: &str| partition(dated, |i| self.published.get(i) >= key.as_bytes());
        let end = from.as_deref().map_or(dated, at_or_after);
        let start = before.as_deref().map_or(0, at_or_after);
        start..end.max(start)
    }

    fn speaker(&self, name: &str) -> Constraint<'_> {
        let actors = self.actors.resolve(name);
        if actors.is_empty() {
            // No actor by that name: a substring of the folded speaker, any ASCII case.
            // `LIKE '%key%'`: ASCII letters in any case, so both sides ASCII lower-cased.
            let key = fold(name).to_ascii_lowercase();
            let folds: Vec<bool> = self
                .speaker_folds_lower
                .iter()
                .map(|f| f.contains(key.as_str()))
                .collect();
            let lists: Vec<&[u32]> = folds
                .iter()
                .zip(&self.by_speaker_fold)
                .filter(|(hit, _)| **hit)
                .map(|(_, l)| l.as_slice())
                .collect();
            return Constraint {
                rows: self.one_list(&lists),
                check: Check::Fold(folds),
            };
        }
        let mut ids = vec![false; self.speaker_ids.len()];
        let mut folds = vec![false; self.speaker_folds.len()];
        for &a in &actors {
            let s = self.actors.speaker[a as usize];
            if s != NONE {
                ids[s as usize] = true;
            }
            for &f in &self.actors.names[a as usize] {
                folds[f as usize] = true;
            }
        }
        let lists: Vec<&[u32]> = actors
            .iter()
            .map(|&a| self.actors.rows[a as usize].as_slice())
            .collect();
        Constraint {
            rows: self.one_list(&lists),
            check: Check::Speaker { ids, folds },
        }
    }

    /// The union of sorted lists as one list, when that is cheap next to checking each
    /// statement; None otherwise.
    fn one_list<'a>(&self, lists: &[&'a [u32]]) -> Option<Cow<'a, [u32]>> {
        match lists {
            [] => Some(Cow::Borrowed(&[])),
            [one] => Some(Cow::Borrowed(one)),
            _ => {
                let n: usize = lists.iter().map(|l| l.len()).sum();
                (n <= self.ids.len() / MERGE_FRACTION).then(|| Cow::Owned(union(lists)))
            }
        }
    }

    fn passes(&self, check: &Check, r: usize) -> bool {
        match check {
            Check::Kind(k) => self.kind[r] == *k,
            Check::Outlet(o) => self.outlet[r] == *o,
            Check::SpeakerId(s) => self.speaker_id[r] == *s,
            Check::Speaker { ids, folds } => match self.speaker_id[r] {
                NONE => self.speaker_fold[r] != NONE && folds[self.speaker_fold[r] as usize],
                s => ids[s as usize],
            },
            Check::Fold(folds) => {
                self.speaker_fold[r] != NONE && folds[self.speaker_fold[r] as usize]
            }
        }
    }

    /// Unranked: walk the shortest list (or the date range), check the other filters.
    fn listing(
        &self,
        range: Range<usize>,
        constraints: &[Constraint<'_>],
        offset: usize,
        limit: usize,
    ) -> (u64, Vec<u32>) {
        let mut driver: Option<(usize, &[u32])> = None;
        for (i, c) in constraints.iter().enumerate() {
            if let Some(rows) = &c.rows {
                let rows = within(rows, &range);
                let shorter =
                    driver.map_or(rows.len() < range.len(), |(_, d)| rows.len() < d.len());
                if shorter {
                    driver = Some((i, rows));
                }
            }
        }
        let checks: Vec<&Check> = constraints
            .iter()
            .enumerate()
            .filter(|(i, _)| driver.is_none_or(|(d, _)| d != *i))
            .map(|(_, c)| &c.check)
            .collect();
        let page = |n: usize| offset.min(n)..offset.saturating_add(limit).min(n);
        match driver {
            None if checks.is_empty() => (
                range.len() as u64,
                page(range.len())
                    .map(|i| (range.start + i) as u32)
                    .collect(),
            ),
            Some((_, rows)) if checks.is_empty() => {
                (rows.len() as u64, rows[page(rows.len())].to_vec())
            }
            _ => {
                let walk: Box<dyn Iterator<Item = u32>> = match driver {
                    None => Box::new(range.map(|r| r as u32)),
                    Some((_, rows)) => Box::new(rows.iter().copied()),
                };
                let (mut total, mut items) = (0usize, Vec::new());
                for r in walk {
                    if checks.iter().all(|c| self.passes(c, r as usize)) {
                        if total >= offset && items.len() < limit {
                            items.push(r);
                        }
                        total += 1;
                    }
                }
                (total as u64, items)
            }
        }
    }

    /// Ranked by FTS5's bm25 (`ORDER BY rank, id`).
    fn ranked(
        &self,
        m: &TextMatch,
        range: Range<usize>,
        constraints: &[Constraint<'_>],
        offset: usize,
        limit: usize,
    ) -> (u64, Vec<u32>) {
        let ranks = self.ranks(m, |r| {
            range.contains(&r) && constraints.iter().all(|c| self.passes(&c.check, r))
        });
        let total = ranks.len();
        let end = offset.saturating_add(limit).min(total);
        if offset >= end {
            return (total as u64, Vec::new());
        }
        // (rank, id) as integers: ids are unique, so the tuple's order is the result order.
        let mut keyed: Vec<(u64, i64, u32)> = (ranks.into_iter())
            .map(|(rank, id, r)| (rank_order(rank), id, r))
            .collect();
        if end < total {
            keyed.select_nth_unstable(end);
            keyed.truncate(end);
        }
        keyed.sort_unstable();
        (total as u64, keyed[offset..].iter().map(|s| s.2).collect())
    }

    /// (rank, id, number) of the matched statements that `keep` keeps: FTS5's `rank`,
    /// computed as `fts5Bm25Function` does, in the same order of operations, so the values
    /// are the same to the bit.
    fn ranks(&self, m: &TextMatch, keep: impl Fn(usize) -> bool) -> Vec<(f64, i64, u32)> {
        let text = self
            .text
            .as_ref()
            .expect("a text match comes from the text index");
        let mut cursor = vec![0usize; m.phrases.len()];
        let mut scored = Vec::with_capacity(m.rows().len());
        for &r in m.rows() {
            let ru = r as usize;
            if !keep(ru) {
                continue;
            }
            let norm = text.doc_norm[ru];
            let mut score = 0.0f64;
            for (i, p) in m.phrases.iter().enumerate() {
                let c = &mut cursor[i];
                while *c < p.rows.len() && p.rows[*c] < r {
                    *c += 1;
                }
                let freq = if p.rows.get(*c) == Some(&r) {
                    f64::from(p.freq.get(*c))
                } else {
                    0.0
                };
                score += m.idf[i] * ((freq * (K1 + 1.0)) / (freq + norm));
            }
            // FTS5 returns `-1.0 * score`: the same bits as negating.
            scored.push((-score, self.ids[ru], r));
        }
        scored
    }

    /// Every statement matching the search text `q`, as (id, rank) by id; None as for
    /// [`StatementIndex::statements_json`].
    #[cfg(test)]
    pub(crate) fn text_ranks(&self, q: &str) -> Option<Vec<(i64, f64)>> {
        let m = self.text.as_ref()?.search(&search_terms(q))?;
        let mut out: Vec<(i64, f64)> = self
            .ranks(&m, |_| true)
            .iter()
            .map(|s| (s.1, s.0))
            .collect();
        out.sort_unstable_by_key(|s| s.0);
        Some(out)
    }
}

/// A varint as SQLite and FTS5 write them: big-endian 7-bit groups, the ninth byte whole.
fn varint(b: &[u8]) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for i in 0..9 {
        let c = *b.get(i)?;
        if i == 8 {
            return Some(((v << 8) | u64::from(c), 9));
        }
        v = (v << 7) | u64::from(c & 0x7f);
        if c & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

fn text_at<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a str> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

fn blob_at<'a>(r: &'a rusqlite::Row, i: usize) -> rusqlite::Result<&'a [u8]> {
    r.get_ref(i)?
        .as_blob()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Blob, Box::new(e)))
}

/// Every varint in `b`.
fn varints(mut b: &[u8]) -> Vec<u64> {
    let mut out = Vec::new();
    while let Some((v, n)) = varint(b) {
        out.push(v);
        b = &b[n..];
    }
    out
}

impl Store {
    /// Build a [`StatementIndex`] from one snapshot of the store; None when it holds more
    /// than `max_statements` statements (the caller then keeps to SQL).
    pub fn statement_index(&self, max_statements: usize) -> Result<Option<StatementIndex>> {
        // The FTS5 index's tokens, readable as rows; a temp table, so a read-only handle
        // can make it, and it stays for the next rebuild.
        self.conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.statements_fts_instance
             USING fts5vocab(main, statements_fts, instance)",
        )?;
        // One read transaction: every table as of one commit.
        let tx = self.conn.unchecked_transaction()?;
        let n: i64 = tx.query_row("SELECT count(*) FROM statements", [], |r| r.get(0))?;
        if n as u64 > max_statements as u64 {
            return Ok(None);
        }
        let Some(mut ix) = self.index_rows(n as usize)? else {
            return Ok(None);
        };
        self.index_actors(&mut ix)?;
        ix.text = self.index_text(&ix.ids)?;
        tx.commit()?;
        Ok(Some(ix))
    }

    fn index_rows(&self, n: usize) -> Result<Option<StatementIndex>> {
        let mut ix = StatementIndex {
            ids: Vec::with_capacity(n),
            published: Strings::default(),
            kind: Vec::with_capacity(n),
            kinds: Dict::default(),
            speaker_id: Vec::with_capacity(n),
            speaker_ids: Dict::default(),
            speaker_fold: Vec::with_capacity(n),
            speaker_folds: Dict::default(),
            speaker_folds_lower: Vec::new(),
            outlet: Vec::with_capacity(n),
            outlets: Dict::default(),
            by_kind: Vec::new(),
            by_speaker_id: Vec::new(),
            by_speaker_fold: Vec::new(),
            by_outlet: Vec::new(),
            actors: Actors::default(),
            items: Strings::default(),
            text: None,
        };
        let sql = format!(
            "SELECT {STATEMENT_COLS}, s.speaker_fold FROM statements s {STATEMENT_JOINS}
             ORDER BY s.published DESC NULLS LAST, s.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query([])?;
        let mut json = Vec::new();
        let intern = |d: &mut Dict, v: Option<&str>| v.map_or(NONE, |v| d.intern(v));
        while let Some(r) = rows.next()? {
            let row = statement_row(r)?;
            let fold: Option<String> = r.get(19)?;
            ix.ids.push(row.id);
            match &row.published {
                Some(p) if ix.published.len() == ix.ids.len() - 1 => {
                    ix.published.push(p.as_bytes())
                }
                // NULLS LAST: a dated row after an undated one would break the order.
                Some(_) => return Ok(None),
                None => {}
            }
            let kind = ix.kinds.intern(&row.kind);
            if kind > u32::from(u8::MAX) {
                return Ok(None);
            }
            ix.kind.push(kind as u8);
            ix.speaker_id
                .push(intern(&mut ix.speaker_ids, row.speaker_id.as_deref()));
            ix.speaker_fold
                .push(intern(&mut ix.speaker_folds, fold.as_deref()));
            let outlet = row.outlet.as_deref().map(str::to_ascii_lowercase);
            ix.outlet.push(intern(&mut ix.outlets, outlet.as_deref()));
            json.clear();
            serde_json::to_writer(&mut json, &row)?;
            ix.items.push(&json);
        }
        let lists = |values: &[u32], n: usize| {
            let mut out = vec![Vec::new(); n];
            for (r, &v) in values.iter().enumerate() {
                if v != NONE {
                    out[v as usize].push(r as u32);
                }
            }
            out
        };
        let kinds: Vec<u32> = ix.kind.iter().map(|&k| u32::from(k)).collect();
        ix.by_kind = lists(&kinds, ix.kinds.len());
        ix.by_speaker_id = lists(&ix.speaker_id, ix.speaker_ids.len());
        ix.by_speaker_fold = lists(&ix.speaker_fold, ix.speaker_folds.len());
        ix.by_outlet = lists(&ix.outlet, ix.outlets.len());
        ix.speaker_folds_lower = (ix.speaker_folds.names.iter())
            .map(|f| f.to_ascii_lowercase().into())
            .collect();
        ix.published.bytes.shrink_to_fit();
        ix.items.bytes.shrink_to_fit();
        Ok(Some(ix))
    }

    fn index_actors(&self, ix: &mut StatementIndex) -> Result<()> {
        let a = &mut ix.actors;
        let mut st = self.conn.prepare("SELECT id FROM actors")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id = a.ids.intern(text_at(r, 0)?);
            a.listed.resize(a.ids.len(), false);
            a.listed[id as usize] = true;
        }
        let mut names: Vec<(u32, String)> = Vec::new();
        let mut st = self
            .conn
            .prepare("SELECT actor_id, name_fold FROM actor_names")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id = a.ids.intern(text_at(r, 0)?);
            names.push((id, r.get(1)?));
        }
        let n = a.ids.len();
        a.listed.resize(n, false);
        a.names = vec![Vec::new(); n];
        for (id, name) in names {
            if let Some(f) = ix.speaker_folds.get(&name) {
                a.names[id as usize].push(f);
            }
            let lower = name.to_ascii_lowercase();
            for (i, _) in lower.match_indices(' ') {
                a.by_name_end
                    .entry(lower[i + 1..].into())
                    .or_default()
                    .push(id);
            }
            a.by_name.entry(name.into()).or_default().push(id);
        }
        // Unresolved statements by spelling, to add to each actor's own.
        let mut unresolved = vec![Vec::new(); ix.speaker_folds.len()];
        for (r, (&s, &f)) in ix.speaker_id.iter().zip(&ix.speaker_fold).enumerate() {
            if s == NONE && f != NONE {
                unresolved[f as usize].push(r as u32);
            }
        }
        a.speaker = (0..n)
            .map(|i| ix.speaker_ids.get(&a.ids.names[i]).unwrap_or(NONE))
            .collect();
        a.rows = (0..n)
            .map(|i| {
                let mut lists: Vec<&[u32]> = a.names[i]
                    .iter()
                    .map(|&f| unresolved[f as usize].as_slice())
                    .collect();
                if a.speaker[i] != NONE {
                    lists.push(&ix.by_speaker_id[a.speaker[i] as usize]);
                }
                union(&lists)
            })
            .collect();
        Ok(())
    }

    /// A copy of the FTS5 index; None when a position does not fit this model's encoding.
    fn index_text(&self, ids: &[i64]) -> Result<Option<TextIndex>> {
        let number: HashMap<i64, u32> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i as u32))
            .collect();
        let columns: Vec<String> = self
            .conn
            .prepare("SELECT name FROM pragma_table_info('statements_fts')")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if columns.len() > (u32::MAX >> COLUMN_SHIFT) as usize {
            return Ok(None);
        }
        let mut term_numbers: HashMap<Box<str>, u32> = HashMap::new();
        let mut terms: Vec<Box<str>> = Vec::new();
        let mut occ: Vec<(u32, u32, u32)> = Vec::new();
        let mut st = self
            .conn
            .prepare("SELECT term, doc, col, offset FROM temp.statements_fts_instance")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let term = text_at(r, 0)?;
            let t = match term_numbers.get(term) {
                Some(&t) => t,
                None => {
                    let t = terms.len() as u32;
                    terms.push(term.into());
                    term_numbers.insert(term.into(), t);
                    t
                }
            };
            let Some(&row) = number.get(&r.get::<_, i64>(1)?) else {
                return Ok(None); // an index entry without its row: leave search to FTS5
            };
            let col = text_at(r, 2)?;
            let Some(col) = columns.iter().position(|c| c == col) else {
                return Ok(None);
            };
            let offset: i64 = r.get(3)?;
            if !(0..=i64::from(OFFSET_MASK)).contains(&offset) {
                return Ok(None);
            }
            occ.push((t, row, (col as u32) << COLUMN_SHIFT | offset as u32));
        }
        drop(rows);
        if occ.len() >= u32::MAX as usize {
            return Ok(None);
        }
        // Number terms in byte order, then group occurrences by term and statement.
        let mut order: Vec<u32> = (0..terms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            terms[a as usize]
                .as_bytes()
                .cmp(terms[b as usize].as_bytes())
        });
        let mut rank = vec![0u32; terms.len()];
        let mut sorted = Strings::default();
        for (i, &t) in order.iter().enumerate() {
            rank[t as usize] = i as u32;
            sorted.push(terms[t as usize].as_bytes());
        }
        for o in &mut occ {
            o.0 = rank[o.0 as usize];
        }
        occ.sort_unstable();
        let mut text = TextIndex {
            terms: sorted,
            term_entries: Vec::with_capacity(terms.len() + 1),
            entry_row: Vec::new(),
            entry_positions: Vec::new(),
            positions: Vec::with_capacity(occ.len()),
            doc_norm: Vec::new(),
            total_rows: 0,
        };
        let mut last: Option<(u32, u32)> = None;
        for &(t, row, pos) in &occ {
            while text.term_entries.len() <= t as usize {
                text.term_entries.push(text.entry_row.len() as u32);
            }
            if last != Some((t, row)) {
                text.entry_row.push(row);
                text.entry_positions.push(text.positions.len() as u32);
                text.entry_row.shrink_to_fit();
                text.entry_positions.shrink_to_fit();
                last = Some((t, row));
            }
            text.positions.push(pos);
        }
        while text.term_entries.len() <= terms.len() {
            text.term_entries.push(text.entry_row.len() as u32);
        }
        text.entry_positions.push(text.positions.len() as u32);
        text.entry_row.shrink_to_fit();
        text.entry_positions.shrink_to_fit();

        let mut st = self
            .conn
            .prepare("SELECT id, sz FROM statements_fts_docsize")?;
        let mut rows = st.query([])?;
        let mut doc_len = vec![0u32; ids.len()];
        while let Some(r) = rows.next()? {
            if let Some(&row) = number.get(&r.get::<_, i64>(0)?) {
                let sizes = varints(blob_at(r, 1)?);
                doc_len[row as usize] = sizes.iter().sum::<u64>() as u32;
            }
        }
        // FTS5's averages record: rows, then tokens per column.
        let averages: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT block FROM statements_fts_data WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let totals = averages.as_deref().map(varints).unwrap_or_default();
        let Some((&rows, per_column)) = totals.split_first() else {
            return Ok(if ids.is_empty() { Some(text) } else { None });
        };
        text.total_rows = rows as i64;
        let total_tokens = per_column.iter().sum::<u64>() as i64;
        let avgdl = total_tokens as f64 / text.total_rows as f64;
        text.doc_norm = (doc_len.iter())
            .map(|&d| K1 * (1.0 - B + B * f64::from(d) / avgdl))
            .collect();
        Ok(Some(text))
    }
}
