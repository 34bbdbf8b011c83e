//! Finding and linking mentions in one text: one automaton pass over knowledge-base
//! aliases, demonyms and role phrases, one token pass for capitalised name sequences
//! and pronouns, then a left-to-right pass that links surnames, titles, roles and
//! pronouns to the people the document has already named.

use std::sync::LazyLock;

use chrono::NaiveDate;
use verbatim_core::{Doc, Mention, MentionKind, Span};

use crate::kb::{ActorKind, ActorRef, Gender, Kb, Pat};
use crate::norm::{fold_word, name_key, names_compatible, provisional_id, words_close};

/// The date in force at each position of a document: the article's, else the page's.
pub(crate) struct Dates {
    /// (start, end, date) of blocks that belong to a dated article.
    blocks: Vec<(u32, u32, Option<NaiveDate>)>,
    default: Option<NaiveDate>,
}

impl Dates {
    pub(crate) fn fixed(day: Option<NaiveDate>) -> Dates {
        Dates {
            blocks: Vec::new(),
            default: day,
        }
    }

    pub(crate) fn of(doc: &Doc) -> Dates {
        let default = doc.meta.published.map(|d| d.date_naive());
        let arts = &doc.layers.articles;
        let blocks = doc
            .layers
            .blocks
            .iter()
            .filter_map(|b| {
                let a = arts.get(b.article? as usize)?;
                // A live-blog entry without its own date takes its parent's.
                let d = a.published.or_else(|| {
                    a.parent
                        .and_then(|p| arts.get(p as usize))
                        .and_then(|p| p.published)
                });
                Some((b.span.start, b.span.end, d.map(|d| d.date_naive())))
            })
            .collect();
        Dates { blocks, default }
    }

