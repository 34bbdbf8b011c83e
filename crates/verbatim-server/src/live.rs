//! The in-memory statement index (`verbatim_store::StatementIndex`) kept current with the
//! store. It is built before the server answers its first request, and rebuilt on a thread
//! of its own after the store changes; an index is used only for the store version it was
//! built at, so while a rebuild runs, statement queries go to SQL and are never stale.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use verbatim_store::{StatementIndex, Store, StoreError};

use crate::{lock, Watch};

pub(crate) struct LiveIndex {
    watch: Arc<Watch>,
    /// The connection builds read through (one build at a time).
    store: Mutex<Store>,
    max_statements: usize,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// The store version last built for, and its index: None when the store was over the
    /// size bound or the build failed (not retried until the store changes).
    built: Option<(u64, Option<Arc<StatementIndex>>)>,
    building: bool,
    /// When the next rebuild may start: never sooner than the last one took, so a store
    /// being written to all the time costs rebuilds at most half of one core.
    next_build: Option<Instant>,
}

/// What a rebuild came to.
enum Outcome {
    /// The index was already at the store's version.
    Current,
    /// Built for this version (None: the store is over the size bound).
    Built(u64, Option<Arc<StatementIndex>>),
    /// Failed, at this version if it could be read.
    Failed(Option<u64>, StoreError),
}

impl LiveIndex {
    /// Open a connection for builds and build the index for the store as it is now.
    pub(crate) fn open(store: Store, watch: Arc<Watch>, max_statements: usize) -> Arc<LiveIndex> {
        let live = Arc::new(LiveIndex {
            watch,
            store: Mutex::new(store),
            max_statements,
            state: Mutex::default(),
        });
        lock(&live.state).building = true;
        live.rebuild();
        live
    }

    /// The index for store `version` (the current one, as the request read it), if it is
    /// built; otherwise None, and a rebuild starts unless one is running or due later.
    pub(crate) fn at(self: &Arc<Self>, version: u64) -> Option<Arc<StatementIndex>> {
        let mut st = lock(&self.state);
        if let Some((v, index)) = &st.built {
            if *v == version {
                return index.clone();
            }
        }
        if st.building || st.next_build.is_some_and(|t| Instant::now() < t) {
            return None;
        }
        st.building = true;
        drop(st);
        let live = self.clone();
        let spawned = std::thread::Builder::new()
            .name("statement-index".into())
            .spawn(move || live.rebuild());
        if spawned.is_err() {
            lock(&self.state).building = false;
        }
        None
    }

    /// Build for the store's current version, unless the index already is at it (a request
    /// may have read the version before the last rebuild did).
    fn rebuild(&self) {
        let started = Instant::now();
        let outcome = self.build();
        let mut st = lock(&self.state);
        st.building = false;
        st.next_build = Some(Instant::now() + started.elapsed());
        match outcome {
            Outcome::Current => {}
            Outcome::Built(version, index) => st.built = Some((version, index)),
            Outcome::Failed(version, e) => {
                eprintln!("verbatim-server: statement index not built, answering from SQL: {e}");
                if let Some(version) = version {
                    st.built = Some((version, None));
                }
            }
        }
    }

    fn build(&self) -> Outcome {
        // The version is read before the build's snapshot is taken, so the index holds that
        // version's rows or newer ones: never older than what it is used for.
        let version = match self.watch.version() {
            Ok(v) => v,
            Err(e) => return Outcome::Failed(None, e),
        };
        {
            let mut st = lock(&self.state);
            if matches!(&st.built, Some((v, _)) if *v == version) {
                return Outcome::Current;
            }
            // A stale index is never used again: free it before building the next.
            st.built = None;
        }
        match lock(&self.store).statement_index(self.max_statements) {
            Ok(index) => Outcome::Built(version, index.map(Arc::new)),
            Err(e) => Outcome::Failed(Some(version), e),
        }
    }

    /// Wait until the index is settled for the store's current version (tests): no
    /// rebuild running or held back by the rate limit, and one run for the current version
    /// if it is not built yet. (On a loaded machine the first build can take longer than
    /// a test takes to write, so a rebuild asked for meanwhile was only deferred.)
    #[cfg(test)]
    pub(crate) fn settle(self: &Arc<Self>) {
        let wait = |busy: &dyn Fn(&State) -> bool| {
            while busy(&lock(&self.state)) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        };
        wait(&|st| st.building || st.next_build.is_some_and(|t| Instant::now() < t));
        if let Ok(version) = self.watch.version() {
            if self.at(version).is_none() {
                wait(&|st| st.building);
            }
        }
    }
}
