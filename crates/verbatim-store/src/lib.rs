//! The embedded store: one SQLite file (bundled, WAL mode) with a versioned schema and
//! FTS5 full-text indexes.
//!
//! A document's text is stored once, with its metadata and layers; articles, statements,
//! mentions and actors are derived rows for filtering. FTS5 lives in the same file as the
//! data, so one transaction covers a document and its index entries: a crash cannot leave
//! the index out of step with the rows it indexes.

mod index;
mod read;
mod schema;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde::{Deserialize, Serialize};

pub use index::StatementIndex;
pub use read::{
    fts_query, ActorQuery, ActorRow, ArticleHit, ArticleRow, DayCount, DocSummary, OutletCount,
    OutletRow, Page, SearchResults, SpeakerCount, StatementQuery, StatementRow, Stats,
    DEFAULT_LIMIT, MAX_LIMIT,
};
pub use schema::SCHEMA_VERSION;
pub use write::Indexing;

/// Marks the start of a matched term in search snippets (a private-use character, so it
/// survives HTML escaping and can be swapped for `<mark>` afterwards).
pub const HIT_START: char = '\u{E000}';
/// Marks the end of a matched term in search snippets.
pub const HIT_END: char = '\u{E001}';

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "store {path} has schema version {found}, newer than this build of verbatim knows \
         ({known}); use a newer verbatim"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error(
        "store {path} has schema version {found}, older than {known}; open it read-write \
         once (e.g. `verbatim stats`) to migrate it"
    )]
    NeedsMigration {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("store {0} does not exist")]
    NotFound(PathBuf),
    #[error("document {doc}: {what}")]
    InvalidDoc { doc: String, what: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What [`Store::insert_docs`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsertReport {
    /// Documents added.
    pub new: usize,
    /// Documents skipped because their content hash was already stored.
    pub present: usize,
}

/// A handle on one store file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Match counts by filter, on read-only handles only: `data_version` tells them of
    /// every commit, while a handle's own commits would not move it.
    counts: Option<std::sync::Mutex<read::CountCache>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Address space only: pages come in as they are touched, shared with the OS page cache.
const READ_MMAP_BYTES: i64 = 1 << 30;
/// Negative: KiB, not pages (SQLite's convention).
const READ_CACHE_KIB: i64 = -16 * 1024;
const NEW_PAGE_SIZE: i64 = 16 * 1024;

impl Store {
    /// Open (creating it and its parent directory if needed) and migrate a store.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Takes effect only on a new file (before its first write). Larger pages mean fewer
        // WAL frames, syscalls and overflow pages per document's text; existing stores keep
        // theirs.
        conn.pragma_update(None, "page_size", NEW_PAGE_SIZE)?;
        // journal_mode returns a row, so it is queried rather than set with pragma_update.
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        debug_assert!(mode.eq_ignore_ascii_case("wal") || path.as_os_str() == ":memory:");
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.set_prepared_statement_cache_capacity(64);
        migrate(&mut conn, path)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            counts: None,
        };
        // Rows a deferred insert stored and no index pass reached (a crash between the two).
        store.index_pending()?;
        Ok(store)
    }

    /// Open an existing store for reading only; it must be at this build's schema version.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NotFound(path.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.set_prepared_statement_cache_capacity(64);
        // Readers map the file instead of copying each page through read(2) (a tenth of a
        // query's CPU under load), and keep more of it cached between queries.
        conn.pragma_update(None, "mmap_size", READ_MMAP_BYTES)?;
        conn.pragma_update(None, "cache_size", READ_CACHE_KIB)?;
        let found = user_version(&conn)?;
        check_version(path, found)?;
        if found < SCHEMA_VERSION {
            return Err(StoreError::NeedsMigration {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            counts: Some(Default::default()),
        })
    }

    /// Copy the write-ahead log into the store file and empty it.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A handle that cancels the query running on this connection from another thread: a
    /// server uses it to bound a request's cost.
    pub fn interrupt_handle(&self) -> Interrupt {
        Interrupt(self.conn.get_interrupt_handle())
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<u32> {
        user_version(&self.conn)
    }

    /// Changes whenever another connection (or process) commits to the store: a cache of
    /// query results keyed on it is never stale. Only comparable on this same handle.
    pub fn data_version(&self) -> Result<u64> {
        Ok(self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?)
    }
}

/// Cancels the statement running on the connection it came from (see
/// [`Store::interrupt_handle`]); that query then fails with an "interrupted" error.
pub struct Interrupt(rusqlite::InterruptHandle);

impl Interrupt {
    pub fn interrupt(&self) {
        self.0.interrupt();
    }
}

impl StoreError {
    /// Whether the error is a query cancelled through an [`Interrupt`].
    pub fn is_interrupted(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::OperationInterrupted
        )
    }
}

fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?)
}

fn check_version(path: &Path, found: u32) -> Result<()> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Run the migrations the store lacks, each in its own IMMEDIATE transaction; the version is
/// re-read inside the transaction so two processes opening a new store do not both migrate.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    migrate_with(conn, path, schema::MIGRATIONS)
}

fn migrate_with(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<()> {
    let known = migrations.len() as u32;
    let too_new = |found| StoreError::TooNew {
        path: path.to_path_buf(),
        found,
        known,
    };
    if user_version(conn)? > known {
        return Err(too_new(user_version(conn)?));
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = user_version(&tx)?;
        if v > known {
            return Err(too_new(v));
        }
        if v == known {
            return Ok(());
        }
        tx.execute_batch(migrations[v as usize])?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
    }
}

/// Lowercase, accents and script folded to ASCII, whitespace collapsed: the key speaker
/// names are matched on, so "Vóronov", "VORONOV" and "voronov" agree.
pub fn fold(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    ascii.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
