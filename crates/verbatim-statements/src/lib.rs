//! `statements`: who said what, how, to whom and through whom.
//!
//! Entry point: [`annotate`]. Per article: take the paragraphs' tokens, pair quote marks into
//! quotations (multi-paragraph ones included), find cues with a lexicon mined from PolNeAR
//! train plus context, then read each cue's frame — source left or right of it, content as
//! the quotation next to it, the clause after it, or the clause before it — and resolve the
//! source to the fullest name the article gives (or, for someone it calls only "President
//! Obama", the name the knowledge base links that surname to).

pub mod lexicon;
pub mod model;
mod speaker;
mod tok;

use std::ops::Range;

use chrono::NaiveDate;
use lexicon::{is_in, Lexicon, ADDRESSEE_CUES, AUX, DET, MODIFIER_START, NP_INNER, NP_STOP};
use speaker::Registry;
use tok::{Kind, Quote, Tok};
use verbatim_actors::Kb;
use verbatim_core::{BlockKind, Doc, Mention, MentionKind, Span, Statement, StatementKind};

/// Cues scoring below this are dropped (tuned on polnear-dev).
const CUE_THRESHOLD: f32 = 0.5;
/// In-context lexicon rate above which a cue is kept whatever the model says.
const LEXICAL_SURE: f32 = 0.7;
/// Maps the perceptron's margin to a probability-like score.
const MODEL_SLOPE: f32 = 1.0;

/// Add the `statements` layer. Uses `blocks` (paragraphs and articles) and the text
/// stage's `tokens`; works on the text alone when there are none. Sentences are its own:
/// they follow quotations, which the text stage's do not.
pub fn annotate(doc: &mut Doc, kb: &Kb) {
    let mut groups: Vec<(Option<u32>, Vec<Range<usize>>)> = Vec::new();
    for b in &doc.layers.blocks {
        if b.kind == BlockKind::Boilerplate {
            continue;
        }
        match groups.last_mut() {
            Some((a, g)) if *a == b.article => g.push(b.span.range()),
            _ => groups.push((b.article, vec![b.span.range()])),
        }
    }
    if doc.layers.blocks.is_empty() {
        groups.push((None, lines(&doc.text)));
    }
    let mut out = Vec::new();
    let mut people = Vec::new();
    let layer = (!doc.layers.tokens.is_empty()).then_some(&doc.layers.tokens[..]);
    let doc_day = doc.meta.published.map(|d| d.date_naive());
    for (article, paras) in &groups {
        let day = article
            .and_then(|a| doc.layers.articles.get(a as usize))
            .and_then(|a| a.published)
            .map(|d| d.date_naive())
            .or(doc_day);
        let cx = Context {
            mentions: &doc.layers.mentions,
            kb: Some(kb),
            day,
        };
        Article::new(&doc.text, paras, layer, cx).statements(&mut out, &mut people);
    }
    out.sort_by_key(|s: &Statement| s.content.first().map(|c| c.start).unwrap_or(0));
    drop_inside_others(&mut out, &doc.text);
    drop_inner_ids(&mut out, &doc.layers.mentions, &doc.text);
    doc.layers.statements = out;
}

/// A statement whose content lies inside another one's source or audience is part of how
/// that one is attributed, not a statement: "Hrytsenko, who spoke to reporters an hour
/// later, said …", "Voronov, addressing the parliament, said …", "Orlov, quoted by VNA,
/// called …". (Inside a source only after "spoke", "talked", "addressed", "quoted": "X,
/// who has long opposed the plan, said" reports a position of its own.)
fn drop_inside_others(statements: &mut Vec<Statement>, text: &str) {
    let inside = |c: &Span, r: &Span| r.start <= c.start && c.end <= r.end;
    // Once per statement, not per pair: the cue words' lemmas.
    let speaking: Vec<bool> = statements
        .iter()
        .map(|st| {
            st.cue.iter().any(|c| {
                text[c.range()].split_whitespace().any(|w| {
                    let w = w.to_ascii_lowercase();
                    matches!(lemma(&w), "spok" | "speak" | "talk" | "address" | "quot")
                })
            })
        })
        .collect();
    let keep: Vec<bool> = statements
        .iter()
        .enumerate()
        .map(|(i, st)| {
            st.content.is_empty()
                || !statements.iter().enumerate().any(|(j, other)| {
                    j != i
                        && st.content.iter().all(|c| {
                            other.audience.is_some_and(|r| inside(c, &r))
                                || (speaking[i] && other.source.iter().any(|r| inside(c, r)))
                        })
                })
        })
        .collect();
    let mut it = keep.iter();
    statements.retain(|_| *it.next().unwrap_or(&true));
}

/// A speaker id that came from a person named inside the source phrase, not at its head
/// ("Voronov’s deputy", "Solt supporters", "his colleague"), is not the speaker's: dropped
/// once every statement is resolved, as pronouns read the ids as they go.
fn drop_inner_ids(statements: &mut [Statement], mentions: &[Mention], text: &str) {
    for st in statements {
        let (Some(id), Some(src)) = (st.speaker_id.as_deref(), st.source.last()) else {
            continue;
        };
        let lo = mentions.partition_point(|m| m.span.start < src.start);
        let within: Vec<&Mention> = mentions[lo..]
            .iter()
            .take_while(|m| m.span.start < src.end)
            .filter(|m| m.span.end <= src.end && m.actor_id.as_deref() == Some(id))
            .collect();
        // The head ends the phrase, or opens it as a subject or before a modifier: "he
        // now …", "Trump, the frontrunner", "Peter King of Marn".
        let head = within.iter().any(|m| {
            let after = &text[m.span.end as usize..];
            m.span.end == src.end
                || (m.span.start == src.start
                    && (after.starts_with(',')
                        || after.starts_with(" of ")
                        || (m.kind == MentionKind::Pronoun
                            && subject_pronoun(&text[m.span.range()].to_lowercase()))))
        });
        let person = within
            .iter()
            .any(|m| matches!(m.kind, MentionKind::Person | MentionKind::Pronoun));
        // ("Mr. Trump, it turned out" still names him: the speaker is his name.)
        let named = |m: &&Mention| {
            m.actor
                .as_deref()
                .zip(st.speaker.as_deref())
                .is_some_and(|(a, s)| {
                    verbatim_actors::norm::names_compatible(
                        &verbatim_actors::name_key(a),
                        &verbatim_actors::name_key(s),
                    )
                })
        };
        if person && !head && !within.iter().any(named) {
            st.speaker_id = None;
        }
    }
}

fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let s = start + (line.len() - line.trim_start().len());
            out.push(s..s + t.len());
        }
        start += line.len();
    }
    out
}

/// One statement before speaker resolution, in token indices.
#[derive(Clone, Debug)]
struct Frame {
    content: Vec<Range<usize>>,
    cue: Range<usize>,
    source: Option<Range<usize>>,
    score: f32,
    /// Last token the frame touches (content, cue or source): continuations follow it.
    last: usize,
    /// The source is a guess at the sentence's subject ("…, saying …").
    guessed: bool,
}

/// What the article's statements resolve against besides its own text.
#[derive(Clone, Copy)]
struct Context<'a> {
    /// The actors stage's mentions (sorted by start), if it ran.
    mentions: &'a [Mention],
    kb: Option<&'a Kb>,
    /// The article's date, for "who held the role then".
    day: Option<NaiveDate>,
}

struct Article<'a> {
    text: &'a str,
    cx: Context<'a>,
    /// Tokens that can open a relay or audience phrase ("quoted", "told", "at" …).
    relay_starts: std::cell::OnceCell<Vec<bool>>,
    /// Each token's cue prior outside quotations (0 inside), for the cue model's
    /// sentence features.
    outside_prior: std::cell::OnceCell<Vec<f32>>,
    /// Surname → the actors stage's person mention naming that actor.
    surname_ids: std::cell::OnceCell<std::collections::HashMap<String, u32>>,
    /// Speaker name → knowledge-base id, looked up once per article.
    id_cache: std::cell::RefCell<std::collections::HashMap<String, Option<String>>>,
    toks: Vec<Tok>,
    /// Lower-cased token texts, one buffer.
    lbuf: String,
    lw: Vec<Range<u32>>,
    paras: Vec<Range<usize>>,
    sents: Vec<Range<usize>>,
    sent_of: Vec<u32>,
    /// Whether each sentence holds a quote mark.
    sent_quoted: Vec<bool>,
    /// Words before each token (for constant-time word counts).
    word_prefix: Vec<u32>,
    /// Lexicon entry of each token's form, if any.
    info: Vec<Option<&'static lexicon::WordInfo>>,
    quotes: Vec<Quote>,
    /// Index into `quotes` of the quotation covering each token.
    quote_of: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// Words that open reported content after an addressee ("told reporters how …").
const COMPLEMENTIZER: &[&str] = &[
    "that", "how", "what", "why", "whether", "if", "when", "where", "who",
];

/// Whether the words before "and" at `k` hold a verb, so "and said" coordinates two verb
/// phrases of one subject rather than two subjects ("Voronov and Hrytsenko said").
fn left_is_verb_phrase(a: &Article, k: usize, ss: usize) -> bool {
    let mut j = k;
    // (Quotation marks inside the first conjunct are no boundary: "pledged to be “the
    // greatest …” and cast doubt on …".)
    while j > ss && (a.is_word(j - 1) || a.toks[j - 1].kind == Kind::Quote) && k - j < 25 {
        j -= 1;
        if a.toks[j].kind == Kind::Quote {
            continue;
        }
        let w = a.lw(j);
        if Lexicon::get().prior(w) > 0.1 || w.ends_with("ed") || is_in(AUX, w) {
            return true;
        }
    }
    // Commas inside the first conjunct are fine: look further back once.
    j > ss
        && a.lw(j - 1) == ","
        && (ss..j).any(|x| a.is_word(x) && Lexicon::get().prior(a.lw(x)) > 0.1)
}

/// Cue verbs (as [`lemma`] gives them) taking their complement after a preposition.
const PREP_VERBS: &[(&str, &[&str])] = &[
    ("refer", &["to"]),
    ("referr", &["to"]),
    ("point", &["to"]),
    ("agr", &["with", "to"]),
    ("agre", &["with", "to"]),
    ("sid", &["with", "against"]),
    ("vot", &["for", "against"]),
    ("rail", &["against"]),
    ("campaign", &["for", "against"]),
    ("focus", &["on"]),
    ("comment", &["on"]),
    ("warn", &["of", "about", "against"]),
    ("speak", &["of", "about"]),
    ("spok", &["of", "about"]),
    ("spoken", &["of", "about"]),
    ("talk", &["about"]),
    ("ask", &["about", "for"]),
    ("respond", &["to"]),
    ("repl", &["to"]),
    ("reply", &["to"]),
    ("react", &["to"]),
    ("object", &["to"]),
    ("allud", &["to"]),
    ("apologiz", &["for"]),
    ("apologis", &["for"]),
    ("boast", &["of", "about"]),
    ("brag", &["about"]),
    ("hint", &["at"]),
    ("jok", &["about"]),
    ("complain", &["about"]),
    ("worr", &["about"]),
    ("worry", &["about"]),
    ("insist", &["on"]),
    ("argu", &["for", "against"]),
    ("push", &["for"]),
    ("press", &["for"]),
    ("lobby", &["for"]),
    ("lobbi", &["for"]),
    ("advocat", &["for"]),
    ("writ", &["about"]),
    ("wrot", &["about"]),
    ("written", &["about"]),
];

/// Words opening a noun phrase like a determiner: "said one official", "said two aides".
const QUANTIFIER: &[&str] = &[
    "one", "two", "three", "four", "another", "several", "many", "most", "other", "both", "all",
    "few",
];

/// Paragraph openers before a colon that are labels, not speakers.
const COLON_NOT_SPEAKER: &[&str] = &[
    "photo",
    "photos",
    "read",
    "see",
    "watch",
    "related",
    "update",
    "updated",
    "correction",
    "corrections",
    "clarification",
    "editor",
    "disclosure",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "editorial",
    "live",
    "factbox",
    "explainer",
    "wow",
    "so",
    "yet",
    "note",
    "source",
    "sources",
    "caption",
    "video",
    "listen",
    "credit",
    "image",
    "getty",
    "advertisement",
    "subscribe",
    "sign",
    "follow",
    "contact",
    "email",
    "tags",
    "filed",
    "posted",
    "published",
    "by",
    "more",
    // Headline kickers ("REVEALED: …", "LOOK: …") and credit or profile labels
    // ("Contributing: …", "Name: …, Age: …").
    "look",
    "revealed",
    "busted",
    "bombshell",
    "boom",
    "shocking",
    "warning",
    "alert",
    "confirmed",
    "contributing",
    "name",
    "age",
];

/// Words opening a phrase before the subject: "On Thursday, …", "Speaking in Marn, …".
const INTRO: &[&str] = &[
    "on",
    "in",
    "at",
    "after",
    "before",
    "during",
    "recently",
    "perhaps",
    "meanwhile",
    "earlier",
    "later",
    "yesterday",
    "today",
    "last",
    "this",
    "when",
    "while",
    "as",
    "since",
    "speaking",
    "asked",
    "addressing",
    "writing",
    "separately",
    "still",
    "instead",
    "also",
    "however",
    "then",
    "now",
    "for",
    "with",
    "despite",
    "following",
    "according",
    "amid",
    "given",
    "among",
    "under",
    "unlike",
    "like",
    "outside",
    "beyond",
    "inside",
    "across",
    "throughout",
    "around",
    "within",
    "from",
    "by",
    "against",
    "without",
    "together",
    "shortly",
    "indeed",
    "moreover",
    "ultimately",
    "overall",
    "thus",
];

/// Cues that can precede their source: "…, said Voronov", "…, according to VNA".
pub(crate) const INVERTIBLE: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "asks",
    "noted",
    "notes",
    "explained",
    "continued",
    "recalled",
    "argued",
    "argues",
    "insisted",
    "replied",
    "answered",
    "declared",
    "observed",
    "remarked",
    "warned",
    "cautioned",
    "concluded",
    "conceded",
    "complained",
    "claimed",
    "admitted",
    "confirmed",
    "suggested",
    "objected",
    "protested",
    "acknowledged",
    "tweeted",
    "reported",
    "reports",
    "say",
    "explains",
    "quipped",
    "joked",
    "countered",
    "responded",
    "stressed",
    "emphasized",
    "recalls",
    "predicted",
];

/// Words of a short time phrase ("this weekend", "on Tuesday", "last week").
const TIME_WORDS: &[&str] = &[
    "this",
    "last",
    "next",
    "on",
    "weekend",
    "week",
    "month",
    "morning",
    "afternoon",
    "evening",
    "night",
    "year",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "earlier",
    "later",
];

/// Finite auxiliaries: a noun phrase read rightwards ends before one.
const FINITE_AUX: &[&str] = &[
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "should", "must",
    "can", "did", "does",
];

/// Participles of a state the subject is in ("is worried", "are focused on"): the
/// subject holds the position, no one reports on it.
const EXPERIENCER: &[&str] = &[
    "worried",
    "concerned",
    "focused",
    "interested",
    "opposed",
    "committed",
    "convinced",
    "determined",
    "pleased",
    "disappointed",
    "frustrated",
    "surprised",
    "prepared",
    "dedicated",
    "inclined",
    "divided",
    "united",
    "poised",
    "supposed",
    "scheduled",
    "set",
];

/// Participles of a feeling: "was troubled by X", "were thrilled with X" report the
/// subject's view of X (PolNeAR: the subject is the source, X the content).
const EMOTION: &[&str] = &[
    "troubled",
    "delighted",
    "startled",
    "disturbed",
    "alarmed",
    "impressed",
    "heartened",
    "dismayed",
    "angered",
    "offended",
    "outraged",
    "shocked",
    "bothered",
    "inspired",
    "appalled",
    "thrilled",
    "excited",
    "saddened",
    "stunned",
    "embarrassed",
    "unnerved",
    "unsettled",
    "intrigued",
    "amused",
    "irritated",
    "annoyed",
    "incensed",
    "infuriated",
    "horrified",
    "puzzled",
    "baffled",
    "upset",
    "pleased",
    "disappointed",
    "frustrated",
    "surprised",
    "worried",
    "concerned",
];

/// Participles that name what something is called or taken for with "as" ("known as",
/// "remembered as"): nobody is cited, and the "as" is part of the cue.
const AS_PASSIVES: &[&str] = &[
    "known",
    "seen",
    "viewed",
    "regarded",
    "considered",
    "described",
    "remembered",
    "celebrated",
    "treated",
    "labeled",
    "labelled",
    "dubbed",
    "billed",
    "referred",
    "characterized",
    "portrayed",
    "branded",
    "lambasted",
    "hailed",
];

/// A speaker named by a plural noun: "Democrats", "voting rights advocates", "officials".
fn names_a_group(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    let plural = last.len() > 3
        && last.ends_with('s')
        && !last.ends_with("ss")
        && !last.ends_with("us")
        && !last.ends_with("is")
        && !last.ends_with("'s")
        && !last.ends_with("’s");
    // Things counted or published are not who "they" are ("polls show … They are hungry
    // for change" is the voters).
    const THINGS: &[&str] = &[
        "polls",
        "surveys",
        "studies",
        "reports",
        "returns",
        "results",
        "numbers",
        "figures",
        "graphics",
        "documents",
        "records",
        "emails",
        "statistics",
        "data",
        "ads",
        "videos",
    ];
    // A capitalised run is a name ("James Ross"), unless one word ("Republicans").
    plural
        && !is_in(THINGS, &last.to_lowercase())
        && (words.len() == 1 || !last.starts_with(char::is_uppercase))
}

/// A speaker named by a body or a document, which "it" can stand for: "the city of Marn",
/// "the Kessel Times article", "the report".
fn names_a_body(name: &str) -> bool {
    const BODIES: &[&str] = &[
        "report",
        "study",
        "survey",
        "poll",
        "analysis",
        "article",
        "editorial",
        "statement",
        "letter",
        "memo",
        "campaign",
        "committee",
        "council",
        "commission",
        "agency",
        "department",
        "ministry",
        "court",
        "city",
        "government",
        "administration",
        "company",
        "firm",
        "group",
        "organization",
        "organisation",
        "coalition",
        "foundation",
        "institute",
        "center",
        "centre",
        "union",
        "party",
        "board",
        "office",
        "newspaper",
        "magazine",
        "network",
        "website",
        "bank",
        "fund",
        "team",
    ];
    let mut words = name.split_whitespace().map(|w| w.to_lowercase());
    let first = words.next();
    let last = words.next_back();
    [first, last]
        .iter()
        .flatten()
        .any(|w| is_in(BODIES, w.trim_end_matches(['’', '\''])))
}

/// A personal pronoun that can only be a subject ("he", not "him"; "it" and "you" can be
/// objects too, so sites that want them name them).
fn subject_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "we" | "i")
}

/// The pronoun of a contraction: "he's said" is "he" speaking.
fn pronoun_of(w: &str) -> &str {
    match w.split_once('\'') {
        Some((p, "s" | "d" | "ll" | "ve" | "re" | "m")) if subject_pronoun(p) || p == "you" => p,
        _ => w,
    }
}

/// Plural nouns for groups that speak: "European leaders said".
const GROUP_NOUNS: &[&str] = &[
    "leaders",
    "officials",
    "lawmakers",
    "senators",
    "voters",
    "diplomats",
    "ministers",
    "members",
    "critics",
    "activists",
    "protesters",
    "delegates",
    "insiders",
    "donors",
    "experts",
    "analysts",
    "lawyers",
    "prosecutors",
    "investigators",
    "aides",
    "advisers",
    "supporters",
    "residents",
    "groups",
    "sources",
];

/// Prepositions a speech gerund can follow: "for saying", "aside from saying".
const GERUND_PREPS: &[&str] = &["for", "from", "by", "without", "after", "before"];

/// Pronouns that stand for the object of a cue after them: "which X said", "everything
/// X says".
const OBJECT_RELATIVE: &[&str] = &["which", "that", "what", "whom", "everything", "something"];

/// Conjunctions after a comma that start a clause outside the reported content.
const CLAUSE_BREAK: &[&str] = &["but", "although", "though", "while", "whereas", "yet"];

