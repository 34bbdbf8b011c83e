//! The write side: documents and their derived rows, one transaction per batch.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use flate2::{write::DeflateEncoder, Compression};
use rusqlite::{params, OptionalExtension, Transaction};
use verbatim_core::{
    Article, Block, DateMention, Doc, Layers, Mention, MentionKind, Sentence, Span, Statement,
};

use crate::{fold, InsertReport, Result, Store, StoreError};

/// Test hook: abort the process after this many documents of a batch were written, to
/// prove an interrupted transaction leaves the store as it was.
#[cfg(test)]
pub(crate) static CRASH_AFTER: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(usize::MAX);

impl Store {
    /// Store documents in one transaction, their full-text index included. A document whose
    /// id (its content hash) is already stored is skipped, so re-inserting the same
    /// documents changes nothing.
    pub fn insert_docs(&mut self, docs: &[Doc]) -> Result<InsertReport> {
        self.insert_docs_with(docs, Indexing::Now)
    }

    /// [`Store::insert_docs`], choosing when the full-text index takes the new rows.
    pub fn insert_docs_with(&mut self, docs: &[Doc], indexing: Indexing) -> Result<InsertReport> {
        let tx = self.conn.transaction()?;
        let mut report = InsertReport::default();
        for doc in docs {
            if doc.id.is_empty() {
                return Err(invalid(doc, "empty id"));
            }
            let exists = tx
                .prepare_cached("SELECT 1 FROM docs WHERE id = ?1")?
                .query_row([&doc.id], |_| Ok(()))
                .optional()?
                .is_some();
            if exists {
                report.present += 1;
                continue;
            }
            insert_doc(&tx, doc)?;
            report.new += 1;
            #[cfg(test)]
            if report.new >= CRASH_AFTER.load(std::sync::atomic::Ordering::SeqCst) {
                std::process::abort();
            }
        }
        if indexing == Indexing::Now {
            index_pending(&tx)?;
        }
        tx.commit()?;
        Ok(report)
    }

    /// Bring the full-text indexes up to the stored rows, in one transaction: what
    /// [`Indexing::Deferred`] inserts left unindexed. Returns the rows indexed.
    pub fn index_pending(&mut self) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let n = index_pending(&tx)?;
        tx.commit()?;
        Ok(n)
    }
}

/// When [`Store::insert_docs_with`] adds its rows to the full-text indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indexing {
    /// In the same transaction: searches see a document as soon as it is stored.
    Now,
    /// Later, by [`Store::index_pending`] or the next [`Store::open`]: a bulk load indexes
    /// once, and the store's rows and its index can be timed apart.
    Deferred,
}

/// Index the rows above each full-text index's highest indexed rowid. Rows are only ever
/// appended, so that rowid (the last row of FTS5's docsize table) marks what is indexed.
pub(crate) fn index_pending(tx: &Transaction) -> Result<usize> {
    let mut n = 0;
    for (fts, base, insert) in [
        (
            "articles_fts",
            "articles",
            "INSERT INTO articles_fts (rowid, title, body)
             SELECT id, title, body FROM articles_content WHERE id > ?1 ORDER BY id",
        ),
        (
            "statements_fts",
            "statements",
            "INSERT INTO statements_fts (rowid, content, speaker)
             SELECT id, content, speaker FROM statements WHERE id > ?1 ORDER BY id",
        ),
    ] {
        let indexed: i64 = tx
            .prepare_cached(&format!("SELECT coalesce(max(id), 0) FROM {fts}_docsize"))?
            .query_row([], |r| r.get(0))?;
        let stored: i64 = tx
            .prepare_cached(&format!("SELECT coalesce(max(id), 0) FROM {base}"))?
            .query_row([], |r| r.get(0))?;
        if stored > indexed {
            n += tx.prepare_cached(insert)?.execute([indexed])?;
        }
    }
    Ok(n)
}

fn invalid(doc: &Doc, what: impl Into<String>) -> StoreError {
    StoreError::InvalidDoc {
        doc: doc.id.clone(),
        what: what.into(),
    }
}

pub(crate) fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn day(t: &DateTime<Utc>) -> String {
    t.date_naive().format("%Y-%m-%d").to_string()
}

/// A span's text, or an error naming the document when a stage produced a bad span.
fn slice<'d>(doc: &'d Doc, span: Span, what: &str) -> Result<&'d str> {
    doc.text.get(span.range()).ok_or_else(|| {
        invalid(
            doc,
            format!("{what} span {}..{} out of range", span.start, span.end),
        )
    })
}

