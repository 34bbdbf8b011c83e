//! A bounded cache of rendered JSON answers, keyed by the normalised query and emptied
//! whenever the store changes (SQLite's `data_version`, read by [`crate::Watch`]), so it
//! never serves stale rows.
//! An analyst's UI asks for the same speaker and outlet pages again and again; a hit costs
//! a hash lookup instead of a query and its serialisation. Concurrent misses on one key run
//! the query once and share its answer.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use tokio::sync::OnceCell;

use crate::{lock, ApiError};

pub(crate) struct Cache {
    inner: Mutex<Inner>,
    max_entries: usize,
    max_bytes: usize,
}

type Cell = Arc<OnceCell<Bytes>>;

struct Entry {
    cell: Cell,
    /// The answer's size once known (0 while it is computed).
    len: usize,
}

struct Inner {
    version: u64,
    map: HashMap<String, Entry>,
    bytes: usize,
}

impl Inner {
    /// Drop arbitrary entries (hash order) until both bounds hold; the bounds are small, so
    /// the scan is cheap, and no entry is worth tracking recency for.
    fn shrink_to(&mut self, entries: usize, bytes: usize) {
        while self.map.len() > entries || self.bytes > bytes {
            let Some(victim) = self.map.keys().next().cloned() else {
                break;
            };
            if let Some(e) = self.map.remove(&victim) {
                self.bytes -= e.len;
            }
        }
    }
}

impl Cache {
    pub(crate) fn new(max_entries: usize, max_bytes: usize) -> Cache {
        Cache {
            inner: Mutex::new(Inner {
                version: 0,
                map: HashMap::new(),
                bytes: 0,
            }),
            max_entries: max_entries.max(1),
            max_bytes,
        }
    }

    /// The answer for `key` at store `version` (the current one, from [`crate::Watch`]):
    /// kept, being computed by another request (then awaited), or computed by `run` here.
    pub(crate) async fn get_or_run<Fut>(
        &self,
        version: u64,
        key: String,
        run: Fut,
    ) -> Result<Bytes, ApiError>
    where
        Fut: Future<Output = Result<Bytes, ApiError>>,
    {
        let cell = self.cell(version, &key);
        if let Some(body) = cell.get() {
            return Ok(body.clone());
        }
        // If the request computing it fails, the next waiter runs its own `run`.
        let body = cell
            .get_or_try_init(|| async {
                let body = run.await?;
                self.account(version, &key, &cell, body.len());
                Ok::<_, ApiError>(body)
            })
            .await?;
        Ok(body.clone())
    }

    fn cell(&self, version: u64, key: &str) -> Cell {
        let mut inner = lock(&self.inner);
        if inner.version != version {
            inner.map.clear();
            inner.bytes = 0;
            inner.version = version;
        }
        if let Some(e) = inner.map.get(key) {
            return e.cell.clone();
        }
        inner.shrink_to(self.max_entries - 1, self.max_bytes);
        let cell = Cell::default();
        let entry = Entry {
            cell: cell.clone(),
            len: 0,
        };
        inner.map.insert(key.to_string(), entry);
        cell
    }

    /// Count a finished answer against the byte bound; one too big to keep is dropped.
    fn account(&self, version: u64, key: &str, cell: &Cell, len: usize) {
        let mut inner = lock(&self.inner);
        if inner.version != version {
            return; // already emptied: the answer may predate the change
        }
        // Only our own entry: it may have been evicted, and the key taken by a new one.
        let Some(e) = inner
            .map
            .get_mut(key)
            .filter(|e| Arc::ptr_eq(&e.cell, cell))
        else {
            return;
        };
        if len > self.max_bytes / 4 {
            inner.map.remove(key);
            return;
        }
        e.len = len;
        inner.bytes += len;
        inner.shrink_to(self.max_entries, self.max_bytes);
    }
}