impl<'a> Article<'a> {
    fn new(
        text: &'a str,
        para_spans: &[Range<usize>],
        layer: Option<&[verbatim_core::Token]>,
        cx: Context<'a>,
    ) -> Article<'a> {
        let bytes: usize = para_spans.iter().map(|r| r.len()).sum();
        let mut toks = Vec::with_capacity(bytes / 5 + 8);
        let mut paras = Vec::with_capacity(para_spans.len());
        for (pi, r) in para_spans.iter().enumerate() {
            let s = toks.len();
            tok::tokenize(text, layer, r.clone(), pi as u32, &mut toks);
            paras.push(s..toks.len());
        }
        let mut lbuf = String::with_capacity(toks.len() * 6);
        let mut lw = Vec::with_capacity(toks.len());
        for t in &toks {
            let s = lbuf.len() as u32;
            let w = &text[t.range()];
            if w.is_ascii() {
                lbuf.push_str(w);
                lbuf[s as usize..].make_ascii_lowercase();
            } else {
                for c in w.chars() {
                    match c {
                        '’' => lbuf.push('\''),
                        c if c.is_ascii() => lbuf.push(c.to_ascii_lowercase()),
                        c => lbuf.extend(c.to_lowercase()),
                    }
                }
            }
            lw.push(s..lbuf.len() as u32);
        }
        let mut sents = Vec::new();
        for p in &paras {
            tok::sentences(text, &toks, p.clone(), &mut sents);
        }
        let mut sent_of = vec![0u32; toks.len()];
        for (si, s) in sents.iter().enumerate() {
            for k in s.clone() {
                sent_of[k] = si as u32;
            }
        }
        let quotes = tok::quotes(text, &toks, &paras);
        let mut quote_of = vec![NONE; toks.len()];
        for (qi, q) in quotes.iter().enumerate() {
            quote_of[q.open..=q.close].fill(qi as u32);
        }
        let sent_quoted = sents
            .iter()
            .map(|r| r.clone().any(|k| toks[k].kind == Kind::Quote))
            .collect();
        let mut word_prefix = Vec::with_capacity(toks.len() + 1);
        let mut n = 0u32;
        word_prefix.push(0);
        for t in &toks {
            n += (t.kind == Kind::Word) as u32;
            word_prefix.push(n);
        }
        let lex = Lexicon::get();
        let info = lw
            .iter()
            .zip(&toks)
            .map(|(r, t)| {
                (t.kind == Kind::Word)
                    .then(|| lex.info(&lbuf[r.start as usize..r.end as usize]))
                    .flatten()
            })
            .collect();
        Article {
            text,
            cx,
            id_cache: Default::default(),
            surname_ids: Default::default(),
            relay_starts: Default::default(),
            outside_prior: Default::default(),
            toks,
            lbuf,
            lw,
            paras,
            sents,
            sent_of,
            sent_quoted,
            word_prefix,
            info,
            quotes,
            quote_of,
        }
    }

    /// The lower-cased word at `i`; past the last token, "" (rules look a token or two
    /// ahead, and a text may end right after a cue).
    fn lw(&self, i: usize) -> &str {
        self.lw
            .get(i)
            .map_or("", |r| &self.lbuf[r.start as usize..r.end as usize])
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct) && self.lw(i) == p
    }

    fn is_open_quote(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Quote)
            && self.quote_of[i] != NONE
            && self.quotes[self.quote_of[i] as usize].open == i
    }

    /// An opening mark at `i` whose quotation reads as speech, not a scare quote or title:
    /// four words or more, or ending with sentence punctuation inside the marks.
    fn is_utterance(&self, i: usize) -> bool {
        if !self.is_open_quote(i) {
            return false;
        }
        let q = &self.quotes[self.quote_of[i] as usize];
        self.words_in(q.open..q.close) >= 4
            || !q.closed
            || (q.close > q.open + 1 && matches!(self.lw(q.close - 1), "." | "!" | "?" | ","))
    }

    fn in_quote(&self, i: usize) -> bool {
        self.quote_of[i] != NONE
    }

    fn sent(&self, i: usize) -> Range<usize> {
        self.sents[self.sent_of[i] as usize].clone()
    }

    /// The whole quotation group quote `qi` belongs to, as token ranges (one per paragraph).
    fn group(&self, qi: usize) -> Vec<Range<usize>> {
        let g = self.quotes[qi].group;
        self.quotes
            .iter()
            .filter(|q| q.group == g)
            .map(|q| q.open..q.close + 1)
            .collect()
    }

    fn words_in(&self, r: Range<usize>) -> usize {
        if r.start >= r.end {
            return 0;
        }
        (self.word_prefix[r.end.min(self.toks.len())] - self.word_prefix[r.start]) as usize
    }

    /// The class of the token after `i`, as the cue miner computes it.
    fn next_class(&self, i: usize) -> usize {
        let class = |c: &str| {
            lexicon::NEXT_CLASSES
                .iter()
                .position(|k| *k == c)
                .unwrap_or(5)
        };
        let Some(t) = self.toks.get(i + 1) else {
            return 0;
        };
        if t.para != self.toks[i].para {
            return 0;
        }
        let w = self.lw(i + 1);
        match t.kind {
            Kind::Quote => 1,
            Kind::Punct => match w {
                "," => 2,
                ":" => 3,
                ";" | "." => 4,
                _ => 5,
            },
            Kind::Word => {
                if let Some(c) = lexicon::NEXT_CLASSES[6..16].iter().position(|c| *c == w) {
                    c + 6
                } else if self.info[i + 1].is_some_and(|x| x.flags & lexicon::F_DET != 0) {
                    class("det")
                } else if is_in(
                    &[
                        "he", "she", "they", "it", "we", "i", "you", "him", "them", "us", "me",
                    ],
                    w,
                ) {
                    class("pron")
                } else if t.cap {
                    class("cap")
                } else {
                    class("word")
                }
            }
        }
    }

    /// How likely token `i` is the head of a cue, in context.
    fn cue_score(&self, i: usize) -> f32 {
        if !self.is_word(i) || self.in_quote(i) {
            return 0.0;
        }
        let w = self.lw(i);
        let Some(info) = self.info[i] else { return 0.0 };
        let mut p = info.prior;
        if p == 0.0 {
            return 0.0;
        }
        if w == "according" {
            return if self.lw(i + 1) == "to" && i + 1 < self.toks.len() {
                p
            } else {
                0.0
            };
        }
        let prev = if i > 0 { self.lw(i - 1) } else { "" };
        p = info.in_context(self.next_class(i));
        let boost = |p: f32, b: f32| p + (1.0 - p) * b;
        if is_in(DET, prev) || prev == "to" {
            p *= 0.3;
        }
        // A quotation right after the cue, unless it is a scare quote or a title.
        let q = if self.is_open_quote(i + 1) {
            i + 1
        } else {
            i + 2
        };
        if self.is_open_quote(q) && (q == i + 1 || self.lw(i + 1) == ",") {
            if self.is_utterance(q) {
                p = boost(p, 0.3);
            } else {
                p *= 0.5;
            }
        }
        // "…,” said X" / "…,” X said": a quotation just before the source.
        let s = self.sent(i);
        let mut k = i;
        while k > s.start && (self.is_word(k - 1) && (k + 4 > i)) {
            k -= 1;
        }
        if k > s.start && (self.toks[k - 1].kind == Kind::Quote || self.is_punct(k - 1, ",")) {
            p = boost(p, 0.3);
        }
        p
    }

    /// Tokens the cue model scores: forms seen heading cues in training, and verb-like
    /// forms in a reporting context (before "that", a colon or a quotation). Skipping
    /// the rest keeps the stage fast.
    fn candidate(&self, i: usize) -> bool {
        if !self.is_word(i) || self.in_quote(i) {
            return false;
        }
        if self.info[i].is_some_and(|x| x.prior > 0.0) {
            return true;
        }
        let w = self.lw(i).as_bytes();
        let verbish =
            w.len() > 3 && (w.ends_with(b"ed") || w.ends_with(b"es") || w.ends_with(b"ing"));
        // Cheap test of the next token before classifying it.
        verbish
            && self
                .toks
                .get(i + 1)
                .is_some_and(|t| t.kind != Kind::Word || self.lw(i + 1) == "that")
            && matches!(self.next_class(i), 1 | 3 | 6)
    }

    /// Cue probability from the trained model when shipped, else from the lexicon rules.
    fn cue_prob(&self, i: usize, feats: &mut Vec<u32>) -> f32 {
        match model::Model::get() {
            Some(m) => {
                if !self.candidate(i) {
                    return 0.0;
                }
                if self.lw(i) == "according" && self.lw(i + 1) != "to" {
                    return 0.0;
                }
                // "who asked not to be named", "spoke on condition of anonymity": how a
                // source is shielded, not something it said.
                if self.anonymity_clause(i) {
                    return 0.0;
                }
                self.features(i, feats);
                let z = m.score(feats);
                let p = 1.0 / (1.0 + (-z * MODEL_SLOPE).exp());
                // Forms that nearly always report speech in this very context ("told",
                // "said" before a quotation) are kept even when the model hesitates.
                let lexical = self.info[i].map_or(0.0, |x| x.in_context(self.next_class(i)));
                if lexical >= LEXICAL_SURE {
                    p.max(lexical)
                } else {
                    p
                }
            }
            None => self.cue_score(i),
        }
    }

    /// Whether `i` is the verb of a short attribution right after an utterance that ends
    /// with a comma or a question or exclamation mark: "“…?” Vitter demanded.", "“…,” she
    /// yells while …". The subject is a pronoun or a short name or role (up to 4 words).
    fn ends_quote_attribution(&self, i: usize) -> bool {
        if i < 2 || !self.is_word(i) || self.in_quote(i) || self.toks[i].cap {
            return false;
        }
        let w = self.lw(i).as_bytes();
        if w.len() < 4 || !(w.ends_with(b"ed") || w.ends_with(b"s")) {
            return false;
        }
        // (A sentence may end inside the marks: "“…?” Vitter demanded." is two.)
        let s = self.sent(i);
        let mut k = i;
        while k > s.start && self.is_word(k - 1) && i - k < 4 {
            k -= 1;
        }
        if k == i
            || k < 2
            || self.toks[k - 1].kind != Kind::Quote
            || self.toks[k - 2].para != self.toks[i].para
        {
            return false;
        }
        // No other cue-like word between ("…,” Biden told reporters": not "reporters").
        let subject = (self.toks[k].cap
            || matches!(self.lw(k), "he" | "she" | "they" | "i" | "we" | "the"))
            && (k..i).all(|j| self.info[j].is_none_or(|x| x.prior < 0.2));
        let q = self.quote_of[k - 1];
        subject
            && q != NONE
            && self.quotes[q as usize].close == k - 1
            && self.is_utterance(self.quotes[q as usize].open)
            && matches!(self.lw(k - 2), "," | "?" | "!")
            // The attribution ends the sentence or goes on after a comma or a preposition.
            && (i + 1 >= s.end
                || !self.is_word(i + 1)
                || matches!(self.lw(i + 1), "while" | "as" | "in" | "at" | "to" | "before" | "after"))
    }

    /// Whether the cue candidate at `i` is part of "asked not to be named/identified" or
    /// "spoke on (the) condition of anonymity".
    fn anonymity_clause(&self, i: usize) -> bool {
        let at = |k: usize| if k < self.toks.len() { self.lw(k) } else { "" };
        let hidden = |k: usize| matches!(at(k), "named" | "identified" | "quoted");
        match self.lw(i) {
            "asked" | "requested" => at(i + 1) == "not" && at(i + 2) == "to" && hidden(i + 4),
            "spoke" | "speaking" | "talked" => {
                at(i + 1) == "on" && at(i + 2 + (at(i + 2) == "the") as usize) == "condition"
            }
            w if hidden(i) || w == "be" => {
                i >= 3 && at(i - 1) == "be" && at(i - 2) == "to" && at(i - 3) == "not"
            }
            _ => false,
        }
    }

    /// Hashed context features of token `i` for the cue model.
    fn features(&self, i: usize, out: &mut Vec<u32>) {
        use model::Hasher as H;
        out.clear();
        let s = self.sent(i);
        let at = |k: isize| -> &str {
            if k < s.start as isize || k >= s.end as isize {
                "<s>"
            } else {
                self.lw(k as usize)
            }
        };
        let ii = i as isize;
        let (w, n1) = (self.lw(i), at(ii + 1));
        let hs = |k: isize| -> model::Hasher {
            if k < s.start as isize || k >= s.end as isize {
                model::Hasher::new(0)
            } else {
                model::Hasher::new(0).str(self.lw(k as usize))
            }
        };
        let (hw, hp1, hp2, hn1, hn2) = (hs(ii), hs(ii - 1), hs(ii - 2), hs(ii + 1), hs(ii + 2));
        let suf = match w.char_indices().rev().nth(2) {
            Some((b, _)) => &w[b..],
            None => w,
        };
        let lem = lemma(w);
        let nci = self.next_class(i);
        let nc = lexicon::NEXT_CLASSES[nci];
        let (pb, cb, clause) = match self.info[i] {
            Some(inf) => (
                (inf.prior * 10.0) as u8,
                (inf.in_context(nci) * 10.0) as u8,
                (inf.flags & lexicon::F_CLAUSE != 0) as u8,
            ),
            None => (0, 0, 0),
        };
        let flags = |k: usize| self.info[k].map_or(0, |x| x.flags);
        // A quotation just before (“…,” X said) or a real utterance just after the cue.
        let mut k = i;
        while k > s.start && self.is_word(k - 1) && k + 4 > i {
            k -= 1;
        }
        let qb = (k > s.start
            && (self.toks[k - 1].kind == Kind::Quote || self.is_punct(k - 1, ",")))
            as u8;
        let qa = (self.is_utterance(i + 1) || (n1 == "," && self.is_utterance(i + 2))) as u8;
        let qs = self.sent_quoted[self.sent_of[i] as usize] as u8;
        let pos = (i - s.start).min(6) as u8;
        let rem = match self.words_in(i + 1..s.end) {
            0 => 0u8,
            1..=2 => 1,
            3..=5 => 2,
            6..=10 => 3,
            _ => 4,
        };
        let cap = self.toks[i].cap as u8;
        let pcap = (i > s.start && self.toks[i - 1].cap) as u8;
        let pf = if i > s.start { flags(i - 1) } else { 0 };
        let paux = (pf & lexicon::F_AUX != 0) as u8;
        let pclass = if pf & lexicon::F_DET != 0 {
            "det"
        } else if pf & lexicon::F_PRON != 0 {
            "pron"
        } else if pcap == 1 {
            "cap"
        } else if paux == 1 {
            "aux"
        } else if i > s.start && !self.is_word(i - 1) {
            "punct"
        } else {
            "word"
        };
        // The subject's class, past auxiliaries and adverbs: "Trump has repeatedly backed".
        let mut k = i;
        while k > s.start
            && self.is_word(k - 1)
            && (flags(k - 1) & lexicon::F_AUX != 0
                || self.lw(k - 1).ends_with("ly")
                || matches!(self.lw(k - 1), "not" | "never" | "n't"))
        {
            k -= 1;
        }
        let subj = if k == s.start {
            "start"
        } else {
            let j = k - 1;
            let f = flags(j);
            let w = self.lw(j);
            if f & lexicon::F_PRON != 0 {
                "pron"
            } else if f & lexicon::F_DET != 0 {
                "det"
            } else if w.ends_with("’s") || w.ends_with("'s") {
                "poss"
            } else if matches!(w, "who" | "which" | "that") {
                "rel"
            } else if self.toks[j].cap {
                "cap"
            } else if !self.is_word(j) {
                "punct"
            } else if w.ends_with('s') {
                "nouns"
            } else {
                "word"
            }
        };
        for h in [
            H::new(0),
            H::new(1).mix(hw),
            H::new(2).str(suf),
            H::new(3).mix(hp1),
            H::new(4).mix(hn1),
            H::new(5).mix(hp2),
            H::new(6).mix(hn2),
            H::new(7).mix(hw).mix(hn1),
            H::new(8).mix(hp1).mix(hw),
            H::new(9).str(nc),
            H::new(10).mix(hw).str(nc),
            H::new(11).byte(pb),
            H::new(12).byte(pb).str(nc),
            H::new(13).byte(qb),
            H::new(14).byte(qa),
            H::new(15).byte(qs),
            H::new(16).byte(pos),
            H::new(17).byte(rem),
            H::new(18).byte(cap).byte(pcap),
            H::new(19).byte(paux),
            H::new(20).mix(hw).byte(qb),
            H::new(21).mix(hw).byte(qa),
            H::new(22).byte(pb).byte(qb).byte(qa),
            H::new(23).byte(cb),
            H::new(24).str(pclass),
            H::new(25).str(pclass).mix(hw),
            H::new(26).str(suf).str(nc),
            H::new(27).byte(clause).str(nc),
            H::new(28).str(pclass).str(suf),
            H::new(29).byte(cb).byte(rem),
            H::new(30).str(lem),
            H::new(31).str(lem).str(nc),
            H::new(32).str(lem).str(pclass),
            H::new(33).str(subj).str(lem),
            H::new(34).str(subj).str(nc),
            H::new(35).str(subj),
        ] {
            out.push(h.bucket());
        }
        // The sentence around the candidate: PolNeAR never nests a cue inside another's
        // content, so a strong cue before it ("said that … wants") or after it ("… wants,
        // he said") speaks against it.
        let op = self.outside_prior.get_or_init(|| {
            (0..self.toks.len())
                .map(|k| match self.info[k] {
                    Some(x) if !self.in_quote(k) => x.prior,
                    _ => 0.0,
                })
                .collect()
        });
        let sl = op[s.start..i].iter().fold(0f32, |m, &p| m.max(p));
        let sr = op[i + 1..s.end].iter().fold(0f32, |m, &p| m.max(p));
        let (sl, sr) = ((sl * 4.0) as u8, (sr * 4.0) as u8);
        let gap = |d: usize| match d {
            1..=2 => 1u8,
            3..=5 => 2,
            6..=10 => 3,
            _ => 4,
        };
        let strong = |k: &usize| op[*k] >= 0.5;
        let (ld, lthat, lcomma) = match (s.start..i).rev().find(strong) {
            None => (0, 0, 0),
            Some(j) => (
                gap(i - j),
                (j + 1..i).any(|k| self.lw(k) == "that") as u8,
                (j + 1..i).any(|k| self.is_punct(k, ",")) as u8,
            ),
        };
        let (rd, rcomma, rquote) = match (i + 1..s.end).find(strong) {
            None => (0, 0, 0),
            Some(j) => (
                gap(j - i),
                (i + 1..j).any(|k| self.is_punct(k, ",")) as u8,
                (i + 1..j).any(|k| self.toks[k].kind == Kind::Quote) as u8,
            ),
        };
        // The subject's own word (`k` stops past auxiliaries and adverbs).
        let subjw = if k > s.start {
            hs(k as isize - 1)
        } else {
            H::new(0)
        };
        for h in [
            H::new(36).byte(sl).byte(qb),
            H::new(37).byte(sr),
            H::new(38).str(lem).byte(sl).byte(qb),
            H::new(39).mix(subjw),
            H::new(40).mix(subjw).str(lem),
            H::new(41).mix(hn1).mix(hn2),
            H::new(42).str(lem).mix(hn1).mix(hn2),
            H::new(43).byte(sl).byte(sr).byte(pb).byte(qb),
            H::new(50).byte(ld).byte(lthat).byte(lcomma).byte(qb),
            H::new(51).str(lem).byte(ld).byte(qb),
            H::new(52).str(lem).byte(lthat).byte(lcomma).byte(qb),
            H::new(53).byte(pb).byte(ld).byte(lthat).byte(qb),
            H::new(54).byte(rd).byte(rcomma).byte(rquote),
            H::new(55).str(lem).byte(rd),
            H::new(56).str(lem).byte(rcomma).byte(rquote),
            H::new(57).byte(pb).byte(rd).byte(rcomma),
        ] {
            out.push(h.bucket());
        }
    }

    /// Append this article's statements to `out`; `people` carries the people named in
    /// earlier articles of the document in, and this article's out.
    fn statements(&self, out: &mut Vec<Statement>, people: &mut Vec<speaker::Person>) {
        let mut frames: Vec<Frame> = Vec::new();
        let mut feats = Vec::with_capacity(32);
        // "“…?” Vitter demanded.": whatever the verb, it attributes the quotation. Only the
        // few words after each closing mark can be such a verb.
        let mut after_quote: Vec<usize> = self
            .quotes
            .iter()
            .filter(|q| q.closed)
            .flat_map(|q| q.close + 2..(q.close + 6).min(self.toks.len()))
            .filter(|&i| self.ends_quote_attribution(i))
            .collect();
        after_quote.sort_unstable();
        for i in 0..self.toks.len() {
            // Only words can be cues (punctuation makes up a sixth of the tokens).
            if !self.is_word(i) {
                continue;
            }
            let mut score = self.cue_prob(i, &mut feats);
            if after_quote.binary_search(&i).is_ok()
                || self.speech_gerund(i)
                || self.research_finding(i)
            {
                score = score.max(0.9);
            }
            if score < CUE_THRESHOLD {
                continue;
            }
            if let Some(f) = self.frame(i, score) {
                frames.push(f);
            }
        }
        self.dash_and_colon_lines(&mut frames);
        self.poll_findings(&mut frames);
        self.reportedly(&mut frames);
        frames.sort_by_key(|f| f.cue.start);
        // "“…,” Voronov said, adding that …": the participle's speaker is the one before.
        // The one before is the nearest earlier cue of the sentence that is not itself
        // reported inside another statement.
        for k in 1..frames.len() {
            if !frames[k].guessed {
                continue;
            }
            let sent = self.sent_of[frames[k].cue.start];
            let prev = (0..k).rev().find(|&j| {
                self.sent_of[frames[j].cue.start] == sent
                    && !frames
                        .iter()
                        .any(|g| g.content.iter().any(|c| c.contains(&frames[j].cue.start)))
            });
            if let Some(src) = prev.and_then(|j| frames[j].source.clone()) {
                frames[k].source = Some(src);
            }
        }
        self.continuations(&mut frames);
        // People named inside what someone reported are less salient than the reporter:
        // "Matthews said Pence's debate helped. “…,” he said." is Matthews speaking again.
        // (Before nested statements are carved apart: a pronoun inside reported content
        // still looks there: "X said Y was right when
        // he …".)
        let mut reported = vec![false; self.toks.len()];
        for f in &frames {
            for c in &f.content {
                reported[c.clone()].fill(true);
            }
        }
        self.drop_embedded(&mut frames);
        carve_nested(self, &mut frames);
        drop_overlapping(&mut frames);
        let skip = |k: usize| self.in_quote(k) || self.in_body_mention(k);
        let mut reg = Registry::build(self.text, &self.toks, &|k| self.lw(k), self.cx.kb, &skip);
        let own = reg.people.len();
        self.name_late_roles(&frames, &mut reg);
        reg.import(people);
        let mut last_speaker: Option<(usize, usize, usize)> = None; // (person, paragraph, cue token)
                                                                    // This article's statements start here; the last paragraph one was made in.
        let first = out.len();
        let mut prev_para: Option<u32> = None;
        for (i, f) in frames.iter().enumerate() {
            let nested = i > 0 && {
                let prev = &frames[i - 1];
                prev.cue.start < f.cue.start
                    && self.sent_of[prev.cue.start] == self.sent_of[f.cue.start]
                    && prev.content.iter().any(|c| c.contains(&f.cue.start))
            };
            let mut st = self.finish(f, &mut reg, &mut last_speaker, &reported, nested);
            let para = self.toks[f.cue.start].para;
            if let Some(src) = &f.source {
                self.refer_back(src.clone(), para, prev_para, &out[first..], &mut st);
            }
            prev_para = Some(para);
            out.push(st);
        }
        people.extend(reg.people.into_iter().take(own));
    }

    /// Drop statements whose cue lies inside another statement's content in the same
    /// sentence ("Police said a second device was also found", "she cited remarks Kessel
    /// had made"): the words are the outer speaker's report, and such inner cues are
    /// mostly verbs of the reported events. PolNeAR never nests one statement's cue in
    /// another's content. An inner statement stays, and `carve_nested` cuts it from the
    /// outer one, when it
    /// - opens a clause of its own: set off by punctuation, or after a conjunction ("…,
    ///   but Voronov said …", "… as Voronov warned …"; not "when", whose clause PolNeAR
    ///   keeps in the outer content: "X said Y was right when he said …");
    /// - is surer than the outer one (a weak outer cue read into a real statement);
    /// - has a source and the outer one relays it ("TASS reported that the minister had
    ///   reiterated …": the minister speaks, TASS relays);
    /// - is a "Name: …" or "… — Name" line.
    fn drop_embedded(&self, frames: &mut Vec<Frame>) {
        let mut drop = vec![false; frames.len()];
        let mut trims = Vec::new();
        for (k, f) in frames.iter().enumerate() {
            let at = f.cue.start;
            let Some(host) = frames.iter().enumerate().find_map(|(j, g)| {
                (j != k
                    && g.content.iter().any(|c| c.contains(&at))
                    && self.sent_of[g.cue.start] == self.sent_of[at])
                    .then_some(g)
            }) else {
                continue;
            };
            if !self.is_word(at) || f.score > host.score {
                continue;
            }
            // Each inside the other ("X said she felt … “…,” she said."): the first stays,
            // up to the closing mark the second one follows.
            let host_at = host
                .source
                .as_ref()
                .map_or(host.cue.start, |r| r.start.min(host.cue.start));
            if at < host.cue.start
                && f.content.iter().any(|c| c.contains(&host.cue.start))
                && host_at > 0
                && self.toks[host_at - 1].kind == Kind::Quote
            {
                trims.push((k, host_at));
                continue;
            }
            let relay = matches!(
                self.lw(host.cue.end - 1),
                "reported" | "reports" | "reporting" | "quoted" | "quotes" | "quoting"
            );
            if relay && f.source.is_some() {
                continue;
            }
            // Where the inner clause starts: its source, when that comes before its cue
            // inside the outer content.
            let start = f
                .source
                .as_ref()
                .filter(|r| r.start < at && host.content.iter().any(|c| c.contains(&r.start)))
                .map_or(at, |r| r.start);
            let mut p = start;
            while p > 0 && !self.is_word(p - 1) && self.toks[p - 1].kind != Kind::Quote {
                p -= 1;
            }
            // Punctuation sets the inner clause off only from outer content before it:
            // in "According to X, Moscow claims …" the inner clause is all the outer says.
            let set_off = p < start && host.content.iter().any(|c| c.start < p);
            let own_clause = set_off
                || (p > 0
                    && (is_in(CLAUSE_BREAK, self.lw(p - 1))
                        || matches!(
                            self.lw(p - 1),
                            "and" | "as" | "after" | "before" | "since" | "because" | "until"
                        )));
            drop[k] = !own_clause;
        }
        for (k, end) in trims {
            let f = &mut frames[k];
            f.content.retain(|c| c.start < end);
            if let Some(c) = f.content.last_mut() {
                c.end = c.end.min(end);
            }
        }
        let mut it = drop.iter();
        frames.retain(|_| !it.next().is_some_and(|&d| d));
    }

    /// A source named only by a role before anyone is named ("…, its foreign minister
    /// said." then "Ilya Voronov spoke …"): the role belongs to the first person the article
    /// names in the next paragraphs, so "the minister" later finds him.
    fn name_late_roles(&self, frames: &[Frame], reg: &mut Registry) {
        for f in frames {
            let Some(src) = f.source.clone() else {
                continue;
            };
            let head = self.lw(src.end - 1);
            if !(speaker::ROLE_HEADS.contains(&head) || head.starts_with("diploma"))
                || src.clone().any(|k| self.toks[k].cap && k > src.start)
                || reg.mentions.iter().any(|&(pos, _)| pos < src.start)
            {
                continue;
            }
            let para = self.toks[src.start].para;
            // Named with the same post soon after ("British diplomat praises … / President
            // Obama has an admirer in British diplomat Sir Peter Westmacott"), else as the
            // subject opening the next paragraph or sentence, as a lead's second paragraph
            // does ("Ilya Voronov spoke at a joint press conference …").
            let with_post = reg.mentions.iter().find(|&&(pos, _)| {
                pos >= src.end
                    && self.toks[pos].para <= para + 1
                    && (1..=2).any(|d| pos >= src.end + d && self.lw(pos - d) == head)
            });
            let Some(&(pos, p)) =
                with_post.or_else(|| reg.mentions.iter().find(|&&(pos, _)| pos >= src.end))
            else {
                continue;
            };
            let opens = self.sent(pos).start + 2 >= pos;
            // (One role per person: "its foreign minister said …, a day after the
            // country's president called …" names one minister, not a president too.)
            if with_post.is_none()
                && (!opens
                    || self.toks[pos].para > para + 1
                    || reg.people[p].roles.iter().any(|r| r == head)
                    || reg.named_late.iter().any(|&(_, q)| q == p))
            {
                continue;
            }
            let words = src
                .clone()
                .map(|k| self.lw(k).to_string())
                .filter(|w| !is_in(DET, w) && !is_in(&["its", "his", "her", "their"], w));
            reg.people[p].roles.extend(words);
            reg.named_late.push((src.start, p));
        }
    }

    /// Tokens of a noun phrase ending just before `end`, not before `lo`.
    fn np_left(&self, end: usize, lo: usize) -> Option<Range<usize>> {
        // "Valdoria on Tuesday denied": a time phrase before the cue is not the source's.
        let mut end = end;
        let mut t = end;
        // ("USA Today" is a name.)
        while t > lo
            && self.is_word(t - 1)
            && self.is_time_word(t - 1)
            && !(self.toks[t - 1].cap && self.lw(t - 1) == "today")
        {
            t -= 1;
        }
        if t < end && t > lo && self.is_word(t - 1) && (t..end).any(|k| self.toks[k].cap) {
            end = t;
        }
        let mut s = end;
        // A parenthetical right before the cue belongs to the source: "Rep. X (R-Fla.) said".
        if s > lo && self.lw(s - 1) == ")" {
            let mut k = s - 1;
            while k > lo && self.lw(k) != "(" && s - k < 8 {
                k -= 1;
            }
            if self.lw(k) == "(" && k > lo && self.is_word(k - 1) {
                s = k;
            }
        }
        let end_np = s;
        while s > lo {
            let k = s - 1;
            // "47% say …": the percentage is the phrase.
            if self.lw(k) == "%"
                && k > lo
                && self
                    .lw(k - 1)
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.')
            {
                s = k - 1;
                continue;
            }
            if !self.is_word(k) {
                break;
            }
            let w = self.lw(k);
            if is_in(NP_INNER, w) && s < end_np && end - s < 8 {
                // "envoy to the United Nations": keep the preposition inside the phrase.
                let after = s;
                // "most of them", "a source close to him": an object pronoun the
                // preposition takes is inside the phrase too.
                let object = matches!(w, "of" | "to")
                    && matches!(self.lw(after), "him" | "her" | "them" | "us");
                // ("chief of staff", "secretary of state": a post in three words.)
                let post = w == "of"
                    && k > lo
                    && matches!(self.lw(k - 1), "chief" | "head" | "secretary" | "minister");
                // ("55 percent of all voters")
                let counted = w == "of" && matches!(self.lw(after), "all" | "both" | "each");
                if (self.toks[after].cap || is_in(DET, self.lw(after)) || post || object || counted)
                    && k > lo
                    && self.is_word(k - 1)
                {
                    s = k;
                    continue;
                }
                break;
            }
            if is_in(NP_STOP, w) && !(k == end_np - 1 && lexicon::PRONOUNS.contains(&w)) {
                break;
            }
            // "the plan, which Voronov criticized", "everything Voronov says": the
            // pronoun is what was said, not part of who said it.
            // ("which he said …" keeps the pronoun: see below.)
            if k < end_np - 1
                && is_in(OBJECT_RELATIVE, w)
                && !(subject_pronoun(self.lw(k + 1)) || self.lw(k + 1) == "you")
            {
                break;
            }
            // A subject pronoun is the whole phrase: "the $18 million he says he raised"
            // (but "which he said …" keeps the relative pronoun, whose clause follows).
            if k == end_np - 1
                && (subject_pronoun(w) || w == "you")
                && !(k > lo && matches!(self.lw(k - 1), "who" | "whom" | "which" | "that"))
            {
                s = k;
                break;
            }
            s = k;
            if end - s >= 12 {
                break;
            }
        }
        (s < end_np).then_some(s..end)
    }

    /// The source noun phrase before a cue, past an adjunct between subject and verb:
    /// "A poll in late August found" → "A poll"; "Voronov, on Tuesday, said" → "Voronov".
    fn subject_left(&self, end: usize, lo: usize) -> Option<Range<usize>> {
        // ("after", "before" and "since" open clauses here: "the call came after rival
        // X attacked" has X as the subject.)
        const PREP: &[&str] = &[
            "in", "on", "at", "during", "for", "to", "with", "from", "by",
        ];
        let mut r = self.np_left(end, lo)?;
        // "In the evening the minister attacked": a second article right after a noun
        // opens the subject; the phrase before it is a time or place adjunct.
        if let Some(k) = (r.start + 2..r.end).rev().find(|&k| {
            matches!(self.lw(k), "the" | "a" | "an")
                && self.is_word(k - 1)
                && !self.toks[k - 1].cap
                && !is_in(DET, self.lw(k - 1))
                && !self.lw(k - 1).ends_with('s')
                && !matches!(
                    self.lw(k - 1),
                    "of" | "and" | "or" | "for" | "to" | "from" | "with" | "all" | "both" | "half"
                        | "at" | "in" | "on" | "by" | "about" | "like" | "as"
                )
                // A short adjunct with no verb in it ("the candidate has mocked a …").
                && k - r.start <= 3
                && (r.start..k).all(|j| {
                    let w = self.lw(j);
                    self.is_time_word(j)
                        || !(w.ends_with("ed") || w.ends_with("ing") || w.ends_with('s'))
                        && self.info[j].is_none_or(|x| x.flags & lexicon::F_AUX == 0)
                        && !matches!(w, "who" | "that" | "which" | "not")
                })
        }) {
            if is_in(DET, self.lw(r.start)) || (r.start > lo && is_in(PREP, self.lw(r.start - 1))) {
                r = k..r.end;
            }
        }
        // "the party that backs Voronov has said": the relative clause is part of the
        // subject, whose head comes before the pronoun.
        if r.start > lo + 1
            && matches!(self.lw(r.start - 1), "that" | "which" | "who")
            && self.verb_and_object(&r)
        {
            if let Some(head) = self.np_left(r.start - 1, lo) {
                r = head.start..r.end;
                // "…, Andrey Turchak, a senior member of the party that backs …": the
                // name the phrase stands beside.
                if r.start > lo + 1 && self.lw(r.start - 1) == "," {
                    if let Some(name) = self.np_left(r.start - 1, lo) {
                        if (name.start..r.start - 1).all(|k| self.toks[k].cap) {
                            r = name.start..r.end;
                        }
                    }
                }
            }
        }
        // A lone preposition is nobody: "Amid calls from …".
        if r.len() == 1
            && is_in(
                &[
                    "amid",
                    "despite",
                    "among",
                    "under",
                    "given",
                    "unlike",
                    "following",
                ],
                self.lw(r.start),
            )
        {
            return None;
        }
        let p = if r.start > lo && is_in(PREP, self.lw(r.start - 1)) {
            r.start - 1
        } else if r.len() > 1 && is_in(PREP, self.lw(r.start)) {
            r.start
        } else {
            return Some(r);
        };
        let mut e = p;
        while e > lo && self.lw(e - 1) == "," {
            e -= 1;
        }
        // "McConnell, who in 2010 said": the relative pronoun, not the year.
        if e > lo
            && matches!(self.lw(e - 1), "who" | "which")
            && r.clone()
                .all(|k| self.is_time_word(k) || self.lw(k).bytes().all(|b| b.is_ascii_digit()))
        {
            return Some(e - 1..e);
        }
        // Only a short adjunct, or one set off by commas, after a subject opening the clause.
        match self.np_left(e, lo) {
            Some(s) if s.end == e && s.start == lo && (r.len() <= 3 || e < p) => Some(s),
            _ => Some(r),
        }
    }

    /// Whether a form of "be" sits between the cue's start `cs` and its head `i`.
    fn passive_aux(&self, cs: usize, i: usize) -> bool {
        (cs..i).any(|k| {
            matches!(
                self.lw(k),
                "was" | "were" | "is" | "are" | "been" | "be" | "being"
            )
        })
    }

    /// A passive cue with its agent: "was called a liar by X" → ("by" token, X).
    fn passive_agent(&self, cs: usize, i: usize, se: usize) -> Option<(usize, Range<usize>)> {
        let be = self.passive_aux(cs, i);
        // "was quoted (as saying) by TASS" names a relay, not an agent; "was troubled by
        // X" names what the subject feels about.
        if !be
            || self.lw(i) == "quoted"
            || is_in(EMOTION, self.lw(i))
            || !(self.lw(i).ends_with("ed")
                || matches!(self.lw(i), "told" | "shown" | "seen" | "known"))
        {
            return None;
        }
        let by = (i + 1..se.min(i + 7))
            .take_while(|&k| self.is_word(k) || self.in_quote(k))
            .find(|&k| self.lw(k) == "by")?;
        let src = self.np_right(by + 1, se)?;
        Some((by, src))
    }

    /// The agent of a passive participle that modifies the phrase before it: set off
    /// ("The plan, first reported by the Marn Herald, …") or not ("a call echoed by
    /// Ostrava", "measures favored strongly by the council"). Not "X responded by calling
    /// …", where X acts.
    fn reduced_passive(&self, cs: usize, i: usize, ss: usize, se: usize) -> Option<Range<usize>> {
        let w = self.lw(i);
        if cs < ss + 2 || self.in_quote(cs - 1) || !w.ends_with("ed")
            // ("German authorities, worried by the increase, …": a cause, not an agent.)
            || (is_in(EXPERIENCER, w) && w != "opposed")
            || is_in(EMOTION, w)
        {
            return None;
        }
        let set_off = matches!(self.lw(cs - 1), "," | "—" | "–");
        let by = if self.lw(i + 1) == "by" {
            i + 1
        } else if !set_off && self.lw(i + 1).ends_with("ly") && self.lw(i + 2) == "by" {
            i + 2
        } else {
            return None;
        };
        // Unset, only right after a common noun: after a name, pronoun or conjunction
        // the past form is more often the verb ("who opposed", "and backed").
        let after_noun = || {
            let p = cs - 1;
            let pw = self.lw(p);
            self.is_word(p)
                && cs == i
                && !self.toks[p].cap
                && !is_in(DET, pw)
                && !is_in(lexicon::NP_STOP, pw)
                && !is_in(lexicon::PRONOUNS, pw)
                && !is_in(lexicon::AUX, pw)
                && !pw.ends_with("ly")
        };
        if !(set_off || after_noun())
            || by + 1 >= se
            // An agent is a name or a determined phrase, not "by first saying".
            || !(self.toks[by + 1].cap || is_in(DET, self.lw(by + 1)))
        {
            return None;
        }
        self.np_right(by + 1, se)
    }

    /// The comma closing a participle clause that opens the sentence with the cue:
    /// "Citing a poll, …", "Lamenting their luck, Mexicans often say …".
    fn leading_participle(&self, cs: usize, i: usize, ss: usize, se: usize) -> Option<usize> {
        let w = self.lw(i);
        // ("Asked about the vote, Voronov said …": the question, then who answered.)
        let participle = (w.len() > 5 && w.ends_with("ing")) || w == "asked";
        if cs != ss || i != cs || !participle || !self.toks[i].cap {
            return None;
        }
        (i + 2..se.min(i + 25))
            .take_while(|&k| !self.is_open_quote(k))
            .find(|&k| self.lw(k) == "," && !self.in_quote(k))
            .filter(|&c| c + 1 < se && self.is_word(c + 1))
    }

    /// A passive cue ("was accused", "is considered") whose subject undergoes the report;
    /// adjectival ones ("is worried", "are focused on") keep their subject as the source.
    fn agentless_passive(&self, cs: usize, i: usize) -> bool {
        let w = self.lw(i);
        let be = self.passive_aux(cs, i);
        // "X was quoted as saying": X spoke, the quoting outlet relays.
        be && (w.ends_with("ed") || matches!(w, "told" | "shown" | "seen" | "known" | "said"))
            && !is_in(EXPERIENCER, w)
            && !is_in(EMOTION, w)
            && w != "quoted"
    }

    /// A source phrase less an aside set off at its end: "He, once again," → "He",
    /// "Voronov, of course," → "Voronov".
    fn without_trailing_aside(&self, r: Range<usize>) -> Range<usize> {
        let Some(c) = (r.start + 1..r.end).rev().find(|&k| self.lw(k) == ",") else {
            return r;
        };
        let tail: Vec<&str> = (c + 1..r.end).map(|k| self.lw(k)).collect();
        let aside = match tail.as_slice() {
            ["of", "course"] | ["in", "turn"] | ["in", "fact"] | ["for", "example"] => true,
            ws => !ws.is_empty() && ws.len() <= 3 && ws.iter().all(|w| lexicon::is_cue_modifier(w)),
        };
        if aside && self.is_word(c - 1) {
            r.start..c
        } else {
            r
        }
    }

    /// The subject after a phrase opening the sentence, from `from` on: after the comma
    /// a pronoun follows ("After thanking the crowd, which chanted, he …"), else after
    /// the last comma that a subject follows ("By looking past Marn, Kessel and Ostrava,
    /// the campaign …").
    fn subject_after_opening(&self, from: usize, se: usize) -> Option<Range<usize>> {
        let commas: Vec<usize> = (from..se.min(from + 30))
            .filter(|&k| {
                k + 1 < se
                    && ((self.lw(k) == "," && !self.in_quote(k))
                        || (self.toks[k].kind == Kind::Quote && self.lw(k - 1) == ","))
            })
            .collect();
        if let Some(&c) = commas.iter().find(|&&c| subject_pronoun(self.lw(c + 1))) {
            return Some(c + 1..c + 2);
        }
        commas
            .iter()
            .rev()
            .filter(|&&c| !is_in(OPENS_MODIFIER, self.lw(c + 1)) && self.lw(c + 1) != "and")
            .find_map(|&c| self.subject(c + 1, se))
    }

    /// The object of a verb of feeling in the active ("worries environmentalists",
    /// "angered the state party"), where one follows the cue at `k` and no verb follows
    /// that object ("worries Sanders would lose" reports a worry of the subject).
    fn feeler(&self, head: &str, k: usize, se: usize) -> Option<Range<usize>> {
        const FEEL: &[&str] = &[
            "worries",
            "worried",
            "angers",
            "angered",
            "alarms",
            "alarmed",
            "troubles",
            "troubled",
            "frustrates",
            "frustrated",
            "bothers",
            "bothered",
            "disturbs",
            "disturbed",
            "upsets",
            "delights",
            "delighted",
            "infuriates",
            "infuriated",
            "outrages",
            "outraged",
            "irritates",
            "irritated",
            "annoys",
            "annoyed",
            "impresses",
            "impressed",
            "disappoints",
            "disappointed",
            "horrifies",
            "horrified",
            "shocks",
            "shocked",
            "stuns",
            "stunned",
            "pleases",
            "pleased",
            "surprises",
            "surprised",
        ];
        if !is_in(FEEL, head) || k >= se || !self.is_word(k) {
            return None;
        }
        let w = self.lw(k);
        let opens_np = is_in(DET, w)
            || self.toks[k].cap
            || matches!(
                w,
                "many" | "some" | "both" | "voters" | "officials" | "critics"
            );
        if !opens_np || matches!(w, "that" | "this" | "it" | "him" | "her" | "them") {
            return None;
        }
        let np = self.np_right(k, se)?;
        let e = np.end;
        let verb_after = e < se
            && self.is_word(e)
            && (is_in(FINITE_AUX, self.lw(e))
                || is_in(AUX, self.lw(e))
                || self.lw(e).ends_with("ed"));
        (!verb_after).then_some(np)
    }

    /// Whether the words at `k`, right after a passive participle, complete it: an
    /// infinitive, "as", "of", "for", "about", or an object or adjective; not a time,
    /// place or other adjunct, nor punctuation.
    fn passive_complement(&self, k: usize) -> bool {
        const ADJUNCT: &[&str] = &[
            "at",
            "in",
            "on",
            "during",
            "since",
            "after",
            "before",
            "when",
            "while",
            "from",
            "by",
            "across",
            "over",
            "under",
            "amid",
            "following",
            "into",
            "through",
            "throughout",
            "within",
            "without",
            "because",
            "but",
            "and",
            "or",
            "until",
            "if",
            "than",
            "so",
            "again",
            "too",
            "there",
            "here",
            "then",
        ];
        if !self.is_word(k) || self.is_time_word(k) {
            return false;
        }
        match self.lw(k) {
            // "was ordered to pay", not "was posed to Martin Kaplan".
            "to" => {
                self.is_word(k + 1)
                    && !self.toks[k + 1].cap
                    && !is_in(DET, self.lw(k + 1))
                    && !matches!(self.lw(k + 1), "him" | "her" | "them" | "me" | "us" | "it")
            }
            w => !is_in(ADJUNCT, w) && !w.ends_with("ly"),
        }
    }

    /// A noun phrase ending before `end` with no preposition inside ("the Ukrainians").
    fn np_left_tight(&self, end: usize, lo: usize) -> Option<Range<usize>> {
        let mut s = end;
        while s > lo && self.is_word(s - 1) && !is_in(NP_STOP, self.lw(s - 1)) && end - s < 8 {
            s -= 1;
        }
        (s < end).then_some(s..end)
    }

    fn is_time_word(&self, k: usize) -> bool {
        let w = self.lw(k);
        is_in(TIME_WORDS, w)
            || is_in(lexicon::WEEKDAYS, w)
            || is_in(&["today", "yesterday", "tonight"], w)
    }

    /// An inverted source ("said Voronov on Tuesday") is short and ends the clause.
    fn inverted_source(&self, ce: usize, se: usize) -> Option<Range<usize>> {
        // Only speech verbs invert ("…, said Voronov"); "…, stressed her support" is an object.
        if !is_in(INVERTIBLE, self.lw(ce - 1)) {
            return None;
        }
        let r = self.np_right(ce, se)?;
        let e = r.end;
        let ends = e >= se
            || self.toks[e].kind != Kind::Word
            || is_in(MODIFIER_START, self.lw(e))
            || self.lw(e) == "that";
        let first = &self.toks[r.start];
        let np_like = first.cap
            || is_in(DET, self.lw(r.start))
            // "…, says top US diplomat"
            || matches!(self.lw(r.start), "top" | "senior" | "former" | "chief" | "leading")
            || is_in(QUANTIFIER, self.lw(r.start))
            || self.lw(r.start).starts_with(|c: char| c.is_ascii_digit())
            || r.len() == 1;
        // "said MSNBC host Chris Matthews.": a title before a name that closes the clause.
        let closes =
            e >= se || (self.toks[e].kind != Kind::Word && self.toks[e].kind != Kind::Quote);
        // A name is capitalised throughout ("said Karin Lindqvist of the UN"); a
        // lower-case word after it reads as a verb ("said Voronov met …").
        let name_ok = !first.cap
            || (closes && self.toks[e - 1].cap)
            || r.clone()
                .skip(1)
                .all(|k| self.toks[k].cap || is_in(NP_INNER, self.lw(k)) || is_in(DET, self.lw(k)));
        // No auxiliary or verb inside: "said the meeting had been …" is content.
        let verbless = r.clone().all(|k| {
            let f = self.info[k].map_or((0, 0.0), |x| (x.flags, x.prior));
            f.0 & lexicon::F_AUX == 0 && f.1 < 0.3
        }) && !(r.start + 1..r.end).any(|k| self.past_verb_after_noun(k));
        // "…, X, said Tuesday.": a time phrase is not a speaker.
        let timeless = !r.clone().all(|k| self.is_time_word(k));
        // "said he “appreciates …”": a subject pronoun with more after it opens the content.
        if r.len() == 1 && subject_pronoun(self.lw(r.start)) && !closes {
            return None;
        }
        (ends && np_like && name_ok && verbless && timeless && r.len() <= 10).then_some(r)
    }

    /// The opening mark of a quotation after a colon at `post`, or after an appositive
    /// there: "Said Ellis: “…”", "Said Doris Halberg, a neighbor: “…”".
    fn colon_quote(&self, post: usize, se: usize) -> Option<usize> {
        let mut k = post;
        if k < se && self.lw(k) == "," {
            k += 1;
            while k < se && k < post + 8 && self.is_word(k) {
                k += 1;
            }
        }
        (k < se && self.lw(k) == ":" && self.is_utterance(k + 1)).then_some(k + 1)
    }

    /// "issued a statement Thursday", "made similar comments on Friday": the object names
    /// the act of speaking, not what was said (a later "saying …" is its own statement).
    fn names_only_the_utterance(&self, head: &str, content: &[Range<usize>]) -> bool {
        let [c] = content else { return false };
        matches!(
            head,
            "issued" | "issues" | "released" | "releases" | "made" | "makes" | "put"
        ) && c.len() <= 6
            && c.clone().all(|k| self.is_word(k) && !self.in_quote(k))
            && c.clone().any(|k| {
                matches!(
                    self.lw(k),
                    "statement" | "statements" | "comment" | "comments" | "remark" | "remarks"
                )
            })
            && !c.clone().any(|k| {
                matches!(
                    self.lw(k),
                    "saying"
                        | "calling"
                        | "that"
                        | "expressing"
                        | "describing"
                        | "following"
                        | "about"
                        | "on"
                        | "of"
                )
            })
    }

    /// "criticized for saying that …", "aside from saying he …": a speech verb as a
    /// gerund after a preposition, its subject the sentence's.
    fn speech_gerund(&self, i: usize) -> bool {
        i > 0
            && i + 1 < self.toks.len()
            && matches!(
                self.lw(i),
                "saying" | "arguing" | "claiming" | "insisting" | "suggesting"
            )
            && is_in(GERUND_PREPS, self.lw(i - 1))
            && !self.in_quote(i)
            && (self.lw(i + 1) == "that"
                || subject_pronoun(self.lw(i + 1))
                || self.lw(i + 1) == "it"
                || self.is_open_quote(i + 1))
    }

    /// "A 2014 study by … found 31 incidents", "an arbitration panel in 2001 found …":
    /// what a study or panel found is its reported position (PolNeAR).
    fn research_finding(&self, i: usize) -> bool {
        if !matches!(self.lw(i), "found" | "finds" | "showed" | "shows") || self.in_quote(i) {
            return false;
        }
        let s = self.sent(i).start;
        (s.max(i.saturating_sub(10))..i)
            .rev()
            .take_while(|&k| self.is_word(k))
            .any(|k| {
                matches!(
                    self.lw(k),
                    "study"
                        | "studies"
                        | "research"
                        | "survey"
                        | "poll"
                        | "polls"
                        | "report"
                        | "analysis"
                        | "panel"
                        | "review"
                        | "investigation"
                        | "audit"
                        | "researchers"
                        | "data"
                )
            })
    }

    /// A source that refers back to a speaker of the `earlier` statements takes their
    /// name: "… the embassy said in a statement. The statement further said …" (the
    /// document speaks for whoever issued it just before), and "the Russian Embassy in
    /// Washington has called … the embassy said" (a body named in full, then by its head
    /// noun).
    fn refer_back(
        &self,
        src: Range<usize>,
        para: u32,
        prev_para: Option<u32>,
        earlier: &[Statement],
        st: &mut Statement,
    ) {
        let take = |st: &mut Statement, from: &Statement| {
            st.speaker = from.speaker.clone();
            st.speaker_id = from.speaker_id.clone();
        };
        if let (Some(pp), Some(before)) = (prev_para, earlier.last()) {
            if self.names_a_document(src.clone()) && para <= pp + 4 && before.speaker.is_some() {
                take(st, before);
            }
        }
        // "Democrats noted … They noted …", "… the report says. It also points out …": a lone
        // "they" or "it" is the speaker of the statement just before, in this paragraph or
        // the one before, when that speaker is a group or a body, never when a person.
        if src.len() == 1 && st.speaker.is_none() {
            if let (Some(pp), Some(before)) = (prev_para, earlier.last()) {
                let fits = before
                    .speaker
                    .as_deref()
                    .is_some_and(|name| match self.lw(src.start) {
                        "they" => before.speaker_id.is_none() && names_a_group(name),
                        "it" => {
                            !names_a_group(name)
                                && (names_a_body(name)
                                    || before
                                        .speaker_id
                                        .as_deref()
                                        .is_some_and(|id| id.starts_with("o:")))
                        }
                        _ => false,
                    });
                // Someone named between the two statements is the likelier antecedent
                // ("Cruz and Rubio … They pushed him"); names inside either statement's
                // content do not count ("“…,” they say").
                let named_between = || {
                    let from = before
                        .content
                        .iter()
                        .chain(&before.cue)
                        .chain(&before.source)
                        .map(|sp| sp.end)
                        .max()
                        .unwrap_or(0);
                    let to = st
                        .content
                        .iter()
                        .map(|sp| sp.start)
                        .fold(self.toks[src.start].s, u32::min);
                    let ms = self.cx.mentions;
                    let i = ms.partition_point(|m| m.span.start < from);
                    ms[i..]
                        .iter()
                        .take_while(|m| m.span.start < to)
                        .any(|m| m.kind == MentionKind::Person)
                };
                if fits && para <= pp + 1 && !named_between() {
                    take(st, before);
                }
            }
        }
        if src.len() == 2
            && self.lw(src.start) == "the"
            && !self.toks[src.start + 1].cap
            && st.speaker.as_deref() == Some(&self.text[self.toks[src.start + 1].range()])
        {
            // ("the bill" is not Bill Marsh: a short capitalised name opening with the
            // noun is a person's.)
            let noun = self.lw(src.start + 1);
            let body = earlier.iter().rev().find(|b| {
                b.speaker.as_deref().is_some_and(|name| {
                    let words: Vec<&str> = name.split_whitespace().collect();
                    let person_like = words.len() <= 3
                        && words
                            .iter()
                            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                        && words[0].eq_ignore_ascii_case(noun);
                    words.len() > 1
                        && !person_like
                        && words.iter().any(|w| w.eq_ignore_ascii_case(noun))
                })
            });
            if let Some(b) = body {
                take(st, b);
            }
        }
    }

    /// Whether a source is a document referred back to: "the statement", "this report".
    fn names_a_document(&self, src: Range<usize>) -> bool {
        src.len() == 2
            && matches!(self.lw(src.start), "the" | "this" | "that")
            && matches!(
                self.lw(src.start + 1),
                "statement"
                    | "report"
                    | "letter"
                    | "release"
                    | "memo"
                    | "post"
                    | "tweet"
                    | "message"
            )
            // ("the Post" is a newspaper.)
            && !self.toks[src.start + 1].cap
    }

    /// Whether `k` reads as a past-tense verb after a noun: "the Halberg family deserved",
    /// not "the retired general" or "the newly elected mayor".
    fn past_verb_after_noun(&self, k: usize) -> bool {
        let w = self.lw(k);
        let p = self.lw(k - 1);
        self.is_word(k)
            && !self.toks[k].cap
            && w.len() > 4
            && w.ends_with("ed")
            && self.is_word(k - 1)
            && !is_in(DET, p)
            && !(p.ends_with("ly") && k >= 2 && is_in(DET, self.lw(k - 2)))
    }

    /// "Karin Lindqvist, the mediator, said": the phrases before the comma.
    fn appositive_source(&self, cs: usize, ss: usize) -> Option<Range<usize>> {
        if cs <= ss {
            return None;
        }
        // "Gingrich — mentioned by Newsmax as a choice for running mate — told …": the
        // name before the first of two dashes, and the aside between them.
        let dash = |k: usize| matches!(self.lw(k), "—" | "–" | "―" | "--");
        if dash(cs - 1) {
            let d = (ss.max(cs.saturating_sub(30))..cs - 1)
                .rev()
                .find(|&k| dash(k) && !self.in_quote(k))?;
            let np = self.np_left(d, ss)?;
            return (np.end == d && self.toks[np.start].cap).then_some(np.start..cs - 1);
        }
        if self.lw(cs - 1) != "," {
            return None;
        }
        // "Ilya Voronov, who met Lindqvist on Tuesday, said …": a name opening the clause
        // (the sentence, or what follows a quotation: "“…,” Ilya Voronov, the minister,
        // said") with everything up to the comma before the cue.
        let mut lo = (ss..cs)
            .rev()
            .find(|&k| self.toks[k].kind == Kind::Quote)
            .map_or(self.after_dateline(ss, cs), |q| q + 1);
        while lo < cs && (self.lw(lo) == "," || self.lw(lo) == "-") {
            lo += 1;
        }
        if lo < cs && self.toks[lo].cap && cs - lo <= 30 {
            let mut k = lo;
            while k < cs && self.is_word(k) && self.toks[k].cap {
                k += 1;
            }
            if k > lo && k < cs && self.lw(k) == "," && !self.in_quote(k) {
                return Some(lo..cs - 1);
            }
        }
        // "Mitch McConnell, R-Ky., said": past the party and state tag.
        let tag = (ss + 1..cs - 1).rev().take(3).find(|&k| self.lw(k) == ",");
        if let Some(c) = tag.filter(|&c| {
            let w = self.lw(c + 1).as_bytes();
            w.len() > 2 && matches!(w[0], b'r' | b'd' | b'i') && w[1] == b'-'
        }) {
            if let Some(a) = self.np_left(c, ss) {
                return Some(a.start..cs - 1);
            }
        }
        // "Kevin Brady, chairman of the House Ways and Means Committee, said", "Rep. X
        // (D-Calif.), who introduced a bill …, said": a subject, then an appositive or a
        // relative clause set off by commas.
        if let Some(r) = self.set_off_subject(cs - 1, lo) {
            return Some(r);
        }
        let a = self.subject_left(cs - 1, ss)?;
        if a.start > ss && self.lw(a.start - 1) == "," {
            if let Some(b) = self.np_left(a.start - 1, ss) {
                return Some(b.start..cs - 1);
            }
        }
        Some(a.start..cs - 1)
    }

    /// The subject and the appositives between it and the comma `c` before a cue, each set
    /// off by commas; the subject opens the clause (at `lo` or after a comma or "and").
    fn set_off_subject(&self, c: usize, lo: usize) -> Option<Range<usize>> {
        let mut c = c;
        for _ in 0..3 {
            let c1 = (lo..c).rev().take(30).find(|&k| {
                self.lw(k) == "," || self.toks[k].kind == Kind::Quote || self.is_clause_punct(k)
            })?;
            if self.lw(c1) != "," || self.in_quote(c1) {
                return None;
            }
            // What the commas set off reads as an appositive, not an adjunct ("in a
            // statement") or a discourse word ("however").
            let first = self.lw(c1 + 1);
            let appositive = c1 + 1 < c
                && (is_in(&["who", "whose", "which", "a", "an", "the", "one"], first)
                    // A participle phrase: "X, dedicating the museum on Saturday, said".
                    || (first.len() > 5 && first.ends_with("ing") && !self.toks[c1 + 1].cap)
                    || speaker::is_title(first)
                    || (first == "of" && self.toks.get(c1 + 2).is_some_and(|t| t.cap))
                    || (self.toks[c1 + 1].cap && !is_in(INTRO, first))
                    || first.bytes().all(|b| b.is_ascii_digit()));
            if !appositive {
                return None;
            }
            if let Some(np) = self.np_left(c1, lo) {
                let opens = np.start == lo || matches!(self.lw(np.start - 1), "," | "and" | "but");
                let named = self.toks[c1 - 1].cap || self.lw(c1 - 1) == ")";
                // ("Many farmers, who …, said": a count opens the phrase as a determiner does.)
                let det = is_in(
                    &[
                        "one", "a", "an", "the", "many", "some", "most", "several", "few", "both",
                        "two", "three",
                    ],
                    self.lw(np.start),
                );
                if opens && (named || det) && np.end == c1 {
                    return Some(np.start..c);
                }
            }
            c = c1;
        }
        None
    }

    /// Whether "her" at `k` (in a sentence ending at `se`) is an object pronoun ("told her
    /// that …") rather than a possessive ("told her supporters").
    fn her_is_object(&self, k: usize, se: usize) -> bool {
        self.lw(k) == "her"
            && !(k + 1 < se && self.is_word(k + 1) && !is_in(COMPLEMENTIZER, self.lw(k + 1)))
    }

    /// Whether the comma at `c` closes a relative clause set off by an earlier comma
    /// (", who watched the vote,").
    fn relative_before(&self, c: usize, lo: usize) -> bool {
        (lo..c)
            .rev()
            .take(30)
            .find(|&k| {
                self.lw(k) == "," || self.is_clause_punct(k) || self.toks[k].kind == Kind::Quote
            })
            .is_some_and(|k| self.lw(k) == "," && matches!(self.lw(k + 1), "who" | "whose"))
    }

    /// "Russia, however, said", "Voronov, in a statement, said": the subject before a
    /// discourse word or a short adjunct set off by commas right before the cue.
    fn subject_before_adjunct(&self, cs: usize, ss: usize) -> Option<Range<usize>> {
        const DISCOURSE: &[&str] = &[
            "however",
            "meanwhile",
            "too",
            "though",
            "instead",
            "moreover",
            "likewise",
            "nevertheless",
            "separately",
            "again",
            "later",
            "earlier",
            "also",
        ];
        const ADJUNCT: &[&str] = &["in", "on", "at", "for", "through", "via", "during", "after"];
        if cs < ss + 4 || self.lw(cs - 1) != "," {
            return None;
        }
        let c1 = (cs.saturating_sub(8).max(ss)..cs - 1)
            .rev()
            .find(|&k| !self.is_word(k))?;
        let first = self.lw(c1 + 1);
        let words = cs - 2 - c1;
        let adjunct = (words == 1 && is_in(DISCOURSE, first))
            || (is_in(ADJUNCT, first) && (2..=5).contains(&words));
        if self.lw(c1) != "," || !adjunct {
            return None;
        }
        // "X, the party chairman, for example, said": the subject with its appositive.
        if let Some(r) = self.set_off_subject(c1, ss) {
            return Some(r);
        }
        let np = self.np_left(c1, ss)?;
        let opens = np.start == ss || matches!(self.lw(np.start - 1), "," | "and" | "but");
        (opens && np.end == c1).then_some(np)
    }

    fn is_clause_punct(&self, k: usize) -> bool {
        matches!(self.lw(k), ";" | ":" | "." | "?" | "!" | "—" | "–")
    }

    /// The subject opening the sentence (for "…, saying …").
    fn subject(&self, ss: usize, lim: usize) -> Option<Range<usize>> {
        // ("BRUSSELS - European leaders gathered …": past the dateline.)
        let ss = self.after_dateline(ss, lim);
        let mut s = ss;
        // Past an opening phrase: "On Thursday, Voronov …", "Speaking in Marn, he …".
        if self.is_word(ss) && is_in(INTRO, self.lw(ss)) {
            if let Some(c) = (ss + 1..lim.min(ss + 16)).find(|&k| self.lw(k) == ",") {
                s = c + 1;
            }
        }
        while s < lim
            && (self.toks[s].kind == Kind::Quote
                || self.lw(s) == ","
                || is_in(
                    &[
                        "but",
                        "and",
                        "so",
                        "meanwhile",
                        "yet",
                        "however",
                        "though",
                        "also",
                        "still",
                        "instead",
                        "then",
                    ],
                    self.lw(s),
                ))
        {
            s += 1;
        }
        if s >= lim || !self.is_word(s) {
            return None;
        }
        if is_in(lexicon::PRONOUNS, self.lw(s)) {
            return Some(s..s + 1);
        }
        let mut e = s;
        // A count opens a noun phrase as a determiner does: "several farm groups", "two
        // speechwriters".
        const COUNTS: &[&str] = &[
            "several",
            "many",
            "most",
            "few",
            "both",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "dozens",
            "hundreds",
            "thousands",
        ];
        let count = is_in(COUNTS, self.lw(s)) || self.lw(s).bytes().all(|b| b.is_ascii_digit());
        // "Two weeks after …" opens with a time, not a subject.
        if count
            && s + 1 < lim
            && matches!(
                self.lw(s + 1),
                "minutes" | "hours" | "days" | "weeks" | "months" | "years" | "decades"
            )
        {
            return None;
        }
        let det = count || is_in(DET, self.lw(s));
        while e < lim && self.is_word(e) && e - s < 8 {
            // A counted phrase ends at its plural noun: "many adoptees | try to …".
            if count && e > s + 1 && self.lw(e) != "of" && {
                let p = self.lw(e - 1);
                p.len() > 3
                    && p.ends_with('s')
                    && !p.ends_with("ss")
                    && !p.contains('-')
                    && !self.toks[e - 1].cap
            } {
                break;
            }
            let w = self.lw(e);
            if e > s
                && (is_in(AUX, w) || Lexicon::get().prior(w) > 0.1 || (!self.toks[e].cap && !det))
            {
                // "Democratic presidential nominee Hillary Clinton": a post between
                // capitalised words runs on to the name.
                if let Some(n) = self.title_before_name(e, lim) {
                    e = n;
                    continue;
                }
                // "European leaders", "Republican senators": a group after its adjective.
                if self.toks[e - 1].cap && is_in(GROUP_NOUNS, w) {
                    e += 1;
                }
                break;
            }
            if e > s + 1 && det && !self.toks[e].cap && w.ends_with("ed") {
                break;
            }
            e += 1;
        }
        // An opening word or a determiner alone ("After", "However", "The") is no one.
        if e == s + 1
            && (is_in(INTRO, self.lw(s))
                || matches!(self.lw(s), "the" | "a" | "an" | "this" | "these" | "those"))
        {
            return None;
        }
        (e > s && (self.toks[s].cap || det)).then_some(s..e)
    }

    /// Where the name starts after a lower-case post at `k` ("presidential nominee Hillary
    /// Clinton"): up to three words ending in a title, then a capitalised word.
    fn title_before_name(&self, k: usize, lim: usize) -> Option<usize> {
        let n = (k..lim.min(k + 4)).find(|&j| !self.is_word(j) || self.toks[j].cap)?;
        (n > k
            && self.is_word(n)
            && self.toks[n].cap
            && speaker::is_title(self.lw(n - 1))
            && (k..n).all(|j| !is_in(AUX, self.lw(j)) && !self.lw(j).ends_with("ed")))
        .then_some(n)
    }

    /// Tokens of a noun phrase starting at `start`, not past `hi`.
    fn np_right(&self, start: usize, hi: usize) -> Option<Range<usize>> {
        let mut e = start;
        while e < hi && self.is_word(e) {
            let w = self.lw(e);
            // ("a bill passed by the House had failed": the phrase ends at the verb, but
            // "officials who have seen it" goes on.)
            if e > start
                && (is_in(MODIFIER_START, w)
                    || (is_in(NP_STOP, w) && !is_in(NP_INNER, w))
                    || (is_in(FINITE_AUX, w)
                        && !matches!(self.lw(e - 1), "who" | "that" | "which")))
            {
                break;
            }
            // ("former secretary of state X": a post in three words.)
            let post = w == "of"
                && e > start
                && matches!(self.lw(e - 1), "chief" | "head" | "secretary" | "minister");
            if e > start
                && is_in(NP_INNER, w)
                && !post
                && !(e + 1 < hi && (self.toks[e + 1].cap || is_in(DET, self.lw(e + 1))))
            {
                break;
            }
            e += 1;
            if e - start >= 12 {
                break;
            }
        }
        // Don't end on a dangling preposition.
        while e > start && is_in(NP_INNER, self.lw(e - 1)) {
            e -= 1;
        }
        (e > start).then_some(start..e)
    }

    /// Index of the quotation whose closing mark sits just before `at` (skipping commas).
    /// Whether the quotation opening at `k` names a show or paper after a preposition:
    /// "on “Morning Marn”", "on MSNBC’s “Morning Marn”".
    fn names_a_title(&self, k: usize) -> bool {
        const PREPS: &[&str] = &["on", "in", "at", "to", "with", "during", "told"];
        let Some(q) = self.quote_of.get(k).filter(|&&q| q != NONE) else {
            return false;
        };
        let q = &self.quotes[*q as usize];
        if q.open != k || k == 0 || self.words_in(q.open..q.close) > 5 {
            return false;
        }
        if is_in(PREPS, self.lw(k - 1)) {
            return true;
        }
        // Past the broadcaster's name: "on Marn TV’s".
        if !self.lw(k - 1).ends_with("'s") {
            return false;
        }
        let mut j = k - 1;
        while j > 0 && k - j <= 4 && self.is_word(j) && self.toks[j].cap {
            j -= 1;
        }
        j + 1 < k && is_in(PREPS, self.lw(j))
    }

    /// A short quotation (three words at most, not an utterance) closing right before
    /// `at` and joined by "and" to the phrase before it in the sentence from `ss`.
    fn scare_quote_before(&self, at: usize, ss: usize) -> Option<&Quote> {
        if at < ss + 3 || self.toks[at - 1].kind != Kind::Quote {
            return None;
        }
        let q = &self.quotes[*self.quote_of.get(at - 1).filter(|&&q| q != NONE)? as usize];
        (q.closed
            && q.close == at - 1
            && q.open > ss + 1
            && self.lw(q.open - 1) == "and"
            && self.words_in(q.open..q.close) <= 3
            && !self.is_utterance(q.open))
        .then_some(q)
    }

    fn quote_ending_before(&self, at: usize, lo: usize) -> Option<usize> {
        let mut k = at;
        // ("''I can't breathe,'' as Eric Garner said": "as" between.)
        if k > lo + 1 && self.lw(k - 1) == "as" {
            k -= 1;
        }
        while k > lo
            && self.toks[k - 1].kind == Kind::Punct
            && matches!(self.lw(k - 1), "," | "—" | "–" | "-")
        {
            k -= 1;
        }
        if k == 0 {
            return None;
        }
        let q = self.quote_of[k - 1];
        if q != NONE && self.quotes[q as usize].close == k - 1 {
            return Some(q as usize);
        }
        None
    }

    /// Whether the phrase `r` before a cue is a verb and its object, not a subject: "the
    /// party that backs Voronov has said" (a lower-case verb form in -s, then a name).
    fn verb_and_object(&self, r: &Range<usize>) -> bool {
        r.len() >= 2
            && !self.toks[r.start].cap
            && self.toks[r.start + 1].cap
            && self.lw(r.start).ends_with('s')
            && self.info[r.start].is_some_and(|x| x.prior > 0.0 && x.flags == 0)
    }

    /// Whether nothing that could be a cue's object follows it at `post`: the sentence
    /// ends, or punctuation, an adjunct or a subordinate clause comes next.
    fn object_gap(&self, post: usize, se: usize) -> bool {
        post >= se
            || !self.is_word(post)
            || self.is_time_word(post)
            || is_in(
                &[
                    "under", "with", "from", "over", "through", "against", "into", "since",
                    "until", "because",
                ],
                self.lw(post),
            )
            || is_in(
                &[
                    "in",
                    "on",
                    "at",
                    "during",
                    "when",
                    "while",
                    "after",
                    "before",
                    "last",
                    "recently",
                    "earlier",
                    "repeatedly",
                    "publicly",
                ],
                self.lw(post),
            )
    }

    /// Whether the words from `r` are an addressee and then an infinitive ("the council
    /// to reopen", "his deputies never to speak").
    fn infinitive_after_addressee(&self, r: usize, se: usize) -> bool {
        let w = self.lw(r);
        let addressee = self.toks[r].cap
            || is_in(DET, w)
            || matches!(
                w,
                "him" | "them" | "us" | "me" | "reporters" | "lawmakers" | "voters"
            );
        if !addressee {
            return false;
        }
        let mut e = r + 1;
        while e < se && e < r + 8 && self.is_word(e) {
            let w = self.lw(e);
            if w == "to" {
                // "to resume", not "to the NFL".
                return e + 1 < se
                    && self.is_word(e + 1)
                    && !self.toks[e + 1].cap
                    && !is_in(DET, self.lw(e + 1));
            }
            if is_in(COMPLEMENTIZER, w) || subject_pronoun(w) || matches!(w, "it" | "of") {
                return false;
            }
            e += 1;
        }
        false
    }

    /// Whether the words from `r` are an addressee in lower case up to a "that": "told
    /// conservative radio host Anna Berg on Wednesday that …". They hold a capitalised
    /// word and no verb.
    fn addressee_before_that(&self, r: usize, se: usize) -> bool {
        let mut cap = false;
        for k in r..se.min(r + 10) {
            if !self.is_word(k) || subject_pronoun(self.lw(k)) {
                return false;
            }
            if self.lw(k) == "that" {
                return cap;
            }
            if self.info[k].is_some_and(|x| x.flags & lexicon::F_AUX != 0 || x.prior >= 0.3) {
                return false;
            }
            cap |= self.toks[k].cap;
        }
        false
    }

    /// Skip an addressee and modifiers after a cue ("told reporters on Tuesday that").
    fn skip_after_cue(&self, head: &str, mut r: usize, se: usize) -> usize {
        if is_in(ADDRESSEE_CUES, head) && r < se && self.is_word(r) && self.lw(r) != "that" {
            // "urged the council to reopen …": who is urged belongs to what is urged
            // (PolNeAR train: 63 of 89 such contents start at the addressee).
            if self.infinitive_after_addressee(r, se) {
                return r;
            }
            let w = self.lw(r);
            if self.her_is_object(r, se)
                || matches!(
                    w,
                    "him"
                        | "them"
                        | "us"
                        | "me"
                        | "reporters"
                        | "journalists"
                        | "lawmakers"
                        | "supporters"
                )
            {
                r += 1;
            } else if self.toks[r].cap
                || is_in(DET, w)
                || w == "her"
                || self.addressee_before_that(r, se)
            {
                // "told Kessel Times host Anna Berg on Tuesday that": up to a complementizer.
                let mut e = r + 1;
                while e < se && e - r < 10 && self.is_word(e) && !is_in(COMPLEMENTIZER, self.lw(e))
                {
                    // "told Fox News he was “…”": a subject pronoun opens the content.
                    if subject_pronoun(self.lw(e)) || self.lw(e) == "it" {
                        return e;
                    }
                    e += 1;
                }
                // "told the Baltic Wire before her appearance Monday night.": the addressee
                // and adjuncts end the sentence; what was told lies before the cue.
                // (Only "told": "accused X of …", "warned X against …" go on.)
                if matches!(head, "told" | "tell" | "tells" | "telling")
                    && (e >= se || matches!(self.lw(e), "." | "!" | "?"))
                    && !(r..e).any(|k| {
                        matches!(self.lw(k), "about" | "of" | "to")
                            || self.info[k].is_some_and(|x| x.flags & lexicon::F_AUX != 0)
                    })
                {
                    return se;
                }
                if e < se
                    && (is_in(COMPLEMENTIZER, self.lw(e))
                        || self.lw(e) == ":"
                        || self.is_utterance(e)
                        || (self.lw(e) == "," && self.is_utterance(e + 1)))
                {
                    return e;
                }
                let mut e = r + 1;
                while e < se && self.is_word(e) && self.toks[e].cap && e - r < 5 {
                    e += 1;
                }
                // "told Ostravans this weekend (that) …": a time phrase after the addressee.
                let mut t = e;
                while t < se && t < e + 3 && is_in(TIME_WORDS, self.lw(t)) {
                    t += 1;
                }
                if e < se && self.toks[e].kind == Kind::Punct {
                    r = e;
                } else if t > e && t < se && self.is_word(t) {
                    r = t;
                } else if t >= se || matches!(self.lw(t), "." | "!" | "?") {
                    // "…, Graham told The Huffington Post on Thursday.": nothing follows.
                    return se;
                }
            }
        }
        // "said — on Twitter, as it happens — that …": an aside between dashes.
        if r < se && matches!(self.lw(r), "—" | "–" | "--") && is_in(lexicon::CLAUSE_CUES, head)
        {
            let dash = self.lw(r);
            if let Some(c) = (r + 2..se.min(r + 15)).find(|&k| self.lw(k) == dash) {
                if c + 1 < se {
                    r = c + 1;
                }
            }
        }
        // "said to a crowd of about 500": whom it was said to is a modifier too.
        let said_to = r + 1 < se
            && self.lw(r) == "to"
            && matches!(head, "said" | "says" | "say" | "saying")
            && (self.toks[r + 1].cap
                || is_in(DET, self.lw(r + 1))
                || matches!(self.lw(r + 1), "reporters" | "supporters" | "journalists"));
        // Modifiers up to a "that", a colon or an opening quote within a short window.
        if r < se && self.is_word(r) && (is_in(MODIFIER_START, self.lw(r)) || said_to) {
            let mut k = r;
            while k < se && k < r + 12 {
                // A title after a preposition ("said on “Morning Call”,") belongs to the
                // modifier; the content follows it.
                if self.is_open_quote(k) && k > r && self.names_a_title(k) {
                    let close = self.quotes[self.quote_of[k] as usize].close;
                    if self.words_in(k..close) <= 5 {
                        k = close + 1;
                        if k < se && self.lw(k) == "," {
                            k += 1;
                        }
                        if self.words_in(k..se) == 0 {
                            return se;
                        }
                        // "…,” X said on “Morning Marn,” adding, “…”: the next cue's.
                        if self.lw(k).ends_with("ing")
                            && self.info[k].is_some_and(|x| x.prior >= 0.5)
                        {
                            return se;
                        }
                        // "said on ''Meet the Press'' on Sunday that …": more modifiers.
                        if is_in(MODIFIER_START, self.lw(k)) || self.is_time_word(k) {
                            continue;
                        }
                        // What follows the title is the content.
                        return k;
                    }
                }
                if self.lw(k) == "that" || self.lw(k) == ":" || self.is_open_quote(k) {
                    return k;
                }
                if self.toks[k].kind == Kind::Punct && self.lw(k) == "," {
                    return k;
                }
                // "said Thursday he would leave", "said Monday the board would meet": with
                // no "that", a subject right after a bare time phrase opens the content
                // (not "said on Twitter that …", nor "said while he was …").
                let after_time = k > r
                    && (r..k).all(|j| self.is_time_word(j))
                    && !matches!(
                        self.lw(k - 1),
                        "on" | "this" | "last" | "next" | "earlier" | "later"
                    );
                if after_time
                    && !self.is_time_word(k)
                    && (subject_pronoun(self.lw(k)) || is_in(DET, self.lw(k)) || self.toks[k].cap)
                {
                    return k;
                }
                k += 1;
            }
            if k >= se {
                return se;
            }
        }
        // "said Friday afternoon, as …", "told Ostravans on Tuesday.": a bare time phrase.
        let mut t = r;
        while t < se && t < r + 4 && self.is_word(t) && self.is_time_word(t) {
            t += 1;
        }
        if t > r && (t >= se || self.lw(t) == "," || self.lw(t) == ".") {
            return t.min(se);
        }
        r
    }

    /// Where reported content after a cue stops: at a contrasting clause (", but …"),
    /// a semicolon, or the sentence end.
    fn clause_end(&self, s: usize, e: usize) -> usize {
        // "claimed vast wealth and said …": a second verb phrase right after a short object.
        if let Some(k) = (s + 1..(s + 3).min(e)).find(|&k| self.second_verb_phrase(k)) {
            return k;
        }
        let mut k = s + 3;
        while k + 1 < e {
            if self.in_quote(k)
                && !(self.toks[k].kind == Kind::Quote
                    && self.quotes[self.quote_of[k] as usize].close == k)
            {
                k += 1;
                continue;
            }
            let w = self.lw(k);
            if w == ";"
                || (w == ","
                    && (is_in(CLAUSE_BREAK, self.lw(k + 1))
                        || matches!(self.lw(k + 1), "compared" | "whom")))
            {
                return k;
            }
            // A participial or relative aside after a comma ("…, citing …", "…, which
            // …") is the writer's, not the speaker's, more often than not (PolNeAR train).
            if w == "," && !self.in_quote(k + 1) && self.trailing_aside(k + 1) {
                return k;
            }
            // "… secured the cooperation of Bryan Pagliano, who worked on …": who a named
            // person is, the writer adds.
            if w == "," && self.lw(k + 1) == "who" && self.toks[k - 1].cap {
                return k;
            }
            if self.second_verb_phrase(k) {
                return k;
            }
            // A dash aside ends reported content ("… election -- meddling the …").
            if (w == "—" || w == "–" || w == "―" || (w.len() > 1 && w.bytes().all(|b| b == b'-')))
                && k > s + 3
            {
                return k;
            }
            // `…,” but`: the comma sits inside the closing mark.
            if self.toks[k].kind == Kind::Quote
                && self.lw(k - 1) == ","
                && (is_in(CLAUSE_BREAK, self.lw(k + 1)) || self.trailing_aside(k + 1))
            {
                return k + 1;
            }
            k += 1;
        }
        e
    }

    /// Words of a noun of stance and its preposition right after a cue verb, kept in the
    /// cue (PolNeAR's): "expressed [an interest in] debating", "has thrown [his support
    /// behind] Lind", "reboots [his attacks on] Voronov". Not after a verb of speech,
    /// whose object clause the noun may open ("said his support for …").
    fn stance_noun_len(&self, head: &str, k: usize, se: usize) -> Option<usize> {
        const STANCE: &[(&str, &[&str])] = &[
            ("interest", &["in"]),
            ("support", &["for", "behind", "of", "to"]),
            ("attack", &["on", "against"]),
            ("attacks", &["on", "against"]),
            ("criticism", &["of"]),
            ("praise", &["for", "of"]),
            ("opposition", &["to"]),
            ("concern", &["about", "over"]),
            ("concerns", &["about", "over"]),
            ("doubts", &["about", "over"]),
            ("questions", &["about"]),
            ("attention", &["to"]),
            ("reference", &["to"]),
            ("references", &["to"]),
            ("defense", &["of"]),
            ("credit", &["for"]),
            ("endorsement", &["of"]),
            ("lawsuit", &["against"]),
            ("tone", &["toward", "towards"]),
            ("blog", &["against", "about"]),
            ("case", &["for", "against"]),
        ];
        if is_in(lexicon::CLAUSE_CUES, head) {
            return None;
        }
        let mut j = k;
        if j < se && (is_in(DET, self.lw(j)) || self.lw(j).ends_with("'s")) {
            j += 1;
        }
        // Up to two modifiers: "a class-action lawsuit against", "harsh attacks on".
        for _ in 0..3 {
            if j + 1 >= se || !self.is_word(j) || self.toks[j].cap {
                return None;
            }
            let (w, next) = (self.lw(j), self.lw(j + 1));
            if let Some((_, preps)) = STANCE.iter().find(|(n, _)| *n == w) {
                return preps.contains(&next).then_some(j + 2 - k);
            }
            if is_in(DET, w) || is_in(NP_STOP, w) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// Words of a verb particle after a cue head, kept in the cue so the content starts
    /// after them: "pointed out that", "spoke about", "lashed out at", "weighed in on".
    fn particle_len(&self, head: &str, k: usize, se: usize) -> usize {
        const SPEECH: &[&str] = &["said", "says", "say", "saying", "told", "tell", "tells"];
        if k >= se || !self.is_word(k) {
            return 0;
        }
        let w = self.lw(k);
        if is_in(SPEECH, head) {
            // "said of the deal": what follows "of" is the topic, not the content.
            return (w == "of" && head.starts_with('s')) as usize;
        }
        // "As Voronov put it, …": the "it" belongs to the cue.
        if matches!(head, "put" | "puts") && w == "it" {
            return 1;
        }
        // "made it clear that …", "has made clear that …" (PolNeAR's cue).
        if matches!(head, "made" | "make" | "makes" | "making") {
            if w == "clear" {
                return 1;
            }
            if w == "it" && k + 1 < se && self.lw(k + 1) == "clear" {
                return 2;
            }
        }
        // "known as", "seen as", "referred to as": the "as" belongs to the cue.
        if is_in(AS_PASSIVES, head) {
            if w == "as" {
                return 1;
            }
            if w == "to" && head == "referred" && k + 1 < se && self.lw(k + 1) == "as" {
                return 2;
            }
        }
        // Verbs whose complement comes after a preposition: "referred to", "agreed with",
        // "voted against", "focused on", "warned of", "hinted at".
        let stem = lemma(head);
        if PREP_VERBS
            .iter()
            .any(|(l, preps)| *l == stem && preps.contains(&w))
        {
            return 1;
        }
        if let Some(n) = self.stance_noun_len(head, k, se) {
            return n;
        }
        // "was troubled by", "were thrilled with", "angry at".
        if is_in(EMOTION, head) && matches!(w, "by" | "with" | "at" | "about" | "over") {
            return 1;
        }
        let particle = match w {
            "out" | "up" | "off" | "about" | "back" => true,
            "in" => matches!(lemma(head), "weigh" | "chim" | "chime"),
            _ => false,
        };
        if !particle {
            return 0;
        }
        // "lashed out at", "weighed in on", "backed off from": a preposition after it too.
        let prep = k + 1 < se
            && w != "about"
            && matches!(
                self.lw(k + 1),
                "at" | "on" | "against" | "from" | "about" | "with"
            );
        1 + prep as usize
    }

    /// Where content `s..` after cue head `i` ends: the first break the end model takes,
    /// else the sentence end `se`. The hand-written end is one of the model's features,
    /// so the model learns where PolNeAR departs from it. Without a model, the rule.
    fn learned_end(&self, i: usize, s: usize, se: usize) -> usize {
        let rule = self.rule_end(i, s, se);
        let Some(m) = model::Model::ends() else {
            return rule;
        };
        // A time or venue adjunct after an object ("mentioned the ceasefire since the
        // summit") is where the position was taken, not part of it.
        let hard = rule < se && self.adjunct_after_object(rule, se);
        let last = if hard { rule } else { se };
        let mut end = last;
        self.end_scan(i, s, se, rule, |k, feats| {
            if k >= last {
                return true;
            }
            let stop = m.score(feats) > 0.0;
            if stop {
                end = k;
            }
            stop
        });
        end
    }

    /// Tokens where reported content may end: punctuation and closing marks outside a
    /// quotation, and words that open a new phrase or clause.
    fn end_candidate(&self, k: usize) -> bool {
        let t = &self.toks[k];
        if self.in_quote(k)
            && !(t.kind == Kind::Quote && self.quotes[self.quote_of[k] as usize].close == k)
        {
            return false;
        }
        if t.kind != Kind::Word {
            return true;
        }
        let w = self.lw(k);
        self.info[k].is_some_and(|x| x.flags & lexicon::F_OPENS != 0)
            || (w.len() > 5 && w.ends_with("ing"))
    }

    /// The end model's word class of token `j` of a sentence ending at `se`: the sentence
    /// end, a quotation mark, punctuation, a pronoun, determiner, auxiliary, capitalised
    /// word, time word, likely cue, -ing or -ed form, number, or any other word.
    fn end_class(&self, j: usize, se: usize) -> u8 {
        if j >= se {
            return 0;
        }
        let t = &self.toks[j];
        match t.kind {
            Kind::Quote => 1,
            Kind::Punct => 2,
            Kind::Word => {
                let w = self.lw(j);
                let f = self.info[j].map_or(0, |x| x.flags);
                if f & lexicon::F_PRON != 0 {
                    3
                } else if f & lexicon::F_DET != 0 {
                    4
                } else if f & lexicon::F_AUX != 0 {
                    5
                } else if t.cap {
                    6
                } else if self.is_time_word(j) {
                    7
                } else if self.info[j].is_some_and(|x| x.prior >= 0.3) {
                    8
                } else if w.ends_with("ing") {
                    9
                } else if w.ends_with("ed") {
                    10
                } else if w.as_bytes()[0].is_ascii_digit() {
                    11
                } else {
                    12
                }
            }
        }
    }

    /// Walk the possible ends of content `s..` after cue head `i` in a sentence ending at
    /// `se`, where the hand-written rule ends it at `rule`, handing each one's hashed
    /// features to `visit` until it returns true.
    fn end_scan(
        &self,
        i: usize,
        s: usize,
        se: usize,
        rule: usize,
        mut visit: impl FnMut(usize, &[u32]) -> bool,
    ) {
        use model::Hasher as H;
        let bucket = |n: usize| -> u8 {
            match n {
                0..=3 => n as u8,
                4..=5 => 4,
                6..=8 => 5,
                9..=12 => 6,
                13..=20 => 7,
                _ => 8,
            }
        };
        let word = |j: usize| H::new(0).str(if j < se { self.lw(j) } else { "</s>" });
        // The content's opening: "that", "to", a wh-word, or the class of its first word.
        let first = match self.lw(s) {
            "that" => 20,
            "to" => 21,
            "whether" | "if" | "how" | "why" | "what" | "when" | "who" => 22,
            _ => self.end_class(s, se),
        };
        let clause = is_in(lexicon::CLAUSE_CUES, self.lw(i)) as u8;
        let cue = H::new(0).str(lemma(self.lw(i)));
        let mut feats = Vec::with_capacity(24);
        // Counted as the walk goes: commas and auxiliaries since the content start.
        let (mut commas, mut aux) = (0u8, 0u8);
        let mut seen = s;
        for k in s + 1..se {
            if !self.end_candidate(k) {
                continue;
            }
            for j in seen..k {
                commas = commas.saturating_add((self.lw(j) == "," && !self.in_quote(j)) as u8);
                aux |= self.info[j].is_some_and(|x| x.flags & lexicon::F_AUX != 0) as u8;
            }
            seen = k;
            let (w, n1, n2, p1) = (word(k), word(k + 1), word(k + 2), word(k - 1));
            let (c1, c2, cp) = (
                self.end_class(k + 1, se),
                self.end_class(k + 2, se),
                self.end_class(k - 1, se),
            );
            let is_rule = match k.cmp(&rule) {
                std::cmp::Ordering::Less => 0u8,
                std::cmp::Ordering::Equal => 1,
                std::cmp::Ordering::Greater => 2,
            };
            let dist = bucket(self.words_in(s..k));
            let rem = bucket(self.words_in(k..se));
            let after_close = (self.toks[k - 1].kind == Kind::Quote) as u8;
            feats.clear();
            for h in [
                H::new(0),
                H::new(1).mix(w),
                H::new(2).mix(w).mix(n1),
                H::new(3).mix(p1).mix(w),
                H::new(4).mix(w).byte(c1),
                H::new(5).byte(cp).mix(w),
                H::new(6).mix(w).mix(n1).mix(n2),
                H::new(7).byte(is_rule),
                H::new(8).byte(is_rule).mix(w),
                H::new(9).byte(is_rule).mix(w).byte(c1),
                H::new(10).mix(cue).mix(w),
                H::new(11).byte(clause).mix(w).byte(c1),
                H::new(12).byte(dist).mix(w),
                H::new(13).byte(rem),
                H::new(14).byte(rem).mix(w),
                H::new(15).byte(first).mix(w),
                H::new(16).byte(commas.min(3)).mix(w),
                H::new(17).byte(aux).mix(w).byte(c1),
                H::new(18).byte(after_close).mix(w).byte(c1),
                H::new(19).mix(n1),
                H::new(20).mix(w).byte(c1).byte(c2),
                H::new(21).byte(first).byte(clause).byte(is_rule),
                H::new(22).byte(dist).byte(rem).byte(is_rule),
            ] {
                feats.push(h.bucket());
            }
            if visit(k, &feats) {
                return;
            }
        }
    }

    /// The hand-written end of content `s..` after cue head `i`: a clause for speech and
    /// belief verbs and after "that", an object for the rest.
    fn rule_end(&self, i: usize, s: usize, se: usize) -> usize {
        if is_in(lexicon::CLAUSE_CUES, self.lw(i)) || self.lw(s) == "that" {
            self.clause_end(s, se)
        } else {
            self.object_end(s, se)
        }
    }

    /// Whether the word at `k` opens an aside that ends reported content: a participle
    /// ("citing", "using").
    fn trailing_aside(&self, k: usize) -> bool {
        if !self.is_word(k) || self.toks[k].cap {
            return false;
        }
        const NOT_PARTICIPLE: &[&str] = &[
            "including",
            "during",
            "nothing",
            "something",
            "anything",
            "everything",
            "according",
        ];
        let w = self.lw(k);
        w.len() > 5 && w.ends_with("ing") && !is_in(NOT_PARTICIPLE, w)
    }

    /// "… of Y and asserted that …": a second verb phrase of the same subject starts at
    /// `k` ("and"/"but" before a reporting verb); it is a statement of its own.
    fn second_verb_phrase(&self, k: usize) -> bool {
        matches!(self.lw(k), "and" | "but")
            && self
                .info
                .get(k + 1)
                .copied()
                .flatten()
                .is_some_and(|x| x.prior >= 0.25 && x.flags & lexicon::F_CLAUSE != 0)
    }

    /// Where the object of a position verb ("endorsed X", "questioned X") ends: at the
    /// first comma or time phrase outside quotation marks.
    fn object_end(&self, s: usize, e: usize) -> usize {
        let mut k = s + 1;
        while k < e {
            if !self.in_quote(k) {
                let w = self.lw(k);
                if w == "," || w == ";" || w == "—" || w == "–" || (w == "(" && k > s + 1) {
                    return k;
                }
                if self.second_verb_phrase(k) {
                    return k;
                }
                if k + 1 < e && w == "on" && is_in(lexicon::WEEKDAYS, self.lw(k + 1)) {
                    return k;
                }
                if self.adjunct_after_object(k, e) {
                    return k;
                }
            }
            k += 1;
        }
        e
    }

    /// Whether the words at `k` open an adjunct of the cue rather than part of its object:
    /// when, where or how the position was taken ("attacked Machado in early-morning
    /// tweets", "has not mentioned Machado since the debate", "blasted Clinton
    /// Wednesday").
    fn adjunct_after_object(&self, k: usize, e: usize) -> bool {
        const ALWAYS: &[&str] = &[
            "during", "since", "amid", "despite", "via", "because", "while", "when", "after",
            "before",
        ];
        const VENUE: &[&str] = &[
            "twitter",
            "facebook",
            "tweet",
            "tweets",
            "post",
            "posts",
            "interview",
            "statement",
            "speech",
            "ruling",
            "letter",
            "op-ed",
            "email",
            "rally",
            "radio",
            "television",
            "tv",
            "debate",
            "hearing",
            "conference",
            "briefing",
        ];
        let w = self.lw(k);
        if is_in(ALWAYS, w) {
            return true;
        }
        if !matches!(w, "in" | "on" | "at") {
            return false;
        }
        // The preposition's phrase: a time or a venue within a few words.
        (k + 1..e.min(k + 5))
            .take_while(|&j| self.is_word(j))
            .any(|j| self.is_time_word(j) || is_in(VENUE, self.lw(j)))
    }

    /// Content tokens from `s` to the sentence end `e`, without trailing punctuation.
    fn clause(&self, s: usize, e: usize) -> Option<Range<usize>> {
        let mut e = e;
        while e > s && self.toks[e - 1].kind == Kind::Punct {
            e -= 1;
        }
        let mut s = s;
        while s < e && self.toks[s].kind == Kind::Punct {
            s += 1;
        }
        let s = self.after_dateline(s, e);
        (self.words_in(s..e) > 0).then_some(s..e)
    }

    /// Past a dateline opening the paragraph at `s` ("KESSEL ― …", "MARN (Reuters) — …"),
    /// or `s` itself.
    fn after_dateline(&self, s: usize, e: usize) -> usize {
        if s >= e || !(s == 0 || self.toks[s].para != self.toks[s - 1].para) {
            return s;
        }
        let upper = |k: usize| {
            let t = &self.toks[k];
            let w = &self.text[t.s as usize..t.e as usize];
            t.kind == Kind::Word && w.len() >= 2 && !w.chars().any(|c| c.is_lowercase())
        };
        if upper(s) {
            if let Some(d) =
                (s + 1..e.min(s + 6)).find(|&k| matches!(self.lw(k), "—" | "―" | "–" | "--" | "-"))
            {
                let label = (s..d).all(|k| !self.is_word(k) || upper(k));
                if label && d + 1 < e && self.words_in(d + 1..e) > 0 {
                    return d + 1;
                }
            }
        }
        s
    }

    fn frame(&self, i: usize, score: f32) -> Option<Frame> {
        let sr = self.sent(i);
        let (ss, se) = (sr.start, sr.end);
        let head = self.lw(i).to_string();
        let mut cs = i;
        // A capitalised "May" or "Will" inside a sentence ends a name ("Theresa May said").
        // ("has since said": "since" after an auxiliary is an adverb too.)
        let since = |k: usize| {
            self.lw(k) == "since" && k > ss && matches!(self.lw(k - 1), "has" | "have" | "had")
        };
        // ("and instead portrayed", "having suggested": kept out of the lexicon's list,
        // which the models' training reads.)
        let modifier = |k: usize| {
            lexicon::is_cue_modifier(self.lw(k)) || matches!(self.lw(k), "instead" | "having")
        };
        while cs > ss
            && (modifier(cs - 1) || since(cs - 1))
            && !(self.toks[cs - 1].cap && cs - 1 > ss)
        {
            cs -= 1;
        }
        // "Britain and France in particular feared …": an aside between subject and cue.
        let mut pre = cs;
        if pre > ss + 2 && self.lw(pre - 1) == "particular" && self.lw(pre - 2) == "in" {
            pre -= 2;
            while pre > ss && lexicon::is_cue_modifier(self.lw(pre - 1)) {
                pre -= 1;
            }
        }
        // "the head of Valdorian diplomacy and “Marn” said": a quoted name ending the
        // subject (a translation's odd word order) is neither content nor the source.
        if let Some(q) = self.scare_quote_before(pre, ss) {
            pre = q.open - 1;
        }
        // Two-word cues: "according to", "called for", "calls on".
        let two = head == "according"
            || (matches!(head.as_str(), "called" | "calls" | "calling" | "call")
                && matches!(self.lw(i + 1), "for" | "on"));
        let ce = if two {
            i + 2
        } else {
            i + 1 + self.particle_len(&head, i + 1, se)
        };
        let cue = cs..ce;
        let mut content: Vec<Range<usize>> = Vec::new();
        let source;
        let mut guessed = false;
        let mut raised: Option<Range<usize>> = None;
        if head == "according" {
            source = self.np_right(ce, se);
            let mut after = source.as_ref().map_or(ce, |s| s.end);
            let before_words = self.words_in(ss..cs);
            // "According to Petra Vlasak, a researcher at the institute, both …": the
            // appositive describes the source; what was said follows it.
            if before_words <= 1
                && after + 1 < se
                && self.lw(after) == ","
                && matches!(self.lw(after + 1), "a" | "an" | "the")
            {
                if let Some(c) = (after + 2..se.min(after + 14)).find(|&k| self.lw(k) == ",") {
                    if self.words_in(c + 1..se) >= 3 && !(after + 1..c).any(|k| self.in_quote(k)) {
                        after = c;
                    }
                }
            }
            let q = if self.lw(after) == "," {
                after + 1
            } else {
                after
            };
            if before_words <= 1 && self.is_utterance(q) {
                // "According to X, “…. ….”": the whole quotation, past the sentence end.
                content.extend(self.group(self.quote_of[q] as usize));
            } else if before_words <= 1 {
                content.extend(self.clause(after, se));
            } else {
                content.extend(self.clause(ss, cs));
                // "Among the precedents at risk, according to X, are …": the sentence
                // goes on past the source.
                if before_words <= 6 && self.lw(after) == "," && self.words_in(after..se) >= 4 {
                    content.extend(self.clause(after, se));
                }
            }
        } else if let Some(c) = self.leading_participle(cs, i, ss, se) {
            // "Citing a poll, Voronov said …": the subject after the clause speaks. Who
            // asked in "Asked about …, Voronov said" is not said.
            source = if head == "asked" {
                None
            } else {
                self.subject(c + 1, se)
            };
            guessed = true;
            content.extend(self.clause(ce, c));
        } else if let Some((by, src)) = self.passive_agent(cs, i, se) {
            // "… were rejected by the council": the agent speaks about the subject.
            source = Some(src);
            content.extend(self.np_left(cs, ss));
            if by > i + 1 {
                content.extend(self.clause(i + 1, by));
            }
        } else if let Some(src) = self.reduced_passive(cs, i, ss, se) {
            // "The corridor plan, opposed by the council, …": the agent took a position on
            // the phrase before the comma.
            source = Some(src);
            // The phrase from its last determiner or possessive: "A judge blocked [the new
            // law], opposed by …".
            let np_end = if matches!(self.lw(cs - 1), "," | "—" | "–") {
                cs - 1
            } else {
                cs
            };
            content.extend(self.np_left(np_end, ss).map(|r| {
                let from = (r.start + 1..r.end)
                    .rev()
                    .find(|&k| is_in(DET, self.lw(k)) || self.lw(k).ends_with("'s"))
                    .unwrap_or(r.start);
                from..r.end
            }));
        } else {
            // ("-- having suggested that …": a perfect participle.)
            let participle = (head.ends_with("ing") || self.lw(cs) == "having")
                && cs > ss
                && (!self.is_word(cs - 1) || is_in(GERUND_PREPS, self.lw(cs - 1)));
            let left = if participle {
                None
            } else {
                self.subject_left(pre, ss)
            };
            // "Voronov made it clear … and said that …": the sentence's subject speaks.
            let coordinated = !participle
                && cs > ss + 2
                && matches!(self.lw(cs - 1), "and" | "but")
                && left_is_verb_phrase(self, cs - 1, ss);
            guessed = participle || coordinated;
            // "After saying …, she was …": the subject follows the phrase the gerund
            // opens the sentence with.
            let opening = participle && cs == self.after_dateline(ss, cs) + 1;
            let (src, inverted) = if opening {
                (self.subject_after_opening(ce, se), false)
            } else if participle || coordinated {
                (self.subject(ss, cs), false)
            } else if left.is_some() {
                (left, false)
            } else if let Some(r) = self.subject_before_adjunct(cs, ss) {
                (Some(r), false)
            } else if let Some(r) = self.inverted_source(ce, se).filter(|r| {
                // "X, the lawyer, said the videos show … when …": with a comma-ended
                // phrase before the cue and words running on after the phrase (not a
                // modifier: "…, said one source in the room"), that phrase is the
                // source and the rest is the content. So too when a relative clause ends
                // right before the cue ("X, 59, who watched …, said the event …").
                let set_off =
                    cs > ss + 1 && self.lw(cs - 1) == "," && self.toks[cs - 2].kind == Kind::Word;
                let runs_on = r.end < se
                    && self.is_word(r.end)
                    && !(matches!(self.lw(r.end), "in" | "of" | "at" | "from")
                        && self.words_in(r.end..se) <= 4);
                !(set_off && (runs_on || self.relative_before(cs - 1, ss)))
            }) {
                (Some(r), true)
            } else {
                (self.appositive_source(cs, ss), false)
            };
            let (pre_end, post_start) = if participle || coordinated {
                (cs, ce)
            } else if inverted {
                (cs, src.as_ref().map_or(ce, |s| s.end))
            } else {
                (src.as_ref().map_or(cs, |s| s.start), ce)
            };
            // A passive with no agent ("Quiros was accused of fraud", "it is considered a
            // threat") names what the statement is about, not who made it.
            // "X seemed to …", "X is expected to …", "X, known as …": nobody is cited;
            // X and the complement are together what is reported (PolNeAR).
            let raising = matches!(lemma(&head), "seem" | "appear")
                || (matches!(
                    head.as_str(),
                    "expected" | "considered" | "seen" | "viewed" | "regarded"
                ) && self.passive_aux(cs, i))
                || (is_in(AS_PASSIVES, &head)
                    && self.lw(ce - 1) == "as"
                    // ("which Voronov described as …" is active.)
                    && (self.passive_aux(cs, i)
                        || !(cs > ss
                            && (self.toks[cs - 1].cap || subject_pronoun(self.lw(cs - 1))))));
            if raising {
                raised = src.clone().filter(|r| r.end <= cs && !inverted);
            }
            let agentless = self.agentless_passive(cs, i);
            // "The plan rejected on Monday was similar …": a participle inside its
            // subject, the verb after a time or place adjunct.
            let reduced = !agentless
                && !inverted
                && cs == i
                && head.ends_with("ed")
                // (A common noun heads the subject: "phrase Grassley cited was" is a
                // relative clause with its own subject.)
                && src.as_ref().is_some_and(|r| {
                    r.end == cs
                        && !self.toks[r.end - 1].cap
                        && !is_in(lexicon::PRONOUNS, self.lw(r.end - 1))
                })
                && (ce..se.min(ce + 5))
                    .take_while(|&k| {
                        self.is_word(k)
                            && (self.is_time_word(k)
                                || matches!(self.lw(k), "in" | "at" | "during"))
                    })
                    .last()
                    .is_some_and(|k| k + 1 < se && is_in(FINITE_AUX, self.lw(k + 1)));
            // "That worries environmentalists", "His remark angered the party": those who
            // feel it are the source, the subject is the content (PolNeAR). (Not with a
            // preposition: "Voters Worried About X" feel it themselves.)
            let feeler = (!agentless && !inverted && ce == i + 1 && !self.passive_aux(cs, i))
                .then(|| self.feeler(&head, ce, se))
                .flatten()
                .filter(|_| src.as_ref().is_some_and(|r| r.end == cs));
            // The content is the subject alone: nothing after the cue completes it.
            let subject_only = reduced || feeler.is_some();
            // "Quiros was accused of fraud": the subject is what the report is about, and
            // PolNeAR marks it as content.
            let undergoer = if (agentless || subject_only) && raised.is_none() && !inverted {
                src.clone().filter(|r| r.end <= cs)
            } else {
                None
            };
            source = if feeler.is_some() {
                feeler
            } else if agentless || subject_only || raised.is_some() {
                None
            } else {
                src
            };
            // A relative pronoun source ("X, who said …") takes the clause after it.
            let post = self.skip_after_cue(&head, post_start, se);
            let right_words = if post < se {
                self.words_in(post..se)
            } else {
                0
            };
            let quote_before = if pre_end > ss {
                // A short title before the source ("On “Meet the Press,” X said the …")
                // is not what X said when a clause follows the cue; nor is a quotation
                // before "…,” adding that …", which an earlier cue introduced.
                self.quote_ending_before(pre_end, ss).filter(|&q| {
                    if self.names_a_title(self.quotes[q].open) {
                        return false;
                    }
                    let q = &self.quotes[q];
                    // ("“It's over,” she said of the race": what follows "of" is a topic;
                    // "“I would,” she said to the TV": what follows "to" is the addressee.)
                    let after = right_words >= 3
                        && !inverted
                        && self.is_word(post)
                        && self.lw(ce - 1) != "of"
                        && !(self.lw(post) == "to" && matches!(head.as_str(), "said" | "says"));
                    !(after && (self.words_in(q.open..q.close) <= 3 || participle))
                })
            } else if ss > 0
                && (inverted || right_words == 0)
                // "Said Ellis: “…”" quotes what follows the colon.
                && self.colon_quote(post, se).is_none()
            {
                // The quotation closed the sentence before: “… .” he said. (Not a show's
                // name: "… she said on “Morning Marn.” Solt responded.")
                self.quote_ending_before(ss, 0)
                    .filter(|&q| !self.names_a_title(self.quotes[q].open))
            } else {
                None
            };
            if let Some(subject) = undergoer {
                // What follows is content only where it completes the participle ("was
                // ordered to pay", "was named as adviser", "was accused of fraud"), not
                // where it says when or where ("was booed at the debate").
                // Who "was asked" is no part of the question ("was asked about X", "was
                // asked, “…?”"), only of what they were asked to do ("was asked to name").
                let at = |k: usize| if k < se { self.lw(k) } else { "" };
                let asked = head == "asked" && at(post) != "to" && !subject_only;
                if !asked {
                    content.push(subject);
                }
                let q = if asked && matches!(at(post), "," | ":") {
                    post + 1
                } else {
                    post
                };
                if asked && self.is_open_quote(q) && self.is_utterance(q) {
                    content.extend(self.group(self.quote_of[q] as usize));
                } else if post < se && !subject_only && self.passive_complement(post) {
                    content.extend(self.clause(post, self.learned_end(i, post, se)));
                }
            } else if let Some(q) = quote_before {
                // A quotation that goes on from the writer's words ("using the tax ''is a
                // misguided approach,'' said X"): the clause it completes is content too.
                let open = self.quotes[q].open;
                let qs = self.sent(open).start;
                let fragment = open > qs
                    && self.is_word(open + 1)
                    && !self.toks[open + 1].cap
                    && self.words_in(qs..open) >= 1
                    // A quotation of one paragraph, not part of a longer one.
                    && !self
                        .quotes
                        .iter()
                        .enumerate()
                        .any(|(j, o)| j != q && o.group == self.quotes[q].group);
                if fragment {
                    content.push(qs..self.quotes[q].close + 1);
                } else {
                    content.extend(self.group(q));
                }
                self.right_continuation(post, se, &mut content, false);
            } else if inverted {
                // "…, said X, a senior official": what follows the source is an appositive.
                if self.words_in(ss..pre_end) >= 2 {
                    let mut e = pre_end;
                    while e > ss
                        && self.toks[e - 1].kind != Kind::Word
                        && self.toks[e - 1].kind != Kind::Quote
                    {
                        e -= 1;
                    }
                    content.extend(self.clause(ss, e));
                    self.right_continuation(post, se, &mut content, false);
                } else if let Some(q) = self.colon_quote(post, se) {
                    // "Said Ellis: “…”": the quotation after the colon.
                    content.extend(self.group(self.quote_of[q] as usize));
                } else if post + 1 < se && self.lw(post) == "," && self.is_utterance(post + 1) {
                    // "But, said Solovey, “…”": the quotation after the comma.
                    content.extend(self.group(self.quote_of[post + 1] as usize));
                } else if pre_end == ss && ss > 0 && self.toks[ss - 1].para == self.toks[ss].para {
                    // "… drops its weapons. Said the foreign minister.": the sentence before.
                    let prev = self.sent(ss - 1);
                    content.extend(self.clause(prev.start, prev.end));
                }
            } else if pre_end > ss
                && source.is_some()
                && is_in(OBJECT_RELATIVE, self.lw(pre_end - 1))
                && self.object_gap(post, se)
                // ("which he put this way: “…”" quotes it.)
                && !(post < se
                    && (self.is_open_quote(post)
                        || (matches!(self.lw(post), ":" | ",") && self.is_open_quote(post + 1))))
            {
                // "the plan, which Voronov criticized on Monday, …": the relative pronoun
                // stands for what was said (PolNeAR marks it as the content).
                content.push(pre_end - 1..pre_end);
            } else if post < se
                && (self.lw(post) == ":"
                    || self.is_open_quote(post)
                    || (self.lw(post) == "," && self.is_open_quote(post + 1)))
            {
                let mut k = post;
                if !self.is_open_quote(k) {
                    k += 1;
                }
                if self.is_utterance(k) {
                    content.extend(self.group(self.quote_of[k] as usize));
                } else if self.is_open_quote(k) {
                    // A scare quote or title after the cue: the clause around it is the content.
                    content.extend(self.clause(post, self.clause_end(post, se)));
                } else if k < se {
                    content.extend(self.clause(k, se));
                } else {
                    // "He said:" ending its paragraph: the next paragraph is the content.
                    let p = self.toks[i].para as usize;
                    if let Some(np) = self.paras.get(p + 1) {
                        if self.is_open_quote(np.start) {
                            content.extend(self.group(self.quote_of[np.start] as usize));
                        } else {
                            content.extend(self.clause(np.start, self.sent(np.start).end));
                        }
                    }
                }
            } else if post < se
                && self.words_in(post..se) > 0
                && !(self.lw(post) == ","
                    // ("My staff warned me, but I said, hey, …": a clause joined on before
                    // the source is not what it said.)
                    && !(pre_end > ss + 1
                        && (matches!(self.lw(pre_end - 1), "but" | "yet")
                            || (matches!(self.lw(pre_end - 1), "and" | "so")
                                && self.lw(pre_end - 2) == ",")))
                    && (self.words_in(ss..pre_end) >= 3
                        // "The museum, X said, would …": a two-word subject.
                        || (self.words_in(ss..pre_end) == 2 && is_in(DET, self.lw(ss)))))
            {
                // "which he described as his second home", "what X called “a …”": the
                // relative pronoun opens what was said (PolNeAR: "which ‖ as his …").
                // Only where the clause after the cue has no subject of its own.
                let subject = subject_pronoun(self.lw(post))
                    || matches!(self.lw(post), "that" | "it" | "there");
                let rel = source.as_ref().and_then(|r| {
                    let k = if r.len() > 1 {
                        r.start
                    } else {
                        r.start.checked_sub(1)?
                    };
                    (k > ss && matches!(self.lw(k), "which" | "what" | "who" | "whom")).then_some(k)
                });
                if let (Some(k), false) = (rel, inverted || guessed || subject) {
                    content.push(k..k + 1);
                }
                content.extend(self.clause(post, self.learned_end(i, post, se)));
                // Mixed content whose quotation runs past the sentence end goes on to the
                // closing mark: "Cruz “has courage to fight. He’s not afraid.”".
                if let Some(last) = content.last_mut() {
                    let q = self.quote_of[last.end - 1];
                    if q != NONE {
                        let q = &self.quotes[q as usize];
                        if q.closed
                            && q.close >= last.end
                            && self.toks[q.close].para == self.toks[last.end - 1].para
                        {
                            last.end = q.close + 1;
                        }
                    }
                }
            } else if post < se
                && self.lw(post) == ","
                && self.words_in(post..se) >= 3
                && self.is_word(ss)
                && (is_in(INTRO, self.lw(ss))
                    // "Six months ago, X said, …"
                    || (self.words_in(ss..pre_end) <= 5
                        && (ss..pre_end).any(|k| self.lw(k) == "ago")))
                && !(ss..pre_end).any(|k| self.in_quote(k))
            {
                // "During his years in office, Mr. Obama said, a majority …": the opening
                // phrase sets the scene; what follows the cue is the content.
                content.extend(self.clause(post, se));
            } else if self.words_in(ss..pre_end) >= 2 {
                let mut e = pre_end;
                while e > ss
                    && self.toks[e - 1].kind != Kind::Word
                    && self.toks[e - 1].kind != Kind::Quote
                {
                    e -= 1;
                }
                content.extend(self.clause(ss, e));
                self.right_continuation(post, se, &mut content, true);
            }
        }
        // "The changes, which officials said will take effect in May, will not apply to
        // …": what was said inside a relative clause set off by commas ends at the comma
        // before the sentence's own verb.
        if let Some(r) = &source {
            let rel =
                |k: usize| k > ss && matches!(self.lw(k), "which" | "who") && self.lw(k - 1) == ",";
            if rel(r.start) || (r.start > ss && rel(r.start - 1)) {
                // (Only where the subject is the gap: "which officials said [ ] will …";
                // a clause with its own subject may hold an aside: "that the two men,
                // and Cruz in particular, must …".)
                let gapped = |c: &Range<usize>| {
                    let w = self.lw(c.start);
                    is_in(FINITE_AUX, w) || is_in(AUX, w)
                };
                for c in content
                    .iter_mut()
                    .filter(|c| c.start >= cue.end && gapped(c))
                {
                    if let Some(k) = (c.start + 2..c.end).find(|&k| {
                        self.lw(k) == "," && !self.in_quote(k) && is_in(FINITE_AUX, self.lw(k + 1))
                    }) {
                        c.end = k;
                    }
                }
            }
        }
        if content.is_empty() || self.names_only_the_utterance(&head, &content) {
            return None;
        }
        // "there was no progress on Russians demands that …": an existential clause is no
        // source, and its noun no cue ("there are many who say" has a source inside).
        // "What do the two sides say?": a question, not a report.
        if source
            .as_ref()
            .is_some_and(|r| r.len() > 1 && matches!(self.lw(r.start), "do" | "does" | "did"))
        {
            return None;
        }
        if let Some(r) = &source {
            if r.len() > 2
                && self.lw(r.start) == "there"
                && matches!(
                    self.lw(r.start + 1),
                    "is" | "was" | "are" | "were" | "has" | "had"
                )
                && !r
                    .clone()
                    .any(|k| matches!(self.lw(k), "who" | "that" | "which"))
            {
                return None;
            }
        }
        if let Some(r) = raised {
            content.insert(0, r);
        }
        // "Voronov, of course, said": the aside set off after the name is not the source.
        let source = source.map(|r| self.without_trailing_aside(r));
        let last = content
            .iter()
            .map(|c| c.end)
            .chain([cue.end])
            .chain(source.iter().map(|s| s.end))
            .max()
            .unwrap_or(cue.end)
            - 1;
        Some(Frame {
            content,
            cue,
            source,
            score,
            last,
            guessed,
        })
    }

    /// "The council is reportedly weighing a toll": "reportedly" alone attributes the
    /// clause around it to unnamed reports (PolNeAR marks it as the cue, with no
    /// source). Not where it modifies another cue ("reportedly said") or sits inside
    /// what someone else said.
    fn reportedly(&self, frames: &mut Vec<Frame>) {
        let mut found = Vec::new();
        for k in 0..self.toks.len() {
            if self.lw(k) != "reportedly" || self.in_quote(k) {
                continue;
            }
            let covered = frames.iter().any(|f| {
                (f.cue.start <= k + 1 && k < f.cue.end) || f.content.iter().any(|c| c.contains(&k))
            });
            if covered {
                continue;
            }
            let sr = self.sent(k);
            // The subject right before it and its auxiliaries ("the hackers have
            // reportedly …"), else the sentence's.
            let mut a = k;
            while a > sr.start && is_in(FINITE_AUX, self.lw(a - 1)) {
                a -= 1;
            }
            let Some(subject) = self
                .subject_left(a, sr.start)
                .or_else(|| self.subject(sr.start, k))
            else {
                continue;
            };
            let start = subject.start;
            let end = self.clause_end(k + 1, sr.end);
            let mut e = end;
            while e > k + 1 && !self.is_word(e - 1) && self.toks[e - 1].kind != Kind::Quote {
                e -= 1;
            }
            let mut b = k;
            while b > start && !self.is_word(b - 1) {
                b -= 1;
            }
            if start >= b || self.words_in(k + 1..e) < 2 {
                continue;
            }
            found.push(Frame {
                content: vec![start..b, k + 1..e],
                cue: k..k + 1,
                source: None,
                score: 0.6,
                last: e - 1,
                guessed: false,
            });
        }
        frames.extend(found);
    }

    /// What a poll found, told with "in": "In a Marn Herald poll released Monday, Berg led
    /// by 5 points", "Berg leads by 5 points in the latest poll". The poll is the source
    /// and "in" the cue, as PolNeAR marks them; only in sentences with no other cue.
    fn poll_findings(&self, frames: &mut Vec<Frame>) {
        let taken: Vec<u32> = frames.iter().map(|f| self.sent_of[f.cue.start]).collect();
        for (si, s) in self.sents.iter().enumerate() {
            if taken.contains(&(si as u32)) || s.len() < 6 {
                continue;
            }
            // The first "in" whose phrase is a poll's.
            if let Some(f) = s
                .clone()
                .filter(|&k| self.lw(k) == "in" && !self.in_quote(k))
                .find_map(|k| self.poll_finding(k, s))
            {
                frames.push(f);
            }
        }
    }

    /// The statement of the poll named after the "in" at `k`, in sentence `s`, if the
    /// phrase is a poll's and opens the sentence before a comma or ends it.
    fn poll_finding(&self, k: usize, s: &Range<usize>) -> Option<Frame> {
        const POLL: &[&str] = &["poll", "polls", "survey", "surveys"];
        // The poll's phrase: up to a comma or the sentence end, its head near the start.
        let lim = (k + 1..s.end)
            .find(|&j| matches!(self.lw(j), "," | ";" | ":" | "—") || self.in_quote(j))
            .unwrap_or(s.end);
        let j = (k + 1..lim.min(k + 9)).find(|&j| is_in(POLL, self.lw(j)))?;
        // The poll word heads the phrase: nothing clause-like before it ("states where exit
        // polls were …"), and only its date or sponsor after it.
        let before_ok = (k + 1..j).all(|x| {
            !matches!(
                self.lw(x),
                "where" | "which" | "that" | "to" | "were" | "was"
            )
        });
        let aux = |x: usize| self.info[x].is_some_and(|i| i.flags & lexicon::F_AUX != 0);
        let after_ok = j + 1 >= lim
            || (lim - j <= 6
                && !(j + 1..lim).any(aux)
                && matches!(
                    self.lw(j + 1),
                    "released"
                        | "conducted"
                        | "published"
                        | "taken"
                        | "of"
                        | "by"
                        | "last"
                        | "this"
                        | "earlier"
                        | "on"
                        | "from"
                        | "."
                ));
        if lim - k > 20 || !before_ok || !after_ok {
            return None;
        }
        let mut pe = lim;
        while pe > j + 1 && !self.is_word(pe - 1) {
            pe -= 1;
        }
        let content = if k == s.start && self.lw(lim) == "," {
            self.clause(lim + 1, s.end)
        } else if k > s.start + 3 && lim >= s.end - 1 {
            self.clause(s.start, k)
        } else {
            None
        }
        .filter(|c| self.words_in(c.clone()) >= 4)?;
        Some(Frame {
            last: content.end.max(pe) - 1,
            content: vec![content],
            cue: k..k + 1,
            source: Some(k + 1..pe),
            score: 0.6,
            guessed: false,
        })
    }

    /// Attributions without a verb: "“…” ― Name" (also embedded posts: "… — Name (@handle)
    /// date") and transcript or headline lines "Name: …".
    fn dash_and_colon_lines(&self, frames: &mut Vec<Frame>) {
        for (pi, p) in self.paras.iter().enumerate() {
            if p.len() < 3 {
                continue;
            }
            // "Name: content" opening a paragraph.
            let first = if self.toks[p.start].kind == Kind::Quote {
                p.start + 1
            } else {
                p.start
            };
            let mut k = first;
            // A speaker label is capitalised throughout: "Ilya Voronov:", "VORONOV:".
            while k < p.end
                && k < first + 6
                && self.is_word(k)
                && (self.toks[k].cap
                    || (k > first && is_in(&["of", "the", "and", "al", "de"], self.lw(k))))
            {
                k += 1;
            }
            let starts_ok = !is_in(
                &[
                    "in", "on", "at", "for", "from", "by", "with", "after", "before",
                ],
                self.lw(first),
            ) && self
                .lw(first)
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic());
            let label_end =
                k + 1 < p.end && !self.lw(k + 1).starts_with(|c: char| c.is_ascii_digit());
            if k > first
                && k < p.end
                && starts_ok
                && label_end
                && self.lw(k) == ":"
                && (!self.in_quote(k) || first > p.start)
                && !is_in(COLON_NOT_SPEAKER, self.lw(first))
                && self.words_in(k + 1..p.end) >= 3
                && !frames
                    .iter()
                    .any(|f| f.cue.start >= p.start && f.cue.start < p.end && f.cue.start <= k + 1)
            {
                let end = p.end;
                let content = if self.is_open_quote(k + 1) {
                    self.group(self.quote_of[k + 1] as usize)
                } else {
                    self.clause(k + 1, end).into_iter().collect()
                };
                if !content.is_empty() {
                    let last = content.iter().map(|c| c.end).max().unwrap_or(k + 1) - 1;
                    // "Said Voronov: …": the verb is the cue, the name after it the source.
                    let (cue, source) = if k > first + 1 && is_in(INVERTIBLE, self.lw(first)) {
                        (first..first + 1, first + 1..k)
                    } else {
                        (k..k + 1, first..k)
                    };
                    frames.push(Frame {
                        content,
                        cue,
                        source: Some(source),
                        score: 0.5,
                        last,
                        guessed: false,
                    });
                }
            }
            // A post's signature on a line of its own: "— Name (@handle) March 3, 2031"
            // under the paragraph it signs.
            let signature = pi > 0
                && self.lw(p.start) == "—"
                && self.toks[p.start + 1].cap
                && (p.start..p.end - 1)
                    .any(|k| self.lw(k) == "(" && self.lw(k + 1).starts_with('@'));
            if signature {
                let prev = &self.paras[pi - 1];
                if let Some(src) = self.np_right(p.start + 1, p.end).filter(|r| r.len() <= 5) {
                    if self.lw(src.end) == "(" && self.words_in(prev.clone()) >= 3 {
                        frames.push(Frame {
                            content: self.clause(prev.start, prev.end).into_iter().collect(),
                            cue: p.start..p.start + 1,
                            source: Some(src),
                            score: 0.6,
                            last: p.start + 1,
                            guessed: false,
                        });
                    }
                }
            }
            // "… ― Name": a dash after the content, a capitalised name after the dash.
            for d in p.start + 1..p.end.saturating_sub(1) {
                let t = &self.toks[d];
                if t.kind != Kind::Punct
                    || !matches!(self.lw(d), "―" | "—" | "–")
                    || !self.toks[d + 1].cap
                {
                    continue;
                }
                let Some(src) = self.np_right(d + 1, p.end) else {
                    continue;
                };
                let after = src.end;
                let tail_ok = after >= p.end || matches!(self.lw(after), "(" | "," | ".");
                if !tail_ok || src.len() > 5 {
                    continue;
                }
                let content: Vec<Range<usize>> =
                    if let Some(q) = self.quote_ending_before(d, p.start) {
                        self.group(q)
                    } else if (d + 6 >= p.end || self.lw(after) == "(")
                        // ("WASHINGTON — Sen. X (R-Fla.) …" opens with a dateline.)
                        && self.words_in(p.start..d) >= 3
                    {
                        // A post: the paragraph's text before the signature.
                        self.clause(p.start, d).into_iter().collect()
                    } else {
                        continue;
                    };
                if content.is_empty() {
                    continue;
                }
                frames.push(Frame {
                    content,
                    cue: d..d + 1,
                    source: Some(src),
                    score: 0.6,
                    last: d + 1,
                    guessed: false,
                });
            }
        }
    }

    /// After "“…,” he said", a second part of the same statement: ", “…”" or ", and …".
    fn right_continuation(
        &self,
        post: usize,
        se: usize,
        content: &mut Vec<Range<usize>>,
        clause: bool,
    ) {
        let mut k = post;
        while k < se && self.toks[k].kind == Kind::Word && is_in(MODIFIER_START, self.lw(k)) {
            while k < se && self.toks[k].kind == Kind::Word {
                k += 1;
            }
        }
        // A quotation after the addressee or a modifier, maybe after "but"/"and": "“…,”
        // Schiff told Capital Download on Wednesday, “but …”", "“…,” he said, but “…”",
        // or after a participle phrase: "“…,” Tester said, referring to X, “…”".
        // (Not after a speaking participle: "…, adding, “…”" is a statement of its own.)
        let participle = k < se
            && self.lw(k) == ","
            && self.is_word(k + 1)
            && self.lw(k + 1).ends_with("ing")
            && !is_in(lexicon::CLAUSE_CUES, self.lw(k + 1));
        let mut c = k + participle as usize;
        while c < se && c < post + 12 && self.toks[c].kind == Kind::Word {
            c += 1;
        }
        if c < se && self.lw(c) == "," {
            let mut q = c + 1;
            if q < se && matches!(self.lw(q), "but" | "and") {
                q += 1;
            }
            if self.is_open_quote(q) {
                content.extend(self.group(self.quote_of[q] as usize));
                return;
            }
        }
        // "…,” X told reporters in Fort Mill, S.C. “…”": the sentence did not end at the
        // abbreviation, so the next quotation follows the place name, maybe after a comma
        // ("… in Menlo, N.R., “but …”").
        if c < se && self.lw(c) == "," {
            let mut q = c + 1;
            while q < se && q < c + 4 && self.is_word(q) && self.toks[q].cap {
                q += 1;
            }
            if q > c + 1 && self.lw(q - 1).ends_with('.') {
                if q < se && self.lw(q) == "," {
                    q += 1;
                    if q < se && matches!(self.lw(q), "but" | "and") {
                        q += 1;
                    }
                }
                if self.is_utterance(q) {
                    content.extend(self.group(self.quote_of[q] as usize));
                    return;
                }
            }
        }
        // "… had become so bad, Mr. Obama noted, that …": the result clause of "so" or
        // "such" goes on after the attribution.
        if k + 1 < se
            && self.lw(k) == ","
            && self.lw(k + 1) == "that"
            && content.last().is_some_and(|r| {
                r.end <= post
                    && r.clone()
                        .rev()
                        .take(4)
                        .any(|j| matches!(self.lw(j), "so" | "such"))
            })
        {
            content.extend(self.clause(k + 1, se));
            return;
        }
        if k < se
            && self.lw(k) == ","
            && clause
            && self.words_in(k + 1..se) >= 3
            && !self.in_quote(k + 1)
            && self.is_word(k + 1)
            && (!self.lw(k + 1).ends_with("ing") || self.gerund_subject(k + 1, se))
            && !is_in(COMPLEMENTIZER, self.lw(k + 1))
            && !is_in(DET, self.lw(k + 1))
        {
            content.extend(self.clause(k + 1, se));
        }
    }

    /// Whether the "-ing" word at `k` opens a clause as its subject ("replacing Clinton
    /// would be …") rather than an adjunct ("adding that …"): a finite verb follows within
    /// a few words, before any comma.
    fn gerund_subject(&self, k: usize, se: usize) -> bool {
        const FINITE: &[&str] = &[
            "would", "will", "could", "can", "should", "may", "might", "must", "is", "was", "are",
            "were", "has", "have", "had",
        ];
        (k + 1..se.min(k + 7))
            .take_while(|&j| self.is_word(j))
            .any(|j| is_in(FINITE, self.lw(j)))
    }

    /// Quotations with no cue of their own that follow a statement continue it.
    fn continuations(&self, frames: &mut [Frame]) {
        if frames.is_empty() {
            return;
        }
        let mut claimed = vec![false; self.quotes.len()];
        for f in frames.iter() {
            for c in &f.content {
                for k in [c.start, c.end - 1] {
                    if self.quote_of[k] != NONE {
                        let g = self.quotes[self.quote_of[k] as usize].group;
                        for (qi, q) in self.quotes.iter().enumerate() {
                            if q.group == g {
                                claimed[qi] = true;
                            }
                        }
                    }
                }
            }
        }
        // A cue inside another statement's content ("… adding that Moscow seeks to …")
        // does not take over the quotations that follow.
        let nested: Vec<bool> = frames
            .iter()
            .enumerate()
            .map(|(i, f)| {
                frames
                    .iter()
                    .enumerate()
                    .any(|(j, g)| i != j && g.content.iter().any(|c| c.contains(&f.cue.start)))
            })
            .collect();
        let mut order: Vec<usize> = (0..frames.len()).filter(|&f| !nested[f]).collect();
        order.sort_by_key(|&f| frames[f].last);
        let mut fi = 0;
        let mut current: Option<usize> = None;
        // The latest statement that quoted someone: a quotation after "“…,” he said,
        // referring to …" continues the quote, not the aside.
        let mut quoting: Option<usize> = None;
        let quotes_in = |f: &Frame| f.content.iter().any(|c| self.in_quote(c.start));
        for (qi, q) in self.quotes.iter().enumerate() {
            while fi < order.len() && frames[order[fi]].last < q.open {
                current = Some(order[fi]);
                if quotes_in(&frames[order[fi]]) {
                    quoting = Some(order[fi]);
                }
                fi += 1;
            }
            if claimed[qi] {
                continue;
            }
            let Some(mut f) = current else { continue };
            if let Some(g) = quoting {
                if !quotes_in(&frames[f])
                    && self.sent_of[frames[g].last] == self.sent_of[frames[f].last]
                {
                    f = g;
                }
            }
            let sent = self.sent(q.open);
            // The quotation must open its sentence, be a real utterance (not a scare quote)
            // and follow the statement with nothing but quotations in between.
            // (A short one counts when it ends a sentence inside its marks: "“I would, Marn.”")
            let words = self.words_in(q.open..q.close);
            let short_sentence =
                words >= 2 && q.closed && matches!(self.lw(q.close - 1), "." | "!" | "?");
            if sent.start != q.open || (words < 4 && !short_sentence) {
                continue;
            }
            let prev_sent = self.sent_of[frames[f].last] as usize;
            let this_sent = self.sent_of[q.open] as usize;
            if this_sent != prev_sent + 1 {
                continue;
            }
            for r in self.group(qi) {
                if !frames[f].content.iter().any(|c| c.start == r.start) {
                    frames[f].content.push(r);
                }
            }
            let g = q.group;
            for (qj, qq) in self.quotes.iter().enumerate() {
                if qq.group == g {
                    claimed[qj] = true;
                }
            }
            frames[f].last = frames[f].last.max(q.close);
        }
    }

    fn span(&self, r: &Range<usize>) -> Span {
        Span::new(
            self.toks[r.start].s as usize,
            self.toks[r.end - 1].e as usize,
        )
    }

    fn finish(
        &self,
        f: &Frame,
        reg: &mut Registry,
        last_speaker: &mut Option<(usize, usize, usize)>,
        reported: &[bool],
        nested: bool,
    ) -> Statement {
        let mut content: Vec<Span> = f.content.iter().map(|r| self.span(r)).collect();
        content.sort();
        content.dedup();
        let quoted = |r: &Range<usize>| r.clone().filter(|&k| self.in_quote(k)).count();
        let q_total: usize = f.content.iter().map(quoted).sum();
        let total: usize = f.content.iter().map(|r| r.len()).sum();
        let kind = if q_total == 0 {
            StatementKind::Indirect
        } else if q_total == total {
            StatementKind::Direct
        } else {
            StatementKind::Mixed
        };
        let (mut speaker, mut person) = self.resolve(f, reg, last_speaker, reported);
        let epithet = match (&f.source, person) {
            (Some(src), None) => self.epithet_speaker(src, &f.content, reg, last_speaker),
            _ => None,
        };
        if let Some(p) = epithet {
            speaker = Some(reg.people[p].full.clone());
            person = Some(p);
        }
        let guessed = epithet.is_some();
        // Someone the article names by surname and title only ("President Obama") takes
        // the full name the actors stage linked that surname to.
        if let Some(p) = person.filter(|&p| reg.people[p].words.len() == 1) {
            if let Some((_, name)) = self.actor_by_surname(&reg.people[p].full) {
                speaker = Some(name.to_string());
            }
        }
        let mut speaker_id = None;
        // Only the knowledge base knows this speaker: a later "he" may continue them, but
        // they are not a mention other pronouns look back to.
        let mut from_kb = false;
        if let Some(src) = &f.source {
            (speaker, speaker_id) =
                self.link(self.span(src), speaker, person.map(|p| &reg.people[p]), reg);
            // Someone only the knowledge base names in full ("Trump sought …" in an
            // article that never writes "Donald Trump") still speaks on for "he".
            if person.is_none() && self.toks[src.start].cap {
                let known = speaker_id
                    .as_deref()
                    .and_then(|id| self.cx.kb?.get(id))
                    .filter(|a| a.kind == verbatim_actors::ActorKind::Person);
                if let Some(a) = known {
                    let gender = match a.gender {
                        Some(verbatim_actors::Gender::Male) => 1,
                        Some(verbatim_actors::Gender::Female) => 2,
                        None => 0,
                    };
                    person = Some(reg.known(&a.name, gender, src.start));
                    from_kb = true;
                }
            }
        }
        if let Some(p) = person {
            let gender_of = |k: usize| match self.lw(k) {
                "he" => 1,
                "she" => 2,
                _ => 0,
            };
            let mut g = f.source.as_ref().map_or(0, |s| gender_of(s.start));
            // "Lindqvist said she had heard …": the pronoun opening the content.
            if let Some(c) = f.content.first() {
                let k = if self.lw(c.start) == "that" {
                    c.start + 1
                } else {
                    c.start
                };
                if g == 0 && k < c.end && !self.in_quote(k) {
                    g = gender_of(k);
                }
            }
            if !from_kb {
                reg.note(p, f.cue.start, g);
            }
            // A statement reported inside the one before it ("X said that Obama has long
            // called for …") does not make its speaker the one a later "he" continues.
            if !nested {
                *last_speaker = Some((p, self.toks[f.cue.start].para as usize, f.cue.start));
            }
        }
        // Relay and audience sit near the cue: look within a window of its sentence.
        let sent = self.sent(f.cue.start);
        let window = sent.start.max(f.cue.start.saturating_sub(15))..sent.end.min(f.cue.end + 20);
        let (relay, audience) = self.relay_audience(window, &f.cue, &f.content);
        let mut confidence = f.score * 0.6 + 0.3;
        if kind != StatementKind::Indirect {
            confidence += 0.1;
        }
        if speaker.is_none() || guessed {
            confidence -= 0.1;
        }
        Statement {
            content,
            kind,
            cue: vec![self.span(&f.cue)],
            source: f.source.iter().map(|s| self.span(s)).collect(),
            speaker,
            speaker_id,
            relay,
            audience,
            // Two decimals: more would be false precision, and 0.90000004 in every output.
            confidence: (confidence.clamp(0.05, 1.0) * 100.0).round() / 100.0,
        }
    }

    /// Link the speaker to a canonical actor through the actors stage's mention of the
    /// source, or the knowledge base; where our own resolution found no person, take the
    /// person the mention resolves to, under the fullest name this article gives them.
    /// The actor the actors stage linked a person mention of this surname to: (id, name).
    fn actor_by_surname(&self, name: &str) -> Option<(&'a str, &'a str)> {
        let mentions: &'a [Mention] = self.cx.mentions;
        let ids = self.surname_ids.get_or_init(|| {
            // Each actor once, at its last mention, in mention order.
            let mut last: std::collections::HashMap<&str, u32> = Default::default();
            for (i, x) in mentions.iter().enumerate() {
                if let (MentionKind::Person, Some(a), Some(_)) =
                    (x.kind, x.actor.as_deref(), x.actor_id.as_deref())
                {
                    last.insert(a, i as u32);
                }
            }
            let mut actors: Vec<(&str, u32)> = last.into_iter().collect();
            actors.sort_by_key(|&(_, i)| i);
            let mut m = std::collections::HashMap::new();
            // A one-word actor ("Ban") is no fuller than the surname that finds it. The
            // actor mentioned last wins a shared surname.
            for &(a, i) in &actors {
                if let Some(last) = a.split_whitespace().last().filter(|l| *l != a) {
                    m.insert(last.to_lowercase(), i);
                }
            }
            // A family name written first ("Ban Ki-moon", "Xi Jinping") answers "Mr. Ban":
            // a first word, where no surname claims it already (a title before a given
            // name alone, "Mr. Donald", is not written).
            for &(a, i) in &actors {
                let mut words = a.split_whitespace();
                if let (Some(first), Some(_)) = (words.next(), words.next()) {
                    m.entry(first.to_lowercase()).or_insert(i);
                }
            }
            m
        });
        let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
        let x = &mentions[*ids.get(&last)? as usize];
        Some((x.actor_id.as_deref()?, x.actor.as_deref()?))
    }

    fn link(
        &self,
        src: Span,
        speaker: Option<String>,
        person: Option<&speaker::Person>,
        reg: &Registry,
    ) -> (Option<String>, Option<String>) {
        let ms = self.cx.mentions;
        let first = ms.partition_point(|m| m.span.end <= src.start);
        let rank = |m: &Mention| match m.kind {
            MentionKind::Person => 5,
            MentionKind::Role => 4,
            MentionKind::Pronoun => 3,
            _ => 1,
        };
        let best = ms[first..]
            .iter()
            .take_while(|m| m.span.start < src.end)
            .filter(|m| m.span.overlaps(src) && m.actor_id.is_some())
            .max_by_key(|m| (rank(m), m.span.end));
        // The actors stage already linked the people it found: reuse its ids by surname;
        // ask the knowledge base (cached per article) only without that layer.
        let kb_id = |name: &str| {
            if !self.cx.mentions.is_empty() {
                // The actor of that very name first: "Hillary Clinton" is not the
                // "Bill Clinton" who holds the surname last.
                let same = self.cx.mentions.iter().rev().find(|m| {
                    m.kind == MentionKind::Person
                        && m.actor
                            .as_deref()
                            .is_some_and(|a| a.eq_ignore_ascii_case(name))
                });
                if let Some(id) = same.and_then(|m| m.actor_id.as_deref()) {
                    return Some(id.to_string());
                }
                return self.actor_by_surname(name).map(|(id, _)| id.to_string());
            }
            let mut cache = self.id_cache.borrow_mut();
            cache
                .entry(name.to_string())
                .or_insert_with(|| {
                    self.cx
                        .kb
                        .and_then(|kb| kb.resolve_name(name, self.cx.day))
                        .map(|a| a.id)
                })
                .clone()
        };
        match (person, best) {
            (Some(p), Some(m)) if rank(m) >= 3 => {
                let agree = m.actor.as_deref().is_some_and(|a| {
                    verbatim_actors::norm::names_compatible(
                        &verbatim_actors::name_key(a),
                        &verbatim_actors::name_key(&p.full),
                    )
                });
                let id = if agree {
                    m.actor_id.clone()
                } else {
                    kb_id(&p.full)
                };
                (speaker, id)
            }
            (Some(p), _) => (speaker, kb_id(&p.full)),
            // Only where the mention is the source's head ("the minister", "he"), not a
            // word inside a larger phrase ("two diplomats close to her").
            (None, Some(m)) if rank(m) >= 3 && 2 * m.span.len() >= src.len() => {
                // A role or pronoun counts only for someone this article names.
                let named = m.actor.as_deref().and_then(|a| reg.fullest(a));
                match (m.kind, named) {
                    (_, Some(n)) => (Some(n), m.actor_id.clone()),
                    // A name the actors stage linked: trusted only if the surface shares a
                    // word with the actor's name.
                    (MentionKind::Person, None) if self.surface_names(m) => {
                        (m.actor.clone().or(speaker), m.actor_id.clone())
                    }
                    _ => (speaker, None),
                }
            }
            (None, Some(m)) => (speaker, m.actor_id.clone()),
            (None, None) => {
                // A role the article never tied to a name: the knowledge base may know
                // who held it on the article's date.
                let text = self.text[src.range()].trim();
                let last = text
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .unwrap_or("")
                    .to_lowercase();
                let role_like =
                    speaker::ROLE_HEADS.contains(&last.as_str()) || last.starts_with("diploma");
                match self
                    .cx
                    .kb
                    .filter(|_| role_like)
                    .and_then(|kb| kb.resolve_role(text, self.cx.day))
                {
                    Some(a) => (Some(a.name), Some(a.id)),
                    None => (speaker, None),
                }
            }
        }
    }

    fn surface_names(&self, m: &Mention) -> bool {
        m.actor.as_deref().is_some_and(|a| {
            let a = a.to_lowercase();
            self.text[m.span.range()]
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.chars().count() > 2 && a.contains(&w.to_lowercase()))
        })
    }

    /// The fullest name for the source, and the registered person when there is one.
    fn resolve(
        &self,
        f: &Frame,
        reg: &Registry,
        last_speaker: &Option<(usize, usize, usize)>,
        reported: &[bool],
    ) -> (Option<String>, Option<usize>) {
        let Some(mut src) = f.source.clone() else {
            return (None, None);
        };
        // "the arms, which he said were …": the pronoun after the relative is the speaker.
        if src.len() == 2
            && matches!(self.lw(src.start), "which" | "that" | "who" | "whom")
            && subject_pronoun(self.lw(src.start + 1))
        {
            src.start += 1;
        }
        let at = src.start;
        let para = self.toks[at].para as usize;
        let first = pronoun_of(self.lw(src.start));
        let person = |p: usize| (Some(reg.people[p].full.clone()), Some(p));
        // A country or body the actors stage found is no one's surname: "Russia says"
        // is not "United Russia", named earlier in the article.
        if src.len() == 1 && self.toks[at].cap {
            let sp = self.span(&src);
            let ms = self.cx.mentions;
            let i = ms.partition_point(|m| m.span.end <= sp.start);
            if ms[i..]
                .iter()
                .take_while(|m| m.span.start < sp.end)
                .any(|m| {
                    m.span == sp
                        && matches!(
                            m.kind,
                            MentionKind::Country
                                | MentionKind::Organisation
                                | MentionKind::Place
                                | MentionKind::Outlet
                        )
                })
            {
                return (Some(self.text[sp.range()].to_string()), None);
            }
        }
        if src.len() == 1 && matches!(first, "he" | "she") {
            let g = if first == "he" { 1 } else { 2 };
            // Someone named since the last statement, in this paragraph or the one before,
            // takes over: the first named in the latest sentence naming anyone.
            let since = last_speaker.map_or(0, |(_, _, pos)| pos + 1);
            let opener = self.opening_phrase_before(at);
            let recent: Vec<(usize, usize)> = reg
                .mentions
                .iter()
                .filter(|&&(pos, p)| {
                    pos >= since
                        && pos < at
                        && !reg.people[p].imported
                        && self.toks[pos].para as usize + 1 >= para
                        && reg.compatible(p, g)
                        && !self.in_quote(pos)
                        && (!reported[pos] || reported[at])
                        && !self.qualifies_a_post(pos)
                        && !opener
                            .as_ref()
                            .is_some_and(|r| r.contains(&pos) && self.taken_by_adjunct(pos))
                })
                .copied()
                .collect();
            if let Some(&(last_pos, _)) = recent.last() {
                let s = self.sent_of[last_pos];
                // Named only after the last speaker's cue in the same sentence ("Rubio has
                // persuaded donors that he can beat Trump. He …"): the speaker goes on,
                // unless the cue was a question, which the one asked answers.
                if let Some((p, _, cue)) = *last_speaker {
                    let question = matches!(
                        self.lw(cue),
                        "asked" | "asks" | "ask" | "asking" | "questioned" | "pressed" | "quizzed"
                    );
                    if self.sent_of[cue] == s && !question && !reported[at] && reg.compatible(p, g)
                    {
                        return person(p);
                    }
                }
                // For "she", a woman goes before someone of unknown gender, who is most
                // often a man: "Robin Ast met Anna Berg. … she said".
                let in_s = || recent.iter().filter(|(pos, _)| self.sent_of[*pos] == s);
                if let Some(&(_, p)) = in_s()
                    .find(|(_, p)| g == 2 && reg.people[*p].gender == g)
                    .or_else(|| in_s().next())
                {
                    return person(p);
                }
            }
            // A last speaker of unknown gender gives way to a woman named earlier in the
            // sentence of a "she", even inside what was reported: "Chris Christie
            // described Hillary Clinton as … after she attacked …".
            if let Some((p, _, _)) = *last_speaker {
                let s = self.sent_of[at];
                let fits = reg.mentions.iter().find(|&&(pos, q)| {
                    pos < at
                        && self.sent_of[pos] == s
                        && !self.in_quote(pos)
                        && !reg.people[q].imported
                        && reg.people[q].gender == g
                        && !self.qualifies_a_post(pos)
                        && !self.modifies_a_noun(pos)
                });
                if let (Some(&(_, q)), 0, 2) = (fits, reg.people[p].gender, g) {
                    return person(q);
                }
            }
            if let Some((p, pp, _)) = *last_speaker {
                if para <= pp + 4 && reg.compatible(p, g) {
                    return person(p);
                }
                // "Clinton said … he said" where the bare surname was taken for Hillary:
                // the one of that surname the pronoun fits.
                if para <= pp + 4 && g != 0 && reg.people[p].gender != 0 {
                    let surname = reg.people[p].words.last();
                    if let Some(q) = reg.people.iter().rposition(|x| {
                        x.words.len() > 1
                            && x.words.last() == surname
                            && x.gender == g
                            && !x.imported
                    }) {
                        return person(q);
                    }
                }
            }
            return match reg.recent_person(at, g) {
                Some(p) => person(p),
                None => (None, None),
            };
        }
        if src.len() == 1 && matches!(first, "who" | "which" | "that") {
            // The antecedent ends just before the comma before the pronoun.
            let mut k = at;
            while k > 0 && !self.is_word(k - 1) {
                k -= 1;
            }
            if let Some(np) = self.np_left_tight(k, self.sent(at).start) {
                if let Some(&(_, p)) = reg
                    .mentions
                    .iter()
                    .rev()
                    .find(|(pos, p)| np.contains(pos) && !reg.people[*p].imported)
                {
                    return person(p);
                }
                return (Some(self.np_text(&np)), None);
            }
            return (None, None);
        }
        if src.len() == 1 && is_in(&["they", "we", "i", "you", "it", "there"], first) {
            return (None, None);
        }
        // "The Clinton campaign", "the Obama administration", "a Trump spokesman": someone
        // speaking for a person, not the person.
        if (2..=5).contains(&src.len())
            && is_in(FOR_SOMEONE, self.lw(src.end - 1))
            && src
                .clone()
                .all(|k| self.is_word(k) && !matches!(self.lw(k), "of" | "at"))
        {
            return (Some(self.np_text(&src)), None);
        }
        // An appositive after a name ("Scott Pruitt, the attorney general of Oklahoma, said"):
        // the name before the comma.
        if at >= 2
            && self.lw(at - 1) == ","
            && self.toks[at - 2].cap
            && !self.toks[at].cap
            && is_in(DET, first)
            && src
                .clone()
                .take_while(|&k| self.is_word(k) && !matches!(self.lw(k), "of" | "at" | "for"))
                .last()
                .is_some_and(|k| speaker::is_title(self.lw(k)))
        {
            let mut k = at - 2;
            while k > 0 && self.is_word(k - 1) && self.toks[k - 1].cap {
                k -= 1;
            }
            if let Some(&(_, p)) = reg
                .mentions
                .iter()
                .find(|(pos, p)| (k..at - 1).contains(pos) && !reg.people[*p].imported)
            {
                return person(p);
            }
        }
        // The phrase's head names the speaker: "Flynn, a top Trump surrogate" is Flynn,
        // "Clinton campaign spokesman Brian Fallon" is Fallon, and "Trump's running mate,
        // Indiana Gov. Mike Pence" is Pence, the name set beside a head that is a role.
        let head = self.head_chunk(src.start, src.end);
        let ending = |chunk: &Range<usize>| {
            reg.mentions.iter().rev().find(|(pos, p)| {
                chunk.contains(pos)
                    && !reg.people[*p].imported
                    && self.name_end(*pos, chunk.end) == chunk.end
            })
        };
        if let Some(&(_, p)) = ending(&head) {
            // A bare surname two people share: the one who spoke just before, if either
            // did ("Former President Bill Mordan … his wife Hanna Mordan … Mordan said").
            if let Some((q, pp, _)) = *last_speaker {
                let (pw, qw) = (&reg.people[p].words, &reg.people[q].words);
                if q != p
                    && para <= pp + 1
                    && head.len() == 1
                    && qw.len() > 1
                    && pw.last() == qw.last()
                {
                    return person(q);
                }
            }
            return person(p);
        }
        if head.end + 1 < src.end && self.lw(head.end) == "," && !self.toks[head.end - 1].cap {
            let next = self.head_chunk(head.end + 1, src.end);
            if let Some(&(_, p)) = ending(&next) {
                return person(p);
            }
        }
        // Else a person named inside the phrase, the last one, unless the name qualifies
        // someone speaking for them ("Obama administration officials", "Lavrov's
        // spokeswoman") or a preposition takes it ("a person close to the Clintons", "an
        // aide to Sanders"); "Trump's tweets" are Trump's.
        let after_prep = |pos: usize| {
            let mut k = pos;
            while k > src.start && is_in(&["the", "mr.", "mrs.", "ms."], self.lw(k - 1)) {
                k -= 1;
            }
            k > src.start
                && is_in(
                    &["to", "for", "with", "of", "near", "about", "against", "by"],
                    self.lw(k - 1),
                )
        };
        if let Some(&(_, p)) = reg.mentions.iter().rev().find(|(pos, p)| {
            src.contains(pos)
                && !reg.people[*p].imported
                && !self.speaks_for(self.name_end(*pos, src.end), src.end)
                && !after_prep(*pos)
        }) {
            return person(p);
        }
        // A surname alone ("Voronov said"), in the head if it has one, and not a name that
        // qualifies the head ("Voronov administration officials").
        // (A country or body is no one's surname: "Russia's parliament" is not "United
        // Russia".)
        let caps_in = |r: Range<usize>| -> Vec<String> {
            r.filter(|&k| {
                self.toks[k].cap && !self.speaks_for(k + 1, src.end) && !self.in_body_mention(k)
            })
            .map(|k| self.lw(k).trim_end_matches("'s").to_string())
            .collect()
        };
        let mut caps = caps_in(head.clone());
        if caps.is_empty() {
            caps = caps_in(src.clone());
        }
        if !caps.is_empty() {
            if let Some(p) = reg.by_name(&caps[caps.len() - 1..], at) {
                return person(p);
            }
        }
        // The lead's role named in the next paragraph ("its foreign minister said").
        if let Some(&(_, p)) = reg.named_late.iter().find(|(s, _)| *s == at) {
            return person(p);
        }
        // A role ("the minister", "the head of Valdorian diplomacy").
        let words: Vec<String> = src
            .clone()
            .map(|k| self.lw(k).trim_end_matches("'s").to_string())
            .collect();
        let countries: Vec<&str> = src
            .clone()
            .filter(|&k| self.in_nation_mention(k))
            .map(|k| self.lw(k))
            .collect();
        if let Some(p) = reg.by_role(&words, at, &countries) {
            return person(p);
        }
        (Some(self.np_text(&src)), None)
    }

    /// The phrase opening the sentence of a subject at `at` right after its comma:
    /// "Campaigning against Romney in 2012, [he] …".
    fn opening_phrase_before(&self, at: usize) -> Option<Range<usize>> {
        let ss = self.sent(at).start;
        (at > ss + 1 && self.lw(at - 1) == ",").then_some(ss..at - 1)
    }

    /// Whether the name at `pos` is the object of a preposition or a participle:
    /// "against Romney", "after meeting the Romneys". Such a name in an opening phrase
    /// is not who the subject after it is.
    fn taken_by_adjunct(&self, pos: usize) -> bool {
        let mut k = pos;
        while k > 0 && is_in(&["the", "mr.", "mrs.", "ms.", "dr."], self.lw(k - 1)) {
            k -= 1;
        }
        // ("As for Trump, he said …" names the one it goes on about.)
        let topic = k > 1 && self.lw(k - 1) == "for" && self.lw(k - 2) == "as";
        k > 0 && !topic && {
            let w = self.lw(k - 1);
            is_in(
                &[
                    "to", "for", "with", "of", "about", "against", "by", "from", "at", "toward",
                    "towards", "on", "after", "before", "like", "unlike", "than",
                ],
                w,
            ) || (w.len() > 5 && w.ends_with("ing"))
        }
    }

    /// An epithet no post in the article matches ("the Vermont senator", "the billionaire
    /// businessman"): reporters vary how they name whom they follow, so it is the one who
    /// spoke last, nearby, if nothing about them speaks against it. A guess.
    fn epithet_speaker(
        &self,
        src: &Range<usize>,
        content: &[Range<usize>],
        reg: &Registry,
        last_speaker: &Option<(usize, usize, usize)>,
    ) -> Option<usize> {
        let (p, pp, _) = (*last_speaker)?;
        if !(self.lw(src.start) == "the"
            && src.len() <= 5
            && is_in(EPITHET_HEADS, self.lw(src.end - 1))
            && (src.start + 1..src.end).all(|k| self.is_word(k))
            && self.toks[src.start].para as usize <= pp + 2)
        {
            return None;
        }
        let words: Vec<&str> = src.clone().map(|k| self.lw(k)).collect();
        // "Trump took on Clinton after the Democratic front-runner said …": the one named
        // last in its sentence, whom a pronoun would have made unclear; not one named in
        // what the epithet said.
        let s = self.sent_of[src.start];
        let named = reg.mentions.iter().rev().find(|&&(pos, q)| {
            pos < src.start
                && self.sent_of[pos] == s
                && !self.in_quote(pos)
                && !content.iter().any(|c| c.contains(&pos))
                && !reg.people[q].imported
                && !self.qualifies_a_post(pos)
        });
        // ("Christie attacked Rubio, and the New Jersey governor …": a clause joined on
        // goes on about its first subject.)
        let joined = src.start > 0 && matches!(self.lw(src.start - 1), "and" | "but");
        if let (Some(&(_, q)), false) = (named, joined) {
            return reg.may_be_called(q, &words).then_some(q);
        }
        (reg.may_be_called(p, &words)
            // A country it names must be among the person's roles: "the French president"
            // is not the American one who spoke last.
            && (src.start + 1..src.end).all(|k| {
                !self.in_nation_mention(k) || reg.people[p].roles.iter().any(|r| r == self.lw(k))
            }))
        .then_some(p)
    }

    /// The head of a noun phrase starting at `s`: up to the first comma, bracket, relative
    /// pronoun or preposition that starts a modifier ("Phil Smith, a spokesman for …").
    fn head_chunk(&self, s: usize, end: usize) -> Range<usize> {
        let e = (s + 1..end)
            .find(|&k| !self.is_word(k) || is_in(OPENS_MODIFIER, self.lw(k)))
            .unwrap_or(end);
        s..e
    }

    /// Whether the lower-case words from `e` (just past a name) name someone speaking for
    /// that name: "administration officials", "'s spokeswoman", "campaign".
    fn speaks_for(&self, e: usize, lim: usize) -> bool {
        // "Trump's potential VP", "Colorado's delegation chairman": a possessive before a
        // post names whose post it is, not who holds it.
        let possessive = e > 0 && {
            let w = self.lw(e - 1);
            w.ends_with("'s") || w.ends_with("s'")
        };
        (e..lim)
            .take_while(|&k| {
                self.is_word(k) && !self.toks[k].cap && !is_in(OPENS_MODIFIER, self.lw(k))
            })
            .take(4)
            .any(|k| {
                is_in(FOR_SOMEONE, self.lw(k)) || (possessive && speaker::is_title(self.lw(k)))
            })
    }

    /// Whether the name at `pos` only qualifies a post or an entourage after it ("Obama
    /// consultant Cornell Belcher", "Trump's lawyer"): that name is not who is meant.
    fn qualifies_a_post(&self, pos: usize) -> bool {
        let n = self.toks.len();
        let e = self.name_end(pos, n);
        let run = (e..n.min(e + 3))
            .take_while(|&k| self.is_word(k) && !self.toks[k].cap)
            .last();
        let post = run.is_some_and(|last| {
            (e..=last).any(|k| is_in(FOR_SOMEONE, self.lw(k)))
                || (speaker::is_title(self.lw(last))
                    && last + 1 < n
                    && self.is_word(last + 1)
                    && self.toks[last + 1].cap)
        });
        if post {
            return true;
        }
        // A possessive before someone's relation and that someone's name: "Holt's liberal
        // NBC News colleague Matt Lauer". (Not "Berg's wife, Ilse, …": Berg stays the one
        // a later "he" means.)
        let w = self.lw(e - 1);
        (w.ends_with("'s") || w.ends_with("’s"))
            && (e..n.min(e + 6))
                .take_while(|&k| self.is_word(k))
                .any(|k| is_in(RELATIONS, self.lw(k)) && k + 1 < n && self.toks[k + 1].cap)
    }

    /// Whether token `k` lies in a mention of a country, place, organisation or outlet that
    /// the actors stage found.
    fn in_body_mention(&self, k: usize) -> bool {
        self.mention_kinds_at(k).any(|kind| {
            matches!(
                kind,
                MentionKind::Country
                    | MentionKind::Organisation
                    | MentionKind::Place
                    | MentionKind::Outlet
            )
        })
    }

    /// Whether token `k` names a country or its people ("France", "the French").
    fn in_nation_mention(&self, k: usize) -> bool {
        self.mention_kinds_at(k)
            .any(|kind| matches!(kind, MentionKind::Country | MentionKind::Group))
    }

    /// The kinds of the actors stage's mentions overlapping token `k`.
    fn mention_kinds_at(&self, k: usize) -> impl Iterator<Item = MentionKind> + '_ {
        let t = &self.toks[k];
        let ms = self.cx.mentions;
        let i = ms.partition_point(|m| m.span.end <= t.s);
        ms[i..]
            .iter()
            .take_while(move |m| m.span.start < t.e)
            .map(|m| m.kind)
    }

    /// Whether the name at `pos` stands between a determiner and a common noun, as a
    /// modifier: "a Clinton rally", "the Voronov plan".
    fn modifies_a_noun(&self, pos: usize) -> bool {
        let n = self.toks.len();
        let e = self.name_end(pos, n);
        pos > 0 && is_in(DET, self.lw(pos - 1)) && e < n && self.is_word(e) && !self.toks[e].cap
    }

    /// The end of the capitalised name starting at `pos`, within `lim`: a possessive
    /// ("Trump's") closes it.
    fn name_end(&self, pos: usize, lim: usize) -> usize {
        let mut e = pos;
        while e < lim && self.is_word(e) && self.toks[e].cap {
            e += 1;
            let w = self.lw(e - 1);
            if w.ends_with("'s") || w.ends_with("’s") {
                break;
            }
        }
        e.max(pos + 1)
    }

    fn np_text(&self, r: &Range<usize>) -> String {
        let mut s = r.start;
        // ("some of its allies" keeps "some".)
        while s + 1 < r.end && is_in(DET, self.lw(s)) && self.lw(s + 1) != "of" {
            s += 1;
        }
        // The head phrase only: "Mr. Obama, who understood …" names Mr. Obama.
        let e = (s + 1..r.end)
            .find(|&k| self.lw(k) == "," || is_in(&["who", "which", "whose"], self.lw(k)))
            .unwrap_or(r.end);
        self.text[self.toks[s].s as usize..self.toks[e - 1].e as usize].to_string()
    }

    /// Relay ("quoted by TASS", "on his Telegram channel") and audience ("told reporters",
    /// "at a joint press conference with …") in the cue's sentence, outside the content.
    fn relay_audience(
        &self,
        sent: Range<usize>,
        cue: &Range<usize>,
        content: &[Range<usize>],
    ) -> (Option<Span>, Option<Span>) {
        const RELAY: &[&[&str]] = &[
            &["quoted", "by"],
            &["quoted", "as", "saying", "by"],
            &["in", "an", "interview", "with"],
            &["in", "an", "interview", "published", "by"],
            &["in", "a", "statement", "on"],
            &["in", "a", "post", "on"],
            &["on", "his"],
            &["on", "her"],
            &["on", "its"],
            &["on", "their"],
            &["posted", "on"],
            &["wrote", "on"],
            &["in", "a", "tweet"],
            &["on", "twitter"],
            &["on", "facebook"],
            &["on", "telegram"],
        ];
        const AUDIENCE: &[&[&str]] = &[
            &["addressing"],
            &["at", "a", "joint", "press", "conference"],
            &["at", "a", "joint", "news", "conference"],
            &["at", "a", "press", "conference"],
            &["at", "a", "news", "conference"],
            &["during", "a", "press", "conference"],
            &["during", "a", "news", "conference"],
            &["speaking", "to"],
            &["in", "a", "speech", "to"],
            &["in", "a", "speech", "at"],
            &["at", "a", "meeting", "with"],
            &["during", "talks", "with"],
            &["in", "a", "call", "with"],
            &["in", "a", "telephone", "conversation", "with"],
            &["at", "a", "briefing"],
            &["during", "a", "briefing"],
        ];
        let inside = |k: usize| content.iter().any(|c| c.contains(&k));
        // Where a relay or audience phrase can start, once per article.
        let starts = self.relay_starts.get_or_init(|| {
            (0..self.toks.len())
                .map(|k| {
                    self.is_word(k)
                        && matches!(
                            self.lw(k),
                            "quoted"
                                | "in"
                                | "told"
                                | "on"
                                | "posted"
                                | "wrote"
                                | "addressing"
                                | "at"
                                | "during"
                                | "speaking"
                        )
                })
                .collect::<Vec<bool>>()
        });
        // The phrase from `k`, past its first `n` words, up to a word that ends it.
        let extent = |k: usize, n: usize| -> usize {
            let mut e = k + n;
            loop {
                // A show's name: "on MSNBC’s “Morning Joe”", "told Marn TV’s “…”".
                if e < sent.end && e > k && !inside(e) && self.names_a_title(e) {
                    e = self.quotes[self.quote_of[e] as usize].close + 1;
                    if e < sent.end && matches!(self.lw(e), "show" | "programme" | "program") {
                        e += 1;
                    }
                    break;
                }
                if !(e < sent.end && self.is_word(e) && !inside(e) && e < k + n + 8) {
                    break;
                }
                if e > k + n
                    && is_in(
                        &[
                            "on",
                            "that",
                            "and",
                            "about",
                            "as",
                            "after",
                            "before",
                            "when",
                            "ahead",
                            "amid",
                            "following",
                            "during",
                            "while",
                            "since",
                            "because",
                        ],
                        self.lw(e),
                    )
                {
                    break;
                }
                e += 1;
            }
            e
        };
        let find = |pats: &[&[&str]]| -> Option<Span> {
            for k in sent.clone() {
                if !starts[k] || inside(k) {
                    continue;
                }
                for pat in pats {
                    let n = pat.len();
                    if self.lw(k) != pat[0]
                        || k + n > sent.end
                        || (0..n).any(|j| self.lw(k + j) != pat[j] || inside(k + j))
                    {
                        continue;
                    }
                    return Some(self.span(&(k..extent(k, n))));
                }
            }
            None
        };
        let mut audience = find(AUDIENCE);
        let mut relay = find(RELAY);
        // "told Interfax" relays through an outlet; "told reporters", "told the State
        // Duma" address an audience. A "told" after the cue is a statement of its own:
        // "X — mentioned by VNA as … — told reporters …".
        let told = sent.clone().find(|&k| {
            starts[k]
                && !inside(k)
                && (k < cue.start || cue.contains(&k))
                && self.lw(k) == "told"
                && k + 1 < sent.end
                && self.is_word(k + 1)
                && !inside(k + 1)
                && !is_in(COMPLEMENTIZER, self.lw(k + 1))
                && !matches!(self.lw(k + 1), "him" | "them" | "me" | "us" | "you" | "it")
                && !self.her_is_object(k + 1, sent.end)
        });
        // Whether the phrase `k + 1..e` after "told" or "on" names an outlet or show; after
        // "on" (`strict`), a name must be known as an outlet or end like one ("on Wall
        // Street", "on Capitol Hill" are places).
        let outlet_at = |k: usize, e: usize, strict: bool| -> bool {
            let title = |j: usize| {
                self.names_a_title(j)
                    && (j + 1..self.quotes[self.quote_of[j] as usize].close)
                        .filter(|&w| self.is_word(w) && self.lw(w).len() > 3)
                        .all(|w| self.toks[w].cap)
            };
            if (k + 1..e).any(title) {
                return true;
            }
            let (b, f) = (self.toks[k + 1].s, self.toks[e - 1].e);
            let ms = self.cx.mentions;
            let overlapping = ms[..ms.partition_point(|m| m.span.start < f)]
                .iter()
                .filter(|m| m.span.end > b);
            let mut kinds = overlapping.map(|m| m.kind).peekable();
            let known = kinds.peek().is_some();
            let outlet = kinds.any(|kind| kind == MentionKind::Outlet);
            // A name the actors stage does not know reads as an outlet when it is
            // capitalised throughout or ends like one ("told Kessel Radio", "told the
            // Marn Daily"), not before common nouns ("told Italian business executives").
            // (The actors stage may take an unknown outlet for an organisation.)
            let outlet_word = matches!(
                self.lw(e - 1),
                "agency"
                    | "news"
                    | "newspaper"
                    | "daily"
                    | "radio"
                    | "television"
                    | "tv"
                    | "channel"
                    | "broadcaster"
                    | "magazine"
                    | "website"
                    | "times"
                    | "post"
                    | "herald"
                    | "tribune"
                    | "journal"
            );
            let first = if self.lw(k + 1) == "the" && k + 2 < e {
                k + 2
            } else {
                k + 1
            };
            let named = self.toks[first].cap && (self.toks[e - 1].cap || outlet_word);
            outlet || (named && (outlet_word || (!known && !strict)))
        };
        if let Some(k) = told {
            let e = extent(k, 1);
            let span = self.span(&(k..e));
            if outlet_at(k, e, false) {
                relay = relay.or(Some(span));
            } else {
                audience = audience.or(Some(span));
            }
        }
        // "said on Marn TV", "said on MSNBC’s “Morning Joe”": the broadcast it went out on.
        if relay.is_none() {
            relay = sent
                .clone()
                .filter(|&k| {
                    starts[k]
                        && !inside(k)
                        && self.lw(k) == "on"
                        && k + 1 < sent.end
                        && !inside(k + 1)
                        && !self.is_time_word(k + 1)
                        && (self.toks[k + 1].cap || self.names_a_title(k + 1))
                })
                .find_map(|k| {
                    // The name, without the words after it ("on CNN talking", "on Fox
                    // News Tuesday night").
                    let mut e = extent(k, 1);
                    while e > k + 2
                        && self.is_word(e - 1)
                        && (!self.toks[e - 1].cap || self.is_time_word(e - 1))
                    {
                        e -= 1;
                    }
                    (e > k + 1 && outlet_at(k, e, true)).then(|| self.span(&(k..e)))
                });
        }
        // An embedded post's account: "… — Name (@handle) March 3, 2031".
        if relay.is_none() {
            relay = sent
                .clone()
                .find(|&k| {
                    k + 2 < sent.end
                        && self.lw(k) == "("
                        && self.lw(k + 1).starts_with('@')
                        && !inside(k + 1)
                })
                .and_then(|k| {
                    let e = (k + 2..sent.end).find(|&j| self.lw(j) == ")")?;
                    Some(self.span(&(k + 1..e)))
                });
        }
        let relay = relay.filter(|r| audience.is_none_or(|a| !a.overlaps(*r)));
        (relay, audience)
    }
}