    fn at(&self, pos: u32) -> Option<NaiveDate> {
        let i = self.blocks.partition_point(|b| b.1 <= pos);
        match self.blocks.get(i) {
            Some(&(s, _, d)) if s <= pos => d.or(self.default),
            _ => self.default,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: u32,
    e: u32,
    cap: bool,
    /// Crosses a hyphen or apostrophe, so holds more than one word start.
    joined: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum UnitKind {
    Pat(Pat),
    /// Capitalised tokens `toks[a..b]` that no pattern covered.
    Cap(u32, u32),
    Pronoun(Option<Gender>),
}

#[derive(Clone, Copy, Debug)]
struct Unit {
    span: Span,
    kind: UnitKind,
}

/// A person the document has named, for linking later surnames, roles and pronouns.
struct DocPerson {
    id: String,
    name: String,
    key: String,
    /// Where the key's last word (the surname) starts: read per candidate in hot loops.
    last_at: u32,
    gender: Option<Gender>,
    /// (canonical role, jurisdiction) the document or the KB gives them.
    roles: Vec<(String, Option<String>)>,
    last_seen: u32,
    /// Named in full in the document (not only by a surname, role or pronoun).
    named: bool,
    /// Called by the bare surname after being named in full.
    by_surname: bool,
}

impl DocPerson {
    fn surname(&self) -> &str {
        &self.key[self.last_at as usize..]
    }

    fn set_key(&mut self, key: String) {
        self.last_at = last_word_at(&key);
        self.key = key;
    }
}

/// The start of the last space-separated word.
fn last_word_at(key: &str) -> u32 {
    key.rfind(' ').map_or(0, |i| i as u32 + 1)
}

/// What a resolved mention adds for the pronoun pass.
#[derive(Clone, Copy)]
struct Info {
    person: Option<usize>,
    /// A bare surname the KB settled by a prior (office, recency) among namesakes:
    /// the document's own full name, even a later one, overrides it.
    weak: bool,
}

const PRONOUNS: &[(&str, Option<Gender>)] = &[
    ("he", Some(Gender::Male)),
    ("him", Some(Gender::Male)),
    ("his", Some(Gender::Male)),
    ("himself", Some(Gender::Male)),
    ("she", Some(Gender::Female)),
    ("her", Some(Gender::Female)),
    ("hers", Some(Gender::Female)),
    ("herself", Some(Gender::Female)),
];

/// Capitalised words that start sentences or name times, never part of a name.
const STOP: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "asked",
    "at",
    "be",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "few",
    "following",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "later",
    "let",
    "many",
    "meanwhile",
    "more",
    "most",
    "much",
    "my",
    "new",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "people",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "read",
    "said",
    "says",
    "see",
    "she",
    "since",
    "so",
    "some",
    "speaking",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "today",
    "tomorrow",
    "under",
    "until",
    "up",
    "upon",
    "we",
    "well",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "without",
    "would",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "photo",
    "file",
    "image",
    "video",
    "gmt",
    "utc",
    "est",
    "edt",
    "am",
    "pm",
    "advertisement",
    "updated",
    "posted",
    "published",
    "watch",
    "listen",
    "click",
    "share",
    "twitter",
    "facebook",
    "telegram",
    "instagram",
    "youtube",
    "whatsapp",
    "email",
    "reply",
    "comment",
];

/// Words that make a preceding or following capitalised word a person's name.
const HONORIFICS: &[(&str, Option<Gender>)] = &[
    ("mr", Some(Gender::Male)),
    ("mrs", Some(Gender::Female)),
    ("ms", Some(Gender::Female)),
    ("miss", Some(Gender::Female)),
    ("sir", Some(Gender::Male)),
    ("dame", Some(Gender::Female)),
    ("lord", Some(Gender::Male)),
    ("lady", Some(Gender::Female)),
    ("dr", None),
    ("prof", None),
    ("professor", None),
    ("sen", None),
    ("senator", None),
    ("rep", None),
    ("representative", None),
    ("congressman", Some(Gender::Male)),
    ("congresswoman", Some(Gender::Female)),
    ("gov", None),
    ("governor", None),
    ("gen", None),
    ("general", None),
    ("col", None),
    ("colonel", None),
    ("maj", None),
    ("major", None),
    ("lt", None),
    ("lieutenant", None),
    ("capt", None),
    ("captain", None),
    ("sgt", None),
    ("sergeant", None),
    ("adm", None),
    ("admiral", None),
    ("deputy", None),
    ("assistant", None),
    ("acting", None),
    ("former", None),
    ("ambassador", None),
    ("envoy", None),
    ("mayor", None),
    ("judge", None),
    ("justice", None),
    ("director", None),
    ("chairman", Some(Gender::Male)),
    ("chairwoman", Some(Gender::Female)),
    ("commissioner", None),
    ("commander", None),
    ("adviser", None),
    ("advisor", None),
    ("aide", None),
    ("spokesman", Some(Gender::Male)),
    ("spokeswoman", Some(Gender::Female)),
    ("propagandist", None),
    ("correspondent", None),
    ("reporter", None),
    ("journalist", None),
    ("analyst", None),
    ("pope", Some(Gender::Male)),
    ("king", Some(Gender::Male)),
    ("queen", Some(Gender::Female)),
    ("prince", Some(Gender::Male)),
    ("princess", Some(Gender::Female)),
    ("sheikh", Some(Gender::Male)),
    ("rev", None),
    ("father", Some(Gender::Male)),
];

/// Last words that make a capitalised sequence an organisation.
const ORG_HEADS: &[&str] = &[
    "agency",
    "ministry",
    "department",
    "council",
    "committee",
    "party",
    "union",
    "organisation",
    "organization",
    "association",
    "institute",
    "university",
    "bank",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "group",
    "times",
    "post",
    "news",
    "herald",
    "press",
    "service",
    "office",
    "commission",
    "court",
    "parliament",
    "assembly",
    "army",
    "forces",
    "embassy",
    "foundation",
    "fund",
    "center",
    "centre",
    "network",
    "tribune",
    "journal",
    "gazette",
    "daily",
    "wire",
    "radio",
    "television",
    "tv",
    "channel",
    "guard",
    "police",
    "navy",
    "command",
    "directorate",
    "bureau",
    "authority",
    "federation",
    "alliance",
    "movement",
    "front",
    "brigade",
    "battalion",
    "regiment",
    "staff",
    "club",
    "board",
    "administration",
    "secretariat",
    "senate",
    "congress",
    "cabinet",
    "government",
    "presidency",
    "college",
    "school",
    "academy",
    "hospital",
    "clinic",
    "realty",
    "awards",
    "prize",
    "society",
    "trust",
    "capital",
    "partners",
    "holdings",
    "llc",
    "museum",
    "library",
    "church",
    "theatre",
    "theater",
    "studios",
    "records",
    "airlines",
    "industries",
    "technologies",
    "media",
    "magazine",
    "review",
    "weekly",
    "campaign",
    "caucus",
    "coalition",
    "initiative",
    "project",
    "conference",
    "summit",
    "forum",
    "institution",
    "program",
    "programme",
    "county",
];

/// Surnames that are also everyday words: never linked without a full name first.
const COMMON_SURNAMES: &[&str] = &[
    "may", "price", "rice", "brown", "power", "bush", "paul", "graham", "warren", "carter", "king",
    "young", "white", "black", "green", "page", "walker", "hunt", "cook", "gates", "banks", "rand",
    "ryan", "kelly", "miller", "wallace", "costa", "michel", "johnson", "jones", "smith", "lee",
    "li", "wang", "john", "james", "austin", "sullivan", "lynch", "stone", "short", "little",
    "long", "mark", "francis", "hope", "grant", "cohen",
];

/// Particles that may sit inside a name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "von", "van", "der", "de", "den", "al", "bin", "ibn", "da", "di", "la", "le", "du", "dos",
    "del",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// ASCII letters and digits, by byte: one load in the tokenizer's inner loop.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Words: alphanumeric runs, joined across an inner hyphen or apostrophe
/// ("Thomas-Greenfield", "O'Brien"), but not across a possessive "'s".
fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    let n = b.len();
    while i < n {
        let c = b[i];
        // ASCII punctuation and spaces: most non-word bytes, skipped without decoding.
        if c < 0x80 && !ALNUM[c as usize] {
            i += 1;
            continue;
        }
        let (ch, w) = if c < 0x80 {
            (c as char, 1)
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            (ch, ch.len_utf8())
        };
        if !is_word_char(ch) {
            i += w;
            continue;
        }
        let s = i;
        let cap = ch.is_uppercase();
        let mut joined = false;
        i += w;
        loop {
            if i >= n {
                break;
            }
            let c = b[i];
            if c < 0x80 {
                if ALNUM[c as usize] {
                    i += 1;
                    continue;
                }
                if (c == b'-' || c == b'\'') && i + 1 < n && ALNUM[b[i + 1] as usize] {
                    if c == b'\'' && is_possessive(b, i + 1) {
                        break;
                    }
                    joined = true;
                    i += 1;
                    continue;
                }
                break;
            }
            let ch = text[i..].chars().next().unwrap_or(' ');
            if is_word_char(ch) {
                i += ch.len_utf8();
                continue;
            }
            if ch == '’'
                && i + 3 < n
                && b[i + 3].is_ascii_alphanumeric()
                && !is_possessive(b, i + 3)
            {
                joined = true;
                i += 3;
                continue;
            }
            break;
        }
        toks.push(Tok {
            s: s as u32,
            e: i as u32,
            cap,
            joined,
        });
    }
    toks
}

/// Calls `f` at each position of a word character not preceded by one, in order: token
/// starts, and inside joined tokens the starts after their hyphens and apostrophes. A plain
/// loop: as a flat-mapped iterator this cost more than the prefilter it feeds.
fn for_each_word_start(text: &str, toks: &[Tok], mut f: impl FnMut(usize)) {
    for t in toks {
        let (s, e) = (t.s as usize, t.e as usize);
        f(s);
        // Joined tokens are rare: the plain definition is cheap enough there.
        if t.joined {
            for i in s + 1..e {
                if text.is_char_boundary(i)
                    && !char_before(text, i).is_some_and(is_word_char)
                    && char_at(text, i).is_some_and(is_word_char)
                {
                    f(i);
                }
            }
        }
    }
}

/// `b[at..]` starts with "s" (or "S") followed by a non-letter.
fn is_possessive(b: &[u8], at: usize) -> bool {
    (b[at] == b's' || b[at] == b'S') && b.get(at + 1).is_none_or(|c| !c.is_ascii_alphanumeric())
}

fn case_ok(found: &str, pattern: &str) -> bool {
    if found == pattern {
        return true;
    }
    // Sentence-initial capitals: "The Kremlin" for "the Kremlin".
    let mut f = found.chars();
    let mut p = pattern.chars();
    if let (Some(a), Some(b)) = (f.next(), p.next()) {
        if a.to_lowercase().eq(b.to_lowercase()) && f.as_str() == p.as_str() {
            return true;
        }
    }
    // An all-caps rendering ("RUSSIA has …", "NATO") of a capitalised name.
    let mut letters = 0;
    for c in found.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2 && pattern.chars().next().is_some_and(char::is_uppercase)
}

/// What the word lists say about one word (lowercase key).
#[derive(Clone, Copy, Default)]
struct WordInfo {
    stop: bool,
    org_head: bool,
    common_surname: bool,
    particle: bool,
    honorific: Option<Option<Gender>>,
    pronoun: Option<Option<Gender>>,
}

/// The word lists as an open-addressing table keyed by the word packed into a u128
/// (lowercase bytes, length in the top byte): `word` runs for nearly every token, and a
/// byte-wise hash map lookup was the scan's single hottest function.
struct WordTable {
    keys: Box<[u128]>,
    infos: Box<[WordInfo]>,
}

const WORD_SLOTS: usize = 1 << 11;

/// Longest word the table can hold; the lists stop at 14 bytes.
const WORD_MAX: usize = 15;

#[inline]
fn pack_word(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > WORD_MAX {
        return None;
    }
    // A fixed 16-byte loop the compiler vectorises.
    let mut buf = [0u8; 16];
    buf[..w.len()].copy_from_slice(w);
    for b in buf.iter_mut() {
        *b = b.to_ascii_lowercase();
    }
    buf[15] = w.len() as u8;
    Some(u128::from_le_bytes(buf))
}

#[inline]
fn word_slot(k: u128) -> usize {
    let h = (k as u64 ^ ((k >> 64) as u64).rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> (64 - WORD_SLOTS.trailing_zeros())) as usize
}

impl WordTable {
    fn entry(&mut self, w: &str) -> &mut WordInfo {
        let k = pack_word(w.as_bytes()).expect("list words are short");
        let mut i = word_slot(k);
        while self.keys[i] != 0 && self.keys[i] != k {
            i = (i + 1) % WORD_SLOTS;
        }
        self.keys[i] = k;
        &mut self.infos[i]
    }

