//! The document model shared by every stage.
//!
//! A [`Doc`] holds its text once. Stages add layers of [`Span`]s (UTF-8 byte offsets into
//! that text, end exclusive) and never copy or mutate the text, so any span can be
//! highlighted in the stored source.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into [`Doc::text`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range()]
    }
    /// `[start, end]`, the form the JSON contracts use.
    pub fn pair(&self) -> [u32; 2] {
        [self.start, self.end]
    }
}

/// How an input arrived, before extraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
    Jsonl,
    Warc,
}

impl Format {
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

/// One raw input as ingest found it: decompressed bytes plus what the container said
/// about them (a JSONL line's `url`/`title`, a WARC record's target URI). Not yet decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub meta: Meta,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// Facts about a document that do not live in its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Where it came from: a path, `path#line`, `path#record`, or `-` for stdin.
    pub source: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    /// ISO 639-3 code (whatlang's), e.g. "eng".
    pub language: Option<String>,
    /// What the raw input was.
    pub format: Option<Format>,
    /// Warnings raised while reading it (lossy decoding, truncation, …).
    pub warnings: Vec<String>,
}

/// Content hash of a document's text: re-ingesting the same content adds nothing.
pub fn content_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..32].to_string()
}

/// What a block of text is, as the cleaning stage judged it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Body,
    Headline,
    Dateline,
    Byline,
    Caption,
    /// A live-blog entry's time line ("11 mins ago (17:54 GMT)").
    EntryTime,
    Boilerplate,
}

/// A paragraph-like unit of the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
    /// Index into [`Layers::articles`] of the article this block belongs to, if any.
    pub article: Option<u32>,
}

/// One article found in a document: a glued page holds several; a live blog holds entries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Covers the article from its first to its last block.
    pub span: Span,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub dateline: Option<String>,
    pub language: Option<String>,
    /// Set on a live-blog entry: the article (index) whose entry this is.
    pub parent: Option<u32>,
}

/// A sentence; `block` indexes [`Layers::blocks`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub block: u32,
}

/// What a token is, coarsely; enough for the rules downstream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// Any quotation mark, straight or curly, single or double, guillemet.
    Quote,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A date or time expression in the text, resolved against the article's date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub span: Span,
    /// The day it names, when it can be resolved.
    pub date: Option<NaiveDate>,
    /// A clock time it names ("18:04 GMT"), normalised to UTC, if any.
    pub time: Option<DateTime<Utc>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Person,
    Organisation,
    Country,
    Place,
    Group,
    /// A role or title standing for a person ("the foreign minister").
    Role,
    Pronoun,
    Outlet,
}

/// A mention of an actor in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    /// The canonical actor it resolves to, if any.
    pub actor_id: Option<String>,
    /// The canonical actor's name.
    pub actor: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Direct,
    Indirect,
    Mixed,
}

impl StatementKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
            StatementKind::Mixed => "mixed",
        }
    }
}

/// Who said what, how, to whom and through whom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// One or more spans: a quote interrupted by "he said" is discontinuous.
    pub content: Vec<Span>,
    pub kind: StatementKind,
    /// The attributing verb or phrase ("said", "according to").
    pub cue: Vec<Span>,
    /// The mention the cue attaches to.
    pub source: Vec<Span>,
    /// The speaker as the fullest name the document gives, or the knowledge base's name for
    /// someone the document calls by title and surname only ("President Obama").
    pub speaker: Option<String>,
    /// The canonical actor the speaker resolves to.
    pub speaker_id: Option<String>,
    /// The intermediary outlet or channel ("quoted by TASS", "on his Telegram channel").
    pub relay: Option<Span>,
    /// Audience or venue ("told reporters", "at a joint press conference").
    pub audience: Option<Span>,
    pub confidence: f32,
}