/// Statements do not nest in PolNeAR: where one frame's cue sits inside another's
/// content ("X said Y argued that …"), the outer content stops short of the inner
/// statement's source, cue and content, keeping what lies on either side; one with
/// nothing left is dropped.
fn carve_nested(a: &Article, frames: &mut Vec<Frame>) {
    // Outer statements that only wrapped inner ones ("the ministry reported that the
    // minister had …").
    let mut wrappers = vec![false; frames.len()];
    let mut inner = vec![false; frames.len()];
    for k in 0..frames.len() {
        let f = &frames[k];
        let cue_at = f.cue.start;
        let src = f.source.clone();
        let starts: Vec<usize> = f
            .content
            .iter()
            .filter(|c| a.is_open_quote(c.start))
            .map(|c| c.start)
            .collect();
        let hi = f
            .content
            .iter()
            .map(|c| c.end)
            .max()
            .unwrap_or(f.cue.end)
            .max(f.cue.end);
        for (j, g) in frames.iter_mut().enumerate() {
            if j == k || !g.content.iter().any(|c| c.contains(&cue_at)) {
                continue;
            }
            // The inner source counts only where it lies inside the outer content too
            // (a participle's guessed source is the outer speaker).
            let lo = src
                .as_ref()
                .filter(|s| s.start < cue_at && g.content.iter().any(|c| c.contains(&s.start)))
                .map_or(cue_at, |s| s.start);
            // So does a quotation before the inner source ("… ''I can't breathe,'' as
            // Garner said …").
            let lo = starts
                .iter()
                .copied()
                .filter(|&c| c < lo && g.content.iter().any(|gc| gc.contains(&c)))
                .fold(lo, usize::min);
            let mut cut = Vec::with_capacity(g.content.len() + 1);
            let trim = |mut r: Range<usize>| {
                // Trim the joints left behind: punctuation, "and", "but", and a dangling "that".
                while r.start < r.end
                    && (!a.is_word(r.start) || matches!(a.lw(r.start), "and" | "but"))
                {
                    r.start += 1;
                }
                while r.end > r.start
                    && (!a.is_word(r.end - 1) || matches!(a.lw(r.end - 1), "and" | "but" | "that"))
                {
                    r.end -= 1;
                }
                (r.start < r.end).then_some(r)
            };
            for c in &g.content {
                if c.end <= lo || c.start >= hi {
                    cut.push(c.clone());
                    continue;
                }
                if c.start < lo {
                    cut.extend(trim(c.start..lo));
                }
                if c.end > hi {
                    cut.extend(trim(hi..c.end));
                }
            }
            // "The Alliance looked away and blamed only Kessel, complained the minister":
            // after an inverted cue, the whole clause before it is what was said, so the
            // inner one gives way.
            let inverted = g.source.as_ref().is_some_and(|s| s.start >= g.cue.end)
                && g.content.iter().all(|c| c.end <= g.cue.start);
            if cut.is_empty() && inverted {
                inner[k] = true;
            } else if cut.is_empty() {
                wrappers[j] = true;
            } else {
                g.content = cut;
            }
        }
    }
    let mut it = wrappers.iter().zip(&inner);
    frames.retain(|_| !it.next().is_some_and(|(&w, &i)| w || i));
}

