//! The JSON API. Every route is described in `openapi.json`.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;
use verbatim_core::StatementKind;
use verbatim_store::{ActorQuery, Page, StatementQuery, StatementRow, DEFAULT_LIMIT, MAX_LIMIT};

use crate::{ApiError, AppState};

/// The most rows one export returns.
pub(crate) const EXPORT_MAX: usize = 100_000;

const OPENAPI: &str = include_str!("openapi.json");

pub(crate) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// Query parameters arrive as text so a bad value gets a clear 400, and an empty form field
/// counts as absent.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StatementParams {
    pub speaker: Option<String>,
    pub actor_id: Option<String>,
    pub outlet: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub q: Option<String>,
    pub kind: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

fn present(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn number(v: &Option<String>, name: &str, default: usize) -> Result<usize, ApiError> {
    match present(v) {
        None => Ok(default),
        Some(s) => s
            .parse()
            .map_err(|_| ApiError::BadRequest(format!("{name}: not a number: {s:?}"))),
    }
}

fn date(v: &Option<String>, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    present(v)
        .map(|s| {
            NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
                ApiError::BadRequest(format!("{name}: expected YYYY-MM-DD, got {s:?}"))
            })
        })
        .transpose()
}

impl StatementParams {
    pub(crate) fn query(&self) -> Result<StatementQuery, ApiError> {
        let kind = match present(&self.kind).as_deref() {
            None => None,
            Some("direct") => Some(StatementKind::Direct),
            Some("indirect") => Some(StatementKind::Indirect),
            Some("mixed") => Some(StatementKind::Mixed),
            Some(k) => {
                return Err(ApiError::BadRequest(format!(
                    "kind: expected direct, indirect or mixed, got {k:?}"
                )))
            }
        };
        Ok(StatementQuery {
            speaker: present(&self.speaker),
            actor_id: present(&self.actor_id),
            outlet: present(&self.outlet),
            since: date(&self.since, "since")?,
            until: date(&self.until, "until")?,
            q: present(&self.q),
            kind,
            limit: number(&self.limit, "limit", DEFAULT_LIMIT)?.min(MAX_LIMIT),
            offset: number(&self.offset, "offset", 0)?,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PageParams {
    limit: Option<String>,
    offset: Option<String>,
    q: Option<String>,
    kind: Option<String>,
}

pub(crate) async fn stats(State(st): State<AppState>) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(st.pool.run(|s| s.stats()).await?))
}

pub(crate) async fn docs(
    State(st): State<AppState>,
    Query(p): Query<PageParams>,
) -> Result<impl IntoResponse, ApiError> {
    let limit = number(&p.limit, "limit", DEFAULT_LIMIT)?.min(MAX_LIMIT);
    let offset = number(&p.offset, "offset", 0)?;
    let page = st
        .pool
        .run(move |s| {
            Ok(Page {
                items: s.docs(limit, offset)?,
                total: s.doc_count()?,
                limit,
                offset,
            })
        })
        .await?;
    Ok(Json(page))
}

pub(crate) async fn doc(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let key = id.clone();
    match st.pool.run(move |s| s.doc(&key)).await? {
        Some(doc) => Ok(Json(doc)),
        None => Err(ApiError::NotFound(format!("no document {id}"))),
    }
}

pub(crate) async fn statements(
    State(st): State<AppState>,
    Query(p): Query<StatementParams>,
) -> Result<Response, ApiError> {
    // The parsed, capped query is the cache key: spellings of one request share an entry.
    st.statements(p.query()?).await
}

pub(crate) async fn statement(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let n: i64 = id
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("statement id must be a number: {id:?}")))?;
    match st.pool.run(move |s| s.statement(n)).await? {
        Some(row) => Ok(Json(row)),
        None => Err(ApiError::NotFound(format!("no statement {n}"))),
    }
}