    #[inline]
    fn get(&self, w: &[u8]) -> WordInfo {
        let Some(k) = pack_word(w) else {
            return WordInfo::default();
        };
        let mut i = word_slot(k);
        loop {
            let x = self.keys[i];
            if x == k {
                return self.infos[i];
            }
            if x == 0 {
                return WordInfo::default();
            }
            i = (i + 1) % WORD_SLOTS;
        }
    }
}

static WORDS: LazyLock<WordTable> = LazyLock::new(|| {
    let mut m = WordTable {
        keys: vec![0; WORD_SLOTS].into_boxed_slice(),
        infos: vec![WordInfo::default(); WORD_SLOTS].into_boxed_slice(),
    };
    for w in STOP {
        m.entry(w).stop = true;
    }
    for w in ORG_HEADS {
        m.entry(w).org_head = true;
    }
    for w in COMMON_SURNAMES {
        m.entry(w).common_surname = true;
    }
    for w in PARTICLES {
        m.entry(w).particle = true;
    }
    for (w, g) in HONORIFICS {
        m.entry(w).honorific = Some(*g);
    }
    for (w, g) in PRONOUNS {
        m.entry(w).pronoun = Some(*g);
    }
    m
});

/// Word-list facts for a word, in any case; no hashing of bytes, no allocation.
#[inline]
fn word(w: &str) -> WordInfo {
    WORDS.get(w.as_bytes())
}

/// The gap between two units, classified.
#[derive(PartialEq, Clone, Copy)]
enum Gap {
    /// Spaces only.
    Space,
    /// A possessive: "'s " / "’s ".
    Possessive,
    /// " of " or " of the ".
    Of,
    Other,
}

fn gap(text: &str, a: usize, b: usize) -> Gap {
    if a > b {
        return Gap::Other;
    }
    let g = &text[a..b];
    if !g.is_empty() && g.bytes().all(|c| c == b' ') {
        return Gap::Space;
    }
    let t = g.trim_end_matches(' ');
    if (t == "'s" || t == "’s" || t == "'" || t == "’") && g.len() > t.len() {
        return Gap::Possessive;
    }
    let t = g.trim();
    if t.eq_ignore_ascii_case("of") || t.eq_ignore_ascii_case("of the") {
        return Gap::Of;
    }
    Gap::Other
}

struct Scanner<'a> {
    text: &'a str,
    kb: &'a Kb,
    dates: &'a Dates,
    toks: Vec<Tok>,
    units: Vec<Unit>,
    persons: Vec<DocPerson>,
    out: Vec<(Mention, Info)>,
    /// A person already resolved for a unit (a name right after its title).
    pre: Vec<Option<Option<(Mention, Info)>>>,
    consumed: Vec<bool>,
}