/// Two statements never share content words in PolNeAR: of two that overlap (“…,” X
/// said, adding …), the one with the surer cue stays, or the first when equally sure.
fn drop_overlapping(frames: &mut Vec<Frame>) {
    let mut drop = vec![false; frames.len()];
    for i in 0..frames.len() {
        for j in i + 1..frames.len() {
            if drop[i] || drop[j] {
                continue;
            }
            let overlap = frames[i].content.iter().any(|a| {
                frames[j]
                    .content
                    .iter()
                    .any(|b| a.start < b.end && b.start < a.end)
            });
            if !overlap {
                continue;
            }
            let (si, sj) = (frames[i].score, frames[j].score);
            if si >= sj {
                drop[j] = true;
            } else {
                drop[i] = true;
            }
        }
    }
    let mut it = drop.iter();
    frames.retain(|_| !it.next().is_some_and(|&d| d));
}

/// A crude stem shared by a verb's inflections ("backs", "backed", "backing" → "back"),
/// so the cue model pools evidence across forms seen rarely in training.
fn lemma(w: &str) -> &str {
    let b = w.as_bytes();
    let n = b.len();
    let cut =
        if (n > 5 && w.ends_with("ing")) || (n > 4 && (w.ends_with("ied") || w.ends_with("ies"))) {
            3
        } else if n > 4 && (w.ends_with("ed") || (w.ends_with("es") && !w.ends_with("ses"))) {
            2
        } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") {
            1
        } else {
            0
        };
    let s = &w[..w.len() - cut];
    // "argue"/"argued"/"argues" → "argu"; a trailing e is dropped so they meet.
    s.strip_suffix('e').filter(|x| x.len() > 2).unwrap_or(s)
}

