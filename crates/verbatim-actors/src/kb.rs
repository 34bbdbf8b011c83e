//! The knowledge base: actors with aliases and dated roles, plus the lexicons the
//! mention finder needs (role phrases, given names), compiled into one automaton.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::norm::{fold_word, given_compatible, name_key, words_close, FastMap};

/// What an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    Organisation,
    /// A news outlet or agency (a relay of statements).
    Outlet,
    Country,
    Place,
    Group,
}

impl ActorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::Outlet => "outlet",
            ActorKind::Country => "country",
            ActorKind::Place => "place",
            ActorKind::Group => "group",
        }
    }
    fn parse(s: &str) -> Option<ActorKind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "person" | "people" => ActorKind::Person,
            "organisation" | "organization" | "org" => ActorKind::Organisation,
            "outlet" | "media" => ActorKind::Outlet,
            "country" => ActorKind::Country,
            "place" => ActorKind::Place,
            "group" => ActorKind::Group,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    fn parse(s: &str) -> Option<Gender> {
        match s.trim().to_ascii_lowercase().as_str() {
            "m" | "male" => Some(Gender::Male),
            "f" | "female" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// One spell in a role: `role` (canonical, e.g. "foreign minister") for a country or an
/// organisation (`jurisdiction`: a country id like "ru" or an org id like "nato"),
/// from `start` (inclusive) to `end` (exclusive); open ends are unbounded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSpell {
    pub role: String,
    pub jurisdiction: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl RoleSpell {
    /// Whether the spell covers `day`.
    pub fn holds_on(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day < e)
    }
}

/// A canonical actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    /// Other names, abbreviations and transliterations.
    pub aliases: Vec<String>,
    pub gender: Option<Gender>,
    /// Country id (e.g. "ru") the actor belongs to; for a place, the country it is in.
    pub country: Option<String>,
    pub roles: Vec<RoleSpell>,
    /// For a country: adjectives ("Russian") used in role phrases.
    pub demonyms: Vec<String>,
    /// For a country: its people ("Russians"), mentioned as a group.
    pub plurals: Vec<String>,
}

/// A light reference to a resolved actor, as the statements stage needs it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub gender: Option<Gender>,
}

/// Errors reading a knowledge-base file.
#[derive(Debug)]
pub enum KbError {
    Io(std::path::PathBuf, std::io::Error),
    Toml(String),
    Csv(String),
    Invalid(String),
}

impl std::fmt::Display for KbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KbError::Io(p, e) => write!(f, "reading {}: {e}", p.display()),
            KbError::Toml(e) => write!(f, "knowledge base TOML: {e}"),
            KbError::Csv(e) => write!(f, "knowledge base CSV: {e}"),
            KbError::Invalid(e) => write!(f, "knowledge base: {e}"),
        }
    }
}

impl std::error::Error for KbError {}