/// Find and link the mentions in `text`.
pub(crate) fn scan(text: &str, dates: &Dates, kb: &Kb) -> Vec<Mention> {
    let mut sc = Scanner {
        text,
        kb,
        dates,
        toks: tokenize(text),
        units: Vec::new(),
        persons: Vec::new(),
        out: Vec::new(),
        pre: Vec::new(),
        consumed: Vec::new(),
    };
    sc.build_units();
    sc.pre = vec![None; sc.units.len()];
    sc.consumed = vec![false; sc.units.len()];
    for k in 0..sc.units.len() {
        sc.unit(k);
    }
    // A surname the KB could not settle, named in full later: "Trump … Donald Trump".
    for (m, info) in sc.out.iter_mut() {
        if m.kind != MentionKind::Person || m.actor_id.is_some() && !info.weak {
            continue;
        }
        let key = fold_word(&text[m.span.range()]);
        let mut hits = sc
            .persons
            .iter()
            .enumerate()
            .filter(|(_, p)| p.named && p.surname() == key && p.key.len() > key.len());
        if let (Some((i, p)), None) = (hits.next(), hits.next()) {
            m.actor_id = Some(p.id.clone());
            m.actor = Some(p.name.clone());
            info.person = Some(i);
        }
    }
    // A provisional person named in full only later takes that name's id everywhere.
    let persons = &sc.persons;
    let mut out: Vec<Mention> = sc
        .out
        .into_iter()
        .map(|(mut m, info)| {
            if let Some(p) = info.person.and_then(|p| persons.get(p)) {
                if m.actor_id.as_deref().is_some_and(|id| id.starts_with("p:")) {
                    m.actor_id = Some(p.id.clone());
                    m.actor = Some(p.name.clone());
                }
            }
            m
        })
        .collect();
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    out
}

/// The first role a phrase names, resolved on `on` (for [`Kb::resolve_role`]).
pub(crate) fn role_phrase(kb: &Kb, phrase: &str, on: Option<NaiveDate>) -> Option<ActorRef> {
    let m = scan(phrase, &Dates::fixed(on), kb)
        .into_iter()
        .find(|m| m.kind == MentionKind::Role)?;
    kb.get(m.actor_id.as_deref()?).map(|a| ActorRef {
        id: a.id.clone(),
        name: a.name.clone(),
        kind: a.kind,
        gender: a.gender,
    })
}