fn join_spans(doc: &Doc, spans: &[Span], what: &str) -> Result<Option<String>> {
    if spans.is_empty() {
        return Ok(None);
    }
    let parts = spans
        .iter()
        .map(|s| slice(doc, *s, what).map(str::trim))
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(parts.join(" … ")))
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Per-document tallies for one actor, merged into `actors` at the end.
#[derive(Default)]
struct ActorTally {
    canonical: Option<String>,
    fallback: Option<String>,
    kinds: BTreeMap<String, usize>,
    mentions: i64,
    statements: i64,
    names: BTreeSet<String>,
}

/// The layers as stored: tokens are left out. They were three quarters of a stored
/// document and `verbatim_text::annotate` rebuilds them from the text in microseconds.
/// Large JSON is deflated (it was three quarters of the store file and shrinks fivefold):
/// `(layers_json, layers_z)` is then `("", Some(deflated))`. Small JSON (a document stored
/// before analysis) stays plain: setting up a compressor costs more than it saves.
fn stored_layers(layers: &Layers) -> Result<(String, Option<Vec<u8>>)> {
    #[derive(serde::Serialize)]
    struct Stored<'a> {
        blocks: &'a [Block],
        articles: &'a [Article],
        sentences: &'a [Sentence],
        dates: &'a [DateMention],
        mentions: &'a [Mention],
        statements: &'a [Statement],
    }
    let json = serde_json::to_string(&Stored {
        blocks: &layers.blocks,
        articles: &layers.articles,
        sentences: &layers.sentences,
        dates: &layers.dates,
        mentions: &layers.mentions,
        statements: &layers.statements,
    })?;
    if json.len() < DEFLATE_MIN_BYTES {
        return Ok((json, None));
    }
    let mut z = DeflateEncoder::new(Vec::with_capacity(json.len() / 4), Compression::fast());
    // Writing to a Vec cannot fail.
    let deflated = z
        .write_all(json.as_bytes())
        .and_then(|()| z.finish())
        .unwrap_or_default();
    Ok((String::new(), Some(deflated)))
}

const DEFLATE_MIN_BYTES: usize = 1024;

