//! Server-rendered pages: no scripts, no external assets.

use std::fmt::Write;

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use verbatim_store::{StatementQuery, Store, StoreError};

use crate::html::{day_chart, enc, esc, highlight, page, snippet, statement_list};
use crate::{ApiError, AppState};

const PAGE: usize = 50;

/// A page that failed: the same frame, with the reason.
pub(crate) struct UiError(ApiError);

impl From<ApiError> for UiError {
    fn from(e: ApiError) -> Self {
        UiError(e)
    }
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        let title = match self.0 {
            ApiError::NotFound(_) => "Not found",
            ApiError::BadRequest(_) => "Bad request",
            ApiError::Timeout => "Too slow",
            ApiError::Internal(_) => "Error",
        };
        let body = format!("<h1>{title}</h1><p>{}</p>", esc(&self.0.message()));
        (self.0.status(), Html(page(title, "", &body))).into_response()
    }
}

type UiResult = Result<Html<String>, UiError>;

fn not_found(what: String) -> UiError {
    UiError(ApiError::NotFound(what))
}

pub(crate) async fn not_found_page() -> impl IntoResponse {
    UiError(ApiError::NotFound("No such page.".into()))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct UiParams {
    q: Option<String>,
    offset: Option<String>,
}

impl UiParams {
    fn q(&self) -> String {
        self.q.as_deref().unwrap_or("").trim().to_string()
    }
    fn offset(&self) -> usize {
        self.offset
            .as_deref()
            .and_then(|o| o.trim().parse().ok())
            .unwrap_or(0)
    }
}

/// "Previous / next" links for a list of `total` rows shown `PAGE` at a time.
fn pager(base: &str, offset: usize, shown: usize, total: u64) -> String {
    let mut out = String::from("<nav class=\"pager\">");
    let sep = if base.contains('?') { '&' } else { '?' };
    if offset > 0 {
        let _ = write!(
            out,
            "<a rel=\"prev\" href=\"{base}{sep}offset={}\">← newer</a> ",
            offset.saturating_sub(PAGE)
        );
    }
    let _ = write!(
        out,
        "<span class=\"muted\">{}–{} of {total}</span>",
        if shown == 0 { 0 } else { offset + 1 },
        offset + shown
    );
    if ((offset + shown) as u64) < total {
        let _ = write!(
            out,
            " <a rel=\"next\" href=\"{base}{sep}offset={}\">older →</a>",
            offset + PAGE
        );
    }
    out.push_str("</nav>");
    out
}

pub(crate) async fn home(State(st): State<AppState>, Query(p): Query<UiParams>) -> UiResult {
    let q = p.q();
    if !q.is_empty() {
        let needle = q.clone();
        let found = st.pool.run(move |s| s.search(&needle, 30)).await?;
        let mut body = format!("<h1>Results for “{}”</h1>", esc(&q));
        let _ = write!(
            body,
            "<h2 id=\"statements\">Statements ({})</h2>{}",
            found.statements.len(),
            statement_list(&found.statements)
        );
        let _ = write!(
            body,
            "<h2 id=\"articles\">Articles ({})</h2>",
            found.articles.len()
        );
        if found.articles.is_empty() {
            body.push_str("<p class=\"muted\">No articles.</p>");
        } else {
            body.push_str("<ul class=\"st\">");
            for a in &found.articles {
                let _ = write!(
                    body,
                    "<li class=\"article\"><a href=\"/doc/{}#a{}\">{}</a><div>{}</div>\
                     <div class=\"meta\">{} · {}</div></li>",
                    enc(&a.doc_id),
                    a.idx,
                    esc(a.title.as_deref().unwrap_or("(untitled)")),
                    snippet(&a.snippet),
                    esc(a.outlet.as_deref().unwrap_or("unknown outlet")),
                    esc(a.published.as_deref().unwrap_or("undated")),
                );
            }
            body.push_str("</ul>");
        }
        let _ = write!(
            body,
            "<p class=\"muted\">Export matching statements: \
             <a href=\"/api/statements.csv?q={0}\">CSV</a> · <a href=\"/api/statements.jsonl?q={0}\">JSONL</a></p>",
            enc(&q)
        );
        return Ok(Html(page(&format!("Search: {q}"), &q, &body)));
    }

    let (stats, speakers, outlets, latest) = st
        .pool
        .run(|s| {
            Ok((
                s.stats()?,
                s.speakers(15)?,
                s.outlets(15)?,
                s.statements(&StatementQuery {
                    limit: 10,
                    ..StatementQuery::default()
                })?,
            ))
        })
        .await?;
    let mut body = format!(
        "<h1>Who said what</h1><p class=\"muted\" id=\"stats\">{} documents · {} articles · \
         {} statements · {} actors · {} outlets</p>",
        stats.docs,
        stats.articles,
        stats.statements,
        stats.actors,
        outlets.len()
    );
    body.push_str("<h2>Most quoted</h2><table id=\"speakers\"><tr><th>Speaker</th><th>Statements</th><th>Outlets</th></tr>");
    for sp in &speakers {
        let key = sp.actor_id.as_deref().unwrap_or(&sp.name);
        let _ = write!(
            body,
            "<tr><td><a href=\"/speaker/{}\">{}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            enc(key),
            esc(&sp.name),
            sp.statements,
            sp.outlets
        );
    }
    body.push_str("</table><h2>Outlets</h2><table id=\"outlets\"><tr><th>Outlet</th><th>Articles</th><th>Statements</th><th>Dates</th></tr>");
    for o in &outlets {
        let _ = write!(
            body,
            "<tr><td><a href=\"/outlet/{}\">{}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            enc(&o.outlet),
            esc(&o.outlet),
            o.articles,
            o.statements,
            match (&o.first_day, &o.last_day) {
                (Some(a), Some(b)) if a == b => esc(a),
                (Some(a), Some(b)) => format!("{} – {}", esc(a), esc(b)),
                _ => "undated".into(),
            }
        );
    }
    body.push_str("</table><h2>Latest statements</h2>");
    body.push_str(&statement_list(&latest.items));
    Ok(Html(page("Home", "", &body)))
}

/// Who a speaker page is about: a known actor, or a name matched loosely.
enum Who {
    Actor(verbatim_store::ActorRow),
    Name(String),
}

fn resolve(s: &Store, key: &str) -> Result<Who, StoreError> {
    if let Some(a) = s.actor(key)? {
        return Ok(Who::Actor(a));
    }
    let ids = s.resolve_speaker(key)?;
    if let [id] = ids.as_slice() {
        if let Some(a) = s.actor(id)? {
            return Ok(Who::Actor(a));
        }
    }
    Ok(Who::Name(key.to_string()))
}

pub(crate) async fn speaker(
    State(st): State<AppState>,
    Path(key): Path<String>,
    Query(p): Query<UiParams>,
) -> UiResult {
    let offset = p.offset();
    let k = key.clone();
    let (who, days, outlets, list) = st
        .pool
        .run(move |s| {
            let who = resolve(s, &k)?;
            let mut q = StatementQuery {
                limit: PAGE,
                offset,
                ..StatementQuery::default()
            };
            // By name even for a known actor: that also finds statements whose speaker the
            // stages named but did not resolve.
            q.speaker = Some(match &who {
                Who::Actor(a) => a.name.clone(),
                Who::Name(n) => n.clone(),
            });
            Ok((
                who,
                s.statement_days(&q)?,
                s.statement_outlets(&q)?,
                s.statements(&q)?,
            ))
        })
        .await?;
    let (name, intro) = match &who {
        Who::Actor(a) => (
            a.name.clone(),
            format!(
                "<p class=\"muted\">{} · id <code>{}</code> · {} statements · {} mentions</p>",
                esc(a.kind.as_deref().unwrap_or("actor")),
                esc(&a.id),
                list.total,
                a.mention_count
            ),
        ),
        Who::Name(n) => {
            if list.total == 0 {
                return Err(not_found(format!(
                    "No statements by a speaker called “{n}”."
                )));
            }
            (
                n.clone(),
                "<p class=\"muted\">Not a resolved actor: statements whose speaker's name \
                 contains this text.</p>"
                    .to_string(),
            )
        }
    };
    let mut body = format!("<h1 id=\"speaker\">{}</h1>{intro}", esc(&name));
    let _ = write!(
        body,
        "<h2>Statements over time</h2>{}<h2>Carried by</h2><table id=\"carried\"><tr><th>Outlet</th><th>Statements</th></tr>",
        day_chart(&days)
    );
    for o in &outlets {
        let outlet = match &o.outlet {
            Some(name) => format!("<a href=\"/outlet/{}\">{}</a>", enc(name), esc(name)),
            None => "<span class=\"muted\">no outlet named</span>".into(),
        };
        let _ = write!(
            body,
            "<tr><td>{outlet}</td><td class=\"n\">{}</td></tr>",
            o.count
        );
    }
    body.push_str("</table><h2>Statements</h2>");
    body.push_str(&statement_list(&list.items));
    body.push_str(&pager(
        &format!("/speaker/{}", enc(&key)),
        offset,
        list.items.len(),
        list.total,
    ));
    Ok(Html(page(&name, "", &body)))
}

pub(crate) async fn statement(State(st): State<AppState>, Path(id): Path<String>) -> UiResult {
    let n: i64 = id
        .parse()
        .map_err(|_| not_found(format!("No statement {id}.")))?;
    let (row, doc) = st
        .pool
        .run(move |s| {
            let Some(row) = s.statement(n)? else {
                return Ok(None);
            };
            let doc = s.doc(&row.doc_id)?;
            Ok(Some((row, doc)))
        })
        .await?
        .ok_or_else(|| not_found(format!("No statement {n}.")))?;
    let mut body = format!(
        "<h1>Statement {n}</h1><blockquote id=\"content\">{}</blockquote><dl>",
        esc(&row.content)
    );
    let speaker = match (&row.speaker, &row.speaker_id) {
        (Some(name), Some(id)) => format!("<a href=\"/speaker/{}\">{}</a>", enc(id), esc(name)),
        (Some(name), None) => format!("<a href=\"/speaker/{}\">{}</a>", enc(name), esc(name)),
        _ => "<span class=\"muted\">unattributed</span>".into(),
    };
    let opt = |v: &Option<String>| esc(v.as_deref().unwrap_or("—"));
    let outlet = row.outlet.as_deref().map_or("—".to_string(), |o| {
        format!("<a href=\"/outlet/{}\">{}</a>", enc(o), esc(o))
    });
    let _ = write!(
        body,
        "<dt>Speaker</dt><dd id=\"f-speaker\">{speaker}</dd>\
         <dt>Kind</dt><dd id=\"f-kind\">{}</dd>\
         <dt>Cue</dt><dd id=\"f-cue\">{}</dd>\
         <dt>Source</dt><dd>{}</dd>\
         <dt>Relay</dt><dd id=\"f-relay\">{}</dd>\
         <dt>Audience</dt><dd id=\"f-audience\">{}</dd>\
         <dt>Confidence</dt><dd>{:.2}</dd>\
         <dt>Outlet</dt><dd>{outlet}</dd>\
         <dt>Published</dt><dd>{}</dd>\
         <dt>Article</dt><dd><a href=\"/doc/{}\">{}</a></dd></dl>",
        esc(&row.kind),
        opt(&row.cue),
        opt(&row.source),
        opt(&row.relay),
        opt(&row.audience),
        row.confidence,
        opt(&row.published),
        enc(&row.doc_id),
        esc(row.title.as_deref().unwrap_or(&row.doc_id)),
    );
    if let Some(doc) = doc {
        // The article holding the statement, or the whole text.
        let range = row
            .article
            .and_then(|i| doc.layers.articles.get(i as usize))
            .map(|a| a.span.range())
            .filter(|r| r.end <= doc.text.len())
            .unwrap_or(0..doc.text.len());
        let mut spans: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        if let Some(s) = doc.layers.statements.get(row.idx as usize) {
            spans.extend(s.content.iter().map(|sp| (sp.range(), "content")));
            spans.extend(s.cue.iter().map(|sp| (sp.range(), "cue")));
            spans.extend(s.source.iter().map(|sp| (sp.range(), "src")));
            spans.extend(s.relay.iter().map(|sp| (sp.range(), "relay")));
            spans.extend(s.audience.iter().map(|sp| (sp.range(), "aud")));
        }
        let _ = write!(
            body,
            "<h2>In the source</h2><p class=\"muted\"><mark class=\"content\">content</mark> \
             <mark class=\"cue\">cue</mark> <mark class=\"src\">source</mark> \
             <mark class=\"relay\">relay / audience</mark></p><div class=\"text\" id=\"source-text\">{}</div>",
            highlight(&doc.text, range, &spans)
        );
    }
    Ok(Html(page(&format!("Statement {n}"), "", &body)))
}

pub(crate) async fn outlet(
    State(st): State<AppState>,
    Path(name): Path<String>,
    Query(p): Query<UiParams>,
) -> UiResult {
    let offset = p.offset();
    let n = name.clone();
    let (days, list, articles) = st
        .pool
        .run(move |s| {
            let q = StatementQuery {
                outlet: Some(n.clone()),
                limit: PAGE,
                offset,
                ..StatementQuery::default()
            };
            Ok((
                s.statement_days(&q)?,
                s.statements(&q)?,
                s.outlet_articles(&n, PAGE, 0)?,
            ))
        })
        .await?;
    if articles.total == 0 && list.total == 0 {
        return Err(not_found(format!("No outlet called “{name}”.")));
    }
    let mut body = format!(
        "<h1 id=\"outlet\">{}</h1><p class=\"muted\">{} articles · {} statements</p>\
         <h2>Statements over time</h2>{}<h2>Articles</h2><table id=\"articles\"><tr><th>Title</th><th>Published</th><th>Statements</th></tr>",
        esc(&name),
        articles.total,
        list.total,
        day_chart(&days)
    );
    for a in &articles.items {
        let _ = write!(
            body,
            "<tr><td><a href=\"/doc/{}#a{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td></tr>",
            enc(&a.doc_id),
            a.idx,
            esc(a.title.as_deref().unwrap_or("(untitled)")),
            esc(a.published.as_deref().unwrap_or("undated")),
            a.statements
        );
    }
    body.push_str("</table><h2>Statements</h2>");
    body.push_str(&statement_list(&list.items));
    body.push_str(&pager(
        &format!("/outlet/{}", enc(&name)),
        offset,
        list.items.len(),
        list.total,
    ));
    Ok(Html(page(&name, "", &body)))
}

fn or_dash(s: &str) -> String {
    if s.is_empty() {
        "—".into()
    } else {
        esc(s)
    }
}

pub(crate) async fn doc(State(st): State<AppState>, Path(id): Path<String>) -> UiResult {
    let key = id.clone();
    let (doc, rows) = st
        .pool
        .run(move |s| {
            let Some(doc) = s.doc(&key)? else {
                return Ok(None);
            };
            let rows = s.doc_statements(&key)?;
            Ok(Some((doc, rows)))
        })
        .await?
        .ok_or_else(|| not_found(format!("No document {id}.")))?;
    let m = &doc.meta;
    let title = m
        .title
        .clone()
        .or_else(|| doc.layers.articles.first().and_then(|a| a.title.clone()))
        .unwrap_or_else(|| m.source.clone());
    let url = match &m.url {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
            format!(
                "<a href=\"{0}\" rel=\"noreferrer nofollow\">{0}</a>",
                esc(u)
            )
        }
        Some(u) => esc(u),
        None => "—".into(),
    };
    let opt = |v: &Option<String>| esc(v.as_deref().unwrap_or("—"));
    let mut body = format!(
        "<h1 id=\"doc-title\">{}</h1><dl><dt>Id</dt><dd><code>{}</code></dd>\
         <dt>Source</dt><dd>{}</dd><dt>URL</dt><dd>{url}</dd><dt>Outlet</dt><dd>{}</dd>\
         <dt>Published</dt><dd>{}</dd><dt>Language</dt><dd>{}</dd><dt>Format</dt><dd>{}</dd>\
         <dt>Authors</dt><dd>{}</dd><dt>Warnings</dt><dd>{}</dd></dl>",
        esc(&title),
        esc(&doc.id),
        esc(&m.source),
        opt(&m.outlet),
        esc(&m.published.map_or("—".into(), |p| p.to_rfc3339())),
        opt(&m.language),
        esc(m.format.map_or("—", |f| f.as_str())),
        or_dash(&m.authors.join(", ")),
        or_dash(&m.warnings.join("; ")),
    );
    if !doc.layers.articles.is_empty() {
        body.push_str("<h2>Articles</h2><ol start=\"0\">");
        for (i, a) in doc.layers.articles.iter().enumerate() {
            let _ = write!(
                body,
                "<li id=\"a{i}\">{} <span class=\"muted\">{} · {}</span></li>",
                esc(a.title.as_deref().unwrap_or("(untitled)")),
                esc(a.outlet.as_deref().unwrap_or("unknown outlet")),
                esc(&a.published.map_or("undated".into(), |p| p.to_rfc3339())),
            );
        }
        body.push_str("</ol>");
    }
    let _ = write!(body, "<h2>Statements ({})</h2>", rows.len());
    body.push_str(&statement_list(&rows));
    let spans: Vec<(std::ops::Range<usize>, &str)> = doc
        .layers
        .statements
        .iter()
        .flat_map(|s| s.content.iter().map(|sp| (sp.range(), "content")))
        .collect();
    let _ = write!(
        body,
        "<h2>Text</h2><div class=\"text\" id=\"doc-text\">{}</div>",
        highlight(&doc.text, 0..doc.text.len(), &spans)
    );
    Ok(Html(page(&title, "", &body)))
}
