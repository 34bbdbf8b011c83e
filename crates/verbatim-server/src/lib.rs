//! The JSON API and web UI over a store.
//!
//! Reads run on a small pool of read-only SQLite connections inside `spawn_blocking`, so a
//! slow query never stalls the async workers; each request has a deadline, and a query
//! still running at the deadline is interrupted, so its cost is bounded, not just its wait.
//! Statement queries are answered from an in-memory index of the statements when the store
//! is within its size bound (see `live`), and from SQL otherwise. They also repeat (the same
//! speaker pages, again and again), so their JSON is kept in a bounded cache. Both follow
//! the store's version, so neither ever serves an answer older than the store.

mod api;
mod cache;
mod html;
mod live;
mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tokio::sync::Semaphore;
use tokio::time::{timeout_at, Instant};
use verbatim_store::{StatementQuery, Store, StoreError};

/// How the server reads its store.
#[derive(Clone, Debug)]
pub struct Config {
    pub store: PathBuf,
    /// Read-only connections in the pool.
    pub connections: usize,
    /// Longest a request may wait for and use a connection.
    pub timeout: Duration,
    /// Most JSON answers kept for repeated queries (0: no cache).
    pub cache_entries: usize,
    /// Most bytes of JSON answers kept.
    pub cache_bytes: usize,
    /// Most statements held in the in-memory statement index (0: no index); a larger
    /// store is queried with SQL. The index costs about 800 bytes a statement (measured
    /// on the demo corpus; longer statements cost more), so about 200 MB at the default.
    pub index_max_statements: usize,
}

impl Config {
    pub fn new(store: PathBuf) -> Config {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            store,
            connections: cores.clamp(2, 8),
            timeout: Duration::from_secs(5),
            cache_entries: 4096,
            cache_bytes: 64 << 20,
            index_max_statements: 250_000,
        }
    }
}

/// A fixed set of read-only connections; a semaphore hands them out.
struct Pool {
    conns: Arc<Mutex<Vec<Store>>>,
    permits: Arc<Semaphore>,
    timeout: Duration,
}

impl Pool {
    fn open(cfg: &Config) -> Result<Pool, StoreError> {
        let n = cfg.connections.max(1);
        let conns = (0..n)
            .map(|_| Store::open_read_only(&cfg.store))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Pool {
            conns: Arc::new(Mutex::new(conns)),
            permits: Arc::new(Semaphore::new(n)),
            timeout: cfg.timeout,
        })
    }

    /// Run `f` on a pooled connection off the async workers, within the request deadline.
    async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        self.run_until(Instant::now() + self.timeout, f).await
    }

    async fn run_until<T, F>(&self, deadline: Instant, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        let permit = timeout_at(deadline, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| ApiError::Timeout)?
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        // Work is not started past the deadline, even if a connection was free.
        if Instant::now() >= deadline {
            return Err(ApiError::Timeout);
        }
        let store = lock(&self.conns)
            .pop()
            .ok_or_else(|| ApiError::Internal("connection pool empty".into()))?;
        let interrupt = store.interrupt_handle();
        let conns = self.conns.clone();
        let mut task = tokio::task::spawn_blocking(move || {
            // Catch a panic so the connection always goes back to the pool.
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&store)));
            lock(&conns).push(store);
            drop(permit);
            out
        });
        match timeout_at(deadline, &mut task).await {
            Ok(Ok(Ok(result))) => result.map_err(ApiError::from),
            Ok(Ok(Err(_))) => Err(ApiError::Internal("query panicked".into())),
            Ok(Err(e)) => Err(ApiError::Internal(e.to_string())),
            Err(_) => {
                interrupt.interrupt();
                Err(ApiError::Timeout)
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Searches reading more posting entries than this (about 0.2 ms of work) run on the
/// blocking pool rather than on an async worker, which other requests share. Tests' stores
/// are tiny: a bound of a few entries sends their searches down both paths.
const INLINE_TEXT_COST: usize = if cfg!(test) { 4 } else { 20_000 };

/// The store's `data_version`, read on a connection of its own (a value is comparable only
/// with earlier ones from the same connection). The response cache and the statement index
/// key on it.
pub(crate) struct Watch(Mutex<Store>);

impl Watch {
    /// A read of the WAL index in shared memory: microseconds, fine on an async worker.
    pub(crate) fn version(&self) -> Result<u64, StoreError> {
        lock(&self.0).data_version()
    }
}

/// What the handlers share, behind one `Arc`: axum clones the state for every request and
/// every route of every connection, and each clone is then one count, not one per part.
#[derive(Clone)]
pub(crate) struct AppState(Arc<Shared>);

pub(crate) struct Shared {
    pool: Pool,
    watch: Arc<Watch>,
    cache: Option<cache::Cache>,
    index: Option<Arc<live::LiveIndex>>,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// A page of statements as a JSON response: from the index when it is built for the
    /// store's current version (microseconds, so on this async worker), else from SQL on
    /// the pool; kept in the cache for this store version.
    pub(crate) async fn statements(&self, q: StatementQuery) -> Result<Response, ApiError> {
        // One deadline for waiting on another request's answer and for computing our own.
        let deadline = Instant::now() + self.pool.timeout;
        let version = self.watch.version()?;
        let index = self.index.as_ref().and_then(|ix| ix.at(version));
        let key = self.cache.as_ref().map(|_| format!("statements {q:?}"));
        let run = async move {
            // Work is not started past the deadline.
            if Instant::now() >= deadline {
                return Err(ApiError::Timeout);
            }
            if let Some(index) = index {
                let body = if index.text_cost(&q) <= INLINE_TEXT_COST {
                    index.statements_json(&q)
                } else {
                    // On the pool: as many at once as SQL queries, under the same deadline.
                    let q = q.clone();
                    self.pool
                        .run_until(deadline, move |_| Ok(index.statements_json(&q)))
                        .await?
                };
                if let Some(body) = body {
                    return Ok(Bytes::from(body));
                }
            }
            self.pool
                .run_until(deadline, move |s| {
                    Ok(Bytes::from(serde_json::to_vec(&s.statements(&q)?)?))
                })
                .await
        };
        let body = match (&self.cache, key) {
            (Some(cache), Some(key)) => timeout_at(deadline, cache.get_or_run(version, key, run))
                .await
                .map_err(|_| ApiError::Timeout)??,
            _ => run.await?,
        };
        Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
    }
}

/// What can go wrong serving a request; the API answers `{"error": "..."}`.
#[derive(Debug)]
pub(crate) enum ApiError {
    BadRequest(String),
    NotFound(String),
    Timeout,
    Internal(String),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        if e.is_interrupted() {
            ApiError::Timeout
        } else {
            ApiError::Internal(e.to_string())
        }
    }
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self) -> String {
        match self {
            ApiError::BadRequest(m) | ApiError::NotFound(m) | ApiError::Internal(m) => m.clone(),
            ApiError::Timeout => "the query took too long and was cancelled".into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status(),
            Json(serde_json::json!({ "error": self.message() })),
        )
            .into_response()
    }
}