// ---- file format -------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileEntry {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    gender: Option<String>,
    country: Option<String>,
    #[serde(default)]
    roles: Vec<FileRole>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    plurals: Vec<String>,
    /// Only in `[[actor]]` tables, where the kind is not given by the table name.
    kind: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileRole {
    role: String,
    org: Option<String>,
    country: Option<String>,
    start: Option<String>,
    end: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct KbFile {
    #[serde(default)]
    person: Vec<FileEntry>,
    #[serde(default)]
    org: Vec<FileEntry>,
    #[serde(default)]
    outlet: Vec<FileEntry>,
    #[serde(default)]
    country: Vec<FileEntry>,
    #[serde(default)]
    place: Vec<FileEntry>,
    #[serde(default)]
    group: Vec<FileEntry>,
    #[serde(default)]
    actor: Vec<FileEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleFile {
    role: Vec<RoleDef>,
}

/// A canonical role and the phrases that name it.
#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    pub name: String,
    pub phrases: Vec<String>,
    /// Matches any held role that has this as one of its words ("the minister").
    #[serde(default)]
    pub generic: bool,
    /// Feminine form: the holder is a woman ("spokeswoman").
    #[serde(default)]
    pub female: Vec<String>,
}

/// Parse "2014", "2014-06" or "2014-06-07". `end` gives the day after the period.
fn parse_date(s: &str, end: bool) -> Result<NaiveDate, KbError> {
    let bad = || KbError::Invalid(format!("bad date {s:?} (want YYYY, YYYY-MM or YYYY-MM-DD)"));
    let parts: Vec<&str> = s.trim().split('-').collect();
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    let y = nums[0] as i32;
    let d = match nums.len() {
        1 if end => NaiveDate::from_ymd_opt(y + 1, 1, 1),
        1 => NaiveDate::from_ymd_opt(y, 1, 1),
        2 => {
            let first = NaiveDate::from_ymd_opt(y, nums[1], 1).ok_or_else(bad)?;
            if end {
                first.checked_add_months(chrono::Months::new(1))
            } else {
                Some(first)
            }
        }
        3 => NaiveDate::from_ymd_opt(y, nums[1], nums[2]),
        _ => None,
    };
    d.ok_or_else(bad)
}

// ---- the compiled knowledge base ---------------------------------------------------

/// What an automaton pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pat {
    /// An actor's name or alias; matched case-exactly (or in all caps).
    Alias(u32),
    /// A country's adjective ("Russian"); case-exact.
    Demonym(u32),
    /// A country's people ("Russians"); case-exact.
    People(u32),
    /// A role phrase (index into `roles`); any case.
    Role(u16),
    /// "foreign ministry" (true) or "defence ministry" (false); any case.
    Ministry(bool),
}

/// The first four bytes (ASCII-lowercased) of every pattern, hashed into a bit set;
/// patterns of two or three bytes go in a second set, one-byte ones pass every text
/// starting with that byte.
#[derive(Debug)]
pub(crate) struct StartFilter {
    grams: Box<[u64]>,
    /// Two- and three-byte patterns (the zero fourth byte keeps them apart).
    threes: Box<[u64]>,
    short: [bool; 256],
    /// Every pattern starts with a word character, so only word starts need trying.
    pub(crate) word_starts: bool,
}

const GRAM_BITS: u32 = 18;

impl StartFilter {
    fn new(patterns: &[String]) -> StartFilter {
        let mut f = StartFilter {
            grams: vec![0; 1 << (GRAM_BITS - 6)].into_boxed_slice(),
            threes: vec![0; 1 << (GRAM_BITS - 6)].into_boxed_slice(),
            short: [false; 256],
            word_starts: true,
        };
        let set = |bits: &mut [u64], h: usize| bits[h >> 6] |= 1 << (h & 63);
        for p in patterns {
            let b = p.as_bytes();
            f.word_starts &= p.chars().next().is_some_and(char::is_alphanumeric);
            match b.len() {
                0 => {}
                1 => f.short[b[0].to_ascii_lowercase() as usize] = true,
                2 | 3 => set(&mut f.threes, Self::hash(b, b.len())),
                _ => set(&mut f.grams, Self::hash(b, 4)),
            }
        }
        f
    }

    /// A hash of the first `n` (up to 4) bytes, ASCII-lowercased.
    #[inline]
    fn hash(b: &[u8], n: usize) -> usize {
        let mut k = [0u8; 4];
        for (d, s) in k.iter_mut().zip(&b[..n]) {
            *d = s.to_ascii_lowercase();
        }
        (u32::from_le_bytes(k).wrapping_mul(0x9e37_79b1) >> (32 - GRAM_BITS)) as usize
    }

    /// Whether some pattern may start at the beginning of `b` (false: none does).
    #[inline]
    pub(crate) fn may_start(&self, b: &[u8]) -> bool {
        let has = |bits: &[u64], h: usize| bits[h >> 6] & (1 << (h & 63)) != 0;
        if b.len() < 4 || self.short[b[0].to_ascii_lowercase() as usize] {
            return !b.is_empty();
        }
        has(&self.threes, Self::hash(b, 2))
            || has(&self.threes, Self::hash(b, 3))
            || has(&self.grams, Self::hash(b, 4))
    }
}

