//! In-document speaker resolution: the people an article names (capitalised runs, with the
//! titles in front of them), and the rules that turn a source mention ("he", "Lavrov",
//! "the minister", "the head of Valdorian diplomacy") into the fullest name given.

use crate::tok::{Kind, Tok};

/// Words that make a capitalised run a title, not a name ("Foreign Minister Ilya Voronov").
const TITLES: &[&str] = &[
    "president",
    "minister",
    "foreign",
    "prime",
    "secretary",
    "deputy",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "senator",
    "sen.",
    "rep.",
    "del.",
    "gov.",
    "governor",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "gen.",
    "general",
    "admiral",
    "rear",
    "chief",
    // ("Chief Of Staff Rahm Emanuel", "Staff Sgt.")
    "staff",
    "head",
    "director",
    "commander",
    "envoy",
    "king",
    "queen",
    "pope",
    "state",
    "defense",
    "defence",
    "interior",
    "affairs",
    "assistant",
    "representative",
    "mayor",
    "leader",
    "lt.",
    "col.",
    "colonel",
    "justice",
    "judge",
    "attorney",
    "officer",
    "vice",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "former",
    "candidate",
    "nominee",
    "press",
    "adviser",
    "advisor",
    "aide",
    "lawmaker",
    "congressman",
    "congresswoman",
    "sheikh",
    "emir",
    "prince",
    "princess",
    "crown",
    "whip",
    "committeeman",
    "committeewoman",
    "supervisor",
    "premier",
    "mediator",
    "diplomat",
    "analyst",
    "professor",
    "prof.",
    "economist",
    "correspondent",
    "reporter",
    "editor",
    "ceo",
    "founder",
    "pollster",
    "strategist",
    "manager",
    "coordinator",
    "special",
    "acting",
    "top",
    "senior",
    "republican",
    "democrat",
    "democratic",
    "gop",
    "u.s.",
    "us",
    "uk",
    "eu",
    "un",
    "nato",
    "white",
    "house",
    "kremlin",
    "national",
    "security",
    "counsel",
    "sir",
    "lord",
    "lady",
    "dame",
    "rabbi",
    "father",
    "saint",
    "supreme",
    "army",
    "navy",
    "major",
    "captain",
    "capt.",
    "sgt.",
    "sergeant",
    "first",
    "lady",
    "rival",
    "rev.",
    "reverend",
    "pastor",
    "bishop",
    "archbishop",
    "cardinal",
    "imam",
    "adm.",
    "cpl.",
    "amb.",
    "atty.",
    "det.",
    "sheriff",
    "councilman",
    "councilwoman",
    "alderman",
    "commissioner",
    "superintendent",
];

/// Words that make a capitalised run an organisation or place, not a person.
const ORG_WORDS: &[&str] = &[
    "house",
    "department",
    "ministry",
    "union",
    "states",
    "nations",
    "council",
    "party",
    "committee",
    "agency",
    "news",
    "times",
    "post",
    "herald",
    "wire",
    "kingdom",
    "republic",
    "federation",
    "organisation",
    "organization",
    "forces",
    "army",
    "court",
    "congress",
    "senate",
    "bank",
    "fund",
    "office",
    "embassy",
    "kremlin",
    "pentagon",
    "university",
    "institute",
    "group",
    "alliance",
    "treaty",
    "street",
    "square",
    "center",
    "centre",
    "county",
    "city",
    "journal",
    "tribune",
    "press",
    "network",
    "channel",
    "television",
    "tv",
    "radio",
    "daily",
    "magazine",
    "foundation",
    "association",
    "commission",
    "parliament",
    "duma",
    "assembly",
    "government",
    "administration",
    "campaign",
    "pac",
    "inc.",
    "corp.",
    "co.",
    "llc",
    "ltd.",
    "plc",
    "team",
    "company",
    "airport",
    "mosque",
    "church",
    "school",
    "college",
    "hospital",
    "police",
    "guard",
    "navy",
    "force",
    "command",
    "review",
    "fox",
    "cnn",
    "msnbc",
    "nbc",
    "abc",
    "cbs",
    "bbc",
    "reuters",
    "tass",
    "interfax",
    "ria",
    "sputnik",
    "club",
    "coalition",
    "movement",
    "front",
    "sea",
    "river",
    "region",
    "oblast",
    "province",
    "strip",
    "bay",
    "island",
    "islands",
    "mountains",
    "east",
    "west",
    "north",
    "south",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "day",
    "week",
    "poll",
    "survey",
    "report",
    "act",
    "bill",
    "law",
    "initiative",
    "agreement",
    "agreements",
    "accord",
    "accords",
    "summit",
    "conference",
    "war",
    "operation",
    "broadcasting",
    "service",
    "services",
    "council",
    "facebook",
    "twitter",
    "telegram",
    "instagram",
    "youtube",
    "google",
    "district",
    "circuit",
    "qaeda",
    "qaida",
    "taliban",
    "hezbollah",
    "hamas",
    "debates",
    "museum",
    "ocean",
];

/// Capitalised function words that start sentences, never names.
const STOP_CAPS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "for",
    "of",
    "to",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "its",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "yes",
    "no",
    "not",
    "so",
    "then",
    "also",
    "meanwhile",
    "however",
    "earlier",
    "later",
    "last",
    "according",
    "asked",
    "speaking",
    "some",
    "many",
    "most",
    "all",
    "both",
    "even",
    "still",
    "now",
    "with",
    "without",
    "from",
    "by",
    "about",
    "during",
    "under",
    "over",
    "despite",
    "although",
    "though",
    "because",
    "once",
    "instead",
    "read",
    "see",
    "photo",
    "photos",
    "mr",
    "mrs",
    "ms",
    "neither",
    "nor",
    "unlike",
    "like",
    "either",
    // Place names: "New Mexico", "New Jersey".
    "new",
];