impl<'a> Scanner<'a> {
    fn build_units(&mut self) {
        let text = self.text;
        let kb = self.kb;
        let mut hits: Vec<Unit> = Vec::new();
        let mut push = |s: usize, e: usize, pid: usize| {
            if char_before(text, s).is_some_and(is_word_char)
                || char_at(text, e).is_some_and(is_word_char)
            {
                return;
            }
            let (pat, any_case) = kb.pats[pid];
            if !any_case && !case_ok(&text[s..e], &kb.pat_text[pid]) {
                return;
            }
            hits.push(Unit {
                span: Span::new(s, e),
                kind: UnitKind::Pat(pat),
            });
        };
        if kb.starts.word_starts {
            // Only matches at word starts survive the boundary check, so try the
            // automaton anchored there, after a 4-byte prefilter, skipping what a match
            // covered as the unanchored leftmost-longest search would. One difference:
            // a match starting mid-word no longer hides one at a word start it overlaps
            // (none in PolNeAR; the hidden one was the right match).
            let b = text.as_bytes();
            let mut next = 0;
            for_each_word_start(text, &self.toks, |q| {
                if q < next || !kb.starts.may_start(&b[q..]) {
                    return;
                }
                let input = aho_corasick::Input::new(text)
                    .range(q..)
                    .anchored(aho_corasick::Anchored::Yes);
                if let Some(m) = kb.ac.find(input) {
                    next = m.end();
                    push(m.start(), m.end(), m.pattern().as_usize());
                }
            });
        } else {
            for m in kb.ac.find_iter(text) {
                push(m.start(), m.end(), m.pattern().as_usize());
            }
        }
        let toks = &self.toks;
        let mut units = Vec::with_capacity(hits.len() * 2 + 16);
        let mut h = 0;
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            while h < hits.len() && hits[h].span.end <= t.s {
                units.push(hits[h]);
                h += 1;
            }
            if h < hits.len() && hits[h].span.start <= t.s {
                i += 1;
                continue;
            }
            // Lowercase words matter only as pronouns (he/him/his/himself, she/her/…):
            // skip the lookup for the rest.
            let b0 = text.as_bytes()[t.s as usize];
            if !t.cap && !matches!(b0, b'h' | b's') {
                i += 1;
                continue;
            }
            let info0 = word(&text[t.s as usize..t.e as usize]);
            if let Some(g) = info0.pronoun {
                units.push(Unit {
                    span: Span::new(t.s as usize, t.e as usize),
                    kind: UnitKind::Pronoun(g),
                });
                i += 1;
                continue;
            }
            if !t.cap {
                i += 1;
                continue;
            }
            if info0.stop {
                i += 1;
                continue;
            }
            // A capitalised sequence: words joined by spaces (or "Mr. "), ending at a
            // pattern hit, punctuation or a stop word.
            let a = i;
            let mut b = i + 1;
            while b < toks.len() {
                let prev = toks[b - 1];
                let next = toks[b];
                if h < hits.len() && hits[h].span.start < next.e {
                    break;
                }
                let g = &text[prev.e as usize..next.s as usize];
                let honor_dot = g == ". "
                    && word(&text[prev.s as usize..prev.e as usize])
                        .honorific
                        .is_some();
                if g != " " && !honor_dot {
                    break;
                }
                let w = &text[next.s as usize..next.e as usize];
                if next.cap {
                    let info = word(w);
                    if info.stop || info.pronoun.is_some() {
                        break;
                    }
                } else if !(word(w).particle && toks.get(b + 1).is_some_and(|t| t.cap)) {
                    break;
                }
                b += 1;
                if b - a >= 6 {
                    break;
                }
            }
            units.push(Unit {
                span: Span::new(toks[a].s as usize, toks[b - 1].e as usize),
                kind: UnitKind::Cap(a as u32, b as u32),
            });
            i = b;
        }
        units.extend_from_slice(&hits[h..]);
        self.units = units;
    }

    fn on(&self, pos: u32) -> Option<NaiveDate> {
        self.dates.at(pos)
    }

    fn emit(
        &mut self,
        span: Span,
        kind: MentionKind,
        actor: Option<(String, String)>,
        person: Option<usize>,
    ) {
        let (actor_id, actor) = match actor {
            Some((id, name)) => (Some(id), Some(name)),
            None => (None, None),
        };
        self.out.push((
            Mention {
                span,
                kind,
                actor_id,
                actor,
            },
            Info {
                person,
                weak: false,
            },
        ));
    }

    fn gap_to_next(&self, k: usize) -> Option<(Gap, usize)> {
        let next = self.units.get(k + 1)?;
        Some((
            gap(
                self.text,
                self.units[k].span.end as usize,
                next.span.start as usize,
            ),
            k + 1,
        ))
    }

    fn unit(&mut self, k: usize) {
        if self.consumed[k] {
            return;
        }
        let u = self.units[k];
        if let Some(pre) = self.pre[k].take() {
            if let Some(m) = pre {
                self.out.push(m);
            }
            return;
        }
        match u.kind {
            UnitKind::Pat(Pat::Role(_)) => self.role(k),
            UnitKind::Pat(Pat::Ministry(_)) => self.ministry(k),
            UnitKind::Pat(Pat::Alias(i)) => {
                if self.modifies_next(k) {
                    return;
                }
                let a = &self.kb.actors[i as usize];
                let kind = match a.kind {
                    ActorKind::Person => {
                        let m = self.kb_person(k, i);
                        self.out.push(m);
                        return;
                    }
                    ActorKind::Organisation => MentionKind::Organisation,
                    ActorKind::Outlet => MentionKind::Outlet,
                    ActorKind::Country => MentionKind::Country,
                    ActorKind::Place => MentionKind::Place,
                    ActorKind::Group => MentionKind::Group,
                };
                self.emit(u.span, kind, Some((a.id.clone(), a.name.clone())), None);
            }
            // An adjective alone ("Russian troops") is no actor.
            UnitKind::Pat(Pat::Demonym(_)) => {}
            UnitKind::Pat(Pat::People(c)) => {
                let a = &self.kb.actors[c as usize];
                self.emit(
                    u.span,
                    MentionKind::Group,
                    Some((a.id.clone(), a.name.clone())),
                    None,
                );
            }
            UnitKind::Pronoun(g) => self.pronoun(u.span, g),
            UnitKind::Cap(..) => {
                if let Some(m) = self.cap(k) {
                    self.out.push(m);
                }
            }
        }
    }

    /// A country, organisation or demonym that qualifies a role or ministry right after.
    fn modifies_next(&self, k: usize) -> bool {
        match self.gap_to_next(k) {
            Some((Gap::Space | Gap::Possessive, n)) => {
                matches!(
                    self.units[n].kind,
                    UnitKind::Pat(Pat::Role(_) | Pat::Ministry(_))
                )
            }
            _ => false,
        }
    }

    /// The jurisdiction a unit names when it qualifies a role: a country or org id, or
    /// for an unknown adjective ("Valdorian"), its folded form marked with `?`.
    fn jurisdiction(&self, k: usize) -> Option<String> {
        match self.units[k].kind {
            UnitKind::Pat(Pat::Demonym(c)) => Some(self.kb.actors[c as usize].id.clone()),
            UnitKind::Pat(Pat::Alias(i)) => {
                let a = &self.kb.actors[i as usize];
                let ok = matches!(
                    a.kind,
                    ActorKind::Country
                        | ActorKind::Organisation
                        | ActorKind::Outlet
                        | ActorKind::Place
                );
                ok.then(|| a.id.clone())
            }
            UnitKind::Cap(a, b) if b == a + 1 => {
                let t = self.toks[a as usize];
                let w = &self.text[t.s as usize..t.e as usize];
                let lw = w.to_ascii_lowercase();
                let adjective =
                    ["an", "ish", "ese", "ic"].iter().any(|s| lw.ends_with(s)) && w.len() > 4;
                (adjective && !self.kb.is_given_name(&fold_word(w)))
                    .then(|| format!("?{}", fold_word(w)))
            }
            _ => None,
        }
    }

    /// "Russian foreign ministry", "Ukraine's defence ministry": the ministry of the
    /// country before it, when the KB knows it (ids `<country>-mfa` / `<country>-mod`).
    fn ministry_org(&self, k: usize) -> (Span, Option<String>) {
        let u = self.units[k];
        let UnitKind::Pat(Pat::Ministry(foreign)) = u.kind else {
            return (u.span, None);
        };
        if k > 0 {
            let g = gap(
                self.text,
                self.units[k - 1].span.end as usize,
                u.span.start as usize,
            );
            if matches!(g, Gap::Space | Gap::Possessive) {
                if let Some(j) = self.jurisdiction(k - 1) {
                    let id = format!("{j}-{}", if foreign { "mfa" } else { "mod" });
                    let span =
                        Span::new(self.units[k - 1].span.start as usize, u.span.end as usize);
                    return (span, Some(id));
                }
            }
        }
        (u.span, None)
    }

    fn ministry(&mut self, k: usize) {
        if self.modifies_next(k) {
            return;
        }
        let (span, id) = self.ministry_org(k);
        // A ministry the KB does not hold gets a provisional id from its country.
        let actor = id.map(|id| match self.kb.get(&id) {
            Some(a) => (a.id.clone(), a.name.clone()),
            None => (
                provisional_id("o", &id),
                self.text[span.range()].to_string(),
            ),
        });
        self.emit(span, MentionKind::Organisation, actor, None);
    }

    fn role(&mut self, k: usize) {
        let UnitKind::Pat(Pat::Role(r)) = self.units[k].kind else {
            return;
        };
        let text = self.text;
        let mut span = self.units[k].span;
        let def = &self.kb.roles[r as usize];
        let phrase = &text[span.range()];
        let female = def.female.iter().any(|f| f.eq_ignore_ascii_case(phrase));
        let gender = if female { Some(Gender::Female) } else { None };
        let mut role = def.name.clone();
        // Qualifier before: "Russian", "Russia's", "NATO", "Kremlin", "Russian foreign ministry".
        let mut juris = None;
        if k > 0 {
            let p = k - 1;
            let g = gap(text, self.units[p].span.end as usize, span.start as usize);
            if matches!(g, Gap::Space | Gap::Possessive) {
                let (j, s) = match self.units[p].kind {
                    UnitKind::Pat(Pat::Ministry(_)) => {
                        let (s, id) = self.ministry_org(p);
                        (id, s.start)
                    }
                    _ => (self.jurisdiction(p), self.units[p].span.start),
                };
                if j.is_some() {
                    juris = j;
                    span.start = s;
                    if let UnitKind::Cap(..) = self.units[p].kind {
                        self.consumed[p] = true;
                    }
                }
            }
        }
        // Qualifier after: "President of Ukraine", "Secretary General of NATO".
        let mut next = k + 1;
        if juris.is_none() {
            if let Some((Gap::Of, n)) = self.gap_to_next(k) {
                if let Some(j) = self.jurisdiction(n) {
                    juris = Some(j);
                    span.end = self.units[n].span.end;
                    self.consumed[n] = true;
                    next = n + 1;
                    let after = &text[span.end as usize..];
                    // "the head of Russian diplomacy": the foreign minister.
                    let adjective = matches!(
                        self.units[n].kind,
                        UnitKind::Pat(Pat::Demonym(_)) | UnitKind::Cap(..)
                    );
                    let lead =
                        phrase.eq_ignore_ascii_case("head") || phrase.eq_ignore_ascii_case("chief");
                    if adjective && lead && after.starts_with(" diplomacy") {
                        role = "foreign minister".to_string();
                        span.end += " diplomacy".len() as u32;
                    } else if let Some(m) = self.units.get(n + 1).filter(|m| {
                        matches!(m.kind, UnitKind::Pat(Pat::Ministry(_)))
                            && gap(text, span.end as usize, m.span.start as usize) == Gap::Space
                    }) {
                        // "the spokesman of the Russian foreign ministry".
                        let (_, id) = self.ministry_org(n + 1);
                        juris = id.or(juris);
                        span.end = m.span.end;
                        self.consumed[n + 1] = true;
                        next = n + 2;
                    } else if let Some(w) = ["government", "presidency", "cabinet"]
                        .iter()
                        .find(|w| after.strip_prefix(' ').is_some_and(|a| a.starts_with(*w)))
                    {
                        // "the spokesman of the Valdorian government": the country's.
                        span.end += 1 + w.len() as u32;
                    }
                }
            }
        }
        // A title right before a name: "Foreign Minister Sergei Lavrov".
        if let Some(nu) = self.units.get(next) {
            let g = gap(text, span.end as usize, nu.span.start as usize);
            let named = match nu.kind {
                UnitKind::Pat(Pat::Alias(i)) => {
                    self.kb.actors[i as usize].kind == ActorKind::Person
                }
                UnitKind::Cap(..) => true,
                _ => false,
            };
            // "the foreign minister, Sergei Lavrov," needs a determiner or qualifier
            // and a name that resolves without the title's help.
            let comma = &text[span.end as usize..nu.span.start as usize] == ", "
                && (juris.is_some()
                    || tail(&text[..span.start as usize], 4).eq_ignore_ascii_case("the "));
            if (g == Gap::Space || comma) && named {
                let m = match nu.kind {
                    UnitKind::Pat(Pat::Alias(i)) => Some(self.kb_person(next, i)),
                    _ => self.cap_person(next, !comma),
                };
                if let Some(m) = m {
                    if let Some(p) = m.1.person {
                        let entry = (role.clone(), juris.clone());
                        if !self.persons[p].roles.contains(&entry) {
                            self.persons[p].roles.push(entry);
                        }
                        if self.persons[p].gender.is_none() {
                            self.persons[p].gender = gender;
                        }
                    }
                    let actor = m.0.actor_id.clone().zip(m.0.actor.clone());
                    self.emit(span, MentionKind::Role, actor, m.1.person);
                    self.pre[next] = Some(Some(m));
                    return;
                }
            }
        }
        // A standalone role needs a determiner or a qualifier: "the minister",
        // "Russia's top diplomat"; not "a foreign minister" or "foreign ministers".
        let before = text[..span.start as usize].trim_end_matches(' ');
        let lower_tail: String = tail(before, 8).to_ascii_lowercase();
        let word_end = |w: &str| {
            lower_tail.ends_with(w) && {
                let cut = before.len() - w.len();
                !before[..cut].chars().next_back().is_some_and(is_word_char)
            }
        };
        let former = word_end("former") || word_end("ex-");
        let det = word_end("the");
        // "the head" or "the chief" of nothing named is no one we can tell.
        let lead = phrase.eq_ignore_ascii_case("head") || phrase.eq_ignore_ascii_case("chief");
        if juris.is_none() && (!det || lead) {
            return;
        }
        if det {
            span.start = (before.len() - 3) as u32;
        } else if former && before.len() >= 6 {
            span.start = (before.len() - 6) as u32;
        }
        if former {
            self.emit(span, MentionKind::Role, None, None);
            return;
        }
        self.resolve_role(span, &role, juris, gender);
    }

    /// Resolve a standalone role: the KB's holder on the date when the role is
    /// qualified, else the latest person the document gave that role.
    fn resolve_role(
        &mut self,
        span: Span,
        role: &str,
        juris: Option<String>,
        _gender: Option<Gender>,
    ) {
        let on = self.on(span.start);
        let generic = self.kb.roles.iter().any(|r| r.name == role && r.generic);
        let matches = |(r, j): &(String, Option<String>)| {
            let role_ok = r == role || generic && r.split(' ').any(|w| w == role);
            role_ok && (juris.is_none() || j.is_none() || *j == juris)
        };
        let local = self
            .persons
            .iter()
            .enumerate()
            .filter(|(_, p)| p.roles.iter().any(matches))
            .max_by_key(|(_, p)| p.last_seen)
            .map(|(i, _)| i);
        let kb_holder = match (&juris, on) {
            // "NATO chief", "European Council chief": the organisation's head, whatever the title.
            (Some(j), Some(day)) => self.kb.holder(role, j, day).or_else(|| {
                (role == "secretary general")
                    .then(|| self.kb.holder("president", j, day))
                    .flatten()
            }),
            _ => None,
        };
        let person = match (kb_holder, local) {
            (Some(h), _) => Some(self.note_kb_person(&h.id, span.start)),
            (None, Some(p)) => Some(p),
            _ => None,
        };
        let actor = person.map(|p| (self.persons[p].id.clone(), self.persons[p].name.clone()));
        if let Some(p) = person {
            self.persons[p].last_seen = span.start;
        }
        self.emit(span, MentionKind::Role, actor, person);
    }

    /// The doc-person index of a KB person, adding them (with their roles on the date).
    fn note_kb_person(&mut self, id: &str, pos: u32) -> usize {
        if let Some(p) = self.persons.iter().position(|p| p.id == id) {
            self.persons[p].last_seen = pos;
            return p;
        }
        let on = self.on(pos);
        let Some(a) = self.kb.get(id) else {
            return usize::MAX;
        };
        let roles = a
            .roles
            .iter()
            .filter(|r| on.is_none_or(|d| r.holds_on(d)))
            .map(|r| (r.role.clone(), r.jurisdiction.clone()))
            .collect();
        let key = name_key(&a.name);
        self.persons.push(DocPerson {
            id: a.id.clone(),
            name: a.name.clone(),
            last_at: last_word_at(&key),
            key,
            gender: a.gender,
            roles,
            last_seen: pos,
            named: false,
            by_surname: false,
        });
        self.persons.len() - 1
    }

    fn kb_person(&mut self, k: usize, i: u32) -> (Mention, Info) {
        let span = self.units[k].span;
        let id = self.kb.actors[i as usize].id.clone();
        let p = self.note_kb_person(&id, span.start);
        if let Some(dp) = self.persons.get_mut(p) {
            dp.named = true;
        }
        let m = Mention {
            span,
            kind: MentionKind::Person,
            actor_id: Some(id),
            actor: Some(self.persons[p].name.clone()),
        };
        (
            m,
            Info {
                person: Some(p),
                weak: false,
            },
        )
    }

    fn cap(&mut self, k: usize) -> Option<(Mention, Info)> {
        let UnitKind::Cap(a, b) = self.units[k].kind else {
            return None;
        };
        let last = self.toks[b as usize - 1];
        let first = self.toks[a as usize];
        let lw = &self.text[last.s as usize..last.e as usize];
        let fw = &self.text[first.s as usize..first.e as usize];
        if b - a >= 2 && word(lw).org_head && !word(fw).org_head {
            let span = self.units[k].span;
            let name = &self.text[span.range()];
            let id = provisional_id("o", &name_key(name));
            let m = Mention {
                span,
                kind: MentionKind::Organisation,
                actor_id: Some(id),
                actor: Some(name.to_string()),
            };
            return Some((
                m,
                Info {
                    person: None,
                    weak: false,
                },
            ));
        }
        self.cap_person(k, false)
    }

    /// A capitalised sequence as a person: linked to the document's people or the KB,
    /// else a new provisional person when a title or a given name says it is one.
    fn cap_person(&mut self, k: usize, titled: bool) -> Option<(Mention, Info)> {
        let UnitKind::Cap(a, b) = self.units[k].kind else {
            return None;
        };
        let text = self.text;
        let (mut a, b) = (a as usize, b as usize);
        let mut titled = titled;
        let mut gender = None;
        while a < b {
            let t = self.toks[a];
            match word(&text[t.s as usize..t.e as usize]).honorific {
                Some(g) => {
                    titled = true;
                    gender = gender.or(g);
                    a += 1;
                }
                None => break,
            }
        }
        if a == b {
            return None;
        }
        let span = Span::new(self.toks[a].s as usize, self.toks[b - 1].e as usize);
        let surface = &text[span.range()];
        let key = name_key(surface);
        let on = self.on(span.start);
        if let Some(found) = self.link_person(span, &key, on, gender, titled) {
            return Some(found);
        }
        let n_words = key.split(' ').count();
        let first_word = key.split(' ').next().unwrap_or("");
        if n_words >= 2 && (titled || self.kb.is_given_name(first_word)) || n_words == 1 && titled {
            let gender = gender.or_else(|| {
                if n_words >= 2 {
                    self.kb.given_name_gender(first_word)
                } else {
                    None
                }
            });
            let id = provisional_id("p", &key);
            self.persons.push(DocPerson {
                id: id.clone(),
                name: surface.to_string(),
                last_at: last_word_at(&key),
                key,
                gender,
                roles: Vec::new(),
                last_seen: span.start,
                named: true,
                by_surname: false,
            });
            let p = self.persons.len() - 1;
            let m = Mention {
                span,
                kind: MentionKind::Person,
                actor_id: Some(id),
                actor: Some(surface.to_string()),
            };
            return Some((
                m,
                Info {
                    person: Some(p),
                    weak: false,
                },
            ));
        }
        // Title-case headlines ("Lavrov Accuses West"): any single known surname.
        if n_words >= 2 {
            for t in a..b {
                let tk = self.toks[t];
                let s = Span::new(tk.s as usize, tk.e as usize);
                let k1 = fold_word(&text[s.range()]);
                if k1.len() >= 4 {
                    if let Some(found) = self.link_person(s, &k1, on, None, false) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }

    /// Link a name key to a person the document named, or to the KB.
    fn link_person(
        &mut self,
        span: Span,
        key: &str,
        on: Option<NaiveDate>,
        gender: Option<Gender>,
        titled: bool,
    ) -> Option<(Mention, Info)> {
        let surface = &self.text[span.range()];
        // "Le Drian", "von der Leyen": a surname with its particles.
        let particled = key.contains(' ') && word(surface.split(' ').next().unwrap_or("")).particle;
        let full_key = key;
        let key = if particled {
            key.rsplit(' ').next().unwrap_or(key)
        } else {
            key
        };
        let single = !key.contains(' ');
        let mut weak = false;
        // The document's own people first: exact, then spelling variants of a name it
        // already gave (co-occurrence is the evidence: "Lavorov" after "Lavrov").
        let mut local = None;
        // Variant surnames share their first letter (see `words_close`): a cheap gate
        // before `names_compatible`, which runs for every person the document named.
        let key_initial = key.rsplit(' ').next().and_then(|w| w.bytes().next());
        for exact in [true, false] {
            local = self
                .persons
                .iter()
                .enumerate()
                .filter(|(_, p)| gender.is_none() || p.gender.is_none() || p.gender == gender)
                .filter(|(_, p)| {
                    let last = p.surname();
                    if particled {
                        p.key.ends_with(full_key) && p.key.len() > full_key.len()
                    } else if single {
                        if exact {
                            last == key
                        } else {
                            key.len() >= 5 && words_close(last, key)
                        }
                    } else if exact {
                        p.key == key
                    } else {
                        let initial = last.bytes().next();
                        (initial.is_none() || key_initial.is_none() || initial == key_initial)
                            && names_compatible(&p.key, key)
                    }
                })
                // "Cruz" after "Ted Cruz … Cruz … Heidi Cruz": the one the document
                // already calls by the surname, else the latest.
                .max_by_key(|(_, p)| (single && p.by_surname, p.last_seen))
                .map(|(i, _)| i);
            if local.is_some() {
                break;
            }
        }
        let p = match local {
            Some(p) => p,
            None => {
                // A title ("Speaker Ryan", "Mrs. May") makes even an everyday word a name.
                if single && word(surface).common_surname && !titled || particled {
                    return None;
                }
                let i = match self.kb.full_keys.get(key) {
                    Some(v) => self.kb.pick(v, on, gender),
                    None => self.kb.person_by_key(key, on, gender),
                };
                weak = single && self.kb.surnames.get(key).is_some_and(|v| v.len() > 1);
                match i {
                    Some(i) => {
                        let id = self.kb.actors[i as usize].id.clone();
                        self.note_kb_person(&id, span.start)
                    }
                    None if single && self.kb.surnames.contains_key(key) => {
                        // A KB surname shared by several people: a person, unresolved.
                        let m = Mention {
                            span,
                            kind: MentionKind::Person,
                            actor_id: None,
                            actor: None,
                        };
                        return Some((
                            m,
                            Info {
                                person: None,
                                weak: false,
                            },
                        ));
                    }
                    None => return None,
                }
            }
        };
        let dp = &mut self.persons[p];
        dp.last_seen = span.start;
        dp.by_surname |= single && !particled && dp.named;
        dp.named |= !single;
        // A fuller name than the one we had (a provisional person's full name).
        if dp.id.starts_with("p:") && surface.len() > dp.name.len() && !single {
            dp.name = surface.to_string();
            dp.set_key(key.to_string());
            dp.id = provisional_id("p", key);
        }
        let m = Mention {
            span,
            kind: MentionKind::Person,
            actor_id: Some(dp.id.clone()),
            actor: Some(dp.name.clone()),
        };
        Some((
            m,
            Info {
                person: Some(p),
                weak,
            },
        ))
    }

    /// He/she and their forms: the latest person of a compatible gender, nearby.
    fn pronoun(&mut self, span: Span, g: Option<Gender>) {
        const REACH: u32 = 1500;
        let mut found = None;
        for (m, info) in self.out.iter().rev() {
            if span.start.saturating_sub(m.span.end) > REACH {
                break;
            }
            let Some(p) = info.person else { continue };
            if !matches!(
                m.kind,
                MentionKind::Person | MentionKind::Role | MentionKind::Pronoun
            ) || p >= self.persons.len()
            {
                continue;
            }
            let pg = self.persons[p].gender;
            if g.is_some() && pg.is_some() && pg != g {
                continue;
            }
            found = Some(p);
            break;
        }
        let actor = found.map(|p| (self.persons[p].id.clone(), self.persons[p].name.clone()));
        if let Some(p) = found {
            self.persons[p].last_seen = span.start;
        }
        self.emit(span, MentionKind::Pronoun, actor, found);
    }
}

/// The last `n` bytes of `s` or a little fewer, on a char boundary.
fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}