/// The knowledge base: read-only once built, shared by every document.
#[derive(Debug)]
pub struct Kb {
    pub(crate) actors: Vec<Actor>,
    pub(crate) by_id: HashMap<String, u32>,
    pub(crate) roles: Vec<RoleDef>,
    /// Folded full-name key → persons.
    pub(crate) full_keys: FastMap<String, Vec<u32>>,
    /// Folded surname → persons.
    pub(crate) surnames: FastMap<String, Vec<u32>>,
    /// Surname keys by first byte, for fuzzy lookups.
    surname_buckets: HashMap<u8, Vec<String>>,
    /// Folded given name → gender, from the given-name list and KB persons.
    pub(crate) given: FastMap<String, Option<Gender>>,
    /// (canonical role, jurisdiction) → (person, spell index).
    pub(crate) holders: HashMap<(String, String), Vec<(u32, u32)>>,
    pub(crate) ac: AhoCorasick,
    pub(crate) pats: Vec<(Pat, bool)>,
    pub(crate) pat_text: Vec<String>,
    /// Which word starts can begin a pattern: lets the scan run the automaton anchored
    /// at a few word starts instead of over every byte.
    pub(crate) starts: StartFilter,
    /// Role phrase (lowercase) → role index, for canonicalising KB role strings.
    role_phrase: HashMap<String, u16>,
    /// Multi-word key → candidates, before the date and gender pick: fuzzy surname
    /// matching is the scan's costliest step, and names recur across documents.
    cands: Mutex<FastMap<String, Arc<[u32]>>>,
}

/// Cached keys kept before the cache starts over (bounds a long-running server).
const CANDS_MAX: usize = 1 << 16;

impl Default for Kb {
    fn default() -> Kb {
        Kb::builtin()
    }
}

const BUILTIN: &[&str] = &[
    include_str!("../kb/countries.toml"),
    include_str!("../kb/places.toml"),
    include_str!("../kb/orgs.toml"),
    include_str!("../kb/outlets.toml"),
    include_str!("../kb/persons_us.toml"),
    include_str!("../kb/persons_world.toml"),
];
const ROLES: &str = include_str!("../kb/roles.toml");
const GIVEN: &str = include_str!("../kb/given_names.txt");

impl Kb {
    /// The built-in knowledge base (embedded TOML, parsed and compiled here: tens of ms,
    /// so build it once and share it, or use [`Kb::builtin_shared`]).
    pub fn builtin() -> Kb {
        let roles: RoleFile = toml::from_str(ROLES).expect("built-in roles.toml parses");
        let mut actors = Vec::new();
        for src in BUILTIN {
            let file: KbFile = toml::from_str(src).expect("built-in knowledge base parses");
            let phrase = role_phrase_map(&roles.role);
            actors.extend(file_actors(file, &phrase).expect("built-in knowledge base is valid"));
        }
        Kb::compile(actors, roles.role)
    }