/// The female-marked titles, the only gender cue we rely on besides pronoun agreement.
const FEMALE: &[&str] = &[
    "mrs.",
    "ms.",
    "miss",
    "lady",
    "dame",
    "queen",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
];
const MALE: &[&str] = &[
    "mr.",
    "sir",
    "lord",
    "king",
    "spokesman",
    "chairman",
    "congressman",
];

type Set = std::collections::HashSet<&'static str, crate::lexicon::FnvBuild>;

struct Sets {
    titles: Set,
    orgs: Set,
    stops: Set,
}

/// The word lists as hash sets: names are checked word by word over every capitalised run.
static SETS: std::sync::LazyLock<Sets> = std::sync::LazyLock::new(|| Sets {
    titles: TITLES.iter().copied().collect(),
    orgs: ORG_WORDS.iter().copied().collect(),
    // Reporting verbs open headlines and inverted cues ("Said Ellis:", "Graham Says").
    stops: STOP_CAPS.iter().chain(crate::INVERTIBLE).copied().collect(),
});

/// A title or a post a person holds ("minister", "attorney", "adviser").
pub fn is_title(w: &str) -> bool {
    const PERSON_NOUNS: &[&str] = &[
        "staffer",
        "official",
        "officer",
        "lawyer",
        "member",
        "expert",
        "activist",
        "scholar",
        "scientist",
        "researcher",
        "author",
        "writer",
        "columnist",
        "host",
        "anchor",
        "doctor",
        "physician",
        "veteran",
        "executive",
        "owner",
        "organizer",
        "organiser",
        "judge",
        "critic",
        "supporter",
        "opponent",
        "colleague",
        "friend",
        "partner",
        "consultant",
    ];
    in_set(&SETS.titles, w) || ROLE_HEADS.contains(&w) || PERSON_NOUNS.contains(&w)
}

/// Titles that only ever precede a person's name ("General" does not: "General Motors").
fn is_personal_title(w: &str) -> bool {
    matches!(
        w,
        "mr."
            | "mrs."
            | "ms."
            | "dr."
            | "sen."
            | "rep."
            | "gov."
            | "del."
            | "adm."
            | "gen."
            | "col."
            | "lt."
            | "capt."
            | "sgt."
            | "maj."
            | "cmdr."
            | "prof."
            | "rev."
            | "admiral"
            | "president"
            | "senator"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "governor"
            | "mayor"
            | "minister"
            | "chancellor"
            | "premier"
            | "secretary"
            | "ambassador"
            | "judge"
            | "justice"
            | "pope"
            | "sheikh"
            | "ayatollah"
    )
}

/// Words that qualify a post before it: "former", "deputy", "campaign", "press".
fn is_role_modifier(w: &str) -> bool {
    matches!(
        w,
        "former"
            | "top"
            | "senior"
            | "acting"
            | "then"
            | "longtime"
            | "veteran"
            | "deputy"
            | "chief"
            | "vice"
            | "prime"
            | "foreign"
            | "defence"
            | "defense"
            | "interior"
            | "finance"
            | "press"
            | "campaign"
            | "party"
            | "national"
            | "state"
            | "federal"
            | "presidential"
            | "democratic"
            | "republican"
            | "general"
            | "communications"
            | "security"
            | "policy"
            | "department"
            | "ministry"
            | "house"
            | "senate"
            | "white"
            | "political"
            | "news"
            | "agency"
            | "city"
            | "county"
            | "council"
            | "executive"
    ) || w.ends_with("'s")
        || w.ends_with("’s")
}

fn in_set(set: &Set, w: &str) -> bool {
    set.contains(w)
}

#[derive(Clone, Debug)]
pub struct Person {
    /// The fullest name the article gives, as written.
    pub full: String,
    /// Lower-cased name words, surname last.
    pub words: Vec<String>,
    /// Lower-cased title/role words seen with this person.
    pub roles: Vec<String>,
    /// Token index of the latest mention.
    pub last_seen: usize,
    /// 1 male, 2 female, 0 unknown.
    pub gender: u8,
    /// Named in an earlier article of the same document: only a fallback for names and
    /// roles, never for pronouns.
    pub imported: bool,
    /// The article has called this person by the bare surname.
    pub by_surname: bool,
}

#[derive(Default, Debug)]
pub struct Registry {
    pub people: Vec<Person>,
    /// (token index of the mention, person index), in text order.
    pub mentions: Vec<(usize, usize)>,
    /// Role sources named only afterwards: (first token of the source, person index).
    pub named_late: Vec<(usize, usize)>,
}

/// A name particle that may open a surname ("de Blasio", "van Voorhis", "bin Laden").
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "da" | "di" | "du" | "von" | "van" | "der" | "bin" | "al" | "la" | "le" | "del"
    )
}

/// The words an article writes in lower case, as packed keys (length, first and last
/// byte) to scan before comparing: built once, on the first question.
struct LowerWords<'a> {
    text: &'a str,
    toks: &'a [Tok],
    keys: std::cell::OnceCell<Vec<(u32, u32)>>,
}