/// Building training data for the cue model (used by `examples/train_cues.rs`).
#[doc(hidden)]
pub mod training {
    use super::*;

    /// A byte span of the input text.
    pub type Span = (usize, usize);

    /// `text` read as an article of its own (paragraphs = non-empty lines), with no
    /// knowledge besides the text: as the gold sets are.
    pub(crate) fn bare(text: &str) -> Article<'_> {
        let cx = Context {
            mentions: &[],
            kb: None,
            day: None,
        };
        Article::new(text, &lines(text), None, cx)
    }

    /// The token heading the gold cue `(s, e)`: its first word that is not an auxiliary
    /// or adverb ("has repeatedly *backed*").
    fn cue_head(a: &Article, (s, e): Span) -> Option<usize> {
        let first = a.toks.partition_point(|t| (t.s as usize) < s);
        (first..a.toks.len())
            .take_while(|&k| (a.toks[k].s as usize) < e)
            .find(|&k| a.is_word(k) && !lexicon::is_cue_modifier(a.lw(k)))
    }

    /// One example per possible content end after each gold cue of `text` whose content
    /// starts just after it, up to the gold end: its features, and whether content ends
    /// there. `golds` holds (cue, first content span) byte spans.
    pub fn end_examples(text: &str, golds: &[(Span, Span)]) -> Vec<(Vec<u32>, bool)> {
        let a = bare(text);
        let tok_at = |b: usize| a.toks.partition_point(|t| (t.s as usize) < b);
        let mut out = Vec::new();
        for &(cue, (s_b, e_b)) in golds {
            let Some(i) = cue_head(&a, cue) else {
                continue;
            };
            let s = tok_at(s_b);
            let ge = tok_at(e_b);
            let se = a.sent(i).end;
            if s <= i || s >= se || s > i + 8 || ge <= s {
                continue;
            }
            let rule = a.rule_end(i, s, se);
            a.end_scan(i, s, se, rule, |k, f| {
                if k > ge + 1 {
                    return true;
                }
                let stop = k >= ge;
                out.push((f.to_vec(), stop));
                stop
            });
        }
        out
    }

    /// One example per candidate token of `text` (paragraphs = non-empty lines): its
    /// features, and whether it heads one of the gold `cues` (byte spans).
    pub fn examples(text: &str, cues: &[Span]) -> Vec<(Vec<u32>, bool)> {
        let a = bare(text);
        let heads: std::collections::HashSet<usize> =
            cues.iter().filter_map(|&c| cue_head(&a, c)).collect();
        let mut out = Vec::new();
        for i in 0..a.toks.len() {
            // The same candidates as at run time (see `cue_prob`).
            if !a.candidate(i) {
                continue;
            }
            let mut f = Vec::with_capacity(32);
            a.features(i, &mut f);
            out.push((f, heads.contains(&i)));
        }
        out
    }
}