/// Exports take `limit` as the most rows to write (default and cap [`EXPORT_MAX`]).
fn export_query(p: &StatementParams) -> Result<(StatementQuery, usize), ApiError> {
    let q = p.query()?;
    let max = number(&p.limit, "limit", EXPORT_MAX)?.min(EXPORT_MAX);
    Ok((q, max))
}

const CSV_COLUMNS: [&str; 17] = [
    "id",
    "doc_id",
    "day",
    "published",
    "outlet",
    "speaker",
    "speaker_id",
    "kind",
    "content",
    "cue",
    "source",
    "relay",
    "audience",
    "confidence",
    "title",
    "url",
    "spans",
];

fn csv_record(r: &StatementRow) -> [String; 17] {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        r.id.to_string(),
        r.doc_id.clone(),
        o(&r.day),
        o(&r.published),
        o(&r.outlet),
        o(&r.speaker),
        o(&r.speaker_id),
        r.kind.clone(),
        r.content.clone(),
        o(&r.cue),
        o(&r.source),
        o(&r.relay),
        o(&r.audience),
        format!("{:.3}", r.confidence),
        o(&r.title),
        o(&r.url),
        serde_json::to_string(&r.spans).unwrap_or_default(),
    ]
}

pub(crate) async fn statements_csv(
    State(st): State<AppState>,
    Query(p): Query<StatementParams>,
) -> Result<impl IntoResponse, ApiError> {
    let (q, max) = export_query(&p)?;
    let body = st
        .pool
        .run(move |s| {
            let mut w = csv::Writer::from_writer(Vec::new());
            // Writing to memory cannot fail; an error here would be a bug, not bad input.
            let _ = w.write_record(CSV_COLUMNS);
            s.for_each_statement(&q, max, |r| {
                let _ = w.write_record(csv_record(&r));
                Ok(())
            })?;
            Ok(w.into_inner().unwrap_or_default())
        })
        .await?;
    Ok(download("text/csv; charset=utf-8", "statements.csv", body))
}

pub(crate) async fn statements_jsonl(
    State(st): State<AppState>,
    Query(p): Query<StatementParams>,
) -> Result<impl IntoResponse, ApiError> {
    let (q, max) = export_query(&p)?;
    let body = st
        .pool
        .run(move |s| {
            let mut out = Vec::new();
            s.for_each_statement(&q, max, |r| {
                serde_json::to_writer(&mut out, &r)?;
                out.push(b'\n');
                Ok(())
            })?;
            Ok(out)
        })
        .await?;
    Ok(download("application/x-ndjson", "statements.jsonl", body))
}

/// An export answered as a file download.
fn download(content_type: &'static str, filename: &str, body: Vec<u8>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
}

pub(crate) async fn actors(
    State(st): State<AppState>,
    Query(p): Query<PageParams>,
) -> Result<impl IntoResponse, ApiError> {
    let q = ActorQuery {
        q: present(&p.q),
        kind: present(&p.kind),
        limit: number(&p.limit, "limit", DEFAULT_LIMIT)?.min(MAX_LIMIT),
        offset: number(&p.offset, "offset", 0)?,
    };
    Ok(Json(st.pool.run(move |s| s.actors(&q)).await?))
}

pub(crate) async fn outlets(
    State(st): State<AppState>,
    Query(p): Query<PageParams>,
) -> Result<impl IntoResponse, ApiError> {
    let limit = number(&p.limit, "limit", MAX_LIMIT)?.min(MAX_LIMIT);
    let items = st.pool.run(move |s| s.outlets(limit)).await?;
    Ok(Json(serde_json::json!({ "items": items })))
}

pub(crate) async fn search(
    State(st): State<AppState>,
    Query(p): Query<PageParams>,
) -> Result<impl IntoResponse, ApiError> {
    let q =
        present(&p.q).ok_or_else(|| ApiError::BadRequest("q: a search text is required".into()))?;
    let limit = number(&p.limit, "limit", 20)?.min(MAX_LIMIT);
    Ok(Json(st.pool.run(move |s| s.search(&q, limit)).await?))
}