impl<'a> LowerWords<'a> {
    fn new(text: &'a str, toks: &'a [Tok]) -> LowerWords<'a> {
        LowerWords {
            text,
            toks,
            keys: std::cell::OnceCell::new(),
        }
    }

    fn key(w: &[u8]) -> u32 {
        let (f, l) = (
            w[0].to_ascii_lowercase(),
            w[w.len() - 1].to_ascii_lowercase(),
        );
        (w.len() as u32) << 16 | (f as u32) << 8 | l as u32
    }

    /// Whether the article writes `word` in lower case somewhere (ASCII case folded).
    fn contains(&self, word: &str) -> bool {
        if word.len() < 3 {
            return false;
        }
        let keys = self.keys.get_or_init(|| {
            self.toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind == Kind::Word && !t.cap && t.e - t.s > 2)
                .map(|(k, t)| (Self::key(&self.text.as_bytes()[t.range()]), k as u32))
                .collect()
        });
        let want = Self::key(word.as_bytes());
        keys.iter().any(|&(key, k)| {
            key == want && self.text[self.toks[k as usize].range()].eq_ignore_ascii_case(word)
        })
    }
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s").unwrap_or(w)
}

impl Registry {
    /// Scan capitalised runs over the article's tokens and register the people named.
    /// `skip(token)` says where a run cannot name a person (inside a quotation, or where
    /// the actors stage found a country or organisation).
    pub fn build<'t>(
        text: &str,
        toks: &[Tok],
        lw: &dyn Fn(usize) -> &'t str,
        kb: Option<&verbatim_actors::Kb>,
        skip: &dyn Fn(usize) -> bool,
    ) -> Registry {
        let mut reg = Registry::default();
        let lower = LowerWords::new(text, toks);
        let mut i = 0;
        while i < toks.len() {
            if !(toks[i].kind == Kind::Word && toks[i].cap) || skip(i) {
                i += 1;
                continue;
            }
            let s = i;
            let mut j = i;
            while j < toks.len() && toks[j].kind == Kind::Word && toks[j].para == toks[s].para {
                let w = &text[toks[j].range()];
                // Name particles may be lower-case inside a run: "Ahmed Nasser al-Mohammed".
                if toks[j].cap
                    || (j > s
                        && matches!(
                            w,
                            "de" | "da"
                                | "von"
                                | "van"
                                | "der"
                                | "bin"
                                | "al"
                                | "la"
                                | "le"
                                | "del"
                        ))
                {
                    j += 1;
                    // A possessive ends the run ("Lavrov's deputy").
                    if w.ends_with("'s") || w.ends_with("’s") {
                        break;
                    }
                } else {
                    break;
                }
            }
            reg.add_run(text, toks, lw, s, j, kb, &lower);
            i = j.max(i + 1);
        }
        reg
    }

    #[allow(clippy::too_many_arguments)]
    fn add_run<'t>(
        &mut self,
        text: &str,
        toks: &[Tok],
        lw: &dyn Fn(usize) -> &'t str,
        s: usize,
        e: usize,
        kb: Option<&verbatim_actors::Kb>,
        lower: &LowerWords,
    ) {
        // Fast path: a lone capitalised word names nobody new; it only matters as the
        // surname of someone already registered.
        if e == s + 1 {
            let w = strip_possessive(lw(s));
            if in_set(&SETS.stops, w)
                || !self
                    .people
                    .iter()
                    .any(|p| p.words.last().is_some_and(|l| l == w))
            {
                return;
            }
        }
        let words: Vec<&str> = (s..e).map(lw).collect();
        let mut start = 0;
        while start < words.len() && in_set(&SETS.stops, words[start]) {
            start += 1;
        }
        // A sentence-opening word the article also writes in lower case ("Unlike Patriot",
        // "Injecting Clinton") is not part of the name.
        let opens_sentence = s == 0
            || toks[s - 1].para != toks[s].para
            || matches!(
                &text[toks[s - 1].range()],
                "." | "!" | "?" | "“" | "\"" | ":"
            );
        if start == 0
            && words.len() > 1
            && opens_sentence
            && !in_set(&SETS.titles, words[0])
            && !is_particle(words[0])
            && (lower.contains(words[0]) || opening_participle(words[0], kb))
        {
            start = 1;
        }
        // Titles run up to the last title word; the name follows.
        let mut name_from = start;
        // "Brian", "Julian", "Christian": given names that look like demonyms.
        let demonym = |w: &str| is_demonym(w) && !kb.is_some_and(|kb| kb.knows_given_name(w));
        // A title word ending a run after a given name is a surname: "Billie Jean King",
        // "Larry King", "John Major".
        let surname_title = |k: usize| {
            k + 1 == words.len()
                && k > start
                && !in_set(&SETS.titles, words[k - 1])
                && kb.is_some_and(|kb| kb.knows_given_name(words[start]))
        };
        for (k, w) in words.iter().enumerate().skip(start) {
            if (in_set(&SETS.titles, w) && !surname_title(k)) || demonym(w) && k + 1 < words.len() {
                name_from = k + 1;
            }
        }
        // A month after a given name is a surname ("Theresa May").
        let surname_month = |k: usize| {
            k > 0
                && matches!(words[k], "may" | "june" | "april" | "august")
                && kb.is_some_and(|kb| kb.knows_given_name(words[k - 1]))
        };
        // "the US envoy to the United Nations Linda Thomas-Greenfield": the name follows the
        // last organisation word.
        // "Former President Bill Mordan", "Mayor Bill de Vries": a given name before the
        // surname, after a title or opening the run, is no organisation word ("bill").
        let given_here = |k: usize| {
            k + 2 <= words.len()
                && words[k + 1..words.len() - 1].iter().all(|w| is_particle(w))
                && (k == start || (k > start && in_set(&SETS.titles, words[k - 1])))
                && kb.is_some_and(|kb| kb.knows_given_name(words[k]))
        };
        if let Some(k) = (0..words.len()).rev().find(|&k| {
            let w = words[k];
            (in_set(&SETS.orgs, strip_possessive(w)) || in_set(&SETS.stops, w))
                && !surname_month(k)
                && !given_here(k)
        }) {
            if k + 1 > name_from {
                name_from = k + 1;
            }
        }
        // "Foreign Minister of Valdoria Ilya Voronov": the run opens with the country the
        // title before "of" belongs to.
        let of_title = name_from == start
            && words.len() - start >= 3
            && s >= 2
            && lw(s - 1) == "of"
            && in_set(&SETS.titles, lw(s - 2));
        if of_title {
            name_from = start + 1;
        }
        if name_from >= words.len() {
            return;
        }
        let mut name: Vec<String> = words[name_from..]
            .iter()
            .map(|w| strip_possessive(w).to_string())
            .collect();
        // "Harry B. Harris Jr.": the surname is Harris, so "Admiral Harris" finds him.
        while name.len() > 1
            && matches!(
                name.last().map(String::as_str),
                Some("jr." | "jr" | "sr." | "sr" | "ii" | "iii" | "iv")
            )
        {
            name.pop();
        }
        // All-caps acronyms (NATO, TASS) are organisations; initials ("A.B.") are not.
        let first_tok = &text[toks[s + name_from].range()];
        if first_tok.len() > 1
            && !first_tok.contains('.')
            && first_tok.chars().all(|c| !c.is_lowercase())
        {
            return;
        }
        let mut roles: Vec<String> = words[start..name_from]
            .iter()
            .map(|w| w.to_string())
            .collect();
        if of_title {
            let mut k = s - 1;
            while k > 0 && s - k < 5 && toks[k - 1].cap && in_set(&SETS.titles, lw(k - 1)) {
                roles.push(lw(k - 1).to_string());
                k -= 1;
            }
        }
        // Role words right before the run ("the department's spokesman Ned Price", "the
        // Valdorian Foreign Minister. Ilya Voronov") and in an appositive after it
        // ("Karin Lindqvist, the UN mediator,").
        let mut extra = Vec::new();
        let mut k = s;
        while k > 0 && s - k < 6 {
            let t = &toks[k - 1];
            if t.para != toks[s].para {
                break;
            }
            if t.kind != Kind::Word {
                if k == s && matches!(&text[t.range()], "." | ",") {
                    k -= 1;
                    continue;
                }
                break;
            }
            let w = lw(k - 1).to_string();
            // "Valdoria's Foreign Minister Ilya Voronov": the country qualifies the title.
            if t.cap && w.ends_with("'s") {
                extra.push(strip_possessive(&w).to_string());
                break;
            }
            // "Foreign Minister of Valdoria Ilya Voronov": past "of" and the country.
            if t.cap
                && k >= 3
                && lw(k - 2) == "of"
                && toks[k - 3].cap
                && in_set(&SETS.titles, lw(k - 3))
            {
                extra.push(w);
                k -= 2;
                continue;
            }
            if DET_ROLE_STOP.contains(&w.as_str())
                || (t.cap && !in_set(&SETS.titles, w.as_str()) && !is_demonym(&w))
            {
                break;
            }
            // A lower-case word that is no post or its modifier ends the title: "… that
            // introduced Trump" gives him no roles.
            if !t.cap && !is_title(&w) && !is_demonym(&w) && !is_role_modifier(&w) {
                break;
            }
            extra.push(w);
            k -= 1;
        }
        let appositive = e + 1 < toks.len() && {
            let n = lw(e + 1);
            DET.contains(&n) || in_set(&SETS.titles, n)
        };
        if appositive && &text[toks[e].range()] == "," {
            let mut k = e + 1;
            while k < toks.len()
                && k < e + 9
                && toks[k].kind == Kind::Word
                && toks[k].para == toks[s].para
            {
                extra.push(lw(k).to_string());
                k += 1;
            }
        }
        // A title written before the name ("President Obama"), not one in an appositive.
        let title_before = roles.iter().any(|r| is_personal_title(r));
        if extra
            .iter()
            .chain(roles.iter())
            .any(|r| in_set(&SETS.titles, r.as_str()))
        {
            roles.extend(extra);
        }
        let gender = if roles.iter().any(|r| FEMALE.contains(&r.as_str())) {
            2
        } else if roles.iter().any(|r| MALE.contains(&r.as_str())) {
            1
        } else {
            0
        };
        // The knowledge base's given-name lists ("Karin" → female), asked once per person.
        let given_gender = || {
            let given = &text[toks[s + name_from].range()];
            match kb.and_then(|kb| kb.given_name_gender(given)) {
                Some(verbatim_actors::Gender::Male) => 1,
                Some(verbatim_actors::Gender::Female) => 2,
                _ => 0,
            }
        };
        let at = s + name_from;
        let full_span = toks[at].s as usize..toks[e - 1].e as usize;
        let full = text[full_span]
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .to_string();
        // Merge with a known person: same surname and compatible first words.
        let surname = name.last().cloned().unwrap_or_default();
        // "Michelle Obama" is not "President Obama" once the knowledge base says he is a
        // man: someone known by title and surname alone takes a full name of their gender.
        // Given-name genders are too rough to split anyone else ("Laurence", "Lee"), and
        // the lookup is not free, so it is made only for such a person.
        let run_gender = std::cell::OnceCell::new();
        let agrees = |p: &Person| {
            p.words.len() > 1 || p.gender == 0 || {
                let g = *run_gender.get_or_init(|| {
                    if gender != 0 || name.len() < 2 {
                        gender
                    } else {
                        given_gender()
                    }
                });
                g == 0 || p.gender == g
            }
        };
        // "De Blasio" after "Bill de Blasio": a name that ends another is that person.
        let same_name = |p: &Person| {
            p.words.last() == Some(&surname)
                && agrees(p)
                && (name.len() == 1
                    || p.words.len() == 1
                    || p.words[0] == name[0]
                    || (is_particle(&name[0]) && p.words.ends_with(&name)))
        };
        // "President Bush" among George W., Laura and Jeb Bush: the one who holds the
        // title already, else one of the gender "Mr."/"Mrs." names, else the one named
        // last.
        let titled_as = |p: &Person| {
            roles.iter().any(|r| {
                is_personal_title(r) && p.roles.iter().any(|q| full_title(q) == full_title(r))
            })
        };
        let lone_titled = name.len() == 1 && title_before;
        let bare = name.len() == 1 && !title_before;
        let found = self
            .people
            .iter()
            .rposition(|p| lone_titled && same_name(p) && titled_as(p))
            .or_else(|| {
                self.people
                    .iter()
                    .rposition(|p| lone_titled && gender != 0 && p.gender == gender && same_name(p))
            })
            // A bare surname: the one the article already calls by it ("Cruz" after "Ted
            // Cruz … Cruz … Heidi Cruz"), not the relative named last.
            // Else the one named most often so far ("Mordan" after "Bill Mordan … President
            // Bill Mordan … his wife Hanna Mordan" is Bill); on a tie, the latest.
            .or_else(|| {
                let named = |p: usize| self.mentions.iter().filter(|m| m.1 == p).count();
                (0..self.people.len())
                    .filter(|&p| bare && same_name(&self.people[p]))
                    .max_by_key(|&p| (self.people[p].by_surname, named(p), p))
            })
            .or_else(|| self.people.iter().rposition(same_name))
            // "Mr. Lou" after "Lou Jiwei", "Mr. Ban" after "Ban Ki-moon": a family name
            // written first. Not a run whose later words the article also writes in lower
            // case ("Obama Sees" in a headline).
            .or_else(|| {
                // ("Mr. Obama" is the surname the knowledge base knows, whatever runs
                // start with it.)
                (name.len() == 1
                    && title_before
                    && !kb.is_some_and(|kb| kb.knows_surname(&surname)))
                .then(|| {
                    self.people.iter().rposition(|p| {
                        p.words.len() >= 2
                            && p.words[0] == surname
                            && agrees(p)
                            && !p.words[1..].iter().any(|w| lower.contains(w))
                    })
                })
                .flatten()
            });
        let idx = match found {
            Some(pi) => {
                let p = &mut self.people[pi];
                if name.len() > p.words.len() {
                    p.full = full;
                    p.words = name;
                    if p.gender == 0 && gender == 0 {
                        p.gender = given_gender();
                    }
                }
                p.roles.extend(roles);
                p.last_seen = at;
                p.by_surname |= bare && p.words.len() > 1;
                if gender != 0 {
                    p.gender = gender;
                }
                pi
            }
            None => {
                // A lone capitalised word is a person only once a full name or a personal
                // title ("President Obama", "Mr. Voronov") backs it up.
                if name.len() < 2 && !title_before {
                    return;
                }
                let given = if name.len() < 2 {
                    // A surname and a title only: the person the knowledge base knows by it.
                    kb.and_then(|kb| kb.resolve_name(&full, None))
                        .and_then(|a| a.gender)
                        .map_or(0, |g| match g {
                            verbatim_actors::Gender::Male => 1,
                            verbatim_actors::Gender::Female => 2,
                        })
                } else {
                    given_gender()
                };
                let titled = roles.iter().any(|r| in_set(&SETS.titles, r.as_str()));
                // A capitalised run with a word the article also writes in lower case
                // ("Pell Grants", "Peabody Energy", "My Patients Were Presidents") names a
                // thing, not a person, unless it opens with a known given name.
                if given == 0
                    && !titled
                    && name.iter().any(|w| !is_particle(w) && lower.contains(w))
                {
                    return;
                }
                let gender = if gender == 0 { given } else { gender };
                self.people.push(Person {
                    full,
                    words: name,
                    roles,
                    last_seen: at,
                    gender,
                    imported: false,
                    by_surname: false,
                });
                self.people.len() - 1
            }
        };
        self.mentions.push((at, idx));
    }

    /// The fullest name this article gives someone the knowledge base calls `name`.
    pub fn fullest(&self, name: &str) -> Option<String> {
        let key = verbatim_actors::name_key(name);
        self.people
            .iter()
            .filter(|p| !p.imported)
            .find(|p| {
                verbatim_actors::norm::names_compatible(&verbatim_actors::name_key(&p.full), &key)
            })
            .map(|p| p.full.clone())
    }

    /// The person most recently mentioned before token `at`, optionally of a gender.
    pub fn recent_person(&self, at: usize, gender: u8) -> Option<usize> {
        self.mentions
            .iter()
            .rev()
            .filter(|(pos, _)| *pos < at)
            .map(|&(_, p)| p)
            .find(|&p| !self.people[p].imported && self.compatible(p, gender))
    }

    pub fn compatible(&self, p: usize, gender: u8) -> bool {
        let person = &self.people[p];
        // Someone known by title and surname alone, of unknown gender ("Chief Justice
        // Roberts"), is too weak a candidate for "he" or "she".
        if gender != 0 && person.gender == 0 && person.words.len() < 2 {
            return false;
        }
        gender == 0 || person.gender == 0 || person.gender == gender
    }

    /// People of earlier articles, kept as a fallback for surnames and roles.
    pub fn import(&mut self, earlier: &[Person]) {
        for p in earlier {
            if let Some(q) = self.people.iter_mut().find(|q| q.full == p.full) {
                q.roles.extend(p.roles.iter().cloned());
                if q.gender == 0 {
                    q.gender = p.gender;
                }
                continue;
            }
            self.people.push(Person {
                imported: true,
                last_seen: 0,
                ..p.clone()
            });
            self.mentions.insert(0, (0, self.people.len() - 1));
        }
    }

    /// Resolve a surname (or partial name) mentioned at `at` to a registered person.
    pub fn by_name(&self, words: &[String], at: usize) -> Option<usize> {
        let surname = words.last()?;
        let mut best = None;
        for &(pos, p) in &self.mentions {
            if pos > at + 40 && best.is_some() {
                break;
            }
            let pw = &self.people[p].words;
            let same = pw
                .last()
                .is_some_and(|l| l == surname || (surname.len() >= 6 && one_edit(l, surname)));
            if same && (words.len() == 1 || pw[0] == words[0]) {
                best = Some(p);
            }
        }
        best
    }

    /// Resolve a role phrase ("the minister", "the head of Valdorian diplomacy") to the
    /// latest person introduced with a matching title before `at`. `countries` are the
    /// role words the actors stage read as a country or its people ("French",
    /// "American"): like demonyms, they rule out guessing the one holder of the post.
    pub fn by_role(&self, role_words: &[String], at: usize, countries: &[&str]) -> Option<usize> {
        let mut want: Vec<&str> = role_words
            .iter()
            .map(|w| w.as_str())
            .filter(|w| !DET.contains(w) && !matches!(*w, "of" | "the" | "for" | "from"))
            .collect();
        // Where the phrase names a country ("Ukraine's prime minister", "the head of
        // Russian diplomacy"), the person's titles must name it too.
        let qualifiers: Vec<&str> = want
            .iter()
            .copied()
            .filter(|w| {
                // ("US", "UK": countries, though they open titles: "US Secretary of State".)
                matches!(*w, "us" | "u.s." | "uk" | "u.k." | "eu" | "un" | "u.n.")
                    || (!in_set(&SETS.titles, w)
                        && !ROLE_HEADS.contains(w)
                        && !w.starts_with("diploma")
                        && !matches!(*w, "top" | "senior" | "chief" | "head" | "new"))
            })
            .collect();
        // "head of X diplomacy", "top diplomat" name a foreign minister.
        let diplomat = want.iter().any(|w| w.starts_with("diploma"));
        if diplomat {
            want = vec!["foreign", "minister"];
        }
        // "A candidate", "a spokeswoman for X": someone, not a particular person.
        if matches!(role_words.first().map(String::as_str), Some("a" | "an")) {
            return None;
        }
        // The post is the last word, or the role noun before "from"/"of" and what
        // qualifies it: "the senator from Vermont", "the president of Ostrava".
        let head = match want.last() {
            Some(w) if ROLE_HEADS.contains(w) => *w,
            _ => {
                let k = role_words
                    .iter()
                    .position(|w| matches!(w.as_str(), "from" | "of"))?;
                let w = role_words[..k].last()?.as_str();
                *want.iter().find(|x| **x == w && ROLE_HEADS.contains(x))?
            }
        };
        // "head", "chief" and "leader" name the same post; "Sen." is a senator; a country's
        // leader is its president, premier or chancellor ("the Marn leader").
        let same = |r: &str| {
            let r = full_title(r);
            r == head
                || (is_in3(head) && is_in3(r))
                || (head == "leader"
                    && qualifiers.len() == 1
                    && matches!(r, "president" | "premier" | "chancellor" | "prime"))
        };
        let mut best: Option<(usize, usize)> = None; // (score, person)
        let mut holders = Vec::new();
        for &(pos, p) in self.mentions.iter().rev() {
            if pos >= at && !(pos == 0 && self.people[p].imported) {
                continue;
            }
            let roles = &self.people[p].roles;
            if !roles.iter().any(|r| same(r)) {
                continue;
            }
            if !holders.contains(&p) {
                holders.push(p);
            }
            if !qualifiers
                .iter()
                .all(|q| roles.iter().any(|r| same_stem(q, r)))
            {
                continue;
            }
            // "prime minister" is not the foreign minister.
            let clash = want.iter().any(|w| {
                POST_KINDS.contains(w)
                    && !roles.iter().any(|r| r == w)
                    && roles.iter().any(|r| POST_KINDS.contains(&r.as_str()))
            });
            if clash {
                continue;
            }
            let score = want
                .iter()
                .filter(|w| roles.iter().any(|r| full_title(r) == **w))
                .count();
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, p));
            }
        }
        // "the South Carolina senator" when the article gives no state for its only
        // senator ("Sen. Tim Scott"): the one holder of the post.
        // (Not when what the article says of that holder names another place or post:
        // Ukraine's foreign minister is not "the US diplomat".)
        let unqualified = |p: usize| {
            self.people[p]
                .roles
                .iter()
                .all(|r| in_set(&SETS.titles, r) || ROLE_HEADS.contains(&r.as_str()))
        };
        match (best, holders.as_slice()) {
            (Some((_, p)), _) => Some(p),
            // (A diplomat is only likely a foreign minister: no guess on one holder.)
            (None, [only])
                if !diplomat
                    && !qualifiers
                        .iter()
                        .any(|q| is_demonym(q) || countries.contains(q))
                    && unqualified(*only) =>
            {
                Some(*only)
            }
            _ => None,
        }
    }

    /// Whether person `p` may be the one the epithet `words` names ("the Vermont senator",
    /// "the former Florida governor"), its head last: not of the other gender or party,
    /// known as "former" where the epithet says so, and, for an office, not known to hold
    /// a different one.
    pub fn may_be_called(&self, p: usize, words: &[&str]) -> bool {
        let person = &self.people[p];
        let Some(&head) = words.last() else {
            return false;
        };
        let has = |w: &str| person.roles.iter().any(|r| r == w);
        if words.contains(&"former") && !has("former") {
            return false;
        }
        let republican = |w: &&str| matches!(*w, "republican" | "gop");
        if (words.iter().any(republican) && has("democratic"))
            || (words.contains(&"democratic")
                && person.roles.iter().any(|r| republican(&r.as_str())))
        {
            return false;
        }
        let gender = match head {
            "businessman" | "congressman" => 1,
            "businesswoman" | "congresswoman" => 2,
            _ => 0,
        };
        if gender != 0 && person.gender != 0 && person.gender != gender {
            return false;
        }
        const OFFICES: &[&str] = &[
            "senator",
            "governor",
            "president",
            "congressman",
            "congresswoman",
            "representative",
            "lawmaker",
            "mayor",
            "minister",
        ];
        const NOT_POSTS: &[&str] = &["candidate", "nominee", "leader", "chief", "head"];
        let same = |r: &str| {
            r == head
                || (matches!(head, "lawmaker" | "congressman" | "congresswoman")
                    && matches!(
                        r,
                        "senator" | "representative" | "congressman" | "congresswoman"
                    ))
        };
        let posts = || {
            person
                .roles
                .iter()
                .map(|r| full_title(r))
                .filter(|r| ROLE_HEADS.contains(r) && !NOT_POSTS.contains(r))
        };
        match head {
            // A businessman holds no post (bar "president", which "presidential" and a
            // candidate's ambitions bring in); a candidate none that keeps one out of
            // politics.
            "businessman" | "businesswoman" | "billionaire" | "mogul" | "tycoon" => {
                !posts().any(|r| r != "president")
            }
            "candidate" | "nominee" | "front-runner" | "frontrunner" | "hopeful" | "contender" => {
                !posts().any(|r| APOLITICAL.contains(&r))
            }
            _ => !OFFICES.contains(&head) || !posts().any(|r| !same(r)),
        }
    }

    /// The person the knowledge base names `full`: found by that name, else added.
    pub fn known(&mut self, full: &str, gender: u8, at: usize) -> usize {
        if let Some(p) = self.people.iter().rposition(|p| p.full == full) {
            return p;
        }
        self.people.push(Person {
            full: full.to_string(),
            words: full.split_whitespace().map(str::to_lowercase).collect(),
            roles: Vec::new(),
            last_seen: at,
            gender,
            imported: false,
            by_surname: false,
        });
        self.people.len() - 1
    }

    /// Note that `person` spoke at token `at` (speakers are the best antecedents for "he").
    pub fn note(&mut self, person: usize, at: usize, pronoun_gender: u8) {
        if pronoun_gender != 0 && self.people[person].gender == 0 {
            self.people[person].gender = pronoun_gender;
        }
        self.people[person].last_seen = at;
        let pos = self.mentions.partition_point(|(p, _)| *p <= at);
        self.mentions.insert(pos, (at, person));
    }
}

