//! The read side: documents, statements with filters, actors, outlets, search, and the
//! aggregates the UI charts.

use std::io::Read;

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use verbatim_core::{Doc, Layers, Meta, StatementKind};

use crate::{fold, Result, Store, StoreError, HIT_END, HIT_START};

/// Page size when none is asked for.
pub const DEFAULT_LIMIT: usize = 50;
/// The most rows one query returns: bounds the cost of any single request.
pub const MAX_LIMIT: usize = 500;

/// One page of a longer result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many rows match in all.
    pub total: u64,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub format: Option<String>,
    pub bytes: u64,
    pub articles: u64,
    pub statements: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub docs: u64,
    /// Article rows: each article found, or the whole document where none was found.
    pub articles: u64,
    pub statements: u64,
    pub actors: u64,
    pub mentions: u64,
    /// Bytes of document text stored.
    pub bytes: u64,
    /// Size of the store file (pages in use times page size).
    pub file_bytes: u64,
    pub schema_version: u32,
    /// `PRAGMA quick_check` said "ok".
    pub integrity_ok: bool,
}

/// Filters over statements; every field narrows the result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatementQuery {
    /// A speaker name in any spelling or case, with or without accents: matches statements
    /// whose speaker resolves to an actor known by that name, else by name substring.
    pub speaker: Option<String>,
    pub actor_id: Option<String>,
    pub outlet: Option<String>,
    /// First day included (by the article's publication date).
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
    /// Full-text query over statement content and speaker: words (all must match),
    /// "quoted phrases", `prefix*`, and `OR`.
    pub q: Option<String>,
    pub kind: Option<StatementKind>,
    /// Capped at [`MAX_LIMIT`].
    pub limit: usize,
    pub offset: usize,
}