fn insert_doc(tx: &Transaction, doc: &Doc) -> Result<()> {
    let m = &doc.meta;
    let (layers_json, layers_z) = stored_layers(&doc.layers)?;
    tx.prepare_cached(
        "INSERT INTO docs (id, text, source, url, outlet, title, published, language, format,
                           bytes, meta_json, layers_json, layers_z, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        doc.id,
        doc.text,
        m.source,
        m.url,
        m.outlet,
        m.title,
        m.published.as_ref().map(ts),
        m.language,
        m.format.map(|f| f.as_str()),
        doc.text.len() as i64,
        serde_json::to_string(m)?,
        layers_json,
        layers_z,
        ts(&Utc::now()),
    ])?;

    let arts = &doc.layers.articles;
    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO articles (doc_id, idx, start, end, title, outlet, published, day,
                                   language, parent, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut add = |idx: usize,
                       span: Span,
                       title: Option<&str>,
                       outlet: Option<&str>,
                       published: Option<&DateTime<Utc>>,
                       language: Option<&str>,
                       parent: Option<u32>,
                       body: Option<&str>|
         -> Result<()> {
            ins.execute(params![
                doc.id,
                idx as i64,
                span.start,
                span.end,
                title,
                outlet,
                published.map(ts),
                published.map(day),
                language,
                parent,
                body,
            ])?;
            Ok(())
        };
        if arts.is_empty() {
            // Nothing found the article structure: index the whole text as one article so the
            // document is still searchable.
            add(
                0,
                Span::new(0, doc.text.len()),
                m.title.as_deref(),
                m.outlet.as_deref(),
                m.published.as_ref(),
                m.language.as_deref(),
                None,
                // The body is the text: stored once, in docs.
                None,
            )?;
        }
        for (i, a) in arts.iter().enumerate() {
            slice(doc, a.span, "article")?;
            let mut body = doc.article_body_text(i as u32);
            if body.is_empty() {
                body = doc.slice(a.span).to_string();
            }
            add(
                i,
                a.span,
                a.title.as_deref().or(m.title.as_deref()),
                a.outlet.as_deref().or(m.outlet.as_deref()),
                a.published.as_ref().or(m.published.as_ref()),
                a.language.as_deref().or(m.language.as_deref()),
                a.parent,
                Some(body.as_str()).filter(|b| *b != doc.text),
            )?;
        }
    }

    let mut tallies: HashMap<&str, ActorTally> = HashMap::new();

    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO mentions (doc_id, start, end, kind, actor_id, actor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for mention in &doc.layers.mentions {
            let surface = slice(doc, mention.span, "mention")?;
            let kind = snake(&mention.kind);
            ins.execute(params![
                doc.id,
                mention.span.start,
                mention.span.end,
                kind,
                mention.actor_id,
                mention.actor
            ])?;
            let Some(id) = mention.actor_id.as_deref() else {
                continue;
            };
            let t = tallies.entry(id).or_default();
            t.mentions += 1;
            if let Some(name) = &mention.actor {
                t.canonical.get_or_insert_with(|| name.clone());
                t.names.insert(fold(name));
            }
            // Pronouns and roles ("he", "the minister") are not spellings of a name.
            if !matches!(mention.kind, MentionKind::Pronoun | MentionKind::Role) {
                *t.kinds.entry(kind).or_default() += 1;
                t.names.insert(fold(surface));
            }
        }
    }

    {
        let mut ins = tx.prepare_cached(
            "INSERT INTO statements (doc_id, idx, article_idx, spans, content, kind, cue,
                 source_text, speaker, speaker_fold, speaker_id, relay, audience, confidence,
                 outlet, published, day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?;
        for (i, s) in doc.layers.statements.iter().enumerate() {
            let content = join_spans(doc, &s.content, "statement content")?.unwrap_or_default();
            let first = s.content.first().map_or(0, |sp| sp.start);
            // The innermost article holding the statement: a live-blog entry over its page.
            let article = arts
                .iter()
                .enumerate()
                .filter(|(_, a)| a.span.start <= first && first < a.span.end.max(a.span.start + 1))
                .max_by_key(|(_, a)| a.span.start)
                .map(|(i, a)| (i as u32, a));
            let outlet = article
                .and_then(|(_, a)| a.outlet.as_deref())
                .or(m.outlet.as_deref());
            let published = article
                .and_then(|(_, a)| a.published.as_ref())
                .or(m.published.as_ref());
            let relay = s.relay.map(|r| slice(doc, r, "relay")).transpose()?;
            let audience = s.audience.map(|r| slice(doc, r, "audience")).transpose()?;
            let spans: Vec<[u32; 2]> = s.content.iter().map(Span::pair).collect();
            ins.execute(params![
                doc.id,
                i as i64,
                article.map(|(i, _)| i),
                serde_json::to_string(&spans)?,
                content,
                s.kind.as_str(),
                join_spans(doc, &s.cue, "cue")?,
                join_spans(doc, &s.source, "source")?,
                s.speaker,
                s.speaker.as_deref().map(fold),
                s.speaker_id,
                relay.map(str::trim),
                audience.map(str::trim),
                // Via the shortest decimal form, so 0.9f32 is stored as 0.9, not 0.900000035.
                s.confidence.to_string().parse::<f64>().unwrap_or(0.0),
                outlet,
                published.map(ts),
                published.map(day),
            ])?;
            if let Some(id) = s.speaker_id.as_deref() {
                let t = tallies.entry(id).or_default();
                t.statements += 1;
                if let Some(name) = &s.speaker {
                    t.fallback.get_or_insert_with(|| name.clone());
                    t.names.insert(fold(name));
                }
            }
        }
    }

    let mut upsert = tx.prepare_cached(
        "INSERT INTO actors (id, name, canonical, kind, mention_count, statement_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET
             name = CASE WHEN actors.canonical = 0 AND excluded.canonical = 1
                         THEN excluded.name ELSE actors.name END,
             canonical = max(actors.canonical, excluded.canonical),
             kind = coalesce(actors.kind, excluded.kind),
             mention_count = actors.mention_count + excluded.mention_count,
             statement_count = actors.statement_count + excluded.statement_count",
    )?;
    let mut name = tx.prepare_cached(
        "INSERT OR IGNORE INTO actor_names (actor_id, name_fold) VALUES (?1, ?2)",
    )?;
    for (id, t) in &tallies {
        let canonical = t.canonical.is_some();
        let display = t
            .canonical
            .clone()
            .or_else(|| t.fallback.clone())
            .unwrap_or_else(|| id.to_string());
        // The kind most often seen for this actor in the document.
        let kind = t
            .kinds
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(k, _)| k.as_str());
        upsert.execute(params![
            id,
            display,
            canonical as i64,
            kind,
            t.mentions,
            t.statements
        ])?;
        name.execute(params![id, fold(id)])?;
        for n in t.names.iter().filter(|n| !n.is_empty()) {
            name.execute(params![id, n])?;
        }
    }
    Ok(())
}