/// Words that tell one minister's post from another's.
const POST_KINDS: &[&str] = &[
    "prime", "foreign", "defence", "defense", "deputy", "vice", "finance", "interior", "justice",
    "health", "economy", "trade",
];

/// Posts whose holders do not run for office: "the candidate" is not the FBI director.
const APOLITICAL: &[&str] = &[
    "director",
    "judge",
    "justice",
    "analyst",
    "correspondent",
    "editor",
    "professor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "adviser",
    "advisor",
    "pollster",
    "economist",
    "officer",
    "commander",
    "general",
    "admiral",
];

/// Nouns that can head a role phrase standing for a person.
pub(crate) const ROLE_HEADS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "senator",
    "governor",
    "general",
    "admiral",
    "chief",
    "head",
    "director",
    "commander",
    "envoy",
    "king",
    "queen",
    "pope",
    "representative",
    "mayor",
    "leader",
    "justice",
    "judge",
    "attorney",
    "officer",
    "speaker",
    "chairman",
    "chairwoman",
    "chair",
    "candidate",
    "nominee",
    "adviser",
    "advisor",
    "aide",
    "lawmaker",
    "congressman",
    "congresswoman",
    "premier",
    "mediator",
    "diplomat",
    "analyst",
    "professor",
    "economist",
    "correspondent",
    "editor",
    "ceo",
    "founder",
    "pollster",
    "strategist",
    "manager",
    "coordinator",
    "deputy",
    "prosecutor",
    "commissioner",
    "negotiator",
    "counterpart",
    "colonel",
    "captain",
    "monarch",
    "emir",
    "sheikh",
];