impl Default for StatementQuery {
    fn default() -> Self {
        StatementQuery {
            speaker: None,
            actor_id: None,
            outlet: None,
            since: None,
            until: None,
            q: None,
            kind: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

/// One stored statement, flattened for listing and export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatementRow {
    pub id: i64,
    pub doc_id: String,
    /// Index into the document's statements layer.
    pub idx: u32,
    /// Index into the document's articles layer.
    pub article: Option<u32>,
    /// The content's text; discontinuous parts joined by " … ".
    pub content: String,
    /// The content spans, `[start, end]` byte offsets into the document text.
    pub spans: Vec<[u32; 2]>,
    pub kind: String,
    pub cue: Option<String>,
    pub source: Option<String>,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub relay: Option<String>,
    pub audience: Option<String>,
    pub confidence: f64,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub day: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActorQuery {
    /// Substring of the name (any case or accents) or the id.
    pub q: Option<String>,
    pub kind: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRow {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub mention_count: u64,
    pub statement_count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutletRow {
    pub outlet: String,
    pub articles: u64,
    pub statements: u64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRow {
    pub doc_id: String,
    pub idx: u32,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub statements: u64,
}

/// An article matching a search, with a snippet whose hits are wrapped in
/// [`HIT_START`]/[`HIT_END`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleHit {
    pub doc_id: String,
    pub idx: u32,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub snippet: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub articles: Vec<ArticleHit>,
    pub statements: Vec<StatementRow>,
}

/// A speaker with how often they are quoted: a resolved actor, or an unresolved name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerCount {
    pub actor_id: Option<String>,
    pub name: String,
    pub statements: u64,
    pub outlets: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutletCount {
    /// None for statements whose article names no outlet.
    pub outlet: Option<String>,
    pub count: u64,
}

/// Filters whose counts a read-only handle remembers.
const COUNT_CACHE_ENTRIES: usize = 1024;

#[derive(Default)]
pub(crate) struct CountCache {
    version: Option<u64>,
    map: std::collections::HashMap<String, u64>,
}

pub(crate) fn cap(limit: usize) -> usize {
    limit.min(MAX_LIMIT)
}

/// One piece of a search text: a word or "quoted phrase" (a prefix when it ended in `*`),
/// or the operator `OR` between two of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SearchTerm {
    Phrase { text: String, prefix: bool },
    Or,
}

/// A user's search text as terms: each word or "quoted phrase" is one phrase, a trailing
/// `*` makes a prefix, and a bare `OR` between two phrases stays an operator. Phrases with
/// no word in them are dropped, as are leading, doubled and trailing `OR`s.
pub(crate) fn search_terms(q: &str) -> Vec<SearchTerm> {
    let mut terms: Vec<SearchTerm> = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut term = String::new();
        let mut prefix = false;
        if c == '"' {
            chars.next();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                term.push(c);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                term.push(c);
                chars.next();
            }
            if term == "OR" {
                if matches!(terms.last(), Some(SearchTerm::Phrase { .. })) {
                    terms.push(SearchTerm::Or);
                }
                continue;
            }
            if let Some(t) = term.strip_suffix('*') {
                prefix = true;
                term = t.to_string();
            }
        }
        // Only words count: punctuation alone would be an empty phrase.
        if !term.chars().any(char::is_alphanumeric) {
            continue;
        }
        terms.push(SearchTerm::Phrase {
            text: term.replace('"', ""),
            prefix,
        });
    }
    while terms.last() == Some(&SearchTerm::Or) {
        terms.pop();
    }
    terms
}

/// Turn a user's search text into a safe FTS5 expression: each word or "quoted phrase"
/// becomes a quoted string (so FTS5 syntax characters are inert), a trailing `*` stays a
/// prefix match, and a bare `OR` stays an operator. None when nothing searchable is left.
pub fn fts_query(q: &str) -> Option<String> {
    let terms = search_terms(q);
    if terms.is_empty() {
        return None;
    }
    let parts: Vec<String> = terms
        .iter()
        .map(|t| match t {
            SearchTerm::Phrase { text, prefix } => {
                format!("\"{text}\"{}", if *prefix { "*" } else { "" })
            }
            SearchTerm::Or => "OR".to_string(),
        })
        .collect();
    Some(parts.join(" "))
}

fn escape_like(s: &str) -> String {
    let mut p = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p
}

/// A LIKE pattern (with `ESCAPE '\\'`) matching `s` anywhere.
fn like_pattern(s: &str) -> String {
    format!("%{}%", escape_like(s))
}

pub(crate) const STATEMENT_COLS: &str =
    "s.id, s.doc_id, s.idx, s.article_idx, s.content, s.spans, s.kind, \
     s.cue, s.source_text, s.speaker, s.speaker_id, s.relay, s.audience, s.confidence, s.outlet, \
     s.published, s.day, a.title, d.url";

pub(crate) const STATEMENT_JOINS: &str =
    "LEFT JOIN articles a ON a.doc_id = s.doc_id AND a.idx = s.article_idx \
     JOIN docs d ON d.id = s.doc_id";

pub(crate) fn statement_row(r: &Row) -> rusqlite::Result<StatementRow> {
    let spans: String = r.get(5)?;
    Ok(StatementRow {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        idx: r.get(2)?,
        article: r.get(3)?,
        content: r.get(4)?,
        spans: serde_json::from_str(&spans).unwrap_or_default(),
        kind: r.get(6)?,
        cue: r.get(7)?,
        source: r.get(8)?,
        speaker: r.get(9)?,
        speaker_id: r.get(10)?,
        relay: r.get(11)?,
        audience: r.get(12)?,
        confidence: r.get(13)?,
        outlet: r.get(14)?,
        published: r.get(15)?,
        day: r.get(16)?,
        title: r.get(17)?,
        url: r.get(18)?,
    })
}

/// A WHERE clause over `statements s` (and `statements_fts` when searching) with its
/// parameters.
struct Filter {
    from: String,
    clauses: Vec<String>,
    params: Vec<Value>,
    ranked: bool,
    /// Narrowed only by a resolved speaker: the case where walking the date index can beat
    /// sorting every match, when the speaker is common.
    by_speaker: bool,
}

impl Filter {
    /// By relevance when searching, else newest first.
    fn order(&self) -> &'static str {
        if self.ranked {
            "ORDER BY f.rank, s.id"
        } else {
            "ORDER BY s.published DESC NULLS LAST, s.id"
        }
    }

    /// Only a full-text match: FTS5 alone can rank and count it, with no join per match.
    fn fts_only(&self) -> bool {
        self.ranked && self.clauses.len() == 1
    }

    fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

impl Store {
    /// One document with its metadata and layers, exactly as inserted.
    pub fn doc(&self, id: &str) -> Result<Option<Doc>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT id, text, meta_json, layers_json, layers_z FROM docs WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<Vec<u8>>>(4)?,
                ))
            })
            .optional()?;
        let Some((id, text, meta, mut layers, layers_z)) = row else {
            return Ok(None);
        };
        // Rows written before v2 keep plain JSON; later ones are deflated.
        if let Some(z) = layers_z {
            layers.clear();
            flate2::read::DeflateDecoder::new(z.as_slice())
                .read_to_string(&mut layers)
                .map_err(|e| StoreError::Io {
                    path: self.path.clone(),
                    source: e,
                })?;
        }
        Ok(Some(Doc {
            id,
            text,
            meta: serde_json::from_str::<Meta>(&meta)?,
            layers: serde_json::from_str::<Layers>(&layers)?,
        }))
    }

    /// Stored documents, newest first.
    pub fn docs(&self, limit: usize, offset: usize) -> Result<Vec<DocSummary>> {
        let mut st = self.conn.prepare_cached(
            "SELECT d.id, d.source, d.url, d.outlet, d.title, d.published, d.language, d.format,
                    d.bytes,
                    (SELECT count(*) FROM articles a WHERE a.doc_id = d.id),
                    (SELECT count(*) FROM statements s WHERE s.doc_id = d.id)
             FROM docs d ORDER BY d.published DESC NULLS LAST, d.id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = st.query_map(params![cap(limit) as i64, offset as i64], |r| {
            Ok(DocSummary {
                id: r.get(0)?,
                source: r.get(1)?,
                url: r.get(2)?,
                outlet: r.get(3)?,
                title: r.get(4)?,
                published: r.get(5)?,
                language: r.get(6)?,
                format: r.get(7)?,
                bytes: r.get(8)?,
                articles: r.get(9)?,
                statements: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn doc_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM docs", [], |r| r.get(0))?)
    }

    pub fn stats(&self) -> Result<Stats> {
        let count = |table: &str| -> Result<u64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        let bytes: u64 =
            self.conn
                .query_row("SELECT coalesce(sum(bytes), 0) FROM docs", [], |r| r.get(0))?;
        let pages: u64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let page_size: u64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        let check: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        Ok(Stats {
            docs: count("docs")?,
            articles: count("articles")?,
            statements: count("statements")?,
            actors: count("actors")?,
            mentions: count("mentions")?,
            bytes,
            file_bytes: pages * page_size,
            schema_version: self.schema_version()?,
            integrity_ok: check == "ok",
        })
    }

    /// Actor ids a speaker name refers to: an actor with that id, or any actor for which that
    /// spelling (folded) was seen.
    pub fn resolve_speaker(&self, name: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id FROM actors WHERE id = ?1
             UNION SELECT actor_id FROM actor_names WHERE name_fold = ?2
             UNION SELECT actor_id FROM actor_names WHERE name_fold LIKE ?3 ESCAPE '\\'",
        )?;
        let key = fold(name);
        // A surname alone ("Voronov") names the actor whose full name ends with it.
        let surname = format!("% {}", escape_like(&key));
        let ids = st.query_map(params![name.trim(), key, surname], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    fn statement_filter(&self, q: &StatementQuery) -> Result<Filter> {
        let mut f = Filter {
            from: "statements s".into(),
            clauses: Vec::new(),
            params: Vec::new(),
            ranked: false,
            by_speaker: false,
        };
        if let Some(text) = q.q.as_deref().and_then(fts_query) {
            f.from = "statements_fts f JOIN statements s ON s.id = f.rowid".into();
            f.clauses.push("statements_fts MATCH ?".into());
            f.params.push(Value::Text(text));
            f.ranked = true;
        }
        if let Some(name) = q.speaker.as_deref().filter(|n| !n.trim().is_empty()) {
            let ids = self.resolve_speaker(name)?;
            if ids.is_empty() {
                // No actor by that name: a substring of the speaker's name, any case or
                // accents. LIKE runs over the distinct names (an index skip-scan), not every
                // row, and the matches are then index lookups.
                f.clauses.push(
                    "s.speaker_fold IN (WITH RECURSIVE n(x) AS (
                         SELECT min(speaker_fold) FROM statements
                         UNION ALL SELECT (SELECT min(speaker_fold) FROM statements
                                           WHERE speaker_fold > n.x)
                         FROM n WHERE n.x IS NOT NULL)
                     SELECT x FROM n WHERE x LIKE ? ESCAPE '\\')"
                        .into(),
                );
                f.params.push(Value::Text(like_pattern(&fold(name))));
            } else {
                // The actor, plus unresolved statements naming it by a spelling seen for it;
                // both sides are index lookups.
                let marks = vec!["?"; ids.len()].join(", ");
                f.clauses.push(format!(
                    "(s.speaker_id IN ({marks}) OR (s.speaker_id IS NULL AND s.speaker_fold IN \
                     (SELECT name_fold FROM actor_names WHERE actor_id IN ({marks}))))"
                ));
                f.by_speaker = !f.ranked;
                let ids: Vec<Value> = ids.into_iter().map(Value::Text).collect();
                f.params.extend(ids.iter().cloned());
                f.params.extend(ids);
            }
        }
        if let Some(id) = &q.actor_id {
            f.clauses.push("s.speaker_id = ?".into());
            f.params.push(Value::Text(id.clone()));
        }
        // Anything else narrowing: the count to decide on would cost more than it saves.
        f.by_speaker &= q.actor_id.is_none()
            && q.outlet.is_none()
            && q.since.is_none()
            && q.until.is_none()
            && q.kind.is_none();
        if let Some(outlet) = &q.outlet {
            f.clauses.push("s.outlet = ? COLLATE NOCASE".into());
            f.params.push(Value::Text(outlet.clone()));
        }
        // On `published` (RFC 3339 text, so it sorts as it reads) to use its indexes.
        if let Some(d) = q.since {
            f.clauses.push("s.published >= ?".into());
            f.params.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        if let Some(d) = q.until.and_then(|d| d.succ_opt()) {
            f.clauses.push("s.published < ?".into());
            f.params.push(Value::Text(d.format("%Y-%m-%d").to_string()));
        }
        if let Some(k) = q.kind {
            f.clauses.push("s.kind = ?".into());
            f.params.push(Value::Text(k.as_str().into()));
        }
        Ok(f)
    }

    /// Statements matching every filter: by relevance when searching, else newest first.
    pub fn statements(&self, q: &StatementQuery) -> Result<Page<StatementRow>> {
        let f = self.statement_filter(q)?;
        let limit = cap(q.limit);
        // A common speaker's page: newest rows first off the date index, checking each,
        // reads about (offset + limit) * all / matches rows instead of sorting every match.
        // Deciding takes two counts, so only where they are remembered.
        let mut known_total = None;
        let mut from = f.from.clone();
        if f.by_speaker && self.counts.is_some() {
            let n = self.count(&f)?;
            let all = self.count(&Filter {
                from: "statements s".into(),
                clauses: Vec::new(),
                params: Vec::new(),
                ranked: false,
                by_speaker: false,
            })?;
            let walk = (q.offset + limit) as u128 * u128::from(all) / u128::from(n.max(1));
            if walk < u128::from(n) {
                from = "statements s INDEXED BY statements_published".into();
            }
            known_total = Some(n);
        }
        // Two steps: pick the page's ids on the narrow statements rows, then fetch only those
        // rows with their joins, so sorting never carries text for rows off the page.
        let sql = if f.fts_only() {
            // Every index entry has its row (same transaction), so the join adds nothing.
            format!(
                "SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?
                 ORDER BY rank, rowid LIMIT {limit} OFFSET {}",
                q.offset
            )
        } else {
            format!(
                "SELECT s.id FROM {from} {} {} LIMIT {limit} OFFSET {}",
                f.where_sql(),
                f.order(),
                q.offset
            )
        };
        let ids = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(f.params.iter()), |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let items = self.statements_by_id(&ids)?;
        let total = if let Some(n) = known_total {
            n
        } else if q.offset == 0 && items.len() < limit {
            items.len() as u64
        } else {
            self.count(&f)?
        };
        Ok(Page {
            items,
            total,
            limit,
            offset: q.offset,
        })
    }

    /// How many statements match `f`; remembered per filter, since paging through one
    /// result asks the same count for every page.
    fn count(&self, f: &Filter) -> Result<u64> {
        let sql = if f.fts_only() {
            "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?".to_string()
        } else {
            format!("SELECT count(*) FROM {} {}", f.from, f.where_sql())
        };
        let run = || -> Result<u64> {
            Ok(self
                .conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(f.params.iter()), |r| r.get(0))?)
        };
        let Some(counts) = &self.counts else {
            return run();
        };
        let version = self.data_version()?;
        let key = format!("{sql} {:?}", f.params);
        {
            let mut c = counts.lock().unwrap_or_else(|p| p.into_inner());
            if c.version != Some(version) {
                c.map.clear();
                c.version = Some(version);
            }
            if let Some(&n) = c.map.get(&key) {
                return Ok(n);
            }
        }
        let n = run()?;
        let mut c = counts.lock().unwrap_or_else(|p| p.into_inner());
        if c.version == Some(version) {
            if c.map.len() >= COUNT_CACHE_ENTRIES {
                c.map.clear(); // bounded; rebuilt by the next pages asked
            }
            c.map.insert(key, n);
        }
        Ok(n)
    }

    /// Rows for `ids`, in that order.
    fn statements_by_id(&self, ids: &[i64]) -> Result<Vec<StatementRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let sql = format!(
            "SELECT {STATEMENT_COLS} FROM statements s {STATEMENT_JOINS} WHERE s.id IN ({marks})"
        );
        let mut rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(ids.iter()), statement_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let pos: std::collections::HashMap<i64, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        rows.sort_by_key(|r| pos.get(&r.id).copied().unwrap_or(usize::MAX));
        Ok(rows)
    }

    /// One statement by its row id.
    pub fn statement(&self, id: i64) -> Result<Option<StatementRow>> {
        let sql =
            format!("SELECT {STATEMENT_COLS} FROM statements s {STATEMENT_JOINS} WHERE s.id = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], statement_row)
            .optional()?)
    }

    /// Every statement of one document, in document order.
    pub fn doc_statements(&self, doc_id: &str) -> Result<Vec<StatementRow>> {
        let sql = format!(
            "SELECT {STATEMENT_COLS} FROM statements s {STATEMENT_JOINS}
             WHERE s.doc_id = ?1 ORDER BY s.idx"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([doc_id], statement_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Call `each` on every statement matching the filters (paging ignored), at most `max`
    /// of them, in the order [`Store::statements`] gives: for exports.
    pub fn for_each_statement(
        &self,
        q: &StatementQuery,
        max: usize,
        mut each: impl FnMut(StatementRow) -> Result<()>,
    ) -> Result<usize> {
        let f = self.statement_filter(q)?;
        let sql = format!(
            "SELECT {STATEMENT_COLS} FROM {} {STATEMENT_JOINS} {} {} LIMIT {max}",
            f.from,
            f.where_sql(),
            f.order()
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(params_from_iter(f.params.iter()))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(statement_row(r)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// Statements per day for the filtered set (paging ignored), oldest day first.
    pub fn statement_days(&self, q: &StatementQuery) -> Result<Vec<DayCount>> {
        let f = self.statement_filter(q)?;
        let mut where_sql = f.where_sql();
        where_sql.push_str(if where_sql.is_empty() {
            "WHERE "
        } else {
            " AND "
        });
        where_sql.push_str("s.day IS NOT NULL");
        let sql = format!(
            "SELECT s.day, count(*) FROM {} {where_sql} GROUP BY s.day ORDER BY s.day",
            f.from
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(f.params.iter()), |r| {
            Ok(DayCount {
                day: r.get(0)?,
                count: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Outlets carrying the filtered statements (paging ignored), most first.
    pub fn statement_outlets(&self, q: &StatementQuery) -> Result<Vec<OutletCount>> {
        let f = self.statement_filter(q)?;
        let sql = format!(
            "SELECT s.outlet AS o, count(*) AS n FROM {} {}
             GROUP BY o ORDER BY n DESC, o IS NULL, o",
            f.from,
            f.where_sql()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(f.params.iter()), |r| {
            Ok(OutletCount {
                outlet: r.get(0)?,
                count: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Speakers by number of statements, most first. A statement whose speaker the stages
    /// did not resolve counts for the actor its spelling was seen for (when exactly one),
    /// else under its folded name, so variants of a known name do not split the count.
    pub fn speakers(&self, limit: usize) -> Result<Vec<SpeakerCount>> {
        let mut st = self.conn.prepare_cached(
            "WITH st AS (
                 SELECT s.outlet, s.speaker, s.speaker_fold,
                        coalesce(s.speaker_id,
                                 (SELECT min(n.actor_id) FROM actor_names n
                                  WHERE n.name_fold = s.speaker_fold
                                  HAVING count(DISTINCT n.actor_id) = 1)) AS aid
                 FROM statements s
                 WHERE s.speaker_id IS NOT NULL OR s.speaker IS NOT NULL)
             SELECT st.aid, coalesce(min(a.name), min(st.speaker)) AS name, count(*) AS n,
                    count(DISTINCT st.outlet)
             FROM st LEFT JOIN actors a ON a.id = st.aid
             GROUP BY coalesce(st.aid, st.speaker_fold)
             ORDER BY n DESC, name LIMIT ?1",
        )?;
        let rows = st.query_map([cap(limit) as i64], |r| {
            Ok(SpeakerCount {
                actor_id: r.get(0)?,
                name: r.get(1)?,
                statements: r.get(2)?,
                outlets: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Actors with their counts, most quoted first.
    pub fn actors(&self, q: &ActorQuery) -> Result<Page<ActorRow>> {
        let mut clauses = Vec::new();
        let mut ps: Vec<Value> = Vec::new();
        if let Some(text) = q.q.as_deref().filter(|t| !t.trim().is_empty()) {
            clauses.push(
                "(id = ? OR id IN (SELECT actor_id FROM actor_names WHERE name_fold LIKE ? ESCAPE '\\'))",
            );
            ps.push(Value::Text(text.trim().into()));
            ps.push(Value::Text(like_pattern(&fold(text))));
        }
        if let Some(kind) = &q.kind {
            clauses.push("kind = ?");
            ps.push(Value::Text(kind.clone()));
        }
        let where_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let limit = if q.limit == 0 {
            DEFAULT_LIMIT
        } else {
            cap(q.limit)
        };
        let sql = format!(
            "SELECT id, name, kind, mention_count, statement_count FROM actors {where_sql}
             ORDER BY statement_count DESC, mention_count DESC, name LIMIT {limit} OFFSET {}",
            q.offset
        );
        let items = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(ps.iter()), actor_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM actors {where_sql}"))?
            .query_row(params_from_iter(ps.iter()), |r| r.get(0))?;
        Ok(Page {
            items,
            total,
            limit,
            offset: q.offset,
        })
    }

    pub fn actor(&self, id: &str) -> Result<Option<ActorRow>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, name, kind, mention_count, statement_count FROM actors WHERE id = ?1",
            )?
            .query_row([id], actor_row)
            .optional()?)
    }

    /// Outlets with their article and statement counts, most statements first.
    pub fn outlets(&self, limit: usize) -> Result<Vec<OutletRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT min(a.outlet), count(*), min(a.day), max(a.day),
                    (SELECT count(*) FROM statements s WHERE s.outlet = a.outlet COLLATE NOCASE)
             FROM articles a WHERE a.outlet IS NOT NULL
             GROUP BY a.outlet COLLATE NOCASE ORDER BY 5 DESC, 2 DESC, 1 LIMIT ?1",
        )?;
        let rows = st.query_map([cap(limit) as i64], |r| {
            Ok(OutletRow {
                outlet: r.get(0)?,
                articles: r.get(1)?,
                first_day: r.get(2)?,
                last_day: r.get(3)?,
                statements: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Articles from one outlet, newest first.
    pub fn outlet_articles(
        &self,
        outlet: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Page<ArticleRow>> {
        let limit = cap(limit);
        let mut st = self.conn.prepare_cached(
            "SELECT a.doc_id, a.idx, a.title, a.outlet, a.published,
                    (SELECT count(*) FROM statements s
                     WHERE s.doc_id = a.doc_id AND s.article_idx = a.idx)
             FROM articles a WHERE a.outlet = ?1 COLLATE NOCASE
             ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?2 OFFSET ?3",
        )?;
        let items = st
            .query_map(params![outlet, limit as i64, offset as i64], |r| {
                Ok(ArticleRow {
                    doc_id: r.get(0)?,
                    idx: r.get(1)?,
                    title: r.get(2)?,
                    outlet: r.get(3)?,
                    published: r.get(4)?,
                    statements: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = self
            .conn
            .prepare_cached("SELECT count(*) FROM articles WHERE outlet = ?1 COLLATE NOCASE")?
            .query_row([outlet], |r| r.get(0))?;
        Ok(Page {
            items,
            total,
            limit,
            offset,
        })
    }

    /// Full-text search over articles (title and body) and statements, best first.
    pub fn search(&self, q: &str, limit: usize) -> Result<SearchResults> {
        let Some(expr) = fts_query(q) else {
            return Ok(SearchResults {
                articles: Vec::new(),
                statements: Vec::new(),
            });
        };
        let limit = cap(limit);
        let sql = format!(
            "SELECT a.doc_id, a.idx, a.title, a.outlet, a.published,
                    snippet(articles_fts, 1, '{HIT_START}', '{HIT_END}', '…', 24)
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?1 ORDER BY articles_fts.rank LIMIT ?2"
        );
        let articles = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![expr, limit as i64], |r| {
                Ok(ArticleHit {
                    doc_id: r.get(0)?,
                    idx: r.get(1)?,
                    title: r.get(2)?,
                    outlet: r.get(3)?,
                    published: r.get(4)?,
                    snippet: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let statements = self
            .statements(&StatementQuery {
                q: Some(q.to_string()),
                limit,
                ..StatementQuery::default()
            })?
            .items;
        Ok(SearchResults {
            articles,
            statements,
        })
    }
}

fn actor_row(r: &Row) -> rusqlite::Result<ActorRow> {
    Ok(ActorRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        mention_count: r.get(3)?,
        statement_count: r.get(4)?,
    })
}