#[cfg(test)]
mod tests;

/// Words that open a noun phrase's modifier: what follows them is not its head.
const OPENS_MODIFIER: &[&str] = &[
    "who",
    "whose",
    "which",
    "that",
    "of",
    "for",
    "at",
    "from",
    "with",
    "in",
    "on",
    "to",
    "including",
    "among",
    "like",
];

/// Heads of the epithets by which reporters name the person they follow: "the candidate",
/// "the Vermont senator", "the real estate mogul".
const EPITHET_HEADS: &[&str] = &[
    "candidate",
    "nominee",
    "front-runner",
    "frontrunner",
    "hopeful",
    "contender",
    "senator",
    "governor",
    "president",
    "congressman",
    "congresswoman",
    "lawmaker",
    "mayor",
    "minister",
    "businessman",
    "businesswoman",
    "billionaire",
    "mogul",
    "tycoon",
];

/// Someone's relations, named after a possessive: "Holt's colleague Matt Lauer".
const RELATIONS: &[&str] = &[
    "colleague",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "father",
    "mother",
    "friend",
    "boss",
    "deputy",
    "successor",
    "predecessor",
    "rival",
    "opponent",
    "partner",
];

/// "The Clinton campaign", "the Obama administration", "a Trump spokesman": people or bodies
/// speaking for someone, so a name before them is not the speaker.
const FOR_SOMEONE: &[&str] = &[
    "campaign",
    "administration",
    "government",
    "team",
    "camp",
    "staff",
    "office",
    "foundation",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "allies",
    "supporters",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lawyer",
    "lawyers",
    "attorney",
    "attorneys",
    "officials",
    "surrogate",
    "surrogates",
    "loyalists",
    "critics",
    "backers",
    "company",
    "firm",
];