    /// The built-in knowledge base, built once per process and shared (tests, helpers
    /// that need lookups without holding a `Kb`).
    pub fn builtin_shared() -> &'static Kb {
        static KB: std::sync::LazyLock<Kb> = std::sync::LazyLock::new(Kb::builtin);
        &KB
    }

    /// A knowledge base from TOML text in the built-in format (tests, embedding).
    pub fn from_toml(text: &str) -> Result<Kb, KbError> {
        let roles: RoleFile = toml::from_str(ROLES).expect("built-in roles.toml parses");
        let file: KbFile = toml::from_str(text).map_err(|e| KbError::Toml(e.to_string()))?;
        let actors = file_actors(file, &role_phrase_map(&roles.role))?;
        Ok(Kb::compile(actors, roles.role))
    }

    /// Apply a user's TOML or CSV file (by extension; CSV if it ends in `.csv`):
    /// an actor with an existing id replaces it, a new id adds one.
    ///
    /// TOML: `[[person]]`, `[[org]]`, `[[outlet]]`, `[[country]]`, `[[place]]`,
    /// `[[group]]` (or `[[actor]]` with `kind`) tables with `id`, `name`, `aliases`,
    /// `gender`, `country`, `roles = [{ role, org | country, start, end }]`.
    /// CSV header: `id,kind,name,aliases,gender,country,role,org,start,end`
    /// (aliases `;`-separated; one row per role, repeated ids add roles).
    pub fn with_overrides(self, path: &Path) -> Result<Kb, KbError> {
        let text = std::fs::read_to_string(path).map_err(|e| KbError::Io(path.to_path_buf(), e))?;
        let is_csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if is_csv {
            self.with_csv(&text)
        } else {
            self.with_toml(&text)
        }
    }

    /// Apply overrides given as TOML text (see [`Kb::with_overrides`]).
    pub fn with_toml(self, text: &str) -> Result<Kb, KbError> {
        let file: KbFile = toml::from_str(text).map_err(|e| KbError::Toml(e.to_string()))?;
        let new = file_actors(file, &self.role_phrase)?;
        Ok(self.merge(new))
    }

    /// Apply overrides given as CSV text (see [`Kb::with_overrides`]).
    pub fn with_csv(self, text: &str) -> Result<Kb, KbError> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| KbError::Csv(e.to_string()))?
            .clone();
        let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(cid), Some(cname)) = (col("id"), col("name")) else {
            return Err(KbError::Csv("header needs at least `id` and `name`".into()));
        };
        let (ckind, calias, cgender, ccountry) =
            (col("kind"), col("aliases"), col("gender"), col("country"));
        let (crole, corg, cstart, cend) = (col("role"), col("org"), col("start"), col("end"));
        let mut entries: Vec<FileEntry> = Vec::new();
        for (line, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(|e| KbError::Csv(e.to_string()))?;
            let get = |c: Option<usize>| {
                c.and_then(|c| rec.get(c))
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let id = get(Some(cid))
                .ok_or_else(|| KbError::Csv(format!("row {}: empty id", line + 2)))?;
            let role = get(crole).map(|role| FileRole {
                role,
                org: get(corg),
                country: None,
                start: get(cstart),
                end: get(cend),
            });
            if let Some(e) = entries.iter_mut().find(|e| e.id == id) {
                e.roles.extend(role);
                continue;
            }
            let mut role = role;
            if let Some(r) = role.as_mut() {
                if r.org.is_none() {
                    r.country = get(ccountry);
                }
            }
            entries.push(FileEntry {
                id,
                name: get(Some(cname)).unwrap_or_default(),
                aliases: get(calias)
                    .map(|a| {
                        a.split(';')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
                gender: get(cgender),
                country: get(ccountry),
                roles: role.into_iter().collect(),
                kind: Some(get(ckind).unwrap_or_else(|| "person".into())),
                ..FileEntry::default()
            });
        }
        let file = KbFile {
            actor: entries,
            ..KbFile::default()
        };
        let new = file_actors(file, &self.role_phrase)?;
        Ok(self.merge(new))
    }

    fn merge(self, new: Vec<Actor>) -> Kb {
        let Kb {
            mut actors,
            roles,
            by_id,
            ..
        } = self;
        for a in new {
            match by_id.get(&a.id) {
                Some(&i) => actors[i as usize] = a,
                None => actors.push(a),
            }
        }
        Kb::compile(actors, roles)
    }

    fn compile(mut actors: Vec<Actor>, roles: Vec<RoleDef>) -> Kb {
        // Later duplicates of an id replace earlier ones.
        let mut by_id: HashMap<String, u32> = HashMap::new();
        let mut keep: Vec<Actor> = Vec::with_capacity(actors.len());
        for a in actors.drain(..) {
            match by_id.get(&a.id) {
                Some(&i) => keep[i as usize] = a,
                None => {
                    by_id.insert(a.id.clone(), keep.len() as u32);
                    keep.push(a);
                }
            }
        }
        let actors = keep;
        let role_phrase = role_phrase_map(&roles);

        let mut given: FastMap<String, Option<Gender>> = FastMap::default();
        for line in GIVEN.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (g, names) = line.split_once(':').unwrap_or(("", line));
            let gender = Gender::parse(g);
            for n in names.split(',') {
                let k = fold_word(n);
                if !k.is_empty() {
                    given
                        .entry(k)
                        .and_modify(|e| {
                            if *e != gender {
                                *e = None
                            }
                        })
                        .or_insert(gender);
                }
            }
        }

        let mut full_keys: FastMap<String, Vec<u32>> = FastMap::default();
        let mut surnames: FastMap<String, Vec<u32>> = FastMap::default();
        let mut holders: HashMap<(String, String), Vec<(u32, u32)>> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pats: Vec<(Pat, bool)> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut add = |text: &str,
                       pat: Pat,
                       any_case: bool,
                       patterns: &mut Vec<String>,
                       pats: &mut Vec<(Pat, bool)>| {
            let text = text.trim();
            if text.is_empty() {
                return;
            }
            // Straight and curly apostrophes, accents and none.
            let mut forms = vec![text.to_string(), deunicode::deunicode(text)];
            if text.contains('\'') {
                forms.push(text.replace('\'', "’"));
            }
            for t in forms {
                // First writer wins: countries and places load before people.
                if seen.contains_key(&t) {
                    continue;
                }
                seen.insert(t.clone(), patterns.len());
                patterns.push(t);
                pats.push((pat, any_case));
            }
        };
        for (i, a) in actors.iter().enumerate() {
            let i = i as u32;
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                add(n, Pat::Alias(i), false, &mut patterns, &mut pats);
                if a.kind == ActorKind::Person {
                    let k = name_key(n);
                    if let Some(last) = k.rsplit(' ').next() {
                        let v = surnames.entry(last.to_string()).or_default();
                        if !v.contains(&i) {
                            v.push(i);
                        }
                        let first = k.split(' ').next().unwrap_or("");
                        if first != last {
                            given.entry(first.to_string()).or_insert(a.gender);
                        }
                    }
                    let v = full_keys.entry(k).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
            for d in &a.demonyms {
                add(d, Pat::Demonym(i), false, &mut patterns, &mut pats);
            }
            for p in &a.plurals {
                add(p, Pat::People(i), false, &mut patterns, &mut pats);
            }
            for (si, s) in a.roles.iter().enumerate() {
                let j = s.jurisdiction.clone().unwrap_or_default();
                holders
                    .entry((s.role.clone(), j))
                    .or_default()
                    .push((i, si as u32));
            }
        }
        for (ri, r) in roles.iter().enumerate() {
            for p in r.phrases.iter().chain(&r.female) {
                add(p, Pat::Role(ri as u16), true, &mut patterns, &mut pats);
            }
        }
        for p in [
            "foreign ministry",
            "foreign office",
            "ministry of foreign affairs",
            "foreign affairs ministry",
        ] {
            add(p, Pat::Ministry(true), true, &mut patterns, &mut pats);
        }
        for p in [
            "defence ministry",
            "defense ministry",
            "ministry of defence",
            "ministry of defense",
        ] {
            add(p, Pat::Ministry(false), true, &mut patterns, &mut pats);
        }
        let mut surname_buckets: HashMap<u8, Vec<String>> = HashMap::new();
        for k in surnames.keys() {
            if let Some(&b) = k.as_bytes().first() {
                surname_buckets.entry(b).or_default().push(k.clone());
            }
        }
        // A DFA: a few MB more than the NFA, and the scan's hottest loop.
        let ac = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Both)
            .build(&patterns)
            .expect("knowledge-base automaton builds");
        let starts = StartFilter::new(&patterns);
        Kb {
            actors,
            by_id,
            roles,
            full_keys,
            surnames,
            surname_buckets,
            given,
            holders,
            ac,
            pats,
            pat_text: patterns,
            starts,
            role_phrase,
            cands: Mutex::default(),
        }
    }

    /// Every actor, in knowledge-base order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i as usize])
    }

    /// The canonical roles the knowledge base knows, with their phrases.
    pub fn roles(&self) -> &[RoleDef] {
        &self.roles
    }

    pub(crate) fn actor_ref(&self, i: u32) -> ActorRef {
        let a = &self.actors[i as usize];
        ActorRef {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            gender: a.gender,
        }
    }

    /// The gender a given name usually carries, if the name lists know it.
    pub fn given_name_gender(&self, given: &str) -> Option<Gender> {
        self.given.get(&fold_word(given)).copied().flatten()
    }

    /// Whether some person in the knowledge base has `surname` (any case) as their surname.
    pub fn knows_surname(&self, surname: &str) -> bool {
        self.surnames.contains_key(&name_key(surname))
    }

    /// Whether `given` (any case or accents) is a given name the knowledge base lists.
    pub fn knows_given_name(&self, given: &str) -> bool {
        self.given.contains_key(&fold_word(given))
    }

    pub(crate) fn is_given_name(&self, folded: &str) -> bool {
        self.given.contains_key(folded)
    }

    /// Who held `role` (canonical or any phrase for it) for `jurisdiction` (country or
    /// org id) on `day`: `Some` only when exactly one person did.
    pub fn holder(&self, role: &str, jurisdiction: &str, day: NaiveDate) -> Option<ActorRef> {
        let role = self.canonical_role(role)?;
        let list = self
            .holders
            .get(&(role.to_string(), jurisdiction.to_string()))?;
        let mut found = list
            .iter()
            .filter(|(a, s)| self.actors[*a as usize].roles[*s as usize].holds_on(day));
        let first = found.next()?;
        if found.any(|x| x.0 != first.0) {
            return None;
        }
        Some(self.actor_ref(first.0))
    }

    /// The canonical role a phrase names ("top diplomat" → "foreign minister").
    pub fn canonical_role(&self, phrase: &str) -> Option<&str> {
        let p = phrase.trim().to_lowercase();
        self.role_phrase
            .get(&p)
            .map(|&i| self.roles[i as usize].name.as_str())
    }

    /// Resolve a name as written ("Sergey Lavrov", "Zhelensky", "NATO", "Kyiv") to a
    /// knowledge-base actor. `on` (the article's date) breaks ties between people who
    /// share a surname by who held a role then. Unknown names give `None`.
    pub fn resolve_name(&self, surface: &str, on: Option<NaiveDate>) -> Option<ActorRef> {
        let surface = surface.trim();
        // Exact alias (as written, or in any case).
        for m in self.ac.find_iter(surface) {
            if m.start() == 0 && m.end() == surface.len() {
                if let (Pat::Alias(i), _) = self.pats[m.pattern().as_usize()] {
                    return Some(self.actor_ref(i));
                }
            }
        }
        let key = name_key(surface);
        if key.is_empty() {
            return None;
        }
        if let Some(v) = self.full_keys.get(&key) {
            if let Some(i) = self.pick(v, on, None) {
                return Some(self.actor_ref(i));
            }
        }
        self.person_by_key(&key, on, None)
            .map(|i| self.actor_ref(i))
    }

    /// A person by folded key: full names with variant surname and compatible given
    /// name; a bare surname only when one person (active on `on`, if given) carries it.
    pub(crate) fn person_by_key(
        &self,
        key: &str,
        on: Option<NaiveDate>,
        gender: Option<Gender>,
    ) -> Option<u32> {
        let mut words = key.split(' ');
        let first = words.next()?;
        let last = key.rsplit(' ').next()?;
        if first == last {
            let v = self.surnames.get(last)?;
            return self.pick(v, on, gender);
        }
        let cached = self.cands.lock().ok().and_then(|c| c.get(key).cloned());
        let cands = match cached {
            Some(c) => c,
            None => {
                let c: Arc<[u32]> = self.person_cands(first, last).into();
                if let Ok(mut cache) = self.cands.lock() {
                    if cache.len() >= CANDS_MAX {
                        cache.clear();
                    }
                    cache.insert(key.to_string(), c.clone());
                }
                c
            }
        };
        self.pick(&cands, on, gender)
    }

    /// Persons with a variant of surname `last` and a given name compatible with `first`.
    fn person_cands(&self, first: &str, last: &str) -> Vec<u32> {
        let mut cands: Vec<u32> = Vec::new();
        for (sk, v) in self.surname_variants(last) {
            for &i in v {
                let a = &self.actors[i as usize];
                let ok = std::iter::once(&a.name).chain(&a.aliases).any(|n| {
                    let k = name_key(n);
                    let f = k.split(' ').next().unwrap_or("");
                    k.rsplit(' ').next() == Some(sk) && f != sk && given_compatible(f, first)
                });
                if ok && !cands.contains(&i) {
                    cands.push(i);
                }
            }
        }
        cands
    }

    /// Surname keys in the index that are spelling variants of `last`.
    fn surname_variants<'a>(
        &'a self,
        last: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Vec<u32>)> + 'a {
        let exact = self
            .surnames
            .get_key_value(last)
            .map(|(k, v)| (k.as_str(), v));
        // Variants keep their first letter: only that bucket is compared.
        let bucket = last
            .as_bytes()
            .first()
            .and_then(|b| self.surname_buckets.get(b));
        let fuzzy = bucket
            .into_iter()
            .flatten()
            .filter(move |k| k.as_str() != last && words_close(k, last))
            .filter_map(|k| self.surnames.get_key_value(k.as_str()))
            .map(|(k, v)| (k.as_str(), v));
        exact.into_iter().chain(fuzzy)
    }

    /// One person from candidates: the only one, else the only one holding a role on `on`.
    pub(crate) fn pick(
        &self,
        cands: &[u32],
        on: Option<NaiveDate>,
        gender: Option<Gender>,
    ) -> Option<u32> {
        // "Mrs. Clinton": the gender a title gives rules out the others.
        let filtered: Vec<u32>;
        let cands = match gender {
            Some(g) => {
                filtered = cands
                    .iter()
                    .copied()
                    .filter(|&i| self.actors[i as usize].gender.is_none_or(|x| x == g))
                    .collect();
                &filtered[..]
            }
            None => cands,
        };
        match cands {
            [] => None,
            [one] => Some(*one),
            _ => {
                let only = |f: &dyn Fn(&Actor) -> bool| {
                    let mut it = cands.iter().filter(|&&i| f(&self.actors[i as usize]));
                    let first = it.next()?;
                    it.next().is_none().then_some(*first)
                };
                // The one in office on the day; without a date, or with none in office,
                // the only one who ever held an office ("Trump" is rarely Melania).
                let in_office =
                    |day: NaiveDate| only(&|a: &Actor| a.roles.iter().any(|r| r.holds_on(day)));
                match on {
                    Some(day)
                        if cands.iter().any(|&i| {
                            self.actors[i as usize]
                                .roles
                                .iter()
                                .any(|r| r.holds_on(day))
                        }) =>
                    {
                        in_office(day)
                    }
                    // Out of office, all of them: the one whose last office began latest
                    // before the day ("Clinton" in 2016 is the 2009 secretary of state).
                    Some(day) => {
                        let latest = |i: u32| {
                            self.actors[i as usize]
                                .roles
                                .iter()
                                .filter_map(|r| r.start)
                                .filter(|s| *s <= day)
                                .max()
                        };
                        let mut best: Vec<(NaiveDate, u32)> = cands
                            .iter()
                            .filter_map(|&i| latest(i).map(|d| (d, i)))
                            .collect();
                        best.sort_unstable_by(|a, b| b.cmp(a));
                        match best.as_slice() {
                            [] => only(&|a: &Actor| !a.roles.is_empty()),
                            [(d, i), rest @ ..] if rest.first().is_none_or(|r| r.0 < *d) => {
                                Some(*i)
                            }
                            _ => None,
                        }
                    }
                    None => only(&|a: &Actor| !a.roles.is_empty()),
                }
            }
        }
    }

    /// Resolve a role phrase ("the Russian foreign minister", "Russia's top diplomat",
    /// "the head of Russian diplomacy", "NATO Secretary General", "Kremlin spokesman") to
    /// whoever held that role on `on`. `None` without a date, without a country or
    /// organisation in the phrase, or when the holder is not unique.
    pub fn resolve_role(&self, phrase: &str, on: Option<NaiveDate>) -> Option<ActorRef> {
        let found = crate::scan::role_phrase(self, phrase, on)?;
        Some(found)
    }
}

