//! One module per subcommand, each with `Args` and `run`.
//! Exit status: 0 all inputs taken, 1 some inputs rejected, 2 usage or fatal error.

use std::path::PathBuf;

pub mod actors;
pub mod bench;
pub mod docs;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod serve;
pub mod show;
pub mod statements;
pub mod stats;

/// Options shared by every command.
pub struct Global {
    pub store: Option<PathBuf>,
}