/// The routes, API and UI, over a store opened read-only. The statement index is built
/// here, so the first request already finds it.
pub fn router(cfg: &Config) -> Result<Router, StoreError> {
    let watch = Arc::new(Watch(Mutex::new(Store::open_read_only(&cfg.store)?)));
    let cache = (cfg.cache_entries > 0 && cfg.cache_bytes > 0)
        .then(|| cache::Cache::new(cfg.cache_entries, cfg.cache_bytes));
    let index = if cfg.index_max_statements > 0 {
        let store = Store::open_read_only(&cfg.store)?;
        Some(live::LiveIndex::open(
            store,
            watch.clone(),
            cfg.index_max_statements,
        ))
    } else {
        None
    };
    let state = AppState(Arc::new(Shared {
        pool: Pool::open(cfg)?,
        watch,
        cache,
        index,
    }));
    Ok(Router::new()
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/stats", get(api::stats))
        .route("/api/docs", get(api::docs))
        .route("/api/docs/{id}", get(api::doc))
        .route("/api/statements", get(api::statements))
        .route("/api/statements.csv", get(api::statements_csv))
        .route("/api/statements.jsonl", get(api::statements_jsonl))
        .route("/api/statements/{id}", get(api::statement))
        .route("/api/actors", get(api::actors))
        .route("/api/outlets", get(api::outlets))
        .route("/api/search", get(api::search))
        .route("/", get(ui::home))
        .route("/speaker/{key}", get(ui::speaker))
        .route("/statement/{id}", get(ui::statement))
        .route("/outlet/{name}", get(ui::outlet))
        .route("/doc/{id}", get(ui::doc))
        .fallback(ui::not_found_page)
        .with_state(state))
}

/// Serve `router` on `listener` until Ctrl-C.
pub async fn serve(listener: tokio::net::TcpListener, router: Router) -> std::io::Result<()> {
    // Each connection shares the router (one count); served as a plain Router, axum would
    // rebuild every route for each connection and drop them all when it closes.
    axum::serve(listener, router.into_make_service())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Bind `addr` and serve the store in `cfg`; `on_bound` hears the address actually bound
/// (port 0 picks a free one).
pub async fn run(
    cfg: Config,
    addr: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let router = router(&cfg).map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    on_bound(listener.local_addr()?);
    serve(listener, router).await
}

/// [`run`] on a runtime of its own, for callers that are not async (the CLI).
pub fn run_blocking(
    cfg: Config,
    addr: SocketAddr,
    on_bound: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run(cfg, addr, on_bound))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod e2e;