fn role_phrase_map(roles: &[RoleDef]) -> HashMap<String, u16> {
    let mut m = HashMap::new();
    for (i, r) in roles.iter().enumerate() {
        m.insert(r.name.to_lowercase(), i as u16);
        for p in r.phrases.iter().chain(&r.female) {
            m.entry(p.to_lowercase()).or_insert(i as u16);
        }
    }
    m
}

fn file_actors(file: KbFile, role_phrase: &HashMap<String, u16>) -> Result<Vec<Actor>, KbError> {
    let roles: RoleFile = toml::from_str(ROLES).expect("built-in roles.toml parses");
    let KbFile {
        person,
        org,
        outlet,
        country,
        place,
        group,
        actor,
    } = file;
    let mut out = Vec::new();
    let tables = [
        (person, Some(ActorKind::Person)),
        (org, Some(ActorKind::Organisation)),
        (outlet, Some(ActorKind::Outlet)),
        (country, Some(ActorKind::Country)),
        (place, Some(ActorKind::Place)),
        (group, Some(ActorKind::Group)),
        (actor, None),
    ];
    for (entries, kind) in tables {
        for e in entries {
            let kind = match (kind, e.kind.as_deref()) {
                (Some(k), _) => k,
                (None, Some(k)) => ActorKind::parse(k)
                    .ok_or_else(|| KbError::Invalid(format!("{}: unknown kind {k:?}", e.id)))?,
                (None, None) => ActorKind::Person,
            };
            if e.id.trim().is_empty() || e.name.trim().is_empty() {
                return Err(KbError::Invalid(format!(
                    "entry {:?} needs an id and a name",
                    e.id
                )));
            }
            let mut spells = Vec::new();
            for r in e.roles {
                let canon = role_phrase
                    .get(&r.role.trim().to_lowercase())
                    .map(|&i| roles.role[i as usize].name.clone())
                    .unwrap_or_else(|| r.role.trim().to_lowercase());
                spells.push(RoleSpell {
                    role: canon,
                    jurisdiction: r
                        .org
                        .or(r.country)
                        .or_else(|| e.country.clone())
                        .map(|j| j.to_lowercase()),
                    start: r
                        .start
                        .as_deref()
                        .map(|s| parse_date(s, false))
                        .transpose()?,
                    end: r.end.as_deref().map(|s| parse_date(s, true)).transpose()?,
                });
            }
            out.push(Actor {
                id: e.id,
                name: e.name,
                kind,
                aliases: e.aliases,
                gender: e.gender.as_deref().and_then(Gender::parse),
                country: e.country.map(|c| c.to_lowercase()),
                roles: spells,
                demonyms: e.demonyms,
                plurals: e.plurals,
            });
        }
    }
    Ok(out)
}