/// "russia" ~ "russian", "ukraine" ~ "ukrainian": a shared start of four letters or more.
fn same_stem(a: &str, b: &str) -> bool {
    let n = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    n >= 4 || (a == b)
}

/// The title an abbreviation stands for, so "Sen. X" answers "the senator".
fn full_title(w: &str) -> &str {
    match w {
        "sen." => "senator",
        "rep." => "representative",
        "del." => "delegate",
        "gov." => "governor",
        "gen." => "general",
        "lt." => "lieutenant",
        "col." => "colonel",
        "sgt." => "sergeant",
        "capt." => "captain",
        "prof." => "professor",
        "pres." => "president",
        _ => w,
    }
}

fn is_in3(w: &str) -> bool {
    matches!(w, "head" | "chief" | "leader")
}

const DET: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "this", "that",
];
const DET_ROLE_STOP: &[&str] = &[
    "the", "a", "an", "and", "by", "with", "to", "said", "says", "of", "from",
];

/// Whether two words differ by one inserted, deleted or replaced letter ("Lavorov").
fn one_edit(a: &str, b: &str) -> bool {
    // Cheap rejections before decoding: lengths too far apart, or different first letters.
    if a.len().abs_diff(b.len()) > 4 || a.as_bytes().first() != b.as_bytes().first() {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let pre = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if pre >= short.len() {
        return true;
    }
    if short.len() == long.len() {
        short[pre + 1..] == long[pre + 1..]
    } else {
        short[pre..] == long[pre + 1..]
    }
}

fn is_demonym(w: &str) -> bool {
    (w.ends_with("ian") || w.ends_with("ese") || w.ends_with("ish") || w.ends_with("ean"))
        && w.len() > 4
}

/// "Addressing Russia’s State Duma, …": a participle opening a sentence is not a name,
/// even where the article never writes it in lower case. Given names that end so
/// ("Sterling") are known to the knowledge base.
fn opening_participle(w: &str, kb: Option<&verbatim_actors::Kb>) -> bool {
    w.len() > 5 && w.ends_with("ing") && !kb.is_some_and(|kb| kb.knows_given_name(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tok::tokenize;

    fn reg(text: &str) -> (Registry, Vec<Tok>) {
        let mut toks = Vec::new();
        tokenize(text, None, 0..text.len(), 0, &mut toks);
        let lower: Vec<String> = toks
            .iter()
            .map(|t| text[t.range()].to_lowercase().replace('’', "'"))
            .collect();
        (
            Registry::build(text, &toks, &|k| lower[k].as_str(), None, &|_| false),
            toks,
        )
    }

    #[test]
    fn a_countrys_leader_is_its_president() {
        let text =
            "Marn's President Oskar Lind met Valdorian Foreign Minister Ilya Voronov. Later \
                    the leader spoke.";
        let (r, toks) = reg(text);
        let at = toks.len() - 2;
        let role = |w: &[&str]| {
            let w: Vec<String> = w.iter().map(|x| x.to_string()).collect();
            r.by_role(&w, at, &[]).map(|p| r.people[p].full.as_str())
        };
        assert_eq!(role(&["the", "marn", "leader"]), Some("Oskar Lind"));
        // Not a minister, and not without the country: party and union leaders abound.
        assert_eq!(role(&["the", "valdorian", "leader"]), None);
        assert_eq!(role(&["the", "leader"]), None);
    }

    #[test]
    fn titles_are_split_from_names_and_roles_resolve() {
        let text = "Valdorian Foreign Minister Ilya Voronov met Karin Lindqvist. Later the minister spoke.";
        let (r, toks) = reg(text);
        let names: Vec<&str> = r.people.iter().map(|p| p.full.as_str()).collect();
        assert_eq!(names, vec!["Ilya Voronov", "Karin Lindqvist"]);
        let at = toks.len() - 2;
        let p = r
            .by_role(&["the".into(), "minister".into()], at, &[])
            .unwrap();
        assert_eq!(r.people[p].full, "Ilya Voronov");
        let p = r
            .by_role(
                &[
                    "head".into(),
                    "of".into(),
                    "valdorian".into(),
                    "diplomacy".into(),
                ],
                at,
                &[],
            )
            .unwrap();
        assert_eq!(r.people[p].full, "Ilya Voronov");
        let p = r.by_name(&["voronov".into()], at).unwrap();
        assert_eq!(r.people[p].full, "Ilya Voronov");
        assert!(r.by_name(&["lavrov".into()], at).is_none());
        // A misspelt surname still resolves.
        let p = r.by_name(&["voronow".into()], at).unwrap();
        assert_eq!(r.people[p].full, "Ilya Voronov");
    }

    #[test]
    fn organisations_are_not_people() {
        let (r, _) = reg("The Valdoria News Agency and the State Department met the Marn Herald.");
        assert!(r.people.is_empty(), "{:?}", r.people);
    }
}