/// The layers the stages add. Each is sorted by start offset.
/// A layer missing from serialized input reads as empty (the store leaves out `tokens`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layers {
    pub blocks: Vec<Block>,
    pub articles: Vec<Article>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub dates: Vec<DateMention>,
    pub mentions: Vec<Mention>,
    pub statements: Vec<Statement>,
}

/// One document: its text, stored once, its metadata and its layers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// Content hash of `text`.
    pub id: String,
    pub text: String,
    pub meta: Meta,
    pub layers: Layers,
}

impl Doc {
    pub fn new(text: String, meta: Meta) -> Doc {
        Doc {
            id: content_hash(&text),
            text,
            meta,
            layers: Layers::default(),
        }
    }
    /// A document with one body block per non-empty line, all in one article: for text
    /// known to be clean (tests, benches, examples) where the extract stage is not wanted.
    pub fn of_lines(text: String, meta: Meta) -> Doc {
        let mut doc = Doc::new(text, meta);
        let mut pos = 0;
        for line in doc.text.split_inclusive('\n') {
            let body = line.trim_end();
            if !body.trim().is_empty() {
                doc.layers.blocks.push(Block {
                    span: Span::new(pos, pos + body.len()),
                    kind: BlockKind::Body,
                    article: Some(0),
                });
            }
            pos += line.len();
        }
        doc.layers.articles.push(Article {
            span: Span::new(0, doc.text.len()),
            ..Article::default()
        });
        doc
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        span.text(&self.text)
    }
    /// Body blocks of one article, in order.
    pub fn article_body(&self, article: u32) -> impl Iterator<Item = &Block> {
        self.layers
            .blocks
            .iter()
            .filter(move |b| b.article == Some(article) && b.kind == BlockKind::Body)
    }
    /// The article's body text, paragraphs joined by a blank line (a derived copy for output).
    pub fn article_body_text(&self, article: u32) -> String {
        let mut out = String::new();
        for b in self.article_body(article) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(self.slice(b.span).trim());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slices_by_bytes() {
        let text = "«Да», said Ivo.";
        let s = Span::new(0, "«Да»".len());
        assert_eq!(s.text(text), "«Да»");
        assert_eq!(s.len(), 8);
        assert!(Span::new(0, 4).overlaps(Span::new(3, 9)));
        assert!(!Span::new(0, 3).overlaps(Span::new(3, 9)));
    }

    #[test]
    fn hash_is_stable_and_content_based() {
        let a = Doc::new("same text".into(), Meta::default());
        let b = Doc::new(
            "same text".into(),
            Meta {
                source: "other".into(),
                ..Meta::default()
            },
        );
        assert_eq!(a.id, b.id);
        assert_eq!(a.id.len(), 32);
        assert_ne!(a.id, Doc::new("other text".into(), Meta::default()).id);
    }

    #[test]
    fn of_lines_makes_a_block_per_non_empty_line() {
        let d = Doc::of_lines("One.\n\n  Two.  \nThree.".into(), Meta::default());
        let blocks: Vec<&str> = d.layers.blocks.iter().map(|b| d.slice(b.span)).collect();
        assert_eq!(blocks, ["One.", "  Two.", "Three."]);
        assert_eq!(d.layers.articles.len(), 1);
        assert_eq!(d.article_body_text(0), "One.\n\nTwo.\n\nThree.");
    }

    #[test]
    fn article_body_joins_body_blocks_only() {
        let text = "Title\n\nFirst para.\n\nADVERTISEMENT\n\nSecond para.";
        let mut d = Doc::new(text.into(), Meta::default());
        let mk = |s: &str, kind| {
            let start = text.find(s).unwrap();
            Block {
                span: Span::new(start, start + s.len()),
                kind,
                article: Some(0),
            }
        };
        d.layers.blocks = vec![
            mk("Title", BlockKind::Headline),
            mk("First para.", BlockKind::Body),
            mk("ADVERTISEMENT", BlockKind::Boilerplate),
            mk("Second para.", BlockKind::Body),
        ];
        assert_eq!(d.article_body_text(0), "First para.\n\nSecond para.");
    }
}
